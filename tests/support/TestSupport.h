#pragma once

#include "db/ConnectionConfig.h"

#include <QString>

namespace Bursar::Test {

// The PostgreSQL cluster shared by the ctest run (fixture "pg", started by `run pg fresh`).
// Its admin connection string (dbname=postgres, superuser bursar).
QString clusterDsn();
Db::ConnectionConfig clusterConfig(const QString& database = QStringLiteral("postgres"));
// A fresh, uniquely named database in that cluster; with migrate, the embedded migrations are applied.
// Returns its config (superuser). Dropped by dropDatabase() or left for the next `run pg fresh`.
Db::ConnectionConfig createDatabase(const QString& prefix, bool migrate = true);
void dropDatabase(const QString& name);
// Stops and starts the shared cluster on the same port (for reconnect tests; run them RUN_SERIAL).
void restartCluster();
// Runs SQL as the superuser through psql (test set-up only; never from product code). Returns stdout.
QString psql(const QString& database, const QString& sql);

} // namespace Bursar::Test
