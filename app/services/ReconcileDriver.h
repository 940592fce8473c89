#pragma once

#include "OperationJournal.h"

#include <QFuture>
#include <QObject>

#include <functional>
#include <memory>

namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
}

namespace Bursar::Services {

// The agent's driver for journal operations of kind "reconcile" (issue 12 item 3; migration 0015): a run that
// bursar_request_reconcile journalled for a finance or admin user (the Reconciliation panel, bursar-cli
// reconcile).
//
//   ReconcileDriver reconcile(db, stripe, journal, agentId, [&] { return events.syncAndWait(); });
//
// redrive() takes the run (bursar_reconcile_begin), lists from Stripe everything created since the run's
// `since` less two days (charges, refunds, disputes, transfers and the charges' balance transactions on the
// platform; payouts on every connected account, with the Stripe-Account header), stages it page by page
// (bursar_reconcile_stage), runs one event sync so that what Stripe changed before the listing is in the
// books, and then compares and keeps the differences in one transaction (bursar_reconcile_finish). A
// listing that fails fails the run with Stripe's words; nothing is compared from a partial listing. It only
// reads from Stripe: it moves no money.
class ReconcileDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileDriver)

public:
    using SyncEvents = std::function<QFuture<void>()>;
    ReconcileDriver(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal, QString agentId,
                    SyncEvents syncEvents, QObject* parent = nullptr);
    ~ReconcileDriver() override;

    QFuture<RecoveryItem> redrive(const JournalOperation& op);

    // How far before `since` Stripe is listed (objects the books date a little later than Stripe does).
    static constexpr int kListMarginDays = 2;
    static constexpr int kParallelListings = 4; // Stripe listings with a page on the way at once

    struct Run;

private:
    void startListings(const std::shared_ptr<Run>& run);
    void fetchPage(const std::shared_ptr<Run>& run, int index);
    void flush(const std::shared_ptr<Run>& run, std::function<void()> then);
    void compare(const std::shared_ptr<Run>& run);
    void fail(const std::shared_ptr<Run>& run, const QString& error);

    Db::Database* m_db;
    Stripe::StripeClient* m_stripe;
    QString m_agentId;
    SyncEvents m_syncEvents;
};

} // namespace Bursar::Services
