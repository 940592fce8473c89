#pragma once

#include "db/RefundsRepository.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Models {

// Refunds as a table that pages from PostgreSQL (keyset on (created_at, id), newest first). setFilter()
// bumps the generation, resets, and drops pages that arrive for an older generation. refreshIds()
// re-reads loaded rows in place (NOTIFY on refunds).
//
//   auto* model = new RefundsModel(this);
//   model->setDatabase(db);
//   model->setFilter(Db::RefundFilter{.status = u"failed"_s});
class RefundsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundsModel)

public:
    enum class Column { Created, Refund, Order, Amount, Reason, Status, Approval, RequestedBy, Detail, Count };
    Q_ENUM(Column)
    enum Role {
        RawValueRole = Qt::UserRole + 1, // minor units, epoch µs, enum labels
        IdRole,                          // refunds.id
        OrderIdRole,
        StatusRole,                      // refund status label
        ApprovalRole,                    // approval_state label
        MoneyRole,                       // Core::Money on Amount
        RequesterRole
    };

    explicit RefundsModel(QObject* parent = nullptr);
    ~RefundsModel() override;

    void setDatabase(Db::Database* db);
    void setFilter(const Db::RefundFilter& filter);
    const Db::RefundFilter& filter() const { return m_filter; }
    void reload() { setFilter(m_filter); }
    void setPageSize(int rows) { m_pageSize = rows; }
    void refreshIds(const QList<qint64>& ids);

    const Db::RefundRow* rowAt(int row) const;
    bool isLoading() const { return m_loading; }
    quint64 generation() const { return m_generation; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static QString statusText(const QString& status);
    static QString approvalText(const QString& approval);

Q_SIGNALS:
    void pageLoaded(int rows, bool first);
    void failed(const QString& message);

private:
    void requestPage();

    QPointer<Db::Database> m_db;
    Db::RefundFilter m_filter;
    QList<Db::RefundRow> m_rows;
    int m_pageSize = 200;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = true;
};

} // namespace Bursar::Models
