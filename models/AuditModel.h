#pragma once

#include "PagedModel.h"

#include "db/AuditRepository.h"

namespace Bursar::Models {

// The audit log, paged from audit_entries (migration 0011: finance and admin), newest first by default;
// sortable by time, id (the chain's order), actor and action. DisplayRole is the text, RawValueRole the
// value (epoch µs for the time, minor units for the amount).
class AuditModel final : public PagedModel<Db::AuditRow, Db::AuditQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum class Column { Time, Id, Actor, Role, Action, Entity, EntityId, Order, Seller, Amount, Note, Count };
    Q_ENUM(Column)
    enum AuditRole { ChangedKeysRole = FirstModelRole, IdTextRole };

    explicit AuditModel(QObject* parent = nullptr);

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::AuditQuery& q, const Db::AuditRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::AuditRepository::page(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::AuditQuery& q, const QList<qint64>& ids) const override
    {
        return Db::AuditRepository::rowsByIds(db, q, ids);
    }
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::AuditQuery& q, Db::Stale stale) const override
    {
        return Db::AuditRepository::count(db, q.filter, std::move(stale));
    }
    QVariantList sortValues(const Db::AuditRow& r) const override;
    QVariant cellData(const Db::AuditRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
