#include "PagedTableModel.h"

#include "db/Database.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

PagedTableModel::PagedTableModel(int columnCount, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columnCount(columnCount)
{
}

QVariant PagedTableModel::moneyCell(const Core::Money& money, int role, bool signedAmount)
{
    switch (role) {
    case Qt::DisplayRole: {
        const QString amount = money.formatAmount(QLocale());
        return signedAmount && money.minor() > 0 ? QString(u'+' + amount) : amount;
    }
    case RawValueRole: return money.minor();
    case MoneyRole: return QVariant::fromValue(money);
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QString PagedTableModel::shortTime(qint64 us)
{
    if (us == 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(us / 1000), QLocale::ShortFormat);
}

QString PagedTableModel::exactTime(qint64 us)
{
    const qint64 ms = us >= 0 ? us / 1000 : (us - 999) / 1000;
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)
        + QString::number(((us % 1000) + 1000) % 1000).rightJustified(3, u'0') + u" UTC"_s;
}

QVariant PagedTableModel::timeCell(qint64 us, int role)
{
    switch (role) {
    case Qt::DisplayRole: return shortTime(us);
    case RawValueRole: return us;
    case Qt::ToolTipRole: return us == 0 ? QVariant() : QVariant(exactTime(us));
    default: return {};
    }
}

QVariant PagedTableModel::statusCell(Core::StatusKind kind, const QString& code, int role)
{
    switch (role) {
    case Qt::DisplayRole: return Core::Status::text(kind, code);
    case RawValueRole:
    case StatusRole: return code;
    case StatusKindRole: return Core::Status::kindName(kind);
    default: return {};
    }
}

PagedTableModel::~PagedTableModel()
{
    m_current->store(0); // every queued page and count of this model skips its SQL
}

void PagedTableModel::setDatabase(Db::Database* database)
{
    if (PagedTableModel::database() == database)
        return;
    m_db = database;
    m_guard = database;
    if (m_started || (m_startsWithDatabase && database))
        reload();
}

void PagedTableModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void PagedTableModel::setSortColumns(QList<std::pair<int, int>> columnToKey)
{
    m_sortColumns = std::move(columnToKey);
}

std::optional<int> PagedTableModel::sortKeyForColumn(int column) const
{
    for (const auto& [c, key] : m_sortColumns)
        if (c == column)
            return key;
    return std::nullopt;
}

int PagedTableModel::columnForSortKey(int key) const
{
    for (const auto& [c, k] : m_sortColumns)
        if (k == key)
            return c;
    return -1;
}

int PagedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columnCount)
        return {};
    if (role == SortableRole)
        return isSortable(section);
    return columnHeader(section, role);
}

bool PagedTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_started && m_hasMore && !m_loading && database();
}

void PagedTableModel::fetchMore(const QModelIndex& parent)
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

void PagedTableModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyForColumn(column);
    if (!key)
        return; // not in the whitelist: nothing from the UI decides the SQL
    applySort(*key, order == Qt::DescendingOrder);
}

void PagedTableModel::startQuery(const std::function<void()>& apply)
{
    ++m_generation;
    m_current->store(m_generation); // a queued page of the old query skips its SQL; a late answer is dropped
    setLoading(false);              // before the reset: views may call fetchMore() from modelReset
    beginResetModel();
    apply();
    m_count.reset();
    m_hasMore = true;
    m_started = true;
    m_pages = 0;
    endResetModel();
    Q_EMIT countChanged();
    // The first page is asked for at once, not left to the view (a hidden view never asks). The count
    // waits for it: the rows are what the user waits for, and a first page that holds every match is
    // the count (an exact lookup never runs a count query next to its page).
    requestPage();
}

void PagedTableModel::requestPage()
{
    if (!database() || m_loading || !m_hasMore || !m_started)
        return;
    setLoading(true);
    fetchPage(m_generation);
}

Db::Stale PagedTableModel::staleFor(quint64 generation) const
{
    return [current = m_current, skipped = m_skipped, generation] {
        if (current->load() == generation)
            return false;
        skipped->fetch_add(1);
        return true;
    };
}

void PagedTableModel::pageArrived(quint64 generation, int rows, bool hasMore)
{
    if (generation != m_generation)
        return;
    const bool first = m_pages == 0;
    ++m_pages;
    m_hasMore = hasMore;
    setLoading(false);
    if (first && !hasMore) {
        m_count = Db::RowCount{rowCount(), Db::RowCount::Kind::Exact};
        Q_EMIT countChanged();
    }
    Q_EMIT pageLoaded(rows, first);
    // Asked for after the page is announced: a count that is ready before then() attaches is delivered
    // at once, and would otherwise arrive ahead of its own first page.
    if (first && hasMore && generation == m_generation && database())
        fetchCount(generation);
}

void PagedTableModel::pageFailed(quint64 generation, const QString& message)
{
    if (generation != m_generation)
        return;
    m_hasMore = false; // until the next query or reload; the panel offers a retry
    setLoading(false);
    Q_EMIT failed(message);
}

void PagedTableModel::pageCanceled(quint64 generation)
{
    // the database closed or retired with the page queued: no rows, no message
    if (generation != m_generation)
        return;
    m_hasMore = false;
    setLoading(false);
}

void PagedTableModel::countArrived(quint64 generation, const Db::RowCount& count)
{
    if (generation != m_generation)
        return;
    m_count = count;
    Q_EMIT countChanged();
}

void PagedTableModel::adjustExactCount(qint64 delta)
{
    if (delta == 0 || !m_count || m_count->kind != Db::RowCount::Kind::Exact)
        return;
    m_count->value = std::max<qint64>(0, m_count->value + delta);
    Q_EMIT countChanged();
}

void PagedTableModel::fetchCount(quint64)
{
}

void PagedTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace Bursar::Models
