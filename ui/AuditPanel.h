#pragma once

#include "TablePanel.h"

#include "db/AuditRepository.h"

#include <QDialog>
#include <QPointer>

#include <atomic>
#include <memory>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace Bursar::Db {
class Database;
}
namespace Bursar::Models {
class AuditModel;
}

namespace Bursar::Ui {

class ConsoleContext;
class DateRangeFilter;
class ChoiceFilter;
class TextFilter;

// "As of…": one order or wallet at a chosen moment (Db::AuditRepository::orderAsOf / walletAsOf: an order's
// status and money from its audit rows' before values, a wallet's balances from its ledger), shown as text.
class AuditAsOfDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditAsOfDialog)

public:
    enum class Kind { Order, Wallet };
    AuditAsOfDialog(Db::Database* db, QWidget* parent = nullptr);

    void setTarget(Kind kind, const QString& id, const QDateTime& at);
    void showAndAsk(); // shows itself and asks the worker; the answer fills the text
    QString resultText() const;

Q_SIGNALS:
    void answered(bool found);

private:
    void ask();
    QString orderText(const Db::OrderAsOf& o) const;
    QString walletText(const Db::WalletAsOf& w) const;

    QPointer<Db::Database> m_db;
    QComboBox* m_kind;
    QLineEdit* m_id;
    QDateTimeEdit* m_at;
    QPushButton* m_go;
    QTextBrowser* m_result;
    quint64 m_asked = 0;
};

// Every staff and agent action (the audit log), for finance and admin: paged by keyset and filtered by actor,
// action (exact, or a prefix "refund."), entity, order, seller and time; the selected row's before and after
// side by side with the changed keys marked; a badge with the hash chain's state for the rows on screen
// (checked on a worker, a moment after the view stops moving); CSV export of the whole filtered list; and
// "As of…" for one order or wallet at a moment. A TablePanel; reads come from Db::AuditRepository.
class AuditPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPanel)

public:
    explicit AuditPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~AuditPanel() override;

    Models::AuditModel* model() const { return m_model; }
    QTableWidget* changesTable() const { return m_changes; }
    QLabel* chainBadge() const { return m_badge; }
    QString chainState() const; // "checking", "verified", "broken", "failed" or empty
    const Db::AuditChainState& lastChain() const { return m_chain; }
    qint64 shownId() const { return m_shownId; }
    AuditAsOfDialog* openAsOf(); // the dialog, for the selected row's order (or the typed one)

public Q_SLOTS:
    void applyFilter();
    void showRow(int row);
    void scheduleChainCheck();

Q_SIGNALS:
    void chainChecked(bool ok);

protected:
    void retranslate() override;

private:
    void useDatabase(Db::Database* database);
    void checkChain();
    void setBadge(const QString& state, const QString& text);

    QPointer<Db::Database> m_db;
    Models::AuditModel* m_model;
    TextFilter* m_actor;
    TextFilter* m_action;
    ChoiceFilter* m_entity;
    TextFilter* m_order;
    TextFilter* m_seller;
    DateRangeFilter* m_time;
    QLabel* m_badge;
    QToolButton* m_asOf;
    QLabel* m_title;
    QTableWidget* m_changes;
    QLabel* m_note;
    QTimer* m_chainTimer;
    Db::AuditChainState m_chain;
    QList<qint64> m_checkedIds;
    qint64 m_shownId = 0;
    quint64 m_chainGeneration = 0;
    std::shared_ptr<std::atomic<quint64>> m_currentChain = std::make_shared<std::atomic<quint64>>(0);
    QPointer<AuditAsOfDialog> m_asOfDialog;
};

} // namespace Bursar::Ui
