#include "WalletsModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Core::StatusKind;
using Db::WalletRow;
using Db::WalletSort;

WalletsModel::WalletsModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::Seller), int(WalletSort::Name)}, {int(Column::SellerId), int(WalletSort::Seller)},
                    {int(Column::Available), int(WalletSort::Available)},
                    {int(Column::Pending), int(WalletSort::Pending)}, {int(Column::Frozen), int(WalletSort::Frozen)}});
}

QString WalletsModel::problemText(const WalletRow& r)
{
    const QLocale l;
    QStringList parts;
    if (r.balanceDiffers)
        parts << tr("The balance (%1 available, %2 pending, %3 frozen) differs from its last ledger movement "
                    "(%4, %5, %6).")
                     .arg(r.money(r.available).format(l), r.money(r.pending).format(l), r.money(r.frozen).format(l),
                          r.money(r.ledgerAvailable).format(l), r.money(r.ledgerPending).format(l),
                          r.money(r.ledgerFrozen).format(l));
    if (r.badStart)
        parts << tr("The ledger does not start at zero.");
    if (r.firstBreakId != 0)
        parts << tr("The ledger chain breaks at movement %1: its balance before is not the previous balance after.")
                     .arg(r.firstBreakId);
    return parts.join(u' ');
}

QVariantList WalletsModel::sortValues(const WalletRow& r) const
{
    switch (query().sort) {
    case WalletSort::Seller: return {r.sellerId, r.currency};
    case WalletSort::Name: return {r.sellerName, r.sellerId, r.currency};
    case WalletSort::Available: return {r.available, r.id};
    case WalletSort::Pending: return {r.pending, r.id};
    case WalletSort::Frozen: return {r.frozen, r.id};
    }
    return {r.id};
}

QVariant WalletsModel::cellData(const WalletRow& r, int column, int role) const
{
    if (role == BrokenRole) return r.broken();
    if (role == SellerIdRole) return r.sellerId;
    if (role == ProblemRole || (role == Qt::ToolTipRole && r.broken())) return problemText(r);
    auto money = [&](qint64 minor) { return moneyCell(r.money(minor), role); };
    const bool text = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Column::Check: return statusCell(StatusKind::WalletCheck, r.broken() ? u"broken"_s : u"ok"_s, role);
    case Column::Seller: if (text || role == RawValueRole) return r.sellerName; break;
    case Column::SellerId: if (text || role == RawValueRole) return r.sellerId; break;
    case Column::Currency: if (text || role == RawValueRole) return r.currency; break;
    case Column::Available: return money(r.available);
    case Column::Pending: return money(r.pending);
    case Column::Frozen: return money(r.frozen);
    case Column::Owed: return r.owed() == 0 && role != RawValueRole ? QVariant() : money(r.owed()); // owes nothing: empty
    case Column::Kyc: return statusCell(StatusKind::Kyc, r.kycState, role);
    case Column::Count: break;
    }
    return {};
}

QVariant WalletsModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && c >= Column::Available && c <= Column::Owed)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::Check: return tr("Check");
    case Column::Seller: return tr("Seller");
    case Column::SellerId: return tr("Seller id");
    case Column::Currency: return tr("Currency");
    //: wallet bucket: money the seller may be paid out
    case Column::Available: return tr("Available");
    //: wallet bucket: seller net of orders still held in escrow
    case Column::Pending: return tr("Pending");
    //: wallet bucket: frozen by open disputes
    case Column::Frozen: return tr("Frozen");
    //: the seller owes the platform this much (negative available balance)
    case Column::Owed: return tr("Owed");
    case Column::Kyc: return tr("KYC");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
