// The Reconciliation panel offscreen against a real PostgreSQL: the differences a run kept show with
// Stripe's value beside the books', the money value and the suggested repair, and the run's figures above
// them; a filter narrows the list; resolving asks for a note and cannot be sent without one, and the
// resolution is recorded and audited; "Reconcile now" requests a run for the agent (none runs here, so it
// stays requested and no second run may start); a viewer may read but not act, support is not shown the
// panel. What a run finds is TestReconcile's (with the agent and the emulator); here the rows are planted.
#include "ConsoleContext.h"
#include "ConsolePanels.h"
#include "MessageBanner.h"
#include "PanelConsole.h"
#include "ReasonDialog.h"
#include "RefundFixture.h"
#include "ReconcileModel.h"
#include "ReconcilePanel.h"
#include "TestSupport.h"

#include "db/Database.h"
#include "db/IdentityRepository.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Column = Models::ReconcileModel::Column;
using Resolve = Ui::ReconcilePanel::Resolve;

using Console = Test::PanelConsole<Ui::ReconcilePanel>;

class TestReconcilePanel : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    Test::TestOrder order;
    qint64 run = 0, chargeDiff = 0, feeDiff = 0;
    std::unique_ptr<Console> finance;
    std::unique_ptr<QAbstractItemModelTester> tester;

    std::unique_ptr<Console> open(const QString& login) { return Console::open(fx.as(login)); }
    void select(Console& c, qint64 id)
    {
        QTRY_VERIFY_WITH_TIMEOUT(c.panel->model()->rowOfId(id) >= 0, 15000);
        c.panel->view()->setCurrentIndex(c.panel->model()->index(c.panel->model()->rowOfId(id), 0));
        QTRY_COMPARE(c.panel->differenceId(), id);
    }
    QVariant cell(Console& c, qint64 id, Column column, int role = Qt::DisplayRole)
    {
        auto* m = c.panel->model();
        return m->index(m->rowOfId(id), int(column)).data(role);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"reconcile_gui"_s, &error), qPrintable(error));
        order = fx.createOrder(7300);
        // what a finished run leaves (the run's own figures are the agent's, 0015): planted as the owner
        run = fx.sqlInt(u"INSERT INTO reconciliation_runs (since, requested_by, status, listed_from, finished_at, "
                        "stripe_objects, compared, open_differences, new_differences, difference_value) VALUES "
                        "(now() - interval '7 days', 't_finance', 'finished', now(), now(), 120, 118, 2, 2, "
                        "'{\"USD\": 100, \"JPY\": 7}') RETURNING id"_s);
        chargeDiff = fx.sqlInt(u"INSERT INTO reconciliation_differences (kind, object_type, object_id, order_id, currency, "
                               "stripe_value, books_value, stripe_status, books_status, value, repair, detail, "
                               "first_seen_run, last_seen_run) VALUES ('charge_amount', 'charge', '%1', %2, 'USD', 7200, "
                               "7300, 'succeeded', 'captured', -100, 'investigate', 'Stripe charged less than the order', "
                               "%3, %3) RETURNING id"_s.arg(order.chargeId).arg(order.id).arg(run));
        feeDiff = fx.sqlInt(u"INSERT INTO reconciliation_differences (kind, object_type, object_id, currency, stripe_value, "
                            "books_value, value, repair, first_seen_run, last_seen_run) VALUES ('fees', 'fees', 'JPY', "
                            "'JPY', 18, 25, -7, 'fee_settings', %1, %1) RETURNING id"_s.arg(run));
        finance = open(u"t_finance"_s);
        tester = std::make_unique<QAbstractItemModelTester>(finance->panel->model());
    }

    void cleanupTestCase()
    {
        tester.reset();
        finance.reset();
    }

    void theDifferencesShowWithBothSidesAndTheirValue()
    {
        select(*finance, chargeDiff);
        auto* p = finance->panel.get();
        QCOMPARE(p->model()->rowCount(), 2);
        QCOMPARE(cell(*finance, chargeDiff, Column::Kind).toString(), u"The charge's amount differs"_s);
        QCOMPARE(cell(*finance, chargeDiff, Column::Order).toString(), order.publicId);
        QCOMPARE(cell(*finance, chargeDiff, Column::Difference, Models::ReconcileModel::RawValueRole).toLongLong(), -100);
        QVERIFY2(cell(*finance, chargeDiff, Column::Stripe).toString().contains(u"72.00"_s),
                 qPrintable(cell(*finance, chargeDiff, Column::Stripe).toString()));
        QVERIFY(cell(*finance, chargeDiff, Column::Books).toString().contains(u"73.00"_s));
        QCOMPARE(cell(*finance, chargeDiff, Column::State).toString(), u"Open"_s);
        QCOMPARE(cell(*finance, feeDiff, Column::Difference, Models::ReconcileModel::RawValueRole).toLongLong(), -7);
        // zero-decimal JPY: 7 yen, not 0.07
        QVERIFY2(cell(*finance, feeDiff, Column::Difference).toString().contains(u"-7"_s)
                     && !cell(*finance, feeDiff, Column::Difference).toString().contains(u"0.07"_s),
                 qPrintable(cell(*finance, feeDiff, Column::Difference).toString()));

        const QString detail = p->detailText();
        QVERIFY2(detail.contains(order.chargeId) && detail.contains(u"Stripe charged less"_s)
                     && detail.contains(u"Investigate at Stripe"_s),
                 qPrintable(detail));
        QVERIFY2(p->runText().contains(u"Run %1"_s.arg(run)) && p->runText().contains(u"Open differences: 2 (7"_s) && p->runText().contains(u"1.00"_s)
                     && p->runText().contains(u"118"_s),
                 qPrintable(p->runText()));
    }

    void aFilterNarrowsTheList()
    {
        auto* p = finance->panel.get();
        auto* type = p->findChild<QComboBox*>(u"reconcileType"_s);
        QVERIFY(type);
        type->setCurrentIndex(type->findData(u"fees"_s));
        p->applyFilter();
        QTRY_COMPARE_WITH_TIMEOUT(p->model()->rowCount(), 1, 15000);
        QVERIFY(p->model()->rowOfId(feeDiff) >= 0);
        type->setCurrentIndex(0);
        p->applyFilter();
        QTRY_COMPARE_WITH_TIMEOUT(p->model()->rowCount(), 2, 15000);
    }

    void resolvingAsksForANoteAndIsAudited()
    {
        select(*finance, feeDiff);
        auto* p = finance->panel.get();
        QTRY_VERIFY(p->resolveButton(Resolve::Accepted)->isEnabled());
        p->resolveButton(Resolve::Accepted)->click();
        QTRY_VERIFY(p->reasonDialog() && p->reasonDialog()->isVisible());
        auto* d = p->reasonDialog();
        QVERIFY(!d->okButton()->isEnabled());
        QTest::keyClicks(d->reasonEdit(), u"  "_s);
        QVERIFY(!d->okButton()->isEnabled());
        d->okButton()->click(); // refused by the dialog: nothing sent
        QCOMPARE(fx.sql(u"SELECT resolved_at IS NULL FROM reconciliation_differences WHERE id = %1"_s.arg(feeDiff)), u"t"_s);
        QTest::keyClicks(d->reasonEdit(), u"JPY pricing changed on purpose"_s);
        QVERIFY(d->okButton()->isEnabled());
        d->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT resolution || ' ' || resolved_by FROM reconciliation_differences WHERE id = %1"_s
                                             .arg(feeDiff)),
                                  u"accepted t_finance"_s, 15000);
        QCOMPARE(fx.sql(u"SELECT actor || ' ' || coalesce(note, '') FROM audit_log WHERE action = 'reconcile.difference_accepted' "
                        "AND entity_id = '%1'"_s.arg(feeDiff)),
                 u"t_finance JPY pricing changed on purpose"_s);
        QTRY_COMPARE(p->banner()->type(), Ui::MessageBanner::Type::Information);
        // the row shows how it was resolved (it stays on screen until the list reloads) and takes no second resolution
        QTRY_VERIFY_WITH_TIMEOUT(cell(*finance, feeDiff, Column::State).toString().startsWith(u"Accepted by t_finance"_s), 15000);
        QTRY_VERIFY(!p->resolveButton(Resolve::Fixed)->isEnabled());
        QVERIFY(!p->resolveButton(Resolve::Accepted)->isEnabled());
        QVERIFY2(p->detailText().contains(u"JPY pricing changed on purpose"_s), qPrintable(p->detailText()));
        // the open list no longer has it; "Include resolved" brings it back
        auto* resolved = p->findChild<QCheckBox*>(u"reconcileResolved"_s);
        resolved->setChecked(true);
        p->applyFilter();
        QTRY_VERIFY_WITH_TIMEOUT(p->model()->rowCount() == 2 && p->model()->rowOfId(feeDiff) >= 0, 15000);
        resolved->setChecked(false);
        p->applyFilter();
        QTRY_VERIFY_WITH_TIMEOUT(p->model()->rowCount() == 1 && p->model()->rowOfId(feeDiff) < 0, 15000);
    }

    void reconcileNowRequestsARunForTheAgent()
    {
        auto* p = finance->panel.get();
        QTRY_VERIFY(p->reconcileButton()->isEnabled());
        p->reconcileButton()->click();
        QTRY_VERIFY(p->reasonDialog() && p->reasonDialog()->isVisible());
        auto* d = p->reasonDialog();
        auto* since = d->findChild<QDateEdit*>(u"reconcileSince"_s);
        QVERIFY(since);
        QCOMPARE(since->date(), QDate::currentDate().addDays(-7));
        since->setDate(QDate::currentDate().addDays(-3));
        QVERIFY(d->okButton()->isEnabled()); // the reason is optional for a run: it changes nothing
        QTest::keyClicks(d->reasonEdit(), u"month end"_s);
        d->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT status || ' ' || requested_by || ' ' || reason || ' ' || "
                                         "(since = date_trunc('day', now() - interval '3 days'))::text FROM "
                                         "reconciliation_runs WHERE id > %1"_s.arg(run)),
                                  u"requested t_finance month end true"_s, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(p->runText().contains(u"being carried out"_s), 15000);
        QTRY_VERIFY(!p->reconcileButton()->isEnabled()); // no agent here: the run stays requested
    }

    void aViewerReadsButDoesNotAct()
    {
        auto viewer = open(u"t_viewer"_s);
        select(*viewer, chargeDiff);
        QVERIFY(!viewer->panel->reconcileButton()->isEnabled());
        QVERIFY(!viewer->panel->resolveButton(Resolve::Fixed)->isEnabled());
        QVERIFY(!viewer->panel->resolveButton(Resolve::Accepted)->isEnabled());
        const auto& panels = Ui::consolePanels();
        const auto it = std::find_if(panels.cbegin(), panels.cend(), [](const auto& r) { return r.id == u"reconcile"_s; });
        QVERIFY(it != panels.cend() && it->mayShow);
        QVERIFY(it->mayShow(finance->context->staff()));
        QVERIFY(!it->mayShow(viewer->context->staff()));
        auto support = std::make_unique<Db::Database>(fx.as(u"t_support"_s));
        Test::await(support->open());
        QVERIFY(!it->mayShow(Test::await(Db::IdentityRepository::staff(support.get()))));
    }
};

QTEST_MAIN(TestReconcilePanel)
#include "TestReconcilePanel.moc"
