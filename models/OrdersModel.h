#pragma once

#include "db/Database.h"
#include "db/OrdersRepository.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <atomic>
#include <memory>


namespace Bursar::Models {

// Orders as a table that pages from PostgreSQL: nothing is loaded until the view asks
// (canFetchMore/fetchMore), then keyset pages of pageSize() rows follow the last row's sort key.
// setQuery() (a filter, sort or search change) bumps the generation, cancels queued pages, resets,
// and drops any answer that arrives for an older generation; it never waits. A capped count is
// fetched in the background (countChanged). Live changes: refreshIds() re-reads rows in place,
// insertNewer() puts new orders on top when the newest are shown first.
//
//   auto* model = new OrdersModel(this);
//   model->setDatabase(db);
//   model->setQuery(query);  // view->setModel(model) and scrolling do the rest
class OrdersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersModel)

public:
    enum class Column { Created, OrderId, Buyer, Seller, Gross, Refunded, SellerNet, Currency, PaymentStatus,
                        FulfilmentStatus, Count };
    Q_ENUM(Column)
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the value behind the text: minor units, epoch µs, enum label
        IdRole,                          // orders.id (qint64)
        PublicIdRole,                    // "ORD-0000001"
        StatusRole,                      // payment or fulfilment status label on the status columns
        MoneyRole,                       // Bursar::Core::Money on the money columns
        SellerIdRole,
        BuyerIdRole,
        StatusKindRole                   // "payment" or "fulfilment" on the status columns
    };

    explicit OrdersModel(QObject* parent = nullptr);
    ~OrdersModel() override;

    void setDatabase(Db::Database* database);
    Db::Database* database() const { return m_db; }
    void setQuery(const Db::OrderQuery& query);
    const Db::OrderQuery& query() const { return m_query; }
    void reload() { setQuery(m_query); }
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    // Sort columns the server can sort by keyset; others return false.
    static std::optional<Db::OrderSort> sortForColumn(int column);
    static int columnForSort(Db::OrderSort sort);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;

    const Db::OrderRow* rowAt(int row) const;
    int rowOfId(qint64 id) const;
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    quint64 generation() const { return m_generation; }
    std::optional<Db::OrderCount> count() const { return m_count; }

    // Re-reads these orders if they are loaded (another console or bursar-cli changed them).
    void refreshIds(const QList<qint64>& ids);
    // Re-reads the loaded rows first..last (a bulk change of unknown rows).
    void refreshRange(int first, int last);
    // New orders: when the newest are shown first, those matching the query go on top.
    void insertNewer(const QList<qint64>& ids);

    static QString paymentStatusText(const QString& status);
    static QString fulfilmentStatusText(const QString& status);

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A page arrived for the current query (first = true for the first page of a query).
    void pageLoaded(int rows, bool first);
    void countChanged();
    void failed(const QString& message);
    void rowsRefreshed(int count);

private:
    void requestPage();
    void requestCount();
    void setLoading(bool loading);
    void applyRows(const QList<Db::OrderRow>& rows);
    void intern(Db::OrderRow& row);

    QPointer<Db::Database> m_db;
    Db::OrderQuery m_query;
    QList<Db::OrderRow> m_rows;
    QHash<qint64, int> m_rowOfId;
    std::optional<Db::OrderCursor> m_cursor;
    std::optional<Db::OrderCount> m_count;
    std::shared_ptr<std::atomic<quint64>> m_current = std::make_shared<std::atomic<quint64>>(0);
    QSet<QString> m_strings;
    int m_pageSize = 200;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = true;
    bool m_started = false;
};

} // namespace Bursar::Models
