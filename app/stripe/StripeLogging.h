#pragma once

#include <QLoggingCategory>

namespace Bursar::Stripe {
// bursar.stripe: method, path, status, request id, attempt and duration only; never keys or headers.
Q_DECLARE_LOGGING_CATEGORY(lcStripe)
} // namespace Bursar::Stripe
