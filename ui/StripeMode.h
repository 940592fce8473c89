#pragma once

#include "stripe/StripeTypes.h"

#include <QString>

namespace Bursar::Ui {

// The Stripe mode as the status bar shows it: None (no key) in addition to Stripe::StripeMode.
enum class StripeMode { None, Test, Live, Unknown };

// sk_test_/rk_test_ = Test, sk_live_/rk_live_ = Live (the rule lives in Stripe::modeForKey).
inline StripeMode stripeModeForKey(const QString& key)
{
    if (key.isEmpty())
        return StripeMode::None;
    switch (Stripe::modeForKey(key)) {
    case Stripe::StripeMode::Test:
        return StripeMode::Test;
    case Stripe::StripeMode::Live:
        return StripeMode::Live;
    case Stripe::StripeMode::Invalid:
        break;
    }
    return StripeMode::Unknown;
}

} // namespace Bursar::Ui
