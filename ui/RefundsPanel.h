#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Bursar::Core {
class Settings;
}
namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
}
namespace Bursar::Services {
class OperationJournal;
class RefundService;
struct RecoveryReport;
}
namespace Bursar::Models {
class RefundsModel;
}

namespace Bursar::Ui {

class StripeKeyStore;

// Every refund, paged and filtered (status, reason, dates, requester, awaiting approval). Finance/admin
// approve or reject refunds awaiting approval; a failed refund shows Stripe's reason and can be retried
// as a new operation. The panel owns the console's refund machinery: it recovers pending journal
// operations when the database connects (console start) and every minute, and keeps pending refunds
// current from Stripe on open and on the same timer.
class RefundsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundsPanel)

public:
    RefundsPanel(Core::Settings* settings, StripeKeyStore* keys, QWidget* parent = nullptr);
    ~RefundsPanel() override;

    void setDatabase(Db::Database* database);
    Services::RefundService* service() const { return m_service.get(); }
    Services::OperationJournal* journal() const { return m_journal.get(); }
    Models::RefundsModel* model() const { return m_model; }

public Q_SLOTS:
    void openRefundDialog(qint64 orderId);
    void askForOrder();
    void applyFilter();
    void approveSelected();
    void rejectSelected();
    void retrySelected();
    void refreshFromStripe();

Q_SIGNALS:
    void message(const QString& text, bool error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuildServices();
    void updateButtons();
    void showMessage(const QString& text, bool error);
    void onRecovered(const Services::RecoveryReport& report);

    Core::Settings* m_settings;
    StripeKeyStore* m_keys;
    QPointer<Db::Database> m_db;
    std::unique_ptr<Stripe::StripeClient> m_stripe;
    std::unique_ptr<Services::OperationJournal> m_journal;
    std::unique_ptr<Services::RefundService> m_service;
    Models::RefundsModel* m_model;
    QTableView* m_view;
    QComboBox* m_status;
    QComboBox* m_reason;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QCheckBox* m_useDates;
    QLineEdit* m_requester;
    QCheckBox* m_awaiting;
    QPushButton* m_newRefund;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QPushButton* m_retry;
    QLabel* m_banner;
    QTimer* m_timer;
    bool m_canApprove = false;
    bool m_canRequest = false; // support and admin request (and retry) refunds
};

} // namespace Bursar::Ui
