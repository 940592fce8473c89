#pragma once

#include "services/AgentStatus.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

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

namespace Bursar::Ui {

class ActivityDock;
class ActivityModel;
class CommandPalette;
class ConsoleContext;
class MessageBanner;
struct PanelRegistration;

// The console's window: a navigation list on the left switching a stack of panels, the
// Activity dock, a window banner, and a status bar with the database state, the Bursar agent's state
// and the installation's TEST/LIVE badge. Owns the Database (rebuilt when the connection settings
// change). The console holds no Stripe key and never talks to Stripe: the Bursar agent does, and the
// window reads the agents' heartbeats (Services::AgentStatus) every 5 s to say whether requests are
// being sent or wait. Never blocks: data comes through Database::run(...).then(this, ...).
//
// The panels come from one table, consolePanels() (ConsolePanels.cpp: id, title, icon, shortcut, factory);
// each is built with the window's ConsoleContext, from which it gets the database (once its schema is
// known to be this binary's), the services, the staff member, the change feed, activity and settings.
// The window owns the Database and hands it to the context; it never feeds a panel directly, and panels
// reach each other only through the context's intents (requestRefund, requestOrder, ...).
// addPanel(id, title, icon, widget) adds a panel that is not in the table (tests, plugins). The
// navigation entry follows the panel's windowTitle; registered panels get their title retranslated.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Core::Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void addPanel(const QString& id, const QString& title, const QIcon& icon, QWidget* panel,
                  const QKeySequence& shortcut = {});
    ConsoleContext* context() const { return m_context; }
    bool showPanel(const QString& id);
    QString currentPanelId() const;
    QWidget* panel(const QString& id) const;
    QStringList panelIds() const;
    // "Show this panel": the registered shortcut, else Ctrl+1…Ctrl+9 in navigation order (nullptr past the ninth).
    QAction* panelAction(const QString& id) const { return m_panelActions.value(id); }
    // Ctrl+K (and Ctrl+Shift+P): the command palette over the window.
    QAction* commandPaletteAction() const { return m_paletteAction; }
    CommandPalette* commandPalette() const { return m_palette; }

    // The live database, or nullptr when no valid connection is configured.
    Db::Database* database() const;
    ActivityModel* activity() const { return m_activity; }
    MessageBanner* banner() const;
    Core::Settings* settings() const { return m_settings; }

    // Status-bar texts (for tests and the About box).
    QString databaseStatusText() const;
    QString agentStatusText() const; // "Agent running · 2 queued", "No agent since 14:05 — requests wait", ...
    QString modeBadgeText() const;   // "TEST", "LIVE" (the installation's Stripe mode) or empty
    // The last agent status read (nothing before the first answer or when it cannot be read).
    const std::optional<Services::AgentStatus>& agentStatus() const { return m_agent; }

    // Records a failure in the Activity dock; with banner, also shows it in the window banner.
    void reportIssue(const QString& source, const QString& message, bool banner = true,
                     const QString& requestId = {}, const QString& panelId = {});

public Q_SLOTS:
    // Reads the agents' heartbeats (on a database worker); at connect and every 5 s. The status bar,
    // the Activity list and the banner say when no agent runs or it cannot reach Stripe.
    void pollAgent();
    void openSettings();
    void reconnect();
    void about();

Q_SIGNALS:
    // A new Database replaced the previous one (nullptr when the configuration is invalid).
    void databaseChanged(Bursar::Db::Database* database);
    // Emitted once, when the first data (or the first definite failure) has arrived.
    void firstDataArrived();
    // The installation's Stripe mode changed ("test", "live", or "" when not known).
    void installationModeChanged(const QString& mode);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Lists only the panels the signed-in staff member may read (PanelRegistration::mayShow), from the context.
    void updatePanelAccess();
    void setUpStatusBar();
    void connectDatabase();
    void onDatabaseState(Db::ConnectionState state, const QString& detail);
    void onDatabaseOpenFailed(const QString& message);
    void updateDatabaseStatus();
    void onAgentStatus(const std::optional<Services::AgentStatus>& status, const QString& error);
    void updateAgentStatus();
    void setPanelsDatabase(Db::Database* database);
    void restoreLayout();
    void saveLayout();
    void retranslate();
    void markFirstData();

    std::unique_ptr<::Ui::MainWindow> m_ui;
    Core::Settings* m_settings;
    std::unique_ptr<Db::Database> m_db;
    ActivityModel* m_activity;
    ActivityDock* m_activityDock;
    ConsoleContext* m_context;
    QLabel* m_dbStatus;
    QLabel* m_agentStatus;
    QLabel* m_modeBadge;
    QString m_configError;  // why there is no database (malformed BURSAR_DB, unknown role)
    QString m_openError;    // why opening failed (unreachable, wrong password)
    QString m_schemaError; // the schema is newer, or behind and this login cannot migrate it
    bool m_schemaChecked = false; // Migrations::prepare() has answered for this connection
    // The Bursar agent, as its heartbeats say (AgentStatus::read every 5 s).
    enum class AgentState { Unknown, Starting, Healthy, StripeUnreachable, KeyRefused, NotRunning, NeverRan };
    static AgentState agentStateOf(const Services::AgentStatus& a);
    static QString noHeartbeatText();
    std::optional<Services::AgentStatus> m_agent;
    AgentState m_agentState = AgentState::Unknown;
    QString m_agentError;   // why the heartbeats could not be read
    QDateTime m_lastSeenBeat; // the newest heartbeat seen on this database (kept when its row goes)
    QString m_installationMode;
    QString m_agentBanner;  // the "no agent" warning shown in the banner (once per state)
    QTimer* m_agentTimer = nullptr;
    bool m_agentReading = false;
    QString m_identity;     // the role the database gives us ("support", or the user name)
    QHash<QString, const PanelRegistration*> m_registered; // the panels built from consolePanels()
    QAction* m_settingsAction = nullptr;
    QAction* m_retryAction = nullptr;
    QAction* m_paletteAction = nullptr;
    CommandPalette* m_palette = nullptr;
    QHash<QString, QAction*> m_panelActions;
    quint64 m_dbGeneration = 0;
    bool m_firstData = false;
    bool m_layoutRestored = false;
};

} // namespace Bursar::Ui
