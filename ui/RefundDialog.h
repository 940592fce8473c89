#pragma once

#include "services/RefundPolicy.h"
#include "services/RefundService.h"

#include <QDialog>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>

class QProgressBar;
class QPushButton;
class QTimer;

namespace Ui {
class RefundDialog;
}

namespace Bursar::Ui {

// The refund dialog: amount (prefilled with what remains refundable), Stripe's reason, a required internal
// note, and a live preview from the database (what the buyer gets back, the fee Stripe keeps, who pays and
// the wallet after, the platform fee returned, dispute warnings). Confirming restates amount, currency and
// order, then runs RefundService::request with an idempotency key made once per dialog: a double click or a
// second confirmation can never create a second refund.
//
// The request is recorded in PostgreSQL at once (Queued); the Bursar agent sends it to Stripe. The dialog
// then says "Recorded, waiting for the agent…" and shows the agent's result when it arrives (settle), or,
// after the settle timeout, why it still waits (no agent running). It never blocks, and closing it while it
// waits loses nothing: the refund stays recorded and the agent sends it.
//
//   auto* dialog = new RefundDialog(refundService, orderId, this);
//   connect(dialog, &RefundDialog::finishedRefund, this, [](const Services::RefundOutcome& o) { ... });
//   dialog->open();
class RefundDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDialog)

public:
    RefundDialog(Services::RefundService* service, qint64 orderId, QWidget* parent = nullptr);
    ~RefundDialog() override;

    // Tests and scripts: replaces the modal confirmation (returns whether to go ahead).
    void setConfirmer(std::function<bool(const QString& question)> confirmer) { m_confirmer = std::move(confirmer); }

    QString idempotencyKey() const { return m_key; }
    bool previewLoaded() const { return m_preview.has_value(); }
    const std::optional<Services::RefundPreview>& preview() const { return m_preview; }
    // The request's answer, then (for a Queued request) the agent's final one once it has come.
    std::optional<Services::RefundOutcome> outcome() const { return m_outcome; }
    bool isWaitingForAgent() const { return m_waiting; }
    void setSettleTimeout(std::chrono::milliseconds timeout) { m_settleTimeout = timeout; } // default 30 s
    QPushButton* refundButton() const { return m_refund; }
    QString errorText() const;
    QString previewText() const;

public Q_SLOTS:
    void confirm();

Q_SIGNALS:
    void previewChanged();
    // The request's answer as soon as PostgreSQL has recorded it (Queued, AwaitingApproval, Refused, ...).
    void recorded(const Bursar::Services::RefundOutcome& outcome);
    // The final answer: the agent's result for a Queued request (or Queued again after the settle timeout),
    // otherwise the same outcome as recorded().
    void finishedRefund(const Bursar::Services::RefundOutcome& outcome);

private:
    void loadPreview(std::optional<qint64> amountMinor);
    void validate();
    void showError(const QString& text);
    void onRequested(const Services::RefundOutcome& outcome);
    void showFinal(const Services::RefundOutcome& outcome);
    void setInputsEnabled(bool enabled);

    std::unique_ptr<::Ui::RefundDialog> m_ui;
    QPointer<Services::RefundService> m_service;
    qint64 m_orderId;
    QString m_key; // once per dialog
    QPushButton* m_refund;
    QTimer* m_previewTimer;
    std::optional<Services::RefundPreview> m_preview;  // for the typed amount
    std::optional<Services::RefundPreview> m_baseline; // for the whole remainder (limits, refundable)
    std::optional<Services::RefundOutcome> m_outcome;
    std::function<bool(const QString&)> m_confirmer;
    quint64 m_previewGeneration = 0;
    bool m_submitting = false;
    bool m_waiting = false; // recorded; waiting for the agent's answer
    std::chrono::milliseconds m_settleTimeout{30000};
};

} // namespace Bursar::Ui
