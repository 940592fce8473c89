// bursar-cli refund / refund-approve / refund-reject / refund-preview: the same RefundService and rules as
// the console's refund dialog, for scripts. No Stripe key here: the request is recorded in PostgreSQL and
// the Bursar agent sends it; refund and refund-approve wait for the agent's result (--wait SECONDS,
// default 30; --no-wait returns once it is recorded).
#include "Cli.h"

#include "db/Database.h"
#include "services/RefundService.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

// Exit code when the refund is recorded but its outcome is not known yet (or Stripe has it pending):
// run `bursar-cli recover` (or look at the Refunds panel) later. Never 0.
constexpr int InProgress = 5;

// --wait SECONDS (default 30) or --no-wait (0); -1 after printing why the value is wrong.
int waitSeconds(Context& ctx)
{
    if (flag(ctx.args, u"--no-wait"_s))
        return 0;
    QString error;
    const int n = int(intOption(ctx.args, u"--wait"_s, 30, 0, 3600, &error));
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli: " << error << Qt::endl;
        return -1;
    }
    return n;
}

Services::RefundOutcome settle(Services::RefundService& service, const Services::RefundOutcome& o, int seconds)
{
    return seconds > 0 ? wait(service.settle(o, std::chrono::seconds(seconds))) : o;
}

int exitFor(const Services::RefundOutcome& o)
{
    using S = Services::RefundOutcome::State;
    switch (o.state) {
    case S::Succeeded:
    case S::AwaitingApproval:
        return Ok;
    case S::Pending:
    case S::Queued:
    case S::Unknown:
        return InProgress;
    case S::Failed:
        return Failed;
    case S::Refused:
        break;
    }
    return Refused;
}

int report(Context& ctx, const Services::RefundOutcome& o)
{
    if (ctx.json) {
        QJsonObject j{{u"state"_s, Services::refundOutcomeStateName(o.state)},
                      {u"agent_running"_s, o.agentRunning},
                      {u"order_id"_s, o.orderId},
                      {u"refund_id"_s, o.refundId},
                      {u"operation_id"_s, o.operationId},
                      {u"message"_s, o.message}};
        if (o.amount.isValid()) {
            j.insert(u"amount"_s, o.amount.toDecimalString());
            j.insert(u"amount_minor"_s, o.amount.minor());
            j.insert(u"currency"_s, o.amount.currency().code());
        }
        if (!o.stripeRefundId.isEmpty())
            j.insert(u"stripe_refund_id"_s, o.stripeRefundId);
        if (!o.stripeRequestId.isEmpty())
            j.insert(u"stripe_request_id"_s, o.stripeRequestId);
        ctx.out << QJsonDocument(j).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        QTextStream& s = o.isSuccess() ? ctx.out : ctx.err;
        s << o.message;
        if (o.refundId)
            s << " [refund " << o.refundId << (o.operationId ? u", operation %1"_s.arg(o.operationId) : QString())
              << ']';
        if (!o.stripeRequestId.isEmpty())
            s << " (Stripe request " << o.stripeRequestId << ')';
        s << Qt::endl;
        if (o.state == Services::RefundOutcome::State::Unknown)
            ctx.err << "The refund is journalled; the Bursar agent finishes it with the same idempotency key."
                    << Qt::endl;
    }
    return exitFor(o);
}

int refuse(Context& ctx, const QString& message, int code = Refused)
{
    if (ctx.json)
        ctx.out << QJsonDocument(QJsonObject{{u"state"_s, u"refused"_s}, {u"message"_s, message}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    else
        ctx.err << "bursar-cli: " << message << Qt::endl;
    return code;
}

int refund(Context& ctx)
{
    const QStringList& a = ctx.args;
    if (a.isEmpty() || a.first().startsWith(u"--"_s))
        return refuse(ctx, u"Name the order: bursar-cli refund ORDER_ID --reason requested_by_customer --note \"...\""_s,
                      Usage);
    const QString orderText = a.first();
    const QString reasonText = option(a, u"--reason"_s);
    const auto reason = Services::refundReasonFromCode(reasonText);
    if (!reason)
        return refuse(ctx,
                      u"--reason must be duplicate, fraudulent or requested_by_customer, not \"%1\"."_s.arg(reasonText),
                      Usage);
    const QString note = option(a, u"--note"_s);
    const bool hasAmount = a.contains(u"--amount"_s) || std::any_of(a.cbegin(), a.cend(), [](const QString& s) {
                               return s.startsWith(u"--amount="_s);
                           });
    const QString amountText = option(a, u"--amount"_s);
    if (hasAmount && amountText.trimmed().isEmpty())
        return refuse(ctx, u"--amount needs a value, like --amount 12.34 (leave it out to refund everything left)."_s,
                      Usage);
    const QString key = option(a, u"--idempotency-key"_s);
    const int seconds = waitSeconds(ctx);
    if (seconds < 0)
        return Usage;

    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    Services::RefundService service(db);

    const qint64 orderId = wait(service.findOrder(orderText));
    if (orderId == 0)
        return refuse(ctx, u"There is no order \"%1\" (use its number, ORD-… id or charge id)."_s.arg(orderText));
    Services::RefundPreview preview;
    try {
        preview = wait(service.preview(orderId));
    } catch (const Db::Error& e) {
        return refuse(ctx, e.message());
    }
    const auto input = Services::validateRefundInput(amountText, note, preview, QLocale::c());
    if (!input.error.isEmpty())
        return refuse(ctx, input.error);
    const auto outcome = wait(service.request(orderId, *input.amount, *reason, note, key));
    return report(ctx, settle(service, outcome, seconds));
}

int approve(Context& ctx, bool approving)
{
    const QStringList& a = ctx.args;
    bool ok = false;
    const qint64 refundId = a.isEmpty() ? 0 : a.first().toLongLong(&ok);
    if (!ok || refundId <= 0)
        return refuse(ctx, approving ? u"Name the refund: bursar-cli refund-approve REFUND_ID [--note \"...\"]"_s
                                     : u"Name the refund: bursar-cli refund-reject REFUND_ID --reason \"...\""_s,
                      Usage);
    const int seconds = waitSeconds(ctx);
    if (seconds < 0)
        return Usage;
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    Services::RefundService service(db);
    if (!approving) {
        const auto o = wait(service.reject(refundId, option(a, u"--reason"_s)));
        if (o.state == Services::RefundOutcome::State::Refused)
            return report(ctx, o);
        if (ctx.json)
            ctx.out << QJsonDocument(QJsonObject{{u"state"_s, u"rejected"_s},
                                                 {u"refund_id"_s, o.refundId},
                                                 {u"message"_s, o.message}})
                           .toJson(QJsonDocument::Compact)
                    << Qt::endl;
        else
            ctx.out << o.message << Qt::endl;
        return Ok;
    }
    return report(ctx, settle(service, wait(service.approve(refundId, option(a, u"--note"_s))), seconds));
}

int previewCommand(Context& ctx)
{
    const QStringList& a = ctx.args;
    if (a.isEmpty())
        return refuse(ctx, u"Name the order: bursar-cli refund-preview ORDER_ID [--amount 12.34]"_s, Usage);
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    Services::RefundService service(db);
    const qint64 orderId = wait(service.findOrder(a.first()));
    if (orderId == 0)
        return refuse(ctx, u"There is no order \"%1\" (use its number, ORD-… id or charge id)."_s.arg(a.first()));
    Services::RefundPreview p;
    try {
        p = wait(service.preview(orderId));
        const QString amountText = option(a, u"--amount"_s);
        if (!amountText.isEmpty() && p.canRefund()) {
            const auto in = Services::validateRefundInput(amountText, u"-"_s, p, QLocale::c());
            if (!in.error.isEmpty())
                return refuse(ctx, in.error);
            p = wait(service.preview(orderId, in.amount->minor()));
        }
    } catch (const Db::Error& e) {
        return refuse(ctx, e.message());
    }
    if (ctx.json) {
        ctx.out << QJsonDocument(QJsonObject{{u"order"_s, p.publicId},
                                             {u"currency"_s, p.currency.code()},
                                             {u"refundable"_s, p.refundable.toDecimalString()},
                                             {u"amount"_s, p.amount.toDecimalString()},
                                             {u"funding"_s, p.funding},
                                             {u"seller_share"_s, p.sellerShare.toDecimalString()},
                                             {u"platform_fee_back"_s, p.platformFeeBack.toDecimalString()},
                                             {u"wallet_available_after"_s, p.walletAvailableAfter.toDecimalString()},
                                             {u"needs_approval"_s, p.needsApproval},
                                             {u"blocked"_s, p.canRefund() ? QString() : p.blockedText()}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else {
        ctx.out << "Order " << p.publicId << ": " << p.refundable.format(QLocale::c()) << " refundable of "
                << p.gross.format(QLocale::c()) << '\n'
                << (p.canRefund() ? p.summary(QLocale::c()) : p.blockedText()) << Qt::endl;
    }
    return p.canRefund() ? Ok : Refused; // scripts can test whether the order can be refunded
}

const Registration r1{{u"refund"_s,
                       u"refund ORDER [--amount 12.34] --reason R --note TEXT [--wait S|--no-wait]"_s,
                       u"request a refund; the agent sends it (exit 0: succeeded or awaiting approval, 5: not yet)"_s, refund}};
const Registration r2{{u"refund-approve"_s, u"refund-approve REFUND_ID [--note TEXT] [--wait S|--no-wait]"_s,
                       u"approve a refund awaiting approval; the agent sends it (finance/admin, not the requester)"_s,
                       [](Context& c) { return approve(c, true); }}};
const Registration r3{{u"refund-reject"_s, u"refund-reject REFUND_ID --reason TEXT"_s,
                       u"reject a refund awaiting approval (finance/admin, not the requester)"_s,
                       [](Context& c) { return approve(c, false); }}};
const Registration r4{{u"refund-preview"_s, u"refund-preview ORDER [--amount 12.34]"_s,
                       u"show what a refund would do (who pays, fees, wallet after)"_s, previewCommand}};

} // namespace
} // namespace Bursar::Cli
