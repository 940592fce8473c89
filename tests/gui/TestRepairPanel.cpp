// The Repair panel offscreen against a real PostgreSQL: an operation that needs attention shows with what
// Bursar sent, what Stripe said at the last re-check and the money it holds reserved; the actions follow
// the role (finance may, a viewer may not, support is not shown the panel) and Stripe's last view; every
// action asks for a reason and cannot be sent without one; a sent request is recorded for the agent.
#include "ConsoleContext.h"
#include "ConsolePanels.h"
#include "MessageBanner.h"
#include "PanelConsole.h"
#include "RefundFixture.h"
#include "RepairModel.h"
#include "RepairPanel.h"
#include "TestSupport.h"

#include "db/Database.h"
#include "db/IdentityRepository.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::RepairAction;

using Console = Test::PanelConsole<Ui::RepairPanel>;

class TestRepairPanel : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    Test::TestOrder order;
    qint64 op = 0;
    std::unique_ptr<Console> finance;
    std::unique_ptr<QAbstractItemModelTester> tester;

    std::unique_ptr<Console> open(const QString& login) { return Console::open(fx.as(login)); }
    void select(Console& c)
    {
        QTRY_VERIFY_WITH_TIMEOUT(c.panel->model()->rowOfId(op) >= 0, 15000);
        c.panel->view()->setCurrentIndex(c.panel->model()->index(c.panel->model()->rowOfId(op), 0));
        QTRY_COMPARE(c.panel->operationId(), op);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"repair_gui"_s, &error), qPrintable(error));
        order = fx.createOrder(1250);
        QCOMPARE(fx.sqlAs(u"t_support"_s, u"SELECT operation_id FROM bursar_request_refund(%1, 500, "
                                          "'requested_by_customer', 'gui', 'repair-gui-1')"_s.arg(order.id)),
                 0);
        op = fx.sqlInt(u"SELECT id FROM operations WHERE idempotency_key = 'repair-gui-1'"_s);
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_operation_attention(%1, 'answer lost')"_s.arg(op)), 0);
        finance = open(u"t_finance"_s);
        tester = std::make_unique<QAbstractItemModelTester>(finance->panel->model());
    }

    void cleanupTestCase()
    {
        tester.reset();
        finance.reset();
    }

    void theRowShowsWithWhatWasSentAndTheReservation()
    {
        select(*finance);
        auto* m = finance->panel->model();
        const int row = m->rowOfId(op);
        QCOMPARE(m->index(row, int(Models::RepairModel::Column::State)).data(Models::RepairModel::StatusRole).toString(),
                 u"needs_attention"_s);
        QCOMPARE(m->index(row, int(Models::RepairModel::Column::Reserved)).data(Models::RepairModel::RawValueRole).toLongLong(),
                 500);
        QCOMPARE(m->index(row, int(Models::RepairModel::Column::Order)).data().toString(), order.publicId);
        QVERIFY(finance->panel->sentText().contains(order.chargeId));
        QVERIFY(finance->panel->sentText().contains(u"repair-gui-1"_s));
        QVERIFY2(finance->panel->reservedText().contains(u"5.00"_s), qPrintable(finance->panel->reservedText()));
        QVERIFY(finance->panel->stripeText().contains(u"Not re-checked"_s));
    }

    void actionsFollowTheRoleAndStripesView()
    {
        select(*finance);
        auto* p = finance->panel.get();
        QTRY_VERIFY(p->button(RepairAction::Recheck)->isEnabled());
        QVERIFY(p->button(RepairAction::Assign)->isEnabled());
        QVERIFY(!p->button(RepairAction::MarkDone)->isEnabled()); // never re-checked
        QVERIFY(!p->button(RepairAction::Release)->isEnabled());
        // what the agent stores after a re-check that found nothing: release becomes possible, mark done not
        fx.sql(u"UPDATE operations SET stripe_view = '{\"found\": \"nothing\", \"summary\": \"no refund for operation\", "
               "\"looked_up_by\": \"metadata\", \"request_id\": \"req_test\"}', stripe_view_at = now() WHERE id = %1"_s.arg(op));
        QTRY_VERIFY_WITH_TIMEOUT(p->stripeText().contains(u"Stripe has nothing"_s), 15000);
        QVERIFY(p->button(RepairAction::Release)->isEnabled());
        QVERIFY(!p->button(RepairAction::MarkDone)->isEnabled());

        // a viewer sees the row, and no action
        auto viewer = open(u"t_viewer"_s);
        select(*viewer);
        for (auto a : {RepairAction::Recheck, RepairAction::MarkDone, RepairAction::Release, RepairAction::Assign})
            QVERIFY(!viewer->panel->button(a)->isEnabled());
        // support is not shown the panel; finance and admin are
        const auto& panels = Ui::consolePanels();
        const auto it = std::find_if(panels.cbegin(), panels.cend(), [](const auto& r) { return r.id == u"repair"_s; });
        QVERIFY(it != panels.cend());
        QVERIFY(it->mayShow);
        QVERIFY(it->mayShow(finance->context->staff()));
        QVERIFY(!it->mayShow(viewer->context->staff()));
        auto support = std::make_unique<Db::Database>(fx.as(u"t_support"_s));
        Test::await(support->open());
        QVERIFY(!it->mayShow(Test::await(Db::IdentityRepository::staff(support.get()))));
    }

    void everyActionAsksForAReason()
    {
        select(*finance);
        auto* p = finance->panel.get();
        // hand over: reason and assignee both required
        p->button(RepairAction::Assign)->click();
        QTRY_VERIFY(p->reasonDialog() && p->reasonDialog()->isVisible());
        auto* d = p->reasonDialog();
        QVERIFY(!d->okButton()->isEnabled());
        QTest::keyClicks(d->reasonEdit(), u"needs the bank"_s);
        QVERIFY(!d->okButton()->isEnabled()); // nobody named yet
        QTest::keyClicks(d->assigneeEdit(), u"t_admin"_s);
        QVERIFY(d->okButton()->isEnabled());
        d->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT assignee FROM operations WHERE id = %1"_s.arg(op)), u"t_admin"_s, 15000);
        QCOMPARE(fx.sql(u"SELECT note FROM audit_log WHERE action = 'repair.assigned' AND entity_id = '%1'"_s.arg(op)),
                 u"needs the bank"_s);

        // re-check: blank reason keeps OK disabled; with one, the request is journalled for the agent
        p->button(RepairAction::Recheck)->click();
        QTRY_VERIFY(p->reasonDialog() && p->reasonDialog()->isVisible());
        d = p->reasonDialog();
        QVERIFY(!d->assigneeEdit());
        QTest::keyClicks(d->reasonEdit(), u"   "_s);
        QVERIFY(!d->okButton()->isEnabled());
        d->okButton()->click(); // refused by the dialog: nothing sent
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE repair_of = %1"_s.arg(op)), 0);
        QTest::keyClicks(d->reasonEdit(), u"what does Stripe have"_s);
        QVERIFY(d->okButton()->isEnabled());
        d->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT request ->> 'action' || ' ' || state FROM operations WHERE repair_of = %1"_s
                                             .arg(op)),
                                  u"recheck pending"_s, 15000);
        QTRY_COMPARE(p->banner()->type(), Ui::MessageBanner::Type::Information);
        // no agent runs here: the repair is being carried out, so no second action may start
        QTRY_VERIFY_WITH_TIMEOUT(!p->button(RepairAction::Recheck)->isEnabled(), 15000);
        QVERIFY(!p->button(RepairAction::Release)->isEnabled());
        QVERIFY(p->findChild<QLabel*>(u"repairLast"_s)->text().contains(u"carrying it out"_s));
    }
};

QTEST_MAIN(TestRepairPanel)
#include "TestRepairPanel.moc"
