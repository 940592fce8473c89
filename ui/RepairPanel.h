#pragma once

#include "TablePanel.h"

#include "db/RepairRepository.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Bursar::Db {
struct Change;
class Database;
}
namespace Bursar::Models {
class RepairModel;
}

namespace Bursar::Ui {

class CheckFilter;
class ChoiceFilter;
class ConsoleContext;
class TextFilter;

// Asks for the required reason of a repair action (and, to hand over, who takes it and a note). OK stays
// disabled until the reason (and the assignee) are written.
class RepairReasonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairReasonDialog)

public:
    RepairReasonDialog(Db::RepairAction action, qint64 operationId, const QString& restatement, QWidget* parent);

    Db::RepairAction action() const { return m_action; }
    QString reason() const;
    QString note() const;
    QString assignee() const;
    QPushButton* okButton() const { return m_ok; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }
    QLineEdit* assigneeEdit() const { return m_assignee; }

private:
    void updateOk();

    Db::RepairAction m_action;
    QPlainTextEdit* m_reason;
    QLineEdit* m_note;
    QLineEdit* m_assignee = nullptr;
    QPushButton* m_ok;
};

// The repair centre (finance and admin): every journal operation that needs attention or is pending past its
// lease, with "what Bursar sent" beside "what Stripe says now" (the last re-check, fetched by the agent), the
// money it holds reserved, and four actions, each asking for a required reason and carried out by the agent
// (Db::RepairRepository::request -> bursar_request_repair): re-check at Stripe, mark done as Stripe shows,
// release the reservation, hand to a person. Buttons follow the role (acts as finance) and the row: no
// action while one is being carried out; mark done once Stripe showed the object, release once it showed
// nothing. Rows refresh in place from the change feed (operations).
class RepairPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairPanel)

public:
    explicit RepairPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~RepairPanel() override;

    Models::RepairModel* model() const { return m_model; }
    QPushButton* button(Db::RepairAction action) const;
    RepairReasonDialog* reasonDialog() const { return m_dialog; }
    QString sentText() const;
    QString stripeText() const;
    QString reservedText() const;
    qint64 operationId() const { return m_shown ? m_shown->id : 0; }

public Q_SLOTS:
    void applyFilter();
    void ask(Db::RepairAction action); // opens the reason dialog for the shown operation

protected:
    void retranslate() override;

private:
    void useDatabase(Db::Database* database);
    void onChanges(const QList<Db::Change>& changes);
    void showRow(const Db::RepairRow* row);
    void updateButtons();
    void send(RepairReasonDialog* dialog);

    QPointer<Db::Database> m_db;
    Models::RepairModel* m_model;
    TextFilter* m_search;
    ChoiceFilter* m_state;
    CheckFilter* m_assigned;
    QLabel* m_title;
    QPlainTextEdit* m_sent;
    QPlainTextEdit* m_stripe;
    QLabel* m_sentLabel;
    QLabel* m_stripeLabel;
    QLabel* m_reserved;
    QLabel* m_assignee;
    QLabel* m_lastRepair;
    QPushButton* m_recheck;
    QPushButton* m_markDone;
    QPushButton* m_release;
    QPushButton* m_assign;
    QPointer<RepairReasonDialog> m_dialog;
    std::optional<Db::RepairRow> m_shown;
};

} // namespace Bursar::Ui
