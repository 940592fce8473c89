#pragma once

#include "StripeConfig.h"
#include "StripeRetry.h"
#include "StripeTypes.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Bursar::Stripe {

// The asynchronous Stripe API client. It owns one QNetworkAccessManager and lives on the thread that
// created it; send() may be called from any thread and never blocks. Every call is a StripeRequest in
// and a StripeResult out (API errors are results, not exceptions).
//
//     // The idempotency key is made once, stored with the pending operation, then sent:
//     const QString key = StripeClient::newIdempotencyKey();   // store it in the database first
//     FormParams p;
//     p.set(u"charge"_s, chargeId).set(u"amount"_s, qint64(500));
//     onResult(client->post(u"/v1/refunds"_s, p, key), panel, [](const StripeResult& r) {
//         if (!r.ok()) { showBanner(r.error->userMessage(), r.error->requestId); return; }
//         const auto refund = parseRefund(r.json);   // StripeObjects.h
//     });
//
// Retries: network errors, timeouts, 409, 429 and 5xx are retried with capped exponential backoff and
// jitter (honouring Retry-After and Stripe-Should-Retry), reusing the same Idempotency-Key; other 4xx
// are returned at once. A token bucket keeps the client under config().rateLimitPerSecond.
// The key and the Authorization header never reach a log line (category bursar.stripe).
class StripeClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StripeClient)

public:
    explicit StripeClient(const StripeConfig& config, QObject* parent = nullptr);
    ~StripeClient() override;

    // Sends the request (after the limiter allows it). POST without an idempotency key is refused with
    // a client_error result and never leaves. The future is canceled if the client is destroyed first.
    QFuture<StripeResult> send(const StripeRequest& request);

    QFuture<StripeResult> get(const QString& path, const FormParams& params = {}, const QString& stripeAccount = {});
    QFuture<StripeResult> post(const QString& path, const FormParams& params, const QString& idempotencyKey,
                               const QString& stripeAccount = {});
    QFuture<StripeResult> del(const QString& path, const QString& stripeAccount = {});
    // POST /v1/files as multipart/form-data (purpose, file) to the files host.
    QFuture<StripeResult> uploadFile(const QString& purpose, const StripeFileUpload& file,
                                     const QString& idempotencyKey, const QString& stripeAccount = {});

    // A fresh UUID v4 for a new user action (store it before sending).
    static QString newIdempotencyKey();

    const StripeConfig& config() const { return m_config; }
    StripeMode mode() const { return m_config.mode(); }
    int pendingCount() const { return int(m_calls.size()); }

    // Tests: a deterministic source for the backoff jitter, values in [0, 1).
    // Requests per second from now on (<= 0: no limit); the agent takes its share of the installation's.
    void setRateLimit(double perSecond);
    double rateLimit() const { return m_limiter.rate(); }
    void setJitterSource(std::function<double()> source);

signals:
    // Once per finished call (after all retries), on the client's thread.
    void callFinished(const QString& method, const QString& path, int httpStatus, const QString& requestId,
                      int attempts, qint64 durationMs);

private:
    struct Call;
    void schedule(const std::shared_ptr<Call>& call);
    void startAttempt(const std::shared_ptr<Call>& call);
    void attemptFinished(const std::shared_ptr<Call>& call, QNetworkReply* reply, qint64 attemptMs);
    void finish(const std::shared_ptr<Call>& call, StripeResult result);
    std::chrono::milliseconds now() const;

    StripeConfig m_config;
    QNetworkAccessManager* m_nam = nullptr;
    TokenBucket m_limiter;
    QElapsedTimer m_clock;
    std::function<double()> m_jitter;
    QHash<quint64, std::shared_ptr<Call>> m_calls;
    quint64 m_nextCallId = 1;
    bool m_shuttingDown = false;
};

// Runs callback(result) on context's thread when the call finishes, unless context is destroyed first
// (then nothing runs: a closed panel's callbacks vanish). A call canceled by the client's destruction
// is delivered as a client_error with code "canceled".
template<typename Callback>
void onResult(const QFuture<StripeResult>& future, QObject* context, Callback&& callback)
{
    auto* watcher = new QFutureWatcher<StripeResult>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, cb = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
                             StripeResult r;
                             r.error = StripeError::clientError(QStringLiteral("canceled"),
                                                                QStringLiteral("The request was canceled."));
                             cb(r);
                             return;
                         }
                         cb(watcher->result());
                     });
    watcher->setFuture(future);
}

} // namespace Bursar::Stripe
