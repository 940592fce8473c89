#include "StripeLogging.h"

namespace Bursar::Stripe {
Q_LOGGING_CATEGORY(lcStripe, "bursar.stripe")
} // namespace Bursar::Stripe
