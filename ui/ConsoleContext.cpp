#include "ConsoleContext.h"

#include "core/Settings.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "services/RefundService.h"

#include <QLoggingCategory>

namespace Bursar::Ui {

Q_LOGGING_CATEGORY(lcContext, "bursar.ui.context")

ConsoleContext::ConsoleContext(Core::Settings* settings, ActivityModel* activity, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_activity(activity)
    , m_changes(new Db::ChangeFeed(this))
{
    if (m_settings)
        connect(m_settings, &Core::Settings::roleChanged, this, &ConsoleContext::refreshStaff);
}

ConsoleContext::~ConsoleContext() = default;

Db::Database* ConsoleContext::database() const
{
    return m_db;
}

void ConsoleContext::setDatabase(Db::Database* database)
{
    if (m_db == database)
        return;
    if (m_db)
        disconnect(m_db, nullptr, this, nullptr);
    m_db = database;
    m_refunds.reset();
    if (m_db) {
        m_refunds = std::make_unique<Services::RefundService>(m_db);
        // Back after a lost connection: the role may have changed meanwhile (SET ROLE, staff row).
        connect(m_db, &Db::Database::stateChanged, this, [this](Db::ConnectionState state) {
            if (state == Db::ConnectionState::Connected)
                refreshStaff();
        });
    }
    m_changes->setDatabase(m_db);
    setStaff({}, false);
    Q_EMIT databaseChanged(m_db);
    refreshStaff();
}

void ConsoleContext::refreshStaff()
{
    const quint64 generation = ++m_staffGeneration;
    if (!m_db)
        return;
    Db::IdentityRepository::staff(m_db)
        .then(this,
              [this, generation](const Db::StaffMember& staff) {
                  if (generation == m_staffGeneration)
                      setStaff(staff, true);
              })
        .onFailed(this, [generation](const Db::Error& e) {
            // The status bar and the banner already say what is wrong with the connection.
            qCInfo(lcContext) << "who am I:" << e.message() << generation;
        })
        .onFailed(this, [] {});
}

void ConsoleContext::setStaff(const Db::StaffMember& staff, bool read)
{
    if (staff == m_staff && read == m_staffRead)
        return;
    m_staff = staff;
    m_staffRead = read;
    Q_EMIT staffChanged(m_staff);
}

void ConsoleContext::setInstallationMode(const QString& mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT installationModeChanged(m_mode);
}

void ConsoleContext::setPanelShower(std::function<bool(QWidget*)> byWidget, std::function<bool(const QString&)> byId)
{
    m_showWidget = std::move(byWidget);
    m_showId = std::move(byId);
}

bool ConsoleContext::showPanel(QWidget* panel) const
{
    return m_showWidget ? m_showWidget(panel) : false;
}

bool ConsoleContext::showPanel(const QString& id) const
{
    return m_showId ? m_showId(id) : false;
}

void ConsoleContext::requestRefund(qint64 orderId)
{
    Q_EMIT refundRequested(orderId);
}

void ConsoleContext::requestOrder(qint64 orderId, const QString& publicId)
{
    Q_EMIT orderRequested(orderId, publicId);
}

void ConsoleContext::requestSellerOrders(qint64 sellerId, const QString& name)
{
    Q_EMIT sellerOrdersRequested(sellerId, name);
}

void ConsoleContext::requestEvents(const QString& status)
{
    Q_EMIT eventsRequested(status);
}

void ConsoleContext::requestRefresh()
{
    Q_EMIT refreshRequested();
}

void ConsoleContext::reportIssue(const QString& source, const QString& message, const QString& panelId, bool banner)
{
    Q_EMIT issueReported(source, message, panelId, banner);
}

void ConsoleContext::reportDataShown()
{
    Q_EMIT dataShown();
}

} // namespace Bursar::Ui
