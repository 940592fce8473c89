// The command palette (Ctrl+K), offscreen, over a main window signed in as t_support on the refund
// fixture's database: panels, the current panel's actions, and "go to" an order by its public id, its
// charge id and its payment intent id (looked up on a database worker), an unknown id, Escape.
#include "CommandPalette.h"
#include "MainWindow.h"
#include "OrderDetailPane.h"
#include "OrdersModel.h"
#include "OrdersPanel.h"
#include "RefundFixture.h"
#include "TestSupport.h"

#include "core/Settings.h"
#include "db/IdLookup.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestCommandPalette final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void normalisesIds();
    void ctrlKOpensAndEscapeCloses();
    void switchesPanels();
    void runsAnActionOfTheCurrentPanel();
    void goesToAnOrderByAnyOfItsIds_data();
    void goesToAnOrderByAnyOfItsIds();
    void unknownIdSaysNothingFound();

private:
    Bursar::Ui::CommandPalette* open();
    // With BURSAR_SCREENSHOT_DIR set: the window with the palette over it, as a PNG there.
    void saveScreenshot(const QString& name);
    void type(const QString& text);

    Test::RefundFixture m_fx;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Bursar::Ui::MainWindow> m_window;
    Test::TestOrder m_order;
    QString m_paymentIntent;
};

void TestCommandPalette::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_fx.init(u"palette"_s, &error), qPrintable(error));
    m_order = m_fx.createOrder(4200);
    QVERIFY(m_order.id > 0 && !m_order.chargeId.isEmpty());
    m_paymentIntent = m_fx.sql(u"SELECT payment_intent_id FROM payments WHERE order_id = %1"_s.arg(m_order.id)).trimmed();
    QVERIFY(m_paymentIntent.startsWith(u"pi_"_s));

    m_settings = Core::Settings::temporary();
    qputenv("BURSAR_DB", m_fx.dsn(u"t_support"_s).toUtf8());
    qunsetenv("BURSAR_ROLE");
    qunsetenv("BURSAR_STRIPE_KEY");
    m_window = std::make_unique<Bursar::Ui::MainWindow>(m_settings.get());
    m_window->resize(1400, 850);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->databaseStatusText().startsWith(u"Connected to "_s), 20000);
}

void TestCommandPalette::cleanupTestCase()
{
    m_window.reset();
    m_settings.reset();
}

void TestCommandPalette::normalisesIds()
{
    using Db::IdLookup;
    QCOMPARE(IdLookup::normalise(u"  ORD-0000123 "_s), u"ORD-0000123"_s);
    QCOMPARE(IdLookup::normalise(u"ord-0000123"_s), u"ORD-0000123"_s);
    QCOMPARE(IdLookup::normalise(u"\"pi_3Abc\","_s), u"pi_3Abc"_s);
    QCOMPARE(IdLookup::normalise(u"https://dashboard.stripe.com/test/payments/pi_3Abc?x=1"_s), u"pi_3Abc"_s);
    QCOMPARE(IdLookup::normalise(u"12345"_s), u"12345"_s);
    for (const char* id : {"ch_1", "py_1", "re_1", "pyr_1", "acct_1", "dp_1", "du_1", "po_1", "tr_1"})
        QVERIFY2(IdLookup::looksLikeId(QString::fromLatin1(id)), id);
    QVERIFY(!IdLookup::looksLikeId(u"Refu"_s));
    QVERIFY(!IdLookup::looksLikeId(u"export"_s));
    QVERIFY(!IdLookup::looksLikeId(u"pi_"_s));
    QVERIFY(!IdLookup::looksLikeId(u"1234567890123456789012"_s));
}

Bursar::Ui::CommandPalette* TestCommandPalette::open()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return nullptr;
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    Bursar::Ui::CommandPalette* palette = m_window->commandPalette();
    if (palette && palette->isVisible())
        return palette;
    return nullptr;
}

void TestCommandPalette::saveScreenshot(const QString& name)
{
    const QString dir = qEnvironmentVariable("BURSAR_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QPixmap shot = m_window->grab();
    QPainter painter(&shot);
    Bursar::Ui::CommandPalette* palette = m_window->commandPalette();
    painter.drawPixmap(m_window->mapFromGlobal(palette->mapToGlobal(QPoint(0, 0))), palette->grab());
    painter.end();
    QVERIFY(shot.save(dir + u'/' + name + u".png"_s));
}

void TestCommandPalette::type(const QString& text)
{
    // As a paste: the whole text at once (typing letter by letter starts a lookup per keystroke).
    m_window->commandPalette()->input()->setText(text);
}

void TestCommandPalette::ctrlKOpensAndEscapeCloses()
{
    Bursar::Ui::CommandPalette* palette = open();
    QVERIFY(palette);
    QVERIFY(palette->input()->text().isEmpty());
    const QStringList rows = palette->titles();
    for (const QString& panel : {u"Overview"_s, u"Orders"_s, u"Refunds"_s})
        QVERIFY2(rows.contains(panel), qPrintable(rows.join(u", "_s)));
    QVERIFY(rows.contains(u"Settings…"_s));
    QVERIFY(!rows.contains(u"Command palette…"_s));
    QTest::keyClick(palette->input(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());

    // Ctrl+K also from a text box (which would take it as "delete to the end of the line").
    auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(m_window->panel(u"orders"_s));
    QVERIFY(m_window->showPanel(u"orders"_s));
    orders->searchBox()->setFocus();
    orders->searchBox()->setText(u"keep me"_s);
    orders->searchBox()->setCursorPosition(0);
    QTest::keyClick(orders->searchBox(), Qt::Key_K, Qt::ControlModifier);
    QVERIFY(palette->isVisible());
    QCOMPARE(orders->searchBox()->text(), u"keep me"_s);
    QTest::keyClick(palette->input(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
    orders->searchBox()->clear();

    // Ctrl+Shift+P too.
    QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(palette->isVisible());
    QTest::keyClick(palette->input(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
    QCOMPARE(m_window->commandPaletteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
}

void TestCommandPalette::switchesPanels()
{
    QVERIFY(m_window->showPanel(u"overview"_s));
    Bursar::Ui::CommandPalette* palette = open();
    QVERIFY(palette);
    QTest::keyClicks(palette->input(), u"Refu"_s);
    saveScreenshot(u"palette-refu"_s);
    const QStringList rows = palette->titles();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.first(), u"Refunds"_s);
    QCOMPARE(palette->categoryAt(0), Bursar::Ui::CommandPalette::Category::Panel);
    QVERIFY(!palette->isLookingUp()); // words are no id: no database round trip
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QCOMPARE(m_window->currentPanelId(), u"refunds"_s);

    // Down then Enter picks the second row; the panel shortcuts work without the palette.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentPanelId(), u"orders"_s);
    palette = open();
    QVERIFY(palette);
    QTest::keyClicks(palette->input(), u"o"_s);
    QVERIFY(palette->titles().size() >= 2);
    QCOMPARE(palette->titles().first(), u"Overview"_s);
    QTest::keyClick(palette->input(), Qt::Key_Down);
    QCOMPARE(palette->list()->currentIndex().row(), 1);
    QTest::keyClick(palette->input(), Qt::Key_Up);
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QCOMPARE(m_window->currentPanelId(), u"overview"_s);
}

void TestCommandPalette::runsAnActionOfTheCurrentPanel()
{
    QVERIFY(m_window->showPanel(u"orders"_s));
    auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(m_window->panel(u"orders"_s));
    QVERIFY(orders);
    QTRY_VERIFY_WITH_TIMEOUT(orders->detailPane()->isLoaded(), 20000);
    const QString shown = orders->detailPane()->detail().row.publicId;
    QVERIFY(!shown.isEmpty());
    QApplication::clipboard()->clear();

    Bursar::Ui::CommandPalette* palette = open();
    QVERIFY(palette);
    // The panel's actions and buttons are listed with their shortcuts: export, refund, copy id.
    QTest::keyClicks(palette->input(), u"export"_s);
    QVERIFY2(palette->titles().contains(u"Export CSV…"_s), qPrintable(palette->titles().join(u", "_s)));
    palette->input()->clear();
    palette->input()->setText(u"refund…"_s);
    QVERIFY2(palette->titles().contains(u"Refund…"_s), qPrintable(palette->titles().join(u", "_s)));
    palette->input()->clear();
    QTest::keyClicks(palette->input(), u"copy id"_s);
    QCOMPARE(palette->titles().value(0), u"Copy order id"_s);
    QCOMPARE(palette->categoryAt(0), Bursar::Ui::CommandPalette::Category::Action);
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QTRY_COMPARE(QApplication::clipboard()->text(), shown);
}

void TestCommandPalette::goesToAnOrderByAnyOfItsIds_data()
{
    QTest::addColumn<QString>("which");
    QTest::newRow("public id") << u"public"_s;
    QTest::newRow("charge") << u"charge"_s;
    QTest::newRow("payment intent") << u"pi"_s;
    QTest::newRow("order number") << u"number"_s;
}

void TestCommandPalette::goesToAnOrderByAnyOfItsIds()
{
    QFETCH(QString, which);
    const QString id = which == u"public" ? m_order.publicId
        : which == u"charge"             ? m_order.chargeId
        : which == u"pi"                 ? m_paymentIntent
                                         : QString::number(m_order.id);
    QVERIFY(m_window->showPanel(u"overview"_s));
    Bursar::Ui::CommandPalette* palette = open();
    QVERIFY(palette);
    QSignalSpy finished(palette, &Bursar::Ui::CommandPalette::lookupFinished);
    QElapsedTimer clock;
    clock.start();
    type(id);
    // A fast worker may answer before the continuation is attached: then the rows show at once.
    if (finished.isEmpty())
        QVERIFY(finished.wait(10000));
    const qint64 roundTrip = clock.elapsed();
    qInfo("palette id lookup (%s): %lld ms from the text to the rows shown (palette's own clock: %lld ms)",
          qPrintable(which), roundTrip, palette->lastLookupMs());
    QVERIFY2(roundTrip < 2000, qPrintable(QString::number(roundTrip)));
    QCOMPARE(finished.first().first().toInt(), 1);
    const QStringList rows = palette->titles();
    QVERIFY2(!rows.isEmpty() && rows.first().contains(m_order.publicId), qPrintable(rows.join(u", "_s)));
    QCOMPARE(palette->categoryAt(0), Bursar::Ui::CommandPalette::Category::GoTo);
    QCOMPARE(palette->list()->currentIndex().row(), 0);
    saveScreenshot(u"palette-"_s + which);

    QTest::keyClick(palette->input(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QCOMPARE(m_window->currentPanelId(), u"orders"_s);
    auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(m_window->panel(u"orders"_s));
    QVERIFY(orders);
    QCOMPARE(orders->detailPane()->orderId(), m_order.id);
    QTRY_VERIFY_WITH_TIMEOUT(orders->detailPane()->isLoaded() && orders->detailPane()->orderId() == m_order.id, 10000);
    QCOMPARE(orders->detailPane()->detail().row.publicId, m_order.publicId);
    QCOMPARE(orders->searchBox()->text(), m_order.publicId);
    QTRY_VERIFY_WITH_TIMEOUT(!orders->model()->isLoading() && orders->model()->rowCount() == 1, 10000);
    QCOMPARE(orders->detailPane()->orderId(), m_order.id);
}

void TestCommandPalette::unknownIdSaysNothingFound()
{
    Bursar::Ui::CommandPalette* palette = open();
    QVERIFY(palette);
    QSignalSpy finished(palette, &Bursar::Ui::CommandPalette::lookupFinished);
    type(u"pi_doesnotexist000"_s);
    if (finished.isEmpty())
        QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toInt(), 0);
    QCOMPARE(palette->titles().value(0), u"Nothing found for pi_doesnotexist000"_s);
    // Enter on nothing does nothing; the palette stays open.
    const QString panel = m_window->currentPanelId();
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QVERIFY(palette->isVisible());
    QCOMPARE(m_window->currentPanelId(), panel);

    // A stale answer is dropped: an unknown id then a known one at once ends showing the known one.
    finished.clear();
    type(u"ch_doesnotexist000"_s);
    type(m_order.publicId);
    if (finished.isEmpty())
        QVERIFY(finished.wait(10000));
    QTest::qWait(200); // the older lookup's answer, were it shown late, would come by now
    // (A worker faster than the continuation answers the first one at once; never after the second.)
    QCOMPARE(finished.last().first().toInt(), 1);
    QVERIFY(palette->titles().value(0).contains(m_order.publicId));
    QTest::keyClick(palette->input(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
}

QTEST_MAIN(TestCommandPalette)
#include "TestCommandPalette.moc"
