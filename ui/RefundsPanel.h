#pragma once

#include "TablePanel.h"

#include <QPointer>

class QPushButton;

namespace Bursar::Db {
class Database;
struct Change;
struct StaffMember;
}
namespace Bursar::Services {
class RefundService;
struct RefundOutcome;
}
namespace Bursar::Models {
class RefundsModel;
}

namespace Bursar::Ui {

class ChoiceFilter;
class CheckFilter;
class ConsoleContext;
class DateRangeFilter;
class RefundDetailPane;
class StatusChoiceFilter;
class TextFilter;

// Every refund, paged and filtered (status, reason, dates, requester, awaiting approval), one line per
// refund with the money and status delegates, and the selected refund's detail on the right. Finance/admin
// approve or reject refunds awaiting approval; a failed refund shows Stripe's reason and can be retried
// as a new operation. The panel only requests: an approval or a retry is recorded in PostgreSQL and the
// Bursar agent sends it to Stripe; the agent's commit NOTIFYs, and the rows concerned refresh (the
// context's change feed). The service, the database and who may approve or request come from the console
// context; the panel answers the context's refundRequested (the Orders panel's "Refund…"). A TablePanel:
// saved filters, header state and a streamed CSV export of the current filter come from there.
class RefundsPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundsPanel)

public:
    explicit RefundsPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~RefundsPanel() override;

    Services::RefundService* service() const;
    Models::RefundsModel* model() const { return m_model; }
    RefundDetailPane* detailPane() const { return m_detail; }

public Q_SLOTS:
    void openRefundDialog(qint64 orderId);
    void askForOrder();
    void applyFilter();
    void approveSelected();
    void rejectSelected();
    void retrySelected();

Q_SIGNALS:
    void message(const QString& text, bool error);

protected:
    void retranslate() override;

private:
    void useDatabase(Db::Database* database);
    void onStaff(const Db::StaffMember& staff);
    void onChanges(const QList<Db::Change>& changes);
    void updateButtons();
    void showCurrent();
    void say(const QString& text, bool error);
    // A request's answer. Queued says it is recorded and, with awaitAgent, then shows the agent's result
    // when it comes within 30 s (the row refreshes through NOTIFY either way).
    void showOutcome(const Services::RefundOutcome& outcome, bool awaitAgent = true);

    Models::RefundsModel* m_model;
    QPointer<Db::Database> m_db;
    RefundDetailPane* m_detail;
    StatusChoiceFilter* m_status;
    ChoiceFilter* m_reason;
    DateRangeFilter* m_dates;
    TextFilter* m_requester;
    CheckFilter* m_awaiting;
    QPushButton* m_newRefund;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QPushButton* m_retry;
    bool m_canApprove = false;
    bool m_canRequest = false; // support and admin request (and retry) refunds
};

} // namespace Bursar::Ui
