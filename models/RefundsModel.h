#pragma once

#include "PagedModel.h"

#include "db/RefundsRepository.h"

namespace Bursar::Models {

// Refunds as a table that pages from PostgreSQL (PagedModel: keyset pages in any whitelisted sort,
// generations, cancellation, the count, live refresh). setDatabase() starts it with every refund,
// newest first; setFilter() or sort() start again.
//
//   auto* model = new RefundsModel(this);
//   model->setDatabase(db);
//   model->setFilter(Db::RefundFilter{.status = u"failed"_s});
class RefundsModel final : public PagedModel<Db::RefundRow, Db::RefundQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundsModel)

public:
    enum class Column { Created, Refund, Order, Amount, Reason, Status, Approval, RequestedBy, Detail, Count };
    Q_ENUM(Column)
    // RawValueRole, IdRole, StatusRole (refund status), StatusKindRole, MoneyRole (Amount): PagedTableModel
    enum RefundRole {
        OrderIdRole = FirstModelRole,
        ApprovalRole, // approval_state label
        RequesterRole
    };

    explicit RefundsModel(QObject* parent = nullptr);
    ~RefundsModel() override;

    // Keeps the sort; a new generation.
    void setFilter(const Db::RefundFilter& filter);
    const Db::RefundFilter& filter() const { return query().filter; }
    void refreshIds(const QList<qint64>& ids) { refreshRows(ids); }


protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::RefundQuery& query, const Db::RefundRow* after, int limit,
                            Db::Stale stale) const override;
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::RefundQuery& query,
                                 const QList<qint64>& ids) const override;
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::RefundQuery& query, Db::Stale stale) const override;
    QVariantList sortValues(const Db::RefundRow& row) const override;
    QVariant cellData(const Db::RefundRow& row, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
