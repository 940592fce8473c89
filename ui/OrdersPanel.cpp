#include "OrdersPanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "OrderDetailPane.h"
#include "OrdersModel.h"

#include "core/Money.h"
#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/IdentityRepository.h"

#include <QAction>
#include <QDateTime>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Core::StatusKind;
using Models::OrdersModel;

namespace {
Core::Currency currencyOr(const std::optional<QString>& code)
{
    return Core::Currency::fromCode(code.value_or(u"USD"_s)).value_or(Core::Currency::of(u"USD"));
}
} // namespace

OrdersPanel::OrdersPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"orders"_s, new OrdersModel, parent)
    , m_model(static_cast<OrdersModel*>(pagedModel()))
    , m_findAction(new QAction(this))
    , m_detail(new OrderDetailPane(this))
{
    FilterBar* bar = filterBar();
    m_search = bar->add(new TextFilter(u"orderSearch"_s, [] { return tr("Order, pi_…, ch_…, buyer e-mail or seller name"); }), 3);
    m_search->setMinimumWidth(260);
    m_payment = bar->add(new StatusChoiceFilter(u"paymentFilter"_s, StatusKind::Payment, [] { return tr("Any payment"); }));
    m_fulfilment = bar->add(
        new StatusChoiceFilter(u"fulfilmentFilter"_s, StatusKind::Fulfilment, [] { return tr("Any fulfilment"); }));
    m_currency = bar->add(new CurrencyFilter(u"currencyFilter"_s));
    m_period = bar->add(new SinceFilter(u"periodFilter"_s));
    m_gross = bar->add(new MoneyRangeFilter(u"grossFilter"_s, [] { return tr("Min gross"); }, [] { return tr("Max gross"); }));
    m_refund = bar->add(new TriStateFilter(u"refundFilter"_s, [] { return tr("Refunds: any"); },
                                           [] { return tr("With refund"); }, [] { return tr("Without refund"); }));
    m_dispute = bar->add(new TriStateFilter(u"disputeFilter"_s, [] { return tr("Disputes: any"); },
                                            [] { return tr("With dispute"); }, [] { return tr("Without dispute"); }));
    m_seller = bar->add(new ChipFilter(u"sellerChip"_s, [](const QString& name) { return tr("Seller: %1 ✕").arg(name); },
                                       [] { return tr("Show the orders of every seller"); }));
    connect(bar, &FilterBar::changed, this, &OrdersPanel::applyFilter);
    connect(m_search, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    view()->setObjectName(u"ordersView"_s);
    using C = OrdersModel::Column;
    setMoneyColumns({int(C::Gross), int(C::Refunded), int(C::SellerNet)});
    setStatusColumn(int(C::PaymentStatus), StatusKind::Payment, OrdersModel::StatusRole);
    setStatusColumn(int(C::FulfilmentStatus), StatusKind::Fulfilment, OrdersModel::StatusRole);
    setDateColumn(int(C::Created));
    setIdColumn(int(C::OrderId), OrdersModel::PublicIdRole, [] { return tr("Copy order id"); });
    // Widths from what the columns typically hold, so dates, ids and badges fit in any language.
    const QFontMetrics fm = view()->fontMetrics();
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
    static_assert(std::size(samples) == std::size_t(C::Count));
    QList<int> widths;
    for (const QString& s : samples)
        widths << fm.horizontalAdvance(s);
    setColumnContents(widths);
    restoreHeader();
    setDetailPane(m_detail);
    setCountText([](const Db::RowCount& c) {
        const QLocale l;
        switch (c.kind) {
        case Db::RowCount::Kind::Exact:
            return tr("%Ln order(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        case Db::RowCount::Kind::AtLeast:
            return tr("more than %1 orders").arg(l.toString(c.value));
        case Db::RowCount::Kind::Estimate:
            break;
        }
        return tr("about %1 orders").arg(l.toString(c.value));
    });
    setExporter(
        [this](Db::Database* db, const QString& path, std::shared_ptr<std::atomic_bool> cancel,
               std::function<void(qint64)> progress, int pageSize) {
            return Db::OrdersRepository::exportCsvFile(db, m_model->query(), path, std::move(cancel),
                                                       std::move(progress), pageSize);
        },
        u"orders.csv"_s, [] { return tr("orders"); });

    m_findAction->setObjectName(u"findOrdersAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, [this] {
        searchBox()->setFocus(Qt::ShortcutFocusReason);
        searchBox()->selectAll();
    });

    connect(m_model, &OrdersModel::pageLoaded, this, [this](int, bool first) {
        // master-detail: show the first order rather than an empty pane
        if (!first)
            return;
        if (!view()->currentIndex().isValid() && m_model->rowCount() > 0)
            view()->setCurrentIndex(m_model->index(0, int(C::OrderId)));
        else if (m_model->rowCount() == 0)
            m_detail->clear();
    });
    // New rows on top while the user looks further down: keep the rows they were looking at in place.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        const int inserted = last - first + 1;
        QScrollBar* scroll = view()->verticalScrollBar();
        if (first == 0 && m_model->rowCount() > inserted && scroll->value() > 0)
            scroll->setValue(scroll->value() + inserted);
    });
    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OrdersPanel::showCurrent);
    connect(m_detail, &OrderDetailPane::sellerRequested, this, &OrdersPanel::setSellerFilter);
    connect(m_detail, &OrderDetailPane::refundRequested, &context, &ConsoleContext::requestRefund);
    connect(m_detail, &OrderDetailPane::buyerRequested, this, [this](const QString& email) {
        m_search->setValue(email);
        applyNow();
    });
    connect(&context, &ConsoleContext::databaseChanged, this, &OrdersPanel::useDatabase);
    connect(&context, &ConsoleContext::installationModeChanged, this,
            [this](const QString& mode) { setLiveMode(mode == u"live"); });
    connect(context.changes(), &Db::ChangeFeed::changed, this, &OrdersPanel::onChanges);
    // Until PostgreSQL has said who is signed in, the buttons stay as they are: it checks again on the write.
    connect(&context, &ConsoleContext::staffChanged, this, [this](const Db::StaffMember& staff) {
        if (this->context().hasStaff() && staff.known)
            m_detail->setPermissions(staff.mayRequestRefunds, staff.mayAddNotes);
    });
    // View > Refresh (F5) while this panel is shown: re-read the rows on show and the open order in place.
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (!isVisible() || !m_db)
            return;
        m_refreshVisible = true;
        m_refreshDetail = m_detail->orderId() != 0;
        flushChanges();
    });
    connect(&context, &ConsoleContext::orderRequested, this, [this](qint64 orderId, const QString& publicId) {
        this->context().showPanel(this);
        showOrder(orderId, publicId);
    });
    connect(&context, &ConsoleContext::sellerOrdersRequested, this, [this](qint64 sellerId, const QString& name) {
        this->context().showPanel(this);
        setSellerFilter(sellerId, name);
    });
    retranslate();
    setLiveMode(context.isLive());
    useDatabase(context.database());
}

OrdersPanel::~OrdersPanel() = default;

QLineEdit* OrdersPanel::searchBox() const
{
    return m_search->lineEdit();
}

void OrdersPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Orders"));
    m_findAction->setText(tr("Find orders"));
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
    f.paymentStatus = m_payment->code();
    f.fulfilmentStatus = m_fulfilment->code();
    f.currency = m_currency->code();
    f.createdFromUs = m_period->sinceMicros();
    const auto gross = m_gross->range(currencyOr(f.currency));
    f.minGross = gross.min;
    f.maxGross = gross.max;
    f.hasRefund = m_refund->state();
    f.hasDispute = m_dispute->state();
    f.sellerId = m_seller->id();
    f.search = m_search->text();
    return f;
}

void OrdersPanel::applyNow()
{
    filterBar()->applyNow();
}

void OrdersPanel::applyFilter()
{
    Db::OrderQuery q = m_model->query();
    q.filter = currentFilter();
    if (q == m_model->query() && m_model->generation() > 0)
        return;
    m_model->setQuery(q);
}

void OrdersPanel::setFilter(const Db::OrderFilter& f)
{
    m_payment->setValue(f.paymentStatus ? QVariant(*f.paymentStatus) : QVariant());
    m_fulfilment->setValue(f.fulfilmentStatus ? QVariant(*f.fulfilmentStatus) : QVariant());
    m_currency->setValue(f.currency ? QVariant(*f.currency) : QVariant());
    m_refund->setValue(f.hasRefund ? QVariant(*f.hasRefund) : QVariant());
    m_dispute->setValue(f.hasDispute ? QVariant(*f.hasDispute) : QVariant());
    m_search->setValue(f.search);
    m_gross->setRange({f.minGross, f.maxGross}, currencyOr(f.currency));
    m_seller->setValue(f.sellerId ? QVariant(QVariantMap{{u"id"_s, *f.sellerId}}) : QVariant());
    applyNow();
}

void OrdersPanel::showOrder(qint64 orderId, const QString& publicId)
{
    Db::OrderFilter f;
    f.search = publicId;
    setFilter(f);
    m_detail->showOrder(orderId);
}

void OrdersPanel::setSellerFilter(qint64 sellerId, const QString& name)
{
    m_seller->setValue(sellerId > 0 ? QVariant(QVariantMap{{u"id"_s, sellerId}, {u"name"_s, name}}) : QVariant());
    applyNow();
}

void OrdersPanel::showCurrent()
{
    const QModelIndex current = view()->selectionModel()->currentIndex();
    if (!current.isValid()) {
        // A new query resets the model: keep the order on show until its first page selects another
        // (clearing first only adds a relayout and a repaint to the wait for the rows).
        if (m_model->rowCount() > 0 || !m_model->hasMore())
            m_detail->clear();
        return;
    }
    m_detail->showOrder(current.data(OrdersModel::IdRole).toLongLong());
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
        const int top = view()->rowAt(0);
        const int bottom = view()->rowAt(view()->viewport()->height() - 1);
        if (top >= 0)
            m_model->refreshRange(top - 20, (bottom < 0 ? m_model->rowCount() - 1 : bottom) + 20);
    }
    if (std::exchange(m_refreshDetail, false))
        m_detail->reload();
}

} // namespace Bursar::Ui
