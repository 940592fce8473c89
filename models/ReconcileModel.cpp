#include "ReconcileModel.h"

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Db::ReconcileRow;

ReconcileModel::ReconcileModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::FirstSeen), int(Db::ReconcileSort::Id)}});
}

QString ReconcileModel::sideText(const std::optional<Core::Money>& money, const QString& status)
{
    if (money && !status.isEmpty())
        return tr("%1 (%2)").arg(money->format(), status);
    if (money)
        return money->format();
    //: reconciliation: the object is not there (at Stripe or in the books)
    return status.isEmpty() ? tr("none") : status;
}

QVariant ReconcileModel::cellData(const ReconcileRow& r, int column, int role) const
{
    const bool text = role == Qt::DisplayRole;
    switch (Column(column)) {
    case Column::State:
        if (text || role == Qt::ToolTipRole)
            return r.open() || r.resolution == u"no_longer_differs" ? r.stateText()
                            : tr("%1 by %2: %3").arg(r.stateText(), r.resolvedBy.isEmpty() ? tr("the agent") : r.resolvedBy,
                                                     r.resolutionNote);
        if (role == RawValueRole) return r.open() ? u"open"_s : r.resolution;
        break;
    case Column::Kind:
        if (text || role == Qt::ToolTipRole) return r.kindText();
        if (role == RawValueRole) return r.kind;
        break;
    case Column::Object: if (text || role == RawValueRole) return r.objectId; break;
    case Column::Order: if (text || role == RawValueRole) return r.orderPublicId; break;
    case Column::Seller: if (text || role == RawValueRole) return r.sellerName; break;
    case Column::Stripe:
        if (text || role == Qt::ToolTipRole) return sideText(r.stripeMoney(), r.stripeStatus);
        if (role == RawValueRole && r.stripeValue) return *r.stripeValue;
        break;
    case Column::Books:
        if (text || role == Qt::ToolTipRole) return sideText(r.booksMoney(), r.booksStatus);
        if (role == RawValueRole && r.booksValue) return *r.booksValue;
        break;
    case Column::Difference:
        if (const auto m = r.money(); m && r.value != 0) return moneyCell(*m, role, true);
        if (role == RawValueRole) return r.value;
        break;
    case Column::Repair:
        if (text || role == Qt::ToolTipRole) return r.repairText();
        if (role == RawValueRole) return r.repair;
        break;
    case Column::FirstSeen: return timeCell(r.firstSeenUs, role);
    case Column::LastSeen: return timeCell(r.lastSeenUs, role);
    case Column::Count: break;
    }
    return {};
}

QVariant ReconcileModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && c == Column::Difference)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::State: return tr("State");
    //: reconciliation: what differs between Stripe and the books
    case Column::Kind: return tr("Difference");
    //: reconciliation: Stripe's id of the object (a currency for fees)
    case Column::Object: return tr("Stripe object");
    case Column::Order: return tr("Order");
    case Column::Seller: return tr("Seller");
    //: reconciliation: what Stripe has
    case Column::Stripe: return tr("Stripe");
    //: reconciliation: what Bursar's books have
    case Column::Books: return tr("Books");
    //: reconciliation: Stripe less the books, in money
    case Column::Difference: return tr("Value");
    //: reconciliation: the suggested repair
    case Column::Repair: return tr("Suggested repair");
    case Column::FirstSeen: return tr("First seen");
    case Column::LastSeen: return tr("Last seen");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
