#include "WalletsRepository.h"
#include "RowsByIds.h"

#include "Database.h"
#include "Keyset.h"
#include "Session.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

constexpr int MaxSearchLength = 200;

const QString TsParam = Keyset::timestampParam();

QString normalisedSearch(const QString& text)
{
    QString t = text.left(MaxSearchLength * 2);
    t.remove(QChar(0));
    return t.trimmed().left(MaxSearchLength);
}

Where whereFor(const WalletFilter& f)
{
    Where w;
    if (f.currency)
        w.add(u"v.currency = ?::char(3)"_s, {f.currency->toUpper().left(3)});
    if (f.kycState) {
        if (WalletsRepository::kycStates().contains(*f.kycState))
            w.add(u"v.kyc_state = ?::kyc_state"_s, {*f.kycState});
        else
            w.add(u"false"_s);
    }
    if (f.negative)
        w.add(*f.negative ? u"v.available < 0"_s : u"v.available >= 0"_s);
    if (f.frozen)
        w.add(*f.frozen ? u"v.frozen > 0"_s : u"v.frozen = 0"_s);
    if (f.broken) {
        const QString broken = u"(v.balance_differs OR v.bad_start OR v.first_break_id IS NOT NULL)"_s;
        w.add(*f.broken ? broken : u"NOT "_s + broken);
    }
    const QString term = normalisedSearch(f.search);
    if (!term.isEmpty()) {
        static const QRegularExpression digits(u"^\\d{1,18}$"_s);
        static const QRegularExpression account(u"^acct_[A-Za-z0-9]+$"_s);
        if (digits.match(term).hasMatch())
            w.add(u"v.seller_id = ?::bigint"_s, {term.toLongLong()});
        else if (account.match(term).hasMatch())
            w.add(u"v.stripe_account_id = ?"_s, {term});
        else if (term.size() >= 3)
            w.add(u"v.seller_name ILIKE ?"_s, {QString(u'%' + Keyset::likeEscape(term) + u'%')});
        else
            w.add(u"lower(v.seller_name) LIKE ?"_s, {QString(Keyset::likeEscape(term.toLower()) + u'%')});
    }
    return w;
}

QString valueColumn(WalletSort sort)
{
    switch (sort) {
    case WalletSort::Available:
        return u"v.available"_s;
    case WalletSort::Pending:
        return u"v.pending"_s;
    case WalletSort::Frozen:
        return u"v.frozen"_s;
    case WalletSort::Seller:
    case WalletSort::Name:
        break;
    }
    return {};
}

// Whether a currency holds a quarter of the wallets or more, from the planner's statistics (pg_stats),
// read at most every ten minutes: walking sellers by name and dropping the wallets in other currencies is
// quick for the main currency (1.5 ms) and slow for a rare one (KWD, 3 % of the wallets: 28 ms, against
// 5 ms from the currency's index).
bool isCommonCurrency(Session& s, const QString& code)
{
    struct Shares
    {
        QHash<QString, double> share;
        QDeadlineTimer fresh; // expired until read
    };
    static QMutex mutex;
    static QHash<QString, Shares> byDatabase; // per host/port/database: a process may open several
    const QSqlDatabase& c = s.connection();
    const QString key = c.hostName() + u':' + QString::number(c.port()) + u'/' + c.databaseName();
    QMutexLocker lock(&mutex);
    Shares& st = byDatabase[key];
    if (st.fresh.hasExpired()) {
        st.share.clear();
        auto& q = s.exec(u"SELECT v, f FROM pg_stats st, unnest(st.most_common_vals::text::text[], st.most_common_freqs) "
                         "AS t(v, f) WHERE st.schemaname = 'public' AND st.tablename = 'wallets' AND st.attname = 'currency'"_s);
        while (q.next())
            st.share.insert(q.value(0).toString().trimmed(), q.value(1).toDouble());
        st.fresh.setRemainingTime(std::chrono::minutes(10));
    }
    return st.share.value(code, 0.0) >= 0.25;
}

// A filter that keeps few wallets: every KYC state but "verified" (most sellers of a working marketplace),
// a name search, frozen or negative balances. Walking the wallets in sort order and dropping the others read 40,000
// wallets for a page of restricted sellers (80 ms at 50,000 sellers); the few sellers found first by their
// own index and sorted take a few ms.
bool fewSellers(Session& s, const WalletFilter& f, WalletSort sort)
{
    if (f.currency && sort == WalletSort::Name && !isCommonCurrency(s, f.currency->toUpper()))
        return true;
    if (f.kycState && *f.kycState != u"verified"_s)
        return true;
    if (f.frozen.value_or(false) || f.negative.value_or(false)) // partial indexes: a few % of the wallets
        return true;
    const QString term = normalisedSearch(f.search);
    static const QRegularExpression exact(u"^(\\d{1,18}|acct_[A-Za-z0-9]+)$"_s);
    return !term.isEmpty() && !exact.match(term).hasMatch();
}

// fence: sort by an expression no index of wallets matches, so the planner starts from the sellers.
QString orderBy(WalletSort sort, bool desc, bool fence = false)
{
    const QString d = desc ? u" DESC"_s : QString();
    const QString plus = fence ? u" + 0"_s : QString();
    switch (sort) {
    case WalletSort::Seller:
        return u"v.seller_id"_s + plus + d + u", v.currency"_s + d;
    case WalletSort::Name:
        return u"v.seller_name"_s + (fence ? u" || ''"_s : QString()) + d + u", v.seller_id"_s + d + u", v.currency"_s + d;
    case WalletSort::Available:
    case WalletSort::Pending:
    case WalletSort::Frozen:
        return valueColumn(sort) + plus + d + u", v.id"_s + d;
    }
    return {};
}

// The keyset condition, with the leading column also bounded on its own: the planner then walks the
// leading index from the cursor (a row comparison alone let it merge-join sellers from their first row).
void addKeyset(Where& w, WalletSort sort, bool desc, const WalletCursor& c)
{
    const QString op = desc ? u"<"_s : u">"_s;
    const QString opEq = desc ? u"<="_s : u">="_s;
    switch (sort) {
    case WalletSort::Seller:
        w.add(u"v.seller_id "_s + opEq + u" ?::bigint AND (v.seller_id, v.currency) "_s + op
                  + u" (?::bigint, ?::char(3))"_s,
              {c.sellerId, c.sellerId, c.currency});
        break;
    case WalletSort::Name:
        w.add(u"v.seller_name "_s + opEq + u" ? AND (v.seller_name, v.seller_id, v.currency) "_s + op
                  + u" (?, ?::bigint, ?::char(3))"_s,
              {c.sellerName, c.sellerName, c.sellerId, c.currency});
        break;
    case WalletSort::Available:
    case WalletSort::Pending:
    case WalletSort::Frozen:
        w.add(u"("_s + valueColumn(sort) + u", v.id) "_s + op + u" (?::bigint, ?::bigint)"_s, {c.value, c.id});
        break;
    }
}

const QString WalletColumns = u"v.id, v.seller_id, v.seller_name, coalesce(v.stripe_account_id, ''), v.kyc_state::text, "
                              "v.currency, v.available, v.pending, v.frozen, "_s
    + Keyset::epochMicros(u"v.updated_at"_s) + u", coalesce(v.last_ledger_id, 0), coalesce("_s
    + Keyset::epochMicros(u"v.last_movement_at"_s)
    + u", 0), v.ledger_available, v.ledger_pending, v.ledger_frozen, v.balance_differs, v.bad_start, "
      "coalesce(v.first_break_id, 0)"_s;

constexpr int WalletColumnCount = 18; // readWallet() reads columns 0-17

WalletRow readWallet(const QSqlQuery& q)
{
    WalletRow r;
    r.id = q.value(0).toLongLong();
    r.sellerId = q.value(1).toLongLong();
    r.sellerName = q.value(2).toString();
    r.stripeAccountId = q.value(3).toString();
    r.kycState = q.value(4).toString();
    r.currency = q.value(5).toString();
    r.available = q.value(6).toLongLong();
    r.pending = q.value(7).toLongLong();
    r.frozen = q.value(8).toLongLong();
    r.updatedUs = q.value(9).toLongLong();
    r.lastLedgerId = q.value(10).toLongLong();
    r.lastMovementUs = q.value(11).toLongLong();
    r.ledgerAvailable = q.value(12).toLongLong();
    r.ledgerPending = q.value(13).toLongLong();
    r.ledgerFrozen = q.value(14).toLongLong();
    r.balanceDiffers = q.value(15).toBool();
    r.badStart = q.value(16).toBool();
    r.firstBreakId = q.value(17).toLongLong();
    return r;
}

const QString LedgerColumns =
    u"e.id, e.wallet_id, e.kind::text, e.currency, e.amount_available, e.amount_pending, e.amount_frozen, "
    "e.available_before, e.available_after, e.pending_before, e.pending_after, e.frozen_before, e.frozen_after, "
    "coalesce(e.order_id, 0), coalesce(e.order_public_id, ''), coalesce(e.refund_id, 0), "
    "coalesce(e.stripe_refund_id, ''), coalesce(e.dispute_id, 0), coalesce(e.stripe_dispute_id, ''), "
    "coalesce(e.payout_id, 0), coalesce(e.stripe_payout_id, ''), coalesce(e.operation_id, 0), "
    "coalesce(e.description, ''), e.created_by, "_s
    + Keyset::epochMicros(u"e.created_at"_s) + u", coalesce(e.previous_id, 0), e.chain_break"_s;

constexpr int LedgerColumnCount = 27; // readLedger() reads columns 0-26

LedgerRow readLedger(const QSqlQuery& q)
{
    LedgerRow r;
    int i = 0;
    auto n = [&] { return q.value(i++).toLongLong(); };
    auto t = [&] { return q.value(i++).toString(); };
    r.id = n();
    r.walletId = n();
    r.kind = t();
    r.currency = t();
    r.amountAvailable = n();
    r.amountPending = n();
    r.amountFrozen = n();
    r.availableBefore = n();
    r.availableAfter = n();
    r.pendingBefore = n();
    r.pendingAfter = n();
    r.frozenBefore = n();
    r.frozenAfter = n();
    r.orderId = n();
    r.orderPublicId = t();
    r.refundId = n();
    r.stripeRefundId = t();
    r.disputeId = n();
    r.stripeDisputeId = t();
    r.payoutId = n();
    r.stripePayoutId = t();
    r.operationId = n();
    r.description = t();
    r.createdBy = t();
    r.createdUs = n();
    r.previousId = n();
    r.chainBreak = q.value(i++).toBool();
    return r;
}

Core::Money moneyIn(const QString& currency, qint64 minor)
{
    const auto c = Core::Currency::fromCode(currency);
    return c ? Core::Money(minor, *c) : Core::Money();
}

} // namespace

bool WalletFilter::isEmpty() const
{
    return !currency && !kycState && !negative && !frozen && !broken && search.trimmed().isEmpty();
}

Core::Money WalletRow::money(qint64 minor) const
{
    return moneyIn(currency, minor);
}

Core::Money LedgerRow::money(qint64 minor) const
{
    return moneyIn(currency, minor);
}

WalletCursor WalletCursor::after(const WalletRow& row, WalletSort sort)
{
    WalletCursor c{row.sellerName, row.sellerId, row.currency, 0, row.id};
    switch (sort) {
    case WalletSort::Available:
        c.value = row.available;
        break;
    case WalletSort::Pending:
        c.value = row.pending;
        break;
    case WalletSort::Frozen:
        c.value = row.frozen;
        break;
    case WalletSort::Seller:
    case WalletSort::Name:
        break;
    }
    return c;
}

LedgerCause LedgerRow::cause() const
{
    if (payoutId != 0)
        return LedgerCause::Payout;
    if (disputeId != 0)
        return LedgerCause::Dispute;
    if (refundId != 0)
        return LedgerCause::Refund;
    if (orderId != 0 && kind != u"adjustment"_s)
        return LedgerCause::Order;
    return LedgerCause::Adjustment;
}

QString LedgerRow::causeId() const
{
    switch (cause()) {
    case LedgerCause::Payout:
        return stripePayoutId.isEmpty() ? u"payout %1"_s.arg(payoutId) : stripePayoutId;
    case LedgerCause::Dispute:
        return stripeDisputeId.isEmpty() ? u"dispute %1"_s.arg(disputeId) : stripeDisputeId;
    case LedgerCause::Refund:
        return stripeRefundId.isEmpty() ? u"refund %1"_s.arg(refundId) : stripeRefundId;
    case LedgerCause::Order:
        return orderPublicId;
    case LedgerCause::Adjustment:
        return description;
    }
    return {};
}

const QStringList& WalletsRepository::kycStates()
{
    static const QStringList s = {u"not_started"_s, u"incomplete"_s, u"pending_verification"_s,
                                  u"verified"_s,    u"restricted"_s, u"rejected"_s};
    return s;
}

const QStringList& WalletsRepository::ledgerKinds()
{
    static const QStringList k = {u"escrow_hold"_s,      u"escrow_release"_s,   u"refund_escrow"_s,
                                  u"refund_clawback"_s,  u"dispute_freeze"_s,   u"dispute_unfreeze"_s,
                                  u"dispute_loss"_s,     u"payout"_s,           u"payout_failed_return"_s,
                                  u"adjustment"_s,       u"transfer_reversal"_s};
    return k;
}

WalletPage WalletsRepository::page(Session& s, const WalletQuery& query, const std::optional<WalletCursor>& after,
                                   int limit)
{
    Where w = whereFor(query.filter);
    if (after)
        addKeyset(w, query.sort, query.descending, *after);
    QVariantList params = w.params;
    params << limit + 1;
    // The page's ids first (from wallet_list, unless the filter is on the check itself), then their checks.
    const QString from = query.filter.broken ? u"wallet_overview"_s : u"wallet_list"_s;
    const QString order = orderBy(query.sort, query.descending);
    auto& q = s.exec(u"SELECT "_s + WalletColumns + u" FROM (SELECT v.id FROM "_s + from + u" v"_s + w.sql()
                         + u" ORDER BY "_s + orderBy(query.sort, query.descending, fewSellers(s, query.filter, query.sort))
                         + u" LIMIT ?::int) p JOIN wallet_overview v ON v.id = p.id ORDER BY "_s + order,
                     params);
    QList<WalletRow> rows;
    rows.reserve(limit + 1);
    while (q.next())
        rows << readWallet(q);
    return WalletPage::take(std::move(rows), limit);
}

QFuture<RowCount> WalletsRepository::count(Database* db, const WalletFilter& filter, Stale stale)
{
    // as page(): the light list unless the filter is on the check itself
    const QString from = filter.broken ? u"wallet_overview v"_s : u"wallet_list v"_s;
    return db->run([from, w = whereFor(filter), stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RowCount{};
        return cappedCount(s, from, w);
    });
}

RowsById<WalletRow> WalletsRepository::rowsByIds(Session& s, const WalletQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<WalletRow>(s, WalletColumns, WalletColumnCount, u"wallet_overview v"_s, u"v.id"_s,
                                    whereFor(query.filter), ids, [](const QSqlQuery& q) { return readWallet(q); });
}

namespace {
Where ledgerWhere(const LedgerQuery& query)
{
    Where w;
    w.add(u"e.wallet_id = ?::bigint"_s, {query.walletId});
    if (query.kind) {
        if (WalletsRepository::ledgerKinds().contains(*query.kind))
            w.add(u"e.kind = ?::ledger_kind"_s, {*query.kind});
        else
            w.add(u"false"_s);
    }
    return w;
}
} // namespace

LedgerPage WalletsRepository::ledgerPage(Session& s, const LedgerQuery& query, const std::optional<LedgerCursor>& after,
                                         int limit)
{
    Where w = ledgerWhere(query);
    const bool desc = query.descending;
    if (after)
        w.add(u"(e.created_at, e.id) "_s + (desc ? u"<"_s : u">"_s) + u" ("_s + TsParam + u", ?::bigint)"_s,
              {after->createdUs, after->id});
    const QString d = desc ? u" DESC"_s : QString();
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(u"SELECT "_s + LedgerColumns + u" FROM wallet_ledger_entries e"_s + w.sql()
                         + u" ORDER BY e.created_at"_s + d + u", e.id"_s + d + u" LIMIT ?::int"_s,
                     params);
    QList<LedgerRow> rows;
    rows.reserve(limit + 1);
    while (q.next())
        rows << readLedger(q);
    return LedgerPage::take(std::move(rows), limit);
}

RowsById<LedgerRow> WalletsRepository::ledgerRowsByIds(Session& s, const LedgerQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<LedgerRow>(s, LedgerColumns, LedgerColumnCount, u"wallet_ledger_entries e"_s, u"e.id"_s,
                                    ledgerWhere(query), ids, [](const QSqlQuery& q) { return readLedger(q); });
}

WalletVerification WalletsRepository::verify(Session& s, qint64 walletId)
{
    auto& q = s.exec(u"SELECT v.found, v.ledger_rows, v.available, v.pending, v.frozen, v.sum_available, "
                     "v.sum_pending, v.sum_frozen, v.chain_breaks, coalesce(v.first_break_id, 0), "
                     "coalesce(v.last_break_id, 0), coalesce((SELECT w.currency FROM wallets w WHERE w.id = ?::bigint), '') "
                     "FROM bursar_wallet_verify(?::bigint) v"_s,
                     {walletId, walletId});
    WalletVerification v;
    v.walletId = walletId;
    if (!q.next())
        return v;
    v.found = q.value(0).toBool();
    v.ledgerRows = q.value(1).toLongLong();
    v.available = q.value(2).toLongLong();
    v.pending = q.value(3).toLongLong();
    v.frozen = q.value(4).toLongLong();
    v.sumAvailable = q.value(5).toLongLong();
    v.sumPending = q.value(6).toLongLong();
    v.sumFrozen = q.value(7).toLongLong();
    v.chainBreaks = q.value(8).toLongLong();
    v.firstBreakId = q.value(9).toLongLong();
    v.lastBreakId = q.value(10).toLongLong();
    v.currency = q.value(11).toString();
    return v;
}

QFuture<WalletPage> WalletsRepository::page(Database* db, const WalletQuery& query,
                                            const std::optional<WalletCursor>& after, int limit, Stale stale)
{
    return db->run([query, after, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return WalletPage{};
        return page(s, query, after, limit);
    });
}

QFuture<WalletPage> WalletsRepository::page(Database* db, const WalletQuery& query, const WalletRow* after, int limit,
                                            Stale stale)
{
    return page(db, query, after ? std::optional(WalletCursor::after(*after, query.sort)) : std::nullopt, limit,
                std::move(stale));
}

QFuture<LedgerPage> WalletsRepository::ledgerPage(Database* db, const LedgerQuery& query, const LedgerRow* after,
                                                  int limit, Stale stale)
{
    return ledgerPage(db, query, after ? std::optional(LedgerCursor::after(*after)) : std::nullopt, limit,
                      std::move(stale));
}

QFuture<RowsById<WalletRow>> WalletsRepository::rowsByIds(Database* db, const WalletQuery& query,
                                                          const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<RowsById<LedgerRow>> WalletsRepository::ledgerRowsByIds(Database* db, const LedgerQuery& query,
                                                                const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return ledgerRowsByIds(s, query, ids); });
}

QFuture<LedgerPage> WalletsRepository::ledgerPage(Database* db, const LedgerQuery& query,
                                                  const std::optional<LedgerCursor>& after, int limit, Stale stale)
{
    return db->run([query, after, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return LedgerPage{};
        return ledgerPage(s, query, after, limit);
    });
}

QFuture<WalletVerification> WalletsRepository::verify(Database* db, qint64 walletId, Stale stale)
{
    return db->run([walletId, stale = std::move(stale)](Session& s) {
        if (stale && stale()) {
            WalletVerification skipped; // not found: the caller has moved on and drops it
            skipped.walletId = walletId;
            return skipped;
        }
        return verify(s, walletId);
    });
}

} // namespace Bursar::Db
