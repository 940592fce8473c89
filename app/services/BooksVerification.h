#pragma once

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// One check of bursar_verify() (migration 0012): wallet_balance, ledger_chain, order_money, frozen_disputes,
// stripe_refunds, audit_chain.
struct BooksCheck
{
    QString code;
    bool passed = false;
    qint64 failures = 0;
    qint64 checked = 0;      // rows, wallets, orders or charges looked at
    qint64 unchecked = 0;    // stripe_refunds: charges with succeeded refunds but no Stripe snapshot
    QStringList offending;   // the first few ids (wallet, ledger row, order public id, charge, audit row)
    QString problem;         // audit_chain: not_chained, chain_broken, content_changed, head_mismatch

    // Words for people: what the check proves, and (failed) what was found.
    QString title() const { return titleOf(code); }
    static QString titleOf(const QString& code);
    QString finding() const;
};

// The books proved in one call. Usage (bursar-cli verify; the agent's nightly run):
//
//   BooksVerification::run(db).then(this, [](const BooksVerification& v) {
//       v.passed();        // every check passed
//       v.runId;           // the verify_runs row (record = true): the Overview shows the newest one
//       for (const BooksCheck& c : v.checks) ...
//   });
//   BooksVerification::nightly(db, agentId);   // the agent: at most one run per 23 h across agents
//
// Finance, admin and the agent may run it; support and viewers are refused (Db::Error, bursar:forbidden).
struct BooksVerification
{
    qint64 runId = 0; // 0: not recorded
    QList<BooksCheck> checks;
    qint64 elapsedMs = 0;

    bool passed() const;
    QStringList failedCodes() const;

    // record: bursar_verify_record() (one verify_runs row, one audit row), else bursar_verify() (nothing written)
    static QFuture<BooksVerification> run(Db::Database* db, bool record = true);
    // The nightly run (agent only): the new run, or nullopt when a nightly run finished within minGap.
    struct NightlyRun
    {
        qint64 runId = 0;
        bool passed = false;
    };
    static QFuture<std::optional<NightlyRun>> nightly(Db::Database* db, const QString& agentId,
                                                  std::chrono::seconds minGap = std::chrono::hours(23));
};

} // namespace Bursar::Services
