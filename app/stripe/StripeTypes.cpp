#include "StripeTypes.h"

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

QString methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return u"GET"_s;
    case HttpMethod::Post:
        return u"POST"_s;
    case HttpMethod::Delete:
        return u"DELETE"_s;
    }
    return u"GET"_s;
}

StripeRequest StripeRequest::get(const QString& path, const FormParams& params)
{
    StripeRequest r;
    r.method = HttpMethod::Get;
    r.path = path;
    r.params = params;
    return r;
}

StripeRequest StripeRequest::post(const QString& path, const FormParams& params, const QString& idempotencyKey)
{
    StripeRequest r;
    r.method = HttpMethod::Post;
    r.path = path;
    r.params = params;
    r.idempotencyKey = idempotencyKey;
    return r;
}

StripeRequest StripeRequest::del(const QString& path)
{
    StripeRequest r;
    r.method = HttpMethod::Delete;
    r.path = path;
    return r;
}

StripeMode modeForKey(QStringView key)
{
    static constexpr QStringView test[] = {u"sk_test_", u"rk_test_"};
    static constexpr QStringView live[] = {u"sk_live_", u"rk_live_"};
    auto tailOk = [&](qsizetype prefix) {
        if (key.size() <= prefix)
            return false;
        for (QChar c : key.mid(prefix))
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
                return false;
        return true;
    };
    for (auto p : test)
        if (key.startsWith(p))
            return tailOk(p.size()) ? StripeMode::Test : StripeMode::Invalid;
    for (auto p : live)
        if (key.startsWith(p))
            return tailOk(p.size()) ? StripeMode::Live : StripeMode::Invalid;
    return StripeMode::Invalid;
}

QString modeName(StripeMode mode)
{
    switch (mode) {
    case StripeMode::Test:
        return u"test"_s;
    case StripeMode::Live:
        return u"live"_s;
    case StripeMode::Invalid:
        break;
    }
    return u"invalid"_s;
}

} // namespace Bursar::Stripe
