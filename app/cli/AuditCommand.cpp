// bursar-cli audit verify: proves the audit log's hash chain (services/AuditChain.h), naming the first
// broken row.
#include "Cli.h"

#include "db/Database.h"
#include "services/AuditChain.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

int audit(Context& ctx)
{
    if (ctx.args.value(0) != u"verify"_s) {
        ctx.err << "bursar-cli: usage: audit verify [--from ID] [--to ID]" << Qt::endl;
        return Usage;
    }
    QString error;
    const qint64 from = intOption(ctx.args, u"--from"_s, 0, 1, std::numeric_limits<qint64>::max(), &error);
    const qint64 to = intOption(ctx.args, u"--to"_s, 0, 1, std::numeric_limits<qint64>::max(), &error);
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli: " << error << Qt::endl;
        return Usage;
    }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    const auto v = wait(Services::AuditVerification::run(db, from, to)); // a database error propagates to main()
    if (ctx.json) {
        ctx.out << QJsonDocument(QJsonObject{{u"ok"_s, v.ok()},
                                             {u"checked"_s, v.checked},
                                             {u"first_broken_id"_s, v.firstBroken},
                                             {u"problem"_s, v.problem},
                                             {u"head"_s, v.headHash}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else if (v.ok()) {
        ctx.out << "The audit chain holds: " << v.checked << " row(s) verified"
                << (v.headHash.isEmpty() ? QString() : u"; head "_s + v.headHash.left(16)) << '.' << Qt::endl;
    } else {
        ctx.err << "bursar-cli: the audit chain is broken after " << v.checked - 1 << " good row(s). " << v.problem
                << Qt::endl;
    }
    return v.ok() ? Ok : Failed;
}

const Registration r{{u"audit"_s, u"audit verify [--from ID] [--to ID]"_s,
                      u"prove the audit log's hash chain; names the first broken row"_s, audit}};

} // namespace
} // namespace Bursar::Cli
