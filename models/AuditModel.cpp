#include "AuditModel.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Db::AuditRow;
using Db::AuditSort;

AuditModel::AuditModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::Time), int(AuditSort::Time)}, {int(Column::Id), int(AuditSort::Id)},
                    {int(Column::Actor), int(AuditSort::Actor)}, {int(Column::Action), int(AuditSort::Action)}});
    setStartsWithDatabase(true);
}

QVariantList AuditModel::sortValues(const AuditRow& r) const
{
    switch (query().sort) {
    case AuditSort::Time: return {r.atUs, r.id};
    case AuditSort::Id: return {r.id};
    case AuditSort::Actor: return {r.actor, r.atUs, r.id};
    case AuditSort::Action: return {r.action, r.atUs, r.id};
    }
    return {r.id};
}

QVariant AuditModel::cellData(const AuditRow& r, int column, int role) const
{
    if (role == ChangedKeysRole) return r.changedKeys();
    if (role == IdTextRole) return QString::number(r.id);
    const bool text = role == Qt::DisplayRole;
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Column::Time:
        return timeCell(r.atUs, role);
    case Column::Id: if (text || raw) return r.id; break;
    case Column::Actor: if (text || raw) return r.actor; break;
    case Column::Role: if (text || raw) return r.actorRole.startsWith(u"bursar_"_s) ? r.actorRole.mid(7) : r.actorRole; break;
    case Column::Action: if (text || raw || role == Qt::ToolTipRole) return r.action; break;
    case Column::Entity: if (text || raw) return r.entity; break;
    case Column::EntityId: if (text || raw || role == Qt::ToolTipRole) return r.entityId; break;
    case Column::Order:
        if (text) return r.orderPublicId.isEmpty() && r.orderId ? QString::number(r.orderId) : r.orderPublicId;
        if (raw) return r.orderId;
        break;
    case Column::Seller:
        if (text) return r.sellerId ? QString::number(r.sellerId) : QString();
        if (raw) return r.sellerId;
        break;
    case Column::Amount:
        if (const auto m = r.money()) return moneyCell(*m, role);
        break;
    case Column::Note: if (text || raw || role == Qt::ToolTipRole) return r.note; break;
    case Column::Count: break;
    }
    return {};
}

QVariant AuditModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && c == Column::Amount)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::Time: return tr("Time");
    //: the audit row's number: its place in the hash chain
    case Column::Id: return tr("Row");
    //: who did it: a staff login or the agent
    case Column::Actor: return tr("Actor");
    case Column::Role: return tr("Role");
    case Column::Action: return tr("Action");
    //: what kind of object the action was about (order, refund, payout…)
    case Column::Entity: return tr("Entity");
    case Column::EntityId: return tr("Entity id");
    case Column::Order: return tr("Order");
    case Column::Seller: return tr("Seller");
    case Column::Amount: return tr("Amount");
    case Column::Note: return tr("Note");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
