#include "OrdersPanel.h"

#include "ConsoleContext.h"
#include "MessageBanner.h"
#include "MoneyDelegate.h"
#include "OrderDetailPane.h"
#include "OrdersModel.h"
#include "StatusBadgeDelegate.h"
#include "StatusFilter.h"
#include "TextDelegate.h"

#include "core/Money.h"
#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/IdentityRepository.h"
#include "db/Database.h"

#include <algorithm>
#include <limits>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::OrdersModel;
using Core::StatusKind;

namespace {
const QStringList Currencies = {u"USD"_s, u"EUR"_s, u"GBP"_s, u"CAD"_s, u"AUD"_s, u"CHF"_s, u"SEK"_s, u"JPY"_s,
                                u"KWD"_s, u"MXN"_s, u"BRL"_s, u"INR"_s};
constexpr int PeriodDays[] = {0, 1, 7, 30, 90, 365};
const QString SavedGroup = u"orders/savedFilters"_s;

std::optional<bool> triState(const QComboBox* c)
{
    switch (c->currentIndex()) {
    case 1:
        return true;
    case 2:
        return false;
    default:
        return std::nullopt;
    }
}

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
} // namespace

OrdersPanel::OrdersPanel(ConsoleContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new OrdersModel(this))
    , m_banner(new MessageBanner(this))
    , m_search(new QLineEdit(this))
    , m_payment(new QComboBox(this))
    , m_fulfilment(new QComboBox(this))
    , m_currency(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_minAmount(new QLineEdit(this))
    , m_maxAmount(new QLineEdit(this))
    , m_refund(new QComboBox(this))
    , m_dispute(new QComboBox(this))
    , m_sellerChip(new QToolButton(this))
    , m_columns(new QToolButton(this))
    , m_saved(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_view(new PagedTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_detail(new OrderDetailPane(this))
    , m_debounce(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    buildFilterBar();

    m_view->setObjectName(u"ordersView"_s);
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
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
    m_view->setItemDelegate(new TextDelegate(this));
    auto* money = new MoneyDelegate(OrdersModel::MoneyRole, this);
    for (auto c : {OrdersModel::Column::Gross, OrdersModel::Column::Refunded, OrdersModel::Column::SellerNet})
        m_view->setItemDelegateForColumn(int(c), money);
    m_view->setItemDelegateForColumn(int(OrdersModel::Column::PaymentStatus),
                                     new StatusBadgeDelegate(StatusKind::Payment, OrdersModel::StatusRole, this));
    m_view->setItemDelegateForColumn(int(OrdersModel::Column::FulfilmentStatus),
                                     new StatusBadgeDelegate(StatusKind::Fulfilment, OrdersModel::StatusRole, this));
    // Widths from what the columns typically hold, so dates, ids and badges fit in any language.
    const QFontMetrics fm = m_view->fontMetrics();
    const QFontMetrics header = m_view->horizontalHeader()->fontMetrics();
    const QString samples[] = {
        QLocale().toString(QDateTime(QDate(2025, 12, 28), QTime(23, 59)), QLocale::ShortFormat),
        u"ORD-00000000"_s,
        u"firstname.lastname@exampl"_s, // wider addresses are elided
        u"Grand Soap Collective"_s,
        u"0,000.00"_s,
        u"-0,000.00"_s,
        u"0,000.00"_s,
        u"CUR"_s,
        Core::Status::text(StatusKind::Payment, u"partially_refunded"),
        Core::Status::text(StatusKind::Fulfilment, u"confirmed"),
    };
    static_assert(std::size(samples) == std::size_t(OrdersModel::Column::Count));
    for (int c = 0; c < int(OrdersModel::Column::Count); ++c) {
        const int title = header.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString())
            + 2 * header.averageCharWidth(); // room for the sort arrow
        m_view->setColumnWidth(c, std::max(fm.horizontalAdvance(samples[c]), title) + 3 * fm.averageCharWidth());
    }

    for (int c = 0; c < int(OrdersModel::Column::Count); ++c)
        m_view->setColumnHidden(c, QSettings().value(u"orders/hiddenColumns/%1"_s.arg(c), false).toBool());

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    auto* copy = new QAction(this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copy);
    connect(copy, &QAction::triggered, this, &OrdersPanel::copySelection);
    // The panel's actions, with their standard shortcuts; the command palette lists them.
    m_copyIdAction = new QAction(this);
    m_copyIdAction->setObjectName(u"copyOrderIdAction"_s);
    m_copyIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyIdAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_copyIdAction);
    connect(m_copyIdAction, &QAction::triggered, this, &OrdersPanel::copySelection);
    m_exportAction = new QAction(this);
    m_exportAction->setObjectName(u"exportCsvAction"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_exportAction);
    connect(m_exportAction, &QAction::triggered, m_export, &QToolButton::click);
    m_findAction = new QAction(this);
    m_findAction->setObjectName(u"findOrdersAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &OrdersPanel::applyNow);

    connect(m_model, &OrdersModel::countChanged, this, &OrdersPanel::updateCount);
    connect(m_model, &OrdersModel::loadingChanged, this, &OrdersPanel::updateCount);
    connect(m_model, &OrdersModel::pageLoaded, this, [this](int, bool first) {
        updateCount();
        if (first) {
            m_banner->dismiss();
            // master-detail: show the first order rather than an empty pane
            if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
                m_view->setCurrentIndex(m_model->index(0, int(OrdersModel::Column::OrderId)));
            else if (m_model->rowCount() == 0)
                m_detail->clear();
        }
    });
    connect(m_model, &OrdersModel::failed, this, [this](const QString& message) {
        m_banner->showMessage(tr("Orders could not be loaded: %1").arg(message), MessageBanner::Type::Error);
    });
    // New rows on top while the user looks further down: keep the rows they were looking at in place.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        const int inserted = last - first + 1;
        if (first == 0 && m_model->rowCount() > inserted && m_view->verticalScrollBar()->value() > 0)
            m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() + inserted);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OrdersPanel::showCurrent);
    connect(m_detail, &OrderDetailPane::sellerRequested, this, &OrdersPanel::setSellerFilter);
    connect(m_detail, &OrderDetailPane::refundRequested, &m_context, &ConsoleContext::requestRefund);
    connect(m_detail, &OrderDetailPane::buyerRequested, this, [this](const QString& email) {
        m_search->setText(email);
        applyNow();
    });
    connect(&m_context, &ConsoleContext::databaseChanged, this, &OrdersPanel::useDatabase);
    connect(&m_context, &ConsoleContext::installationModeChanged, this,
            [this](const QString& mode) { setLiveMode(mode == u"live"); });
    connect(m_context.changes(), &Db::ChangeFeed::changed, this, &OrdersPanel::onChanges);
    // Until PostgreSQL has said who is signed in, the buttons stay as they are: it checks again on the write.
    connect(&m_context, &ConsoleContext::staffChanged, this, [this](const Db::StaffMember& staff) {
        if (m_context.hasStaff() && staff.known)
            m_detail->setPermissions(staff.mayRequestRefunds, staff.mayAddNotes);
    });
    // View > Refresh (F5) while this panel is shown: re-read the rows on show and the open order in place.
    connect(&m_context, &ConsoleContext::refreshRequested, this, [this] {
        if (!isVisible() || !m_db)
            return;
        m_refreshVisible = true;
        m_refreshDetail = m_detail->orderId() != 0;
        flushChanges();
    });
    connect(&m_context, &ConsoleContext::orderRequested, this, [this](qint64 orderId, const QString& publicId) {
        m_context.showPanel(this);
        showOrder(orderId, publicId);
    });
    connect(&m_context, &ConsoleContext::sellerOrdersRequested, this, [this](qint64 sellerId, const QString& name) {
        m_context.showPanel(this);
        setSellerFilter(sellerId, name);
    });
    retranslate();
    setLiveMode(m_context.isLive());
    useDatabase(m_context.database());
}

OrdersPanel::~OrdersPanel() = default;

void OrdersPanel::buildFilterBar()
{
    auto* bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_search->setObjectName(u"orderSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(200);
    m_search->setMinimumWidth(260);
    bar->addWidget(m_search, 3);
    for (QComboBox* c : {m_payment, m_fulfilment, m_currency, m_period, m_refund, m_dispute}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, &OrdersPanel::scheduleApply);
    }
    m_payment->setObjectName(u"paymentFilter"_s);
    m_fulfilment->setObjectName(u"fulfilmentFilter"_s);
    m_currency->setObjectName(u"currencyFilter"_s);
    m_period->setObjectName(u"periodFilter"_s);
    m_refund->setObjectName(u"refundFilter"_s);
    m_dispute->setObjectName(u"disputeFilter"_s);
    bar->addWidget(m_payment);
    bar->addWidget(m_fulfilment);
    bar->addWidget(m_currency);
    bar->addWidget(m_period);
    for (QLineEdit* e : {m_minAmount, m_maxAmount}) {
        e->setMaximumWidth(fontMetrics().averageCharWidth() * 11);
        e->setClearButtonEnabled(true);
        connect(e, &QLineEdit::textChanged, this, &OrdersPanel::scheduleApply);
        bar->addWidget(e);
    }
    bar->addWidget(m_refund);
    bar->addWidget(m_dispute);
    m_sellerChip->setObjectName(u"sellerChip"_s);
    m_sellerChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_sellerChip->hide();
    connect(m_sellerChip, &QToolButton::clicked, this, [this] { setSellerFilter(0, {}); });
    bar->addWidget(m_sellerChip);
    connect(m_search, &QLineEdit::textChanged, this, &OrdersPanel::scheduleApply);
    connect(m_search, &QLineEdit::returnPressed, this, &OrdersPanel::applyNow);

    auto* tools = new QHBoxLayout;
    m_count->setObjectName(u"orderCount"_s);
    tools->addWidget(m_count, 1);
    m_saved->setPopupMode(QToolButton::InstantPopup);
    connect(m_saved, &QToolButton::pressed, this, &OrdersPanel::showSavedMenu);
    m_columns->setObjectName(u"columnChooser"_s);
    connect(m_columns, &QToolButton::clicked, this, &OrdersPanel::chooseColumns);
    m_export->setObjectName(u"exportCsv"_s);
    connect(m_export, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export orders"), u"orders.csv"_s,
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    tools->addWidget(m_saved);
    tools->addWidget(m_columns);
    tools->addWidget(m_export);

    auto* outer = static_cast<QVBoxLayout*>(layout());
    outer->addLayout(bar);
    outer->addLayout(tools);
}

void OrdersPanel::retranslate()
{
    setWindowTitle(tr("Orders"));
    m_search->setPlaceholderText(tr("Order, pi_…, ch_…, buyer e-mail or seller name"));
    auto fill = [](QComboBox* c, const QString& any, const QStringList& labels, const QStringList& data) {
        const QSignalBlocker block(c);
        const int i = std::max(0, c->currentIndex());
        c->clear();
        c->addItem(any);
        for (qsizetype k = 0; k < labels.size(); ++k)
            c->addItem(labels.at(k), data.value(k));
        c->setCurrentIndex(i);
    };
    fillStatusCombo(m_payment, StatusKind::Payment, tr("Any payment"));
    fillStatusCombo(m_fulfilment, StatusKind::Fulfilment, tr("Any fulfilment"));
    fill(m_currency, tr("Any currency"), Currencies, Currencies);
    fill(m_period, tr("Any time"),
         {tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("Last 12 months")}, {});
    fill(m_refund, tr("Refunds: any"), {tr("With refund"), tr("Without refund")}, {});
    fill(m_dispute, tr("Disputes: any"), {tr("With dispute"), tr("Without dispute")}, {});
    m_minAmount->setPlaceholderText(tr("Min gross"));
    m_maxAmount->setPlaceholderText(tr("Max gross"));
    m_saved->setText(tr("Saved filters"));
    m_columns->setText(tr("Columns…"));
    m_export->setText(tr("Export CSV…"));
    m_copyIdAction->setText(tr("Copy order id"));
    m_exportAction->setText(tr("Export CSV…"));
    m_findAction->setText(tr("Find orders"));
    if (m_sellerId)
        m_sellerChip->setText(tr("Seller: %1 ✕").arg(m_sellerName));
    updateCount();
}

void OrdersPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OrdersPanel::useDatabase(Db::Database* database)
{
    if (m_db == database)
        return;
    m_db = database;
    m_model->setDatabase(database);
    m_detail->setDatabase(database);
    if (!database)
        return;
    m_model->setQuery({currentFilter(), m_model->query().sort, m_model->query().descending});
}

void OrdersPanel::setLiveMode(bool live)
{
    m_liveMode = live;
    m_detail->setLiveMode(live);
}

Db::OrderFilter OrdersPanel::currentFilter() const
{
    Db::OrderFilter f;
    if (m_payment->currentIndex() > 0)
        f.paymentStatus = m_payment->currentData().toString();
    if (m_fulfilment->currentIndex() > 0)
        f.fulfilmentStatus = m_fulfilment->currentData().toString();
    if (m_currency->currentIndex() > 0)
        f.currency = m_currency->currentData().toString();
    if (const int p = m_period->currentIndex(); p > 0 && p < int(std::size(PeriodDays))) {
        // whole minutes, so that a re-applied filter is the same query
        const qint64 nowMin = QDateTime::currentSecsSinceEpoch() / 60;
        f.createdFromUs = (nowMin * 60 - qint64(PeriodDays[p]) * 86400) * 1000000;
    }
    const auto currency = Core::Currency::fromCode(f.currency.value_or(u"USD"_s)).value_or(Core::Currency::of(u"USD"));
    if (const auto m = Core::Money::parse(m_minAmount->text(), currency, QLocale(), Core::Money::Sign::AllowZero).money)
        f.minGross = m->minor();
    if (const auto m = Core::Money::parse(m_maxAmount->text(), currency, QLocale(), Core::Money::Sign::AllowZero).money)
        f.maxGross = m->minor();
    f.hasRefund = triState(m_refund);
    f.hasDispute = triState(m_dispute);
    f.sellerId = m_sellerId;
    f.search = m_search->text().trimmed();
    return f;
}

void OrdersPanel::scheduleApply()
{
    m_debounce->start();
}

void OrdersPanel::applyNow()
{
    m_debounce->stop();
    Db::OrderQuery q = m_model->query();
    q.filter = currentFilter();
    if (q == m_model->query() && m_model->generation() > 0)
        return;
    m_model->setQuery(q);
}

void OrdersPanel::setFilter(const Db::OrderFilter& f)
{
    auto select = [](QComboBox* c, const std::optional<QString>& v) {
        const QSignalBlocker b(c);
        c->setCurrentIndex(v ? std::max(0, c->findData(*v)) : 0);
    };
    select(m_payment, f.paymentStatus);
    select(m_fulfilment, f.fulfilmentStatus);
    select(m_currency, f.currency);
    {
        const QSignalBlocker b1(m_refund), b2(m_dispute), b3(m_search), b4(m_minAmount), b5(m_maxAmount);
        m_refund->setCurrentIndex(f.hasRefund ? (*f.hasRefund ? 1 : 2) : 0);
        m_dispute->setCurrentIndex(f.hasDispute ? (*f.hasDispute ? 1 : 2) : 0);
        m_search->setText(f.search);
        const auto c = Core::Currency::fromCode(f.currency.value_or(u"USD"_s)).value_or(Core::Currency::of(u"USD"));
        m_minAmount->setText(f.minGross ? Core::Money(*f.minGross, c).toDecimalString() : QString());
        m_maxAmount->setText(f.maxGross ? Core::Money(*f.maxGross, c).toDecimalString() : QString());
    }
    m_sellerId = f.sellerId;
    m_sellerChip->setVisible(m_sellerId.has_value());
    applyNow();
}

void OrdersPanel::showOrder(qint64 orderId, const QString& publicId)
{
    decltype(currentFilter()) f;
    f.search = publicId;
    setFilter(f);
    m_detail->showOrder(orderId);
}

void OrdersPanel::setSellerFilter(qint64 sellerId, const QString& name)
{
    if (sellerId > 0) {
        m_sellerId = sellerId;
        m_sellerName = name;
        m_sellerChip->setText(tr("Seller: %1 ✕").arg(name));
        m_sellerChip->setToolTip(tr("Show the orders of every seller"));
        m_sellerChip->show();
    } else {
        m_sellerId.reset();
        m_sellerName.clear();
        m_sellerChip->hide();
    }
    applyNow();
}

void OrdersPanel::updateCount()
{
    QString text;
    const auto c = m_model->count();
    const QLocale l;
    if (!c) {
        text = m_model->isLoading() ? tr("Loading…") : tr("Counting…");
    } else {
        switch (c->kind) {
        case Db::OrderCount::Kind::Exact:
            text = tr("%Ln order(s)", nullptr, int(std::min<qint64>(c->value, std::numeric_limits<int>::max())));
            break;
        case Db::OrderCount::Kind::AtLeast:
            text = tr("more than %1 orders").arg(l.toString(c->value));
            break;
        case Db::OrderCount::Kind::Estimate:
            text = tr("about %1 orders").arg(l.toString(c->value));
            break;
        }
    }
    text += u" · "_s + tr("%1 shown").arg(l.toString(m_model->rowCount()));
    if (m_model->isLoading())
        text += u" · "_s + tr("loading…");
    m_count->setText(text);
}

QString OrdersPanel::countText() const
{
    return m_count->text();
}

void OrdersPanel::showCurrent()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid()) {
        // A new query resets the model: keep the order on show until its first page selects another
        // (clearing first only adds a relayout and a repaint to the wait for the rows).
        if (m_model->rowCount() > 0 || !m_model->hasMore())
            m_detail->clear();
        return;
    }
    m_detail->showOrder(current.data(OrdersModel::IdRole).toLongLong());
}

void OrdersPanel::copySelection()
{
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& i : rows)
        ids << i.data(OrdersModel::PublicIdRole).toString();
    if (ids.isEmpty() && m_view->currentIndex().isValid())
        ids << m_view->currentIndex().data(OrdersModel::PublicIdRole).toString();
    if (!ids.isEmpty())
        QApplication::clipboard()->setText(ids.join(u'\n'));
}

void OrdersPanel::chooseColumns()
{
    QMenu menu(this);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction* a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(c));
        connect(a, &QAction::toggled, this, [this, c](bool on) {
            m_view->setColumnHidden(c, !on);
            QSettings().setValue(u"orders/hiddenColumns/%1"_s.arg(c), !on);
        });
    }
    menu.exec(m_columns->mapToGlobal(QPoint(0, m_columns->height())));
}

QVariantMap OrdersPanel::barState() const
{
    return {{u"search"_s, m_search->text()},
            {u"payment"_s, m_payment->currentData()},
            {u"fulfilment"_s, m_fulfilment->currentData()},
            {u"currency"_s, m_currency->currentData()},
            {u"period"_s, m_period->currentIndex()},
            {u"min"_s, m_minAmount->text()},
            {u"max"_s, m_maxAmount->text()},
            {u"refund"_s, m_refund->currentIndex()},
            {u"dispute"_s, m_dispute->currentIndex()},
            {u"sellerId"_s, m_sellerId ? QVariant(*m_sellerId) : QVariant()},
            {u"sellerName"_s, m_sellerName}};
}

void OrdersPanel::setBarState(const QVariantMap& s)
{
    const QList<QObject*> blocked = {m_search, m_payment, m_fulfilment, m_currency, m_period,
                                     m_minAmount, m_maxAmount, m_refund, m_dispute};
    for (QObject* o : blocked)
        o->blockSignals(true);
    m_search->setText(s.value(u"search"_s).toString());
    auto select = [](QComboBox* c, const QVariant& v) { c->setCurrentIndex(v.isNull() ? 0 : std::max(0, c->findData(v))); };
    select(m_payment, s.value(u"payment"_s));
    select(m_fulfilment, s.value(u"fulfilment"_s));
    select(m_currency, s.value(u"currency"_s));
    m_period->setCurrentIndex(std::clamp(s.value(u"period"_s).toInt(), 0, m_period->count() - 1));
    m_minAmount->setText(s.value(u"min"_s).toString());
    m_maxAmount->setText(s.value(u"max"_s).toString());
    m_refund->setCurrentIndex(std::clamp(s.value(u"refund"_s).toInt(), 0, 2));
    m_dispute->setCurrentIndex(std::clamp(s.value(u"dispute"_s).toInt(), 0, 2));
    for (QObject* o : blocked)
        o->blockSignals(false);
    const qint64 seller = s.value(u"sellerId"_s).toLongLong();
    setSellerFilter(seller, s.value(u"sellerName"_s).toString()); // applies
}

QStringList OrdersPanel::savedFilterNames() const
{
    QSettings settings;
    settings.beginGroup(SavedGroup);
    QStringList names = settings.childKeys();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void OrdersPanel::saveFilter(const QString& name)
{
    if (name.trimmed().isEmpty())
        return;
    QSettings settings;
    settings.setValue(SavedGroup + u'/' + name.trimmed(), barState());
}

bool OrdersPanel::loadFilter(const QString& name)
{
    const QVariant v = QSettings().value(SavedGroup + u'/' + name);
    if (!v.isValid())
        return false;
    setBarState(v.toMap());
    return true;
}

void OrdersPanel::removeFilter(const QString& name)
{
    QSettings().remove(SavedGroup + u'/' + name);
}

void OrdersPanel::showSavedMenu()
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
    for (const QString& name : names) {
        connect(menu.addAction(name), &QAction::triggered, this, [this, name] { loadFilter(name); });
    }
    if (!names.isEmpty()) {
        QMenu* remove = menu.addMenu(tr("Delete"));
        for (const QString& name : names)
            connect(remove->addAction(name), &QAction::triggered, this, [this, name] { removeFilter(name); });
    }
    menu.exec(m_saved->mapToGlobal(QPoint(0, m_saved->height())));
    m_saved->setDown(false);
}

void OrdersPanel::exportCsv(const QString& path, bool quiet)
{
    if (!m_db)
        return;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    QPointer<QProgressDialog> dialog;
    if (!quiet) {
        dialog = new QProgressDialog(tr("Exporting orders…"), tr("Cancel"), 0, 0, this);
        dialog->setWindowModality(Qt::WindowModal);
        dialog->setMinimumDuration(300);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const auto c = m_model->count();
        if (c && c->kind == Db::OrderCount::Kind::Exact)
            dialog->setMaximum(int(std::min<qint64>(c->value, INT_MAX)));
        connect(dialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    }
    m_export->setEnabled(false);
    const Db::OrderQuery query = m_model->query();
    auto progress = [dialog](qint64 rows) {
        if (!dialog)
            return;
        QMetaObject::invokeMethod(dialog, [dialog, rows] {
            if (!dialog)
                return;
            if (dialog->maximum() > 0)
                dialog->setValue(int(std::min<qint64>(rows, dialog->maximum())));
            dialog->setLabelText(tr("Exporting orders… %1 rows").arg(QLocale().toString(rows)));
        });
    };
    Db::OrdersRepository::exportCsvFile(m_db, query, path, cancel, progress)
        .then(this,
              [this, dialog](qint64 rows) {
                  m_export->setEnabled(true);
                  if (dialog)
                      dialog->close();
                  if (rows < 0) {
                      Q_EMIT exportFinished(false, 0, tr("Export canceled."));
                      return;
                  }
                  const QString message = tr("Exported %1 orders.").arg(QLocale().toString(rows));
                  m_banner->showMessage(message, MessageBanner::Type::Positive);
                  Q_EMIT exportFinished(true, rows, message);
              })
        .onFailed(this, [this, dialog](const Db::Error& e) {
            m_export->setEnabled(true);
            if (dialog)
                dialog->close();
            const QString message = tr("The export failed: %1").arg(e.message());
            m_banner->showMessage(message, MessageBanner::Type::Error);
            Q_EMIT exportFinished(false, 0, message);
        });
}

void OrdersPanel::onChanges(const QList<Db::Change>& changes)
{
    bool relevant = false;
    for (const Db::Change& c : changes) {
        if (c.table == u"orders") {
            if (c.isBulk())
                m_refreshVisible = true;
            else if (c.op == Db::Change::Op::Insert)
                m_insertedIds << *c.id;
            else
                m_updatedIds << *c.id;
            if (!c.isBulk() && *c.id == m_detail->orderId())
                m_refreshDetail = true;
        } else if (c.table == u"refunds" || c.table == u"disputes" || c.table == u"order_notes"
                   || c.table == u"payments" || c.table == u"wallets" || c.table == u"operations") {
            // these carry their own ids: the open order may be one of theirs
            m_refreshDetail = m_refreshDetail || m_detail->orderId() != 0;
            if (c.table != u"order_notes" && c.table != u"operations")
                m_refreshVisible = true;
        } else if (c.table == u"sellers") {
            m_refreshVisible = true;
        } else {
            continue;
        }
        relevant = true;
    }
    if (relevant)
        flushChanges(); // the feed has gathered a commit's worth already
}

void OrdersPanel::flushChanges()
{
    if (!m_insertedIds.isEmpty())
        m_model->insertNewer(std::exchange(m_insertedIds, {}));
    if (!m_updatedIds.isEmpty())
        m_model->refreshIds(std::exchange(m_updatedIds, {}));
    if (std::exchange(m_refreshVisible, false)) {
        const int top = m_view->rowAt(0);
        const int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
        if (top >= 0)
            m_model->refreshRange(top - 20, (bottom < 0 ? m_model->rowCount() - 1 : bottom) + 20);
    }
    if (std::exchange(m_refreshDetail, false))
        m_detail->reload();
}

} // namespace Bursar::Ui
