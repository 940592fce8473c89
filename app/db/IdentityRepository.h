#pragma once

#include <QFuture>
#include <QString>

namespace Bursar::Db {

class Database;

// Who the console is signed in as, and what the server is: small reads for the status bar and the
// connection test of the settings dialog.
struct ServerProbe
{
    QString user;          // current_user
    QString serverVersion; // server_version
    bool schema = false;   // the orders table exists
};

// The signed-in staff member and what PostgreSQL lets them do, read in one statement. The console
// enables actions from these answers; the database checks again on every write (the answers only
// spare a person a button that would be refused).
struct StaffMember
{
    QString login;       // session_user: the PostgreSQL login (bursar_ann, or t_support in tests)
    QString currentUser; // current_user: the role acted as after SET ROLE (bursar_support), else the login
    QString actingAs;    // bursar_caller_role()
    QString displayName; // staff.display_name, empty without a staff row
    QString staffRole;   // staff.role (viewer, support, finance, admin), empty without a staff row
    bool known = false;  // read from a Bursar schema (bursar_whoami answered)
    bool active = true;  // false when the staff row is disabled
    bool isViewer = false;
    bool isSupport = false;
    bool isFinance = false;
    bool isAdmin = false;
    // What the server lets this login do (has_function_privilege / role membership).
    bool mayRequestRefunds = false; // bursar_request_refund (support, admin), also retries
    bool mayApproveRefunds = false; // acts as finance (finance, admin): approve or reject
    bool mayAddNotes = false;       // bursar_add_note
    bool mayManageStaff = false;    // bursar_staff_upsert (admin)
    bool mayReadWallets = false;    // SELECT on the wallet views of 0008 and bursar_wallet_verify (finance, admin)

    // "support", "finance"…: the staff role, else the role acted as without its bursar_ prefix.
    QString roleName() const;
    bool operator==(const StaffMember&) const = default;
};

class IdentityRepository
{
public:
    // Who is signed in and what they may do (bursar_whoami() and the function privileges). A login
    // that may not call bursar_whoami gets known = false and no permissions, never an error.
    static QFuture<StaffMember> staff(Database* db);
    // current_user of the connection (the PostgreSQL login, e.g. bursar_ann).
    static QFuture<QString> currentUser(Database* db);
    // One statement on a fresh connection: who, which server, whether Bursar's tables exist.
    // retryAfterReconnect as in Database::run (a connection test should not wait for a reconnect).
    static QFuture<ServerProbe> probe(Database* db, bool retryAfterReconnect = true);
};

} // namespace Bursar::Db
