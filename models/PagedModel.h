#pragma once

#include "PagedTableModel.h"

#include "db/Error.h"

#include <QFuture>
#include <QHash>
#include <QSet>
#include <QVariant>

#include <algorithm>

namespace Bursar::Models {

// A keyset-paged list of Row over one repository query (PagedTableModel has the behaviour). A list
// model derives from it and says how to fetch and what a cell shows, nothing else:
//
//   class SellersModel final : public PagedModel<Db::SellerRow, Db::SellerQuery>
//   {
//       Q_OBJECT
//   public:
//       enum class Column { Name, Country, Count };
//       explicit SellersModel(QObject* parent = nullptr)
//           : PagedModel(int(Column::Count), parent)
//       {
//           setSortColumns({{int(Column::Name), int(Db::SellerSort::Name)}});
//       }
//   protected:
//       QFuture<Page> queryPage(Db::Database* db, const Db::SellerQuery& q, const Db::SellerRow* after, int limit,
//                               Db::Stale stale) const override
//       { return Db::SellersRepository::page(db, q, after, limit, std::move(stale)); }
//       QFuture<Refreshed> queryRows(Db::Database* db, const Db::SellerQuery& q, const QList<qint64>& ids) const override
//       { return Db::SellersRepository::rowsByIds(db, q, ids); }
//       QVariantList sortValues(const Db::SellerRow& r) const override { return {r.name, r.id}; }
//       QVariant cellData(const Db::SellerRow& r, int column, int role) const override;
//       QVariant columnHeader(int section, int role) const override;
//   };
//
// Row needs a qint64 `id`. Query needs `sort` (an enum; its values are the sort keys of
// setSortColumns()), `bool descending` and operator==. The repository's page asks for limit + 1 rows
// (Db::KeysetPage::take) and starts after the given row's sort key; it checks `stale` on the worker
// first and answers an empty page without SQL when it is true.
template<typename Row, typename Query>
class PagedModel : public PagedTableModel
{
public:
    using Page = Db::KeysetPage<Row>;
    using Refreshed = Db::RowsById<Row>;

    // A new filter or sort: a new generation, a reset, the first page asked for at once.
    void setQuery(const Query& query)
    {
        startQuery([&] {
            m_query = query;
            m_rows.clear();
            m_rows.squeeze();
            m_rowOfId.clear();
            m_cursor.reset();
        });
    }
    const Query& query() const { return m_query; }
    void reload() override { setQuery(m_query); }

    const Row* rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr; }
    int rowOfId(qint64 id) const override { return m_rowOfId.value(id, -1); }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row& r = m_rows.at(index.row());
        if (role == IdRole)
            return r.id;
        return cellData(r, index.column(), role);
    }

    void refreshRows(const QList<qint64>& ids) override
    {
        if (!database() || !isStarted() || ids.isEmpty())
            return;
        QList<qint64> unique = ids;
        std::sort(unique.begin(), unique.end());
        unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
        const quint64 g = generation();
        queryRows(database(), m_query, unique)
            .then(this,
                  [this, g, unique](const Refreshed& fresh) {
                      if (isCurrent(g))
                          applyRefresh(unique, fresh);
                  })
            .onFailed(this, [](const Db::Error&) {
                // a refresh is a courtesy; the next reload shows the rows anyway
            });
    }

protected:
    PagedModel(int columnCount, QObject* parent)
        : PagedTableModel(columnCount, parent)
    {
    }

    // The repository's reads, queued on the database's workers (called on the GUI thread; never SQL
    // here). after: the last row of the previous page, nullptr for the first page.
    virtual QFuture<Page> queryPage(Db::Database* db, const Query& query, const Row* after, int limit,
                                    Db::Stale stale) const = 0;
    // The rows with these ids (any filter) and which of them match the query.
    virtual QFuture<Refreshed> queryRows(Db::Database* db, const Query& query, const QList<qint64>& ids) const = 0;
    // A capped count of the query; the default asks for none.
    virtual QFuture<Db::RowCount> queryCount(Db::Database*, const Query&, Db::Stale) const { return {}; }
    // The row's values in the current query's ORDER BY, left to right, ending with the id (ascending
    // sense; the base applies `descending`). Places rows that refreshRows() inserts.
    virtual QVariantList sortValues(const Row& row) const = 0;
    // What a cell shows for a role; IdRole is answered by the base. Keep DisplayRole (text) and
    // RawValueRole (the value) apart.
    virtual QVariant cellData(const Row& row, int column, int role) const = 0;
    // Called on each row as it arrives (e.g. to share repeated strings).
    virtual void prepareRow(Row&) {}

    // True when a comes before b in the current query's order.
    bool precedes(const Row& a, const Row& b) const
    {
        const QVariantList x = sortValues(a);
        const QVariantList y = sortValues(b);
        for (qsizetype i = 0; i < std::min(x.size(), y.size()); ++i) {
            const QPartialOrdering o = QVariant::compare(x.at(i), y.at(i));
            if (o == QPartialOrdering::Less)
                return !m_query.descending;
            if (o == QPartialOrdering::Greater)
                return m_query.descending;
        }
        return false;
    }

private:
    void fetchPage(quint64 g) override
    {
        queryPage(database(), m_query, m_cursor ? &*m_cursor : nullptr, pageSize(), staleFor(g))
            .then(this,
                  [this, g](Page page) {
                      if (!isCurrent(g))
                          return; // an answer for a query the user has left
                      // The cursor is the page's last row as read, not as refreshed since.
                      if (!page.rows.isEmpty())
                          m_cursor = page.rows.last();
                      // A refresh may already have placed a row of this page.
                      page.rows.erase(std::remove_if(page.rows.begin(), page.rows.end(),
                                                     [this](const Row& r) { return m_rowOfId.contains(r.id); }),
                                      page.rows.end());
                      const int n = int(page.rows.size());
                      if (n > 0) {
                          // still "loading" while the rows go in: a view asking for more from inside
                          // rowsInserted must not start a page from the old cursor
                          const int from = int(m_rows.size());
                          beginInsertRows({}, from, from + n - 1);
                          for (Row& r : page.rows) {
                              prepareRow(r);
                              m_rowOfId.insert(r.id, int(m_rows.size()));
                              m_rows.append(std::move(r));
                          }
                          endInsertRows();
                      }
                      pageArrived(g, n, page.hasMore);
                  })
            .onFailed(this, [this, g](const Db::Error& e) { pageFailed(g, e.message()); })
            .onCanceled(this, [this, g] { pageCanceled(g); });
    }

    void fetchCount(quint64 g) override
    {
        QFuture<Db::RowCount> f = queryCount(database(), m_query, staleFor(g));
        if (f.isCanceled())
            return; // this list has no count query
        f.then(this, [this, g](const Db::RowCount& c) { countArrived(g, c); }).onFailed(this, [](const Db::Error&) {
            // a count is a hint; the rows themselves report their failures
        });
    }

    void applySort(int key, bool descending) override
    {
        Query q = m_query;
        q.sort = decltype(q.sort)(key);
        q.descending = descending;
        if (q == m_query && isStarted())
            return;
        setQuery(q);
    }

    void reindex(int from)
    {
        for (int i = from; i < m_rows.size(); ++i)
            m_rowOfId.insert(m_rows.at(i).id, i);
    }

    // Whether the loaded row at i is where its sort key says: between its neighbours, and not after
    // the cursor while more rows follow (a later page would bring it again).
    bool inPlace(int i) const
    {
        const Row& r = m_rows.at(i);
        if (hasMore() && m_cursor && precedes(*m_cursor, r))
            return false;
        return (i == 0 || !precedes(r, m_rows.at(i - 1))) && (i + 1 >= m_rows.size() || !precedes(m_rows.at(i + 1), r));
    }

    // Moves a row whose sort key changed to where it sorts now (rowsMoved), or removes it when it now
    // sorts after the cursor: the page that reaches it brings it back.
    void replace(int i)
    {
        const Row& r = m_rows.at(i);
        if (hasMore() && m_cursor && precedes(*m_cursor, r)) {
            beginRemoveRows({}, i, i);
            m_rowOfId.remove(r.id);
            m_rows.removeAt(i);
            reindex(i);
            endRemoveRows();
            return;
        }
        // where it goes among the other rows (binary search over the list without i)
        int lo = 0;
        int hi = int(m_rows.size()) - 1;
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (!precedes(r, m_rows.at(mid < i ? mid : mid + 1)))
                lo = mid + 1;
            else
                hi = mid;
        }
        const int to = lo;
        if (to == i)
            return;
        beginMoveRows({}, i, i, {}, to > i ? to + 1 : to);
        m_rows.move(i, to);
        for (int k = std::min(i, to); k <= std::max(i, to); ++k)
            m_rowOfId.insert(m_rows.at(k).id, k);
        endMoveRows();
    }

    void applyRefresh(const QList<qint64>& asked, const Refreshed& fresh)
    {
        int changed = 0;
        QSet<qint64> present;
        const QSet<qint64> matching(fresh.matching.cbegin(), fresh.matching.cend());
        QList<Row> incoming;
        QList<qint64> moved;
        for (Row r : fresh.rows) {
            present.insert(r.id);
            const int i = rowOfId(r.id);
            if (i >= 0) {
                prepareRow(r);
                m_rows[i] = std::move(r);
                ++changed;
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
                if (!inPlace(i))
                    moved << m_rows.at(i).id;
            } else if (matching.contains(r.id)) {
                incoming << std::move(r);
            }
        }
        // Rows that no longer exist go; rows that left the filter stay until the next reload (the user
        // may be looking at them).
        QList<int> gone;
        for (qint64 id : asked)
            if (!present.contains(id) && rowOfId(id) >= 0)
                gone << rowOfId(id);
        std::sort(gone.begin(), gone.end(), std::greater<>());
        for (int i : gone) {
            beginRemoveRows({}, i, i);
            m_rowOfId.remove(m_rows.at(i).id);
            m_rows.removeAt(i);
            reindex(i);
            endRemoveRows();
            ++changed;
        }
        // Rows whose sort key changed move to where they sort now.
        for (qint64 id : moved)
            if (const int i = rowOfId(id); i >= 0 && !inPlace(i))
                replace(i);
        // New matching rows go where they sort within the loaded rows. One that sorts after the cursor
        // comes with a later page; into an empty list only when the whole result is loaded.
        std::sort(incoming.begin(), incoming.end(), [this](const Row& a, const Row& b) { return precedes(a, b); });
        int inserted = 0;
        for (qsizetype k = 0; k < incoming.size();) {
            const Row& r = incoming.at(k);
            if (hasMore() && (!m_cursor || !precedes(r, *m_cursor)))
                break; // this and every later one sort after the cursor
            const auto at = std::partition_point(m_rows.cbegin(), m_rows.cend(),
                                                 [&](const Row& loaded) { return !precedes(r, loaded); });
            const int pos = int(at - m_rows.cbegin());
            // the run of incoming rows that land at the same place goes in as one block
            qsizetype end = k + 1;
            while (end < incoming.size()
                   && (pos == m_rows.size() || precedes(incoming.at(end), m_rows.at(pos)))
                   && (!hasMore() || (m_cursor && precedes(incoming.at(end), *m_cursor))))
                ++end;
            const int n = int(end - k);
            beginInsertRows({}, pos, pos + n - 1);
            for (qsizetype j = k; j < end; ++j) {
                Row row = incoming.at(j);
                prepareRow(row);
                m_rows.insert(pos + int(j - k), std::move(row));
            }
            reindex(pos);
            endInsertRows();
            inserted += n;
            k = end;
        }
        adjustExactCount(qint64(inserted) - qint64(gone.size()));
        Q_EMIT rowsRefreshed(changed + inserted);
    }

    Query m_query;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOfId;
    std::optional<Row> m_cursor; // the last row of the last page, as read
};

} // namespace Bursar::Models
