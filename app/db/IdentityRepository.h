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

class IdentityRepository
{
public:
    // current_user of the connection (the PostgreSQL login, e.g. bursar_ann).
    static QFuture<QString> currentUser(Database* db);
    // One statement on a fresh connection: who, which server, whether Bursar's tables exist.
    // retryAfterReconnect as in Database::run (a connection test should not wait for a reconnect).
    static QFuture<ServerProbe> probe(Database* db, bool retryAfterReconnect = true);
};

} // namespace Bursar::Db
