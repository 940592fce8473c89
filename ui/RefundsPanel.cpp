#include "RefundsPanel.h"

#include "RefundDialog.h"
#include "RefundsModel.h"

#include "core/Settings.h"
#include "db/Database.h"
#include "db/RefundsRepository.h"
#include "services/RefundService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

RefundsPanel::RefundsPanel(Core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_model(new Models::RefundsModel(this))
    , m_view(new QTableView(this))
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
    m_status->addItem(tr("Any status"), QString());
    for (const char* s : {"not_submitted", "pending", "requires_action", "succeeded", "failed", "canceled"})
        m_status->addItem(Models::RefundsModel::statusText(QString::fromLatin1(s)), QString::fromLatin1(s));
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
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);

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
    updateButtons();
}

RefundsPanel::~RefundsPanel() = default;

void RefundsPanel::setDatabase(Db::Database* database)
{
    m_db = database;
    m_service.reset();
    if (database)
        m_service = std::make_unique<Services::RefundService>(database);
    m_model->setDatabase(database);
    m_canApprove = false;
    m_canRequest = false;
    updateButtons();
    if (!database)
        return;
    database->listen(u"bursar_changes"_s);
    connect(database, &Db::Database::notified, this, [this](const QString& channel, const QString& payload) {
        if (channel != u"bursar_changes")
            return;
        const QJsonObject o = QJsonDocument::fromJson(payload.toUtf8()).object();
        if (o.value("table"_L1).toString() != u"refunds")
            return;
        if (o.value("op"_L1).toString() == u"INSERT" || o.value("id"_L1).isNull())
            m_model->reload();
        else
            m_model->refreshIds({o.value("id"_L1).toInteger()});
    });
    Db::RefundsRepository::canApprove(database).then(this, [this](bool can) {
        m_canApprove = can;
        updateButtons();
    });
    Db::RefundsRepository::canRequest(database).then(this, [this](bool can) {
        m_canRequest = can;
        updateButtons();
    });
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
    m_approve->setEnabled(m_service && m_canApprove && awaiting);
    m_reject->setEnabled(m_service && m_canApprove && awaiting);
    m_retry->setEnabled(m_service && m_canRequest && r && (r->status == u"failed" || r->status == u"canceled"));
    m_newRefund->setEnabled(m_service && m_canRequest);
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
    if (!awaitAgent || !m_service)
        return;
    // The agent's answer when it comes: its words replace "recorded" (the row refreshes through NOTIFY anyway).
    m_service->settle(o, std::chrono::seconds(30)).then(this, [this](const Services::RefundOutcome& f) {
        if (f.state != S::Queued)
            showMessage(f.message, !f.isSuccess() && f.state != S::Pending);
        else if (!f.agentRunning)
            showMessage(f.message, false);
    });
}

void RefundsPanel::openRefundDialog(qint64 orderId)
{
    if (!m_service)
        return;
    auto* dialog = new RefundDialog(m_service.get(), orderId, this);
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
    if (!m_service)
        return;
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Refund an order"), tr("Order (ORD-…, number or charge id):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    m_service->findOrder(text).then(this, [this, text](qint64 id) {
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
    if (!r || !m_service)
        return;
    m_approve->setEnabled(false);
    m_service->approve(r->id, QString()).then(this, [this](const Services::RefundOutcome& o) {
        showOutcome(o);
        m_model->reload();
    });
}

void RefundsPanel::rejectSelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!r || !m_service)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Reject refund"),
                                                 tr("Why is the refund of %1 on %2 rejected?").arg(r->amount.format(), r->publicId),
                                                 QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    m_service->reject(r->id, reason).then(this, [this](const Services::RefundOutcome& o) {
        showMessage(o.message, o.state == Services::RefundOutcome::State::Refused);
        m_model->reload();
    });
}

void RefundsPanel::retrySelected()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    const Db::RefundRow* r = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!r || !m_service)
        return;
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Retry refund"),
                                               tr("Stripe refused: %1\nRetry %2 on %3 as a new refund? Note:")
                                                   .arg(r->failureReason, r->amount.format(), r->publicId),
                                               QLineEdit::Normal, tr("Retry of refund %1").arg(r->id), &ok);
    if (!ok)
        return;
    m_retry->setEnabled(false);
    m_service->retry(r->id, note).then(this, [this](const Services::RefundOutcome& o) {
        showOutcome(o);
        m_model->reload();
    });
}

} // namespace Bursar::Ui
