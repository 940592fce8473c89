#include "Emulator.h"

#include "HttpServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEmulator, "bursar.emulator")

namespace Bursar::Emulator {

namespace {

const QString kApiVersion = u"2023-08-16"_s;

QByteArray toBytes(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString maskKey(const QString& key)
{
    if (key.size() <= 8)
        return u"****"_s;
    return key.left(8) + u"****"_s + key.right(4);
}

// Control-endpoint parameters: query string plus a form or JSON body, flattened to strings.
QHash<QString, QString> controlParams(const HttpRequest& req)
{
    QHash<QString, QString> out;
    auto addForm = [&out](const QByteArray& data) {
        const FormParseResult r = parseForm(data);
        for (const auto& c : r.root.children)
            if (c.second.kind == FormNode::Kind::Leaf)
                out.insert(c.first, c.second.value);
    };
    addForm(req.query);
    const QByteArray body = req.body.trimmed();
    if (body.startsWith('{')) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), it.value().isString() ? it.value().toString()
                                                       : it.value().toVariant().toString());
    } else {
        addForm(body);
    }
    return out;
}

} // namespace

Emulator::Emulator(const Spec* spec, Config config, QObject* parent)
    : QObject(parent)
    , m_spec(spec)
    , m_config(std::move(config))
    , m_timer(new QTimer(this))
{
    QFile fixtures(u":/stripe/fixtures3.json"_s);
    if (fixtures.open(QIODevice::ReadOnly))
        m_fixtures = QJsonDocument::fromJson(fixtures.readAll()).object().value("resources"_L1).toObject();
    if (!m_config.seeded) {
        std::random_device rd;
        m_config.seed = (quint64(rd()) << 32) ^ rd();
    }
    m_monotonic.start();
    reset();
    m_timer->setInterval(200);
    connect(m_timer, &QTimer::timeout, this, &Emulator::processDue);
    m_timer->start();
}

Emulator::~Emulator() = default;

void Emulator::reset()
{
    m_idRng.seed(m_config.seed);
    m_faultRng.seed(m_config.seed ^ 0x9e3779b97f4a7c15ULL);
    m_reqRng.seed(m_config.seed ^ 0xc2b2ae3d27d4eb4fULL);
    m_clockOffset = 0;
    m_objects.clear();
    m_order.clear();
    m_owner.clear();
    m_idempotency.clear();
    m_jobs.clear();
    m_payoutFailNext.clear();
    m_payoutFailures.clear();
    m_pmCards.clear();
    m_buckets.clear();
}

qint64 Emulator::now() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockOffset;
}

double Emulator::draw()
{
    return double(m_faultRng() >> 11) * (1.0 / 9007199254740992.0);
}

// Token bucket per API key, as Stripe's request-rate limiter: m_config.rateLimit tokens per second,
// at most one second's worth stored (so a burst of `rate` requests passes at once). Real time, not the
// emulator clock: /_emulator/advance must not refill it.
bool Emulator::takeRateToken(const QString& key)
{
    const double rate = m_config.rateLimit;
    if (rate <= 0)
        return true;
    const double burst = qMax(1.0, rate);
    const qint64 t = m_monotonic.nsecsElapsed();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{burst, t});
    it->tokens = qMin(burst, it->tokens + double(t - it->lastNs) * rate / 1e9);
    it->lastNs = t;
    if (it->tokens < 1.0)
        return false;
    it->tokens -= 1.0;
    return true;
}

QString Emulator::newId(const QString& prefix, int length)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = prefix;
    id.reserve(prefix.size() + length);
    for (int i = 0; i < length; ++i)
        id.append(QLatin1Char(alphabet[m_idRng() % 62]));
    return id;
}

QJsonObject Emulator::fixture(const QString& type) const
{
    return m_fixtures.value(type).toObject();
}

// ---------------------------------------------------------------------------------------------
// Request pipeline

void Emulator::send(HttpConnection* connection, const ApiResponse& response, const QByteArray& requestId)
{
    if (!connection)
        return;
    HttpHeaders headers{{"Content-Type", "application/json"},
                        {"Request-Id", requestId},
                        {"Stripe-Version", kApiVersion.toLatin1()},
                        {"Access-Control-Allow-Origin", "*"}};
    for (const auto& h : response.headers)
        headers.append(h);
    const QByteArray body = QJsonDocument(response.body).toJson(QJsonDocument::Indented);
    connection->respond(response.status, headers, body);
}

ApiResponse Emulator::error(int status, const QString& type, const QString& code, const QString& message,
                            const QString& param)
{
    QJsonObject e{{u"type"_s, type}, {u"message"_s, message}};
    if (!code.isEmpty()) {
        e.insert(u"code"_s, code);
        e.insert(u"doc_url"_s, QString(u"https://stripe.com/docs/error-codes/"_s + QString(code).replace(u'_', u'-')));
    }
    if (!param.isEmpty())
        e.insert(u"param"_s, param);
    ApiResponse r;
    r.status = status;
    r.body = QJsonObject{{u"error"_s, e}};
    return r;
}

ApiResponse Emulator::notFound(const QString& what, const QString& id, const QString& param) const
{
    return error(404, u"invalid_request_error"_s, u"resource_missing"_s,
                 u"No such "_s + what + u": '"_s + id + u"'"_s, param);
}

void Emulator::handle(const HttpRequest& req, HttpConnection* connection)
{
    ++m_requests;
    QString reqId = u"req_"_s;
    {
        static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 14; ++i)
            reqId.append(QLatin1Char(alphabet[m_reqRng() % 62]));
    }
    const QByteArray requestId = reqId.toLatin1();
    processDue();

    const QString path = QString::fromUtf8(req.path);
    if (path.startsWith("/_emulator/"_L1)) {
        handleControl(req, connection, requestId);
        return;
    }

    // 1. Authentication (before anything else; never stored under an idempotency key).
    const QByteArray auth = req.header("authorization");
    QString key;
    if (auth.startsWith("Bearer ") || auth.startsWith("bearer ")) {
        key = QString::fromUtf8(auth.mid(7).trimmed());
    } else if (auth.startsWith("Basic ") || auth.startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(auth.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        key = QString::fromUtf8(colon < 0 ? decoded : decoded.left(colon));
    }
    if (key.isEmpty() || key != m_config.apiKey) {
        ApiResponse r = key.isEmpty()
            ? error(401, u"invalid_request_error"_s, QString(),
                    u"You did not provide an API key. You need to provide your API key in the Authorization "
                    u"header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
                    u"https://stripe.com/docs/api#authentication for details, or we can help at "
                    u"https://support.stripe.com/."_s)
            : error(401, u"invalid_request_error"_s, u"api_key_invalid"_s,
                    u"Invalid API Key provided: "_s + maskKey(key));
        r.headers.emplaceBack("WWW-Authenticate", "Basic realm=\"Stripe\"");
        send(connection, r, requestId);
        return;
    }

    // 2. Rate limiter (per key; before validation and the idempotency layer, so nothing is stored).
    if (!takeRateToken(key)) {
        ApiResponse resp = error(429, u"invalid_request_error"_s, u"rate_limit"_s,
                                 u"Too many requests hit the API too quickly. We recommend an exponential backoff "
                                 u"of your requests."_s);
        resp.headers.emplaceBack("Stripe-Rate-Limited-Reason", "global-rate");
        send(connection, resp, requestId);
        return;
    }

    // 3. Injected faults that happen before the endpoint runs.
    const QString method = QString::fromLatin1(req.method);
    Faults& f = m_config.faults;
    bool lostAnswer = false;
    const bool faultScope = (f.onlyPath.isEmpty() || path.startsWith(f.onlyPath))
        && (f.onlyMethod.isEmpty() || f.onlyMethod.compare(method, Qt::CaseInsensitive) == 0);
    if (faultScope && (f.rateDrop > 0 || f.rate429 > 0 || f.rate500 > 0 || f.rateLostAnswer > 0)) {
        const double r = draw();
        double edge = f.rateDrop;
        QString kind;
        if (r < edge)
            kind = u"drop"_s;
        else if (r < (edge += f.rate429))
            kind = u"429"_s;
        else if (r < (edge += f.rate500))
            kind = u"500"_s;
        else if (r < (edge += f.rateLostAnswer))
            kind = u"lost"_s;
        if (!kind.isEmpty() && f.count >= 0) {
            if (--f.count <= 0) {
                f.rateDrop = f.rate429 = f.rate500 = f.rateLostAnswer = 0;
                f.count = -1;
            }
        }
        if (kind == "drop"_L1) {
            qCDebug(lcEmulator) << "fault: drop" << method << path;
            connection->drop();
            return;
        }
        if (kind == "429"_L1) {
            ApiResponse resp = error(429, u"invalid_request_error"_s, u"rate_limit"_s,
                                     u"Too many requests hit the API too quickly. We recommend an exponential "
                                     u"backoff of your requests."_s);
            resp.headers.emplaceBack("Stripe-Rate-Limited-Reason", draw() < 0.5 ? "global-rate" : "endpoint-rate");
            send(connection, resp, requestId);
            return;
        }
        if (kind == "500"_L1) {
            // The endpoint did not run: nothing happened and nothing is stored, so a retry is safe.
            ApiResponse resp = error(500, u"api_error"_s, QString(),
                                     u"An unknown error occurred while processing your request."_s);
            if (draw() < 0.5)
                resp.headers.emplaceBack("Stripe-Should-Retry", "true");
            send(connection, resp, requestId);
            return;
        }
        lostAnswer = kind == "lost"_L1;
    }

    // 4. Routing.
    bool pathKnown = false;
    const auto route = m_spec->route(method, path, &pathKnown);
    if (!route) {
        send(connection,
             error(404, u"invalid_request_error"_s, QString(),
                   u"Unrecognized request URL ("_s + method + u": "_s + path
                       + u"). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."_s),
             requestId);
        return;
    }

    // 5. Headers.
    const QByteArray version = req.header("stripe-version");
    static const QRegularExpression versionRe(u"^\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?$"_s);
    if (!version.isEmpty() && !versionRe.match(QString::fromLatin1(version)).hasMatch()) {
        send(connection,
             error(400, u"invalid_request_error"_s, QString(),
                   u"Invalid Stripe API version: "_s + QString::fromLatin1(version)),
             requestId);
        return;
    }
    const QString account = QString::fromUtf8(req.header("stripe-account")).trimmed();
    if (!account.isEmpty()) {
        const QJsonObject a = get(account);
        if (a.value("object"_L1).toString() != "account"_L1) {
            send(connection,
                 error(403, u"invalid_request_error"_s, u"account_invalid"_s,
                       u"The provided key '"_s + maskKey(key) + u"' does not have access to account '"_s + account
                           + u"' (or that account does not exist). Application access may have been revoked."_s),
                 requestId);
            return;
        }
    }

    // 6. Parameters: form body (POST) and query string, validated against the spec. POST /v1/files
    // takes multipart/form-data: its text parts become form parameters, the file part is kept aside.
    QByteArray formBody = method == "POST"_L1 ? req.body : req.query;
    QByteArray fileContent;
    QString fileName;
    QByteArray fileContentType;
    if (method == "POST"_L1) {
        const QByteArray ct = req.header("content-type").toLower();
        const bool multipartOp = route->templ == "/v1/files"_L1;
        if (multipartOp) {
            if (!ct.startsWith("multipart/form-data")) {
                send(connection,
                     error(400, u"invalid_request_error"_s, QString(),
                           u"Invalid request: file uploads must be sent as multipart/form-data with the "
                           u"parameters purpose and file."_s),
                     requestId);
                return;
            }
            const MultipartParseResult mp = parseMultipart(req.body, req.header("content-type"));
            if (!mp.error.isEmpty()) {
                send(connection, error(400, u"invalid_request_error"_s, QString(), mp.error), requestId);
                return;
            }
            QList<QByteArray> pairs;
            bool haveFile = false;
            for (const MultipartPart& part : mp.parts) {
                if (part.isFile && part.name == "file"_L1) {
                    if (haveFile) {
                        send(connection,
                             error(400, u"invalid_request_error"_s, QString(),
                                   u"Only one file can be uploaded per request."_s, u"file"_s),
                             requestId);
                        return;
                    }
                    haveFile = true;
                    fileContent = part.data;
                    fileName = part.fileName;
                    fileContentType = part.contentType;
                    pairs.append("file=sha256:"
                                 + QCryptographicHash::hash(part.data, QCryptographicHash::Sha256).toHex());
                    continue;
                }
                // A file under another name, or text: a parameter like any other (unknown names are refused).
                pairs.append(QUrl::toPercentEncoding(part.name, "[]") + '='
                             + QUrl::toPercentEncoding(QString::fromUtf8(part.data)));
            }
            formBody = pairs.join('&');
        } else if (!req.body.isEmpty() && !ct.isEmpty() && !ct.startsWith("application/x-www-form-urlencoded")) {
            send(connection,
                 error(400, u"invalid_request_error"_s, QString(),
                       u"Invalid request: unsupported Content-Type "_s + QString::fromLatin1(ct)
                           + u". If error persists and you need assistance, please contact support@stripe.com. "
                             u"Request bodies must be application/x-www-form-urlencoded."_s),
                 requestId);
            return;
        }
    }
    FormParseResult form = parseForm(formBody);
    if (form.errorParam.isEmpty() && method == "POST"_L1 && !req.query.isEmpty()) {
        const FormParseResult q = parseForm(req.query);
        if (!q.errorParam.isEmpty()) {
            form.errorParam = q.errorParam;
            form.errorMessage = q.errorMessage;
        } else if (!mergeForm(form.root, q.root, &form.errorParam)) {
            form.errorMessage = u"Invalid value for "_s + form.errorParam + u'.';
        }
    }
    if (!form.errorParam.isEmpty()) {
        send(connection, error(400, u"invalid_request_error"_s, QString(), form.errorMessage, form.errorParam),
             requestId);
        return;
    }
    QJsonObject params;
    if (auto verr = m_spec->validateRequest(*route, form.root, &params)) {
        send(connection, error(400, verr->type, verr->code, verr->message, verr->param), requestId);
        return;
    }

    ApiContext ctx;
    ctx.params = params;
    // Metadata limits are parameter validation too: rejected before the idempotency layer.
    if (auto md = checkMetadata(ctx)) {
        send(connection, *md, requestId);
        return;
    }
    ctx.method = method;
    ctx.path = path;
    ctx.templ = route->templ;
    ctx.pathParams = route->pathParams;
    ctx.params = params;
    ctx.account = account;
    ctx.requestId = reqId;
    ctx.fileContent = fileContent;
    ctx.fileName = fileName;
    ctx.fileContentType = fileContentType;

    // 7. Idempotency (POST only; GET/DELETE ignore the header).
    QString scopeKey;
    QString fingerprint;
    const QString idemKey = QString::fromUtf8(req.header("idempotency-key"));
    if (method == "POST"_L1 && !idemKey.isEmpty()) {
        if (idemKey.size() > 255) {
            send(connection,
                 error(400, u"invalid_request_error"_s, QString(),
                       u"Idempotency-Key must be at most 255 characters long."_s),
                 requestId);
            return;
        }
        ctx.idempotencyKey = idemKey;
        // Scoped as on Stripe (per key and account). The API key enters as a digest only: the scope is
        // saved with the state file, and a secret never is.
        scopeKey = QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16))
            + QChar(0x1f) + account + QChar(0x1f) + idemKey;
        fingerprint = method + u' ' + path + u' ' + QString::fromUtf8(toBytes(params));
        const auto it = m_idempotency.constFind(scopeKey);
        if (it != m_idempotency.constEnd()) {
            if (it->inFlight) {
                send(connection,
                     error(409, u"invalid_request_error"_s, u"idempotency_key_in_use"_s,
                           u"There is currently another in-progress request using this Idempotent Key (that "
                           u"probably means you submitted twice, and the other request is still going through): "_s
                               + idemKey + u". Please try again later."_s),
                     requestId);
                return;
            }
            if (it->fingerprint != fingerprint) {
                send(connection,
                     error(400, u"idempotency_error"_s, QString(),
                           u"Keys for idempotent requests can only be used with the same parameters they were "
                           u"first used with. Try using a key other than '"_s
                               + idemKey + u"' if you meant to execute a different request."_s),
                     requestId);
                return;
            }
            if (lostAnswer) {
                connection->drop();
                return;
            }
            HttpHeaders headers{{"Content-Type", "application/json"},
                                {"Request-Id", requestId},
                                {"Stripe-Version", kApiVersion.toLatin1()},
                                {"Idempotency-Key", idemKey.toUtf8()},
                                {"Idempotent-Replayed", "true"}};
            connection->respond(it->status, headers, it->body);
            return;
        }
        if (m_idempotency.size() > 1000 && m_requests % 1000 == 0) {
            // Keys become eligible for deletion after 24 h (emulator clock), as on Stripe.
            const qint64 cutoff = now() - 86400;
            m_idempotency.removeIf([cutoff](const auto& entryIt) {
                return !entryIt.value().inFlight && entryIt.value().created < cutoff;
            });
        }
        IdemEntry entry;
        entry.fingerprint = fingerprint;
        entry.created = now();
        m_idempotency.insert(scopeKey, entry);
    }

    // 8. Latency, then the endpoint.
    if (f.latencyMs > 0 && faultScope) {
        QPointer<HttpConnection> guard(connection);
        QTimer::singleShot(f.latencyMs, this, [this, ctx, guard, scopeKey, fingerprint, lostAnswer] {
            execute(ctx, guard.data(), scopeKey, fingerprint, lostAnswer);
        });
        return;
    }
    execute(ctx, connection, scopeKey, fingerprint, lostAnswer);
}

void Emulator::execute(const ApiContext& ctx, HttpConnection* connection, const QString& scopeKey,
                       const QString& fingerprint, bool lostAnswer)
{
    processDue();
    ApiResponse r = dispatch(ctx);
    const QByteArray body = QJsonDocument(r.body).toJson(QJsonDocument::Indented);
    if (!scopeKey.isEmpty()) {
        IdemEntry& e = m_idempotency[scopeKey];
        e.fingerprint = fingerprint;
        e.inFlight = false;
        e.status = r.status;
        e.body = body;
        r.headers.emplaceBack("Idempotency-Key", ctx.idempotencyKey.toUtf8());
    }
    if (!connection)
        return;
    if (lostAnswer) {
        qCDebug(lcEmulator) << "fault: answer lost" << ctx.method << ctx.path;
        connection->drop();
        return;
    }
    HttpHeaders headers{{"Content-Type", "application/json"},
                        {"Request-Id", ctx.requestId.toLatin1()},
                        {"Stripe-Version", kApiVersion.toLatin1()}};
    for (const auto& h : r.headers)
        headers.append(h);
    connection->respond(r.status, headers, body);
}

// ---------------------------------------------------------------------------------------------
// Control endpoints

void Emulator::handleControl(const HttpRequest& req, HttpConnection* connection, const QByteArray& requestId)
{
    const QString path = QString::fromUtf8(req.path);
    const QString method = QString::fromLatin1(req.method);
    const QHash<QString, QString> p = controlParams(req);
    auto ok = [&](const QJsonObject& body) {
        ApiResponse r;
        r.body = body;
        send(connection, r, requestId);
    };
    auto bad = [&](const QString& message) {
        send(connection, error(400, u"invalid_request_error"_s, QString(), message), requestId);
    };
    auto num = [&](const QString& name, double def) {
        bool okNum = false;
        const double d = p.value(name).toDouble(&okNum);
        return okNum ? d : def;
    };
    auto faultsJson = [this] {
        const Faults& f = m_config.faults;
        return QJsonObject{{u"latency_ms"_s, f.latencyMs},       {u"rate_429"_s, f.rate429},
                           {u"rate_500"_s, f.rate500},           {u"rate_drop"_s, f.rateDrop},
                           {u"rate_lost_answer"_s, f.rateLostAnswer}, {u"only_path"_s, f.onlyPath},
                           {u"only_method"_s, f.onlyMethod},     {u"count"_s, f.count}};
    };

    if (path == "/_emulator/health"_L1) {
        ok(QJsonObject{{u"status"_s, u"ok"_s},
                       {u"clock"_s, now()},
                       {u"requests"_s, qint64(m_requests)},
                       {u"objects"_s, qint64(m_objects.size())}});
        return;
    }
    if (path == "/_emulator/faults"_L1) {
        if (method == "POST"_L1) {
            Faults& f = m_config.faults;
            if (p.value(u"clear"_s) == "true"_L1)
                f = Faults();
            f.latencyMs = int(num(u"latency_ms"_s, f.latencyMs));
            f.rate429 = num(u"rate_429"_s, f.rate429);
            f.rate500 = num(u"rate_500"_s, f.rate500);
            f.rateDrop = num(u"rate_drop"_s, f.rateDrop);
            f.rateLostAnswer = num(u"rate_lost_answer"_s, f.rateLostAnswer);
            if (p.contains(u"only_path"_s))
                f.onlyPath = p.value(u"only_path"_s);
            if (p.contains(u"only_method"_s))
                f.onlyMethod = p.value(u"only_method"_s).toUpper();
            f.count = p.contains(u"count"_s) ? int(num(u"count"_s, -1)) : f.count;
            if (f.count == 0)
                f.count = -1;
            const double total = f.rate429 + f.rate500 + f.rateDrop + f.rateLostAnswer;
            if (f.rate429 < 0 || f.rate500 < 0 || f.rateDrop < 0 || f.rateLostAnswer < 0 || total > 1.0
                || f.latencyMs < 0) {
                f = Faults();
                bad(u"rates must be in [0,1] and sum to at most 1; faults cleared"_s);
                return;
            }
        }
        ok(faultsJson());
        return;
    }
    if (path == "/_emulator/reset"_L1 && method == "POST"_L1) {
        reset();
        m_config.faults = Faults();
        ok(QJsonObject{{u"reset"_s, true}});
        return;
    }
    if (path == "/_emulator/save"_L1 && method == "POST"_L1) {
        const QString target = p.value(u"path"_s, m_config.statePath);
        if (target.isEmpty()) {
            bad(u"no state file: start with --state FILE or pass path"_s);
            return;
        }
        QString err;
        if (!saveState(target, &err)) {
            send(connection, error(500, u"api_error"_s, QString(), err), requestId);
            return;
        }
        ok(QJsonObject{{u"saved"_s, target}});
        return;
    }
    if (path == "/_emulator/load"_L1 && method == "POST"_L1) {
        const QString target = p.value(u"path"_s, m_config.statePath);
        QString err;
        if (!loadState(target, &err)) {
            bad(err);
            return;
        }
        ok(QJsonObject{{u"loaded"_s, target}});
        return;
    }
    if (path == "/_emulator/state"_L1) {
        ApiResponse r;
        r.body = stateJson();
        send(connection, r, requestId);
        return;
    }
    if (path == "/_emulator/advance"_L1 && method == "POST"_L1) {
        const qint64 seconds = qint64(num(u"seconds"_s, 0));
        if (seconds < 0) {
            bad(u"seconds must be >= 0"_s);
            return;
        }
        m_clockOffset += seconds;
        processDue();
        ok(QJsonObject{{u"clock"_s, now()}});
        return;
    }
    if (path == "/_emulator/config"_L1) {
        if (method == "POST"_L1) {
            m_config.refundDelay = qint64(num(u"refund_delay"_s, double(m_config.refundDelay)));
            m_config.disputeDelay = qint64(num(u"dispute_delay"_s, double(m_config.disputeDelay)));
            m_config.payoutTransitDelay = qint64(num(u"payout_transit_delay"_s, double(m_config.payoutTransitDelay)));
            m_config.payoutPaidDelay = qint64(num(u"payout_paid_delay"_s, double(m_config.payoutPaidDelay)));
            m_config.availableDelay = qint64(num(u"available_delay"_s, double(m_config.availableDelay)));
            const double rate = num(u"rate_limit"_s, m_config.rateLimit);
            if (rate < 0) {
                bad(u"rate_limit must be >= 0 (0 = off)"_s);
                return;
            }
            if (rate != m_config.rateLimit)
                m_buckets.clear();
            m_config.rateLimit = rate;
        }
        ok(QJsonObject{{u"refund_delay"_s, m_config.refundDelay},
                       {u"dispute_delay"_s, m_config.disputeDelay},
                       {u"payout_transit_delay"_s, m_config.payoutTransitDelay},
                       {u"payout_paid_delay"_s, m_config.payoutPaidDelay},
                       {u"available_delay"_s, m_config.availableDelay},
                       {u"rate_limit"_s, m_config.rateLimit}});
        return;
    }
    static const QRegularExpression reqRe(u"^/_emulator/accounts/(acct_[A-Za-z0-9]+)/requirements$"_s);
    if (const auto m = reqRe.match(path); m.hasMatch() && method == "POST"_L1) {
        QString err;
        if (p.value(u"state"_s) == "new"_L1) { // internal initial state of a created account
            bad(u"state must be one of incomplete, past_due, pending_verification, verified, disabled"_s);
            return;
        }
        if (!setAccountRequirements(m.captured(1), p.value(u"state"_s), p.value(u"reason"_s), &err)) {
            bad(err);
            return;
        }
        ok(get(m.captured(1)));
        return;
    }
    if (path == "/_emulator/payouts/fail_next"_L1 && method == "POST"_L1) {
        const QString code = p.value(u"code"_s, u"account_closed"_s);
        if (!isPayoutFailureCode(code)) {
            bad(u"unknown payout failure code "_s + code);
            return;
        }
        const int count = qBound(1, int(num(u"count"_s, 1)), 1000);
        for (int i = 0; i < count; ++i)
            m_payoutFailNext.append(code);
        ok(QJsonObject{{u"queued"_s, QJsonArray::fromStringList(m_payoutFailNext)}});
        return;
    }
    // A refund made in the Stripe Dashboard (not through the API): the same refund and events as
    // POST /v1/refunds, but the events carry no request id and no idempotency key, as on Stripe.
    if (path == "/_emulator/dashboard/refunds"_L1 && method == "POST"_L1) {
        ApiContext ctx;
        ctx.method = u"POST"_s;
        ctx.path = u"/v1/refunds"_s;
        ctx.templ = u"/v1/refunds"_s;
        ctx.account = p.value(u"account"_s);
        ctx.params.insert(u"charge"_s, p.value(u"charge"_s));
        if (p.contains(u"amount"_s))
            ctx.params.insert(u"amount"_s, p.value(u"amount"_s).toLongLong());
        if (p.contains(u"reason"_s))
            ctx.params.insert(u"reason"_s, p.value(u"reason"_s));
        const ApiResponse r = createRefund(ctx);
        if (r.status != 200) {
            send(connection, r, requestId);
            return;
        }
        ok(r.body);
        return;
    }
    if (path == "/_emulator/disputes"_L1 && method == "POST"_L1) {
        const QString charge = p.value(u"charge"_s);
        const QJsonObject c = get(charge);
        if (c.value("object"_L1).toString() != "charge"_L1 || !c.value("captured"_L1).toBool()) {
            bad(u"charge must be an existing captured charge"_s);
            return;
        }
        const QString id = createDispute(charge, p.value(u"inquiry"_s) == "true"_L1,
                                         p.value(u"reason"_s, u"fraudulent"_s));
        ok(get(id));
        return;
    }
    send(connection,
         error(404, u"invalid_request_error"_s, QString(), u"Unknown emulator control endpoint "_s + path),
         requestId);
}

// ---------------------------------------------------------------------------------------------
// Store, lists, expansion, events

void Emulator::put(const QString& type, const QJsonObject& object, const QString& owner)
{
    const QString id = object.value("id"_L1).toString();
    if (!m_objects.contains(id))
        m_order[type].append(id);
    m_objects.insert(id, object);
    if (!owner.isEmpty())
        m_owner.insert(id, owner);
}

void Emulator::update(const QJsonObject& object)
{
    m_objects.insert(object.value("id"_L1).toString(), object);
}

bool Emulator::visible(const QString& id, const QString& type, const QString& account) const
{
    const auto it = m_objects.constFind(id);
    if (it == m_objects.constEnd() || it->value("object"_L1).toString() != type)
        return false;
    if (type == "account"_L1)
        return account.isEmpty() || account == id;
    return m_owner.value(id) == account;
}

ApiResponse Emulator::list(const ApiContext& ctx, const QString& type, const QString& url,
                           const std::function<bool(const QJsonObject&)>& filter)
{
    const QJsonObject& p = ctx.params;
    const qint64 limit = p.contains("limit"_L1) ? p.value("limit"_L1).toInteger() : 10;
    if (limit < 1 || limit > 100)
        return error(400, u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                     limit < 1 ? u"This value must be greater than or equal to 1."_s
                               : u"This value must be less than or equal to 100."_s,
                     u"limit"_s);
    const QString after = p.value("starting_after"_L1).toString();
    const QString before = p.value("ending_before"_L1).toString();
    if (!after.isEmpty() && !before.isEmpty())
        return error(400, u"invalid_request_error"_s, QString(),
                     u"You may only specify one of these parameters: ending_before, starting_after."_s,
                     u"ending_before"_s);
    const QString cursor = after.isEmpty() ? before : after;
    const QStringList all = m_order.value(type); // oldest first
    qsizetype cursorPos = -1;
    if (!cursor.isEmpty()) {
        cursorPos = all.indexOf(cursor);
        if (cursorPos < 0 || !visible(cursor, type, ctx.account))
            return error(400, u"invalid_request_error"_s, u"resource_missing"_s,
                         u"No such "_s + type + u": '"_s + cursor + u"'"_s,
                         after.isEmpty() ? u"ending_before"_s : u"starting_after"_s);
    }
    // created filter: integer or {gt,gte,lt,lte}
    const QJsonValue created = p.value("created"_L1);
    auto createdOk = [&created](qint64 c) {
        if (created.isUndefined() || created.isNull())
            return true;
        if (!created.isObject())
            return c == created.toInteger();
        const QJsonObject r = created.toObject();
        if (r.contains("gt"_L1) && !(c > r.value("gt"_L1).toInteger()))
            return false;
        if (r.contains("gte"_L1) && !(c >= r.value("gte"_L1).toInteger()))
            return false;
        if (r.contains("lt"_L1) && !(c < r.value("lt"_L1).toInteger()))
            return false;
        if (r.contains("lte"_L1) && !(c <= r.value("lte"_L1).toInteger()))
            return false;
        return true;
    };
    auto matches = [&](qsizetype i) {
        const QString& id = all.at(i);
        if (!visible(id, type, ctx.account))
            return false;
        const QJsonObject o = m_objects.value(id);
        return createdOk(o.value("created"_L1).toInteger()) && (!filter || filter(o));
    };
    QList<qsizetype> picked;
    bool hasMore = false;
    if (!before.isEmpty()) {
        // Newer than the cursor: walk upwards from it, keep the `limit` closest, present newest first.
        for (qsizetype i = cursorPos + 1; i < all.size(); ++i) {
            if (!matches(i))
                continue;
            if (picked.size() == limit) {
                hasMore = true;
                break;
            }
            picked.append(i);
        }
        std::reverse(picked.begin(), picked.end());
    } else {
        const qsizetype start = cursorPos >= 0 ? cursorPos - 1 : all.size() - 1;
        for (qsizetype i = start; i >= 0; --i) {
            if (!matches(i))
                continue;
            if (picked.size() == limit) {
                hasMore = true;
                break;
            }
            picked.append(i);
        }
    }
    QStringList expandPaths;
    const QJsonArray expandArr = p.value("expand"_L1).toArray();
    for (const QJsonValue& e : expandArr) {
        const QString s = e.toString();
        if (!s.startsWith("data."_L1))
            return error(400, u"invalid_request_error"_s, QString(),
                         u"This property cannot be expanded ("_s + s
                             + u"). You may want to try expanding 'data."_s + s + u"' instead."_s,
                         u"expand"_s);
        expandPaths.append(s.mid(5));
    }
    QJsonArray data;
    for (qsizetype i : picked)
        data.append(expand(m_objects.value(all.at(i)), expandPaths, ctx.account));
    ApiResponse r;
    r.body = QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, hasMore}, {u"url"_s, url}};
    return r;
}

QJsonValue Emulator::expandValue(const QJsonValue& v, const QStringList& rest, const QString& account,
                                 int depth) const
{
    if (rest.isEmpty() || depth > 4)
        return v;
    if (v.isArray()) {
        QJsonArray out;
        const QJsonArray arr = v.toArray();
        for (const QJsonValue& e : arr)
            out.append(expandValue(e, rest, account, depth));
        return out;
    }
    if (!v.isObject())
        return v;
    QJsonObject o = v.toObject();
    const QString field = rest.first();
    if (o.value("object"_L1).toString() == "charge"_L1 && field == "refunds"_L1) {
        QJsonArray refunds;
        const QStringList ids = m_order.value(u"refund"_s);
        const QString chargeId = o.value("id"_L1).toString();
        for (qsizetype i = ids.size() - 1; i >= 0 && refunds.size() < 10; --i)
            if (m_objects.value(ids.at(i)).value("charge"_L1).toString() == chargeId)
                refunds.append(m_objects.value(ids.at(i)));
        o.insert(u"refunds"_s, QJsonObject{{u"object"_s, u"list"_s},
                                           {u"data"_s, refunds},
                                           {u"has_more"_s, false},
                                           {u"url"_s, QString(u"/v1/charges/"_s + chargeId + u"/refunds"_s)}});
        return o;
    }
    if (!o.contains(field))
        return o;
    QJsonValue child = o.value(field);
    if (child.isString()) {
        const auto it = m_objects.constFind(child.toString());
        if (it != m_objects.constEnd())
            child = *it;
    }
    o.insert(field, expandValue(child, rest.mid(1), account, depth + 1));
    return o;
}

QJsonObject Emulator::expand(const QJsonObject& object, const QStringList& paths, const QString& account) const
{
    QJsonObject o = object;
    for (const QString& p : paths)
        o = expandValue(o, p.split(u'.'), account, 0).toObject();
    return o;
}

ApiResponse Emulator::objectResponse(const ApiContext& ctx, const QJsonObject& object) const
{
    QStringList paths;
    const QJsonArray arr = ctx.params.value("expand"_L1).toArray();
    for (const QJsonValue& e : arr)
        paths.append(e.toString());
    ApiResponse r;
    r.body = expand(object, paths, ctx.account);
    return r;
}

void Emulator::emitEvent(const QString& type, const QJsonObject& object, const QJsonObject& previous,
                         const QString& owner, const ApiContext* ctx)
{
    QJsonObject data{{u"object"_s, object}};
    if (!previous.isEmpty())
        data.insert(u"previous_attributes"_s, previous);
    QJsonObject evt{{u"id"_s, newId(u"evt_"_s)},
                    {u"object"_s, u"event"_s},
                    {u"api_version"_s, kApiVersion},
                    {u"created"_s, now()},
                    {u"data"_s, data},
                    {u"livemode"_s, false},
                    {u"pending_webhooks"_s, 0},
                    {u"request"_s,
                     QJsonObject{{u"id"_s, ctx && !ctx->requestId.isEmpty() ? QJsonValue(ctx->requestId)
                                                                            : QJsonValue(QJsonValue::Null)},
                                 {u"idempotency_key"_s, ctx && !ctx->idempotencyKey.isEmpty()
                                                            ? QJsonValue(ctx->idempotencyKey)
                                                            : QJsonValue(QJsonValue::Null)}}},
                    {u"type"_s, type}};
    if (!owner.isEmpty())
        evt.insert(u"account"_s, owner);
    put(u"event"_s, evt, owner);
}

// ---------------------------------------------------------------------------------------------
// Time-driven transitions

void Emulator::schedule(qint64 due, const QString& kind, const QString& id)
{
    m_jobs.append(Job{due, kind, id, ++m_jobSeq});
}

void Emulator::processDue()
{
    for (int guard = 0; guard < 10000; ++guard) {
        const qint64 t = now();
        qsizetype best = -1;
        for (qsizetype i = 0; i < m_jobs.size(); ++i) {
            const Job& j = m_jobs.at(i);
            if (j.due > t)
                continue;
            if (best < 0 || j.due < m_jobs.at(best).due
                || (j.due == m_jobs.at(best).due && j.seq < m_jobs.at(best).seq))
                best = i;
        }
        if (best < 0)
            return;
        const Job job = m_jobs.takeAt(best);
        if (job.kind == "bt"_L1) {
            QJsonObject bt = get(job.id);
            if (bt.value("status"_L1).toString() == "pending"_L1) {
                bt.insert(u"status"_s, u"available"_s);
                update(bt);
            }
        } else if (job.kind == "refund"_L1) {
            settleRefund(job.id);
        } else if (job.kind == "dispute"_L1) {
            decideDispute(job.id);
        } else if (job.kind == "payout"_L1) {
            advancePayout(job.id);
        } else if (job.kind == "dispute_create"_L1) {
            createDispute(job.id, false, u"fraudulent"_s);
        } else if (job.kind == "inquiry_create"_L1) {
            createDispute(job.id, true, u"fraudulent"_s);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// State file

QJsonObject Emulator::stateJson() const
{
    QJsonObject objects;
    QJsonArray events;
    QJsonObject owners;
    for (auto it = m_order.begin(); it != m_order.end(); ++it) {
        QJsonArray arr;
        for (const QString& id : it.value())
            arr.append(m_objects.value(id));
        if (it.key() == "event"_L1)
            events = arr;
        else
            objects.insert(it.key(), arr);
    }
    for (auto it = m_owner.begin(); it != m_owner.end(); ++it)
        if (!it.value().isEmpty())
            owners.insert(it.key(), it.value());
    // Decisions the emulator has taken but not yet played out (see STATE.md, "emulator").
    QJsonObject failures;
    for (auto it = m_payoutFailures.begin(); it != m_payoutFailures.end(); ++it)
        failures.insert(it.key(), it.value());
    // Idempotency keys answered in the last 24 h (emulator clock), as Stripe keeps them: a client that
    // re-sends a stored key after the emulator restarted gets the first answer, not a second effect.
    QJsonArray idempotency;
    const qint64 cutoff = now() - 86400;
    for (auto it = m_idempotency.begin(); it != m_idempotency.end(); ++it) {
        if (it->inFlight || it->created < cutoff)
            continue;
        idempotency.append(QJsonObject{{u"scope"_s, it.key()},
                                       {u"fingerprint"_s, it->fingerprint},
                                       {u"status"_s, it->status},
                                       {u"body"_s, QString::fromUtf8(it->body)},
                                       {u"created"_s, it->created}});
    }
    const QJsonObject pending{{u"payout_fail_next"_s, QJsonArray::fromStringList(m_payoutFailNext)},
                              {u"payout_failures"_s, failures},
                              {u"idempotency"_s, idempotency}};
    return QJsonObject{{u"version"_s, 1},
                       {u"objects"_s, objects},
                       {u"events"_s, events},
                       {u"owners"_s, owners},
                       {u"clock"_s, now()},
                       {u"emulator"_s, pending}};
}

bool Emulator::saveState(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"cannot write "_s + path + u": "_s + file.errorString();
        return false;
    }
    file.write(QJsonDocument(stateJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = u"cannot write "_s + path + u": "_s + file.errorString();
        return false;
    }
    return true;
}

bool Emulator::loadState(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read "_s + path + u": "_s + file.errorString();
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &pe);
    if (!doc.isObject()) {
        if (error)
            *error = path + u": not a JSON object: "_s + pe.errorString();
        return false;
    }
    return loadStateJson(doc.object(), error);
}

bool Emulator::loadStateJson(const QJsonObject& state, QString* error)
{
    const QJsonObject objects = state.value("objects"_L1).toObject();
    if (!state.contains("objects"_L1) || !state.value("objects"_L1).isObject()) {
        if (error)
            *error = u"state file has no \"objects\" object"_s;
        return false;
    }
    reset();
    const QJsonObject owners = state.value("owners"_L1).toObject();
    auto loadList = [&](const QString& type, const QJsonArray& arr) {
        QList<QJsonObject> items;
        for (const QJsonValue& v : arr) {
            QJsonObject o = v.toObject();
            if (o.value("id"_L1).toString().isEmpty()) {
                qCWarning(lcEmulator) << "state: skipping a" << type << "without id";
                continue;
            }
            if (!o.contains("object"_L1))
                o.insert(u"object"_s, type);
            if (!o.contains("created"_L1))
                o.insert(u"created"_s, now());
            if (!o.contains("livemode"_L1) && type != "refund"_L1 && type != "transfer_reversal"_L1
                && type != "balance_transaction"_L1 && type != "account"_L1)
                o.insert(u"livemode"_s, false);
            if (!o.contains("metadata"_L1) && type != "event"_L1 && type != "balance_transaction"_L1)
                o.insert(u"metadata"_s, QJsonObject());
            items.append(o);
        }
        std::stable_sort(items.begin(), items.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return a.value("created"_L1).toInteger() < b.value("created"_L1).toInteger();
        });
        for (const QJsonObject& o : items) {
            const QString id = o.value("id"_L1).toString();
            QString owner = owners.value(id).toString();
            if (owner.isEmpty() && type == "event"_L1)
                owner = o.value("account"_L1).toString();
            put(type, o, owner);
        }
    };
    for (auto it = objects.begin(); it != objects.end(); ++it)
        loadList(it.key(), it.value().toArray());
    loadList(u"event"_s, state.value("events"_L1).toArray());
    const QJsonObject pending = state.value("emulator"_L1).toObject();
    const QJsonArray failNext = pending.value("payout_fail_next"_L1).toArray();
    for (const QJsonValue& v : failNext)
        if (isPayoutFailureCode(v.toString()))
            m_payoutFailNext.append(v.toString());
    const QJsonObject failures = pending.value("payout_failures"_L1).toObject();
    for (auto it = failures.begin(); it != failures.end(); ++it) {
        const QJsonObject po = get(it.key());
        const QString st = po.value("status"_L1).toString();
        if (po.value("object"_L1).toString() == "payout"_L1 && (st == "pending"_L1 || st == "in_transit"_L1)
            && isPayoutFailureCode(it.value().toString()))
            m_payoutFailures.insert(it.key(), it.value().toString());
        else
            qCWarning(lcEmulator) << "state: ignoring payout failure for" << it.key();
    }
    for (const QJsonValue& v : pending.value("idempotency"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        const QString scope = o.value("scope"_L1).toString();
        if (scope.count(QChar(0x1f)) != 2 || o.value("status"_L1).toInt() < 100) {
            qCWarning(lcEmulator) << "state: ignoring a malformed idempotency entry";
            continue;
        }
        IdemEntry e;
        e.fingerprint = o.value("fingerprint"_L1).toString();
        e.inFlight = false;
        e.status = o.value("status"_L1).toInt();
        e.body = o.value("body"_L1).toString().toUtf8();
        e.created = o.value("created"_L1).toInteger();
        m_idempotency.insert(scope, e);
    }
    const qint64 clock = state.value("clock"_L1).toInteger();
    const qint64 real = QDateTime::currentSecsSinceEpoch();
    m_clockOffset = clock > real ? clock - real : 0;
    deriveAfterLoad();
    return true;
}

} // namespace Bursar::Emulator
