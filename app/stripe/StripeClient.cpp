#include "StripeClient.h"

#include "StripeLogging.h"

#include <QCoreApplication>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace Bursar::Stripe {

namespace {
constexpr char kTimedOutProperty[] = "bursarStripeTimedOut";

bool isTlsError(QNetworkReply::NetworkError e)
{
    return e == QNetworkReply::SslHandshakeFailedError || e == QNetworkReply::InsecureRedirectError;
}
} // namespace

struct StripeClient::Call
{
    quint64 id = 0;
    StripeRequest request;
    QPromise<StripeResult> promise;
    int attempt = 0;
    QElapsedTimer started;
    QByteArray encodedParams;
};

StripeClient::StripeClient(const StripeConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_nam(new QNetworkAccessManager(this))
    , m_limiter(config.rateLimitPerSecond, config.rateLimitBurst)
    , m_jitter([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_clock.start();
    // Stripe answers with a body; a redirect is never expected, so it is not followed.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    qRegisterMetaType<StripeResult>();
}

StripeClient::~StripeClient()
{
    // Tear the replies down while the members they report to still exist, then cancel what is left.
    m_shuttingDown = true;
    delete m_nam;
    m_nam = nullptr;
    const auto calls = std::exchange(m_calls, {});
    for (const auto& call : calls) {
        call->promise.future().cancel();
        call->promise.finish();
    }
}

QString StripeClient::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void StripeClient::setRateLimit(double perSecond)
{
    if (perSecond != m_limiter.rate())
        m_limiter.configure(perSecond, 0.0);
}

void StripeClient::setJitterSource(std::function<double()> source)
{
    m_jitter = std::move(source);
}

milliseconds StripeClient::now() const
{
    return milliseconds(m_clock.elapsed());
}

QFuture<StripeResult> StripeClient::get(const QString& path, const FormParams& params, const QString& stripeAccount)
{
    return send(StripeRequest::get(path, params).onAccount(stripeAccount));
}

QFuture<StripeResult> StripeClient::post(const QString& path, const FormParams& params, const QString& idempotencyKey,
                                         const QString& stripeAccount)
{
    return send(StripeRequest::post(path, params, idempotencyKey).onAccount(stripeAccount));
}

QFuture<StripeResult> StripeClient::del(const QString& path, const QString& stripeAccount)
{
    return send(StripeRequest::del(path).onAccount(stripeAccount));
}

QFuture<StripeResult> StripeClient::uploadFile(const QString& purpose, const StripeFileUpload& file,
                                               const QString& idempotencyKey, const QString& stripeAccount)
{
    StripeRequest r = StripeRequest::post(u"/v1/files"_s, FormParams().set(u"purpose"_s, purpose), idempotencyKey);
    r.stripeAccount = stripeAccount;
    r.file = file;
    return send(r);
}

QFuture<StripeResult> StripeClient::send(const StripeRequest& request)
{
    auto call = std::make_shared<Call>();
    call->request = request;
    call->promise.start();
    QFuture<StripeResult> future = call->promise.future();

    QString problem;
    QString code;
    if (!request.path.startsWith("/v1/"_L1)) {
        code = u"invalid_path"_s;
        problem = tr("The Stripe path must start with /v1/.");
    } else if (request.method == HttpMethod::Post && request.idempotencyKey.trimmed().isEmpty()) {
        code = u"idempotency_key_missing"_s;
        problem = tr("A POST to Stripe needs an idempotency key stored by the caller before it is sent.");
    } else if (request.idempotencyKey.size() > 255) {
        code = u"idempotency_key_invalid"_s;
        problem = tr("The idempotency key is longer than 255 characters.");
    } else if (request.file && request.method != HttpMethod::Post) {
        code = u"invalid_upload"_s;
        problem = tr("A file upload must be a POST.");
    } else if (const QString keyProblem = StripeConfig::keyProblem(m_config.secretKey); !keyProblem.isEmpty()) {
        code = u"api_key_invalid"_s;
        problem = keyProblem;
    }
    if (!problem.isEmpty()) {
        qCWarning(lcStripe).noquote() << methodName(request.method) << request.path << "refused before sending:" << code;
        StripeResult result;
        result.error = StripeError::clientError(code, problem);
        call->promise.addResult(result);
        call->promise.finish();
        return future;
    }

    call->encodedParams = request.params.encode();
    if (QThread::currentThread() == thread()) {
        schedule(call);
    } else {
        QMetaObject::invokeMethod(this, [this, call] { schedule(call); }, Qt::QueuedConnection);
    }
    return future;
}

void StripeClient::schedule(const std::shared_ptr<Call>& call)
{
    if (m_shuttingDown)
        return;
    if (call->id == 0) {
        call->id = m_nextCallId++;
        call->started.start();
        m_calls.insert(call->id, call);
    }
    const milliseconds wait = m_limiter.reserve(now());
    if (wait.count() <= 0) {
        startAttempt(call);
        return;
    }
    QTimer::singleShot(wait, this, [this, call] { startAttempt(call); });
}

void StripeClient::startAttempt(const std::shared_ptr<Call>& call)
{
    if (m_shuttingDown)
        return;
    ++call->attempt;
    const StripeRequest& rq = call->request;

    QUrl url = rq.file ? m_config.filesBase : m_config.apiBase;
    url.setPath(url.path() + rq.path);
    if (rq.method != HttpMethod::Post && !call->encodedParams.isEmpty())
        url.setQuery(QString::fromLatin1(call->encodedParams));

    QNetworkRequest nr(url);
    nr.setRawHeader("Authorization", "Bearer " + m_config.secretKey.toLatin1());
    nr.setRawHeader("Stripe-Version", QString::fromUtf16(kStripeApiVersion).toLatin1());
    nr.setRawHeader("User-Agent", "Bursar/" BURSAR_VERSION);
    nr.setRawHeader("Accept", "application/json");
    if (!rq.idempotencyKey.isEmpty() && rq.method == HttpMethod::Post)
        nr.setRawHeader("Idempotency-Key", rq.idempotencyKey.toUtf8());
    if (!rq.stripeAccount.isEmpty())
        nr.setRawHeader("Stripe-Account", rq.stripeAccount.toUtf8());

    QNetworkReply* reply = nullptr;
    switch (rq.method) {
    case HttpMethod::Get:
        reply = m_nam->get(nr);
        break;
    case HttpMethod::Delete:
        reply = m_nam->deleteResource(nr);
        break;
    case HttpMethod::Post:
        if (rq.file) {
            auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
            for (const auto& [name, value] : rq.params.flatten()) {
                QHttpPart part;
                part.setHeader(QNetworkRequest::ContentDispositionHeader,
                               QString(u"form-data; name=\""_s % name % u'"'));
                part.setBody(value.toUtf8());
                multipart->append(part);
            }
            QHttpPart filePart;
            QString fileName = rq.file->fileName;
            fileName.remove(u'"');
            filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                               QString(u"form-data; name=\"file\"; filename=\""_s % fileName % u'"'));
            filePart.setHeader(QNetworkRequest::ContentTypeHeader,
                               rq.file->contentType.isEmpty() ? u"application/octet-stream"_s : rq.file->contentType);
            filePart.setBody(rq.file->content);
            multipart->append(filePart);
            reply = m_nam->post(nr, multipart);
            multipart->setParent(reply);
        } else {
            nr.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
            reply = m_nam->post(nr, call->encodedParams);
        }
        break;
    }

    const milliseconds timeout = rq.timeout.count() > 0 ? rq.timeout : m_config.timeout;
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty(kTimedOutProperty, true);
        reply->abort();
    });
    timer->start(timeout);

    connect(reply, &QNetworkReply::sslErrors, this, [call](const QList<QSslError>& errors) {
        // Never ignored: the request fails with SslHandshakeFailedError.
        qCWarning(lcStripe).noquote() << methodName(call->request.method) << call->request.path << "TLS errors:"
                                      << errors.size() << "- request refused";
    });
    QElapsedTimer attemptTimer;
    attemptTimer.start();
    connect(reply, &QNetworkReply::finished, this, [this, call, reply, attemptTimer] {
        if (!m_shuttingDown)
            attemptFinished(call, reply, attemptTimer.elapsed());
    });
}

void StripeClient::attemptFinished(const std::shared_ptr<Call>& call, QNetworkReply* reply, qint64 attemptMs)
{
    reply->deleteLater();
    const StripeRequest& rq = call->request;

    StripeResult result;
    result.attempts = call->attempt;
    result.requestId = QString::fromLatin1(reply->rawHeader("Request-Id"));
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool timedOut = reply->property(kTimedOutProperty).toBool();

    AttemptOutcome outcome = AttemptOutcome::HttpResponse;
    if (timedOut) {
        outcome = AttemptOutcome::Timeout;
        const milliseconds timeout = rq.timeout.count() > 0 ? rq.timeout : m_config.timeout;
        result.error = StripeError::timeout(tr("Stripe did not answer within %1 ms.").arg(timeout.count()));
    } else if (!statusAttr.isValid()) {
        outcome = isTlsError(reply->error()) ? AttemptOutcome::TlsError : AttemptOutcome::NetworkError;
        result.error = StripeError::networkError(reply->errorString());
        if (outcome == AttemptOutcome::TlsError)
            result.error->code = u"tls_error"_s;
    } else {
        result.httpStatus = statusAttr.toInt();
        result.idempotentReplayed = reply->rawHeader("Idempotent-Replayed").trimmed().toLower() == "true";
        const QByteArray body = reply->readAll();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
        if (isObject)
            result.json = doc.object();
        if (result.httpStatus >= 200 && result.httpStatus < 300) {
            if (!isObject) {
                StripeError e;
                e.httpStatus = result.httpStatus;
                e.type = u"api_error"_s;
                e.code = u"invalid_response"_s;
                e.message = tr("Stripe's answer was not a JSON object.");
                result.error = e;
            }
        } else {
            result.error = StripeError::fromResponse(result.httpStatus, result.json, result.requestId);
        }
    }
    if (result.error) {
        result.error->httpStatus = result.httpStatus;
        if (result.error->requestId.isEmpty())
            result.error->requestId = result.requestId;
    }

    const QString method = methodName(rq.method);
    if (result.ok()) {
        qCInfo(lcStripe).noquote() << method << rq.path << result.httpStatus << result.requestId << "attempt"
                                   << call->attempt << attemptMs << "ms" << (result.idempotentReplayed ? "replayed" : "");
    } else {
        qCWarning(lcStripe).noquote() << method << rq.path << result.httpStatus << result.requestId << "attempt"
                                      << call->attempt << attemptMs << "ms" << result.error->type
                                      << result.error->code;
    }

    if (result.error) {
        const auto shouldRetryHeader = parseShouldRetry(reply->rawHeader("Stripe-Should-Retry"));
        const auto retryAfter = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        const bool retryable = shouldRetry(outcome, result.httpStatus, shouldRetryHeader);
        const bool retryAfterTooLong = retryAfter && *retryAfter > m_config.maxRetryAfter;
        if (retryable && !retryAfterTooLong && call->attempt <= m_config.maxRetries) {
            const milliseconds delay = backoffDelay(call->attempt, m_config.retryBaseDelay, m_config.retryMaxDelay,
                                                    m_jitter(), retryAfter);
            qCInfo(lcStripe).noquote() << method << rq.path << "retry" << call->attempt << "of"
                                       << m_config.maxRetries << "in" << delay.count() << "ms";
            QTimer::singleShot(delay, this, [this, call] { schedule(call); });
            return;
        }
    }
    finish(call, std::move(result));
}

void StripeClient::finish(const std::shared_ptr<Call>& call, StripeResult result)
{
    m_calls.remove(call->id);
    const qint64 duration = call->started.elapsed();
    const int status = result.httpStatus;
    const QString requestId = result.requestId;
    const int attempts = result.attempts;
    call->promise.addResult(std::move(result));
    call->promise.finish();
    emit callFinished(methodName(call->request.method), call->request.path, status, requestId, attempts, duration);
}

} // namespace Bursar::Stripe
