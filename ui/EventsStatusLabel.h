#pragma once

#include <QLabel>
#include <QPointer>

class QTimer;

namespace Bursar::Db {
struct Change;
class Database;
}

namespace Bursar::Ui {

class ConsoleContext;

// The status bar's counter of failed Stripe events: hidden while none failed, "⚠ 3 events failed" in red
// otherwise; a click opens the Events panel filtered to failed events (ConsoleContext::requestEvents).
// The count is read on a database worker when the change feed reports stripe_events changes (at most once a
// second) and every 30 s (a light capped count on the status index), never on the GUI thread.
class EventsStatusLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsStatusLabel)

public:
    explicit EventsStatusLabel(ConsoleContext& context, QWidget* parent = nullptr);
    ~EventsStatusLabel() override;

    qint64 failed() const { return m_failed; }
    void refresh(); // reads the count now

Q_SIGNALS:
    void counted(qint64 failed);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void useDatabase(Db::Database* database);
    void onChanges(const QList<Db::Change>& changes);
    void display(qint64 failed);

    ConsoleContext& m_context;
    QPointer<Db::Database> m_db;
    QTimer* m_poll;
    QTimer* m_soon;
    qint64 m_failed = 0;
    bool m_reading = false;
    bool m_again = false;
};

} // namespace Bursar::Ui
