#include "WalletLedgerModel.h"

#include "core/Status.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Core::Status;
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
    auto money = [&](qint64 minor, bool signedValue) -> QVariant {
        if (role == Qt::DisplayRole)
            return QString((signedValue && minor > 0 ? u"+"_s : QString()) + r.money(minor).formatAmount(QLocale()));
        if (role == RawValueRole) return minor;
        if (role == MoneyRole) return QVariant::fromValue(r.money(minor));
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    };
    const bool text = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Column::Time:
        if (text) return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.createdUs / 1000), QLocale::ShortFormat);
        if (role == RawValueRole) return r.createdUs;
        if (role == Qt::ToolTipRole) // every microsecond, as PostgreSQL keeps it
            return QString(QDateTime::fromMSecsSinceEpoch(r.createdUs / 1000, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)
                           + QString::number(r.createdUs % 1000).rightJustified(3, u'0') + u" UTC"_s);
        break;
    case Column::Kind:
        if (text) return Status::text(StatusKind::LedgerKind, r.kind);
        if (role == RawValueRole || role == StatusRole) return r.kind;
        if (role == StatusKindRole) return Status::kindName(StatusKind::LedgerKind);
        break;
    case Column::Cause:
        if (text || role == Qt::ToolTipRole) return causeText(r);
        if (role == RawValueRole) return r.causeId();
        break;
    case Column::Available: return r.amountAvailable == 0 && role != RawValueRole ? QVariant() : money(r.amountAvailable, true);
    case Column::Pending: return r.amountPending == 0 && role != RawValueRole ? QVariant() : money(r.amountPending, true);
    case Column::Frozen: return r.amountFrozen == 0 && role != RawValueRole ? QVariant() : money(r.amountFrozen, true);
    case Column::Before: return money(r.balanceBefore(), false);
    case Column::After: return money(r.balanceAfter(), false);
    case Column::Check:
        if (text) return Status::text(StatusKind::WalletCheck, r.chainBreak ? u"chain_break" : u"ok");
        if (role == RawValueRole || role == StatusRole) return r.chainBreak ? u"chain_break"_s : u"ok"_s;
        if (role == StatusKindRole) return Status::kindName(StatusKind::WalletCheck);
        if (role == Qt::ToolTipRole && r.chainBreak)
            return tr("The balance before this movement is not the balance after the previous one.");
        break;
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
