#pragma once

#include "PagedModel.h"

#include "db/WalletsRepository.h"

namespace Bursar::Models {

// Every seller's wallet (one row per seller and currency), paged from wallet_overview. A broken wallet
// (balance not its ledger, ledger not starting at zero, a chain break) has BrokenRole true and its
// ProblemRole sentence on every column; the Check column shows it as a status ("broken" / "ok").
class WalletsModel final : public PagedModel<Db::WalletRow, Db::WalletQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalletsModel)

public:
    enum class Column { Check, Seller, SellerId, Currency, Available, Pending, Frozen, Owed, Kyc, Count };
    Q_ENUM(Column)
    enum WalletRole { BrokenRole = FirstModelRole, ProblemRole, SellerIdRole };

    explicit WalletsModel(QObject* parent = nullptr);

    // What is wrong with a wallet, in one sentence for finance; empty when nothing is.
    static QString problemText(const Db::WalletRow& row);

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::WalletQuery& q, const Db::WalletRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::WalletsRepository::page(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::WalletQuery& q, const QList<qint64>& ids) const override
    {
        return Db::WalletsRepository::rowsByIds(db, q, ids);
    }
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::WalletQuery& q, Db::Stale stale) const override
    {
        return Db::WalletsRepository::count(db, q.filter, std::move(stale));
    }
    QVariantList sortValues(const Db::WalletRow& r) const override;
    QVariant cellData(const Db::WalletRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
