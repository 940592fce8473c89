#pragma once

#include <QDateTime>
#include <QPointer>
#include <QWidget>

class QLabel;
class QGridLayout;
class QTimer;

namespace Bursar::Db {
class Database;
struct OverviewFigures;
}

namespace Bursar::Ui {

class ConsoleContext;
class MessageBanner;
using Db::OverviewFigures;

// The first panel: a few live figures (orders, escrow held, open disputes, payouts in flight,
// operations needing attention, sellers, the last verification of the books), fetched on a Database
// worker and refreshed every minute, when the connection comes back, on refresh(), on the context's
// refreshRequested (F5) and when a verification run is recorded (NOTIFY on verify_runs).
// Tolerates a database without the schema (says so) and roles that may not read a table (that
// figure shows a dash). Failures go to the Activity dock through the context.
class OverviewPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPanel)

public:
    explicit OverviewPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~OverviewPanel() override;

    void refresh();
    bool hasData() const { return m_loaded; }

Q_SIGNALS:
    // After every answer, successful or not; failed carries the words for the user.
    void refreshed(bool ok, const QString& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Card
    {
        QLabel* title;
        QLabel* value;
        QLabel* detail;
    };
    Card addCard(int row, int column);
    void apply(const OverviewFigures& figures);
    void render(const OverviewFigures& figures);
    void showFailure(const QString& error);
    void retranslate();
    void useDatabase(Db::Database* database);
    void renderVerify(const OverviewFigures& figures);

    ConsoleContext& m_context;
    QPointer<Db::Database> m_db;
    MessageBanner* m_banner;
    QLabel* m_heading;
    QLabel* m_updated;
    QGridLayout* m_grid;
    Card m_orders;
    Card m_escrow;
    Card m_disputes;
    Card m_payouts;
    Card m_operations;
    Card m_sellers;
    Card m_verify; // the last proof of the books (verify_runs)
    QTimer* m_timer;
    QDateTime m_lastUpdate;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_again = false; // a change arrived while a refresh was in flight
    bool m_loaded = false;
    std::unique_ptr<OverviewFigures> m_figures;
};

} // namespace Bursar::Ui
