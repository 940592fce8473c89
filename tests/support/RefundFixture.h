#pragma once

#include "EmulatorProcess.h"

#include "db/ConnectionConfig.h"
#include "stripe/StripeConfig.h"

#include "db/Database.h"
#include "services/OperationJournal.h"
#include "services/RefundService.h"
#include "stripe/StripeClient.h"

#include <QMap>
#include <QString>

#include <memory>

namespace Bursar::Test {

// What one console has for refunds: a database as one login, a Stripe client, the journal, the service.
struct RefundConsole
{
    std::unique_ptr<Db::Database> db;
    std::unique_ptr<Stripe::StripeClient> stripe;
    std::unique_ptr<Services::OperationJournal> journal;
    std::unique_ptr<Services::RefundService> refunds;
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
// rows; trust auth on the socket), an emulator, and orders created in both (charges through the
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

    qint64 newSeller(const QString& currency = QStringLiteral("USD"));
    // One order per gross (all of one seller); released = escrow released to the wallet.
    QList<TestOrder> createOrders(qint64 sellerId, const QList<qint64>& grosses, const QString& currency, bool released,
                                 const QString& paymentMethod = QStringLiteral("pm_card_visa"));
    TestOrder createOrder(qint64 gross, const QString& currency = QStringLiteral("USD"), bool released = false,
                          const QString& paymentMethod = QStringLiteral("pm_card_visa"));
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
