#include "RefundsModel.h"

#include "db/Database.h"
#include "services/RefundPolicy.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

RefundsModel::RefundsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

RefundsModel::~RefundsModel() = default;

void RefundsModel::setDatabase(Db::Database* db)
{
    m_db = db;
    reload();
}

void RefundsModel::setFilter(const Db::RefundFilter& filter)
{
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    ++m_generation;
    m_loading = false;
    m_hasMore = !m_db.isNull();
    endResetModel();
}

int RefundsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RefundsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

bool RefundsModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && m_db;
}

void RefundsModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    // Ask from the event loop, never from inside fetchMore(): a page that is already there when then()
    // attaches is delivered at once, and rows must not go in while a view (or the model tester) is in
    // the middle of a reset.
    m_loading = true;
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (generation == m_generation) // else the filter changed meanwhile
                requestPage();
        },
        Qt::QueuedConnection);
}

void RefundsModel::requestPage()
{
    std::optional<Db::RefundCursor> after;
    if (!m_rows.isEmpty())
        after = Db::RefundCursor{m_rows.last().createdMicros, m_rows.last().id};
    const quint64 generation = m_generation;
    const bool first = m_rows.isEmpty();
    Db::RefundsRepository::page(m_db, m_filter, after, m_pageSize)
        .then(this,
              [this, generation, first](const QList<Db::RefundRow>& rows) {
                  if (generation != m_generation)
                      return; // an answer for an older filter
                  // still "loading" while the rows go in: a view or tester asking for more from inside
                  // rowsInserted must not start a page from the old cursor
                  m_hasMore = rows.size() >= m_pageSize;
                  if (!rows.isEmpty()) {
                      beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
                      m_rows += rows;
                      endInsertRows();
                  }
                  m_loading = false;
                  Q_EMIT pageLoaded(int(rows.size()), first);
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_hasMore = false;
            Q_EMIT failed(e.message());
        });
}

void RefundsModel::refreshIds(const QList<qint64>& ids)
{
    if (!m_db || ids.isEmpty())
        return;
    const quint64 generation = m_generation;
    Db::RefundsRepository::byIds(m_db, ids).then(this, [this, generation](const QList<Db::RefundRow>& rows) {
        if (generation != m_generation)
            return;
        for (const auto& r : rows) {
            for (int i = 0; i < m_rows.size(); ++i) {
                if (m_rows.at(i).id == r.id) {
                    m_rows[i] = r;
                    Q_EMIT dataChanged(index(i, 0), index(i, int(Column::Count) - 1));
                }
            }
        }
    });
}

const Db::RefundRow* RefundsModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QString RefundsModel::statusText(const QString& s)
{
    //: refund status
    if (s == u"not_submitted")
        return tr("Not submitted");
    if (s == u"pending")
        return tr("Pending");
    if (s == u"requires_action")
        return tr("Requires action");
    if (s == u"succeeded")
        return tr("Succeeded");
    if (s == u"failed")
        return tr("Failed");
    if (s == u"canceled")
        return tr("Canceled");
    return s;
}

QString RefundsModel::approvalText(const QString& a)
{
    //: refund approval state
    if (a == u"not_required")
        return tr("Not required");
    if (a == u"awaiting_approval")
        return tr("Awaiting approval");
    if (a == u"approved")
        return tr("Approved");
    if (a == u"rejected")
        return tr("Rejected");
    return a;
}

QVariant RefundsModel::data(const QModelIndex& index, int role) const
{
    const Db::RefundRow* r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= int(Column::Count))
        return {};
    const auto col = Column(index.column());
    switch (role) {
    case IdRole:
        return r->id;
    case OrderIdRole:
        return r->orderId;
    case StatusRole:
        return r->status;
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
            if (r->operationState == u"pending" && r->status == u"not_submitted")
                return tr("Sending…");
            if (r->operationState == u"needs_attention")
                return tr("Needs attention");
            return statusText(r->status);
        case Column::Approval:
            return QString(approvalText(r->approvalState)
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

QVariant RefundsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
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
