#include "RefundsModel.h"

#include "core/Status.h"

#include "db/Database.h"
#include "services/RefundPolicy.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

RefundsModel::RefundsModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    using Db::RefundSort;
    setSortColumns({{int(Column::Created), int(RefundSort::Created)},
                    {int(Column::Order), int(RefundSort::Order)},
                    {int(Column::Amount), int(RefundSort::Amount)},
                    {int(Column::Status), int(RefundSort::Status)},
                    {int(Column::RequestedBy), int(RefundSort::Requester)}});
    setStartsWithDatabase(true);
}

RefundsModel::~RefundsModel() = default;

void RefundsModel::setFilter(const Db::RefundFilter& filter)
{
    Db::RefundQuery q = query();
    q.filter = filter;
    setQuery(q);
}

QFuture<RefundsModel::Page> RefundsModel::queryPage(Db::Database* db, const Db::RefundQuery& query,
                                                    const Db::RefundRow* after, int limit, Db::Stale stale) const
{
    std::optional<Db::RefundCursor> cursor;
    if (after)
        cursor = Db::RefundCursor::after(*after);
    return Db::RefundsRepository::page(db, query, cursor, limit, std::move(stale));
}

QFuture<RefundsModel::Refreshed> RefundsModel::queryRows(Db::Database* db, const Db::RefundQuery& query,
                                                         const QList<qint64>& ids) const
{
    return Db::RefundsRepository::rowsByIds(db, query, ids);
}

QFuture<Db::RowCount> RefundsModel::queryCount(Db::Database* db, const Db::RefundQuery& query, Db::Stale stale) const
{
    return Db::RefundsRepository::count(db, query.filter, std::move(stale));
}

QVariantList RefundsModel::sortValues(const Db::RefundRow& r) const
{
    using Db::RefundSort;
    switch (query().sort) {
    case RefundSort::Created:
        return {r.createdMicros, r.id};
    case RefundSort::Amount:
        return {r.amount.minor(), r.id};
    case RefundSort::Status:
        return {qint64(Db::RefundsRepository::statuses().indexOf(r.status)), r.createdMicros, r.id};
    case RefundSort::Requester:
        return {r.requestedBy, r.createdMicros, r.id};
    case RefundSort::Order:
        return {r.orderId, r.createdMicros, r.id};
    }
    return {r.id};
}

QVariant RefundsModel::cellData(const Db::RefundRow& row, int column, int role) const
{
    const Db::RefundRow* r = &row;
    const auto col = Column(column);
    switch (role) {
    case OrderIdRole:
        return r->orderId;
    case StatusRole:
        return r->status;
    case StatusKindRole:
        return col == Column::Status ? QVariant(u"refund"_s) : QVariant();
    case ApprovalRole:
        return r->approvalState;
    case RequesterRole:
        return r->requestedBy;
    case MoneyRole:
        return col == Column::Amount ? QVariant::fromValue(r->amount) : QVariant();
    case Qt::TextAlignmentRole:
        return col == Column::Amount ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        if (col != Column::Detail && col != Column::Status)
            return {};
        return QString(r->note + (r->failureReason.isEmpty() ? QString() : u"\n"_s + r->failureReason));
    case RawValueRole:
        switch (col) {
        case Column::Created:
            return r->createdMicros;
        case Column::Refund:
            return r->id;
        case Column::Order:
            return r->orderId;
        case Column::Amount:
            return r->amount.minor();
        case Column::Reason:
            return r->reason;
        case Column::Status:
            return r->status;
        case Column::Approval:
            return r->approvalState;
        case Column::RequestedBy:
            return r->requestedBy;
        case Column::Detail:
        case Column::Count:
            return r->failureReason;
        }
        return {};
    case Qt::DisplayRole:
        switch (col) {
        case Column::Created:
            return QLocale().toString(r->createdAt.toLocalTime(), QLocale::ShortFormat);
        case Column::Refund:
            return r->stripeRefundId.isEmpty() ? QString::number(r->id) : r->stripeRefundId;
        case Column::Order:
            return r->publicId;
        case Column::Amount:
            return r->amount.format();
        case Column::Reason: {
            const auto reason = Services::refundReasonFromCode(r->reason);
            return reason ? Services::refundReasonText(*reason) : r->reason;
        }
        case Column::Status:
            // the journal row's state while the agent has the refund or a person must look (Core::Status)
            if (const Core::Status::Entry* e = Core::Status::ofRefund(r->status, r->operationState))
                return e->text();
            return r->status;
        case Column::Approval:
            return QString(Core::Status::text(Core::StatusKind::Approval, r->approvalState)
                           + (r->approvedBy.isEmpty() ? QString() : u" ("_s + r->approvedBy + u')'));
        case Column::RequestedBy:
            return r->requestedBy;
        case Column::Detail:
            return r->failureReason.isEmpty() ? r->note : r->failureReason;
        case Column::Count:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant RefundsModel::columnHeader(int section, int role) const
{
    if (role == Qt::TextAlignmentRole && Column(section) == Column::Amount)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Created:
        return tr("Created");
    case Column::Refund:
        return tr("Refund");
    case Column::Order:
        return tr("Order");
    case Column::Amount:
        return tr("Amount");
    case Column::Reason:
        return tr("Reason");
    case Column::Status:
        return tr("Status");
    case Column::Approval:
        return tr("Approval");
    case Column::RequestedBy:
        return tr("Requested by");
    case Column::Detail:
        return tr("Stripe's reason / note");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace Bursar::Models
