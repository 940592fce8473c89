#include "RepairModel.h"

#include "db/Error.h"

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Core::StatusKind;
using Db::RepairRow;

RepairModel::RepairModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::Operation), int(Db::RepairSort::Created)}});
}

QString RepairModel::actionText(const QString& action)
{
    //: repair centre action: ask Stripe again what it has for the operation
    if (action == u"recheck") return tr("Re-check at Stripe");
    //: repair centre action: record the outcome Stripe shows
    if (action == u"mark_done") return tr("Mark done as Stripe shows");
    //: repair centre action: free the money the operation reserved (Stripe has nothing)
    if (action == u"release") return tr("Release the reservation");
    //: repair centre action: hand the operation to a person
    if (action == u"assign") return tr("Hand to a person");
    return action;
}

QString RepairModel::lastRepairText(const RepairRow& r)
{
    if (r.repairId == 0)
        return {};
    if (r.repairRunning())
        return tr("%1: the agent is carrying it out").arg(actionText(r.repairAction));
    const QString words = Db::Error::textForCode(r.repairCode);
    return tr("%1: %2").arg(actionText(r.repairAction), words.isEmpty() ? r.repairCode : words);
}

QVariant RepairModel::cellData(const RepairRow& r, int column, int role) const
{
    const bool text = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Column::State: return statusCell(StatusKind::Operation, r.state, role);
    case Column::Operation: if (text || role == RawValueRole) return r.id; break;
    case Column::Kind: if (text || role == RawValueRole) return r.kind; break;
    case Column::Order: if (text || role == RawValueRole) return r.orderPublicId; break;
    case Column::Reserved:
        if (const auto m = r.reserved()) return moneyCell(*m, role);
        break;
    case Column::Attempts: if (text || role == RawValueRole) return r.attempts; break;
    case Column::Error:
        if (text || role == RawValueRole || role == Qt::ToolTipRole) return r.error;
        break;
    case Column::Assignee: if (text || role == RawValueRole) return r.assignee; break;
    case Column::LastRepair:
        if (text || role == Qt::ToolTipRole) return lastRepairText(r);
        if (role == RawValueRole) return r.repairCode;
        break;
    case Column::Count: break;
    }
    return {};
}

QVariant RepairModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && (c == Column::Reserved || c == Column::Attempts))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::State: return tr("State");
    case Column::Operation: return tr("Operation");
    case Column::Kind: return tr("Kind");
    case Column::Order: return tr("Order");
    //: money a journal operation holds reserved until it settles
    case Column::Reserved: return tr("Reserved");
    case Column::Attempts: return tr("Attempts");
    case Column::Error: return tr("Error");
    //: the person a stuck operation was handed to
    case Column::Assignee: return tr("Assigned to");
    case Column::LastRepair: return tr("Last repair");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
