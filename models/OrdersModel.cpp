#include "OrdersModel.h"

#include "core/Status.h"

#include "db/Database.h"
#include "db/Error.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Db::OrderCursor;
using Db::OrderPage;
using Db::OrdersRepository;
using Db::OrderRow;
using Db::OrderSort;

namespace {
// The sort whitelist: the columns the server can page by keyset (OrdersRepository's orderBy/addKeyset).
// The first column of a sort is the one its header shows.
const QList<std::pair<int, int>> SortColumns = {
    {int(OrdersModel::Column::Created), int(OrderSort::Created)},
    {int(OrdersModel::Column::OrderId), int(OrderSort::Created)},
    {int(OrdersModel::Column::Gross), int(OrderSort::Gross)},
    {int(OrdersModel::Column::PaymentStatus), int(OrderSort::Status)},
    {int(OrdersModel::Column::Seller), int(OrderSort::Seller)},
};
} // namespace

OrdersModel::OrdersModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns(SortColumns);
}

OrdersModel::~OrdersModel() = default;

std::optional<OrderSort> OrdersModel::sortForColumn(int column)
{
    for (const auto& [c, key] : SortColumns)
        if (c == column)
            return OrderSort(key);
    return std::nullopt;
}

int OrdersModel::columnForSort(OrderSort sort)
{
    for (const auto& [c, key] : SortColumns)
        if (key == int(sort))
            return c;
    return 0;
}

QVariant OrdersModel::cellData(const OrderRow& r, int col, int role) const
{
    const auto column = Column(col);
    switch (role) {
    case PublicIdRole:
        return r.publicId;
    case SellerIdRole:
        return r.sellerId;
    case BuyerIdRole:
        return r.buyerId;
    default:
        break;
    }
    auto money = [&](qint64 minor) -> QVariant {
        switch (role) {
        case Qt::DisplayRole:
            return r.money(minor).formatAmount(QLocale());
        case RawValueRole:
            return minor;
        case MoneyRole:
            return QVariant::fromValue(r.money(minor));
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    };
    switch (column) {
    case Column::Created:
        return timeCell(r.createdUs, role);
    case Column::OrderId:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.publicId;
        break;
    case Column::Buyer:
        if (role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole)
            return r.buyerEmail;
        break;
    case Column::Seller:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return r.sellerName;
        if (role == RawValueRole)
            return r.sellerId;
        break;
    case Column::Gross:
        return money(r.gross);
    case Column::Refunded:
        return money(-r.refunded);
    case Column::SellerNet:
        return money(r.sellerNet);
    case Column::Currency:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.currency;
        break;
    case Column::PaymentStatus:
        if (role == Qt::DisplayRole)
            return Core::Status::text(Core::StatusKind::Payment, r.paymentStatus);
        if (role == RawValueRole || role == StatusRole)
            return r.paymentStatus;
        if (role == StatusKindRole)
            return u"payment"_s;
        break;
    case Column::FulfilmentStatus:
        if (role == Qt::DisplayRole)
            return Core::Status::text(Core::StatusKind::Fulfilment, r.fulfilmentStatus);
        if (role == RawValueRole || role == StatusRole)
            return r.fulfilmentStatus;
        if (role == StatusKindRole)
            return u"fulfilment"_s;
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant OrdersModel::columnHeader(int section, int role) const
{
    if (role == Qt::TextAlignmentRole) {
        const auto c = Column(section);
        if (c == Column::Gross || c == Column::Refunded || c == Column::SellerNet)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Created: return tr("Created");
    case Column::OrderId: return tr("Order");
    case Column::Buyer: return tr("Buyer");
    case Column::Seller: return tr("Seller");
    //: column: amount the buyer paid
    case Column::Gross: return tr("Gross");
    //: column: amount refunded to the buyer
    case Column::Refunded: return tr("Refunded");
    //: column: what the seller gets after fees
    case Column::SellerNet: return tr("Seller net");
    case Column::Currency: return tr("Currency");
    case Column::PaymentStatus: return tr("Payment");
    case Column::FulfilmentStatus: return tr("Fulfilment");
    case Column::Count: break;
    }
    return {};
}

void OrdersModel::prepareRow(OrderRow& row)
{
    // 100,000 rows hold only a handful of distinct currencies and statuses: share their strings.
    for (QString* s : {&row.currency, &row.paymentStatus, &row.fulfilmentStatus}) {
        auto it = m_strings.constFind(*s);
        if (it == m_strings.cend())
            it = m_strings.insert(*s);
        *s = *it;
    }
}

QFuture<OrderPage> OrdersModel::queryPage(Db::Database* db, const Db::OrderQuery& query, const OrderRow* after,
                                          int limit, Db::Stale stale) const
{
    std::optional<OrderCursor> cursor;
    if (after)
        cursor = OrderCursor::after(*after);
    return OrdersRepository::page(db, query, cursor, limit, std::move(stale));
}

QFuture<OrdersModel::Refreshed> OrdersModel::queryRows(Db::Database* db, const Db::OrderQuery& query,
                                                       const QList<qint64>& ids) const
{
    return OrdersRepository::rowsByIds(db, query, ids);
}

QFuture<Db::RowCount> OrdersModel::queryCount(Db::Database* db, const Db::OrderQuery& query, Db::Stale stale) const
{
    // a stale count answers at once: the user has moved on, do not make the next page wait
    return OrdersRepository::count(db, query.filter, std::move(stale));
}

QVariantList OrdersModel::sortValues(const OrderRow& r) const
{
    switch (query().sort) {
    case OrderSort::Created:
        return {r.createdUs, r.id};
    case OrderSort::Gross:
        return {r.gross, r.id};
    case OrderSort::Status:
        return {qint64(OrdersRepository::paymentStatuses().indexOf(r.paymentStatus)), r.createdUs, r.id};
    case OrderSort::Seller:
        return {r.sellerId, r.createdUs, r.id};
    }
    return {r.id};
}

void OrdersModel::refreshRange(int first, int last)
{
    first = std::max(0, first);
    last = std::min(rowCount() - 1, last);
    QList<qint64> ids;
    for (int i = first; i <= last; ++i)
        ids << rowAt(i)->id;
    refreshRows(ids);
}

} // namespace Bursar::Models
