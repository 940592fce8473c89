// bursar-cli verify: proves the books in one call (bursar_verify_record, migration 0012) and names each
// failure. Exit codes: 0 every check passed, 5 a check failed, 4 this role may not verify (finance, admin
// and the agent may), 3 no database, 2 usage, 1 any other error.
#include "Cli.h"

#include "db/Database.h"
#include "db/Error.h"
#include "services/BooksVerification.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

constexpr int ChecksFailed = 5;

int verify(Context& ctx)
{
    if (flag(ctx.args, u"--help"_s) || flag(ctx.args, u"-h"_s)) {
        ctx.out << "Usage: bursar-cli verify [--no-record] [--json]\n\n"
                   "Proves the books: every wallet equals the sum of its ledger, the ledger's chain holds, every\n"
                   "order's money parts add up, frozen amounts match open disputes, refunded totals per charge\n"
                   "equal Stripe's newest charge snapshot, and the audit chain verifies. The run is recorded\n"
                   "(verify_runs, audit 'books.verified') unless --no-record; the Overview shows the last run.\n\n"
                   "Exit codes: 0 every check passed; 5 a check failed (each failure is named); 4 this role may\n"
                   "not verify (finance, admin and the agent may); 3 the database is unavailable; 2 usage;\n"
                   "1 another error.\n";
        return Ok;
    }
    for (const QString& a : ctx.args)
        if (a != u"--no-record"_s) {
            ctx.err << "bursar-cli: usage: verify [--no-record] [--json]" << Qt::endl;
            return Usage;
        }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    Services::BooksVerification v;
    try {
        v = wait(Services::BooksVerification::run(db, !flag(ctx.args, u"--no-record"_s)));
    } catch (const Db::Error& e) {
        if (e.isConnectionLost())
            throw;
        ctx.err << "bursar-cli: " << e.message() << Qt::endl;
        return e.code() == u"forbidden"_s || e.code() == u"not_staff"_s || e.code() == u"staff_inactive"_s
                || e.sqlState() == u"42501"_s
            ? Refused
            : Failed;
    }
    if (ctx.json) {
        QJsonArray checks;
        for (const auto& c : v.checks)
            checks << QJsonObject{{u"check"_s, c.code},
                                  {u"passed"_s, c.passed},
                                  {u"failures"_s, c.failures},
                                  {u"checked"_s, c.checked},
                                  {u"unchecked"_s, c.unchecked},
                                  {u"offending"_s, QJsonArray::fromStringList(c.offending)},
                                  {u"problem"_s, c.problem.isEmpty() ? QJsonValue() : QJsonValue(c.problem)}};
        ctx.out << QJsonDocument(QJsonObject{{u"passed"_s, v.passed()},
                                             {u"run_id"_s, v.runId > 0 ? QJsonValue(v.runId) : QJsonValue()},
                                             {u"failed"_s, QJsonArray::fromStringList(v.failedCodes())},
                                             {u"elapsed_ms"_s, v.elapsedMs},
                                             {u"checks"_s, checks}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else {
        for (const auto& c : v.checks)
            (c.passed ? ctx.out : ctx.err) << (c.passed ? "passed  " : "FAILED  ") << c.code.leftJustified(16) << ' '
                                           << c.title() << ". " << c.finding() << Qt::endl;
        if (v.passed())
            ctx.out << "The books verify: " << v.checks.size() << " checks passed in " << v.elapsedMs << " ms"
                    << (v.runId > 0 ? u" (run %1)."_s.arg(v.runId) : u"."_s) << Qt::endl;
        else
            ctx.err << "bursar-cli: the books do not verify: " << v.failedCodes().join(u", "_s) << " failed"
                    << (v.runId > 0 ? u" (run %1)."_s.arg(v.runId) : u"."_s) << Qt::endl;
    }
    return v.passed() ? Ok : ChecksFailed;
}

const Registration r{{u"verify"_s, u"verify [--no-record]"_s,
                      u"prove the books (wallets, ledger chain, orders, disputes, Stripe refunds, audit); exit 5 names failures"_s,
                      verify}};

} // namespace
} // namespace Bursar::Cli
