// bursar-cli reconcile: compare Stripe with the books (issue 12 item 3; migration 0015).
//   reconcile [--since DATE] [--reason TEXT] [--no-wait] [--timeout S]
//                       requests a run (finance, admin) that the agent carries out, waits for it (up to
//                       --timeout seconds, 600) and lists every open difference with its value and the repair
//                       it suggests. --since: a date or an ISO 8601 time (default: 7 days ago).
//   reconcile list [--all | --resolved]     the differences kept (open by default)
//   reconcile resolve ID --fixed|--accepted --note TEXT
// Exit codes: 0 no open difference, 5 differences found (each is listed), 1 the run failed (Stripe's words),
// 4 refused (role, rule), 2 usage.
#include "Cli.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/ReconcileRepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

constexpr int DifferencesFound = 5;

const QString Usage_ = u"reconcile [--since DATE] [--reason TEXT] [--no-wait] [--timeout S] | reconcile list "
                       "[--all|--resolved] | reconcile resolve ID --fixed|--accepted --note TEXT"_s;

QString moneyText(const std::optional<Core::Money>& m)
{
    return m ? m->format() : u"-"_s;
}

QJsonObject rowJson(const Db::ReconcileRow& r)
{
    QJsonObject o{{u"id"_s, r.id},
                  {u"kind"_s, r.kind},
                  {u"object_type"_s, r.objectType},
                  {u"object_id"_s, r.objectId},
                  {u"order"_s, r.orderPublicId},
                  {u"seller_id"_s, r.sellerId},
                  {u"currency"_s, r.currency},
                  {u"value"_s, r.value},
                  {u"stripe_status"_s, r.stripeStatus},
                  {u"books_status"_s, r.booksStatus},
                  {u"repair"_s, r.repair},
                  {u"first_seen_run"_s, r.firstSeenRun},
                  {u"last_seen_run"_s, r.lastSeenRun},
                  {u"resolution"_s, r.resolution},
                  {u"resolved_by"_s, r.resolvedBy}};
    if (r.stripeValue)
        o.insert(u"stripe_value"_s, *r.stripeValue);
    if (r.booksValue)
        o.insert(u"books_value"_s, *r.booksValue);
    return o;
}

void print(Context& ctx, const QList<Db::ReconcileRow>& rows)
{
    for (const auto& r : rows) {
        ctx.out << r.id << ' ' << r.kind << ' ' << r.objectId;
        if (!r.orderPublicId.isEmpty())
            ctx.out << " order " << r.orderPublicId;
        ctx.out << ": " << r.kindText() << "; value " << moneyText(r.money()) << " (Stripe "
                << moneyText(r.stripeMoney()) << (r.stripeStatus.isEmpty() ? QString() : u' ' + r.stripeStatus)
                << ", books " << moneyText(r.booksMoney())
                << (r.booksStatus.isEmpty() ? QString() : u' ' + r.booksStatus) << ")";
        if (!r.detail.isEmpty())
            ctx.out << "; " << r.detail;
        ctx.out << ". Repair: " << r.repairText();
        if (!r.open())
            ctx.out << " [resolved " << r.resolution << " by " << r.resolvedBy << ']';
        ctx.out << Qt::endl;
    }
}

int list(Context& ctx, Db::Database* db)
{
    Db::ReconcileQuery q;
    if (flag(ctx.args, u"--all"_s))
        q.filter.state = Db::ReconcileFilter::State::All;
    else if (flag(ctx.args, u"--resolved"_s))
        q.filter.state = Db::ReconcileFilter::State::Resolved;
    const auto rows = allPages<Db::ReconcileRow>(db, q, [](auto&&... a) { return Db::ReconcileRepository::page(a...); });
    if (ctx.json) {
        QJsonArray a;
        for (const auto& r : rows)
            a.append(rowJson(r));
        ctx.out << QJsonDocument(QJsonObject{{u"differences"_s, a}}).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        ctx.out << rows.size() << " difference(s)." << Qt::endl;
        print(ctx, rows);
    }
    return Ok;
}

int resolve(Context& ctx, Db::Database* db)
{
    bool isNumber = false;
    const qint64 id = ctx.args.value(1).toLongLong(&isNumber);
    const bool fixed = flag(ctx.args, u"--fixed"_s), accepted = flag(ctx.args, u"--accepted"_s);
    if (!isNumber || id <= 0 || fixed == accepted) {
        ctx.err << "bursar-cli: usage: " << Usage_ << Qt::endl;
        return Usage;
    }
    wait(Db::ReconcileRepository::resolve(db, id, fixed ? u"fixed"_s : u"accepted"_s, option(ctx.args, u"--note"_s)));
    ctx.out << "Difference " << id << " resolved as " << (fixed ? "fixed" : "accepted") << '.' << Qt::endl;
    return Ok;
}

int reconcileRun(Context& ctx, Db::Database* db)
{
    QDateTime since = QDateTime::currentDateTimeUtc().addDays(-7);
    if (const QString s = option(ctx.args, u"--since"_s); !s.isEmpty()) {
        since = QDateTime::fromString(s, Qt::ISODate);
        if (!since.isValid()) {
            const QDate d = QDate::fromString(s, Qt::ISODate);
            if (d.isValid())
                since = QDateTime(d, QTime(0, 0), QTimeZone::utc());
        }
        if (!since.isValid()) {
            ctx.err << "bursar-cli: --since takes a date or an ISO 8601 time, e.g. 2026-12-01 or 2026-12-01T00:00:00Z"
                    << Qt::endl;
            return Usage;
        }
    }
    QString error;
    const qint64 timeout = intOption(ctx.args, u"--timeout"_s, 600, 1, 24 * 3600, &error);
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli: " << error << Qt::endl;
        return Usage;
    }
    const qint64 runId = wait(Db::ReconcileRepository::request(db, since, option(ctx.args, u"--reason"_s)));
    if (flag(ctx.args, u"--no-wait"_s)) {
        if (ctx.json)
            ctx.out << QJsonDocument(QJsonObject{{u"run"_s, runId}}).toJson(QJsonDocument::Compact) << Qt::endl;
        else
            ctx.out << "Reconciliation run " << runId << " requested; a running agent carries it out." << Qt::endl;
        return Ok;
    }
    QElapsedTimer clock;
    clock.start();
    Db::ReconcileRun run;
    for (;;) {
        run = wait(Db::ReconcileRepository::run(db, runId));
        if (!run.found || run.done() || clock.elapsed() > timeout * 1000)
            break;
        QEventLoop loop;
        QTimer::singleShot(250, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!run.done()) {
        ctx.err << "bursar-cli: reconciliation run " << runId << " is still " << run.status
                << ": is an agent running? (bursar-cli agent status)" << Qt::endl;
        return Failed;
    }
    if (run.status == u"failed"_s) {
        ctx.err << "bursar-cli: reconciliation run " << runId << " failed: " << run.error << Qt::endl;
        return Failed;
    }
    const QList<Db::ReconcileRow> rows = wait(Db::ReconcileRepository::openOfRun(db, runId));
    if (ctx.json) {
        QJsonArray a;
        for (const auto& r : rows)
            a.append(rowJson(r));
        ctx.out << QJsonDocument(QJsonObject{{u"run"_s, runId},
                                             {u"since"_s, run.since.toUTC().toString(Qt::ISODate)},
                                             {u"stripe_objects"_s, run.stripeObjects},
                                             {u"in_flight"_s, run.inFlight},
                                             {u"open_differences"_s, run.openDifferences},
                                             {u"new_differences"_s, run.newDifferences},
                                             {u"resolved_differences"_s, run.resolvedDifferences},
                                             {u"difference_value"_s, run.differenceValue},
                                             {u"differences"_s, a}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else {
        ctx.out << "Reconciliation run " << runId << " since " << run.since.toUTC().toString(Qt::ISODate) << ": "
                << run.stripeObjects << " Stripe object(s), " << rows.size() << " difference(s) ("
                << run.newDifferences << " new, " << run.resolvedDifferences << " resolved since the last run, "
                << run.inFlight << " left for the next run while Stripe changes them)." << Qt::endl;
        print(ctx, rows);
    }
    return rows.isEmpty() ? Ok : DifferencesFound;
}

int reconcile(Context& ctx)
{
    const QString sub = ctx.args.value(0);
    if (!sub.isEmpty() && !sub.startsWith(u"--"_s) && sub != u"list"_s && sub != u"resolve"_s) {
        ctx.err << "bursar-cli: usage: " << Usage_ << Qt::endl;
        return Usage;
    }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    try {
        if (sub == u"list"_s)
            return list(ctx, db);
        if (sub == u"resolve"_s)
            return resolve(ctx, db);
        return reconcileRun(ctx, db);
    } catch (const Db::Error& e) {
        if (e.code().isEmpty() && e.kind() != Db::Error::Kind::Permission)
            throw;
        ctx.err << "bursar-cli: " << e.message() << Qt::endl;
        return Refused;
    }
}

const Registration r{{u"reconcile"_s, Usage_,
                      u"compare Stripe with the books: every difference with its value and a suggested repair"_s,
                      reconcile}};

} // namespace
} // namespace Bursar::Cli
