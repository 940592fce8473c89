#include "TablePanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "MoneyDelegate.h"
#include "PagedTableModel.h"
#include "TextDelegate.h"

#include "core/Settings.h"
#include "db/CsvExport.h"
#include "db/Error.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
// A table that grows at the bottom as pages arrive. QTableView lays out and repaints its whole
// viewport whenever the row count changes; rows appended below the last visible one change only the
// scroll range, so only that is updated (that repaint was a quarter of the time to the next page).
class PagedTableView final : public QTableView
{
public:
    explicit PagedTableView(QWidget* parent)
        : QTableView(parent)
    {
        // QTableView connects its header to rowCountChanged() by name. Should a Qt version connect it
        // otherwise, nothing is disconnected here and the view behaves as QTableView does.
        if (disconnect(verticalHeader(), SIGNAL(sectionCountChanged(int,int)), this, SLOT(rowCountChanged(int,int))))
            connect(verticalHeader(), &QHeaderView::sectionCountChanged, this, &PagedTableView::countChanged);
    }

private:
    void countChanged(int oldCount, int newCount)
    {
        if (oldCount > 0 && newCount > oldCount
            && rowViewportPosition(oldCount - 1) + rowHeight(oldCount - 1) >= viewport()->height())
            updateGeometries();
        else
            rowCountChanged(oldCount, newCount);
    }
};
// A date column: the model's short text, and on hover the local long form with the exact instant
// in UTC to the microsecond (RawValueRole holds epoch microseconds, PostgreSQL's precision).
class DateDelegate final : public TextDelegate
{
public:
    using TextDelegate::TextDelegate;

    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override
    {
        const QVariant raw = index.data(Models::PagedTableModel::RawValueRole);
        if (event->type() != QEvent::ToolTip || !raw.canConvert<qint64>())
            return TextDelegate::helpEvent(event, view, option, index);
        const qint64 us = raw.toLongLong();
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(us / 1000);
        QToolTip::showText(event->globalPos(),
                           QLocale().toString(local, QLocale::LongFormat) + u'\n' + Db::Csv::timestamp(us), view);
        return true;
    }
};
} // namespace

TablePanel::TablePanel(ConsoleContext& context, const QString& id, Models::PagedTableModel* model, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_id(id)
    , m_model(model)
    , m_banner(new MessageBanner(this))
    , m_filters(new FilterBar(this))
    , m_tools(new QHBoxLayout)
    , m_count(new QLabel(this))
    , m_clear(new QToolButton(this))
    , m_saved(new QToolButton(this))
    , m_columns(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_view(new PagedTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_headerSave(new QTimer(this))
    , m_copyIdAction(new QAction(this))
    , m_exportAction(new QAction(this))
    , m_exportPoll(new QTimer(this))
{
    m_model->setParent(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    m_count->setObjectName(id + u"Count"_s);
    m_tools->addWidget(m_count, 1);
    m_clear->setObjectName(u"clearFilters"_s);
    m_clear->hide(); // while every filter lets everything through
    connect(m_clear, &QToolButton::clicked, m_filters, &FilterBar::clearAll);
    connect(m_filters, &FilterBar::changed, this, [this] { m_clear->setVisible(!m_filters->state().isEmpty()); });
    m_tools->addWidget(m_clear);
    m_saved->setObjectName(u"savedFilters"_s);
    m_saved->setPopupMode(QToolButton::InstantPopup);
    connect(m_saved, &QToolButton::pressed, this, &TablePanel::showSavedMenu);
    m_columns->setObjectName(u"columnChooser"_s);
    connect(m_columns, &QToolButton::clicked, this, &TablePanel::chooseColumns);
    m_export->setObjectName(u"exportCsv"_s);
    m_export->hide(); // until the panel gives an exporter
    connect(m_export, &QToolButton::clicked, this, &TablePanel::askExport);
    m_tools->addWidget(m_saved);
    m_tools->addWidget(m_columns);
    m_tools->addWidget(m_export);
    layout->addLayout(m_tools);

    m_view->setObjectName(id + u"View"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    {
        // Ids, amounts, e-mails and names: no ligatures or kerning to apply. Scripts that need shaping
        // (Arabic, Devanagari…) still get it; the rest skips it, which was a third of painting new rows.
        QFont f = m_view->font();
        f.setStyleStrategy(QFont::PreferNoShaping);
        m_view->setFont(f);
    }
    // One line per row: a fixed height, long texts elided (the detail pane has them whole).
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    m_view->setSortingEnabled(true);
    header->setSortIndicator(0, Qt::DescendingOrder);
    m_view->setItemDelegate(new TextDelegate(this));
    m_splitter->addWidget(m_view);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    // The header the user leaves is kept (a pause after the last change, and when the panel goes).
    m_headerSave->setSingleShot(true);
    m_headerSave->setInterval(500);
    connect(m_headerSave, &QTimer::timeout, this, &TablePanel::saveHeader);
    for (auto signal : {&QHeaderView::sectionResized, &QHeaderView::sectionMoved})
        connect(header, signal, m_headerSave, qOverload<>(&QTimer::start));
    connect(header, &QHeaderView::sortIndicatorChanged, m_headerSave, qOverload<>(&QTimer::start));

    auto* copy = new QAction(this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copy);
    connect(copy, &QAction::triggered, this, &TablePanel::copyIds);
    m_copyIdAction->setObjectName(u"copyIdAction"_s);
    m_copyIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyIdAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyIdAction, &QAction::triggered, this, &TablePanel::copyIds);
    m_exportAction->setObjectName(u"exportCsvAction"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_exportAction, &QAction::triggered, m_export, &QToolButton::click);
    // The row's menu: copy its id, export the list.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        if (m_idRole >= 0 && m_view->indexAt(at).isValid())
            menu.addAction(m_copyIdAction);
        if (m_exporter)
            menu.addAction(m_exportAction);
        if (!menu.isEmpty())
            menu.exec(m_view->viewport()->mapToGlobal(at));
    });

    m_exportPoll->setInterval(100);
    connect(m_exportPoll, &QTimer::timeout, this, [this] {
        if (!m_exportRows)
            return;
        const qint64 rows = m_exportRows->load();
        Q_EMIT exportProgress(rows);
        if (m_exportDialog) {
            if (m_exportDialog->maximum() > 0)
                m_exportDialog->setValue(int(std::min<qint64>(rows, m_exportDialog->maximum())));
            m_exportDialog->setLabelText(tr("Exporting %1… %2 rows")
                                             .arg(m_exportWhat ? m_exportWhat() : QString(), QLocale().toString(rows)));
        }
    });

    connect(m_model, &Models::PagedTableModel::countChanged, this, &TablePanel::updateCount);
    connect(m_model, &Models::PagedTableModel::loadingChanged, this, &TablePanel::updateCount);
    connect(m_model, &Models::PagedTableModel::pageLoaded, this, [this](int, bool first) {
        updateCount();
        if (first && std::exchange(m_loadFailed, false))
            m_banner->dismiss();
        if (!m_delegatesChosen && m_model->rowCount() > 0)
            chooseDelegates();
    });
    connect(m_model, &Models::PagedTableModel::failed, this, [this](const QString& message) {
        m_loadFailed = true;
        m_banner->showMessage(tr("The list could not be loaded: %1").arg(message), MessageBanner::Type::Error);
    });
}

TablePanel::~TablePanel()
{
    cancelExport();
    saveHeader();
}

QTableView* TablePanel::createDetailTable(Models::PagedTableModel* model, QWidget* parent)
{
    auto* v = new PagedTableView(parent);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setAlternatingRowColors(true);
    v->setWordWrap(false);
    v->setShowGrid(false);
    v->setItemDelegate(new TextDelegate(v));
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 10);
    v->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = v->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    // Not setSortingEnabled(): that sorts at once, before the pane has anything to show. A click sorts.
    QObject::connect(header, &QHeaderView::sectionClicked, v, [header, model](int section) {
        if (!model->isSortable(section))
            return;
        // the header has flipped its indicator before it says the section was clicked
        const bool same = header->sortIndicatorSection() == section;
        model->sort(section, same ? header->sortIndicatorOrder() : Qt::AscendingOrder);
    });
    return v;
}

void TablePanel::setDetailPane(QWidget* pane, int listStretch, int paneStretch)
{
    m_splitter->addWidget(pane);
    m_splitter->setStretchFactor(0, listStretch);
    m_splitter->setStretchFactor(1, paneStretch);
}

void TablePanel::setMoneyColumns(const QList<int>& columns)
{
    auto* money = new MoneyDelegate(Models::PagedTableModel::MoneyRole, this);
    for (int c : columns)
        m_view->setItemDelegateForColumn(c, money);
}

void TablePanel::setStatusColumn(int column, Core::StatusKind kind, int statusRole)
{
    m_view->setItemDelegateForColumn(column, new StatusBadgeDelegate(kind, statusRole, this));
}

void TablePanel::setStatusColumn(int column, StatusBadgeDelegate::Resolver resolver)
{
    m_view->setItemDelegateForColumn(column, new StatusBadgeDelegate(std::move(resolver), this));
}

void TablePanel::chooseDelegates()
{
    m_delegatesChosen = true;
    MoneyDelegate* money = nullptr;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (m_view->itemDelegateForColumn(c))
            continue; // the panel chose
        const QModelIndex cell = m_model->index(0, c);
        if (cell.data(Models::PagedTableModel::MoneyRole).isValid()) {
            if (!money)
                money = new MoneyDelegate(Models::PagedTableModel::MoneyRole, this);
            m_view->setItemDelegateForColumn(c, money);
        } else if (const auto kind = Core::Status::kindFromName(cell.data(Models::PagedTableModel::StatusKindRole).toString())) {
            setStatusColumn(c, *kind, Models::PagedTableModel::StatusRole);
        }
    }
}

void TablePanel::setDateColumn(int column)
{
    m_view->setItemDelegateForColumn(column, new DateDelegate(this));
}

void TablePanel::setIdColumn(int column, int idTextRole, std::function<QString()> copyActionText)
{
    m_idColumn = column;
    m_idRole = idTextRole;
    m_copyText = std::move(copyActionText);
    addAction(m_copyIdAction);
}

void TablePanel::setColumnContents(const QList<int>& contentWidths)
{
    const QFontMetrics fm = m_view->fontMetrics();
    const QFontMetrics header = m_view->horizontalHeader()->fontMetrics();
    for (int c = 0; c < std::min<int>(int(contentWidths.size()), m_model->columnCount()); ++c) {
        const int title = header.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString())
            + 2 * header.averageCharWidth(); // room for the sort arrow
        m_view->setColumnWidth(c, std::max(contentWidths.at(c), title) + 3 * fm.averageCharWidth());
    }
}

void TablePanel::restoreHeader()
{
    m_headerRestored = true;
    Core::Settings* settings = m_context.settings();
    if (!settings)
        return;
    const QByteArray state = settings->headerState(m_id);
    QHeaderView* header = m_view->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return;
    m_headerSave->stop();
    // restoreState() does not sort: ask the model (it refuses a column outside its whitelist)
    if (m_model->isSortable(header->sortIndicatorSection()))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void TablePanel::saveHeader()
{
    m_headerSave->stop();
    if (Core::Settings* settings = m_context.settings(); settings && m_headerRestored)
        settings->setHeaderState(m_id, m_view->horizontalHeader()->saveState());
}

void TablePanel::setExporter(Exporter exporter, const QString& fileName, std::function<QString()> what)
{
    m_exporter = std::move(exporter);
    m_exportFileName = fileName;
    m_exportWhat = std::move(what);
    m_export->show();
    addAction(m_exportAction);
}

void TablePanel::showMessage(const QString& text, MessageBanner::Type type)
{
    m_loadFailed = false;
    if (text.isEmpty())
        m_banner->dismiss();
    else
        m_banner->showMessage(text, type);
}

void TablePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TablePanel::retranslate()
{
    m_clear->setText(tr("Clear filters"));
    m_saved->setText(tr("Saved filters"));
    m_columns->setText(tr("Columns…"));
    m_export->setText(tr("Export CSV…"));
    m_exportAction->setText(tr("Export CSV…"));
    m_copyIdAction->setText(m_copyText ? m_copyText() : tr("Copy id"));
    // the model's words (headers, statuses) are read again when painted
    if (m_model->columnCount() > 0)
        Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, m_model->columnCount() - 1);
    m_view->viewport()->update();
    updateCount();
}

void TablePanel::updateCount()
{
    QString text;
    const auto c = m_model->count();
    const QLocale l;
    if (!c)
        text = m_model->isLoading() ? tr("Loading…") : tr("Counting…");
    else if (m_countText)
        text = m_countText(*c);
    else
        text = tr("%Ln row(s)", nullptr, int(std::min<qint64>(c->value, std::numeric_limits<int>::max())));
    text += u" · "_s + tr("%1 shown").arg(l.toString(m_model->rowCount()));
    if (m_model->isLoading())
        text += u" · "_s + tr("loading…");
    m_count->setText(text);
}

QString TablePanel::countText() const
{
    return m_count->text();
}

void TablePanel::copyIds()
{
    if (m_idRole < 0)
        return;
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& i : rows)
        ids << m_model->index(i.row(), m_idColumn).data(m_idRole).toString();
    if (ids.isEmpty() && m_view->currentIndex().isValid())
        ids << m_model->index(m_view->currentIndex().row(), m_idColumn).data(m_idRole).toString();
    if (!ids.isEmpty())
        QApplication::clipboard()->setText(ids.join(u'\n'));
}

void TablePanel::chooseColumns()
{
    QMenu menu(this);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction* a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(c));
        connect(a, &QAction::toggled, this, [this, c](bool on) {
            m_view->setColumnHidden(c, !on);
            saveHeader();
        });
    }
    menu.exec(m_columns->mapToGlobal(QPoint(0, m_columns->height())));
}

// --- saved filters

QStringList TablePanel::savedFilterNames() const
{
    if (!m_context.settings())
        return {};
    QStringList names = m_context.settings()->savedFilters(m_id).keys();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void TablePanel::saveFilter(const QString& name)
{
    Core::Settings* settings = m_context.settings();
    if (!settings || name.trimmed().isEmpty())
        return;
    QVariantMap saved = settings->savedFilters(m_id);
    saved.insert(name.trimmed(), m_filters->state());
    settings->setSavedFilters(m_id, saved);
}

bool TablePanel::loadFilter(const QString& name)
{
    if (!m_context.settings())
        return false;
    const QVariantMap saved = m_context.settings()->savedFilters(m_id);
    const auto it = saved.constFind(name);
    if (it == saved.constEnd())
        return false;
    m_filters->setState(it->toMap());
    return true;
}

void TablePanel::removeFilter(const QString& name)
{
    Core::Settings* settings = m_context.settings();
    if (!settings)
        return;
    QVariantMap saved = settings->savedFilters(m_id);
    if (saved.remove(name))
        settings->setSavedFilters(m_id, saved);
}

void TablePanel::showSavedMenu()
{
    QMenu menu(this);
    QAction* save = menu.addAction(tr("Save current filter…"));
    connect(save, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            saveFilter(name);
    });
    const QStringList names = savedFilterNames();
    if (!names.isEmpty())
        menu.addSeparator();
    for (const QString& name : names)
        connect(menu.addAction(name), &QAction::triggered, this, [this, name] { loadFilter(name); });
    if (!names.isEmpty()) {
        QMenu* remove = menu.addMenu(tr("Delete"));
        for (const QString& name : names)
            connect(remove->addAction(name), &QAction::triggered, this, [this, name] { removeFilter(name); });
    }
    menu.exec(m_saved->mapToGlobal(QPoint(0, m_saved->height())));
    m_saved->setDown(false);
}

// --- CSV export

void TablePanel::askExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(m_exportWhat ? m_exportWhat() : QString()),
                                                      m_exportFileName, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void TablePanel::exportCsv(const QString& path, bool quiet)
{
    Db::Database* db = m_model->database();
    if (!db || !m_exporter || isExporting())
        return;
    m_exportCancel = std::make_shared<std::atomic_bool>(false);
    m_exportRows = std::make_shared<std::atomic<qint64>>(0);
    if (!quiet) {
        m_exportDialog = new QProgressDialog(tr("Exporting %1…").arg(m_exportWhat ? m_exportWhat() : QString()),
                                             tr("Cancel"), 0, 0, this);
        m_exportDialog->setWindowModality(Qt::WindowModal);
        m_exportDialog->setMinimumDuration(300);
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
        if (const auto c = m_model->count(); c && c->kind == Db::RowCount::Kind::Exact)
            m_exportDialog->setMaximum(int(std::min<qint64>(c->value, std::numeric_limits<int>::max())));
        connect(m_exportDialog, &QProgressDialog::canceled, this, &TablePanel::cancelExport);
    }
    m_export->setEnabled(false);
    m_exportAction->setEnabled(false);
    m_exportPoll->start();
    // The worker only counts; the GUI reads the count on its timer (nothing crosses back per page).
    m_exporter(db, path, m_exportCancel, [rows = m_exportRows](qint64 n) { rows->store(n); }, m_exportPageSize)
        .then(this,
              [this](qint64 rows) {
                  if (rows < 0)
                      finishExport(false, 0, tr("Export canceled."), MessageBanner::Type::Information);
                  else
                      finishExport(true, rows, tr("Exported %Ln row(s).", nullptr, int(std::min<qint64>(rows, INT_MAX))),
                                   MessageBanner::Type::Positive);
              })
        .onFailed(this, [this](const Db::Error& e) {
            finishExport(false, 0, tr("The export failed: %1").arg(e.message()), MessageBanner::Type::Error);
        });
}

void TablePanel::cancelExport()
{
    if (m_exportCancel)
        m_exportCancel->store(true);
}

void TablePanel::finishExport(bool ok, qint64 rows, const QString& message, MessageBanner::Type tone)
{
    m_exportPoll->stop();
    m_exportCancel.reset();
    m_exportRows.reset();
    m_export->setEnabled(true);
    m_exportAction->setEnabled(true);
    if (m_exportDialog)
        m_exportDialog->close();
    showMessage(message, tone);
    Q_EMIT exportFinished(ok, rows, message);
}

} // namespace Bursar::Ui
