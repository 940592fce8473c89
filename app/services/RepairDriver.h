#pragma once

#include "OperationJournal.h"
#include "Repairable.h"

#include <QHash>
#include <QObject>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// The agent's driver for journal operations of kind "repair": the repair centre's requests
// (bursar_request_repair, migration 0013), carried out on the same journal as every other operation.
//
//   RepairDriver repairs(db, journal);                 // registers itself for kind "repair"
//   repairs.registerKind(u"refund"_s, refundDriver);   // each driver that can be repaired (Repairable)
//
// redrive() reads the repaired operation, asks its kind's driver what Stripe says now (lookUp) and, in one
// transaction with the outcome and its audit row (bursar_repair_finish, the staff member's reason and
// Stripe's request id):
//   recheck    stores Stripe's view on the operation (bursar_repair_snapshot);
//   mark_done  only when Stripe has the object: applies it through the driver (applyShown);
//   release    only when Stripe has nothing: fails the operation and frees its reservation (releaseUnsent);
// and otherwise refuses with a code and words (stripe_shows_nothing, stripe_has_object, stripe_unreachable,
// no_repair_driver, or a rule code of the apply path such as operation_in_flight). Stripe's view is stored in
// every case. A lost database connection leaves the repair pending; the journal re-drives it, and both the
// apply path and bursar_repair_finish are idempotent.
class RepairDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairDriver)

public:
    RepairDriver(Db::Database* db, OperationJournal* journal, QObject* parent = nullptr);
    ~RepairDriver() override;

    void registerKind(const QString& kind, Repairable* driver);
    QFuture<RecoveryItem> redrive(const JournalOperation& repair);

private:
    struct Target;
    QFuture<RecoveryItem> carryOut(const JournalOperation& repair, const Target& target);
    QFuture<RecoveryItem> finish(const JournalOperation& repair, const Target& target, const StripeView& view,
                                 bool apply, const QString& code, const QString& words);

    Db::Database* m_db;
    QHash<QString, Repairable*> m_kinds;
};

} // namespace Bursar::Services
