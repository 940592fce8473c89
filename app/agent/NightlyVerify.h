#pragma once

#include <QObject>
#include <QString>
#include <QDateTime>
#include <QTime>

#include <chrono>

class QTimer;

namespace Bursar::Db {
class Database;
}

namespace Bursar::Agent {

// The agent's nightly proof of the books: at `at` (local time) every day, or every `interval` when it is
// set (tests: BURSAR_VERIFY_INTERVAL_MS), asks bursar_verify_nightly (migration 0012), which sweeps the
// ledger's chain breaks and records one verify_runs row, unless a nightly run finished in the last 23 hours.
// The database decides under an advisory lock, so of several agents only one runs it per night.
//
//   auto* nightly = new NightlyVerify(db, agentId, QTime(3, 0), {}, this);
//   connect(nightly, &NightlyVerify::verified, ...);   // (run id, passed) when this agent ran it
//   nightly->start();
class NightlyVerify final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NightlyVerify)

public:
    NightlyVerify(Db::Database* db, QString agentId, QTime at, std::chrono::milliseconds interval,
                  QObject* parent = nullptr);
    ~NightlyVerify() override;

    void start();
    void stop();
    void runNow();
    int runs() const { return m_runs; }       // recorded by this agent
    int skipped() const { return m_skipped; } // another run finished within 23 hours
    // Milliseconds from now until the next `at` (tomorrow's when it has passed today).
    static qint64 msUntil(QTime at, const QDateTime& now);

Q_SIGNALS:
    void verified(qint64 runId, bool passed);
    void problem(const QString& message);

private:
    void schedule();

    Db::Database* m_db;
    QString m_agentId;
    QTime m_at;
    std::chrono::milliseconds m_interval;
    QTimer* m_timer;
    bool m_running = false;
    bool m_inFlight = false;
    int m_runs = 0;
    int m_skipped = 0;
};

} // namespace Bursar::Agent
