#include "OperationJournal.h"

#include "db/Database.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QLoggingCategory>
#include <QPromise>
#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

Q_LOGGING_CATEGORY(lcJournal, "bursar.journal")

QString recoveryResultName(RecoveryItem::Result result)
{
    switch (result) {
    case RecoveryItem::Result::Succeeded:
        return u"succeeded"_s;
    case RecoveryItem::Result::Failed:
        return u"failed"_s;
    case RecoveryItem::Result::StillUnknown:
        return u"unknown"_s;
    case RecoveryItem::Result::NeedsAttention:
        return u"needs_attention"_s;
    case RecoveryItem::Result::Error:
        break;
    }
    return u"error"_s;
}

QString JournalOperation::columns()
{
    return u"id, kind, idempotency_key, request::text, attempts, created_at, coalesce(order_id, 0), "
           "coalesce(refund_id, 0), coalesce(payout_id, 0), coalesce(dispute_id, 0)"_s;
}

JournalOperation JournalOperation::fromRow(const QSqlQuery& q)
{
    JournalOperation op;
    op.id = q.value(0).toLongLong();
    op.kind = q.value(1).toString();
    op.idempotencyKey = q.value(2).toString();
    op.request = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    op.attempts = q.value(4).toInt();
    op.createdAt = q.value(5).toDateTime();
    op.orderId = q.value(6).toLongLong();
    op.refundId = q.value(7).toLongLong();
    op.payoutId = q.value(8).toLongLong();
    op.disputeId = q.value(9).toLongLong();
    return op;
}

int RecoveryReport::count(RecoveryItem::Result r) const
{
    return int(std::count_if(items.cbegin(), items.cend(), [r](const RecoveryItem& i) { return i.result == r; }));
}

struct RecoveryRun
{
    QPromise<RecoveryReport> promise;
    OperationJournal::RecoverOptions options;
    RecoveryReport report;
    QSet<qint64> seen;
    int outstanding = 0;
};

OperationJournal::OperationJournal(Db::Database* db, QObject* parent)
    : QObject(parent)
    , m_db(db)
{
}

OperationJournal::~OperationJournal() = default;

void OperationJournal::registerDriver(const QString& kind, Driver driver)
{
    m_drivers.insert(kind, std::move(driver));
}

QFuture<RecoveryReport> OperationJournal::recover(RecoverOptions options)
{
    if (m_running)
        return m_current;
    auto run = std::make_shared<RecoveryRun>();
    run->options = options;
    run->promise.start();
    m_current = run->promise.future();
    if (!m_db || m_drivers.isEmpty()) {
        run->report.error = m_db ? QString() : tr("No database connection.");
        run->promise.addResult(run->report);
        run->promise.finish();
        return m_current;
    }
    m_running = true;
    runBatch(run);
    return m_current;
}

void OperationJournal::runBatch(const std::shared_ptr<RecoveryRun>& run)
{
    const QString kinds = u'{' + m_drivers.keys().join(u',') + u'}';
    const auto opts = run->options;
    m_db->run([kinds, opts](Db::Session& s) {
            QList<JournalOperation> ops;
            auto& q = s.exec(u"SELECT "_s + JournalOperation::columns()
                                 + u" FROM bursar_operations_claim(?::text[], ?, ?, ?)"_s,
                             {kinds, opts.batch, opts.leaseSeconds, opts.ignoreLease});
            while (q.next())
                ops.append(JournalOperation::fromRow(q));
            return ops;
        })
        .then(this,
              [this, run](const QList<JournalOperation>& ops) {
                  QList<JournalOperation> fresh;
                  for (const auto& op : ops) {
                      if (!run->seen.contains(op.id)) {
                          run->seen.insert(op.id);
                          fresh.append(op);
                      }
                  }
                  if (fresh.isEmpty()) {
                      finishRun(run);
                      return;
                  }
                  const bool more = !run->options.ignoreLease && ops.size() >= run->options.batch;
                  run->outstanding = int(fresh.size());
                  for (const auto& op : fresh) {
                      qCInfo(lcJournal) << "re-driving operation" << op.id << op.kind << "attempt" << op.attempts;
                      auto done = [this, run, more](RecoveryItem item) {
                          run->report.items.append(std::move(item));
                          if (--run->outstanding == 0) {
                              if (more)
                                  runBatch(run);
                              else
                                  finishRun(run);
                          }
                      };
                      QFuture<RecoveryItem> f;
                      try {
                          f = m_drivers.value(op.kind)(op);
                      } catch (const std::exception& e) {
                          done(RecoveryItem{op.id, op.kind, RecoveryItem::Result::Error, QString::fromUtf8(e.what()), {}});
                          continue;
                      }
                      f.then(this, [done, op](const RecoveryItem& item) mutable {
                           RecoveryItem i = item;
                           i.operationId = op.id;
                           i.kind = op.kind;
                           done(i);
                       }).onFailed(this, [done, op](const std::exception& e) mutable {
                          done(RecoveryItem{op.id, op.kind, RecoveryItem::Result::Error, QString::fromUtf8(e.what()), {}});
                      }).onCanceled(this, [done, op]() mutable {
                          done(RecoveryItem{op.id, op.kind, RecoveryItem::Result::StillUnknown, tr("canceled"), {}});
                      });
                  }
              })
        .onFailed(this, [this, run](const Db::Error& e) {
            run->report.error = e.message();
            finishRun(run);
        })
        .onFailed(this, [this, run](const std::exception& e) {
            run->report.error = QString::fromUtf8(e.what());
            finishRun(run);
        })
        .onCanceled(this, [this, run] {
            run->report.error = tr("The database connection was closed.");
            finishRun(run);
        });
}

void OperationJournal::finishRun(const std::shared_ptr<RecoveryRun>& run)
{
    m_running = false;
    std::sort(run->report.items.begin(), run->report.items.end(),
              [](const RecoveryItem& a, const RecoveryItem& b) { return a.operationId < b.operationId; });
    run->promise.addResult(run->report);
    run->promise.finish();
    if (!run->report.items.isEmpty() || !run->report.error.isEmpty())
        qCInfo(lcJournal) << "recovery re-drove" << run->report.items.size() << "operation(s)" << run->report.error;
    Q_EMIT recovered(run->report);
}

void OperationJournal::startTimer(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (!m_running)
                recover();
        });
    }
    m_timer->start(interval);
}

QFuture<void> OperationJournal::postpone(Db::Database* db, qint64 operationId, const QString& error,
                                         const QString& stripeRequestId, int retrySeconds)
{
    return db->run([=](Db::Session& s) {
        s.exec(u"SELECT bursar_operation_postpone(?, ?, ?, ?)"_s,
               {operationId, error, stripeRequestId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : stripeRequestId,
                retrySeconds});
    });
}

QFuture<void> OperationJournal::needsAttention(Db::Database* db, qint64 operationId, const QString& error)
{
    return db->run([=](Db::Session& s) { s.exec(u"SELECT bursar_operation_attention(?, ?)"_s, {operationId, error}); });
}

} // namespace Bursar::Services
