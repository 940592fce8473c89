// The refund dialog and the Refunds panel offscreen, against real PostgreSQL, the emulator and a Bursar
// agent in this process (RefundFixture::agent()): prefilled remainder, live preview, inline errors for bad
// input, the confirmation restating amount/currency/order, a double click that refunds once; a request is
// recorded and the dialog waits for the agent (without blocking) and shows its result, or why it still
// waits; the paged RefundsModel (QAbstractItemModelTester) with its filters.
#include "RefundDialog.h"
#include "RefundFixture.h"
#include "RefundsModel.h"
#include "DemoFixture.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Dialog = Bursar::Ui::RefundDialog;

class TestRefundDialog : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> support;

    static void waitPreview(Dialog& d)
    {
        QVERIFY(QTest::qWaitFor([&] { return d.previewLoaded(); }, 15000));
    }
    // A dialog with a note, ready to confirm (the amount is the whole remainder).
    static void fill(Dialog& d, const QString& note)
    {
        waitPreview(d);
        d.findChild<QPlainTextEdit*>(u"noteEdit"_s)->setPlainText(note);
        QVERIFY(d.refundButton()->isEnabled());
        d.setConfirmer([](const QString&) { return true; });
    }
    static void stop(std::unique_ptr<Test::InProcessAgent>& agent)
    {
        Test::await(agent->agent->stop()); // its heartbeat row goes: the next test starts with no agent
        agent.reset();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"refund_gui"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
    }

    // Each test starts with no agent running (one that a failed test left behind stopped with it, but its
    // heartbeat row would say "running" for 20 s).
    void init() { fx.sql(u"DELETE FROM agent_heartbeats"_s); }

    void prefillsPreviewsAndRefundsOnceOnADoubleClick()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto agent = fx.agent(); // the refund reaches Stripe
        const auto o = fx.createOrder(12345, u"USD"_s, true);
        Dialog d(support->refunds.get(), o.id);
        d.show();
        waitPreview(d);
        auto* amount = d.findChild<QLineEdit*>(u"amountEdit"_s);
        auto* note = d.findChild<QPlainTextEdit*>(u"noteEdit"_s);
        auto* reason = d.findChild<QComboBox*>(u"reasonCombo"_s);
        QVERIFY(amount && note && reason);
        QCOMPARE(amount->text(), u"123.45"_s);
        QCOMPARE(reason->count(), 3);
        QVERIFY(d.windowTitle().contains(o.publicId));
        QVERIFY2(d.previewText().contains(u"clawed back from the seller's wallet"_s), qPrintable(d.previewText()));
        // no note yet: the button is off and says why
        QVERIFY(!d.refundButton()->isEnabled());
        QVERIFY2(d.errorText().contains(u"internal note"_s), qPrintable(d.errorText()));
        QTest::keyClicks(note, u"customer returned the parcel"_s);
        QVERIFY(d.refundButton()->isEnabled());
        // bad amounts are explained inline
        for (const auto& [text, words] : {std::pair{u"abc"_s, u"is not an amount"_s}, std::pair{u"-3"_s, u"positive"_s},
                                          std::pair{u"0"_s, u"greater than zero"_s}, std::pair{u"1.001"_s, u"decimal"_s},
                                          std::pair{u"123.46"_s, u"still refundable"_s}}) {
            amount->setText(text);
            QVERIFY2(d.errorText().contains(words), qPrintable(text + u" -> "_s + d.errorText()));
            QVERIFY(!d.refundButton()->isEnabled());
        }
        amount->setText(u"40"_s);
        QVERIFY(QTest::qWaitFor([&] { return d.previewText().contains(u"40.00"_s); }, 10000));
        QVERIFY(d.refundButton()->isEnabled());
        // confirm twice (a double click): one question, one refund
        int questions = 0;
        QString asked;
        d.setConfirmer([&](const QString& q) {
            ++questions;
            asked = q;
            return true;
        });
        QTest::mouseDClick(d.refundButton(), Qt::LeftButton);
        QTest::mouseClick(d.refundButton(), Qt::LeftButton);
        d.confirm();
        QCOMPARE(questions, 1);
        QVERIFY2(asked.contains(u"40.00"_s) && asked.contains(u"USD"_s) && asked.contains(o.publicId), qPrintable(asked));
        QVERIFY(!d.refundButton()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return d.outcome() && d.outcome()->state != Services::RefundOutcome::State::Queued; },
                                30000));
        QCOMPARE(d.outcome()->state, Services::RefundOutcome::State::Succeeded);
        QVERIFY2(d.previewText().contains(u"Refunded "_s + Core::Money(4000, Core::Currency::of(u"USD")).format()), qPrintable(d.previewText()));
        QVERIFY(d.isVisible()); // the result is shown in the dialog, which the person closes
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 4000);
        QCOMPARE(fx.sql(u"SELECT idempotency_key FROM operations WHERE order_id = %1"_s.arg(o.id)), d.idempotencyKey());
        stop(agent);
    }

    // No agent runs: the request is recorded at once and the dialog says it waits, without blocking; an
    // agent starts and the dialog shows its success.
    void waitsForTheAgentThenShowsItsSuccess()
    {
        const auto o = fx.createOrder(2500);
        Dialog d(support->refunds.get(), o.id);
        d.show();
        fill(d, u"waits for the agent"_s);
        QList<Services::RefundOutcome> recorded, finished;
        connect(&d, &Dialog::recorded, this, [&](const Services::RefundOutcome& r) { recorded << r; });
        connect(&d, &Dialog::finishedRefund, this, [&](const Services::RefundOutcome& r) { finished << r; });
        d.confirm();
        QTRY_VERIFY_WITH_TIMEOUT(d.isWaitingForAgent(), 15000);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().state, Services::RefundOutcome::State::Queued);
        QVERIFY(finished.isEmpty());
        QVERIFY2(d.previewText().contains(u"Recorded, waiting for the agent…"_s), qPrintable(d.previewText()));
        QVERIFY(d.findChild<QProgressBar*>(u"waitBar"_s)->isVisible());
        QVERIFY(!d.refundButton()->isVisible());
        QCOMPARE(d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->text(), u"Close"_s);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE idempotency_key = '%1'"_s.arg(d.idempotencyKey())), u"pending"_s);

        // the GUI keeps running while the dialog waits
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(300);
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(d.isWaitingForAgent());

        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(!d.isWaitingForAgent(), 20000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(d.outcome()->state, Services::RefundOutcome::State::Succeeded);
        QVERIFY2(d.previewText().contains(u"Refunded "_s + Core::Money(2500, Core::Currency::of(u"USD")).format()), qPrintable(d.previewText()));
        QVERIFY(!d.findChild<QProgressBar*>(u"waitBar"_s)->isVisible());
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 2500);
        if (const QString dir = qEnvironmentVariable("BURSAR_SCREENSHOT_DIR"); !dir.isEmpty())
            d.grab().save(QDir(dir).filePath(u"refund-dialog-done.png"_s));
        stop(agent);
    }

    // No agent within the settle timeout: the dialog says what settle says (no agent is running, since
    // when); closing it while it waits loses nothing: an agent started later sends the refund.
    void noAgentSaysWhyAndClosingLosesNothing()
    {
        const auto o = fx.createOrder(1800);
        {
            Dialog d(support->refunds.get(), o.id);
            d.setSettleTimeout(std::chrono::milliseconds(1500));
            d.show();
            fill(d, u"nobody sends it yet"_s);
            d.confirm();
            QTRY_VERIFY_WITH_TIMEOUT(d.outcome() && !d.isWaitingForAgent(), 20000);
            QCOMPARE(d.outcome()->state, Services::RefundOutcome::State::Queued);
            QVERIFY(!d.outcome()->agentRunning);
            QVERIFY2(d.previewText().contains(u"waiting for the agent"_s) && d.previewText().contains(u"No Bursar agent"_s),
                     qPrintable(d.previewText()));
        }
        const auto o2 = fx.createOrder(1900);
        auto* d2 = new Dialog(support->refunds.get(), o2.id);
        d2->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<Dialog> guard(d2);
        d2->show();
        fill(*d2, u"closed while waiting"_s);
        d2->confirm();
        QTRY_VERIFY_WITH_TIMEOUT(d2->isWaitingForAgent(), 15000);
        d2->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->click(); // "Close"
        QTRY_VERIFY(guard.isNull());

        auto agent = fx.agent();
        QTRY_VERIFY_WITH_TIMEOUT(fx.emulator().amountRefunded(o.chargeId) == 1800, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(fx.emulator().amountRefunded(o2.chargeId) == 1900, 20000);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id IN (%1, %2) AND status = 'succeeded'"_s.arg(o.id).arg(o2.id)),
                 2);
        stop(agent);
    }

    void aboveTheLimitAsksForApproval()
    {
        const auto o = fx.createOrder(90000);
        Dialog d(support->refunds.get(), o.id);
        d.show();
        waitPreview(d);
        d.findChild<QPlainTextEdit*>(u"noteEdit"_s)->setPlainText(u"big one"_s);
        QVERIFY(QTest::qWaitFor([&] { return d.previewText().contains(u"approve"_s); }, 10000));
        QString asked;
        d.setConfirmer([&](const QString& q) {
            asked = q;
            return true;
        });
        d.confirm();
        QVERIFY(asked.contains(u"wait for approval"_s));
        QVERIFY(QTest::qWaitFor([&] { return d.outcome().has_value(); }, 30000));
        QCOMPARE(d.outcome()->state, Services::RefundOutcome::State::AwaitingApproval);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        // saying no to the question changes nothing
        const auto o2 = fx.createOrder(1000);
        Dialog d2(support->refunds.get(), o2.id);
        waitPreview(d2);
        d2.findChild<QPlainTextEdit*>(u"noteEdit"_s)->setPlainText(u"n"_s);
        d2.setConfirmer([](const QString&) { return false; });
        d2.confirm();
        QVERIFY(d2.refundButton()->isEnabled());
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o2.id)), 0);
    }

    void blockedOrderExplainsWhy()
    {
        const auto o = fx.createOrder(5000);
        fx.sql(u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
               "VALUES ('dp_gui%1', %1, 5000, 'USD', 'under_review', 'fraudulent'); "
               "UPDATE orders SET payment_status = 'disputed' WHERE id = %1"_s.arg(o.id));
        Dialog d(support->refunds.get(), o.id);
        waitPreview(d);
        QVERIFY(!d.refundButton()->isEnabled());
        QVERIFY2(d.previewText().contains(u"dispute"_s), qPrintable(d.previewText()));
    }

    void refundsModelPagesAndFilters()
    {
        Models::RefundsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2);
        model.setDatabase(support->db.get());
        QVERIFY(Test::pageToEnd(model));
        const qint64 total = fx.sqlInt(u"SELECT count(*) FROM refunds"_s);
        QCOMPARE(model.rowCount(), int(total));
        const QList<qint64> ids = Test::idsOf(model);
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), model.rowCount()); // keyset pages neither repeat nor skip
        Db::RefundFilter f;
        f.awaitingApproval = true;
        model.setFilter(f);
        QVERIFY(Test::pageToEnd(model));
        QCOMPARE(model.rowCount(), int(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE approval_state = 'awaiting_approval'"_s)));
        QVERIFY(model.rowCount() >= 1);
        QCOMPARE(model.index(0, int(Models::RefundsModel::Column::Approval)).data().toString().left(8), u"Awaiting"_s);
        f = {};
        f.requester = u"nobody"_s;
        model.setFilter(f);
        QVERIFY(Test::pageToEnd(model));
        QCOMPARE(model.rowCount(), 0);
        // each filter is its own condition of RefundsRepository's WHERE: the same rows as direct SQL
        const auto expectRows = [&](const Db::RefundFilter& filter, const QString& where) {
            model.setFilter(filter);
            QVERIFY(Test::pageToEnd(model));
            QCOMPARE(model.rowCount(), int(fx.sqlInt(u"SELECT count(*) FROM refunds r WHERE "_s + where)));
        };
        const qint64 someOrder = fx.sqlInt(u"SELECT order_id FROM refunds ORDER BY id LIMIT 1"_s);
        const QDate today = QDate::currentDate();
        f = {};
        f.status = u"succeeded"_s;
        expectRows(f, u"r.status = 'succeeded'"_s);
        f = {};
        f.reason = u"duplicate"_s;
        expectRows(f, u"r.reason = 'duplicate'"_s);
        f = {};
        f.orderId = someOrder;
        expectRows(f, u"r.order_id = "_s + QString::number(someOrder));
        f = {};
        f.from = today.addDays(-1);
        f.to = today.addDays(1);
        expectRows(f, u"r.created_at >= '%1'::date AND r.created_at < '%2'::date + 1"_s.arg(f.from.toString(Qt::ISODate),
                                                                                         f.to.toString(Qt::ISODate)));
        f.to = today.addDays(-2);
        expectRows(f, u"false"_s);
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("BURSAR_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set BURSAR_SCREENSHOT_DIR to save resources/screenshots/refund-dialog.png");
        const auto o = fx.createOrder(18950, u"USD"_s, true);
        Dialog d(support->refunds.get(), o.id);
        d.show();
        waitPreview(d);
        d.findChild<QLineEdit*>(u"amountEdit"_s)->setText(u"45.00"_s);
        d.findChild<QPlainTextEdit*>(u"noteEdit"_s)->setPlainText(u"Item arrived damaged; partial refund agreed by chat."_s);
        QVERIFY(QTest::qWaitFor([&] { return d.previewText().contains(u"45.00"_s); }, 10000));
        QTest::qWait(200);
        QVERIFY(d.grab().save(QDir(dir).filePath(u"refund-dialog.png"_s)));
        // and while it waits for the agent (none runs here)
        d.setConfirmer([](const QString&) { return true; });
        d.confirm();
        QVERIFY(QTest::qWaitFor([&] { return d.isWaitingForAgent(); }, 15000));
        QTest::qWait(200);
        QVERIFY(d.grab().save(QDir(dir).filePath(u"refund-dialog-waiting.png"_s)));
    }
};

QTEST_MAIN(TestRefundDialog)
#include "TestRefundDialog.moc"
