#include "OrdersModel.h"

#include "db/Database.h"

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

OrdersModel::OrdersModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

OrdersModel::~OrdersModel()
{
    m_current->store(0);
}

void OrdersModel::setDatabase(Db::Database* database)
{
    if (m_db == database)
        return;
    m_db = database;
    if (m_started)
        reload();
}

void OrdersModel::setQuery(const Db::OrderQuery& query)
{
    ++m_generation;
    m_current->store(m_generation); // a queued page of the old query skips its SQL; a late answer is dropped
    setLoading(false);              // before the reset: views may call fetchMore() from modelReset
    beginResetModel();
    m_query = query;
    m_rows.clear();
    m_rows.squeeze();
    m_rowOfId.clear();
    m_cursor.reset();
    m_count.reset();
    m_hasMore = true;
    m_started = true;
    endResetModel();
    Q_EMIT countChanged();
    // The first page is asked for at once, not left to the view (a hidden view never asks). The count
    // waits for it: the rows are what the user waits for, and a first page that holds every match is
    // the count (an exact lookup never runs a count query next to its page).
    requestPage();
}

std::optional<OrderSort> OrdersModel::sortForColumn(int column)
{
    switch (Column(column)) {
    case Column::Created:
    case Column::OrderId:
        return OrderSort::Created;
    case Column::Gross:
        return OrderSort::Gross;
    case Column::PaymentStatus:
        return OrderSort::Status;
    case Column::Seller:
        return OrderSort::Seller;
    default:
        return std::nullopt;
    }
}

int OrdersModel::columnForSort(OrderSort sort)
{
    switch (sort) {
    case OrderSort::Created:
        return int(Column::Created);
    case OrderSort::Gross:
        return int(Column::Gross);
    case OrderSort::Status:
        return int(Column::PaymentStatus);
    case OrderSort::Seller:
        return int(Column::Seller);
    }
    return 0;
}

int OrdersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrdersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString OrdersModel::paymentStatusText(const QString& s)
{
    //: payment (escrow) status of an order
    if (s == u"pending"_s) return tr("Pending");
    if (s == u"held"_s) return tr("Held");
    if (s == u"released"_s) return tr("Released");
    if (s == u"completed"_s) return tr("Completed");
    if (s == u"failed"_s) return tr("Failed");
    if (s == u"refunded"_s) return tr("Refunded");
    if (s == u"partially_refunded"_s) return tr("Part refunded");
    if (s == u"disputed"_s) return tr("Disputed");
    return s;
}

QString OrdersModel::fulfilmentStatusText(const QString& s)
{
    //: fulfilment status of an order
    if (s == u"pending"_s) return tr("Pending");
    if (s == u"processing"_s) return tr("Processing");
    if (s == u"shipped"_s) return tr("Shipped");
    if (s == u"delivered"_s) return tr("Delivered");
    if (s == u"confirmed"_s) return tr("Confirmed");
    if (s == u"cancelled"_s) return tr("Cancelled");
    return s;
}

QVariant OrdersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderRow& r = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case IdRole:
        return r.id;
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
        if (role == Qt::DisplayRole)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.createdUs / 1000), QLocale::ShortFormat);
        if (role == RawValueRole)
            return r.createdUs;
        if (role == Qt::ToolTipRole)
            return QDateTime::fromMSecsSinceEpoch(r.createdUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
        break;
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
            return paymentStatusText(r.paymentStatus);
        if (role == RawValueRole || role == StatusRole)
            return r.paymentStatus;
        if (role == StatusKindRole)
            return u"payment"_s;
        break;
    case Column::FulfilmentStatus:
        if (role == Qt::DisplayRole)
            return fulfilmentStatusText(r.fulfilmentStatus);
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

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= int(Column::Count))
        return {};
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

bool OrdersModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_started && m_hasMore && !m_loading && m_db;
}

void OrdersModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    // Ask from the event loop, never from inside fetchMore(): a page that is already there when then()
    // attaches is delivered at once, and rows must not go in while a view (or the model tester) is in
    // the middle of a reset.
    setLoading(true);
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (generation != m_generation)
                return; // the query changed meanwhile; it asked for its own first page
            m_loading = false;
            requestPage();
        },
        Qt::QueuedConnection);
}

void OrdersModel::sort(int column, Qt::SortOrder order)
{
    const auto s = sortForColumn(column);
    if (!s)
        return;
    Db::OrderQuery q = m_query;
    q.sort = *s;
    q.descending = order == Qt::DescendingOrder;
    if (q == m_query && m_started)
        return;
    setQuery(q);
}

const OrderRow* OrdersModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int OrdersModel::rowOfId(qint64 id) const
{
    return m_rowOfId.value(id, -1);
}

void OrdersModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void OrdersModel::intern(OrderRow& row)
{
    // 100,000 rows hold only a handful of distinct currencies and statuses: share their strings.
    for (QString* s : {&row.currency, &row.paymentStatus, &row.fulfilmentStatus}) {
        auto it = m_strings.constFind(*s);
        if (it == m_strings.cend())
            it = m_strings.insert(*s);
        *s = *it;
    }
}

void OrdersModel::requestPage()
{
    if (!m_db || m_loading || !m_hasMore)
        return;
    setLoading(true);
    const quint64 generation = m_generation;
    const bool first = !m_cursor.has_value();
    OrdersRepository::page(m_db, m_query, m_cursor, m_pageSize,
                           [current = m_current, generation] { return current->load() != generation; })
        .then(this,
              [this, generation, first](OrderPage page) {
                  if (generation != m_generation)
                      return; // an answer for a query the user has left
                  if (!page.rows.isEmpty()) {
                      m_cursor = OrderCursor::after(page.rows.last());
                      const int from = int(m_rows.size());
                      beginInsertRows({}, from, from + int(page.rows.size()) - 1);
                      for (OrderRow& r : page.rows) {
                          intern(r);
                          m_rowOfId.insert(r.id, int(m_rows.size()));
                          m_rows.append(std::move(r));
                      }
                      endInsertRows();
                  } else if (first) {
                      m_cursor = OrderCursor{};
                  }
                  m_hasMore = page.hasMore;
                  setLoading(false);
                  if (first && !m_hasMore) {
                      m_count = Db::OrderCount{m_rows.size(), Db::OrderCount::Kind::Exact};
                      Q_EMIT countChanged();
                  }
                  Q_EMIT pageLoaded(int(page.rows.size()), first);
                  // Asked for after the page is announced: a count that is ready before then() attaches
                  // is delivered at once, and would otherwise arrive ahead of its own first page.
                  if (first && m_hasMore && generation == m_generation)
                      requestCount();
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_generation)
                return;
            m_hasMore = false; // until the next query or reload; the panel offers a retry
            setLoading(false);
            Q_EMIT failed(e.message());
        });
}

void OrdersModel::requestCount()
{
    if (!m_db)
        return;
    const quint64 generation = m_generation;
    // a stale count answers at once: the user has moved on, do not make the next page wait
    OrdersRepository::count(m_db, m_query.filter,
                            [current = m_current, generation] { return current->load() != generation; })
        .then(this,
              [this, generation](const Db::OrderCount& c) {
                  if (generation != m_generation)
                      return;
                  m_count = c;
                  Q_EMIT countChanged();
              })
        .onFailed(this, [](const Db::Error&) {
            // a count is a hint; the rows themselves report their failures
        });
}

void OrdersModel::applyRows(const QList<OrderRow>& rows)
{
    int changed = 0;
    for (OrderRow r : rows) {
        const int i = rowOfId(r.id);
        if (i < 0)
            continue;
        intern(r);
        m_rows[i] = std::move(r);
        ++changed;
        Q_EMIT dataChanged(index(i, 0), index(i, int(Column::Count) - 1));
    }
    Q_EMIT rowsRefreshed(changed);
}

void OrdersModel::refreshIds(const QList<qint64>& ids)
{
    QList<qint64> loaded;
    for (qint64 id : ids)
        if (m_rowOfId.contains(id))
            loaded << id;
    if (!m_db || loaded.isEmpty())
        return;
    const quint64 generation = m_generation;
    OrdersRepository::rowsByIds(m_db, loaded)
        .then(this,
              [this, generation](const QList<OrderRow>& rows) {
                  if (generation == m_generation)
                      applyRows(rows);
              })
        .onFailed(this, [](const Db::Error&) {});
}

void OrdersModel::refreshRange(int first, int last)
{
    first = std::max(0, first);
    last = std::min(int(m_rows.size()) - 1, last);
    QList<qint64> ids;
    for (int i = first; i <= last; ++i)
        ids << m_rows.at(i).id;
    refreshIds(ids);
}

void OrdersModel::insertNewer(const QList<qint64>& ids)
{
    if (!m_db || ids.isEmpty() || !m_started)
        return;
    if (m_query.sort != OrderSort::Created || !m_query.descending)
        return; // new orders belong at the end or somewhere in the middle: they appear on the next reload
    if (m_rows.isEmpty()) {
        if (!m_loading)
            reload();
        return;
    }
    const quint64 generation = m_generation;
    const OrderRow top = m_rows.first();
    OrdersRepository::newerThan(m_db, m_query, top.createdUs, top.id, std::min(int(ids.size()), 500))
        .then(this,
              [this, generation](QList<OrderRow> rows) {
                  if (generation != m_generation || rows.isEmpty())
                      return;
                  // newerThan gives newest first; drop any that raced in already
                  rows.erase(std::remove_if(rows.begin(), rows.end(),
                                            [this](const OrderRow& r) { return m_rowOfId.contains(r.id); }),
                             rows.end());
                  if (rows.isEmpty())
                      return;
                  beginInsertRows({}, 0, int(rows.size()) - 1);
                  for (OrderRow& r : rows)
                      intern(r);
                  m_rows = rows + m_rows;
                  m_rowOfId.clear();
                  for (int i = 0; i < m_rows.size(); ++i)
                      m_rowOfId.insert(m_rows.at(i).id, i);
                  endInsertRows();
                  if (m_count && m_count->kind == Db::OrderCount::Kind::Exact) {
                      m_count->value += rows.size();
                      Q_EMIT countChanged();
                  }
              })
        .onFailed(this, [](const Db::Error&) {});
}

} // namespace Bursar::Models
