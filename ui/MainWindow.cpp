#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "ActivityDock.h"
#include "ActivityModel.h"
#include "CommandPalette.h"
#include "ConsoleContext.h"
#include "EventsStatusLabel.h"
#include "ConsolePanels.h"
#include "MessageBanner.h"
#include "SettingsDialog.h"
#include "Translations.h"

#include "core/Settings.h"
#include "db/Database.h"
#include "db/Migrations.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPixmap>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcUi, "bursar.ui")

namespace Bursar::Ui {

namespace {
constexpr int PanelIdRole = Qt::UserRole + 1;

// Status colours: one table, used by the status bar and the badge.
const QString colourOk = u"#2e7d32"_s;
const QString colourAmber = u"#b26a00"_s;
const QString colourRed = u"#c62828"_s;
const QString colourTest = u"#ef6c00"_s;

QString licenceLine()
{
    return QCoreApplication::translate("Bursar::Ui::MainWindow",
                                       "Bursar is free software under the GNU General Public License, "
                                       "version 3 or later.");
}
} // namespace

MainWindow::MainWindow(Core::Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<::Ui::MainWindow>())
    , m_settings(settings)
    , m_activity(new ActivityModel(this))
    , m_activityDock(nullptr)
    , m_context(new ConsoleContext(settings, m_activity, this))
    , m_dbStatus(new QLabel(this))
    , m_agentStatus(new QLabel(this))
    , m_modeBadge(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(u":/icons/bursar.svg"_s));
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({190, 1000});
    m_ui->navigation->setFrameShape(QFrame::NoFrame);
    m_ui->navigation->setStyleSheet(u"QListWidget#navigation { background: palette(window); }"
                                    "QListWidget#navigation::item { padding: 6px 4px; }"_s);

    m_activityDock = new ActivityDock(m_activity, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_activityDock);
    m_activityDock->hide(); // shown when something goes wrong, or from the View menu
    m_ui->menuView->addAction(m_activityDock->toggleViewAction());
    m_ui->menuView->addSeparator();

    m_palette = new CommandPalette(this);
    m_paletteAction = new QAction(this);
    m_paletteAction->setObjectName(u"actionCommandPalette"_s);
    m_paletteAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    m_paletteAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_paletteAction, &QAction::triggered, m_palette, &CommandPalette::popup);
    m_ui->menuView->insertAction(m_ui->actionRefresh, m_paletteAction);
    addAction(m_paletteAction);
    connect(m_activityDock, &ActivityDock::jumpRequested, this, [this](const QString& id) { showPanel(id); });

    m_settingsAction = new QAction(this);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_retryAction = new QAction(this);
    connect(m_retryAction, &QAction::triggered, this, &MainWindow::reconnect);

    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_ui->actionReconnect, &QAction::triggered, this, &MainWindow::reconnect);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::about);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_ui->navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_ui->panels->setCurrentIndex(row);
        if (m_layoutRestored) // not while panels register: that would overwrite the panel to restore
            m_settings->setLastPanel(currentPanelId());
    });

    m_context->setPanelShower(
        [this](QWidget* panel) {
            const int index = m_ui->panels->indexOf(panel);
            if (index < 0)
                return false;
            m_ui->navigation->setCurrentRow(index);
            return true;
        },
        [this](const QString& id) { return showPanel(id); });
    connect(m_ui->actionRefresh, &QAction::triggered, m_context, &ConsoleContext::requestRefresh);
    connect(m_context, &ConsoleContext::issueReported, this,
            [this](const QString& source, const QString& message, const QString& panelId, bool banner) {
                reportIssue(source, message, banner, {}, panelId);
            });
    connect(m_context, &ConsoleContext::dataShown, this, &MainWindow::markFirstData);
    connect(m_context, &ConsoleContext::staffChanged, this, [this](const Db::StaffMember& staff) {
        if (m_db && !m_db->config().role.isEmpty())
            m_identity = m_db->config().role;
        else
            m_identity = staff.currentUser.startsWith(u"bursar_"_s) ? staff.currentUser.mid(7) : staff.currentUser;
        updateDatabaseStatus();
        updatePanelAccess();
    });
    for (const PanelRegistration& p : consolePanels()) {
        addPanel(p.id, p.translatedTitle(), p.icon(), p.create(*m_context), p.shortcut);
        m_registered.insert(p.id, &p);
    }
    updatePanelAccess(); // before PostgreSQL has said who is signed in: only the panels for everyone

    setUpStatusBar();
    // An agent beats every 5 s; reading as often shows a stopped agent within 25 s (20 s stale + one poll).
    m_agentTimer = new QTimer(this);
    m_agentTimer->setInterval(std::chrono::seconds(5));
    connect(m_agentTimer, &QTimer::timeout, this, &MainWindow::pollAgent);
    connect(m_settings, &Core::Settings::languageChanged, this,
            [this] { installTranslations(m_settings->language()); });

    retranslate();
    restoreLayout();
    connectDatabase();
}

MainWindow::~MainWindow()
{
    // What goes first matters. 1. The databases (this one and any retired by a reconnect), so that no
    // worker thread finishes a query for a panel that is already gone: Qt 6.4 posts a result to its
    // receiver from the worker's thread without a safe check that the receiver still exists.
    // 2. The widgets: the panels read the context as they go (a table saves its columns into the
    // settings). 3. The context, which was made before the panels and would otherwise go first.
    m_context->setDatabase(nullptr);
    m_db.reset();
    qDeleteAll(findChildren<Db::Database*>(Qt::FindDirectChildrenOnly));
    QList<QPointer<QWidget>> widgets;
    for (QWidget* w : findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        widgets << w;
    for (const QPointer<QWidget>& w : std::as_const(widgets))
        delete w.data();
}

void MainWindow::setPanelsDatabase(Db::Database* database)
{
    if (database && !database->config().role.isEmpty())
        m_identity = database->config().role; // SET ROLE: known before the database answers
    m_context->setDatabase(database);
    Q_EMIT databaseChanged(database);
}

void MainWindow::addPanel(const QString& id, const QString& title, const QIcon& icon, QWidget* panel,
                          const QKeySequence& shortcut)
{
    Q_ASSERT(!MainWindow::panel(id));
    if (panel->windowTitle().isEmpty())
        panel->setWindowTitle(title);
    panel->setObjectName(panel->objectName().isEmpty() ? id + u"Panel"_s : panel->objectName());
    // A panel without an icon gets an empty one so that every entry's text lines up.
    QIcon shown = icon;
    if (shown.isNull()) {
        QPixmap blank(m_ui->navigation->iconSize());
        blank.fill(Qt::transparent);
        shown = QIcon(blank);
    }
    auto* item = new QListWidgetItem(shown, title);
    item->setData(PanelIdRole, id);
    item->setToolTip(title);
    m_ui->navigation->addItem(item);
    m_ui->panels->addWidget(panel);
    if (!shortcut.isEmpty() || m_panelActions.size() < 9) {
        auto* show = new QAction(title, this);
        show->setObjectName(id + u"PanelAction"_s);
        show->setProperty("panelId", id);
        show->setShortcut(!shortcut.isEmpty() ? shortcut : QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + m_panelActions.size())));
        connect(show, &QAction::triggered, this, [this, id] { showPanel(id); });
        m_ui->menuView->addAction(show);
        m_panelActions.insert(id, show);
    }
    connect(panel, &QWidget::windowTitleChanged, this, [this, id](const QString& text) {
        for (int i = 0; i < m_ui->navigation->count(); ++i) {
            QListWidgetItem* it = m_ui->navigation->item(i);
            if (it->data(PanelIdRole).toString() == id) {
                it->setText(text);
                it->setToolTip(text);
            }
        }
        if (QAction* a = m_panelActions.value(id))
            a->setText(text);
    });
    if (m_ui->navigation->currentRow() < 0)
        m_ui->navigation->setCurrentRow(0);
}

void MainWindow::updatePanelAccess()
{
    const Db::StaffMember& staff = m_context->staff();
    bool currentHidden = false;
    for (int i = 0; i < m_ui->navigation->count(); ++i) {
        QListWidgetItem* item = m_ui->navigation->item(i);
        const QString id = item->data(PanelIdRole).toString();
        const PanelRegistration* p = m_registered.value(id);
        const bool shown = !p || !p->mayShow || (m_context->hasStaff() && p->mayShow(staff));
        item->setHidden(!shown);
        if (QAction* a = m_panelActions.value(id)) {
            a->setVisible(shown);
            a->setEnabled(shown);
        }
        currentHidden = currentHidden || (!shown && m_ui->navigation->currentRow() == i);
    }
    if (currentHidden)
        m_ui->navigation->setCurrentRow(0);
}

bool MainWindow::showPanel(const QString& id)
{
    for (int i = 0; i < m_ui->navigation->count(); ++i) {
        if (m_ui->navigation->item(i)->data(PanelIdRole).toString() == id && !m_ui->navigation->item(i)->isHidden()) {
            m_ui->navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPanelId() const
{
    const QListWidgetItem* item = m_ui->navigation->currentItem();
    return item ? item->data(PanelIdRole).toString() : QString();
}

QWidget* MainWindow::panel(const QString& id) const
{
    for (int i = 0; i < m_ui->navigation->count(); ++i)
        if (m_ui->navigation->item(i)->data(PanelIdRole).toString() == id)
            return m_ui->panels->widget(i);
    return nullptr;
}

QStringList MainWindow::panelIds() const
{
    QStringList ids;
    for (int i = 0; i < m_ui->navigation->count(); ++i)
        if (!m_ui->navigation->item(i)->isHidden()) // not the panels this staff member may not read
            ids << m_ui->navigation->item(i)->data(PanelIdRole).toString();
    return ids;
}

Db::Database* MainWindow::database() const
{
    return m_db.get();
}

MessageBanner* MainWindow::banner() const
{
    return m_ui->banner;
}

void MainWindow::reportIssue(const QString& source, const QString& message, bool banner, const QString& requestId,
                             const QString& panelId)
{
    // libpq puts line breaks and tabs in its messages; one line reads better in a banner and a list.
    const QString text = message.simplified();
    m_activity->add(ActivityModel::Severity::Error, source, text, requestId, panelId);
    if (banner)
        m_ui->banner->showMessage(text, MessageBanner::Type::Error, {m_retryAction, m_settingsAction});
}

// ------------------------------------------------------------------------------------------ database

void MainWindow::connectDatabase()
{
    ++m_dbGeneration;
    m_configError.clear();
    m_openError.clear();
    m_schemaError.clear();
    m_schemaChecked = false;
    m_identity.clear();
    m_agentTimer->stop();
    m_agentReading = false;
    m_agent.reset();
    m_lastSeenBeat = {};
    m_agentError.clear();
    m_agentState = AgentState::Unknown;
    if (!m_installationMode.isEmpty()) {
        m_installationMode.clear(); // another database may be another installation
        m_context->setInstallationMode(m_installationMode);
        Q_EMIT installationModeChanged(m_installationMode);
    }
    updateAgentStatus();
    std::unique_ptr<Db::Database> previous = std::move(m_db);

    QString error;
    Db::ConnectionConfig config = Db::ConnectionConfig::parse(m_settings->effectiveDatabase(), &error);
    const bool fromEnvironment = m_settings->isOverridden(Core::Settings::Key::Database);
    if (!error.isEmpty() && fromEnvironment)
        error = tr("BURSAR_DB is not usable. %1").arg(error);
    if (error.isEmpty()) {
        const QString role = m_settings->effectiveRole();
        if (!role.isEmpty() && !Db::ConnectionConfig::isKnownRole(role))
            error = tr("The role \"%1\" is unknown; use support, finance, admin or viewer.").arg(role);
        config.role = role;
    }

    if (!error.isEmpty()) {
        m_configError = error;
        setPanelsDatabase(nullptr);
        Db::Database::retire(std::move(previous), this);
        qCWarning(lcUi) << "no database:" << error;
        reportIssue(tr("Database"), error);
        updateDatabaseStatus();
        markFirstData();
        return;
    }

    m_db = std::make_unique<Db::Database>(config);
    connect(m_db.get(), &Db::Database::stateChanged, this, &MainWindow::onDatabaseState);
    // The panels get the new database once its schema is known to be this binary's (below).
    setPanelsDatabase(nullptr);
    Db::Database::retire(std::move(previous), this); // the old server may be slow to answer: never wait for it here
    updateDatabaseStatus();

    const quint64 generation = m_dbGeneration;
    // Connected, then the schema: a newer one is refused, a missing migration applied when this login
    // owns the database (otherwise the message says who must run bursar-cli migrate).
    m_db->open()
        .then(this,
              [this, generation] {
                  if (generation != m_dbGeneration)
                      return QFuture<QList<int>>();
                  return Db::Migrations::prepare(m_db.get());
              })
        .unwrap()
        .then(this,
              [this, generation](const QList<int>& applied) {
                  if (generation != m_dbGeneration)
                      return;
                  m_schemaChecked = true;
                  setPanelsDatabase(m_db.get()); // the context reads who is signed in (staffChanged)
                  if (!applied.isEmpty())
                      m_activity->add(ActivityModel::Severity::Info, tr("Database"),
                                      tr("Applied %n schema migration(s).", nullptr, int(applied.size())));
                  m_openError.clear();
                  if (m_ui->banner->type() == MessageBanner::Type::Error)
                      m_ui->banner->dismiss();
                  m_activity->add(ActivityModel::Severity::Info, tr("Database"),
                                  tr("Connected to %1.").arg(m_db->config().displayName()));
                  updateDatabaseStatus();
                  pollAgent();
                  m_agentTimer->start();
              })
        .onFailed(this,
                  [this, generation](const Db::Error& e) {
                      if (generation != m_dbGeneration)
                          return;
                      if (e.kind() == Db::Error::Kind::Schema) {
                          // Nothing may read or write a schema this binary does not understand.
                          m_schemaError = e.message();
                      }
                      onDatabaseOpenFailed(e.message());
                  })
        .onFailed(this, [this, generation] {
            if (generation == m_dbGeneration)
                onDatabaseOpenFailed(tr("The database could not be opened."));
        });
}

void MainWindow::reconnect()
{
    connectDatabase();
}

void MainWindow::onDatabaseOpenFailed(const QString& message)
{
    m_openError = message;
    qCWarning(lcUi) << "database:" << message;
    reportIssue(tr("Database"), message);
    updateDatabaseStatus();
    markFirstData();
}

void MainWindow::onDatabaseState(Db::ConnectionState state, const QString& detail)
{
    switch (state) {
    case Db::ConnectionState::Connected:
        if (!m_openError.isEmpty() && m_schemaError.isEmpty()) {
            m_openError.clear();
            if (m_ui->banner->type() == MessageBanner::Type::Error)
                m_ui->banner->dismiss();
            m_context->refreshStaff();
        }
        break;
    case Db::ConnectionState::Reconnecting:
        m_activity->add(ActivityModel::Severity::Warning, tr("Database"),
                        detail.isEmpty() ? tr("Lost the connection to the database; reconnecting…") : detail);
        break;
    case Db::ConnectionState::Disconnected:
        if (!detail.isEmpty() && detail != m_openError) {
            m_openError = detail;
            reportIssue(tr("Database"), detail);
        }
        break;
    case Db::ConnectionState::Connecting:
        break;
    }
    updateDatabaseStatus();
}

QString MainWindow::databaseStatusText() const
{
    if (!m_configError.isEmpty())
        return tr("Database not configured");
    if (!m_db)
        return tr("Disconnected");
    const QString name = m_db->config().displayName();
    if (!m_schemaError.isEmpty())
        return tr("Schema of %1 not usable").arg(name); // the reason is in the tooltip and the banner
    if (!m_openError.isEmpty() && m_db->state() != Db::ConnectionState::Connected)
        return tr("Disconnected from %1").arg(name);
    switch (m_db->state()) {
    case Db::ConnectionState::Connected:
        if (!m_schemaChecked)
            return tr("Checking the schema of %1…").arg(name);
        return m_identity.isEmpty() ? tr("Connected to %1").arg(name)
                                    : tr("Connected to %1 as %2").arg(name, m_identity);
    case Db::ConnectionState::Connecting:
        return tr("Connecting to %1…").arg(name);
    case Db::ConnectionState::Reconnecting:
        return tr("Reconnecting to %1…").arg(name);
    case Db::ConnectionState::Disconnected:
        // Workers connect on their first job: before open() answers, "Disconnected" means "not yet".
        return m_db ? tr("Connecting to %1…").arg(name) : tr("Disconnected");
    }
    return {};
}

void MainWindow::updateDatabaseStatus()
{
    QString colour;
    if (!m_configError.isEmpty() || !m_schemaError.isEmpty()
        || (!m_openError.isEmpty() && m_db && m_db->state() != Db::ConnectionState::Connected))
        colour = colourRed;
    else if (m_db && m_db->state() == Db::ConnectionState::Reconnecting)
        colour = colourAmber;
    else if (m_db && m_db->state() == Db::ConnectionState::Connected)
        colour = colourOk;
    const QString text = databaseStatusText();
    const QString dot = colour.isEmpty() ? u"○"_s : u"<span style=\"color:%1\">●</span>"_s.arg(colour);
    const QString body = colour == colourOk || colour.isEmpty()
        ? text.toHtmlEscaped()
        : u"<span style=\"color:%1\">%2</span>"_s.arg(colour, text.toHtmlEscaped());
    m_dbStatus->setText(dot + u"&nbsp;"_s + body);
    QString tip = !m_configError.isEmpty() ? m_configError : !m_schemaError.isEmpty() ? m_schemaError : m_openError;
    if (tip.isEmpty() && m_db)
        tip = m_db->config().redacted();
    m_dbStatus->setToolTip(tip);
}

// ------------------------------------------------------------------------------------------ agent

MainWindow::AgentState MainWindow::agentStateOf(const Services::AgentStatus& a)
{
    if (!a.lastBeat.isValid())
        return AgentState::NeverRan;
    if (!a.isRunning())
        return AgentState::NotRunning;
    if (a.isHealthy())
        return AgentState::Healthy;
    // An agent beats once before its first Stripe probe has answered: not reachable, and no error yet.
    if (!a.stripeReachable && a.lastError.isEmpty())
        return AgentState::Starting;
    return a.stripeReachable ? AgentState::KeyRefused : AgentState::StripeUnreachable;
}

QString MainWindow::noHeartbeatText()
{
    return tr("No Bursar agent is running: none has sent a heartbeat to this database (an agent that stops "
              "cleanly removes its own).");
}

QString MainWindow::modeBadgeText() const
{
    if (m_installationMode == u"test")
        //: Stripe test mode badge in the status bar; keep it short
        return tr("TEST");
    if (m_installationMode == u"live")
        //: Stripe live mode badge in the status bar (real money); keep it short
        return tr("LIVE");
    return {};
}

QString MainWindow::agentStatusText() const
{
    switch (m_agentState) {
    case AgentState::Unknown:
        return m_agentError.isEmpty() || !m_db ? QString() : tr("Agent state unknown");
    case AgentState::Starting:
        return tr("Agent starting: checking Stripe…");
    case AgentState::Healthy:
        //: %1 journal operations waiting to be sent (0 when idle)
        return tr("Agent running · %1 queued").arg(m_agent->queueDepth);
    case AgentState::StripeUnreachable:
        return tr("Agent cannot reach Stripe — requests wait");
    case AgentState::KeyRefused:
        return tr("Stripe refuses the agent's key — requests wait");
    case AgentState::NotRunning: {
        const QDateTime last = m_agent->lastBeat.toLocalTime();
        const QString when = last.date() == QDate::currentDate()
            ? QLocale().toString(last.time(), QLocale::ShortFormat)
            : QLocale().toString(last, QLocale::ShortFormat);
        //: %1 the time (or date and time) of the last heartbeat of a Bursar agent
        return tr("No agent since %1 — requests wait").arg(when);
    }
    case AgentState::NeverRan: // no heartbeat row: none ran, or the last one stopped cleanly (and removed it)
        return tr("No agent running — requests wait");
    }
    return {};
}

void MainWindow::pollAgent()
{
    if (!m_db || !m_schemaChecked || m_agentReading)
        return;
    m_agentReading = true; // a slow server: one read at a time, never a queue of them
    const quint64 generation = m_dbGeneration;
    Services::AgentStatus::read(m_db.get())
        .then(this,
              [this, generation](const Services::AgentStatus& a) {
                  if (generation != m_dbGeneration)
                      return;
                  m_agentReading = false;
                  onAgentStatus(a, {});
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_dbGeneration)
                return;
            m_agentReading = false;
            onAgentStatus(std::nullopt, e.message().simplified());
        })
        .onFailed(this, [this, generation] {
            if (generation != m_dbGeneration)
                return;
            m_agentReading = false;
            onAgentStatus(std::nullopt, tr("The agents' heartbeats could not be read."));
        });
}

void MainWindow::onAgentStatus(const std::optional<Services::AgentStatus>& read, const QString& error)
{
    const AgentState before = m_agentState;
    std::optional<Services::AgentStatus> status = read;
    // An agent that stops cleanly removes its heartbeat row: the last beat seen here still tells since when.
    if (status && status->lastBeat.isValid())
        m_lastSeenBeat = status->lastBeat;
    else if (status && m_lastSeenBeat.isValid())
        status->lastBeat = m_lastSeenBeat;
    m_agent = status;
    m_agentError = error;
    // A failed read (the connection dropped) keeps the mode: the installation did not change.
    if (status && status->installationMode != m_installationMode) {
        m_installationMode = status->installationMode;
        m_context->setInstallationMode(m_installationMode);
        Q_EMIT installationModeChanged(m_installationMode);
    }
    m_agentState = status ? agentStateOf(*status) : AgentState::Unknown;
    if (m_agentState != before) {
        const QString source = tr("Bursar agent");
        switch (m_agentState) {
        case AgentState::Healthy:
            if (before != AgentState::Unknown && before != AgentState::Starting)
                m_activity->add(ActivityModel::Severity::Info, source,
                                tr("The Bursar agent runs and reaches Stripe: requests are sent again."));
            break;
        case AgentState::StripeUnreachable:
        case AgentState::KeyRefused:
        case AgentState::NotRunning:
            m_activity->add(ActivityModel::Severity::Warning, source, m_agent->describe());
            break;
        case AgentState::NeverRan:
            m_activity->add(ActivityModel::Severity::Warning, source, noHeartbeatText());
            break;
        case AgentState::Unknown:
            if (!error.isEmpty())
                m_activity->add(ActivityModel::Severity::Warning, source,
                                tr("The state of the Bursar agent cannot be read: %1").arg(error));
            break;
        case AgentState::Starting:
            break;
        }
    }
    updateAgentStatus();
}

void MainWindow::updateAgentStatus()
{
    const QString text = agentStatusText();
    bool warn = false;
    QString colour;
    switch (m_agentState) {
    case AgentState::Healthy:
        colour = colourOk;
        break;
    case AgentState::StripeUnreachable:
    case AgentState::KeyRefused:
    case AgentState::NotRunning:
    case AgentState::NeverRan:
        warn = true;
        break;
    case AgentState::Unknown:
    case AgentState::Starting:
        break;
    }
    if (text.isEmpty())
        m_agentStatus->clear();
    else if (warn)
        m_agentStatus->setText(u"<span style=\"color:%1\">⚠&nbsp;%2</span>"_s.arg(colourAmber, text.toHtmlEscaped()));
    else if (!colour.isEmpty())
        m_agentStatus->setText(u"<span style=\"color:%1\">●</span>&nbsp;%2"_s.arg(colour, text.toHtmlEscaped()));
    else
        m_agentStatus->setText(u"○&nbsp;"_s + text.toHtmlEscaped());
    m_agentStatus->setVisible(!text.isEmpty());
    QString tip = m_agentState == AgentState::NeverRan ? noHeartbeatText() : m_agent ? m_agent->describe() : m_agentError;
    if (m_agent && m_agent->isRunning() && !m_agent->agentId.isEmpty())
        tip += u'\n' + tr("Last heartbeat from %1 at %2.")
                           .arg(m_agent->agentId, QLocale().toString(m_agent->lastBeat.toLocalTime().time(), QLocale::LongFormat));
    m_agentStatus->setToolTip(tip);

    const QString badge = modeBadgeText();
    const bool live = m_installationMode == u"live";
    m_modeBadge->setVisible(!badge.isEmpty());
    m_modeBadge->setText(badge);
    m_modeBadge->setToolTip(live ? tr("Live installation: actions move real money.")
                                 : tr("Test installation: no real money moves."));
    m_modeBadge->setStyleSheet(u"QLabel { background: %1; color: white; font-weight: bold; border-radius: 3px;"
                               " padding: 1px 8px; margin: 2px; }"_s.arg(live ? colourRed : colourTest));

    // While no agent runs, requests are recorded and wait: say so in the window banner, without hiding a
    // database failure (an Error banner).
    const bool noAgent = m_agentState == AgentState::NotRunning || m_agentState == AgentState::NeverRan;
    if (noAgent) {
        const QString message = m_agentState == AgentState::NeverRan
            ? tr("Refunds are recorded and wait: no Bursar agent is running. Start one with \"bursar-cli agent\" "
                 "where the Stripe key is kept.")
            : tr("Refunds are recorded and wait: no Bursar agent is running since %1. They are sent when an "
                 "agent runs again.")
                  .arg(QLocale().toString(m_agent->lastBeat.toLocalTime(), QLocale::ShortFormat));
        // Once per state: a banner the user closed stays closed until the agent's state changes.
        const bool errorShown = !m_ui->banner->isHidden() && m_ui->banner->type() == MessageBanner::Type::Error;
        if (message != m_agentBanner && !errorShown) {
            m_ui->banner->showMessage(message, MessageBanner::Type::Warning);
            m_agentBanner = message;
        }
    } else if (!m_agentBanner.isEmpty()) {
        if (!m_ui->banner->isHidden() && m_ui->banner->type() == MessageBanner::Type::Warning
            && m_ui->banner->text() == m_agentBanner)
            m_ui->banner->dismiss();
        m_agentBanner.clear();
    }
}

// ------------------------------------------------------------------------------------------ window

void MainWindow::setUpStatusBar()
{
    m_dbStatus->setObjectName(u"databaseStatus"_s);
    m_dbStatus->setTextFormat(Qt::RichText);
    m_agentStatus->setObjectName(u"agentStatus"_s);
    m_agentStatus->setTextFormat(Qt::RichText);
    m_agentStatus->hide();
    m_modeBadge->setObjectName(u"modeBadge"_s);
    m_modeBadge->hide();
    statusBar()->addWidget(m_dbStatus, 1);
    statusBar()->addPermanentWidget(new EventsStatusLabel(*m_context, this)); // failed Stripe events: opens Events
    statusBar()->addPermanentWidget(m_agentStatus);
    statusBar()->addPermanentWidget(m_modeBadge);
}

void MainWindow::openSettings()
{
    if (auto* existing = findChild<SettingsDialog*>()) {
        existing->raise();
        existing->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->connectionChanged())
            reconnect();
    });
    dialog->open();
}

void MainWindow::about()
{
    const QString db = m_db ? m_db->config().displayName() : tr("none");
    QString mode = modeBadgeText();
    if (mode.isEmpty())
        mode = tr("not known yet");
    const QString agent = m_agentState == AgentState::NeverRan ? noHeartbeatText()
        : m_agent                                              ? m_agent->describe()
                                                               : tr("not known yet");
    auto* box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"aboutBox"_s);
    box->setWindowTitle(tr("About Bursar"));
    box->setIconPixmap(QIcon(u":/icons/bursar.svg"_s).pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(u"<h3>Bursar %1</h3><p>%2</p>"_s.arg(QStringLiteral(BURSAR_VERSION),
                                                      tr("Back-office console for Stripe marketplaces.")));
    box->setInformativeText(u"<table>"
                            "<tr><td>%1&nbsp;</td><td>%2</td></tr>"
                            "<tr><td>%3&nbsp;</td><td>%4 (%5)</td></tr>"
                            "<tr><td>%6&nbsp;</td><td>%7</td></tr>"
                            "<tr><td>%8&nbsp;</td><td>%9</td></tr>"
                            "</table><p>%10</p>"_s.arg(tr("Qt"), QString::fromLatin1(qVersion()), tr("Database"),
                                                       db.toHtmlEscaped(), databaseStatusText().toHtmlEscaped(),
                                                       tr("Stripe mode"), mode.toHtmlEscaped(), tr("Bursar agent"),
                                                       agent.toHtmlEscaped())
                                .arg(licenceLine()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_settings->windowState();
    if (!state.isEmpty())
        restoreState(state);
    showPanel(m_settings->lastPanel());
    m_layoutRestored = true;
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setLastPanel(currentPanelId());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Bursar"));
    // The navigation entries and "show" actions follow the titles (windowTitleChanged in addPanel).
    for (auto it = m_registered.cbegin(); it != m_registered.cend(); ++it)
        if (QWidget* p = panel(it.key()))
            p->setWindowTitle(it.value()->translatedTitle());
    m_settingsAction->setText(tr("Settings…"));
    m_retryAction->setText(tr("Retry"));
    m_paletteAction->setText(tr("Command palette…"));
    m_paletteAction->setToolTip(tr("Go to a panel, run an action, or open an order, charge, payment intent, "
                                   "seller, dispute or payout by its id"));
    updateDatabaseStatus();
    updateAgentStatus();
}

void MainWindow::markFirstData()
{
    if (m_firstData)
        return;
    m_firstData = true;
    Q_EMIT firstDataArrived();
}

} // namespace Bursar::Ui
