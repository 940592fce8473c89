#include "BooksVerification.h"

#include "db/Database.h"
#include "db/Session.h"

#include <QCoreApplication>
#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

namespace {
// Under the context lupdate files these strings in (the functions that call tr() are BooksCheck's).
QString tr(const char* text)
{
    return QCoreApplication::translate("Bursar::Services::BooksCheck", text);
}
QString tr(const char* text, qint64 n)
{
    return QCoreApplication::translate("Bursar::Services::BooksCheck", text, nullptr, int(n));
}
} // namespace

QString BooksCheck::titleOf(const QString& code)
{
    if (code == u"wallet_balance")
        return tr("Every wallet equals the sum of its ledger");
    if (code == u"ledger_chain")
        return tr("Every ledger row starts where the row before it ended");
    if (code == u"order_money")
        return tr("Every order's money parts add up");
    if (code == u"frozen_disputes")
        return tr("Frozen amounts match open disputes");
    if (code == u"stripe_refunds")
        return tr("Refunded totals per charge equal Stripe's");
    if (code == u"audit_chain")
        return tr("The audit chain verifies");
    return code;
}

QString BooksCheck::finding() const
{
    const QString ids = offending.join(u", "_s) + (failures > offending.size() ? u", …"_s : QString());
    if (passed) {
        if (code == u"stripe_refunds" && unchecked > 0)
            return tr("%n charge(s) compared; %1 with refunds have no Stripe snapshot yet and were not checked.",
                      checked)
                .arg(unchecked);
        return tr("%n checked.", checked);
    }
    if (code == u"wallet_balance")
        return tr("%n wallet(s) differ from their ledger: %1.", failures).arg(ids);
    if (code == u"ledger_chain")
        return tr("%n ledger row(s) do not follow the row before them: %1.", failures).arg(ids);
    if (code == u"order_money")
        return tr("%n order(s) whose fees, refunds or ledger do not add up: %1.", failures).arg(ids);
    if (code == u"frozen_disputes")
        return tr("%n wallet(s) hold a frozen amount that no open dispute explains: %1.", failures).arg(ids);
    if (code == u"stripe_refunds")
        return tr("%n charge(s) whose refunds differ from Stripe's amount_refunded: %1.", failures).arg(ids);
    if (code == u"audit_chain") {
        const QString row = offending.value(0);
        if (problem == u"content_changed")
            return tr("Audit row %1 was changed after it was written.").arg(row);
        if (problem == u"chain_broken")
            return tr("Audit row %1 does not follow the row before it: a row was removed or inserted.").arg(row);
        if (problem == u"not_chained")
            return tr("Audit row %1 was written around the chain.").arg(row);
        if (problem == u"head_mismatch")
            return tr("Audit rows after %1 were removed.").arg(row);
        return tr("The audit chain breaks at row %1.").arg(row);
    }
    return tr("%n failure(s): %1.", failures).arg(ids);
}

bool BooksVerification::passed() const
{
    return !checks.isEmpty() && std::all_of(checks.cbegin(), checks.cend(), [](const BooksCheck& c) { return c.passed; });
}

QStringList BooksVerification::failedCodes() const
{
    QStringList codes;
    for (const BooksCheck& c : checks)
        if (!c.passed)
            codes << c.code;
    return codes;
}

QFuture<BooksVerification> BooksVerification::run(Db::Database* db, bool record)
{
    return db->run([record](Db::Session& s) {
        QElapsedTimer t;
        t.start();
        BooksVerification v;
        const QString columns = u"check_code, passed, failures, checked, unchecked, "
                                "coalesce(array_to_string(offending, ','), ''), coalesce(problem, '')"_s;
        auto& q = s.exec(record ? u"SELECT run_id, "_s + columns + u" FROM bursar_verify_record()"_s
                                : u"SELECT 0::bigint, "_s + columns + u" FROM bursar_verify()"_s);
        while (q.next()) {
            v.runId = q.value(0).toLongLong();
            BooksCheck c;
            c.code = q.value(1).toString();
            c.passed = q.value(2).toBool();
            c.failures = q.value(3).toLongLong();
            c.checked = q.value(4).toLongLong();
            c.unchecked = q.value(5).toLongLong();
            const QString ids = q.value(6).toString();
            if (!ids.isEmpty())
                c.offending = ids.split(u',');
            c.problem = q.value(7).toString();
            v.checks << c;
        }
        v.elapsedMs = t.elapsed();
        return v;
    });
}

QFuture<std::optional<BooksVerification::NightlyRun>> BooksVerification::nightly(Db::Database* db, const QString& agentId,
                                                                                 std::chrono::seconds minGap)
{
    return db->run([agentId, gap = qint64(minGap.count())](Db::Session& s) -> std::optional<NightlyRun> {
        const QVariant id = s.scalar(u"SELECT bursar_verify_nightly(?, make_interval(secs => ?::bigint))"_s,
                                     {agentId, gap});
        if (id.isNull())
            return std::nullopt;
        NightlyRun run;
        run.runId = id.toLongLong();
        run.passed = s.scalar(u"SELECT passed FROM verify_runs WHERE id = ?"_s, {run.runId}).toBool();
        return run;
    });
}

} // namespace Bursar::Services
