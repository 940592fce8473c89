#include "RefundDialog.h"

#include "ui_RefundDialog.h"

#include "db/Error.h"

#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

RefundDialog::RefundDialog(Services::RefundService* service, qint64 orderId, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::RefundDialog>())
    , m_service(service)
    , m_orderId(orderId)
    , m_key(Services::RefundService::newIdempotencyKey())
    , m_previewTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_refund = m_ui->buttons->addButton(tr("&Refund…"), QDialogButtonBox::ActionRole);
    m_refund->setDefault(true);
    m_refund->setEnabled(false);
    for (auto reason : {Services::RefundReason::RequestedByCustomer, Services::RefundReason::Duplicate,
                        Services::RefundReason::Fraudulent})
        m_ui->reasonCombo->addItem(Services::refundReasonText(reason), Services::refundReasonCode(reason));
    m_ui->errorLabel->hide();
    m_ui->waitBar->hide();
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(250);

    connect(m_refund, &QPushButton::clicked, this, &RefundDialog::confirm);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->amountEdit, &QLineEdit::textChanged, this, [this] {
        validate();
        m_previewTimer->start();
    });
    connect(m_ui->noteEdit, &QPlainTextEdit::textChanged, this, &RefundDialog::validate);
    connect(m_ui->fullButton, &QPushButton::clicked, this, [this] {
        if (m_baseline)
            m_ui->amountEdit->setText(m_baseline->refundable.formatAmount());
    });
    connect(m_previewTimer, &QTimer::timeout, this, [this] {
        if (!m_baseline)
            return;
        const auto in = Services::validateRefundInput(m_ui->amountEdit->text(), u"-"_s, *m_baseline);
        if (in.amount)
            loadPreview(in.amount->minor());
    });
    loadPreview(std::nullopt);
}

RefundDialog::~RefundDialog() = default;

void RefundDialog::loadPreview(std::optional<qint64> amountMinor)
{
    if (!m_service)
        return;
    const quint64 generation = ++m_previewGeneration;
    m_service->preview(m_orderId, amountMinor)
        .then(this,
              [this, generation, amountMinor](const Services::RefundPreview& p) {
                  if (generation != m_previewGeneration)
                      return;
                  m_preview = p;
                  if (!amountMinor) {
                      const bool first = !m_baseline;
                      m_baseline = p;
                      m_ui->currencyLabel->setText(p.currency.code());
                      //: %1 order id, %2 gross, %3 already refunded, %4 refundable
                      m_ui->orderLabel->setText(tr("<b>Order %1</b> — charged %2, refunded %3, <b>%4 still refundable</b>")
                                                    .arg(p.publicId.toHtmlEscaped(), p.gross.format(), p.refunded.format(),
                                                         p.refundable.format()));
                      setWindowTitle(tr("Refund order %1").arg(p.publicId));
                      if (first && p.canRefund())
                          m_ui->amountEdit->setText(p.refundable.formatAmount());
                  }
                  if (p.canRefund()) {
                      QString html = u"<ul style=\"margin-left: -24px\">"_s;
                      for (const QString& line : p.summary().split(u'\n'))
                          html += u"<li style=\"margin-bottom: 3px\">"_s + line.toHtmlEscaped() + u"</li>"_s;
                      m_ui->previewLabel->setText(html + u"</ul>"_s);
                  } else {
                      m_ui->previewLabel->setText(p.blockedText());
                  }
                  validate();
                  if (!amountMinor)
                      resize(width(), sizeHint().height());
                  Q_EMIT previewChanged();
              })
        .onFailed(this, [this](const Db::Error& e) {
            showError(e.message());
            Q_EMIT previewChanged();
        });
}

void RefundDialog::validate()
{
    if (m_submitting)
        return;
    if (!m_baseline) {
        m_refund->setEnabled(false);
        return;
    }
    const auto in = Services::validateRefundInput(m_ui->amountEdit->text(), m_ui->noteEdit->toPlainText(), *m_baseline);
    m_refund->setEnabled(in.error.isEmpty());
    showError(in.error);
    if (in.amount && m_baseline->supportLimit.isValid()) {
        m_refund->setText(m_preview && m_preview->needsApproval && m_preview->amount == *in.amount
                              ? tr("&Request approval…")
                              : tr("&Refund…"));
    }
}

void RefundDialog::showError(const QString& text)
{
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

QString RefundDialog::errorText() const
{
    return m_ui->errorLabel->isVisible() ? m_ui->errorLabel->text() : QString();
}

QString RefundDialog::previewText() const
{
    return m_ui->previewLabel->text();
}

void RefundDialog::confirm()
{
    if (m_submitting || !m_baseline || !m_service)
        return;
    const auto in = Services::validateRefundInput(m_ui->amountEdit->text(), m_ui->noteEdit->toPlainText(), *m_baseline);
    if (!in.error.isEmpty()) {
        showError(in.error);
        return;
    }
    const Core::Money amount = *in.amount;
    //: the confirmation restates amount, currency and order; %1 amount with currency, %2 order, %3 currency code
    QString question = tr("Refund %1 to the buyer of order %2?\n\nAmount: %1 (in %3)\nReason: %4")
                           .arg(amount.format(), m_baseline->publicId, amount.currency().code(),
                                m_ui->reasonCombo->currentText());
    if (m_preview && m_preview->amount == amount && m_preview->needsApproval)
        question += u"\n\n"_s + tr("This is above your limit: it will wait for approval by a finance or admin user.");
    // disable first: a second click while the question is open cannot start anything
    m_submitting = true;
    m_refund->setEnabled(false);
    const bool go = m_confirmer ? m_confirmer(question)
                                : QMessageBox::question(this, tr("Confirm refund"), question,
                                                        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                                      == QMessageBox::Yes;
    if (!go) {
        m_submitting = false;
        validate();
        return;
    }
    setInputsEnabled(false);
    showError(QString());
    m_ui->previewLabel->setText(tr("Recording the refund of %1…").arg(amount.format()));
    const auto reason = Services::refundReasonFromCode(m_ui->reasonCombo->currentData().toString())
                            .value_or(Services::RefundReason::RequestedByCustomer);
    m_service->request(m_orderId, amount, reason, m_ui->noteEdit->toPlainText().trimmed(), m_key)
        .then(this, [this](const Services::RefundOutcome& o) { onRequested(o); });
}

void RefundDialog::setInputsEnabled(bool enabled)
{
    for (QWidget* w : {static_cast<QWidget*>(m_ui->amountEdit), static_cast<QWidget*>(m_ui->reasonCombo),
                       static_cast<QWidget*>(m_ui->noteEdit), static_cast<QWidget*>(m_ui->fullButton)})
        w->setEnabled(enabled);
}

void RefundDialog::onRequested(const Services::RefundOutcome& o)
{
    using S = Services::RefundOutcome::State;
    m_outcome = o;
    Q_EMIT recorded(o);
    switch (o.state) {
    case S::AwaitingApproval: // nothing goes to Stripe before a finance or admin user approves
        m_ui->previewLabel->setText(o.message);
        Q_EMIT finishedRefund(o);
        accept();
        return;
    case S::Refused: // nothing was written: the person may correct and try again (same key)
        Q_EMIT finishedRefund(o);
        m_submitting = false;
        setInputsEnabled(true);
        loadPreview(std::nullopt);
        showError(o.message);
        return;
    case S::Queued: {
        // Recorded in PostgreSQL; the Bursar agent sends it. Closing now loses nothing.
        m_waiting = true;
        m_ui->previewLabel->setText(u"<b>%1</b><br>%2"_s.arg(
            tr("Recorded, waiting for the agent…").toHtmlEscaped(),
            tr("The Bursar agent sends the refund of %1 to Stripe. You may close this window: the refund stays "
               "recorded and is sent either way.")
                .arg(o.amount.format())
                .toHtmlEscaped()));
        m_ui->waitBar->show();
        m_refund->hide();
        m_ui->buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
        if (!m_service) // the console switched databases meanwhile; the refund stays recorded
            return;
        m_service->settle(o, m_settleTimeout).then(this, [this](const Services::RefundOutcome& f) {
            m_waiting = false;
            m_outcome = f;
            m_ui->waitBar->hide();
            Q_EMIT finishedRefund(f);
            showFinal(f);
        });
        return;
    }
    case S::Succeeded: // the same key again: the first request has already finished
    case S::Pending:
    case S::Failed:
    case S::Unknown:
        Q_EMIT finishedRefund(o);
        showFinal(o);
        return;
    }
}

void RefundDialog::showFinal(const Services::RefundOutcome& o)
{
    using S = Services::RefundOutcome::State;
    m_refund->hide();
    m_ui->buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    switch (o.state) {
    case S::Succeeded:
    case S::Pending:
        m_ui->previewLabel->setText(u"<span style=\"color:#2e7d32\">✓</span>&nbsp;"_s + o.message.toHtmlEscaped());
        return;
    case S::Queued: // the settle timeout: why it still waits (is an agent running?)
        m_ui->previewLabel->setText(u"<p>%1</p>"_s.arg(o.message.toHtmlEscaped()));
        return;
    case S::Failed:
    case S::Unknown:
    case S::Refused:
    case S::AwaitingApproval:
        m_ui->previewLabel->setText(u"<p>%1</p>"_s.arg(o.message.toHtmlEscaped()));
        showError(o.message + (o.stripeRequestId.isEmpty() ? QString()
                                                           : u"\n"_s + tr("Stripe request: %1").arg(o.stripeRequestId)));
        return;
    }
}

} // namespace Bursar::Ui
