#include "WalletLedgerModel.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Core::StatusKind;
using Db::LedgerCause;
using Db::LedgerRow;

WalletLedgerModel::WalletLedgerModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::Time), int(Db::LedgerSort::Created)}});
}

QString WalletLedgerModel::causeText(const LedgerRow& r)
{
    switch (r.cause()) {
    case LedgerCause::Order: return tr("Order %1").arg(r.causeId());
    case LedgerCause::Refund: return tr("Refund %1 (order %2)").arg(r.causeId(), r.orderPublicId);
    case LedgerCause::Dispute: return tr("Dispute %1").arg(r.causeId());
    case LedgerCause::Payout: return tr("Payout %1").arg(r.causeId());
    case LedgerCause::Adjustment: return tr("Adjustment by %1: %2").arg(r.createdBy, r.description);
    }
    return {};
}

QVariant WalletLedgerModel::cellData(const LedgerRow& r, int column, int role) const
{
    if (role == BrokenRole)
        return r.chainBreak;
    if (role == CauseKindRole)
        return int(r.cause());
    if (role == CauseIdRole)
        return r.causeId();
    // a bucket that did not move shows nothing (its raw value is still 0)
    auto moved = [&](qint64 minor) { return minor == 0 && role != RawValueRole ? QVariant() : moneyCell(r.money(minor), role, true); };
    const bool text = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Column::Time:
        return timeCell(r.createdUs, role);
    case Column::Kind:
        return statusCell(StatusKind::LedgerKind, r.kind, role);
    case Column::Cause:
        if (text || role == Qt::ToolTipRole) return causeText(r);
        if (role == RawValueRole) return r.causeId();
        break;
    case Column::Available: return moved(r.amountAvailable);
    case Column::Pending: return moved(r.amountPending);
    case Column::Frozen: return moved(r.amountFrozen);
    case Column::Before: return moneyCell(r.money(r.balanceBefore()), role);
    case Column::After: return moneyCell(r.money(r.balanceAfter()), role);
    case Column::Check:
        if (role == Qt::ToolTipRole && r.chainBreak)
            return tr("The balance before this movement is not the balance after the previous one.");
        return statusCell(StatusKind::WalletCheck, r.chainBreak ? u"chain_break"_s : u"ok"_s, role);
    case Column::Count: break;
    }
    return {};
}

QVariant WalletLedgerModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && c >= Column::Available && c <= Column::After)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::Time: return tr("Time");
    case Column::Kind: return tr("Movement");
    case Column::Cause: return tr("Cause");
    case Column::Available: return tr("Available");
    case Column::Pending: return tr("Pending");
    case Column::Frozen: return tr("Frozen");
    //: the wallet's total (available + pending + frozen) before the movement
    case Column::Before: return tr("Balance before");
    case Column::After: return tr("Balance after");
    case Column::Check: return tr("Check");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
