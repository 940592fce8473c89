#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QTimer;
class QListWidgetItem;

namespace Ui {
class MainWindow;
}

namespace Bursar::Core {
class Settings;
}
namespace Bursar::Db {
class Database;
enum class ConnectionState;
} // namespace Bursar::Db
namespace Bursar::Stripe {
class StripeClient;
}

namespace Bursar::Ui {

class ActivityDock;
class ActivityModel;
class MessageBanner;
class OverviewPanel;
class StripeKeyStore;

// The console's window: a navigation list on the left switching a stack of panels, the
// Activity dock, a window banner, and a status bar with the database state, the Stripe key state
// and the TEST/LIVE badge. Owns the Database (rebuilt when the connection settings change) and the
// StripeKeyStore. Never blocks: data comes through Database::run(...).then(this, ...).
//
// Panels are added by id, in navigation order; the window owns them:
//   auto* orders = new OrdersPanel(window.database());
//   window.addPanel(u"orders"_s, tr("Orders"), QIcon::fromTheme(u"view-list-details"_s), orders);
//   connect(&window, &MainWindow::databaseChanged, orders, &OrdersPanel::setDatabase);
// The navigation entry follows the panel's windowTitle, so a panel that retranslates its
// windowTitle on QEvent::LanguageChange gets a retranslated entry.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Core::Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void addPanel(const QString& id, const QString& title, const QIcon& icon, QWidget* panel);
    bool showPanel(const QString& id);
    QString currentPanelId() const;
    QWidget* panel(const QString& id) const;
    QStringList panelIds() const;

    // The live database, or nullptr when no valid connection is configured.
    Db::Database* database() const;
    StripeKeyStore* stripeKeys() const { return m_keys; }
    ActivityModel* activity() const { return m_activity; }
    MessageBanner* banner() const;
    Core::Settings* settings() const { return m_settings; }

    // Status-bar texts (for tests and the About box).
    QString databaseStatusText() const;
    QString stripeStatusText() const;
    QString modeBadgeText() const; // "TEST", "LIVE" or empty

    // Records a failure in the Activity dock; with banner, also shows it in the window banner.
    void reportIssue(const QString& source, const QString& message, bool banner = true,
                     const QString& requestId = {}, const QString& panelId = {});

public Q_SLOTS:
    // Asks Stripe (or the emulator) whether it answers and knows the key; at start, at a key or
    // settings change and every minute. The status bar and the banner say when it does not.
    void probeStripe();
    void openSettings();
    void reconnect();
    void about();

Q_SIGNALS:
    // A new Database replaced the previous one (nullptr when the configuration is invalid).
    void databaseChanged(Bursar::Db::Database* database);
    // Emitted once, when the first data (or the first definite failure) has arrived.
    void firstDataArrived();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void setUpStatusBar();
    void connectDatabase();
    void onDatabaseState(Db::ConnectionState state, const QString& detail);
    void onDatabaseOpenFailed(const QString& message);
    void updateDatabaseStatus();
    void updateStripeStatus();
    void fetchIdentity();
    void restoreLayout();
    void saveLayout();
    void retranslate();
    void markFirstData();

    std::unique_ptr<::Ui::MainWindow> m_ui;
    Core::Settings* m_settings;
    std::unique_ptr<Db::Database> m_db;
    StripeKeyStore* m_keys;
    ActivityModel* m_activity;
    ActivityDock* m_activityDock;
    OverviewPanel* m_overview;
    QLabel* m_dbStatus;
    QLabel* m_stripeStatus;
    QLabel* m_modeBadge;
    QString m_configError;  // why there is no database (malformed BURSAR_DB, unknown role)
    QString m_openError;    // why opening failed (unreachable, wrong password)
    QString m_schemaError; // the schema is newer, or behind and this login cannot migrate it
    bool m_schemaChecked = false; // Migrations::prepare() has answered for this connection
    QString m_stripeWarning; // the last Stripe warning put in the Activity list
    enum class StripeReach { Unknown, Reachable, KeyRejected, Unreachable };
    StripeReach m_stripeReach = StripeReach::Unknown;
    QString m_stripeReachDetail; // why not reachable, in words
    std::unique_ptr<Stripe::StripeClient> m_stripeProbe;
    QString m_stripeProbeFor; // key + API base the probe client was made for
    quint64 m_stripeProbeGeneration = 0;
    QTimer* m_stripeTimer = nullptr;
    QString m_identity;     // the role the database gives us ("support", or the user name)
    QAction* m_settingsAction = nullptr;
    QAction* m_retryAction = nullptr;
    quint64 m_dbGeneration = 0;
    bool m_firstData = false;
    bool m_layoutRestored = false;
};

} // namespace Bursar::Ui
