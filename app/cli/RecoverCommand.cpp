// bursar-cli recover: re-drives every pending journal operation with its stored idempotency key.
#include "Cli.h"

#include "db/Database.h"
#include "services/OperationJournal.h"
#include "services/RefundService.h"
#include "stripe/StripeClient.h"
#include "stripe/StripeConfig.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

template<typename T>
T wait(QFuture<T> future)
{
    QEventLoop loop;
    QFutureWatcher<T> w;
    QObject::connect(&w, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    w.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

int recover(Context& ctx)
{
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    const auto loaded = Stripe::StripeConfig::fromEnvironment();
    if (!loaded.config) {
        ctx.err << "bursar-cli: " << loaded.error << Qt::endl;
        return Usage;
    }
    Stripe::StripeClient client(*loaded.config);
    Services::OperationJournal journal(db);
    Services::RefundService refunds(db, &client, &journal);

    Services::OperationJournal::RecoverOptions options;
    // --all: also rows whose sender may still be waiting (their lease has not run out). Safe: same keys.
    options.ignoreLease = flag(ctx.args, u"--all"_s);
    QString error;
    options.batch = int(intOption(ctx.args, u"--batch"_s, options.ignoreLease ? 5000 : 200, 1, 100000, &error));
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli: " << error << Qt::endl;
        return Usage;
    }
    const Services::RecoveryReport report = wait(journal.recover(options));
    const int refreshed = flag(ctx.args, u"--no-refresh"_s) ? 0 : wait(refunds.refreshPending(1000));

    using R = Services::RecoveryItem::Result;
    if (ctx.json) {
        QJsonArray items;
        for (const auto& i : report.items)
            items.append(QJsonObject{{u"operation_id"_s, i.operationId},
                                     {u"kind"_s, i.kind},
                                     {u"result"_s, Services::recoveryResultName(i.result)},
                                     {u"detail"_s, i.detail},
                                     {u"stripe_request_id"_s, i.stripeRequestId}});
        ctx.out << QJsonDocument(QJsonObject{{u"redriven"_s, items},
                                             {u"succeeded"_s, report.count(R::Succeeded)},
                                             {u"failed"_s, report.count(R::Failed)},
                                             {u"unknown"_s, report.count(R::StillUnknown)},
                                             {u"needs_attention"_s, report.count(R::NeedsAttention)},
                                             {u"errors"_s, report.count(R::Error)},
                                             {u"refreshed"_s, refreshed},
                                             {u"error"_s, report.error}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else {
        if (!report.error.isEmpty())
            ctx.err << "bursar-cli: " << report.error << Qt::endl;
        for (const auto& i : report.items)
            ctx.out << "operation " << i.operationId << " (" << i.kind << "): "
                    << Services::recoveryResultName(i.result) << " - " << i.detail << '\n';
        ctx.out << "Re-drove " << report.items.size() << " pending operation(s): " << report.count(R::Succeeded)
                << " succeeded, " << report.count(R::Failed) << " failed, " << report.count(R::StillUnknown)
                << " still unknown, " << report.count(R::NeedsAttention) << " need attention, "
                << report.count(R::Error) << " errors; " << refreshed << " pending refund(s) updated from Stripe."
                << Qt::endl;
    }
    if (!report.error.isEmpty())
        return DatabaseUnavailable;
    return report.count(R::StillUnknown) + report.count(R::Error) + report.count(R::NeedsAttention) > 0 ? Failed : Ok;
}

const Registration r{{u"recover"_s, u"recover [--all] [--batch N] [--no-refresh]"_s,
                      u"re-drive pending journal operations with their stored keys"_s, recover}};

} // namespace
} // namespace Bursar::Cli
