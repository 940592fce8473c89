// The Refunds panel offscreen against real PostgreSQL, the emulator and a Bursar agent (in this process,
// RefundFixture::agent()): the panel only requests; a journalled refund waits while no agent runs and is
// sent when one starts, the row following through NOTIFY; the filters (status, reason, requester, awaiting
// approval), approve and reject only for finance/admin (an approval is recorded and the agent sends it), a
// failed refund showing Stripe's reason and retried as a new refund, and live refresh through NOTIFY.
#include "ConsoleContext.h"
#include "MoneyDelegate.h"
#include "RefundDetailPane.h"
#include "RefundFixture.h"
#include "RefundsModel.h"
#include "RefundsPanel.h"
#include "StatusBadgeDelegate.h"
#include "TestSupport.h"

#include "core/Settings.h"
#include "core/Status.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Bursar;
using State = Services::RefundOutcome::State;

namespace {
// How long a test waits for the agent or the database to act. Alone a step takes well under a second;
// under the parallel suite on 2 cores one took more than 20 s, so the bound is generous (it only costs
// time when the step never happens).
constexpr int kAgentWait = 90000;

// Answers the next QInputDialog with text (the panel asks for a reason or a note).
void answerNextInput(const QString& text, int tries = 500)
{
    QTimer::singleShot(10, qApp, [text, tries] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<QInputDialog*>(w); d && d->isVisible()) {
                d->setTextValue(text);
                d->accept();
                return;
            }
        if (tries > 0)
            answerNextInput(text, tries - 1); // not shown yet
    });
}
} // namespace

class TestRefundsPanel : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> support;
    std::unique_ptr<Core::Settings> settings;
    QString lastMessage; // what the last panel said

    Core::Money usd(qint64 minor) { return Core::Money(minor, Core::Currency::of(u"USD")); }

    struct Panel
    {
        std::unique_ptr<Db::Database> db;
        std::unique_ptr<Ui::ConsoleContext> context;
        std::unique_ptr<Ui::RefundsPanel> panel; // destroyed first: before the context it was built with
    };
    Panel open(const QString& login)
    {
        Panel p;
        p.db = std::make_unique<Db::Database>(fx.as(login));
        Test::await(p.db->open());
        p.context = std::make_unique<Ui::ConsoleContext>(settings.get(), nullptr);
        p.panel = std::make_unique<Ui::RefundsPanel>(*p.context);
        p.panel->resize(1200, 700);
        p.panel->show();
        p.context->setDatabase(p.db.get());
        QObject::connect(p.panel.get(), &Ui::RefundsPanel::message, [this](const QString& m, bool error) {
            qInfo("panel says (%s): %s", error ? "error" : "ok", qPrintable(m));
            lastMessage = m;
        });
        return p;
    }
    static bool select(Ui::RefundsPanel& panel, qint64 refundId)
    {
        auto* view = panel.findChild<QTableView*>();
        for (int i = 0; i < panel.model()->rowCount(); ++i)
            if (panel.model()->rowAt(i)->id == refundId) {
                view->selectRow(i);
                return true;
            }
        return false;
    }
    static QPushButton* button(Ui::RefundsPanel& panel, const QString& text)
    {
        for (auto* b : panel.findChildren<QPushButton*>())
            if (b->text().startsWith(text))
                return b;
        return nullptr;
    }
    static bool loaded(Ui::RefundsPanel& panel)
    {
        return QTest::qWaitFor([&] { return !panel.model()->isLoading(); }, kAgentWait);
    }
    static const Db::RefundRow* rowOf(Ui::RefundsPanel& panel, qint64 refundId)
    {
        for (int i = 0; i < panel.model()->rowCount(); ++i)
            if (panel.model()->rowAt(i)->id == refundId)
                return panel.model()->rowAt(i);
        return nullptr;
    }
    // Stops an agent so that its heartbeat row goes (the next test starts with no agent running).
    static void stop(std::unique_ptr<Test::InProcessAgent>& agent)
    {
        Test::await(agent->agent->stop());
        agent.reset();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(fx.init(u"refunds_panel"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
        // the console process has no Stripe key: only the agents of these tests have one (RefundFixture)
        qunsetenv("BURSAR_STRIPE_KEY");
        qunsetenv("BURSAR_STRIPE_API_BASE");
        settings = Core::Settings::temporary();
    }

    // Each test starts with no agent running (see TestRefundDialog::init).
    void init() { fx.sql(u"DELETE FROM agent_heartbeats"_s); }

    void aRecordedRefundWaitsForTheAgentAndTheRowFollows()
    {
        // recorded (another console, bursar-cli): no agent runs, so it stays not submitted, and the panel
        // neither sends it nor needs to
        const auto o = fx.createOrder(2100);
        QCOMPARE(fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_refund(%1, 2100, 'requested_by_customer', 'queued', "
                                         "'panel-queued-1')"_s.arg(o.id)),
                 0);
        const qint64 refundId = fx.sqlInt(u"SELECT id FROM refunds WHERE order_id = %1"_s.arg(o.id));
        auto p = open(u"t_support"_s);
        QVERIFY(loaded(*p.panel));
        QTRY_VERIFY(rowOf(*p.panel, refundId));
        QTest::qWait(1500);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE idempotency_key = 'panel-queued-1'"_s), u"pending"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        const QString before = rowOf(*p.panel, refundId)->status;
        QVERIFY2(before != u"succeeded"_s, qPrintable(before));

        // the agent starts: it sends the refund, its commit notifies, the row refreshes in place
        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(refundId)) == u"succeeded"_s, kAgentWait);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 2100);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*p.panel, refundId) && rowOf(*p.panel, refundId)->status == u"succeeded"_s, kAgentWait);
        stop(agent);
    }

    // Like Orders: one line per refund with the money and status delegates, and the selected refund's
    // detail beside the list. The detail follows the row in place (the agent's commit NOTIFYs), its badges
    // come from the status catalogue (the journal row's state while the agent has it), and its order link
    // asks the console context for the order (the Orders panel answers; no panel finds another).
    void aRefundOnOneLineWithItsDetail()
    {
        const auto o = fx.createOrder(1900);
        QCOMPARE(fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_refund(%1, 1900, 'duplicate', 'one line', "
                                         "'panel-detail-1')"_s.arg(o.id)),
                 0);
        const qint64 refundId = fx.sqlInt(u"SELECT id FROM refunds WHERE order_id = %1"_s.arg(o.id));
        auto p = open(u"t_support"_s);
        Ui::RefundsPanel& panel = *p.panel;
        using Column = Models::RefundsModel::Column;
        QTableView* view = panel.view();
        QVERIFY(qobject_cast<Ui::MoneyDelegate*>(view->itemDelegateForColumn(int(Column::Amount))));
        QVERIFY(qobject_cast<Ui::StatusBadgeDelegate*>(view->itemDelegateForColumn(int(Column::Status))));
        QVERIFY(qobject_cast<Ui::StatusBadgeDelegate*>(view->itemDelegateForColumn(int(Column::Approval))));
        QVERIFY(!view->wordWrap());
        QCOMPARE(view->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QVERIFY(loaded(panel));
        QTRY_VERIFY(select(panel, refundId));
        Ui::RefundDetailPane* detail = panel.detailPane();
        QTRY_COMPARE(detail->refundId(), refundId);
        QCOMPARE(detail->statusText(), u"Pending · Not submitted"_s); // the journal row's state, then the refund's
        QVERIFY2(detail->nextStepText().contains(u"Bursar agent sends it"_s), qPrintable(detail->nextStepText()));
        auto* badge = qobject_cast<Ui::StatusBadgeDelegate*>(view->itemDelegateForColumn(int(Column::Status)));
        const Core::Status::Entry* shown = badge->entryFor(view->currentIndex().siblingAtColumn(int(Column::Status)));
        QVERIFY(shown && shown->kind == Core::StatusKind::Operation && shown->code == u"pending"_s);

        QSignalSpy orderRequested(p.context.get(), &Ui::ConsoleContext::orderRequested);
        auto* link = detail->findChild<QLabel*>(u"refundOrderLink"_s);
        QVERIFY(link && link->text().contains(o.publicId));
        Q_EMIT link->linkActivated(u"order"_s);
        QCOMPARE(orderRequested.size(), 1);
        QCOMPARE(orderRequested.first().at(0).toLongLong(), o.id);
        QCOMPARE(orderRequested.first().at(1).toString(), o.publicId);

        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(detail->statusText() == u"Succeeded"_s, kAgentWait);
        QCOMPARE(detail->refundId(), refundId);
        QCOMPARE(detail->nextStepText(), u"Refunded to the buyer."_s);
        QVERIFY(!detail->row()->stripeRefundId.isEmpty());
        if (qEnvironmentVariableIsSet("BURSAR_REFUNDS_SCREENSHOT")) // the panel with a refund's detail open
            QVERIFY(panel.grab().save(qEnvironmentVariable("BURSAR_REFUNDS_SCREENSHOT"), "PNG"));
        stop(agent);
    }

    // An approval while no agent runs is recorded at once and says so; the agent sends it when it starts.
    void anApprovalIsRecordedAndTheAgentSendsIt()
    {
        const auto big = fx.createOrder(80000);
        const auto awaiting = Test::await(
            support->refunds->request(big.id, usd(55000), Services::RefundReason::RequestedByCustomer, u"big"_s));
        QCOMPARE(awaiting.state, State::AwaitingApproval);
        auto p = open(u"t_finance"_s);
        QVERIFY(loaded(*p.panel));
        QTRY_VERIFY(select(*p.panel, awaiting.refundId));
        QTRY_VERIFY(button(*p.panel, u"Approve"_s)->isEnabled());
        lastMessage.clear();
        QTest::mouseClick(button(*p.panel, u"Approve"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lastMessage, u"Recorded; the Bursar agent sends it to Stripe."_s, kAgentWait);
        QTRY_COMPARE(fx.sql(u"SELECT approval_state FROM refunds WHERE id = %1"_s.arg(awaiting.refundId)), u"approved"_s);
        QCOMPARE(fx.emulator().amountRefunded(big.chargeId), 0);

        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(awaiting.refundId)) == u"succeeded"_s,
                                 kAgentWait);
        QCOMPARE(fx.emulator().amountRefunded(big.chargeId), 55000);
        // the panel waited for the agent's answer (settle) and says what Stripe did; the row follows
        QTRY_VERIFY_WITH_TIMEOUT(lastMessage.startsWith(u"Refunded "_s), kAgentWait);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*p.panel, awaiting.refundId)
                                     && rowOf(*p.panel, awaiting.refundId)->status == u"succeeded"_s,
                                 kAgentWait);
        stop(agent);
    }

    void filtersApproveRejectAndRetry()
    {
        // refunds that reach Stripe here: an agent runs
        auto agent = fx.agent();
        // one of each: succeeded, awaiting approval (above the support limit), failed at Stripe
        const auto done = fx.createOrder(3000);
        QCOMPARE(support->settled(support->refunds->request(done.id, usd(1000), Services::RefundReason::Duplicate, u"dup"_s)).state,
                 State::Succeeded);
        const auto big = fx.createOrder(90000);
        const auto awaiting = Test::await(
            support->refunds->request(big.id, usd(60000), Services::RefundReason::RequestedByCustomer, u"big"_s));
        QCOMPARE(awaiting.state, State::AwaitingApproval);
        const auto big2 = fx.createOrder(90000);
        const auto toReject = Test::await(
            support->refunds->request(big2.id, usd(50000), Services::RefundReason::RequestedByCustomer, u"big2"_s));
        QCOMPARE(toReject.state, State::AwaitingApproval);
        const auto disputed = fx.createOrder(4000, u"USD"_s, true);
        fx.emulator().control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, disputed.chargeId));
        const auto failed = support->settled(
            support->refunds->request(disputed.id, usd(4000), Services::RefundReason::Fraudulent, u"fraud"_s));
        QCOMPARE(failed.state, State::Failed);

        // support sees everything but cannot approve
        {
            auto p = open(u"t_support"_s);
            QVERIFY(loaded(*p.panel));
            QTRY_VERIFY(p.panel->model()->rowCount() >= 4);
            QVERIFY(select(*p.panel, awaiting.refundId));
            QTest::qWait(300); // the role check has answered
            QVERIFY(!button(*p.panel, u"Approve"_s)->isEnabled());
            QVERIFY(!button(*p.panel, u"Reject"_s)->isEnabled());
        }
        auto p = open(u"t_finance"_s);
        Ui::RefundsPanel& panel = *p.panel;
        QVERIFY(loaded(panel));
        auto* status = panel.findChildren<QComboBox*>().at(0);
        auto* reason = panel.findChildren<QComboBox*>().at(1);
        auto* awaitingBox = panel.findChildren<QCheckBox*>().last();
        auto* requester = panel.findChild<QLineEdit*>(u"requesterFilter"_s);
        QVERIFY(status && reason && awaitingBox && requester);

        // status filter: failed refunds, with Stripe's reason
        status->setCurrentIndex(status->findData(u"failed"_s));
        QVERIFY(loaded(panel));
        QTRY_VERIFY(panel.model()->rowCount() >= 1);
        for (int i = 0; i < panel.model()->rowCount(); ++i)
            QCOMPARE(panel.model()->rowAt(i)->status, u"failed"_s);
        QVERIFY(select(panel, failed.refundId));
        QVERIFY2(panel.model()->rowAt(panel.findChild<QTableView*>()->currentIndex().row())->failureReason.contains(
                     u"charge_disputed"_s),
                 "Stripe's reason is shown");
        status->setCurrentIndex(0);

        // reason filter
        reason->setCurrentIndex(reason->findData(u"duplicate"_s));
        QVERIFY(loaded(panel));
        QTRY_VERIFY(panel.model()->rowCount() >= 1);
        for (int i = 0; i < panel.model()->rowCount(); ++i)
            QCOMPARE(panel.model()->rowAt(i)->reason, u"duplicate"_s);
        reason->setCurrentIndex(0);

        // requester filter
        requester->setText(u"t_finance"_s);
        Q_EMIT requester->editingFinished();
        QVERIFY(loaded(panel));
        QTRY_COMPARE(panel.model()->rowCount(), 0);
        requester->setText(u"t_support"_s);
        Q_EMIT requester->editingFinished();
        QVERIFY(loaded(panel));
        QTRY_VERIFY(panel.model()->rowCount() >= 4);
        requester->clear();
        Q_EMIT requester->editingFinished();

        // date filter: nothing from tomorrow, all of today's from yesterday
        auto* useDates = panel.findChildren<QCheckBox*>().at(0);
        auto* from = panel.findChildren<QDateEdit*>().at(0);
        auto* to = panel.findChildren<QDateEdit*>().at(1);
        to->setDate(QDate::currentDate().addDays(2));
        from->setDate(QDate::currentDate().addDays(1));
        useDates->setChecked(true);
        QVERIFY(loaded(panel));
        QTRY_COMPARE(panel.model()->rowCount(), 0);
        from->setDate(QDate::currentDate().addDays(-1));
        QVERIFY(loaded(panel));
        QTRY_VERIFY(panel.model()->rowCount() >= 4);
        useDates->setChecked(false);

        // awaiting approval: approve one, reject the other
        awaitingBox->setChecked(true);
        QVERIFY(loaded(panel));
        QTRY_COMPARE(panel.model()->rowCount(), 2);
        QVERIFY(select(panel, awaiting.refundId));
        QTRY_VERIFY(button(panel, u"Approve"_s)->isEnabled());
        QTest::mouseClick(button(panel, u"Approve"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(awaiting.refundId)) == u"succeeded"_s,
                                 kAgentWait);
        QCOMPARE(fx.emulator().amountRefunded(big.chargeId), 60000);
        QTRY_COMPARE(panel.model()->rowCount(), 1); // the list follows
        QVERIFY(select(panel, toReject.refundId));
        QTRY_VERIFY(button(panel, u"Reject"_s)->isEnabled());
        answerNextInput(u"not eligible"_s);
        QTest::mouseClick(button(panel, u"Reject"_s), Qt::LeftButton);
        QTRY_COMPARE(fx.sql(u"SELECT approval_state || ' ' || rejection_reason FROM refunds WHERE id = %1"_s.arg(toReject.refundId)),
                     u"rejected not eligible"_s);
        QCOMPARE(fx.emulator().amountRefunded(big2.chargeId), 0);
        awaitingBox->setChecked(false);

        // finance does not request refunds, so it cannot retry one; support can. By now the agent has read
        // the dispute from Stripe's events (charge.dispute.created), so the books refuse the retry before
        // anything reaches Stripe: a message that names the dispute, and no new refund or operation.
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT status::text FROM disputes WHERE order_id = %1"_s.arg(disputed.id)),
                                  u"needs_response"_s, kAgentWait);
        QVERIFY(loaded(panel));
        QTRY_VERIFY(select(panel, failed.refundId));
        QTest::qWait(300);
        QVERIFY(!button(panel, u"Retry"_s)->isEnabled());
        QVERIFY(!button(panel, u"Refund an order"_s)->isEnabled());
        auto s = open(u"t_support"_s);
        QVERIFY(loaded(*s.panel));
        QTRY_VERIFY(select(*s.panel, failed.refundId));
        QTRY_VERIFY(button(*s.panel, u"Retry"_s)->isEnabled());
        lastMessage.clear();
        answerNextInput(u"retry after the dispute"_s);
        QTest::mouseClick(button(*s.panel, u"Retry"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!lastMessage.isEmpty(), kAgentWait);
        QCOMPARE(lastMessage, u"Order %1 cannot be refunded: its charge has a dispute (needs_response) and Stripe "
                              "refuses refunds on disputed charges. Respond to the dispute instead."_s
                                  .arg(fx.sql(u"SELECT public_id FROM orders WHERE id = %1"_s.arg(disputed.id))));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(disputed.id)), 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations o JOIN refunds r ON r.id = o.refund_id "
                           "WHERE r.order_id = %1 AND o.kind = 'refund'"_s.arg(disputed.id)),
                 1);
        QCOMPARE(fx.emulator().amountRefunded(disputed.chargeId), 0);
        QCOMPARE(fx.failedChecks(), QString());
        stop(agent);
    }

    void refreshesWhenAnotherConsoleRefunds()
    {
        auto p = open(u"t_finance"_s);
        QTRY_VERIFY(p.panel->model()->rowCount() > 0 && !p.panel->model()->isLoading()); // earlier tests' refunds
        const int before = p.panel->model()->rowCount();
        const auto o = fx.createOrder(1200);
        const auto queued = Test::await(support->refunds->request(o.id, usd(1200), Services::RefundReason::Duplicate, u"other"_s));
        QCOMPARE(queued.state, State::Queued); // no agent runs: recorded, waiting
        QTRY_VERIFY_WITH_TIMEOUT(p.panel->model()->rowCount() == before + 1, kAgentWait); // NOTIFY, no polling
        // the agent's commit notifies too: the new row turns succeeded in place
        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*p.panel, queued.refundId) && rowOf(*p.panel, queued.refundId)->status == u"succeeded"_s,
                                 kAgentWait);
        QCOMPARE(p.panel->model()->rowCount(), before + 1);
        stop(agent);
    }
};

QTEST_MAIN(TestRefundsPanel)
#include "TestRefundsPanel.moc"
