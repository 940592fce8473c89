#include "AuditRepository.h"
#include "RowsByIds.h"

#include "CsvExport.h"
#include "Database.h"
#include "Keyset.h"
#include "Session.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

constexpr int MaxText = 200;
constexpr int AsOfRows = 500;

QString clean(const QString& text)
{
    QString t = text.left(MaxText * 2);
    t.remove(QChar(0));
    return t.trimmed().left(MaxText);
}

const QString TsParam = Keyset::timestampParam();

// The audit rows about a seller, from the indexes: its orders (orders_seller -> audit_log_order_at_id, read
// index-only for (id, at)), its wallets, payouts and the seller itself (audit_log_entity; rows also about one of
// its orders come once, through the order). Used as the page's source, so the sort and the keyset run over the
// seller's rows only; no audit row of another seller is read.
struct Source
{
    QString sql;
    QVariantList params;
};

Source sourceFor(const AuditFilter& f)
{
    if (!f.sellerId)
        return {u"audit_log a"_s, {}};
    const QString notViaOrder =
        u" AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.id = x.order_id AND o2.seller_id = ?::bigint)"_s;
    const qint64 id = *f.sellerId;
    return {u"(SELECT x.* FROM orders o JOIN audit_log x ON x.order_id = o.id WHERE o.seller_id = ?::bigint"
            " UNION ALL SELECT x.* FROM wallets w JOIN audit_log x ON x.entity = 'wallet' AND x.entity_id = w.id::text"
            " WHERE w.seller_id = ?::bigint"_s
                + notViaOrder
                + u" UNION ALL SELECT x.* FROM payouts p JOIN audit_log x ON x.entity = 'payout' AND x.entity_id = p.id::text"
                  " WHERE p.seller_id = ?::bigint"_s
                + notViaOrder
                + u" UNION ALL SELECT x.* FROM audit_log x WHERE x.entity = 'seller' AND x.entity_id = ?::bigint::text"_s
                + notViaOrder + u") a"_s,
            {id, id, id, id, id, id, id}};
}

// The filter's conditions on audit_log a (or audit_entries a). The seller is the source's (sourceFor()),
// except for rows read by id from the view (sellerFromView: its seller_id column).
Where whereFor(const AuditFilter& f, bool sellerFromView = false)
{
    Where w;
    if (const QString actor = clean(f.actor); !actor.isEmpty())
        w.add(u"a.actor = ?"_s, {actor});
    if (QString action = clean(f.action); !action.isEmpty()) {
        const bool prefix = action.endsWith(u'*') || action.endsWith(u'.');
        if (action.endsWith(u'*'))
            action.chop(1);
        if (prefix)
            w.add(u"a.action LIKE ?"_s, {QString(Keyset::likeEscape(action) + u'%')});
        else
            w.add(u"a.action = ?"_s, {action});
    }
    if (f.entity) {
        if (AuditRepository::entities().contains(*f.entity))
            w.add(u"a.entity = ?"_s, {*f.entity});
        else
            w.add(u"false"_s);
        if (const QString id = clean(f.entityId); !id.isEmpty())
            w.add(u"a.entity_id = ?"_s, {id});
    }
    if (const QString order = clean(f.order); !order.isEmpty()) {
        static const QRegularExpression digits(u"^\\d{1,18}$"_s);
        if (digits.match(order).hasMatch())
            w.add(u"a.order_id = ?::bigint"_s, {order.toLongLong()});
        else
            w.add(u"a.order_id = (SELECT o.id FROM orders o WHERE o.public_id = ?)"_s, {order.toUpper()});
    }
    if (f.sellerId && sellerFromView)
        w.add(u"a.seller_id = ?::bigint"_s, {*f.sellerId});
    if (f.fromUs)
        w.add(u"a.at >= "_s + TsParam, {*f.fromUs});
    if (f.toUs)
        w.add(u"a.at < "_s + TsParam, {*f.toUs});
    return w;
}

QList<KeyPart> keyFor(AuditSort sort)
{
    const KeyPart at{u"a.at"_s, TsParam};
    const KeyPart id{u"a.id"_s, u"?::bigint"_s};
    switch (sort) {
    case AuditSort::Time:
        return {at, id};
    case AuditSort::Id:
        return {id};
    case AuditSort::Actor:
        return {{u"a.actor"_s, u"?::text"_s}, at, id};
    case AuditSort::Action:
        return {{u"a.action"_s, u"?::text"_s}, at, id};
    }
    return {at, id};
}

QVariantList keyValues(AuditSort sort, const AuditCursor& c)
{
    switch (sort) {
    case AuditSort::Time:
        return {c.atUs, c.id};
    case AuditSort::Id:
        return {c.id};
    case AuditSort::Actor:
    case AuditSort::Action:
        return {c.text, c.atUs, c.id};
    }
    return {c.atUs, c.id};
}

const QString AuditColumns =
    u"a.id, "_s + Keyset::epochMicros(u"a.at"_s)
    + u", a.actor, coalesce(a.actor_role, ''), a.action, a.entity, coalesce(a.entity_id, ''), coalesce(a.order_id, 0), "
      "coalesce(a.order_public_id, ''), coalesce(a.seller_id, 0), a.amount IS NOT NULL, coalesce(a.amount, 0), "
      "coalesce(a.currency, ''), coalesce(a.before::text, ''), coalesce(a.after::text, ''), "
      "coalesce(a.stripe_request_id, ''), coalesce(a.operation_id, 0), coalesce(a.note, '')"_s;

constexpr int AuditColumnCount = 18;

QJsonObject jsonObject(const QString& text)
{
    if (text.isEmpty())
        return {};
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8());
    if (d.isObject())
        return d.object();
    return QJsonObject{{u"value"_s, d.isArray() ? QJsonValue(d.array()) : QJsonValue(text)}};
}

AuditRow readAudit(const QSqlQuery& q)
{
    AuditRow r;
    int i = 0;
    auto n = [&] { return q.value(i++).toLongLong(); };
    auto t = [&] { return q.value(i++).toString(); };
    r.id = n();
    r.atUs = n();
    r.actor = t();
    r.actorRole = t();
    r.action = t();
    r.entity = t();
    r.entityId = t();
    r.orderId = n();
    r.orderPublicId = t();
    r.sellerId = n();
    r.hasAmount = q.value(i++).toBool();
    r.amount = n();
    r.currency = t().trimmed();
    r.before = jsonObject(t());
    r.after = jsonObject(t());
    r.stripeRequestId = t();
    r.operationId = n();
    r.note = t();
    return r;
}

QString jsonText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace

// ------------------------------------------------------------------ rows

bool AuditFilter::isEmpty() const
{
    return clean(actor).isEmpty() && clean(action).isEmpty() && !entity && clean(order).isEmpty() && !sellerId
        && !fromUs && !toUs;
}

std::optional<Core::Money> AuditRow::money() const
{
    if (!hasAmount)
        return std::nullopt;
    const auto c = Core::Currency::fromCode(currency);
    if (!c)
        return std::nullopt;
    return Core::Money(amount, *c);
}

QStringList AuditRow::keys() const
{
    QStringList k = before.keys() + after.keys();
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    return k;
}

QStringList AuditRow::changedKeys() const
{
    QStringList changed;
    for (const QString& k : keys())
        if (before.value(k) != after.value(k) || before.contains(k) != after.contains(k))
            changed << k;
    return changed;
}

AuditCursor AuditCursor::after(const AuditRow& row, AuditSort sort)
{
    AuditCursor c{row.atUs, row.id, {}};
    if (sort == AuditSort::Actor)
        c.text = row.actor;
    else if (sort == AuditSort::Action)
        c.text = row.action;
    return c;
}

const QStringList& AuditRepository::entities()
{
    static const QStringList e = {u"order"_s,      u"refund"_s,      u"dispute"_s, u"payout"_s,
                                  u"payout_run"_s, u"wallet"_s,      u"seller"_s,  u"stripe_event"_s,
                                  u"staff"_s,      u"fee_policy"_s,  u"operation"_s};
    return e;
}

AuditPage AuditRepository::page(Session& s, const AuditQuery& query, const std::optional<AuditCursor>& after,
                                 int limit)
{
    Where w = whereFor(query.filter);
    const QList<KeyPart> key = keyFor(query.sort);
    if (after)
        Keyset::addAfter(w, key, keyValues(query.sort, *after), query.descending);
    const Source from = sourceFor(query.filter);
    QVariantList params = from.params + w.params;
    params << limit + 1;
    // The page's ids from audit_log and its indexes first, then the view's joins (order, seller) for those
    // rows only: with the joins inside, a seller's 17,000 rows were all joined before the sort kept 201.
    const QString order = Keyset::orderBy(key, query.descending);
    auto& q = s.exec(u"SELECT "_s + AuditColumns + u" FROM audit_entries a WHERE a.id = ANY(ARRAY(SELECT a.id FROM "_s
                         + from.sql + w.sql() + u" ORDER BY "_s + order + u" LIMIT ?::int)) ORDER BY "_s + order,
                     params);
    QList<AuditRow> rows;
    rows.reserve(limit + 1);
    while (q.next())
        rows << readAudit(q);
    return AuditPage::take(std::move(rows), limit);
}

RowsById<AuditRow> AuditRepository::rowsByIds(Session& s, const AuditQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<AuditRow>(s, AuditColumns, AuditColumnCount, u"audit_entries a"_s, u"a.id"_s,
                                   whereFor(query.filter, true), ids, [](const QSqlQuery& q) { return readAudit(q); });
}

RowCount AuditRepository::count(Session& s, const AuditFilter& filter)
{
    // as cappedCount() (RowsByIds.h), over the page's source; the view's name first, so that a login that may
    // not read the panel gets no count either
    s.exec(u"SELECT 1 FROM audit_entries LIMIT 0"_s);
    constexpr int cap = 10000;
    const Source from = sourceFor(filter);
    const Where w = whereFor(filter);
    QVariantList params = from.params + w.params;
    params << cap + 1;
    const qint64 n = s.scalar(u"SELECT count(*) FROM (SELECT 1 FROM "_s + from.sql + w.sql() + u" LIMIT ?::int) t"_s,
                              params)
                         .toLongLong();
    return n > cap ? RowCount{cap, RowCount::Kind::AtLeast} : RowCount{n, RowCount::Kind::Exact};
}

// ------------------------------------------------------------------ chain

AuditChainState AuditRepository::verifyRange(Session& s, qint64 fromId, qint64 toId)
{
    AuditChainState st;
    st.fromId = fromId;
    st.toId = toId;
    st.range = true;
    auto& q = s.exec(u"SELECT checked, coalesce(first_broken_id, 0), coalesce(problem, '') "
                     "FROM bursar_audit_verify(?::bigint, ?::bigint)"_s,
                     {fromId, toId});
    if (q.next()) {
        st.checked = q.value(0).toLongLong();
        st.firstBrokenId = q.value(1).toLongLong();
        st.problem = q.value(2).toString();
    }
    return st;
}

AuditChainState AuditRepository::verifyRows(Session& s, const QList<qint64>& ids, qint64 rangeLimit)
{
    AuditChainState st;
    if (ids.isEmpty())
        return st;
    const auto [lo, hi] = std::minmax_element(ids.cbegin(), ids.cend());
    if (*hi - *lo < rangeLimit)
        return verifyRange(s, *lo, *hi);
    // Rows far apart in the chain (a sort other than time, a filter): each row against its own hash and the
    // hash of the row before it in id order, as bursar_audit_verify checks them.
    st.fromId = *lo;
    st.toId = *hi;
    auto& q = s.exec(u"SELECT a.id, CASE WHEN a.hash IS NULL OR a.prev_hash IS NULL THEN 'not_chained' "
                     "WHEN a.prev_hash IS DISTINCT FROM coalesce((SELECT p.hash FROM audit_log p WHERE p.id < a.id "
                     "ORDER BY p.id DESC LIMIT 1), decode(repeat('00', 32), 'hex')) THEN 'chain_broken' "
                     "WHEN a.hash <> sha256(a.prev_hash || convert_to(bursar_audit_content(a), 'UTF8')) "
                     "THEN 'content_changed' ELSE '' END "
                     "FROM audit_log a WHERE a.id = ANY(?::bigint[]) ORDER BY a.id"_s,
                     {Keyset::idArray(ids)});
    while (q.next()) {
        ++st.checked;
        const QString problem = q.value(1).toString();
        if (!problem.isEmpty() && st.firstBrokenId == 0) {
            st.firstBrokenId = q.value(0).toLongLong();
            st.problem = problem;
        }
    }
    return st;
}

// ------------------------------------------------------------------ as of

const QStringList& OrderAsOf::fieldKeys()
{
    static const QStringList k = {u"payment_status"_s, u"fulfilment_status"_s, u"gross"_s,
                                  u"refunded_amount"_s, u"platform_fee"_s,    u"processor_fee"_s,
                                  u"seller_net"_s};
    return k;
}

bool OrderAsOf::isMoneyField(const QString& key)
{
    return key != u"payment_status"_s && key != u"fulfilment_status"_s;
}

const AsOfField* OrderAsOf::field(const QString& key) const
{
    for (const AsOfField& f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

qint64 AuditRepository::orderIdOf(Session& s, const QString& order)
{
    const QString t = clean(order);
    static const QRegularExpression digits(u"^\\d{1,18}$"_s);
    if (digits.match(t).hasMatch())
        return s.scalar(u"SELECT coalesce((SELECT id FROM orders WHERE id = ?::bigint), 0)"_s, {t.toLongLong()})
            .toLongLong();
    return s.scalar(u"SELECT coalesce((SELECT id FROM orders WHERE public_id = ?), 0)"_s, {t.toUpper()}).toLongLong();
}

OrderAsOf AuditRepository::orderAsOf(Session& s, qint64 orderId, qint64 atUs)
{
    OrderAsOf r;
    r.orderId = orderId;
    r.atUs = atUs;
    QHash<QString, QString> now;
    {
        auto& q = s.exec(u"SELECT public_id, currency, "_s + Keyset::epochMicros(u"created_at"_s)
                             + u", payment_status::text, fulfilment_status::text, gross, refunded_amount, "
                               "platform_fee, processor_fee, seller_net FROM orders WHERE id = ?::bigint"_s,
                         {orderId});
        if (!q.next())
            return r;
        r.found = true;
        r.publicId = q.value(0).toString();
        r.currency = q.value(1).toString();
        r.createdUs = q.value(2).toLongLong();
        for (int i = 0; i < OrderAsOf::fieldKeys().size(); ++i)
            now.insert(OrderAsOf::fieldKeys().at(i), q.value(3 + i).toString());
    }
    r.existed = r.createdUs <= atUs;
    // An audit row about the order records the order's fields as they were just before it in `before`:
    // under their own name for the order itself (entity 'order'), as order_<field> or refunded_amount for
    // a row about one of its refunds, disputes... (0005/0007: order_payment_status, refunded_amount).
    auto fieldOf = [](const AuditRow& row, const QString& key) -> QString {
        const QStringList& fields = OrderAsOf::fieldKeys();
        if (key.startsWith(u"order_"_s) && fields.contains(key.mid(6)))
            return key.mid(6);
        if (row.entity == u"order"_s && fields.contains(key))
            return key;
        if (key == u"refunded_amount"_s)
            return key;
        return {};
    };
    const QString rows = u"SELECT "_s + AuditColumns
        + u" FROM audit_entries a WHERE a.order_id = ?::bigint AND a.at %1 "_s + TsParam
        + u" ORDER BY a.at %2, a.id %2 LIMIT ?::int"_s;
    {
        auto& q = s.exec(rows.arg(u"<="_s, u"DESC"_s), {orderId, atUs, AsOfRows});
        while (q.next())
            r.rowsBefore.prepend(readAudit(q));
    }
    QHash<QString, std::pair<QString, qint64>> then; // field -> (value, audit id)
    {
        auto& q = s.exec(rows.arg(u">"_s, u"ASC"_s), {orderId, atUs, std::numeric_limits<int>::max()});
        while (q.next()) {
            AuditRow row = readAudit(q);
            for (auto it = row.before.constBegin(); it != row.before.constEnd(); ++it) {
                const QString f = fieldOf(row, it.key());
                if (!f.isEmpty() && !then.contains(f))
                    then.insert(f, {jsonText(it.value()), row.id});
            }
            if (r.rowsAfter.size() < AsOfRows)
                r.rowsAfter << std::move(row);
        }
    }
    for (const QString& k : OrderAsOf::fieldKeys()) {
        AsOfField f;
        f.key = k;
        f.valueNow = now.value(k);
        if (const auto it = then.constFind(k); it != then.cend()) {
            f.value = it->first;
            f.sourceId = it->second;
        } else {
            f.value = f.valueNow;
        }
        f.changedSince = f.value != f.valueNow;
        r.fields << f;
    }
    return r;
}

Core::Money WalletAsOf::money(qint64 minor) const
{
    const auto c = Core::Currency::fromCode(currency);
    return c ? Core::Money(minor, *c) : Core::Money();
}

WalletAsOf AuditRepository::walletAsOf(Session& s, qint64 walletId, qint64 atUs)
{
    WalletAsOf r;
    r.walletId = walletId;
    r.atUs = atUs;
    {
        auto& q = s.exec(u"SELECT seller_id, currency, available, pending, frozen FROM wallet_overview "
                         "WHERE id = ?::bigint"_s,
                         {walletId});
        if (!q.next())
            return r;
        r.found = true;
        r.sellerId = q.value(0).toLongLong();
        r.currency = q.value(1).toString();
        r.availableNow = q.value(2).toLongLong();
        r.pendingNow = q.value(3).toLongLong();
        r.frozenNow = q.value(4).toLongLong();
    }
    // The ledger's own keyset pages (wallet_ledger_wallet: wallet_id, created_at, id) from the moment: the
    // last movement at or before it (descending from (at, max id)), and the movements after it.
    LedgerQuery lq;
    lq.walletId = walletId;
    const LedgerCursor moment{atUs, std::numeric_limits<qint64>::max()};
    lq.descending = true;
    const LedgerPage last = WalletsRepository::ledgerPage(s, lq, moment, 1);
    if (!last.rows.isEmpty()) {
        const LedgerRow& l = last.rows.first();
        r.lastLedgerId = l.id;
        r.available = l.availableAfter;
        r.pending = l.pendingAfter;
        r.frozen = l.frozenAfter;
    }
    lq.descending = false;
    const LedgerPage since = WalletsRepository::ledgerPage(s, lq, moment, AsOfRows);
    r.rowsAfter = since.rows;
    r.moreAfter = since.hasMore;
    auto& q = s.exec(u"SELECT count(*), coalesce(sum(amount_available), 0), coalesce(sum(amount_pending), 0), "
                     "coalesce(sum(amount_frozen), 0) FROM wallet_ledger_entries "
                     "WHERE wallet_id = ?::bigint AND created_at > "_s
                         + TsParam,
                     {walletId, atUs});
    if (q.next()) {
        r.rowsAfterCount = q.value(0).toLongLong();
        r.sumAfterAvailable = q.value(1).toLongLong();
        r.sumAfterPending = q.value(2).toLongLong();
        r.sumAfterFrozen = q.value(3).toLongLong();
    }
    return r;
}

// ------------------------------------------------------------------ CSV

QStringList AuditRepository::csvHeader()
{
    return {u"audit_id"_s, u"at"_s,       u"actor"_s,     u"actor_role"_s, u"action"_s,
            u"entity"_s,   u"entity_id"_s, u"order_id"_s, u"order_public_id"_s, u"seller_id"_s,
            u"currency"_s, u"amount"_s,   u"before"_s,    u"after"_s,      u"stripe_request_id"_s,
            u"operation_id"_s, u"note"_s};
}

qint64 AuditRepository::exportCsv(Session& s, const AuditQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                                  const std::function<void(qint64)>& progress, int pageSize)
{
    using namespace Csv;
    auto json = [](const QJsonObject& o) {
        return o.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    return stream<AuditRow>(
        s, out, csvHeader(),
        [&query](Session& session, const AuditRow* after, int limit) {
            return page(session, query, after ? std::optional(AuditCursor::after(*after, query.sort)) : std::nullopt,
                        limit);
        },
        [&json](const AuditRow& r) {
            const auto m = r.money();
            return QStringList{QString::number(r.id),
                               timestamp(r.atUs),
                               field(r.actor),
                               field(r.actorRole),
                               field(r.action),
                               field(r.entity),
                               field(r.entityId),
                               r.orderId ? QString::number(r.orderId) : QString(),
                               field(r.orderPublicId),
                               r.sellerId ? QString::number(r.sellerId) : QString(),
                               r.currency,
                               m ? m->toDecimalString() : (r.hasAmount ? QString::number(r.amount) : QString()),
                               field(json(r.before)),
                               field(json(r.after)),
                               field(r.stripeRequestId),
                               r.operationId ? QString::number(r.operationId) : QString(),
                               field(r.note)};
        },
        cancel, progress, pageSize);
}

// ------------------------------------------------------------------ queued

QFuture<AuditPage> AuditRepository::page(Database* db, const AuditQuery& query, const AuditRow* after, int limit,
                                         Stale stale)
{
    std::optional<AuditCursor> c = after ? std::optional(AuditCursor::after(*after, query.sort)) : std::nullopt;
    return db->run([query, c, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return AuditPage{};
        return page(s, query, c, limit);
    });
}

QFuture<RowsById<AuditRow>> AuditRepository::rowsByIds(Database* db, const AuditQuery& query, const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<RowCount> AuditRepository::count(Database* db, const AuditFilter& filter, Stale stale)
{
    return db->run([filter, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RowCount{};
        return count(s, filter);
    });
}

QFuture<AuditChainState> AuditRepository::verifyRows(Database* db, const QList<qint64>& ids, Stale stale)
{
    return db->run([ids, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return AuditChainState{};
        return verifyRows(s, ids);
    });
}

QFuture<OrderAsOf> AuditRepository::orderAsOf(Database* db, const QString& order, qint64 atUs)
{
    return db->run([order, atUs](Session& s) {
        const qint64 id = orderIdOf(s, order);
        if (id == 0) {
            OrderAsOf none;
            none.atUs = atUs;
            return none;
        }
        return orderAsOf(s, id, atUs);
    });
}

QFuture<WalletAsOf> AuditRepository::walletAsOf(Database* db, qint64 walletId, qint64 atUs)
{
    return db->run([walletId, atUs](Session& s) { return walletAsOf(s, walletId, atUs); });
}

QFuture<qint64> AuditRepository::exportCsvFile(Database* db, const AuditQuery& query, const QString& path,
                                               std::shared_ptr<std::atomic_bool> cancel,
                                               std::function<void(qint64)> progress, int pageSize)
{
    return Csv::writeFile(
        db, path, std::move(cancel),
        [query, pageSize](Session& s, QIODevice* out, const std::atomic_bool& c, const Csv::Progress& p) {
            return exportCsv(s, query, out, c, p, pageSize);
        },
        std::move(progress));
}

} // namespace Bursar::Db
