// The Overview's "Books verified" card offscreen against a real PostgreSQL: "never verified" before any
// run, then the last run as soon as it is recorded (NOTIFY on verify_runs through the change feed; the panel's
// own timer is a minute), passed, then failed naming the failed check.
#include "ConsoleContext.h"
#include "OverviewPanel.h"
#include "TestSupport.h"

#include "db/Database.h"

#include <QFile>
#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestOverviewVerify : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
    std::unique_ptr<Ui::ConsoleContext> m_context;
    std::unique_ptr<Ui::OverviewPanel> m_panel;

    QString sql(const QString& q) { return Test::psql(m_config.database, q); }
    QString value() const { return m_panel->findChild<QLabel*>(u"overviewVerifyValue"_s)->text(); }
    QString detail() const { return m_panel->findChild<QLabel*>(u"overviewVerifyDetail"_s)->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_config = Test::createDatabase(u"overview_verify"_s);
        QFile f(QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/demo_data.sql"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        sql(QString::fromUtf8(f.readAll()));
        sql(u"SELECT count(*) FROM bursar_demo.generate(orders => 400, sellers => 20, seed => 3)"_s);
        m_db = std::make_unique<Db::Database>(m_config);
        Test::await(m_db->open());
        m_context = std::make_unique<Ui::ConsoleContext>(nullptr, nullptr);
        m_panel = std::make_unique<Ui::OverviewPanel>(*m_context);
        m_panel->resize(1200, 800);
        m_panel->show();
        m_context->setDatabase(m_db.get());
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->hasData(), 20000);
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_context.reset();
        m_db.reset();
        Test::dropDatabase(m_config.database);
    }

    void neverVerified()
    {
        QCOMPARE(value(), u"—"_s);
        QVERIFY2(detail().contains(u"Never verified"_s), qPrintable(detail()));
    }

    void showsTheLastRunWhenItIsRecorded()
    {
        sql(u"SELECT count(*) FROM bursar_verify_record()"_s);
        QTRY_COMPARE_WITH_TIMEOUT(value(), u"Passed"_s, 15000);
        QVERIFY2(detail().contains(u"Every check passed"_s) && detail().contains(u"bursar"_s), qPrintable(detail()));

        const QString w = sql(u"SELECT min(id) FROM wallets"_s);
        sql(u"SET session_replication_role = replica; UPDATE wallets SET available = available + 1 WHERE id = "_s + w);
        sql(u"SELECT count(*) FROM bursar_verify_record()"_s);
        QTRY_COMPARE_WITH_TIMEOUT(value(), u"Failed"_s, 15000);
        QVERIFY2(detail().contains(u"Failed: Every wallet equals the sum of its ledger"_s), qPrintable(detail()));
        QVERIFY2(!detail().contains(u"audit"_s, Qt::CaseInsensitive), qPrintable(detail()));
    }
};

QTEST_MAIN(TestOverviewVerify)
#include "TestOverviewVerify.moc"
