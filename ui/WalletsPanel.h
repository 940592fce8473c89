#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Bursar::Db {
struct Change;
class Database;
}
namespace Bursar::Models {
class WalletsModel;
class WalletLedgerModel;
}

namespace Bursar::Ui {

class ConsoleContext;
class MessageBanner;

// Finance's read-only view of every seller's wallet: available, pending, frozen by disputes, money owed
// (a negative available balance), per currency, filtered by currency, KYC state, owed, frozen, broken
// and a seller's name or id; below, the selected wallet's ledger, every movement with its cause, and the
// wallet verified in full on a worker (the sum of its ledger and its chain). A broken wallet is never
// quiet: a red badge on its row, a sentence saying what is wrong above its ledger, a banner while broken
// wallets are in the list. Reads come from Db::WalletsRepository (migration 0008: finance and admin); changes
// come typed from the context's change feed (wallets, wallet_ledger, sellers) and refresh rows in place.
class WalletsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalletsPanel)

public:
    explicit WalletsPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~WalletsPanel() override;

    Models::WalletsModel* model() const { return m_model; }
    Models::WalletLedgerModel* ledgerModel() const { return m_ledger; }
    QTableView* view() const { return m_view; }
    QTableView* ledgerView() const { return m_ledgerView; }
    MessageBanner* banner() const { return m_banner; }
    QString checkText() const; // the verification sentence of the selected wallet
    qint64 walletId() const { return m_walletId; }

public Q_SLOTS:
    void applyFilter();
    void showWallet(qint64 walletId);

Q_SIGNALS:
    // The full verification of the shown wallet arrived (ok: its ledger adds up and its chain holds).
    void verified(qint64 walletId, bool ok);

private:
    void updateBrokenBanner();
    void useDatabase(Db::Database* database);
    void showTitle(); // the shown wallet's seller and balances, from its row (not its check)
    void onChanges(const QList<Db::Change>& changes);
    void verifyShownWallet();

    QPointer<Db::Database> m_db;
    Models::WalletsModel* m_model;
    Models::WalletLedgerModel* m_ledger;
    MessageBanner* m_banner;
    QTableView* m_view;
    QTableView* m_ledgerView;
    QLineEdit* m_search;
    QComboBox* m_currency;
    QComboBox* m_kyc;
    QCheckBox* m_owed;
    QCheckBox* m_frozen;
    QCheckBox* m_broken;
    QLabel* m_title;
    QLabel* m_check;
    QTimer* m_typing;
    qint64 m_walletId = 0;
    quint64 m_verifyGeneration = 0;
    quint64 m_verifyAfterPage = 0; // the verification waiting for the ledger's first page
    std::shared_ptr<std::atomic<quint64>> m_currentVerify = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Bursar::Ui
