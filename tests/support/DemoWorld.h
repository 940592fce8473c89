#pragma once

#include "EmulatorProcess.h"

#include "db/ConnectionConfig.h"
#include "db/ReconcileRepository.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Bursar::Test {

// The demo as `./run demo` starts it, for tests and benches: a fresh database with `bursar-cli demo-data`
// (its staff logins demo_admin, demo_finance, ...), the emulator loaded with the Stripe state written for
// that data (--emulator-state), and the agent as a real process (login demo_agent, in bursar_service).
//
//   Test::DemoWorld demo;
//   QVERIFY2(demo.init(u"demorecon"_s, 3000, 40, &error), qPrintable(error));
//   QVERIFY(demo.startAgent());
//   const auto run = demo.reconcile(QDateTime::currentDateTimeUtc().addDays(-7), 180000);
class DemoWorld
{
public:
    DemoWorld() = default;
    ~DemoWorld();
    DemoWorld(const DemoWorld&) = delete;
    DemoWorld& operator=(const DemoWorld&) = delete;

    bool init(const QString& prefix, int orders, int sellers, QString* error, int seed = 5);
    bool startAgent(QString* error = nullptr);
    void stopAgent();

    Db::ConnectionConfig as(const QString& login) const;
    QString sql(const QString& statement) const;
    qint64 sqlInt(const QString& statement) const { return sql(statement).toLongLong(); }
    EmulatorProcess& emulator() { return m_emu; }
    QString statePath() const { return m_dir.filePath(QStringLiteral("emulator-state.json")); }
    double generateSeconds() const { return m_generateS; }

    // Until the agent has applied every Stripe event it stored and none arrived for 3 s (false on the timeout):
    // what the emulator changed when it loaded its state (pending work resumes) is in the books.
    bool waitForEvents(int timeoutMs);
    // A run requested as demo_finance and waited for (an empty run, status "", after the timeout).
    Db::ReconcileRun reconcile(const QDateTime& since, int timeoutMs);

private:
    QTemporaryDir m_dir;
    Db::ConnectionConfig m_db;
    EmulatorProcess m_emu;
    std::unique_ptr<QProcess> m_agent;
    double m_generateS = 0;
    bool m_ready = false;
};

} // namespace Bursar::Test
