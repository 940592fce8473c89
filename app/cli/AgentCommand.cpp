// bursar-cli agent: the Bursar agent, the only process that holds the Stripe key (app/agent/Agent.h).
// bursar-cli recover: one pass of it (re-drive what is pending, refresh, release due escrow), then exit.
#include "Cli.h"

#include "agent/Agent.h"
#include "db/Database.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

// The key, from the first of: --key-file PATH (or BURSAR_STRIPE_KEY_FILE), systemd's credential
// "stripe-key" ($CREDENTIALS_DIRECTORY, LoadCredential= in bursar-agent.service), BURSAR_STRIPE_KEY.
// A key file must be readable by its owner only. The key never reaches a log or the database.
std::optional<Stripe::StripeConfig> stripeConfig(Context& ctx)
{
    QString file = option(ctx.args, u"--key-file"_s, qEnvironmentVariable("BURSAR_STRIPE_KEY_FILE"));
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (file.isEmpty() && !credentials.isEmpty() && QFileInfo::exists(credentials + u"/stripe-key"_s))
        file = credentials + u"/stripe-key"_s;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            ctx.err << "bursar-cli: cannot read the Stripe key file " << file << ": " << f.errorString() << Qt::endl;
            return std::nullopt;
        }
        const auto perms = f.permissions();
        if (perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
            ctx.err << "bursar-cli: the Stripe key file " << file
                    << " can be read by other users; make it readable by its owner only (chmod 600)." << Qt::endl;
            return std::nullopt;
        }
        env.insert(u"BURSAR_STRIPE_KEY"_s, QString::fromUtf8(f.readAll()).trimmed());
    }
    const auto loaded = Stripe::StripeConfig::fromEnvironment(env);
    if (!loaded.config) {
        ctx.err << "bursar-cli: " << loaded.error << Qt::endl;
        return std::nullopt;
    }
    return loaded.config;
}

// The agent's database and key; nullptr after printing why (the exit code in *code).
std::unique_ptr<Agent::Agent> makeAgent(Context& ctx, int* code)
{
    Db::Database* db = ctx.database();
    if (!db) {
        *code = DatabaseUnavailable;
        return nullptr;
    }
    const auto config = stripeConfig(ctx);
    if (!config) {
        *code = Usage;
        return nullptr;
    }
    return std::make_unique<Agent::Agent>(db, *config);
}

int sigFd[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(sigFd[1], &c, 1);
}

int runAgent(Context& ctx)
{
    int code = Ok;
    const auto owned = makeAgent(ctx, &code);
    if (!owned)
        return code;
    Agent::Agent& agent = *owned;
    QObject::connect(&agent, &Agent::Agent::problem, &agent,
                     [&ctx](const QString& m) { ctx.err << "bursar-agent: " << m << Qt::endl; });
    QObject::connect(&agent, &Agent::Agent::recovered, &agent, [&ctx](const Services::RecoveryReport& r) {
        for (const auto& i : r.items)
            ctx.out << "operation " << i.operationId << " (" << i.kind << "): " << Services::recoveryResultName(i.result)
                    << " - " << i.detail << Qt::endl;
    });
    try {
        wait(agent.start());
    } catch (const std::exception& e) {
        ctx.err << "bursar-cli: the agent did not start: " << QString::fromUtf8(e.what()) << Qt::endl;
        return Refused;
    }
    ctx.out << "Bursar agent " << agent.id() << " running in " << Stripe::modeName(agent.mode())
            << " mode; stop it with SIGTERM or Ctrl+C." << Qt::endl;

    QEventLoop loop;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sigFd) == 0) {
        auto* n = new QSocketNotifier(sigFd[0], QSocketNotifier::Read, &agent);
        QObject::connect(n, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    loop.exec();
    try {
        wait(agent.stop());
    } catch (const std::exception&) {
        // the heartbeat row ages out on its own
    }
    ctx.out << "Bursar agent " << agent.id() << " stopped." << Qt::endl;
    return Ok;
}

int recover(Context& ctx)
{
    int code = Ok;
    const auto owned = makeAgent(ctx, &code);
    if (!owned)
        return code;
    Agent::Agent& agent = *owned;
    // --all: also rows whose sender may still be waiting (their lease has not run out). Safe: same keys.
    Services::RecoveryReport report;
    try {
        report = wait(agent.runOnce(flag(ctx.args, u"--all"_s)));
    } catch (const std::exception& e) {
        ctx.err << "bursar-cli: " << QString::fromUtf8(e.what()) << Qt::endl;
        return Refused;
    }
    using R = Services::RecoveryItem::Result;
    const int refreshed = agent.refreshedRefunds();
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
                                             {u"escrow_released"_s, agent.releasedEscrows()},
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
                << report.count(R::Error) << " errors; " << refreshed << " pending refund(s) updated from Stripe; "
                << agent.releasedEscrows() << " escrow(s) released." << Qt::endl;
    }
    if (!report.error.isEmpty())
        return DatabaseUnavailable;
    return report.count(R::StillUnknown) + report.count(R::Error) + report.count(R::NeedsAttention) > 0 ? Failed : Ok;
}

const Registration r1{{u"agent"_s, u"agent [--key-file PATH]"_s,
                       u"run the Bursar agent: the one process with the Stripe key (login in bursar_service)"_s,
                       runAgent}};
const Registration r2{{u"recover"_s, u"recover [--all] [--key-file PATH]"_s,
                       u"one agent pass: re-drive pending operations with their stored keys, then exit"_s, recover}};

} // namespace
} // namespace Bursar::Cli
