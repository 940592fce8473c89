// bursar-cli repair: the repair centre from scripts (issue 12 item 4; migration 0013).
//   repair list [--kind K] [--state needs_attention|pending] [--assigned]
//                                     the operations that need attention or are pending past their lease
//   repair recheck OP --reason TEXT [--note TEXT] [--no-wait]
//   repair mark-done OP --reason TEXT [--note TEXT] [--no-wait]
//   repair release OP --reason TEXT [--note TEXT] [--no-wait]
//                                     a finance or admin request the agent carries out; waits (up to
//                                     --timeout seconds, 60) for its outcome: exit 0 done, 4 refused
//   repair assign OP --to PERSON --reason TEXT [--note TEXT]
#include "Cli.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/RepairRepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

const QString Usage_ = u"repair list [--kind K] [--state S] [--assigned] | repair recheck|mark-done|release OP "
                       "--reason TEXT [--note TEXT] [--no-wait] [--timeout S] | repair assign OP --to PERSON "
                       "--reason TEXT [--note TEXT]"_s;

QJsonObject rowJson(const Db::RepairRow& r)
{
    QJsonObject o{{u"operation"_s, r.id},
                  {u"kind"_s, r.kind},
                  {u"state"_s, r.state},
                  {u"attempts"_s, r.attempts},
                  {u"error"_s, r.error},
                  {u"order"_s, r.orderPublicId},
                  {u"request"_s, r.request},
                  {u"stripe_view"_s, r.stripeView},
                  {u"assignee"_s, r.assignee},
                  {u"assignee_note"_s, r.assigneeNote},
                  {u"last_repair"_s, r.repairAction},
                  {u"last_repair_state"_s, r.repairState},
                  {u"last_repair_code"_s, r.repairCode}};
    if (r.reservedAmount) {
        o.insert(u"reserved_amount"_s, *r.reservedAmount);
        o.insert(u"reserved_currency"_s, r.reservedCurrency);
    }
    return o;
}

int list(Context& ctx, Db::Database* db)
{
    Db::RepairQuery q;
    if (const QString k = option(ctx.args, u"--kind"_s); !k.isEmpty())
        q.filter.kind = k;
    if (const QString s = option(ctx.args, u"--state"_s); !s.isEmpty())
        q.filter.state = s;
    if (flag(ctx.args, u"--assigned"_s))
        q.filter.assigned = true;
    const auto rows = allPages<Db::RepairRow>(db, q, [](auto&&... a) { return Db::RepairRepository::page(a...); });
    if (ctx.json) {
        QJsonArray a;
        for (const auto& r : rows)
            a.append(rowJson(r));
        ctx.out << QJsonDocument(QJsonObject{{u"operations"_s, a}}).toJson(QJsonDocument::Compact) << Qt::endl;
        return Ok;
    }
    ctx.out << rows.size() << " operation(s) to repair." << Qt::endl;
    for (const auto& r : rows) {
        const auto money = r.reserved();
        ctx.out << r.id << ' ' << r.kind << ' ' << r.state << " order " << (r.orderPublicId.isEmpty() ? u"-"_s : r.orderPublicId)
                << " reserved " << (money ? money->format() : u"-"_s) << ", " << r.attempts << " attempt(s)";
        if (!r.stripeView.isEmpty())
            ctx.out << "; Stripe: " << r.stripeView.value("found"_L1).toString() << ' '
                    << r.stripeView.value("summary"_L1).toString();
        if (!r.assignee.isEmpty())
            ctx.out << "; handed to " << r.assignee;
        if (r.repairId != 0)
            ctx.out << "; last repair " << r.repairAction << ' ' << r.repairState << ' ' << r.repairCode;
        if (!r.error.isEmpty())
            ctx.out << "; error: " << r.error;
        ctx.out << Qt::endl;
    }
    return Ok;
}

int request(Context& ctx, Db::Database* db, Db::RepairAction action)
{
    bool isNumber = false;
    const qint64 op = ctx.args.value(1).toLongLong(&isNumber);
    if (!isNumber || op <= 0) {
        ctx.err << "bursar-cli: usage: " << Usage_ << Qt::endl;
        return Usage;
    }
    const QString reason = option(ctx.args, u"--reason"_s);
    const QString note = option(ctx.args, u"--note"_s);
    const QString to = option(ctx.args, u"--to"_s);
    QString error;
    const qint64 timeout = intOption(ctx.args, u"--timeout"_s, 60, 1, 3600, &error);
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli: " << error << Qt::endl;
        return Usage;
    }
    qint64 repairId = 0;
    try {
        repairId = wait(Db::RepairRepository::request(db, op, action, reason, note, to));
    } catch (const Db::Error& e) {
        if (e.code().isEmpty() && e.kind() != Db::Error::Kind::Permission)
            throw;
        ctx.err << "bursar-cli: " << e.message() << Qt::endl;
        return Refused;
    }
    if (action == Db::RepairAction::Assign || flag(ctx.args, u"--no-wait"_s)) {
        if (ctx.json)
            ctx.out << QJsonDocument(QJsonObject{{u"operation"_s, op}, {u"repair"_s, repairId}}).toJson(QJsonDocument::Compact)
                    << Qt::endl;
        else if (action == Db::RepairAction::Assign)
            ctx.out << "Operation " << op << " handed to " << to << '.' << Qt::endl;
        else
            ctx.out << "Repair " << repairId << " requested; a running agent carries it out." << Qt::endl;
        return Ok;
    }
    // the agent carries it out (woken by NOTIFY): wait for its outcome
    QElapsedTimer clock;
    clock.start();
    Db::RepairOutcome o;
    for (;;) {
        o = wait(Db::RepairRepository::outcome(db, repairId));
        if (!o.found || o.state != u"pending"_s || clock.elapsed() > timeout * 1000)
            break;
        QEventLoop loop;
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (ctx.json) {
        ctx.out << QJsonDocument(QJsonObject{{u"operation"_s, op}, {u"repair"_s, repairId}, {u"state"_s, o.state},
                                             {u"code"_s, o.code}, {u"words"_s, o.words},
                                             {u"stripe_request_id"_s, o.stripeRequestId}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else if (o.state == u"pending"_s) {
        ctx.out << "Repair " << repairId << " is still pending: is an agent running? (bursar-cli agent status)" << Qt::endl;
    } else {
        ctx.out << (o.state == u"succeeded"_s ? "Done: " : "Refused: ") << o.words << " [" << o.code << "]";
        if (!o.stripeRequestId.isEmpty())
            ctx.out << " (Stripe request " << o.stripeRequestId << ')';
        ctx.out << Qt::endl;
    }
    if (o.state == u"succeeded"_s)
        return Ok;
    return o.state == u"failed"_s ? Refused : Failed;
}

int repair(Context& ctx)
{
    const QString sub = ctx.args.value(0);
    const auto action = Db::repairActionFromName(sub);
    if (sub != u"list"_s && !action) {
        ctx.err << "bursar-cli: usage: " << Usage_ << Qt::endl;
        return Usage;
    }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    return action ? request(ctx, db, *action) : list(ctx, db);
}

const Registration r{{u"repair"_s, Usage_,
                      u"the repair centre: operations that need a person; re-check, mark done, release, assign"_s,
                      repair}};

} // namespace
} // namespace Bursar::Cli
