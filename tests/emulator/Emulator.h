#pragma once

#include "SpecValidator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>
#include <random>

class QTimer;

namespace Bursar::Emulator {

class HttpConnection;
class HttpServer;
struct HttpRequest;

struct Faults
{
    int latencyMs = 0;
    double rate429 = 0;
    double rate500 = 0;
    double rateDrop = 0;
    double rateLostAnswer = 0;
    QString onlyPath;    // prefix; empty = every Stripe path
    QString onlyMethod;  // "POST"/"GET"; empty = any
    int count = -1;      // >= 0: inject exactly this many more faults, then clear the rates
};

struct Config
{
    QString apiKey;
    QString statePath;
    quint64 seed = 0;
    bool seeded = false;
    qint64 refundDelay = 0;         // seconds; 0 = card refunds succeed at once (as in Stripe test mode)
    qint64 disputeDelay = 5;        // seconds from evidence submission to the outcome
    qint64 payoutTransitDelay = 5;  // pending -> in_transit
    qint64 payoutPaidDelay = 60;    // in_transit -> paid / failed
    qint64 availableDelay = 0;      // charge funds: pending -> available
    double rateLimit = 0;           // requests per second per API key (token bucket, burst = 1 s); 0 = off
    Faults faults;
};

struct ApiResponse
{
    int status = 200;
    QJsonObject body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

// Per-request context handed to the Stripe handlers.
struct ApiContext
{
    QString method;     // "GET", "POST", "DELETE"
    QString path;
    QString templ;      // spec path template
    QHash<QString, QString> pathParams;
    QJsonObject params; // validated, typed
    QString account;    // Stripe-Account ("" = platform)
    QString idempotencyKey;
    QString requestId;
    // POST /v1/files: the uploaded file part (params["file"] holds its SHA-256 for the fingerprint)
    QByteArray fileContent;
    QString fileName;
    QByteArray fileContentType;
};

// One of Stripe's payout failure codes (account_closed, no_account, ...).
bool isPayoutFailureCode(const QString& code);

class Emulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Emulator)
public:
    explicit Emulator(const Spec* spec, Config config, QObject* parent = nullptr);
    ~Emulator() override;

    void handle(const HttpRequest& request, HttpConnection* connection);

    bool loadState(const QString& path, QString* error);
    bool saveState(const QString& path, QString* error) const;
    QJsonObject stateJson() const;
    bool loadStateJson(const QJsonObject& state, QString* error);
    void reset();

    qint64 now() const;

private:
    // infrastructure
    void handleControl(const HttpRequest& request, HttpConnection* connection, const QByteArray& requestId);
    void execute(const ApiContext& ctx, HttpConnection* connection, const QString& scopeKey,
                 const QString& fingerprint, bool lostAnswer);
    void send(HttpConnection* connection, const ApiResponse& response, const QByteArray& requestId);
    ApiResponse dispatch(const ApiContext& ctx);
    double draw();
    bool takeRateToken(const QString& key);
    QString newId(const QString& prefix, int length = 24);
    void processDue();
    void scheduleDerivedJobs();

    // store
    void put(const QString& type, const QJsonObject& object, const QString& owner);
    void update(const QJsonObject& object);
    QJsonObject get(const QString& id) const { return m_objects.value(id); }
    bool visible(const QString& id, const QString& type, const QString& account) const;
    QString ownerOf(const QString& id) const { return m_owner.value(id); }
    ApiResponse list(const ApiContext& ctx, const QString& type, const QString& url,
                     const std::function<bool(const QJsonObject&)>& filter);
    QJsonObject expand(const QJsonObject& object, const QStringList& paths, const QString& account) const;
    QJsonValue expandValue(const QJsonValue& v, const QStringList& rest, const QString& account, int depth) const;
    ApiResponse objectResponse(const ApiContext& ctx, const QJsonObject& object) const;
    void emitEvent(const QString& type, const QJsonObject& object, const QJsonObject& previous,
                   const QString& owner, const ApiContext* ctx);
    QJsonObject fixture(const QString& type) const;

    // errors
    static ApiResponse error(int status, const QString& type, const QString& code, const QString& message,
                             const QString& param = QString());
    ApiResponse notFound(const QString& what, const QString& id, const QString& param = QStringLiteral("id")) const;
    std::optional<ApiResponse> checkAmount(qint64 amount, const QString& currency, const QString& param,
                                           bool checkMinimum) const;
    std::optional<ApiResponse> checkMetadata(const ApiContext& ctx) const;
    QJsonObject mergedMetadata(const QJsonObject& current, const ApiContext& ctx) const;

    // money
    QJsonObject createBalanceTransaction(qint64 amount, qint64 fee, const QString& currency, const QString& type,
                                         const QString& category, const QString& source,
                                         const QString& description, const QString& owner, qint64 availableOn);
    qint64 availableBalance(const QString& owner, const QString& currency) const;

    // resources (StripeHandlers.cpp)
    ApiResponse createCharge(const ApiContext& ctx);
    ApiResponse updateCharge(const ApiContext& ctx);
    ApiResponse createPaymentIntent(const ApiContext& ctx);
    ApiResponse updatePaymentIntent(const ApiContext& ctx);
    ApiResponse capturePaymentIntent(const ApiContext& ctx);
    ApiResponse cancelPaymentIntent(const ApiContext& ctx);
    ApiResponse confirmPaymentIntent(const ApiContext& ctx, QJsonObject pi, const QString& cardKey);
    QJsonObject makeCharge(const ApiContext& ctx, qint64 amount, const QString& currency,
                           const QString& cardKey, const QString& paymentMethodId, bool capture,
                           const QString& paymentIntent);
    QString createDispute(const QString& chargeId, bool inquiry, const QString& reason);
    QString disputeForCharge(const QString& chargeId) const;
    QString resolveCard(const QString& paymentMethod) const;
    void deriveAfterLoad();
    ApiResponse createRefund(const ApiContext& ctx);
    ApiResponse updateRefund(const ApiContext& ctx);
    ApiResponse cancelRefund(const ApiContext& ctx);
    void settleRefund(const QString& refundId);
    ApiResponse updateDispute(const ApiContext& ctx);
    ApiResponse closeDispute(const ApiContext& ctx);
    void decideDispute(const QString& disputeId);
    ApiResponse createAccount(const ApiContext& ctx);
    ApiResponse updateAccount(const ApiContext& ctx);
    ApiResponse deleteAccount(const ApiContext& ctx);
    ApiResponse createAccountLink(const ApiContext& ctx);
    bool setAccountRequirements(const QString& accountId, const QString& state, const QString& reason,
                                QString* error);
    ApiResponse createTransfer(const ApiContext& ctx);
    ApiResponse updateTransfer(const ApiContext& ctx);
    ApiResponse createReversal(const ApiContext& ctx);
    ApiResponse updateReversal(const ApiContext& ctx);
    ApiResponse createPayout(const ApiContext& ctx);
    ApiResponse updatePayout(const ApiContext& ctx);
    ApiResponse cancelPayout(const ApiContext& ctx);
    void advancePayout(const QString& payoutId);
    ApiResponse balance(const ApiContext& ctx);
    ApiResponse createFile(const ApiContext& ctx);
    std::optional<ApiResponse> checkEvidenceFiles(const QJsonObject& evidence, const QString& account) const;

    struct IdemEntry
    {
        QString fingerprint;
        bool inFlight = true;
        int status = 0;
        QByteArray body;
        qint64 created = 0;
    };
    struct Job
    {
        qint64 due = 0;
        QString kind;
        QString id;
        quint64 seq = 0;
    };
    void schedule(qint64 due, const QString& kind, const QString& id);

    const Spec* m_spec;
    Config m_config;
    std::mt19937_64 m_idRng;
    std::mt19937_64 m_faultRng;
    std::mt19937_64 m_reqRng;
    qint64 m_clockOffset = 0;
    QHash<QString, QJsonObject> m_objects;          // id -> object
    QHash<QString, QStringList> m_order;            // type -> ids, oldest first
    QHash<QString, QString> m_owner;                // id -> connected account ("" = platform)
    QHash<QString, IdemEntry> m_idempotency;
    QList<Job> m_jobs;
    quint64 m_jobSeq = 0;
    QStringList m_payoutFailNext;                    // failure codes for the next payouts
    QHash<QString, QString> m_payoutFailures;        // payout id -> failure code decided at creation
    QHash<QString, QString> m_pmCards;               // generated pm_ id -> test card key
    struct Bucket
    {
        double tokens = 0;
        qint64 lastNs = 0;
    };
    QHash<QString, Bucket> m_buckets;               // rate limiter: API key -> bucket
    QElapsedTimer m_monotonic;
    QJsonObject m_fixtures;
    QTimer* m_timer;
    quint64 m_requests = 0;
};

} // namespace Bursar::Emulator
