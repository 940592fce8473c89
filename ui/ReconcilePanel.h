#pragma once

#include "ReasonDialog.h"
#include "TablePanel.h"

#include "db/ReconcileRepository.h"

#include <QPointer>

#include <optional>

class QLabel;
class QPushButton;

namespace Bursar::Db {
struct Change;
class Database;
}
namespace Bursar::Models {
class ReconcileModel;
}

namespace Bursar::Ui {

class CheckFilter;
class ChoiceFilter;
class ConsoleContext;
class TextFilter;

// Reconciliation (finance and admin): every difference between Stripe and the books that a run found, with
// Stripe's value beside the books', its money value and the suggested repair; the last run's figures above
// the list and "Reconcile now…" (a run the agent carries out: Db::ReconcileRepository::request ->
// bursar_request_reconcile); a difference is resolved as fixed or accepted with a required note
// (bursar_resolve_difference, audited). A run resolves by itself what no longer differs. Rows and the run
// refresh from the change feed (reconciliation_differences, reconciliation_runs).
class ReconcilePanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcilePanel)

public:
    enum class Resolve { Fixed, Accepted };

    explicit ReconcilePanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~ReconcilePanel() override;

    Models::ReconcileModel* model() const { return m_model; }
    QPushButton* reconcileButton() const { return m_reconcile; }
    QPushButton* resolveButton(Resolve how) const { return how == Resolve::Fixed ? m_fixed : m_accepted; }
    ReasonDialog* reasonDialog() const { return m_dialog; }
    QString runText() const;
    QString detailText() const;
    qint64 differenceId() const { return m_shown ? m_shown->id : 0; }
    const Db::ReconcileRun& lastRun() const { return m_run; }

public Q_SLOTS:
    void applyFilter();
    void askReconcile();             // the dialog for a run: from which day, and why
    void askResolve(Resolve how);    // the dialog for the shown difference's note

protected:
    void retranslate() override;

private:
    void useDatabase(Db::Database* database);
    void onChanges(const QList<Db::Change>& changes);
    void loadRun();
    void showRun();
    void showRow(const Db::ReconcileRow* row);
    void updateButtons();

    QPointer<Db::Database> m_db;
    Models::ReconcileModel* m_model;
    TextFilter* m_search;
    ChoiceFilter* m_type;
    CheckFilter* m_resolved;
    QLabel* m_runLabel;
    QPushButton* m_reconcile;
    QLabel* m_title;
    QLabel* m_detail;
    QPushButton* m_fixed;
    QPushButton* m_accepted;
    QPointer<ReasonDialog> m_dialog;
    Db::ReconcileRun m_run;
    bool m_runLoading = false;
    bool m_runAgain = false;
    std::optional<Db::ReconcileRow> m_shown;
};

} // namespace Bursar::Ui
