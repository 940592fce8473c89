#pragma once

#include <QString>

namespace Bursar::Ui {

enum class StripeMode { None, Test, Live, Unknown };

// The mode a Stripe secret or restricted key works in, from its prefix:
// sk_test_/rk_test_ = Test, sk_live_/rk_live_ = Live. Local until app/stripe offers the same helper.
inline StripeMode stripeModeForKey(const QString& key)
{
    if (key.isEmpty())
        return StripeMode::None;
    if (key.startsWith(QLatin1StringView("sk_test_")) || key.startsWith(QLatin1StringView("rk_test_")))
        return StripeMode::Test;
    if (key.startsWith(QLatin1StringView("sk_live_")) || key.startsWith(QLatin1StringView("rk_live_")))
        return StripeMode::Live;
    return StripeMode::Unknown;
}

} // namespace Bursar::Ui
