#pragma once

#include "core/Money.h"
#include "core/Status.h"
#include "db/Keyset.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Models {

// The spine of every list: a table that pages from PostgreSQL by keyset and never holds a whole table.
// This class is the part that does not know the row type: generations, loading, "more", the count,
// the sort whitelist, the roles. PagedModel<Row, Query> (PagedModel.h) adds the rows and is what a
// list model derives from; it only says how to fetch (one repository query) and what a cell shows.
//
// - setQuery() (a filter or sort change) bumps the generation, resets, and asks for the first page
//   itself (a hidden view never asks). Pages queued for an older generation skip their SQL on the
//   worker (the Stale predicate the repositories take); answers that arrive for one are dropped.
// - Each page asks for pageSize() + 1 rows: the extra row says there is more (canFetchMore()).
// - The cursor is the last row's sort key, timestamps as epoch microseconds (PostgreSQL's precision).
// - A first page that holds every match is the exact count; otherwise the count is asked for after the
//   first page is in (countChanged()).
// - sort() accepts only the columns given to setSortColumns(); anything else is refused.
// - refreshRows(ids) (the change feed) re-reads those ids: loaded rows change in place (dataChanged),
//   new matching rows are inserted where they sort within the loaded rows (on top for the newest
//   first), rows whose sort key changed move there (rowsMoved), rows that no longer exist are
//   removed. A row that no longer matches the filter stays until the next query (the user may be
//   looking at it). Never a reset. A row that now sorts after the last page's cursor leaves: the page
//   that reaches it brings it back.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedTableModel)

public:
    // Roles every list shares, so delegates, CSV export and the table panel can be chosen by role.
    // A subclass numbers its own roles from FirstModelRole.
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the value behind the text: minor units, epoch µs, enum label
        IdRole,                          // the row's id (qint64), on every column
        StatusRole,                      // status code (enum label) on status columns
        StatusKindRole,                  // which kind of status ("payment", "refund", ...) on status columns
        MoneyRole,                       // Core::Money on money columns
        SortableRole,                    // headerData(): true when the server can sort by this column
        FirstModelRole = Qt::UserRole + 32
    };
    Q_ENUM(Role)

    ~PagedTableModel() override;

    void setDatabase(Db::Database* database);
    Db::Database* database() const { return m_guard ? m_db : nullptr; }
    // Starts the current query again from its first page (a new generation).
    virtual void reload() = 0;
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    bool isStarted() const { return m_started; }
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    quint64 generation() const { return m_generation; }
    std::optional<Db::RowCount> count() const { return m_count; }
    // Pages and counts whose SQL never ran because the query changed while they were queued.
    quint64 skippedRequests() const { return m_skipped->load(); }

    // Re-reads these rows (the change feed saw them change or appear); see above.
    virtual void refreshRows(const QList<qint64>& ids) = 0;
    // The row holding this id, or -1.
    virtual int rowOfId(qint64 id) const = 0;

    // The sort whitelist: the sort key behind a column, or nothing when the column cannot be sorted.
    std::optional<int> sortKeyForColumn(int column) const;
    int columnForSortKey(int key) const; // -1 when no column sorts by it
    bool isSortable(int column) const { return sortKeyForColumn(column).has_value(); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    // Refused (nothing happens) for a column outside the whitelist.
    void sort(int column, Qt::SortOrder order) override;

    // Times as every list shows them (epoch microseconds): shortTime() the local date and time in the locale's
    // short form ("" for 0), exactTime() the instant in UTC to the microsecond, as PostgreSQL keeps it
    // ("2026-11-30 12:00:00.123456 UTC"). timeCell(): DisplayRole the short, ToolTipRole the exact, RawValueRole
    // the microseconds.
    static QString shortTime(qint64 epochMicros);
    static QString exactTime(qint64 epochMicros);

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A page arrived for the current query (first = true for the first page of a query).
    void pageLoaded(int rows, bool first);
    void countChanged();
    void failed(const QString& message);
    // A refresh from the change feed was applied: rows changed in place, inserted, removed.
    void rowsRefreshed(int changed);

protected:
    PagedTableModel(int columnCount, QObject* parent);

    // column -> sort key (the Query's sort enum as int); called once by the subclass's constructor.
    void setSortColumns(QList<std::pair<int, int>> columnToKey);
    // setDatabase() starts the query when none ran yet (for lists that show everything by default).
    void setStartsWithDatabase(bool starts) { m_startsWithDatabase = starts; }
    // The header's text and alignment (headerData() answers SortableRole itself).
    virtual QVariant columnHeader(int section, int role) const = 0;

    // Cells every list has, for cellData(): a money cell (DisplayRole the amount without symbol, "+" before
    // a positive one when signedAmount, RawValueRole the minor units, MoneyRole the Money, right-aligned);
    // a status cell from Core::Status (DisplayRole its words, RawValueRole and StatusRole the code,
    // StatusKindRole the kind's name). Other roles: nothing.
    static QVariant moneyCell(const Core::Money& money, int role, bool signedAmount = false);
    static QVariant statusCell(Core::StatusKind kind, const QString& code, int role);
    static QVariant timeCell(qint64 epochMicros, int role); // see shortTime() and exactTime()

    // --- for PagedModel ---
    // A new generation: cancels queued pages, resets (apply() swaps the query and clears the rows inside
    // the reset), then asks for the first page.
    void startQuery(const std::function<void()>& apply);
    // Queues the next page unless one is in flight or there is no more.
    void requestPage();
    // The predicate a repository checks on its worker before running a queued job of this generation.
    Db::Stale staleFor(quint64 generation) const;
    // A page's rows went in (or none): bookkeeping, count, signals. Ignored for an old generation.
    void pageArrived(quint64 generation, int rows, bool hasMore);
    void pageFailed(quint64 generation, const QString& message);
    void pageCanceled(quint64 generation);
    void countArrived(quint64 generation, const Db::RowCount& count);
    void adjustExactCount(qint64 delta);
    bool isFirstPage() const { return m_pages == 0; }
    bool isCurrent(quint64 generation) const { return generation == m_generation; }

    // Asks the repository for the next page after the last loaded row (PagedModel).
    virtual void fetchPage(quint64 generation) = 0;
    // Asks for the count; the default has none (only a first page that holds everything counts).
    virtual void fetchCount(quint64 generation);
    // Applies a sort key and direction to the query and restarts it (PagedModel).
    virtual void applySort(int key, bool descending) = 0;

private:
    void setLoading(bool loading);

    Db::Database* m_db = nullptr;
    QPointer<QObject> m_guard; // m_db while it lives (the header stays free of Database.h)
    std::shared_ptr<std::atomic<quint64>> m_current = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<quint64>> m_skipped = std::make_shared<std::atomic<quint64>>(0);
    std::optional<Db::RowCount> m_count;
    QList<std::pair<int, int>> m_sortColumns;
    int m_columnCount = 0;
    int m_pageSize = 200;
    int m_pages = 0; // pages of this generation
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = true;
    bool m_started = false;
    bool m_startsWithDatabase = false;
};

} // namespace Bursar::Models
