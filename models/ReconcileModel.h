#pragma once

#include "PagedModel.h"

#include "db/ReconcileRepository.h"

namespace Bursar::Models {

// The Reconciliation panel's list (Db::ReconcileRepository over reconciliation_differences): every
// difference between Stripe and the books that a run found, newest first, with Stripe's value beside the
// books', the difference in money (Stripe less the books), the suggested repair and when it was first and
// last seen; resolved ones say how.
class ReconcileModel final : public PagedModel<Db::ReconcileRow, Db::ReconcileQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileModel)

public:
    enum class Column { State, Kind, Object, Order, Seller, Stripe, Books, Difference, Repair, FirstSeen, LastSeen, Count };
    Q_ENUM(Column)

    explicit ReconcileModel(QObject* parent = nullptr);

    // A value on its own (Stripe's or the books'): money when it has a currency, else the status words.
    static QString sideText(const std::optional<Core::Money>& money, const QString& status);

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::ReconcileQuery& q, const Db::ReconcileRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::ReconcileRepository::page(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::ReconcileQuery& q, const QList<qint64>& ids) const override
    {
        return Db::ReconcileRepository::rowsByIds(db, q, ids);
    }
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::ReconcileQuery& q, Db::Stale stale) const override
    {
        return Db::ReconcileRepository::count(db, q.filter, std::move(stale));
    }
    QVariantList sortValues(const Db::ReconcileRow& r) const override { return {r.id}; }
    QVariant cellData(const Db::ReconcileRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
