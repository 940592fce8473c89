// The console's main window, offscreen, against the shared test cluster: connection state in the
// status bar, the Bursar agent's state (from its heartbeats) and the installation's TEST/LIVE badge,
// panels, the settings dialog, and bad input (malformed BURSAR_DB, wrong password, unreachable server)
// that must give a clear message without blocking the GUI. The console has no Stripe key: the tests
// give it none, and a refund reaches Stripe only through an agent (RefundFixture::agent()).
#include "ActivityModel.h"
#include "ConsoleContext.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "OrderDetailPane.h"
#include "OrdersPanel.h"
#include "OverviewPanel.h"
#include "RefundDialog.h"
#include "RefundFixture.h"
#include "RefundsPanel.h"
#include "WalletsPanel.h"
#include "SettingsDialog.h"
#include "TestSupport.h"

#include "core/Settings.h"
#include "core/Status.h"
#include "db/Database.h"
#include "db/Migrations.h"
#include "stripe/StripeClient.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {

// Measures the longest time the event loop went without running a 10 ms timer.
class Watchdog final : public QObject
{
public:
    Watchdog()
    {
        m_clock.start();
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

QString dsnFor(const Db::ConnectionConfig& c)
{
    return u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(c.host, QString::number(c.port), c.database, c.user);
}

template<typename T>
T* findTopLevel()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* t = qobject_cast<T*>(w); t && t->isVisible())
            return t;
    return nullptr;
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void connectsAndShowsTestBadge();
    void appliesMissingMigrationsAtStart();
    void refusesANewerSchema();
    void liveBadgeFromTheInstallation();
    void noAgentThenARunningAgent();
    void agentProblemsInStatusBar();
    void consoleHoldsNoStripeKey();
    void switchesPanels();
    void settingsDialogValidatesTestsAndCancels();
    void malformedDatabaseShowsMessage();
    void wrongPasswordShowsMessage();
    void unreachableDatabaseDoesNotBlock();
    void reconnectDoesNotWaitForTheOldDatabase();
    void keepsLayoutAndLastPanel();
    void switchesLanguageLive();
    void aboutBoxOpens();
    void statusCatalogueMatchesPgEnum();
    void panelsFromOneTableShareOneContext();
    void walletsAreListedForFinanceOnly();

private:
    std::unique_ptr<Bursar::Ui::MainWindow> makeWindow();
    // The console as a support user on the refund fixture's database (it has an agent login and an emulator).
    std::unique_ptr<Bursar::Ui::MainWindow> makeFixtureWindow();
    static QString agentLabel(Bursar::Ui::MainWindow& w) { return w.findChild<QLabel*>(u"agentStatus"_s)->text(); }

    Db::ConnectionConfig m_db;
    std::unique_ptr<Core::Settings> m_settings;
    Test::RefundFixture m_fx;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_db = Test::createDatabase(u"gui"_s);
    QString error;
    QVERIFY2(m_fx.init(u"gui_agent"_s, &error), qPrintable(error));
}

void TestMainWindow::init()
{
    m_settings = Core::Settings::temporary();
    qputenv("BURSAR_DB", dsnFor(m_db).toUtf8());
    qunsetenv("BURSAR_ROLE");
    // The console never gets a Stripe key or URL (the agent does); nothing here may need them.
    qunsetenv("BURSAR_STRIPE_KEY");
    qunsetenv("BURSAR_STRIPE_API_BASE");
}

void TestMainWindow::cleanup()
{
    m_settings.reset();
}

std::unique_ptr<Bursar::Ui::MainWindow> TestMainWindow::makeWindow()
{
    auto w = std::make_unique<Bursar::Ui::MainWindow>(m_settings.get());
    w->show();
    return w;
}

std::unique_ptr<Bursar::Ui::MainWindow> TestMainWindow::makeFixtureWindow()
{
    qputenv("BURSAR_DB", m_fx.dsn(u"t_support"_s).toUtf8());
    auto w = makeWindow();
    (void)QTest::qWaitFor([&] { return w->databaseStatusText().startsWith(u"Connected to "_s); }, 20000);
    return w;
}

void TestMainWindow::connectsAndShowsTestBadge()
{
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Connected to "_s), 15000);
    QVERIFY2(w->databaseStatusText().contains(m_db.database), qPrintable(w->databaseStatusText()));
    auto* dbLabel = w->findChild<QLabel*>(u"databaseStatus"_s);
    QVERIFY(dbLabel);
    QVERIFY(dbLabel->text().contains(u"Connected"_s));
    // the installation's mode (bursar_installation: a new database keeps test books)
    QTRY_COMPARE_WITH_TIMEOUT(w->modeBadgeText(), u"TEST"_s, 15000);
    auto* badge = w->findChild<QLabel*>(u"modeBadge"_s);
    QVERIFY(badge && badge->isVisible());
    QCOMPARE(badge->text(), u"TEST"_s);
    auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(w->panel(u"orders"_s));
    QVERIFY(orders && !orders->isLiveMode());

    auto* overview = qobject_cast<Bursar::Ui::OverviewPanel*>(w->panel(u"overview"_s));
    QVERIFY(overview);
    QTRY_VERIFY_WITH_TIMEOUT(overview->hasData(), 15000);
    // No agent has beaten on this database: a warning (requests wait), never an error.
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"No agent"_s), 15000);
    QVERIFY2(w->banner()->isVisible() && w->banner()->type() == Bursar::Ui::MessageBanner::Type::Warning,
             qPrintable(w->banner()->text()));
    QCOMPARE(w->activity()->errorCount(), 0);
}

void TestMainWindow::appliesMissingMigrationsAtStart()
{
    const Db::ConnectionConfig empty = Test::createDatabase(u"gui_empty"_s, false);
    qputenv("BURSAR_DB", dsnFor(empty).toUtf8());
    {
        auto w = makeWindow();
        QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Connected to "_s), 30000);
        QCOMPARE(Test::psql(empty.database, u"SELECT max(version) FROM schema_migrations"_s).toInt(),
                 Db::Migrations::latestVersion());
        // no error; at most the warning that no agent runs on the new database
        QVERIFY2(w->banner()->isHidden() || w->banner()->type() == Bursar::Ui::MessageBanner::Type::Warning,
                 qPrintable(w->banner()->text()));
        QCOMPARE(w->activity()->errorCount(), 0);
    }
    Test::dropDatabase(empty.database);
}

void TestMainWindow::refusesANewerSchema()
{
    const Db::ConnectionConfig db = Test::createDatabase(u"gui_newer"_s);
    Test::psql(db.database, u"INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')"_s);
    qputenv("BURSAR_DB", dsnFor(db).toUtf8());
    {
        auto w = makeWindow();
        QTRY_VERIFY_WITH_TIMEOUT(w->banner()->isVisible(), 15000);
        QVERIFY2(w->banner()->text().contains(u"newer than this Bursar"_s), qPrintable(w->banner()->text()));
        QTRY_VERIFY2(w->databaseStatusText().startsWith(u"Schema of "_s), qPrintable(w->databaseStatusText()));
        QVERIFY(w->findChild<QLabel*>(u"databaseStatus"_s)->toolTip().contains(u"newer than this Bursar"_s));
        // nothing reads or writes it: the panels have no database
        auto* overview = qobject_cast<Bursar::Ui::OverviewPanel*>(w->panel(u"overview"_s));
        QVERIFY(overview);
        QTest::qWait(300);
        QVERIFY(!overview->hasData());
        QCOMPARE(Test::psql(db.database, u"SELECT max(version) FROM schema_migrations"_s), u"9999"_s);
    }
    Test::dropDatabase(db.database);
}

void TestMainWindow::liveBadgeFromTheInstallation()
{
    // The badge is the database's mode, whatever key anyone holds: a live installation says LIVE, and the
    // Orders panel links to the live Dashboard.
    const Db::ConnectionConfig db = Test::createDatabase(u"gui_live"_s);
    Test::psql(db.database, u"UPDATE bursar_installation SET stripe_mode = 'live'"_s);
    qputenv("BURSAR_DB", dsnFor(db).toUtf8());
    {
        auto w = makeWindow();
        QTRY_COMPARE_WITH_TIMEOUT(w->modeBadgeText(), u"LIVE"_s, 15000);
        auto* badge = w->findChild<QLabel*>(u"modeBadge"_s);
        QVERIFY(badge->isVisible());
        QVERIFY(badge->toolTip().contains(u"real money"_s));
        auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(w->panel(u"orders"_s));
        QVERIFY(orders && orders->isLiveMode());
        // another database (a test installation) puts the badge back to TEST
        qputenv("BURSAR_DB", dsnFor(m_db).toUtf8());
        w->reconnect();
        QTRY_COMPARE_WITH_TIMEOUT(w->modeBadgeText(), u"TEST"_s, 15000);
        QVERIFY(!orders->isLiveMode());
    }
    Test::dropDatabase(db.database);
}

// No agent: the status bar, the banner (a warning) and the Activity list say that requests wait. An agent
// starts: within a few seconds the status bar says it runs and the banner goes. It stops cleanly (its
// heartbeat row goes): the status bar says since when none runs.
void TestMainWindow::noAgentThenARunningAgent()
{
    m_fx.sql(u"DELETE FROM agent_heartbeats"_s);
    auto w = makeFixtureWindow();
    QTRY_COMPARE_WITH_TIMEOUT(w->agentStatusText(), u"No agent running — requests wait"_s, 15000);
    auto* label = w->findChild<QLabel*>(u"agentStatus"_s);
    QVERIFY(label && label->isVisible());
    QVERIFY(agentLabel(*w).contains(u"No agent running"_s));
    QVERIFY(!label->toolTip().isEmpty());
    QTRY_VERIFY(w->banner()->isVisible());
    QCOMPARE(w->banner()->type(), Bursar::Ui::MessageBanner::Type::Warning);
    QVERIFY2(w->banner()->text().contains(u"no Bursar agent is running"_s), qPrintable(w->banner()->text()));
    const int entries = w->activity()->rowCount();
    QVERIFY(entries >= 1);
    QCOMPARE(w->activity()->errorCount(), 0);
    // a closed banner stays closed while nothing changes
    w->banner()->dismiss();
    QTest::qWait(6000); // at least one more poll
    QVERIFY(w->banner()->isHidden());
    QCOMPARE(w->activity()->rowCount(), entries); // and no new entry for the same state

    auto agent = m_fx.agent();
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"Agent running · "_s), 20000);
    QVERIFY2(w->agentStatusText().endsWith(u" queued"_s), qPrintable(w->agentStatusText()));
    QVERIFY(w->agentStatus() && w->agentStatus()->isHealthy());
    QVERIFY2(label->toolTip().contains(agent->agent->id()), qPrintable(label->toolTip()));
    QVERIFY(w->banner()->isHidden());
    QVERIFY(w->activity()->rowCount() > entries); // "requests are sent again"

    Test::await(agent->agent->stop());
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"No agent since "_s), 20000);
    QVERIFY2(w->agentStatusText().endsWith(u" — requests wait"_s), qPrintable(w->agentStatusText()));
    QTRY_VERIFY(w->banner()->isVisible());
    QVERIFY2(w->banner()->text().contains(u"no Bursar agent is running since"_s), qPrintable(w->banner()->text()));
}

// What an agent says about itself: still probing Stripe, Stripe unreachable, key refused, and a heartbeat
// that stopped (a crashed agent leaves its row behind). Written here as the agent would write them.
void TestMainWindow::agentProblemsInStatusBar()
{
    m_fx.sql(u"DELETE FROM agent_heartbeats; INSERT INTO agent_heartbeats (agent_id, stripe_mode, stripe_reachable, "
             "key_accepted) VALUES ('gui-test-agent', 'test', false, false)"_s);
    auto w = makeFixtureWindow();
    QTRY_COMPARE_WITH_TIMEOUT(w->agentStatusText(), u"Agent starting: checking Stripe…"_s, 15000);
    QVERIFY(w->banner()->isHidden());
    const int entries = w->activity()->rowCount();

    m_fx.sql(u"UPDATE agent_heartbeats SET beat_at = now(), last_error = 'Stripe did not answer within 30 s.'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w->agentStatusText(), u"Agent cannot reach Stripe — requests wait"_s, 15000);
    QVERIFY2(agentLabel(*w).contains(u"⚠"_s) && agentLabel(*w).contains(u"#b26a00"_s), qPrintable(agentLabel(*w)));
    QVERIFY(w->findChild<QLabel*>(u"agentStatus"_s)->toolTip().contains(u"Stripe did not answer"_s));
    QTRY_VERIFY(w->activity()->rowCount() > entries); // a warning on each change
    const int afterUnreachable = w->activity()->rowCount();

    m_fx.sql(u"UPDATE agent_heartbeats SET beat_at = now(), stripe_reachable = true, "
             "last_error = 'Stripe refused the key (401): it was revoked or mistyped.'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w->agentStatusText(), u"Stripe refuses the agent's key — requests wait"_s, 15000);
    QVERIFY(agentLabel(*w).contains(u"⚠"_s));
    QVERIFY(w->activity()->rowCount() > afterUnreachable);

    // a crashed agent: its row stays, its heartbeat gets old
    m_fx.sql(u"UPDATE agent_heartbeats SET beat_at = now() - interval '1 hour'"_s);
    const QDateTime last = QDateTime::fromSecsSinceEpoch(
        m_fx.sqlInt(u"SELECT floor(extract(epoch FROM beat_at))::bigint FROM agent_heartbeats"_s));
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"No agent since "_s), 15000);
    const QDateTime local = last.toLocalTime();
    const QString when = local.date() == QDate::currentDate() ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                                             : QLocale().toString(local, QLocale::ShortFormat);
    QCOMPARE(w->agentStatusText(), u"No agent since %1 — requests wait"_s.arg(when));
    QTRY_VERIFY(w->banner()->isVisible());
    QCOMPARE(w->banner()->type(), Bursar::Ui::MessageBanner::Type::Warning);
    QCOMPARE(w->activity()->errorCount(), 0);
    m_fx.sql(u"DELETE FROM agent_heartbeats"_s);
}

// The console holds no Stripe key and builds no Stripe client; a refund still reaches Stripe, through the
// agent, and the console hears of it.
void TestMainWindow::consoleHoldsNoStripeKey()
{
    m_fx.sql(u"DELETE FROM agent_heartbeats"_s);
    auto w = makeFixtureWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"No agent"_s), 15000);
    QVERIFY(qEnvironmentVariableIsEmpty("BURSAR_STRIPE_KEY"));
    QCOMPARE(w->findChildren<Bursar::Stripe::StripeClient*>().size(), 0);
    w->openSettings();
    Bursar::Ui::SettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = findTopLevel<Bursar::Ui::SettingsDialog>()) != nullptr);
    QCOMPARE(dialog->findChildren<Bursar::Stripe::StripeClient*>().size(), 0);
    dialog->reject();

    auto agent = m_fx.agent();
    QTRY_VERIFY_WITH_TIMEOUT(w->agentStatusText().startsWith(u"Agent running"_s), 20000);
    const auto order = m_fx.createOrder(1500);
    QCOMPARE(m_fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_refund(%1, 1500, 'requested_by_customer', 'gui', "
                                         "'gui-no-key-1')"_s.arg(order.id)),
             0);
    QTRY_VERIFY_WITH_TIMEOUT(m_fx.emulator().amountRefunded(order.chargeId) == 1500, 20000);
    QCOMPARE(w->findChildren<Bursar::Stripe::StripeClient*>().size(), 0);
    for (QLabel* l : w->findChildren<QLabel*>())
        QVERIFY2(!l->text().contains(u"sk_test"_s) && !l->toolTip().contains(u"sk_test"_s), qPrintable(l->text()));
    Test::await(agent->agent->stop());
}

void TestMainWindow::switchesPanels()
{
    auto w = makeWindow();
    const QStringList before = w->panelIds();
    QCOMPARE(before.first(), u"overview"_s); // later panels register after the overview
    auto* second = new QLabel(u"second panel"_s);
    w->addPanel(u"second"_s, u"Second"_s, QIcon(), second);
    QCOMPARE(w->panelIds(), before + QStringList{u"second"_s});
    QCOMPARE(w->currentPanelId(), u"overview"_s);

    auto* nav = w->findChild<QListWidget*>(u"navigation"_s);
    auto* stack = w->findChild<QStackedWidget*>(u"panels"_s);
    QVERIFY(nav && stack);
    const int row = nav->count() - 1; // the new entry is the last (hidden entries, e.g. Wallets, are not in panelIds)
    QCOMPARE(nav->item(row)->text(), u"Second"_s);
    QVERIFY(nav->count() >= int(before.size()) + 1);
    nav->scrollToItem(nav->item(row));
    const QRect rect = nav->visualItemRect(nav->item(row));
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(w->currentPanelId(), u"second"_s);
    QCOMPARE(stack->currentWidget(), second);
    QCOMPARE(m_settings->lastPanel(), u"second"_s);

    QVERIFY(w->showPanel(u"overview"_s));
    QCOMPARE(stack->currentWidget(), w->panel(u"overview"_s));
    QVERIFY(!w->showPanel(u"nonexistent"_s));

    // The navigation entry follows the panel's title (panels retranslate their windowTitle).
    second->setWindowTitle(u"Renamed"_s);
    QCOMPARE(nav->item(row)->text(), u"Renamed"_s);
}

void TestMainWindow::settingsDialogValidatesTestsAndCancels()
{
    auto w = makeWindow();
    auto* action = w->findChild<QAction*>(u"actionSettings"_s);
    QVERIFY(action);
    action->trigger();
    Bursar::Ui::SettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = findTopLevel<Bursar::Ui::SettingsDialog>()) != nullptr);
    QVERIFY(dialog->isModal());
    QPointer<Bursar::Ui::SettingsDialog> guard(dialog);

    // BURSAR_DB is set: the dialog says so.
    auto* note = dialog->findChild<QLabel*>(u"environmentNote"_s);
    QVERIFY(note && note->isVisible() && note->text().contains(u"BURSAR_DB"_s));

    // A malformed connection string is reported inline and OK refuses it.
    auto* connection = dialog->findChild<QLineEdit*>(u"connection"_s);
    auto* error = dialog->findChild<QLabel*>(u"connectionError"_s);
    QVERIFY(connection && error);
    connection->setText(u"host=localhost port=seventy"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"port"_s), qPrintable(error->text()));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_settings->database(), QString());

    // A password is never written to the settings file: OK refuses it and says where it belongs.
    connection->setText(u"host=localhost dbname=bursar user=finance password=hunter2"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u".pgpass"_s), qPrintable(error->text()));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_settings->database(), QString());
    connection->setText(u"postgresql://finance:hunter2@localhost/bursar"_s);
    QVERIFY(error->isVisible());
    dialog->accept();
    QVERIFY(dialog->isVisible());
    m_settings->sync();
    QFile file(m_settings->fileName());
    QVERIFY(!file.open(QIODevice::ReadOnly) || !file.readAll().contains("hunter2"));

    // Nothing about Stripe to set: the dialog says that only the Bursar agent reaches Stripe.
    QVERIFY(!dialog->findChild<QLineEdit*>(u"key"_s));
    QVERIFY(!dialog->findChild<QLineEdit*>(u"apiBase"_s));
    for (auto* edit : dialog->findChildren<QLineEdit*>())
        QVERIFY2(edit->echoMode() == QLineEdit::Normal, qPrintable(edit->objectName())); // no secret field
    auto* stripeNote = dialog->findChild<QLabel*>(u"stripeNote"_s);
    QVERIFY(stripeNote && stripeNote->isVisible());
    QVERIFY2(stripeNote->text().contains(u"Bursar agent"_s), qPrintable(stripeNote->text()));

    // "Test connection" answers without blocking.
    QSignalSpy tested(dialog, &Bursar::Ui::SettingsDialog::connectionTested);
    connection->setText(dsnFor(m_db));
    QVERIFY(!error->isVisible());
    Watchdog watchdog;
    dialog->findChild<QPushButton*>(u"testConnection"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 15000);
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
    QVERIFY(tested.at(0).at(1).toString().contains(u"PostgreSQL"_s));
    QVERIFY2(watchdog.longestGapMs() < 200, qPrintable(QString::number(watchdog.longestGapMs())));

    // An unreachable server: a clear failure, also without blocking.
    connection->setText(u"host=127.0.0.1 port=1 dbname=x user=x"_s);
    dialog->findChild<QPushButton*>(u"testConnection"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 15000);
    QVERIFY(!tested.at(1).at(0).toBool());
    QVERIFY2(tested.at(1).at(1).toString().contains(u"Cannot reach"_s), qPrintable(tested.at(1).at(1).toString()));

    // BURSAR_TEST_SCREENSHOTS=DIR keeps a picture of the dialog for review.
    if (const QString dir = qEnvironmentVariable("BURSAR_TEST_SCREENSHOTS"); !dir.isEmpty())
        dialog->grab().save(dir + u"/settings-dialog.png"_s);

    // Cancel: nothing is stored, and the dialog goes away.
    dialog->reject();
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(m_settings->database(), QString());
    QCOMPARE(m_settings->language(), QString());
}

void TestMainWindow::malformedDatabaseShowsMessage()
{
    qputenv("BURSAR_DB", "host=localhost port=notaport");
    auto w = makeWindow();
    QCOMPARE(w->database(), nullptr);
    QTRY_VERIFY(w->banner()->isVisible());
    QVERIFY2(w->banner()->text().contains(u"BURSAR_DB"_s), qPrintable(w->banner()->text()));
    QVERIFY2(w->banner()->text().contains(u"notaport"_s), qPrintable(w->banner()->text()));
    QCOMPARE(w->databaseStatusText(), u"Database not configured"_s);
    QCOMPARE(w->activity()->errorCount(), 1);
    // The banner offers Settings; the window keeps working.
    QStringList buttons;
    for (auto* b : w->banner()->findChildren<QToolButton*>())
        buttons << b->text();
    QVERIFY2(buttons.contains(u"Settings…"_s), qPrintable(buttons.join(u',')));
    QVERIFY(w->showPanel(u"overview"_s));

    // Unknown role in BURSAR_ROLE: same treatment.
    qputenv("BURSAR_DB", dsnFor(m_db).toUtf8());
    qputenv("BURSAR_ROLE", "cashier");
    w->reconnect();
    QVERIFY(w->banner()->text().contains(u"cashier"_s));
    QCOMPARE(w->database(), nullptr);
}

void TestMainWindow::wrongPasswordShowsMessage()
{
    // The cluster trusts its unix socket but asks TCP clients for a password.
    qputenv("BURSAR_DB", u"host=127.0.0.1 port=%1 dbname=%2 user=%3 password=wrong"_s
                             .arg(QString::number(m_db.port), m_db.database, m_db.user)
                             .toUtf8());
    auto w = makeWindow();
    Watchdog watchdog;
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Disconnected"_s), 10000);
    QTRY_VERIFY(w->banner()->isVisible());
    QVERIFY2(w->banner()->text().contains(u"password"_s), qPrintable(w->banner()->text()));
    QVERIFY(!w->banner()->text().contains(u"wrong"_s)); // the password is never shown
    QVERIFY2(watchdog.longestGapMs() < 200, qPrintable(QString::number(watchdog.longestGapMs())));
}

void TestMainWindow::unreachableDatabaseDoesNotBlock()
{
    qputenv("BURSAR_DB", "host=127.0.0.1 port=1 dbname=bursar user=bursar connect_timeout=3");
    QElapsedTimer clock;
    clock.start();
    auto w = makeWindow();
    Watchdog watchdog;
    QVERIFY(w->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(w->banner()->isVisible() && w->banner()->text().contains(u"Cannot reach"_s), 8000);
    QVERIFY(clock.elapsed() < 8000);
    QVERIFY2(w->databaseStatusText().startsWith(u"Disconnected from "_s), qPrintable(w->databaseStatusText()));
    QVERIFY(w->activity()->errorCount() >= 1);
    // Still responsive: panels switch, Retry works and fails again cleanly.
    QVERIFY(w->showPanel(u"overview"_s));
    w->reconnect();
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Disconnected from "_s), 8000);
    QTest::qWait(300);
    QVERIFY2(watchdog.longestGapMs() < 200, qPrintable(QString::number(watchdog.longestGapMs())));
}

// Both workers of the current database are busy for seconds (a slow or hung server); Retry or a new
// database in Settings still answers at once and connects afresh, the old one ending in the background.
void TestMainWindow::reconnectDoesNotWaitForTheOldDatabase()
{
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Connected to "_s), 15000);
    Bursar::Db::Database* old = w->database();
    QVERIFY(old);
    QList<QFuture<QVariant>> busy;
    for (int i = 0; i < 2; ++i)
        busy << old->run([](Bursar::Db::Session& s) { return s.scalar(u"SELECT pg_sleep(3)::text"_s); });
    QTest::qWait(200); // both are running
    Watchdog watchdog;
    QElapsedTimer clock;
    clock.start();
    w->reconnect();
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed()))); // not the 2.8 s left
    QVERIFY(w->database() != old);
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Connected to "_s), 15000);
    QVERIFY(!busy.first().isFinished()); // connected again while the old server was still busy
    QVERIFY2(watchdog.longestGapMs() < 200, qPrintable(QString::number(watchdog.longestGapMs())));
    QTRY_VERIFY_WITH_TIMEOUT(busy.first().isFinished() && busy.last().isFinished(), 10000);
}

void TestMainWindow::keepsLayoutAndLastPanel()
{
    QSize size;
    {
        auto w = makeWindow();
        w->addPanel(u"second"_s, u"Second"_s, QIcon(), new QLabel);
        w->resize(w->minimumSizeHint().expandedTo(QSize(1000, 700)) + QSize(37, 23));
        size = w->size();
        w->showPanel(u"second"_s);
        w->close();
    }
    QVERIFY(!m_settings->windowGeometry().isEmpty());
    QVERIFY(!m_settings->windowState().isEmpty());
    QCOMPARE(m_settings->lastPanel(), u"second"_s);
    auto w = makeWindow();
    QCOMPARE(w->size(), size);
    // The panel shown last is restored when it exists (here it is registered after the restore).
    QCOMPARE(w->currentPanelId(), u"overview"_s);
    QVERIFY(w->showPanel(u"orders"_s) || w->panelIds().size() == 1);
    w->close();
    auto again = makeWindow();
    QCOMPARE(again->currentPanelId(), w->panelIds().size() > 1 ? u"orders"_s : u"overview"_s);

    // A column widened just before the window goes is kept: the panels save their columns as they are
    // destroyed, while the console's context (and its settings) still exists.
    auto* orders = again->panel(u"orders"_s);
    QVERIFY(orders);
    auto* view = orders->findChild<QTableView*>(u"ordersView"_s);
    QVERIFY(view);
    const int width = view->columnWidth(1) + 41;
    view->setColumnWidth(1, width);
    again.reset(); // before the panel's own half-second save
    QVERIFY(!m_settings->headerState(u"orders"_s).isEmpty());
    auto third = makeWindow();
    QCOMPARE(third->panel(u"orders"_s)->findChild<QTableView*>(u"ordersView"_s)->columnWidth(1), width);
}

void TestMainWindow::switchesLanguageLive()
{
    auto w = makeWindow();
    auto* nav = w->findChild<QListWidget*>(u"navigation"_s);
    QCOMPARE(nav->item(0)->text(), u"Overview"_s);
    m_settings->setLanguage(u"fr"_s);
    QTRY_COMPARE(nav->item(0)->text(), u"Vue d’ensemble"_s);
    QCOMPARE(w->findChild<QMenu*>(u"menuFile"_s)->title(), u"&Fichier"_s);
    m_settings->setLanguage(u"en"_s);
    QTRY_COMPARE(nav->item(0)->text(), u"Overview"_s);
    QCOMPARE(w->findChild<QMenu*>(u"menuFile"_s)->title(), u"&File"_s);
}

void TestMainWindow::aboutBoxOpens()
{
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->databaseStatusText().startsWith(u"Connected"_s), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(w->modeBadgeText(), u"TEST"_s, 15000);
    w->about();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = w->findChild<QMessageBox*>(u"aboutBox"_s)) != nullptr);
    QVERIFY(box->text().contains(QStringLiteral(BURSAR_VERSION)));
    QVERIFY(box->informativeText().contains(QString::fromLatin1(qVersion())));
    QVERIFY(box->informativeText().contains(u"TEST"_s));
    QVERIFY(box->informativeText().contains(m_db.database));
    QVERIFY2(box->informativeText().contains(u"No Bursar agent"_s), qPrintable(box->informativeText()));
    box->close();
}

// The status catalogue against the live schema: every value of every status enum in pg_enum, in order
// (tests/unit/TestStatus checks the same against the migration files, and that each has words and a tone).
void TestMainWindow::statusCatalogueMatchesPgEnum()
{
    using Bursar::Core::Status;
    int schemaKinds = 0;
    for (Bursar::Core::StatusKind kind : Status::kinds()) {
        if (Status::enumType(kind).isEmpty())
            continue; // derived by Bursar (WalletCheck)
        ++schemaKinds;
        const QString labels = Test::psql(
            m_db.database, u"SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum "
                           "WHERE enumtypid = '%1'::regtype"_s.arg(Status::enumType(kind)));
        QCOMPARE(Status::codes(kind), labels.split(u','));
    }
    const QStringList types = Test::psql(m_db.database,
                                         u"SELECT typname FROM pg_type WHERE typtype = 'e' AND typnamespace = "
                                         "'public'::regnamespace AND (typname LIKE '%\\_status' OR typname LIKE "
                                         "'%\\_state' OR typname LIKE '%\\_kind') ORDER BY 1"_s)
                                  .split(u'\n');
    QCOMPARE(types.size(), schemaKinds);
}

// The three panels come from the one table, with their shortcuts, all built on the window's context; the
// context says who is signed in and what PostgreSQL lets them do; the Orders detail's "Refund…" reaches the
// Refunds panel through the context (no panel finds another), which comes forward with the refund dialog.
void TestMainWindow::panelsFromOneTableShareOneContext()
{
    auto w = makeFixtureWindow();
    QCOMPARE(w->panelAction(u"refunds"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_3));
    Bursar::Ui::ConsoleContext* context = w->context();
    QVERIFY(context);
    QTRY_VERIFY_WITH_TIMEOUT(context->database() && context->hasStaff(), 15000);
    // Wallets is finance's (migration 0008): built from the table, but support is not offered it
    QCOMPARE(w->panelIds(), (QStringList{u"overview"_s, u"orders"_s, u"refunds"_s, u"events"_s}));
    QVERIFY(w->findChild<QLabel*>(u"failedEventsStatus"_s)); // the failed-events counter of the status bar
    QVERIFY(qobject_cast<Bursar::Ui::WalletsPanel*>(w->panel(u"wallets"_s)));
    QVERIFY(!context->staff().mayReadWallets);
    QVERIFY(!w->panelAction(u"wallets"_s)->isEnabled());
    QVERIFY(!w->showPanel(u"wallets"_s));
    QCOMPARE(context->database(), w->database());
    QVERIFY(context->refunds());
    const Db::StaffMember& staff = context->staff();
    QVERIFY(staff.known);
    QCOMPARE(staff.login, u"t_support"_s);
    QVERIFY(staff.isSupport);
    QVERIFY(staff.mayRequestRefunds);
    QVERIFY(!staff.mayApproveRefunds);
    QVERIFY(staff.mayAddNotes);
    QVERIFY(!staff.mayManageStaff);

    auto* orders = qobject_cast<Bursar::Ui::OrdersPanel*>(w->panel(u"orders"_s));
    auto* refunds = qobject_cast<Bursar::Ui::RefundsPanel*>(w->panel(u"refunds"_s));
    QVERIFY(orders && refunds);
    QCOMPARE(refunds->service(), context->refunds());
    const Test::TestOrder order = m_fx.createOrder(2500);
    w->showPanel(u"orders"_s);
    Q_EMIT orders->detailPane()->refundRequested(order.id);
    QCOMPARE(w->currentPanelId(), u"refunds"_s);
    auto* dialog = refunds->findChild<Bursar::Ui::RefundDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();

    // A new database: every panel hears it from the context, and who is signed in is read again.
    QSignalSpy staffChanged(context, &Bursar::Ui::ConsoleContext::staffChanged);
    w->reconnect();
    QTRY_VERIFY_WITH_TIMEOUT(context->database() && context->hasStaff(), 15000);
    QVERIFY(!staffChanged.isEmpty());
    QCOMPARE(context->staff().login, u"t_support"_s);
}

// Finance signs in: the Wallets panel is listed, with its shortcut, and shows; PostgreSQL said so.
void TestMainWindow::walletsAreListedForFinanceOnly()
{
    qputenv("BURSAR_DB", m_fx.dsn(u"t_finance"_s).toUtf8());
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->context()->hasStaff() && w->context()->staff().known, 20000);
    QVERIFY(w->context()->staff().mayReadWallets);
    QCOMPARE(w->panelIds(), (QStringList{u"overview"_s, u"orders"_s, u"refunds"_s, u"wallets"_s, u"events"_s, u"repair"_s, u"reconcile"_s, u"audit"_s}));
    QCOMPARE(w->panelAction(u"wallets"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
    QVERIFY(w->panelAction(u"wallets"_s)->isEnabled());
    w->panelAction(u"wallets"_s)->trigger();
    QCOMPARE(w->currentPanelId(), u"wallets"_s);

    qputenv("BURSAR_DB", m_fx.dsn(u"t_viewer"_s).toUtf8());
    auto viewer = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->context()->hasStaff() && viewer->context()->staff().known, 20000);
    QVERIFY(!viewer->context()->staff().mayReadWallets);
    QVERIFY(!viewer->panelIds().contains(u"wallets"_s));
    QVERIFY(!viewer->panelIds().contains(u"repair"_s));
    QVERIFY(!viewer->panelIds().contains(u"reconcile"_s));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
