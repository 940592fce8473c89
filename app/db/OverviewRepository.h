#pragma once

#include "core/Money.h"

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QStringList>

#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// The Overview panel's figures. Filled on a database worker; copied to the GUI thread.
struct OverviewFigures
{
    bool schema = false; // the orders table exists
    std::optional<qint64> orders;
    std::optional<qint64> orders30d;
    std::optional<QList<Core::Money>> escrow; // per currency, largest first
    std::optional<qint64> escrowOrders;
    std::optional<qint64> openDisputes;
    std::optional<qint64> disputesNeedResponse;
    std::optional<qint64> payoutsInFlight;
    std::optional<qint64> payoutsFailed;
    std::optional<qint64> operationsAttention;
    std::optional<qint64> sellers;
    std::optional<qint64> sellersRestricted;
    QStringList unreadable; // figures this role may not read
    // the newest run of bursar-cli verify or of the agent's nightly verification (verify_runs, 0012)
    struct VerifyRun
    {
        qint64 id = 0;
        QDateTime finishedAt;
        bool passed = false;
        QStringList failedChecks; // check codes: wallet_balance, ledger_chain, ...
        QString runBy;            // the staff login or the agent's login
        QString kind;             // manual or nightly
    };
    std::optional<VerifyRun> lastVerify; // nullopt: never verified (or not readable)
    bool verifyReadable = false;
};

// The marketplace at a glance: one job, each figure its own statement; a missing table or a refused
// permission leaves that figure empty (named in unreadable) instead of failing the whole overview.
// A lost connection still fails the job (and so reconnects).
class OverviewRepository
{
public:
    static OverviewFigures figures(Session& s);
    static QFuture<OverviewFigures> figures(Database* db);
};

} // namespace Bursar::Db
