#pragma once

#include "EmulatorProcess.h"

#include "db/ConnectionConfig.h"
#include "stripe/StripeConfig.h"

#include "agent/Agent.h"
#include "db/Database.h"
#include "services/RefundService.h"

#include <QMap>
#include <QProcess>
#include <QString>

#include <memory>

namespace Bursar::Test {

// What one console has for refunds: a database as one login and the request service (no Stripe key).
struct RefundConsole
{
    std::unique_ptr<Db::Database> db;
    std::unique_ptr<Services::RefundService> refunds;

    // Awaits a request, then the agent's answer (settle) for a Queued outcome.
    Services::RefundOutcome settled(QFuture<Services::RefundOutcome> request, int timeoutMs = 20000) const;
};

// A Bursar agent inside the test process: its own database as the service login t_agent, the emulator's key.
struct InProcessAgent
{
    std::unique_ptr<Db::Database> db;
    std::unique_ptr<Agent::Agent> agent;
};

// A test order whose charge exists in the emulator.
struct TestOrder
{
    qint64 id = 0;
    QString publicId;
    QString chargeId;
    qint64 gross = 0;
    QString currency;
    bool released = false;
};

// Refund tests' world: a fresh migrated database (with bursar_demo.check() loaded), login roles
// t_support, t_support2, t_finance, t_finance2, t_admin, t_viewer (members of the bursar_* groups, staff
// rows; trust auth on the socket), the agent login t_agent (bursar_service), an emulator, and orders created in both (charges through the
// emulator's API, matching orders/payments/wallet rows through psql).
class RefundFixture
{
public:
    bool init(const QString& prefix, QString* error, const QStringList& emulatorArgs = {});
    ~RefundFixture();

    EmulatorProcess& emulator() { return m_emu; }
    QString database() const { return m_db.database; }
    Db::ConnectionConfig superuser() const { return m_db; }
    // Connection as a test login (t_support, t_finance, ...).
    Db::ConnectionConfig as(const QString& login) const;
    QString dsn(const QString& login) const; // libpq string for BURSAR_DB
    Stripe::StripeConfig stripeConfig() const; // fast retries, short timeouts
    std::unique_ptr<RefundConsole> console(const QString& login) const;
    // An agent in this process, started (LISTEN, timers) unless started = false (then use runOnce()).
    std::unique_ptr<InProcessAgent> agent(bool started = true, Agent::Agent::Options options = fastAgent()) const;
    static Agent::Agent::Options fastAgent(); // short timers for tests
    // `bursar-cli agent` as a child process with the emulator's key; waits until it says it runs.
    std::unique_ptr<QProcess> agentProcess(const QStringList& extraArgs = {}, const QStringList& extraEnv = {}) const;
    QStringList agentEnvironment() const; // BURSAR_DB as t_agent plus the emulator's key and base

    qint64 newSeller(const QString& currency = QStringLiteral("USD"));
    // One order per gross (all of one seller); released = escrow released to the wallet.
    QList<TestOrder> createOrders(qint64 sellerId, const QList<qint64>& grosses, const QString& currency, bool released,
                                 const QString& paymentMethod = QStringLiteral("pm_card_visa"));
    TestOrder createOrder(qint64 gross, const QString& currency = QStringLiteral("USD"), bool released = false,
                          const QString& paymentMethod = QStringLiteral("pm_card_visa"));
    // bursar-cli as a test login (BURSAR_DB), to its end; code -1 when it crashed or hung.
    struct CliRun
    {
        int code = -1;
        QString out, err;
    };
    CliRun cli(const QString& login, const QStringList& args, int timeoutMs = 120000) const;
    // psql as a test login; returns the exit code, stderr in *err.
    int sqlAs(const QString& login, const QString& statement, QString* err = nullptr) const;

    QString sql(const QString& statement) const; // psql as superuser in the test database
    qint64 sqlInt(const QString& statement) const { return sql(statement).toLongLong(); }
    // bursar_demo.check() without the demo-coverage rows: check name -> failures (all 0 when consistent).
    QMap<QString, qint64> checks() const;
    QString failedChecks() const; // "" when every check is 0

private:
    Db::ConnectionConfig m_db;
    EmulatorProcess m_emu;
    bool m_ready = false;
};

} // namespace Bursar::Test
