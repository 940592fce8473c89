#pragma once

#include "db/IdentityRepository.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QWidget;

namespace Bursar::Core {
class Settings;
}
namespace Bursar::Db {
class ChangeFeed;
class Database;
}
namespace Bursar::Services {
class RefundService;
}

namespace Bursar::Ui {

class ActivityModel;

// What every panel gets in its constructor, and all it may reach: the database, the request services,
// the signed-in staff member and what PostgreSQL lets them do, the change feed (NOTIFY parsed once), the
// Activity list, the typed settings, the installation's Stripe mode, and navigation to other panels.
// A panel reads what it needs from here; it never builds a database, a service, a client, a journal or a
// timer of another's, and never finds another panel. The console holds no Stripe key: nothing here talks
// to Stripe (the Bursar agent does).
//
//   OrdersPanel::OrdersPanel(ConsoleContext& context, QWidget* parent)
//   {
//       connect(&context, &ConsoleContext::databaseChanged, this, &OrdersPanel::useDatabase);
//       connect(context.changes(), &Db::ChangeFeed::changed, this, &OrdersPanel::onChanges);
//       connect(&context, &ConsoleContext::staffChanged, this, &OrdersPanel::updateActions);
//       connect(m_refund, &QPushButton::clicked, this, [&context, id] { context.requestRefund(id); });
//       useDatabase(context.database());
//   }
//
// The main window owns the Database and sets it here once its schema is known to be this binary's
// (nullptr when there is none); tests make a context of their own and set theirs.
class ConsoleContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleContext)

public:
    ConsoleContext(Core::Settings* settings, ActivityModel* activity, QObject* parent = nullptr);
    ~ConsoleContext() override;

    Core::Settings* settings() const { return m_settings; }
    ActivityModel* activity() const { return m_activity; }
    Db::ChangeFeed* changes() const { return m_changes; }

    // The database the console uses now, or nullptr (none configured, not reachable, wrong schema).
    Db::Database* database() const;
    void setDatabase(Db::Database* database);
    // Refund requests (request, approve, reject, retry); nullptr while there is no database.
    Services::RefundService* refunds() const { return m_refunds.get(); }

    // Who is signed in and what PostgreSQL lets them do: read when the database is set, again when the
    // connection comes back and when the role setting changes. Before the first answer: known = false and
    // no permission.
    const Db::StaffMember& staff() const { return m_staff; }
    bool hasStaff() const { return m_staffRead; }
    void refreshStaff();

    // The installation's Stripe mode ("test", "live", or "" while not known), read by the window.
    QString installationMode() const { return m_mode; }
    bool isLive() const { return m_mode == u"live"; }
    void setInstallationMode(const QString& mode);

    // Navigation. The window registers how it shows a panel; a panel asks for another's work by intent
    // (requestRefund, requestOrder, requestSellerOrders) and the panel that does that work answers the
    // signal and brings itself forward with showPanel(this).
    void setPanelShower(std::function<bool(QWidget* panel)> byWidget, std::function<bool(const QString& id)> byId);
    bool showPanel(QWidget* panel) const;
    bool showPanel(const QString& id) const;
    void requestRefund(qint64 orderId);
    void requestOrder(qint64 orderId, const QString& publicId);
    void requestSellerOrders(qint64 sellerId, const QString& name);
    // The Events panel filtered to one processing status ("failed": the status bar's counter).
    void requestEvents(const QString& status);

    // The window's side. requestRefresh(): View > Refresh (F5) for the panels. reportIssue(): a failure for
    // the Activity dock (and, with banner, the window banner), jumping back to panelId. reportDataShown():
    // a panel has shown its first data, or a definite failure (the window's firstDataArrived()).
    void requestRefresh();
    void reportIssue(const QString& source, const QString& message, const QString& panelId = {}, bool banner = false);
    void reportDataShown();

Q_SIGNALS:
    void databaseChanged(Bursar::Db::Database* database);
    void staffChanged(const Bursar::Db::StaffMember& staff);
    void installationModeChanged(const QString& mode);
    void refundRequested(qint64 orderId);
    void orderRequested(qint64 orderId, const QString& publicId);
    void sellerOrdersRequested(qint64 sellerId, const QString& name);
    void eventsRequested(const QString& status);
    void refreshRequested();
    void issueReported(const QString& source, const QString& message, const QString& panelId, bool banner);
    void dataShown();

private:
    void setStaff(const Db::StaffMember& staff, bool read);

    Core::Settings* m_settings;
    ActivityModel* m_activity;
    Db::ChangeFeed* m_changes;
    QPointer<Db::Database> m_db;
    std::unique_ptr<Services::RefundService> m_refunds;
    Db::StaffMember m_staff;
    bool m_staffRead = false;
    quint64 m_staffGeneration = 0;
    QString m_mode;
    std::function<bool(QWidget*)> m_showWidget;
    std::function<bool(const QString&)> m_showId;
};

} // namespace Bursar::Ui
