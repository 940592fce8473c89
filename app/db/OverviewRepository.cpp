#include "OverviewRepository.h"

#include "Database.h"
#include "Error.h"
#include "Session.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

// One figure's query; a missing table or a refused permission leaves the figure empty instead of
// failing the whole overview. A lost connection still fails the job (and so reconnects).
template<typename F>
void tryFigure(OverviewFigures& f, const QString& what, F&& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        if (e.isConnectionLost())
            throw;
        f.unreadable << what;
    }
}

std::optional<qint64> count(Session& s, const QString& sql)
{
    const QVariant v = s.scalar(sql);
    return v.isNull() ? std::optional<qint64>(0) : std::optional<qint64>(v.toLongLong());
}

} // namespace

OverviewFigures OverviewRepository::figures(Session& s)
{
    OverviewFigures f;
    auto& probe = s.exec(
        u"SELECT to_regclass('public.orders') IS NOT NULL, to_regclass('public.disputes') IS NOT NULL,"
        " to_regclass('public.payouts') IS NOT NULL, to_regclass('public.operations') IS NOT NULL,"
        " to_regclass('public.sellers') IS NOT NULL, to_regclass('public.verify_runs') IS NOT NULL"_s);
    if (!probe.next())
        return f;
    const bool orders = probe.value(0).toBool(), disputes = probe.value(1).toBool(),
               payouts = probe.value(2).toBool(), operations = probe.value(3).toBool(),
               sellers = probe.value(4).toBool(), verifyRuns = probe.value(5).toBool();
    f.schema = orders;
    if (orders) {
        tryFigure(f, u"orders"_s, [&] {
            auto& q = s.exec(u"SELECT count(*), count(*) FILTER (WHERE created_at > now() - interval '30 days')"
                             " FROM orders"_s);
            if (q.next()) {
                f.orders = q.value(0).toLongLong();
                f.orders30d = q.value(1).toLongLong();
            }
        });
        tryFigure(f, u"escrow"_s, [&] {
            auto& q = s.exec(u"SELECT currency, sum(gross - refunded_amount)::bigint, count(*) FROM orders"
                             " WHERE payment_status = 'held' GROUP BY currency ORDER BY 2 DESC"_s);
            QList<Core::Money> amounts;
            qint64 n = 0;
            while (q.next()) {
                if (auto c = Core::Currency::fromCode(q.value(0).toString().trimmed()))
                    amounts << Core::Money(q.value(1).toLongLong(), *c);
                n += q.value(2).toLongLong();
            }
            f.escrow = amounts;
            f.escrowOrders = n;
        });
    }
    if (disputes)
        tryFigure(f, u"disputes"_s, [&] {
            auto& q = s.exec(u"SELECT count(*) FILTER (WHERE status NOT IN ('won', 'lost', 'warning_closed')),"
                             " count(*) FILTER (WHERE status IN ('needs_response', 'warning_needs_response'))"
                             " FROM disputes WHERE status NOT IN ('won', 'lost', 'warning_closed')"_s);
            if (q.next()) {
                f.openDisputes = q.value(0).toLongLong();
                f.disputesNeedResponse = q.value(1).toLongLong();
            }
        });
    if (payouts)
        tryFigure(f, u"payouts"_s, [&] {
            auto& q = s.exec(u"SELECT count(*) FILTER (WHERE status IN ('pending', 'in_transit')),"
                             " count(*) FILTER (WHERE status = 'failed')"
                             " FROM payouts WHERE status IN ('pending', 'in_transit', 'failed')"_s);
            if (q.next()) {
                f.payoutsInFlight = q.value(0).toLongLong();
                f.payoutsFailed = q.value(1).toLongLong();
            }
        });
    if (operations)
        tryFigure(f, u"operations"_s, [&] {
            f.operationsAttention =
                count(s, u"SELECT count(*) FROM operations WHERE state IN ('pending', 'needs_attention')"_s);
        });
    if (sellers)
        tryFigure(f, u"sellers"_s, [&] {
            auto& q = s.exec(u"SELECT count(*), count(*) FILTER (WHERE kyc_state IN ('restricted', 'rejected'))"
                             " FROM sellers"_s);
            if (q.next()) {
                f.sellers = q.value(0).toLongLong();
                f.sellersRestricted = q.value(1).toLongLong();
            }
        });
    if (verifyRuns)
        tryFigure(f, u"verification"_s, [&] {
            auto& q = s.exec(u"SELECT id, finished_at, passed, array_to_string(failed_checks, ','), run_by, kind"
                             " FROM verify_runs ORDER BY finished_at DESC, id DESC LIMIT 1"_s);
            f.verifyReadable = true;
            if (q.next()) {
                OverviewFigures::VerifyRun r;
                r.id = q.value(0).toLongLong();
                r.finishedAt = q.value(1).toDateTime();
                r.passed = q.value(2).toBool();
                const QString failed = q.value(3).toString();
                if (!failed.isEmpty())
                    r.failedChecks = failed.split(u',');
                r.runBy = q.value(4).toString();
                r.kind = q.value(5).toString();
                f.lastVerify = r;
            }
        });
    return f;
}

QFuture<OverviewFigures> OverviewRepository::figures(Database* db)
{
    return db->run([](Session& s) { return figures(s); });
}

} // namespace Bursar::Db
