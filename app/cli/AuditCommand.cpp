// bursar-cli audit verify: proves the audit log's hash chain (services/AuditChain.h), naming the first
// broken row. bursar-cli audit as-of --order ID | --wallet ID --at TIME: an order's status and money, or a
// wallet's balances, as they were at that time (Db::AuditRepository::orderAsOf / walletAsOf; finance, admin).
#include "Cli.h"

#include "db/AuditRepository.h"
#include "db/Database.h"
#include "services/AuditChain.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

int asOf(Context& ctx)
{
    const QString order = option(ctx.args, u"--order"_s);
    const QString wallet = option(ctx.args, u"--wallet"_s);
    const QString atText = option(ctx.args, u"--at"_s);
    const QDateTime at = QDateTime::fromString(atText, Qt::ISODateWithMs);
    if (order.isEmpty() == wallet.isEmpty() || !at.isValid()) {
        ctx.err << "bursar-cli: usage: audit as-of --order ID|--wallet ID --at TIME (ISO 8601, e.g. "
                   "2026-12-01T12:00:00Z)"
                << Qt::endl;
        return Usage;
    }
    const qint64 atUs = at.toMSecsSinceEpoch() * 1000;
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    if (!order.isEmpty()) {
        const Db::OrderAsOf o = wait(Db::AuditRepository::orderAsOf(db, order, atUs));
        if (!o.found) {
            ctx.err << "bursar-cli: there is no order " << order << Qt::endl;
            return Failed;
        }
        if (ctx.json) {
            QJsonObject fields;
            for (const Db::AsOfField& f : o.fields)
                fields.insert(f.key, Db::OrderAsOf::isMoneyField(f.key) ? QJsonValue(f.value.toLongLong())
                                                                         : QJsonValue(f.value));
            ctx.out << QJsonDocument(QJsonObject{{u"order_id"_s, o.orderId},
                                                 {u"public_id"_s, o.publicId},
                                                 {u"currency"_s, o.currency},
                                                 {u"existed"_s, o.existed},
                                                 {u"fields"_s, fields},
                                                 {u"audit_rows_before"_s, qint64(o.rowsBefore.size())},
                                                 {u"audit_rows_after"_s, qint64(o.rowsAfter.size())}})
                           .toJson(QJsonDocument::Compact)
                    << Qt::endl;
        } else {
            ctx.out << "Order " << o.publicId << " as of " << at.toUTC().toString(Qt::ISODateWithMs)
                    << (o.existed ? "" : " (not created yet)") << Qt::endl;
            for (const Db::AsOfField& f : o.fields)
                ctx.out << "  " << f.key << ": " << f.value
                        << (f.sourceId ? u" (audit row %1)"_s.arg(f.sourceId) : u" (no change since)"_s) << Qt::endl;
        }
        return Ok;
    }
    bool ok = false;
    const qint64 id = wallet.toLongLong(&ok);
    if (!ok || id <= 0) {
        ctx.err << "bursar-cli: --wallet takes a wallet id" << Qt::endl;
        return Usage;
    }
    const Db::WalletAsOf w = wait(Db::AuditRepository::walletAsOf(db, id, atUs));
    if (!w.found) {
        ctx.err << "bursar-cli: there is no wallet " << wallet << " (or this login may not read wallets)" << Qt::endl;
        return Failed;
    }
    if (ctx.json) {
        ctx.out << QJsonDocument(QJsonObject{{u"wallet_id"_s, w.walletId},
                                             {u"seller_id"_s, w.sellerId},
                                             {u"currency"_s, w.currency},
                                             {u"available"_s, w.available},
                                             {u"pending"_s, w.pending},
                                             {u"frozen"_s, w.frozen},
                                             {u"last_ledger_id"_s, w.lastLedgerId},
                                             {u"movements_after"_s, w.rowsAfterCount},
                                             {u"adds_up"_s, w.addsUp()}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
    } else {
        ctx.out << "Wallet " << w.walletId << " (" << w.currency << ") as of " << at.toUTC().toString(Qt::ISODateWithMs)
                << ": available " << w.money(w.available).toDecimalString() << ", pending "
                << w.money(w.pending).toDecimalString() << ", frozen " << w.money(w.frozen).toDecimalString() << "; "
                << w.rowsAfterCount << " movement(s) since" << Qt::endl;
    }
    return w.addsUp() ? Ok : Failed;
}

int audit(Context& ctx)
{
    if (ctx.args.value(0) == u"as-of"_s)
        return asOf(ctx);
    if (ctx.args.value(0) != u"verify"_s) {
        ctx.err << "bursar-cli: usage: audit verify [--from ID] [--to ID] | audit as-of --order ID|--wallet ID --at TIME" << Qt::endl;
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

const Registration r{{u"audit"_s, u"audit verify [--from ID] [--to ID] | as-of --order ID|--wallet ID --at TIME"_s,
                      u"prove the audit log's hash chain (names the first broken row); an order or wallet as it was then"_s,
                      audit}};

} // namespace
} // namespace Bursar::Cli
