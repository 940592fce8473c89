#pragma once

#include "StripeTypes.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace Bursar::Stripe {

class StripeClient;

// One page of a Stripe list (`{"object":"list","data":[...],"has_more":...}`).
struct StripePage
{
    QList<QJsonObject> data;
    bool hasMore = false;
    StripeResult result; // the raw call; result.error is set when the page could not be fetched

    bool ok() const { return result.ok(); }
};

// Walks a list endpoint page by page with limit/starting_after, newest first:
//
//     StripeListIterator it(client, u"/v1/events"_s, FormParams().set(u"type"_s, u"charge.dispute.*"_s));
//     it.next().then(context, [](const StripePage& page) { ...; if (it.hasNext()) it.next()... });
//
// A copy shares the position. Call next() again only after the previous page arrived; while a page is
// in flight, or after the last page or an error, next() yields a page with a client_error.
class StripeListIterator
{
public:
    StripeListIterator(StripeClient* client, const QString& path, const FormParams& filters = {}, int limit = 100,
                       const QString& stripeAccount = {});

    bool hasNext() const;
    QFuture<StripePage> next();
    int pagesFetched() const;
    QString lastId() const;

private:
    struct State;
    std::shared_ptr<State> d;
};

// Every item of a list (all pages, up to maxPages), or the error that stopped the walk with what was
// fetched before it.
struct StripeListAll
{
    QList<QJsonObject> items;
    std::optional<StripeError> error;
    int pages = 0;
    bool complete = false; // the last page had has_more = false
};
QFuture<StripeListAll> fetchAll(StripeClient* client, const QString& path, const FormParams& filters = {},
                                int limit = 100, const QString& stripeAccount = {}, int maxPages = 1000);

// Reads a list response; on a malformed one returns an error naming what is wrong.
std::optional<StripeError> parseListPage(const QJsonObject& json, QList<QJsonObject>* data, bool* hasMore);

} // namespace Bursar::Stripe
