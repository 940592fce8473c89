// The demo reconciles to zero (issue 12 item 3): `bursar-cli demo-data --emulator-state` writes the Stripe
// state for the data it generated; the emulator loaded with it and a real agent process reconcile the
// demo's default window (the last 7 days, as `bursar-cli reconcile` and the panel ask) and find no
// difference, having compared every charge, refund, dispute, transfer and payout of that window and the
// fees of its charges. What a run finds when the books and Stripe do differ is TestReconcile's.
#include "DemoWorld.h"
#include "TestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestDemoReconcile : public QObject
{
    Q_OBJECT

private:
    Test::DemoWorld demo;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(demo.init(u"demorecon"_s, 6000, 40, &error), qPrintable(error));
        QVERIFY2(demo.startAgent(&error), qPrintable(error));
        QVERIFY(demo.waitForEvents(120000)); // what the emulator changed when it loaded its state is applied
    }

    void theDemoReconcilesToZeroDifferences()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-7);
        const auto run = demo.reconcile(since, 300000);
        QCOMPARE(run.status, u"finished"_s);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        // what the window holds in the books, and that the run compared it
        const qint64 charges = demo.sqlInt(u"SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                           "WHERE p.charge_id IS NOT NULL AND o.created_at >= now() - interval '7 days'"_s);
        QVERIFY2(charges > 20, qPrintable(QString::number(charges)));
        QVERIFY(run.stripeObjects >= charges);
        QVERIFY(run.compared >= charges);
        QVERIFY(demo.sqlInt(u"SELECT count(*) FROM refunds WHERE stripe_refund_id IS NOT NULL AND created_at >= now() - interval '7 days'"_s) > 0);
        QVERIFY(demo.sqlInt(u"SELECT count(*) FROM payouts WHERE stripe_payout_id IS NOT NULL AND created_at >= now() - interval '7 days'"_s) > 0);
        const QString differences = demo.sql(u"SELECT string_agg(kind || ' ' || object_id || ' ' || value || ' (Stripe ' || "
                                             "coalesce(stripe_value::text, '-') || '/' || coalesce(stripe_status, '-') || ', books ' || "
                                             "coalesce(books_value::text, '-') || '/' || coalesce(books_status, '-') || ')', E'\\n') "
                                             "FROM reconciliation_differences WHERE resolved_at IS NULL"_s);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        QCOMPARE(run.openDifferences, 0);
        QCOMPARE(run.inFlight, 0);
    }

    // The demo's Stripe state covers a month: the longest window a demo is asked is as clean.
    void aMonthReconcilesToZeroToo()
    {
        const auto run = demo.reconcile(QDateTime::currentDateTimeUtc().addDays(-30), 300000);
        QCOMPARE(run.status, u"finished"_s);
        const QString differences = demo.sql(u"SELECT string_agg(kind || ' ' || object_id || ' ' || value, E'\\n') "
                                             "FROM reconciliation_differences WHERE resolved_at IS NULL"_s);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        QCOMPARE(run.openDifferences, 0);
        QVERIFY(run.compared > demo.sqlInt(u"SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                           "WHERE p.charge_id IS NOT NULL AND o.created_at >= now() - interval '7 days'"_s));
    }
};

QTEST_GUILESS_MAIN(TestDemoReconcile)
#include "TestDemoReconcile.moc"
