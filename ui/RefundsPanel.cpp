#include "RefundsPanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "RefundDetailPane.h"
#include "RefundDialog.h"
#include "RefundsModel.h"

#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/IdentityRepository.h"
#include "db/RefundsRepository.h"
#include "services/RefundService.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::RefundsModel;

RefundsPanel::RefundsPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"refunds"_s, new RefundsModel, parent)
    , m_model(static_cast<RefundsModel*>(pagedModel()))
    , m_detail(new RefundDetailPane(this))
    , m_newRefund(new QPushButton(this))
    , m_approve(new QPushButton(this))
    , m_reject(new QPushButton(this))
    , m_retry(new QPushButton(this))
{
    FilterBar* bar = filterBar();
    m_status = bar->add(new StatusChoiceFilter(u"statusFilter"_s, Core::StatusKind::Refund, [] { return tr("Any status"); }));
    m_reason = bar->add(new ChoiceFilter(u"reasonFilter"_s, [] { return tr("Any reason"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (auto r : {Services::RefundReason::RequestedByCustomer, Services::RefundReason::Duplicate,
                       Services::RefundReason::Fraudulent})
            items.append({Services::refundReasonText(r), Services::refundReasonCode(r)});
        return items;
    }));
    m_dates = bar->add(new DateRangeFilter(u"dateFilter"_s));
    m_requester = bar->add(new TextFilter(u"requesterFilter"_s, [] { return tr("Requested by (login)"); }), 1);
    m_awaiting = bar->add(new CheckFilter(u"awaitingFilter"_s, [] { return tr("Awaiting approval"); }));
    connect(bar, &FilterBar::changed, this, &RefundsPanel::applyFilter);
    connect(m_requester->lineEdit(), &QLineEdit::editingFinished, bar, &FilterBar::applyNow);

    using Column = RefundsModel::Column;
    view()->setObjectName(u"refundsView"_s);
    view()->setSelectionMode(QAbstractItemView::SingleSelection);
    setMoneyColumns({int(Column::Amount)});
    // A refund the agent has not sent yet, or set aside for a person, shows its journal row's state.
    setStatusColumn(int(Column::Status), [model = m_model](const QModelIndex& index) -> const Core::Status::Entry* {
        const Db::RefundRow* r = model->rowAt(index.row());
        return r ? Core::Status::ofRefund(r->status, r->operationState) : nullptr;
    });
    setStatusColumn(int(Column::Approval), Core::StatusKind::Approval, RefundsModel::ApprovalRole);
    setDateColumn(int(Column::Created));
    setIdColumn(int(Column::Refund), Qt::DisplayRole, [] { return tr("Copy refund id"); });
    // Widths from what the columns typically hold, so dates, ids and badges fit in any language.
    const QFontMetrics fm = view()->fontMetrics();
    auto widest = [&fm](Core::StatusKind kind) {
        int w = 0;
        for (const Core::Status::Entry& e : Core::Status::entries(kind))
            w = std::max(w, fm.horizontalAdvance(e.text()) + 24); // the badge's padding
        return w;
    };
    const QList<int> widths = {
        fm.horizontalAdvance(QLocale().toString(QDateTime(QDate(2025, 12, 28), QTime(23, 59)), QLocale::ShortFormat)),
        fm.horizontalAdvance(u"re_3Q000000000"_s), // elided: the whole id is in the detail and copies with Ctrl+C
        fm.horizontalAdvance(u"ORD-0000000"_s),
        fm.horizontalAdvance(u"-0,000.00 EUR"_s),
        fm.horizontalAdvance(Services::refundReasonText(Services::RefundReason::Fraudulent)),
        std::max(widest(Core::StatusKind::Refund), widest(Core::StatusKind::Operation)),
        widest(Core::StatusKind::Approval),
        fm.horizontalAdvance(u"firstname.lastname"_s),
        fm.horizontalAdvance(u"Stripe's reason or the note"_s),
    };
    Q_ASSERT(widths.size() == int(Column::Count));
    setColumnContents(widths);
    restoreHeader();
    setDetailPane(m_detail, 5, 2);
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln refund(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 refunds").arg(QLocale().toString(c.value));
    });
    setExporter(
        [this](Db::Database* db, const QString& path, std::shared_ptr<std::atomic_bool> cancel,
               std::function<void(qint64)> progress, int pageSize) {
            return Db::RefundsRepository::exportCsvFile(db, m_model->query(), path, std::move(cancel),
                                                        std::move(progress), pageSize);
        },
        u"refunds.csv"_s, [] { return tr("refunds"); });

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_newRefund);
    actions->addStretch(1);
    actions->addWidget(m_approve);
    actions->addWidget(m_reject);
    actions->addWidget(m_retry);
    static_cast<QBoxLayout*>(layout())->addLayout(actions);

    connect(m_newRefund, &QPushButton::clicked, this, &RefundsPanel::askForOrder);
    connect(m_approve, &QPushButton::clicked, this, &RefundsPanel::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &RefundsPanel::rejectSelected);
    connect(m_retry, &QPushButton::clicked, this, &RefundsPanel::retrySelected);
    connect(m_model, &RefundsModel::failed, this, [this](const QString& m) { Q_EMIT message(m, true); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RefundsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RefundsPanel::updateButtons);
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RefundsPanel::updateButtons);
    // The detail follows the current row, and the row when it is re-read in place (NOTIFY).
    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RefundsPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!view()->currentIndex().isValid() && m_model->rowCount() > 0 && !m_detail->refundId())
            view()->setCurrentIndex(m_model->index(0, int(Column::Order)));
        else
            showCurrent();
    });
    connect(m_detail, &RefundDetailPane::orderRequested, &context, &ConsoleContext::requestOrder);
    connect(&context, &ConsoleContext::databaseChanged, this, &RefundsPanel::useDatabase);
    connect(&context, &ConsoleContext::staffChanged, this, &RefundsPanel::onStaff);
    connect(context.changes(), &Db::ChangeFeed::changed, this, &RefundsPanel::onChanges);
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (isVisible() && m_db)
            m_model->reload(); // View > Refresh (F5) while this panel is shown
    });
    connect(&context, &ConsoleContext::refundRequested, this, [this](qint64 orderId) {
        this->context().showPanel(this);
        openRefundDialog(orderId);
    });
    retranslate();
    useDatabase(context.database());
    onStaff(context.staff());
}

RefundsPanel::~RefundsPanel() = default;

Services::RefundService* RefundsPanel::service() const
{
    return context().refunds();
}

void RefundsPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Refunds"));
    m_newRefund->setText(tr("Refund an order…"));
    m_approve->setText(tr("Approve"));
    m_reject->setText(tr("Reject…"));
    m_retry->setText(tr("Retry…"));
    updateButtons();
}

void RefundsPanel::showCurrent()
{
    const QModelIndex current = view()->selectionModel() ? view()->selectionModel()->currentIndex() : QModelIndex();
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
    f.status = m_status->code().value_or(QString());
    f.reason = m_reason->code().value_or(QString());
    f.from = m_dates->from();
    f.to = m_dates->to();
    f.requester = m_requester->text();
    f.awaitingApproval = m_awaiting->isChecked();
    m_model->setFilter(f);
}

void RefundsPanel::updateButtons()
{
    const auto rows = view()->selectionModel() ? view()->selectionModel()->selectedRows() : QModelIndexList{};
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

void RefundsPanel::say(const QString& text, bool error)
{
    showMessage(text, error ? MessageBanner::Type::Error : MessageBanner::Type::Positive);
    Q_EMIT message(text, error);
}

void RefundsPanel::showOutcome(const Services::RefundOutcome& o, bool awaitAgent)
{
    using S = Services::RefundOutcome::State;
    if (o.state != S::Queued) {
        say(o.message, !o.isSuccess() && o.state != S::Pending);
        return;
    }
    say(tr("Recorded; the Bursar agent sends it to Stripe."), false);
    if (!awaitAgent || !service())
        return;
    // The agent's answer when it comes: its words replace "recorded" (the row refreshes through NOTIFY anyway).
    service()->settle(o, std::chrono::seconds(30)).then(this, [this](const Services::RefundOutcome& f) {
        if (f.state != S::Queued)
            say(f.message, !f.isSuccess() && f.state != S::Pending);
        else if (!f.agentRunning)
            say(f.message, false);
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
            say(tr("There is no order \"%1\".").arg(text), true);
        else
            openRefundDialog(id);
    });
}

void RefundsPanel::approveSelected()
{
    const auto rows = view()->selectionModel()->selectedRows();
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
    const auto rows = view()->selectionModel()->selectedRows();
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
        say(o.message, o.state == Services::RefundOutcome::State::Refused);
        m_model->reload();
    });
}

void RefundsPanel::retrySelected()
{
    const auto rows = view()->selectionModel()->selectedRows();
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
