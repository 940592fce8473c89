#pragma once

#include "db/RefundsRepository.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;

namespace Bursar::Ui {

// The side pane of the Refunds panel: one refund as the list's row holds it (no query of its own): its
// amount and state as badges (the refund's status, its journal row's state while the Bursar agent has it,
// its approval), why Stripe refused it or why it was rejected, who requested and approved it, and a link to
// its order (orderRequested: the panel asks the console context, the Orders panel answers). Words and tones
// of every status come from Core::Status.
class RefundDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDetailPane)

public:
    explicit RefundDetailPane(QWidget* parent = nullptr);
    ~RefundDetailPane() override;

    void showRefund(const Db::RefundRow& row);
    void clear();

    qint64 refundId() const { return m_row ? m_row->id : 0; }
    const std::optional<Db::RefundRow>& row() const { return m_row; }
    QString statusText() const;  // the badges' words, as shown ("Failed · Not required")
    QString nextStepText() const; // what happens next, in words

Q_SIGNALS:
    void orderRequested(qint64 orderId, const QString& publicId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    std::optional<Db::RefundRow> m_row;
    QLabel* m_title;
    QLabel* m_amount;
    QLabel* m_badges;
    QLabel* m_next;
    QFormLayout* m_form;
    QLabel* m_order;
    QLabel* m_reason;
    QLabel* m_requestedBy;
    QLabel* m_approvedBy;
    QLabel* m_created;
    QLabel* m_stripeId;
    QLabel* m_why;
    QLabel* m_note;
    QLabel* m_empty;
};

} // namespace Bursar::Ui
