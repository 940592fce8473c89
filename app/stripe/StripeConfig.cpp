#include "StripeConfig.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Stripe::StripeConfig)
};
} // namespace

void StripeConfig::setApiBase(const QUrl& base)
{
    apiBase = base;
    filesBase = base;
}

QString StripeConfig::keyProblem(const QString& key)
{
    if (key.trimmed().isEmpty())
        return Text::tr(
            "No Stripe API key is configured. Set BURSAR_STRIPE_KEY to a secret key (sk_test_... or "
            "sk_live_...) or a restricted key (rk_...) from the Stripe Dashboard.");
    if (key.startsWith("pk_"_L1))
        return Text::tr("The configured Stripe key is a publishable key (pk_...), which cannot be used here. "
                        "Bursar needs a secret key (sk_...) or a restricted key (rk_...).");
    if (key.startsWith("whsec_"_L1))
        return Text::tr(
            "The configured Stripe key is a webhook signing secret (whsec_...). Bursar needs a secret "
            "key (sk_...) or a restricted key (rk_...).");
    if (key != key.trimmed())
        return Text::tr("The configured Stripe key has spaces or line breaks around it. Remove them.");
    if (modeForKey(key) == StripeMode::Invalid)
        return Text::tr(
            "The configured Stripe key is not valid: it must start with sk_test_, sk_live_, rk_test_ "
            "or rk_live_ followed by letters and digits.");
    return {};
}

QString StripeConfig::baseProblem(const QUrl& base)
{
    if (!base.isValid() || base.host().isEmpty())
        return Text::tr("The Stripe API address is not a valid URL.");
    if (base.scheme() == u"https")
        return {};
    if (base.scheme() == u"http") {
        const QHostAddress address(base.host());
        if (base.host() == u"localhost" || (!address.isNull() && address.isLoopback()))
            return {};
        return Text::tr("The Stripe API address uses plain http; that is only allowed for a local emulator "
                        "(127.0.0.1 or localhost).");
    }
    return Text::tr("The Stripe API address must start with https://.");
}

StripeConfig::Loaded StripeConfig::fromEnvironment(const QProcessEnvironment& env)
{
    StripeConfig c;
    c.secretKey = env.value(u"BURSAR_STRIPE_KEY"_s);
    if (const QString problem = keyProblem(c.secretKey); !problem.isEmpty())
        return {std::nullopt, problem};

    const QString base = env.value(u"BURSAR_STRIPE_API_BASE"_s).trimmed();
    if (!base.isEmpty()) {
        QUrl url(base);
        if (url.path().endsWith(u'/'))
            url.setPath(url.path().chopped(1));
        if (const QString problem = baseProblem(url); !problem.isEmpty())
            return {std::nullopt, problem};
        c.setApiBase(url);
    }

    if (const QString rate = env.value(u"BURSAR_STRIPE_RATE_LIMIT"_s).trimmed(); !rate.isEmpty()) {
        bool ok = false;
        const double v = rate.toDouble(&ok);
        if (!ok || v < 0)
            return {std::nullopt,
                Text::tr("BURSAR_STRIPE_RATE_LIMIT must be a number of requests per second (0 turns the "
                         "limit off).")};
        c.rateLimitPerSecond = v;
    }
    if (const QString retries = env.value(u"BURSAR_STRIPE_MAX_RETRIES"_s).trimmed(); !retries.isEmpty()) {
        bool ok = false;
        const int v = retries.toInt(&ok);
        if (!ok || v < 0 || v > 20)
            return {std::nullopt, Text::tr("BURSAR_STRIPE_MAX_RETRIES must be a whole number from 0 to 20.")};
        c.maxRetries = v;
    }
    if (const QString timeout = env.value(u"BURSAR_STRIPE_TIMEOUT_MS"_s).trimmed(); !timeout.isEmpty()) {
        bool ok = false;
        const int v = timeout.toInt(&ok);
        if (!ok || v <= 0)
            return {std::nullopt,
                Text::tr("BURSAR_STRIPE_TIMEOUT_MS must be a positive number of milliseconds.")};
        c.timeout = std::chrono::milliseconds(v);
    }
    return {c, QString()};
}

} // namespace Bursar::Stripe
