// The refund dialog and the Refunds panel offscreen, against real PostgreSQL and the emulator: prefilled
// remainder, live preview, inline errors for bad input, the confirmation restating amount/currency/order,
// a double click that refunds once; the paged RefundsModel (QAbstractItemModelTester) with its filters.
#include "RefundDialog.h"
#include "RefundFixture.h"
#include "RefundsModel.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

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

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"refund_gui"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
    }

    void prefillsPreviewsAndRefundsOnceOnADoubleClick()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
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
        QVERIFY(QTest::qWaitFor([&] { return d.outcome().has_value(); }, 30000));
        QCOMPARE(d.outcome()->state, Services::RefundOutcome::State::Succeeded);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 4000);
        QCOMPARE(fx.sql(u"SELECT idempotency_key FROM operations WHERE order_id = %1"_s.arg(o.id)), d.idempotencyKey());
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
        const auto fetchAll = [&] {
            for (int i = 0; i < 50 && (model.canFetchMore({}) || model.isLoading()); ++i) {
                if (model.canFetchMore({}))
                    model.fetchMore({});
                (void)QTest::qWaitFor([&] { return !model.isLoading(); }, 10000);
            }
        };
        fetchAll();
        const qint64 total = fx.sqlInt(u"SELECT count(*) FROM refunds"_s);
        QCOMPARE(model.rowCount(), int(total));
        QSet<qint64> ids;
        for (int i = 0; i < model.rowCount(); ++i)
            ids.insert(model.index(i, 0).data(Models::RefundsModel::IdRole).toLongLong());
        QCOMPARE(ids.size(), model.rowCount()); // keyset pages neither repeat nor skip
        Services::RefundFilter f;
        f.awaitingApproval = true;
        model.setFilter(f);
        fetchAll();
        QCOMPARE(model.rowCount(), int(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE approval_state = 'awaiting_approval'"_s)));
        QVERIFY(model.rowCount() >= 1);
        QCOMPARE(model.index(0, int(Models::RefundsModel::Column::Approval)).data().toString().left(8), u"Awaiting"_s);
        f = {};
        f.requester = u"nobody"_s;
        model.setFilter(f);
        fetchAll();
        QCOMPARE(model.rowCount(), 0);
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
    }
};

QTEST_MAIN(TestRefundDialog)
#include "TestRefundDialog.moc"
