#include "RefundsPanel.h"

#include "ConsoleContext.h"
#include "MoneyDelegate.h"
#include "RefundDetailPane.h"
#include "RefundDialog.h"
#include "RefundsModel.h"
#include "StatusBadgeDelegate.h"
#include "StatusFilter.h"
#include "TextDelegate.h"

#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/IdentityRepository.h"
#include "db/RefundsRepository.h"
#include "services/RefundService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

RefundsPanel::RefundsPanel(ConsoleContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new Models::RefundsModel(this))
    , m_view(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_detail(new RefundDetailPane(this))
    , m_status(new QComboBox(this))
    , m_reason(new QComboBox(this))
    , m_from(new QDateEdit(QDate::currentDate().addMonths(-1), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_useDates(new QCheckBox(tr("From"), this))
    , m_requester(new QLineEdit(this))
    , m_awaiting(new QCheckBox(tr("Awaiting approval"), this))
    , m_newRefund(new QPushButton(tr("Refund an order…"), this))
    , m_approve(new QPushButton(tr("Approve"), this))
    , m_reject(new QPushButton(tr("Reject…"), this))
    , m_retry(new QPushButton(tr("Retry…"), this))
    , m_banner(new QLabel(this))
{
    setWindowTitle(tr("Refunds"));
    fillStatusCombo(m_status, Core::StatusKind::Refund, tr("Any status"));
    m_reason->addItem(tr("Any reason"), QString());
    for (auto r : {Services::RefundReason::RequestedByCustomer, Services::RefundReason::Duplicate,
                   Services::RefundReason::Fraudulent})
        m_reason->addItem(Services::refundReasonText(r), Services::refundReasonCode(r));
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setEnabled(false);
    }
    m_requester->setPlaceholderText(tr("Requested by (login)"));
    m_requester->setClearButtonEnabled(true);
    m_banner->setWordWrap(true);
    m_banner->hide();

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status);
    bar->addWidget(m_reason);
    bar->addWidget(m_useDates);
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to"), this));
    bar->addWidget(m_to);
    bar->addWidget(m_requester, 1);
    bar->addWidget(m_awaiting);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_newRefund);
    actions->addStretch(1);
    actions->addWidget(m_approve);
    actions->addWidget(m_reject);
    actions->addWidget(m_retry);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(actions);
    setUpView();

    connect(m_status, &QComboBox::currentIndexChanged, this, &RefundsPanel::applyFilter);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &RefundsPanel::applyFilter);
    connect(m_awaiting, &QCheckBox::toggled, this, &RefundsPanel::applyFilter);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &RefundsPanel::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &RefundsPanel::applyFilter);
    connect(m_requester, &QLineEdit::editingFinished, this, &RefundsPanel::applyFilter);
    connect(m_newRefund, &QPushButton::clicked, this, &RefundsPanel::askForOrder);
    connect(m_approve, &QPushButton::clicked, this, &RefundsPanel::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &RefundsPanel::rejectSelected);
    connect(m_retry, &QPushButton::clicked, this, &RefundsPanel::retrySelected);
    connect(m_model, &Models::RefundsModel::failed, this, [this](const QString& m) { showMessage(m, true); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RefundsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RefundsPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RefundsPanel::updateButtons);
    // The detail follows the current row, and the row when it is re-read in place (NOTIFY).
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0 && !m_detail->refundId())
            m_view->setCurrentIndex(m_model->index(0, int(Models::RefundsModel::Column::Order)));
        else
            showCurrent();
    });
    connect(m_detail, &RefundDetailPane::orderRequested, &m_context, &ConsoleContext::requestOrder);
    connect(&m_context, &ConsoleContext::databaseChanged, this, &RefundsPanel::useDatabase);
    connect(&m_context, &ConsoleContext::staffChanged, this, &RefundsPanel::onStaff);
    connect(m_context.changes(), &Db::ChangeFeed::changed, this, &RefundsPanel::onChanges);
    connect(&m_context, &ConsoleContext::refreshRequested, this, [this] {
        if (isVisible() && m_db)
            m_model->reload(); // View > Refresh (F5) while this panel is shown
    });
    connect(&m_context, &ConsoleContext::refundRequested, this, [this](qint64 orderId) {
        m_context.showPanel(this);
        openRefundDialog(orderId);
    });
    useDatabase(m_context.database());
    onStaff(m_context.staff());
}

RefundsPanel::~RefundsPanel() = default;

Services::RefundService* RefundsPanel::service() const
{
    return m_context.refunds();
}

void RefundsPanel::setUpView()
{
    using Column = Models::RefundsModel::Column;
    using Models::RefundsModel;
    m_view->setObjectName(u"refundsView"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // One line per refund, as in Orders: a fixed height, long texts elided (the detail pane has them whole).
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegate(new TextDelegate(this));
    m_view->setItemDelegateForColumn(int(Column::Amount), new MoneyDelegate(RefundsModel::MoneyRole, this));
    // A refund the agent has not sent yet, or set aside for a person, shows its journal row's state.
    const auto refundStatus = [model = m_model](const QModelIndex& index) -> const Core::Status::Entry* {
        const Db::RefundRow* r = model->rowAt(index.row());
        return r ? Core::Status::ofRefund(r->status, r->operationState) : nullptr;
    };
    m_view->setItemDelegateForColumn(int(Column::Status), new StatusBadgeDelegate(refundStatus, this));
    m_view->setItemDelegateForColumn(int(Column::Approval),
                                     new StatusBadgeDelegate(Core::StatusKind::Approval, RefundsModel::ApprovalRole, this));

    // Widths from what the columns typically hold, so dates, ids and badges fit in any language.
    const QFontMetrics fm = m_view->fontMetrics();
    const QFontMetrics header = m_view->horizontalHeader()->fontMetrics();
    auto widest = [&fm](Core::StatusKind kind) {
        int w = 0;
        for (const Core::Status::Entry& e : Core::Status::entries(kind))
            w = std::max(w, fm.horizontalAdvance(e.text()) + 24); // the badge's padding
        return w;
    };
    const int samples[] = {
        fm.horizontalAdvance(QLocale().toString(QDateTime(QDate(2025, 12, 28), QTime(23, 59)), QLocale::ShortFormat)),
        fm.horizontalAdvance(u"re_3Q0000000000000000"_s),
        fm.horizontalAdvance(u"ORD-0000000"_s),
        fm.horizontalAdvance(u"-0,000.00 EUR"_s),
        fm.horizontalAdvance(Services::refundReasonText(Services::RefundReason::RequestedByCustomer)),
        std::max(widest(Core::StatusKind::Refund), widest(Core::StatusKind::Operation)),
        widest(Core::StatusKind::Approval),
        fm.horizontalAdvance(u"firstname.lastname"_s),
        fm.horizontalAdvance(u"Stripe's reason or the note"_s),
    };
    static_assert(std::size(samples) == std::size_t(Column::Count));
    for (int c = 0; c < int(Column::Count); ++c) {
        const int title = header.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString())
            + 2 * header.averageCharWidth();
        m_view->setColumnWidth(c, std::max(samples[c], title) + 2 * fm.averageCharWidth());
    }
}

void RefundsPanel::showCurrent()
{
    const QModelIndex current = m_view->selectionModel() ? m_view->selectionModel()->currentIndex() : QModelIndex();
    const Db::RefundRow* r = current.isValid() ? m_model->rowAt(current.row()) : nullptr;
    if (!r && m_detail->refundId() != 0) {
        // After a reload the refund on show may still be loaded elsewhere: keep showing it, up to date.
        for (int i = 0; i < m_model->rowCount(); ++i)
            if (m_model->rowAt(i)->id == m_detail->refundId()) {
                r = m_model->rowAt(i);
                break;
            }
    }
    if (r)
        m_detail->showRefund(*r);
    else if (!m_model->isLoading())
        m_detail->clear();
}

void RefundsPanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_model->setDatabase(database);
    updateButtons();
}

void RefundsPanel::onStaff(const Db::StaffMember& staff)
{
    m_canApprove = staff.mayApproveRefunds;
    m_canRequest = staff.mayRequestRefunds;
    updateButtons();
}

void RefundsPanel::onChanges(const QList<Db::Change>& changes)
{
    QList<qint64> updated;
    bool reload = false;
    for (const Db::Change& c : changes) {
        if (c.table != u"refunds")
            continue;
        if (c.op == Db::Change::Op::Insert || c.isBulk())
            reload = true;
        else
            updated << *c.id;
    }
    if (reload)
        m_model->reload();
    else if (!updated.isEmpty())
        m_model->refreshIds(updated);
}

void RefundsPanel::applyFilter()
{
    Db::RefundFilter f;
    f.status = m_status->currentData().toString();
    f.reason = m_reason->currentData().toString();
    if (m_useDates->isChecked()) {
        f.from = m_from->date();
        f.to = m_to->date();
    }
    f.requester = m_requester->text().trimmed();
    f.awaitingApproval = m_awaiting->isChecked();
    m_model->setFilter(f);
}

void RefundsPanel::updateButtons()
{
    const auto rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList{};
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    const bool awaiting = r && r->approvalState == u"awaiting_approval";
    m_approve->setEnabled(service() && m_canApprove && awaiting);
    m_reject->setEnabled(service() && m_canApprove && awaiting);
    m_retry->setEnabled(service() && m_canRequest && r && (r->status == u"failed" || r->status == u"canceled"));
    m_newRefund->setEnabled(service() && m_canRequest);
    const QString why = m_canApprove ? QString() : tr("Only finance or admin users approve refunds.");
    m_approve->setToolTip(why);
    m_reject->setToolTip(why);
    const QString whyNot = m_canRequest ? QString() : tr("Only support or admin users request refunds.");
    m_retry->setToolTip(whyNot);
    m_newRefund->setToolTip(whyNot);
}

void RefundsPanel::showMessage(const QString& text, bool error)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(error ? u"QLabel { background: #fdecea; color: #8c1d18; padding: 6px; }"_s
                                  : u"QLabel { background: #e8f4ea; color: #1e4620; padding: 6px; }"_s);
    m_banner->setVisible(!text.isEmpty());
    Q_EMIT message(text, error);
}

void RefundsPanel::showOutcome(const Services::RefundOutcome& o, bool awaitAgent)
{
    using S = Services::RefundOutcome::State;
    if (o.state != S::Queued) {
        showMessage(o.message, !o.isSuccess() && o.state != S::Pending);
        return;
    }
    showMessage(tr("Recorded; the Bursar agent sends it to Stripe."), false);
    if (!awaitAgent || !service())
        return;
    // The agent's answer when it comes: its words replace "recorded" (the row refreshes through NOTIFY anyway).
    service()->settle(o, std::chrono::seconds(30)).then(this, [this](const Services::RefundOutcome& f) {
        if (f.state != S::Queued)
            showMessage(f.message, !f.isSuccess() && f.state != S::Pending);
        else if (!f.agentRunning)
            showMessage(f.message, false);
    });
}

void RefundsPanel::openRefundDialog(qint64 orderId)
{
    if (!service())
        return;
    auto* dialog = new RefundDialog(service(), orderId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RefundDialog::recorded, this, [this](const Services::RefundOutcome& o) {
        if (o.state == Services::RefundOutcome::State::Queued)
            showOutcome(o, false); // the dialog waits for the agent and says when it has finished
        m_model->reload();
    });
    connect(dialog, &RefundDialog::finishedRefund, this, [this](const Services::RefundOutcome& o) {
        showOutcome(o);
        m_model->reload();
    });
    dialog->open();
}

void RefundsPanel::askForOrder()
{
    if (!service())
        return;
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Refund an order"), tr("Order (ORD-…, number or charge id):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    service()->findOrder(text).then(this, [this, text](qint64 id) {
        if (id == 0)
            showMessage(tr("There is no order \"%1\".").arg(text), true);
        else
            openRefundDialog(id);
    });
}

void RefundsPanel::approveSelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!r || !service())
        return;
    m_approve->setEnabled(false);
    service()->approve(r->id, QString()).then(this, [this](const Services::RefundOutcome& o) {
        showOutcome(o);
        m_model->reload();
    });
}

void RefundsPanel::rejectSelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!r || !service())
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Reject refund"),
                                                 tr("Why is the refund of %1 on %2 rejected?").arg(r->amount.format(), r->publicId),
                                                 QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    service()->reject(r->id, reason).then(this, [this](const Services::RefundOutcome& o) {
        showMessage(o.message, o.state == Services::RefundOutcome::State::Refused);
        m_model->reload();
    });
}

void RefundsPanel::retrySelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!r || !service())
        return;
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Retry refund"),
                                               tr("Stripe refused: %1\nRetry %2 on %3 as a new refund? Note:")
                                                   .arg(r->failureReason, r->amount.format(), r->publicId),
                                               QLineEdit::Normal, tr("Retry of refund %1").arg(r->id), &ok);
    if (!ok)
        return;
    m_retry->setEnabled(false);
    service()->retry(r->id, note).then(this, [this](const Services::RefundOutcome& o) {
        showOutcome(o);
        m_model->reload();
    });
}

} // namespace Bursar::Ui
