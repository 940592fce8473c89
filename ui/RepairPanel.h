#pragma once

#include "ReasonDialog.h"
#include "TablePanel.h"

#include "db/RepairRepository.h"

#include <QPointer>

#include <optional>

class QLabel;
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
    ReasonDialog* reasonDialog() const { return m_dialog; }
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
    void send(Db::RepairAction action, ReasonDialog* dialog);

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
    QPointer<ReasonDialog> m_dialog;
    std::optional<Db::RepairRow> m_shown;
};

} // namespace Bursar::Ui
