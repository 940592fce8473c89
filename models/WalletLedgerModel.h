#pragma once

#include "PagedModel.h"

#include "db/WalletsRepository.h"

namespace Bursar::Models {

// One wallet's ledger, every movement with its kind, the movement of each bucket, the balance before and
// after, and its cause (order, refund, dispute, payout or adjustment); keyset pages on (created_at, id).
// A row whose balance before is not the previous row's balance after has BrokenRole true.
class WalletLedgerModel final : public PagedModel<Db::LedgerRow, Db::LedgerQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalletLedgerModel)

public:
    enum class Column { Time, Kind, Cause, Available, Pending, Frozen, Before, After, Check, Count };
    Q_ENUM(Column)
    enum LedgerRole { BrokenRole = FirstModelRole, CauseKindRole, CauseIdRole };

    explicit WalletLedgerModel(QObject* parent = nullptr);

    static QString causeText(const Db::LedgerRow& row); // "Order ORD-0000042", "Payout po_…", …

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::LedgerQuery& q, const Db::LedgerRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::WalletsRepository::ledgerPage(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::LedgerQuery& q, const QList<qint64>& ids) const override
    {
        return Db::WalletsRepository::ledgerRowsByIds(db, q, ids);
    }
    QVariantList sortValues(const Db::LedgerRow& r) const override { return {r.createdUs, r.id}; }
    QVariant cellData(const Db::LedgerRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
