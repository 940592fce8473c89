#include "StripeList.h"

#include "StripeClient.h"

#include <QJsonArray>
#include <QMutex>
#include <QPointer>
#include <QPromise>

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

struct StripeListIterator::State
{
    QPointer<StripeClient> client;
    QString path;
    FormParams filters;
    int limit = 100;
    QString stripeAccount;

    mutable QMutex mutex;
    QString lastId;
    bool hasMore = true;
    bool inFlight = false;
    bool failed = false;
    int pages = 0;
};

StripeListIterator::StripeListIterator(StripeClient* client, const QString& path, const FormParams& filters, int limit,
                                       const QString& stripeAccount)
    : d(std::make_shared<State>())
{
    d->client = client;
    d->path = path;
    d->filters = filters;
    d->limit = std::clamp(limit, 1, 100);
    d->stripeAccount = stripeAccount;
}

bool StripeListIterator::hasNext() const
{
    QMutexLocker lock(&d->mutex);
    return d->hasMore && !d->failed && !d->inFlight;
}

int StripeListIterator::pagesFetched() const
{
    QMutexLocker lock(&d->mutex);
    return d->pages;
}

QString StripeListIterator::lastId() const
{
    QMutexLocker lock(&d->mutex);
    return d->lastId;
}

std::optional<StripeError> parseListPage(const QJsonObject& json, QList<QJsonObject>* data, bool* hasMore)
{
    auto invalid = [](const QString& what) {
        StripeError e;
        e.type = u"api_error"_s;
        e.code = u"invalid_response"_s;
        e.message = what;
        return e;
    };
    if (json.value("object"_L1).toString() != u"list" && json.value("object"_L1).toString() != u"search_result")
        return invalid(u"list.object: expected \"list\""_s);
    const QJsonValue items = json.value("data"_L1);
    if (!items.isArray())
        return invalid(u"list.data: expected an array"_s);
    if (!json.value("has_more"_L1).isBool())
        return invalid(u"list.has_more: expected a boolean"_s);
    data->clear();
    const QJsonArray array = items.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return invalid(u"list.data[%1]: expected an object"_s.arg(i));
        data->append(array.at(i).toObject());
    }
    *hasMore = json.value("has_more"_L1).toBool();
    return std::nullopt;
}

QFuture<StripePage> StripeListIterator::next()
{
    FormParams params;
    {
        QMutexLocker lock(&d->mutex);
        QString problem;
        if (!d->client)
            problem = u"the Stripe client is gone"_s;
        else if (d->inFlight)
            problem = u"a page is already being fetched"_s;
        else if (d->failed || !d->hasMore)
            problem = u"there are no more pages"_s;
        if (!problem.isEmpty()) {
            StripePage page;
            page.result.error = StripeError::clientError(u"no_more_pages"_s, problem);
            return QtFuture::makeReadyFuture(page);
        }
        d->inFlight = true;
        params = d->filters;
        params.set(u"limit"_s, qint64(d->limit));
        if (!d->lastId.isEmpty())
            params.set(u"starting_after"_s, d->lastId);
    }
    auto state = d;
    return d->client->get(d->path, params, d->stripeAccount).then([state](const StripeResult& result) {
        StripePage page;
        page.result = result;
        if (result.ok()) {
            if (auto err = parseListPage(result.json, &page.data, &page.hasMore)) {
                err->requestId = result.requestId;
                err->httpStatus = result.httpStatus;
                page.result.error = err;
            }
        }
        QMutexLocker lock(&state->mutex);
        state->inFlight = false;
        if (!page.ok()) {
            state->failed = true;
            page.data.clear();
            page.hasMore = false;
            return page;
        }
        ++state->pages;
        state->hasMore = page.hasMore && !page.data.isEmpty();
        if (!page.data.isEmpty())
            state->lastId = page.data.constLast().value("id"_L1).toString();
        if (state->lastId.isEmpty())
            state->hasMore = false; // cannot page on without an id
        return page;
    });
}

namespace {
struct FetchAllState
{
    explicit FetchAllState(StripeListIterator iterator)
        : it(std::move(iterator))
    {
    }
    StripeListIterator it;
    QPromise<StripeListAll> promise;
    StripeListAll all;
    int maxPages = 1000;
};

void fetchStep(const std::shared_ptr<FetchAllState>& st)
{
    st->it.next().then([st](const StripePage& page) {
        if (!page.ok()) {
            st->all.error = page.result.error;
        } else {
            st->all.items += page.data;
            st->all.pages = st->it.pagesFetched();
            if (!page.hasMore) {
                st->all.complete = true;
            } else if (st->all.pages < st->maxPages && st->it.hasNext()) {
                fetchStep(st);
                return;
            }
        }
        st->promise.addResult(st->all);
        st->promise.finish();
    });
}
} // namespace

QFuture<StripeListAll> fetchAll(StripeClient* client, const QString& path, const FormParams& filters, int limit,
                                const QString& stripeAccount, int maxPages)
{
    auto st = std::make_shared<FetchAllState>(StripeListIterator(client, path, filters, limit, stripeAccount));
    st->maxPages = maxPages;
    st->promise.start();
    QFuture<StripeListAll> future = st->promise.future();
    fetchStep(st);
    return future;
}

} // namespace Bursar::Stripe
