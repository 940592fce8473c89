#pragma once

#include "PagedModel.h"

#include "db/OrdersRepository.h"

#include <QSet>

namespace Bursar::Models {

// Orders as a table that pages from PostgreSQL (PagedModel: keyset pages, generations, cancellation,
// the count, live refresh). This class says which query and what a cell shows.
//
//   auto* model = new OrdersModel(this);
//   model->setDatabase(db);
//   model->setQuery(query);  // asks for its first page; view->setModel(model) and scrolling do the rest
class OrdersModel final : public PagedModel<Db::OrderRow, Db::OrderQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersModel)

public:
    enum class Column { Created, OrderId, Buyer, Seller, Gross, Refunded, SellerNet, Currency, PaymentStatus,
                        FulfilmentStatus, Count };
    Q_ENUM(Column)
    // RawValueRole, IdRole, StatusRole, StatusKindRole ("payment", "fulfilment"), MoneyRole: PagedTableModel
    enum OrderRole {
        PublicIdRole = FirstModelRole, // "ORD-0000001"
        SellerIdRole,
        BuyerIdRole
    };

    explicit OrdersModel(QObject* parent = nullptr);
    ~OrdersModel() override;

    // The sort whitelist as OrderSort: Created (and OrderId), Gross, PaymentStatus, Seller.
    static std::optional<Db::OrderSort> sortForColumn(int column);
    static int columnForSort(Db::OrderSort sort);

    // Live changes from the change feed (all three are refreshRows(): in place, inserts where they sort).
    void refreshIds(const QList<qint64>& ids) { refreshRows(ids); }
    void refreshRange(int first, int last);
    void insertNewer(const QList<qint64>& ids) { refreshRows(ids); }


protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::OrderQuery& query, const Db::OrderRow* after, int limit,
                            Db::Stale stale) const override;
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::OrderQuery& query,
                                 const QList<qint64>& ids) const override;
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::OrderQuery& query, Db::Stale stale) const override;
    QVariantList sortValues(const Db::OrderRow& row) const override;
    QVariant cellData(const Db::OrderRow& row, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
    void prepareRow(Db::OrderRow& row) override;

private:
    QSet<QString> m_strings;
};

} // namespace Bursar::Models
