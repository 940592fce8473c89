#pragma once

#include "PagedModel.h"

#include "db/RepairRepository.h"

namespace Bursar::Models {

// The repair centre's list (Db::RepairRepository over repair_queue): every journal operation that needs
// attention or is pending past its lease, newest first, with its reserved money, attempts, error, assignee
// and the outcome of its last repair.
class RepairModel final : public PagedModel<Db::RepairRow, Db::RepairQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairModel)

public:
    enum class Column { State, Operation, Kind, Order, Reserved, Attempts, Error, Assignee, LastRepair, Count };
    Q_ENUM(Column)

    explicit RepairModel(QObject* parent = nullptr);

    // "Re-check: Refused: Stripe has nothing…", or "Re-check: being carried out"; empty without a repair.
    static QString lastRepairText(const Db::RepairRow& row);
    static QString actionText(const QString& action);

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::RepairQuery& q, const Db::RepairRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::RepairRepository::page(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::RepairQuery& q, const QList<qint64>& ids) const override
    {
        return Db::RepairRepository::rowsByIds(db, q, ids);
    }
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::RepairQuery& q, Db::Stale stale) const override
    {
        return Db::RepairRepository::count(db, q.filter, std::move(stale));
    }
    QVariantList sortValues(const Db::RepairRow& r) const override { return {r.id}; }
    QVariant cellData(const Db::RepairRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
