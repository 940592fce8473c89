#pragma once

#include "TablePanel.h"

#include <QList>
#include <QPointer>

#include <atomic>
#include <memory>

class QLabel;
class QTableView;

namespace Bursar::Db {
struct Change;
class Database;
}
namespace Bursar::Models {
class WalletsModel;
class WalletLedgerModel;
}

namespace Bursar::Ui {

class ChoiceFilter;
class CheckFilter;
class ConsoleContext;
class CurrencyFilter;
class TextFilter;

// Finance's read-only view of every seller's wallet: available, pending, frozen by disputes, money owed
// (a negative available balance), per currency, filtered by currency, KYC state, owed, frozen, broken
// and a seller's name or id; below, the selected wallet's ledger, every movement with its cause, and the
// wallet verified in full on a worker (the sum of its ledger and its chain). A broken wallet is never
// quiet: a red badge on its row, a sentence saying what is wrong above its ledger, a banner while broken
// wallets are in the list. A TablePanel (banner, filter bar, paged view, header state, saved filters), its
// detail pane below the list. Reads come from Db::WalletsRepository (migration 0008: finance and admin); changes
// come typed from the context's change feed (wallets, wallet_ledger, sellers) and refresh rows in place.
class WalletsPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalletsPanel)

public:
    explicit WalletsPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~WalletsPanel() override;

    Models::WalletsModel* model() const { return m_model; }
    Models::WalletLedgerModel* ledgerModel() const { return m_ledger; }
    QTableView* ledgerView() const { return m_ledgerView; }
    QString checkText() const; // the verification sentence of the selected wallet
    qint64 walletId() const { return m_walletId; }

public Q_SLOTS:
    void applyFilter();
    void showWallet(qint64 walletId);

Q_SIGNALS:
    // The full verification of the shown wallet arrived (ok: its ledger adds up and its chain holds).
    void verified(qint64 walletId, bool ok);

protected:
    void retranslate() override;

private:
    void updateBrokenBanner();
    void useDatabase(Db::Database* database);
    void showTitle(); // the shown wallet's seller and balances, from its row (not its check)
    void onChanges(const QList<Db::Change>& changes);
    void verifyShownWallet();

    QPointer<Db::Database> m_db;
    Models::WalletsModel* m_model;
    Models::WalletLedgerModel* m_ledger;
    QTableView* m_ledgerView;
    TextFilter* m_search;
    CurrencyFilter* m_currency;
    ChoiceFilter* m_kyc;
    CheckFilter* m_owed;
    CheckFilter* m_frozen;
    CheckFilter* m_broken;
    QLabel* m_title;
    QLabel* m_check;
    qint64 m_walletId = 0;
    quint64 m_verifyGeneration = 0;
    quint64 m_verifyAfterPage = 0; // the verification waiting for the ledger's first page
    std::shared_ptr<std::atomic<quint64>> m_currentVerify = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Bursar::Ui
