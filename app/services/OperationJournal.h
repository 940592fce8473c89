#pragma once

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

class QSqlQuery;
class QTimer;

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// One row of the operations journal: a request that moves money, journalled with its idempotency key
// before it left.
struct JournalOperation
{
    qint64 id = 0;
    QString kind;            // refund, payout, dispute_evidence, ...
    QString idempotencyKey;  // sent with every attempt; never replaced
    QJsonObject request;     // what to send (kind-specific)
    int attempts = 0;
    QDateTime createdAt;
    qint64 orderId = 0;
    qint64 refundId = 0;
    qint64 payoutId = 0;
    qint64 disputeId = 0;

    // The SELECT list that fromRow() reads, in this order (of operations, or of bursar_operations_claim()).
    static QString columns();
    static JournalOperation fromRow(const QSqlQuery& q);
};

// What re-driving one operation ended as.
struct RecoveryItem
{
    enum class Result {
        Succeeded,      // Stripe answered (again) and the result is applied
        Failed,         // Stripe refused the request; the operation is failed with Stripe's message
        StillUnknown,   // no definite answer this time (timeout, 5xx, lost answer): stays pending
        NeedsAttention, // cannot be re-driven safely; a person must decide
        Error           // the database refused to record the answer (it stays pending)
    };
    qint64 operationId = 0;
    QString kind;
    Result result = Result::StillUnknown;
    QString detail;          // for people: "refund re_… succeeded (12.34 USD)", Stripe's message, ...
    QString stripeRequestId;
};
QString recoveryResultName(RecoveryItem::Result result); // succeeded, failed, unknown, needs_attention, error

struct RecoveryReport
{
    QList<RecoveryItem> items;
    QString error; // set when the journal could not be read at all
    int count(RecoveryItem::Result r) const;
};

// The operations journal: the exactly-once machinery shared by refunds, payouts and disputes.
//
// A money-moving service journals a pending operation (with a fresh idempotency key) in the same
// transaction as the business rows and the audit row, commits, then sends the request with that key and
// applies the answer in a second transaction. When the answer never arrives (crash, kill -9, timeout,
// lost answer, database restart) the row stays pending, and recover() re-drives it with the stored key:
// Stripe replays the original answer, and the driver's apply step is idempotent, so nothing happens twice.
//
//   OperationJournal journal(db);
//   journal.registerDriver(u"refund"_s, [&refunds](const JournalOperation& op) { return refunds.redrive(op); });
//   journal.recover().then(this, [](const RecoveryReport& r) { ... });   // at start and from bursar-cli recover
//   journal.startTimer(std::chrono::seconds(60));                        // in the console
//
// Two consoles may recover at once: rows are claimed with FOR UPDATE SKIP LOCKED and leased
// (bursar_operations_claim), and even a row re-driven twice stays correct (same key, idempotent apply).
// Rows a driver cannot re-drive safely end in needs_attention (visible to staff), never silently.
class OperationJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperationJournal)

public:
    using Driver = std::function<QFuture<RecoveryItem>(const JournalOperation&)>;

    struct RecoverOptions
    {
        bool ignoreLease = false; // also re-drive rows whose sender may still be waiting for the answer
        int batch = 200;
        int leaseSeconds = 120;   // how long a claimed row is left alone by other consoles
    };

    explicit OperationJournal(Db::Database* db, QObject* parent = nullptr);
    ~OperationJournal() override;

    void registerDriver(const QString& kind, Driver driver);
    QStringList kinds() const { return m_drivers.keys(); }

    // Claims and re-drives every pending operation of the registered kinds. Never fails: problems are
    // items of the report (or report.error). Runs at most one recovery at a time; a call while one runs
    // returns that one's future.
    QFuture<RecoveryReport> recover(RecoverOptions options);
    QFuture<RecoveryReport> recover() { return recover(RecoverOptions{}); }
    bool isRecovering() const { return m_running; }

    // Runs recover() every interval (skipped while one runs). 0 stops it.
    void startTimer(std::chrono::milliseconds interval);

    // Journal bookkeeping for drivers (run on the database worker).
    static QFuture<void> postpone(Db::Database* db, qint64 operationId, const QString& error,
                                  const QString& stripeRequestId, int retrySeconds = 60);
    static QFuture<void> needsAttention(Db::Database* db, qint64 operationId, const QString& error);

    void setDatabase(Db::Database* db) { m_db = db; }

Q_SIGNALS:
    void recovered(const Bursar::Services::RecoveryReport& report);

private:
    void runBatch(const std::shared_ptr<struct RecoveryRun>& run);
    void finishRun(const std::shared_ptr<struct RecoveryRun>& run);

    Db::Database* m_db;
    QHash<QString, Driver> m_drivers;
    QTimer* m_timer = nullptr;
    bool m_running = false;
    QFuture<RecoveryReport> m_current;
};

} // namespace Bursar::Services
