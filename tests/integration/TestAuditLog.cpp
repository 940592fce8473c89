// The audit log panel's reads against PostgreSQL (issue 12, item 5; migration 0011): keyset paging to the
// end under every sort and direction against psql's order, every filter against psql's set (the seller
// filter through orders, wallets, payouts and the seller itself), the capped count, the chain's state for
// the rows on screen before and after a superuser tampers with one, the as-of state of an order and of a
// wallet at three moments against values psql computes its own way, and who may read the panel at all
// (the demo logins through plain SQL, and through the repository).
#include "DemoFixture.h"
#include "TestSupport.h"

#include "db/AuditRepository.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/Session.h"

#include <QProcess>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::AuditQuery;
using Db::AuditRepository;
using Db::AuditRow;
using Db::AuditSort;

namespace {
QString us(qint64 micros)
{
    return u"(timestamptz 'epoch' + %1 * interval '1 microsecond')"_s.arg(micros);
}
} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    Test::DemoDatabase demo;
    qint64 m_order = 0;  // an order with a planted history
    qint64 m_t[3] = {};  // its three changes (epoch µs)
    qint64 m_seller = 0; // a seller with wallet, payout and seller audit rows
    qint64 m_wallet = 0;

    QString sql(const QString& q) const { return demo.sql(q); }
    qint64 sqlInt(const QString& q) const { return demo.sqlInt(q); }

    QList<AuditRow> all(const AuditQuery& q, int pageSize = 37)
    {
        QList<AuditRow> rows;
        for (int guard = 0; guard < 100000; ++guard) {
            const Db::AuditPage p = Test::await(
                AuditRepository::page(demo.db(), q, rows.isEmpty() ? nullptr : &rows.last(), pageSize, {}));
            rows << p.rows;
            if (!p.hasMore)
                break;
        }
        return rows;
    }
    static QList<qint64> ids(const QList<AuditRow>& rows)
    {
        QList<qint64> out;
        for (const auto& r : rows)
            out << r.id;
        return out;
    }
    QList<qint64> sqlIds(const QString& where, const QString& order = u"at DESC, id DESC"_s)
    {
        return demo.sqlIds(u"SELECT id FROM audit_log a "_s + (where.isEmpty() ? QString() : u"WHERE "_s + where)
                           + u" ORDER BY "_s + order);
    }
    // psql as a login: exit code and output (stdout, or stderr when it failed)
    std::pair<int, QString> as(const QString& login, const QString& statement) const
    {
        const auto c = demo.config();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PGPASSWORD"_s, u"bursar"_s);
        p.setProcessEnvironment(env);
        p.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-t"_s, u"-A"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, c.host, u"-p"_s,
                            QString::number(c.port), u"-U"_s, login, u"-d"_s, c.database, u"-c"_s, statement});
        p.waitForFinished(60000);
        const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return {code, QString::fromUtf8(code == 0 ? p.readAllStandardOutput() : p.readAllStandardError()).trimmed()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(demo.init(u"audit"_s, 3000, 60, 13));
        // An order with a history of three recorded changes, a day apart, as the functions of 0005/0007
        // record them (the order's fields just before each change in `before`):
        //   t0 held, refunded 0  -> t1 refund: partially_refunded, 1000 -> t2 escrow released: released
        //   -> t3 refund: partially_refunded, 2500 (the order now)
        m_order = sqlInt(u"SELECT id FROM orders WHERE payment_status = 'held' AND NOT has_refund AND NOT has_dispute "
                         "AND gross > 10000 AND id NOT IN (SELECT order_id FROM audit_log WHERE order_id IS NOT NULL) "
                         "ORDER BY id LIMIT 1"_s);
        QVERIFY(m_order > 0);
        const qint64 created = sqlInt(u"SELECT (extract(epoch FROM created_at) * 1000000)::bigint FROM orders WHERE id = %1"_s
                                          .arg(m_order));
        const qint64 day = 86400LL * 1000000;
        m_t[0] = created + day + 123457; // microseconds that QDateTime would lose
        m_t[1] = created + 2 * day + 7;
        m_t[2] = created + 3 * day + 999999;
        sql(u"SET bursar.bulk_load = on; "
            "INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, order_id, amount, currency, before, after) "
            "SELECT %2, 'demo_support', 'bursar_support', 'refund.succeeded', 'refund', '900001', o.id, 1000, o.currency, "
            "       '{\"order_payment_status\": \"held\", \"refunded_amount\": 0}'::jsonb, '{\"status\": \"succeeded\"}'::jsonb FROM orders o WHERE o.id = %1 "
            "UNION ALL SELECT %3, 'bursar_agent', 'bursar_service', 'escrow.released', 'order', o.id::text, o.id, o.gross - 1000, "
            "       o.currency, '{\"payment_status\": \"partially_refunded\"}'::jsonb, '{\"released\": 1}'::jsonb FROM orders o WHERE o.id = %1 "
            "UNION ALL SELECT %4, 'demo_admin', 'bursar_admin', 'refund.succeeded', 'refund', '900002', o.id, 1500, o.currency, "
            "       '{\"order_payment_status\": \"released\", \"refunded_amount\": 1000}'::jsonb, '{\"status\": \"succeeded\"}'::jsonb "
            "  FROM orders o WHERE o.id = %1; "
            "UPDATE orders SET payment_status = 'partially_refunded', refunded_amount = 2500, released_at = %3 WHERE id = %1"_s
                .arg(m_order)
                .arg(us(m_t[0]), us(m_t[1]), us(m_t[2])));
        QCOMPARE(sql(u"SELECT payment_status || ',' || refunded_amount FROM orders WHERE id = %1"_s.arg(m_order)),
                 u"partially_refunded,2500"_s);

        // A seller with audit rows about its wallet, a payout and itself (no function writes those yet)
        m_seller = sqlInt(u"SELECT seller_id FROM payouts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"_s);
        QVERIFY(m_seller > 0);
        m_wallet = sqlInt(u"SELECT min(id) FROM wallets WHERE seller_id = %1"_s.arg(m_seller));
        const qint64 payout = sqlInt(u"SELECT min(id) FROM payouts WHERE seller_id = %1"_s.arg(m_seller));
        sql(u"INSERT INTO audit_log (action, entity, entity_id, before, after) VALUES "
            "('wallet.adjusted', 'wallet', '%1', '{\"available\": 0}', '{\"available\": 100}'), "
            "('payout.noted', 'payout', '%2', NULL, '{\"status\": \"paid\"}'), "
            "('seller.kyc_refreshed', 'seller', '%3', '{\"kyc_state\": \"pending_verification\"}', "
            " '{\"kyc_state\": \"verified\"}'), "
            "('seller.kyc_refreshed', 'seller', 'not-a-number', NULL, NULL)"_s.arg(m_wallet)
                .arg(payout)
                .arg(m_seller));
        QVERIFY(sqlInt(u"SELECT count(*) FROM audit_log"_s) > 500);
    }

    void pagesToTheEndUnderEverySort()
    {
        struct S
        {
            AuditSort sort;
            QString order;
        };
        const QList<S> sorts = {{AuditSort::Time, u"at %1, id %1"_s},
                                {AuditSort::Id, u"id %1"_s},
                                {AuditSort::Actor, u"actor %1, at %1, id %1"_s},
                                {AuditSort::Action, u"action %1, at %1, id %1"_s}};
        const qint64 total = sqlInt(u"SELECT count(*) FROM audit_log"_s);
        for (const S& s : sorts)
            for (bool desc : {true, false}) {
                AuditQuery q;
                q.sort = s.sort;
                q.descending = desc;
                const QList<qint64> got = ids(all(q, 97));
                QCOMPARE(got.size(), total);
                QCOMPARE(got, sqlIds({}, s.order.arg(desc ? u"DESC"_s : u"ASC"_s)));
                QCOMPARE(QSet<qint64>(got.cbegin(), got.cend()).size(), total); // every row once
            }
    }

    void everyFilter()
    {
        const QString someOrder = sql(u"SELECT o.public_id FROM orders o JOIN audit_log a ON a.order_id = o.id "
                                      "GROUP BY o.public_id ORDER BY count(*) DESC, 1 LIMIT 1"_s);
        const qint64 someOrderId = sqlInt(u"SELECT id FROM orders WHERE public_id = '%1'"_s.arg(someOrder));
        const qint64 from = sqlInt(u"SELECT (extract(epoch FROM percentile_disc(0.3) WITHIN GROUP (ORDER BY at)) * 1000000)::bigint "
                                   "FROM audit_log"_s);
        const qint64 to = sqlInt(u"SELECT (extract(epoch FROM percentile_disc(0.6) WITHIN GROUP (ORDER BY at)) * 1000000)::bigint "
                                 "FROM audit_log"_s);
        struct F
        {
            const char* name;
            std::function<void(Db::AuditFilter&)> set;
            QString where;
        };
        const QList<F> filters = {
            {"actor", [](auto& f) { f.actor = u"demo_finance"_s; }, u"actor = 'demo_finance'"_s},
            {"action exact", [](auto& f) { f.action = u"refund.succeeded"_s; }, u"action = 'refund.succeeded'"_s},
            {"action prefix", [](auto& f) { f.action = u"refund."_s; }, u"action LIKE 'refund.%'"_s},
            {"action star", [](auto& f) { f.action = u"payout*"_s; }, u"action LIKE 'payout%'"_s},
            {"action with a wildcard typed", [](auto& f) { f.action = u"refund%"_s; }, u"false"_s},
            {"entity", [](auto& f) { f.entity = u"refund"_s; }, u"entity = 'refund'"_s},
            {"entity and id", [this](auto& f) { f.entity = u"wallet"_s; f.entityId = QString::number(m_wallet); },
             u"entity = 'wallet' AND entity_id = '%1'"_s.arg(m_wallet)},
            {"unknown entity", [](auto& f) { f.entity = u"orders; DROP TABLE x"_s; }, u"false"_s},
            {"order public id", [&](auto& f) { f.order = someOrder.toLower(); }, u"order_id = %1"_s.arg(someOrderId)},
            {"order id", [&](auto& f) { f.order = QString::number(someOrderId); }, u"order_id = %1"_s.arg(someOrderId)},
            {"unknown order", [](auto& f) { f.order = u"ORD-NOPE"_s; }, u"false"_s},
            {"time range", [&](auto& f) { f.fromUs = from; f.toUs = to; },
             u"at >= %1 AND at < %2"_s.arg(us(from), us(to))},
            {"seller", [this](auto& f) { f.sellerId = m_seller; },
             u"id IN (SELECT id FROM audit_entries WHERE seller_id = %1)"_s.arg(m_seller)},
            {"seller and actor", [this](auto& f) { f.sellerId = m_seller; f.actor = u"demo_admin"_s; },
             u"actor = 'demo_admin' AND id IN (SELECT id FROM audit_entries WHERE seller_id = %1)"_s.arg(m_seller)},
            {"everything", [&](auto& f) { f.actor = u"demo_support"_s; f.action = u"refund."_s; f.entity = u"refund"_s; f.fromUs = from; },
             u"actor = 'demo_support' AND action LIKE 'refund.%' AND entity = 'refund' AND at >= %1"_s.arg(us(from))},
        };
        for (const F& f : filters) {
            AuditQuery q;
            f.set(q.filter);
            const QList<qint64> expected = sqlIds(f.where);
            QVERIFY2(!expected.isEmpty() || f.where == u"false"_s, f.name);
            QCOMPARE(ids(all(q, 41)), expected);
            const Db::RowCount c = Test::await(AuditRepository::count(demo.db(), q.filter));
            QCOMPARE(c.kind, Db::RowCount::Kind::Exact);
            QCOMPARE(c.value, expected.size());
        }
    }

    void theSellerFilterReachesOrdersWalletsPayoutsAndTheSeller()
    {
        AuditQuery q;
        q.filter.sellerId = m_seller;
        const QList<AuditRow> rows = all(q, 50);
        QSet<QString> entities;
        for (const AuditRow& r : rows) {
            QCOMPARE(r.sellerId, m_seller); // the view names the seller of every row
            entities.insert(r.entity);
        }
        QVERIFY2(entities.contains(u"wallet"_s) && entities.contains(u"payout"_s) && entities.contains(u"seller"_s),
                 qPrintable(QStringList(entities.cbegin(), entities.cend()).join(u',')));
        // rows through its orders: every audit row of every order of the seller
        const qint64 viaOrders = sqlInt(u"SELECT count(*) FROM audit_log a JOIN orders o ON o.id = a.order_id "
                                        "WHERE o.seller_id = %1"_s.arg(m_seller));
        QCOMPARE(qint64(rows.size()), viaOrders + 3);
        // a seller id that is no number of any seller: nothing, and no error
        q.filter.sellerId = -1;
        QVERIFY(all(q).isEmpty());
        // the plan starts from the seller's orders (orders_seller), not from every audit row; whether the audit
        // rows are then reached by audit_log_order or a scan is the planner's choice at this test's few hundred rows
        const QString plan = sql(u"EXPLAIN SELECT a.id FROM audit_log a WHERE a.id IN (SELECT x.id FROM orders o JOIN "
                                 "audit_log x ON x.order_id = o.id WHERE o.seller_id = %1) ORDER BY a.at DESC, a.id DESC LIMIT 201"_s
                                     .arg(m_seller));
        QVERIFY2(plan.contains(u"orders_seller"_s), qPrintable(plan));
    }

    void theDetailNamesTheChangedKeys()
    {
        AuditQuery q;
        q.filter.action = u"seller.kyc_refreshed"_s;
        q.filter.entity = u"seller"_s;
        q.filter.entityId = QString::number(m_seller);
        const QList<AuditRow> rows = all(q);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().keys(), QStringList{u"kyc_state"_s});
        QCOMPARE(rows.first().changedKeys(), QStringList{u"kyc_state"_s});
        QCOMPARE(rows.first().before.value(u"kyc_state"_s).toString(), u"pending_verification"_s);
        QCOMPARE(rows.first().after.value(u"kyc_state"_s).toString(), u"verified"_s);
        // rows by id (the live refresh): the filter's match comes with them
        const auto fresh = Test::await(AuditRepository::rowsByIds(demo.db(), q, {rows.first().id, 1}));
        QCOMPARE(fresh.rows.size(), 2);
        QCOMPARE(fresh.matching, QList<qint64>{rows.first().id});
    }

    void theOrderAsOfThreeMoments()
    {
        const qint64 hour = 3600LL * 1000000;
        struct M
        {
            qint64 at;
            QString status;
            QString refunded;
        };
        // before the first change, between each two, and after the last (the order now); one µs either side
        const QList<M> moments = {{m_t[0] - hour, u"held"_s, u"0"_s},
                                  {m_t[0] - 1, u"held"_s, u"0"_s},
                                  {m_t[0], u"partially_refunded"_s, u"1000"_s},
                                  {m_t[1] + hour, u"released"_s, u"1000"_s},
                                  {m_t[2] + hour, u"partially_refunded"_s, u"2500"_s}};
        for (const M& m : moments) {
            const Db::OrderAsOf o = Test::await(AuditRepository::orderAsOf(demo.db(), QString::number(m_order), m.at));
            QVERIFY(o.found && o.existed);
            QCOMPARE(o.field(u"payment_status"_s)->value, m.status);
            QCOMPARE(o.field(u"refunded_amount"_s)->value, m.refunded);
            // psql's own way: the value recorded just before the first change after the moment, else now
            const QString byPsql = sql(
                u"SELECT coalesce((SELECT coalesce(before->>'order_payment_status', before->>'payment_status') FROM audit_log "
                "WHERE order_id = %1 AND at > %2 AND (before ? 'order_payment_status' OR (entity = 'order' AND before ? 'payment_status')) "
                "ORDER BY at, id LIMIT 1), (SELECT payment_status::text FROM orders WHERE id = %1)) || ',' || "
                "coalesce((SELECT before->>'refunded_amount' FROM audit_log WHERE order_id = %1 AND at > %2 "
                "AND before ? 'refunded_amount' ORDER BY at, id LIMIT 1), (SELECT refunded_amount::text FROM orders WHERE id = %1))"_s
                    .arg(m_order)
                    .arg(us(m.at)));
            QCOMPARE(o.field(u"payment_status"_s)->value + u',' + o.field(u"refunded_amount"_s)->value, byPsql);
            // unchanged fields are the order's now; rows are split at the moment
            QCOMPARE(o.field(u"gross"_s)->value, sql(u"SELECT gross FROM orders WHERE id = %1"_s.arg(m_order)));
            QCOMPARE(o.rowsBefore.size() + o.rowsAfter.size(), 3);
            for (const AuditRow& r : o.rowsBefore)
                QVERIFY(r.atUs <= m.at);
            for (const AuditRow& r : o.rowsAfter)
                QVERIFY(r.atUs > m.at);
        }
        const Db::OrderAsOf first = Test::await(AuditRepository::orderAsOf(demo.db(), QString::number(m_order), m_t[0] - 1));
        QCOMPARE(first.field(u"payment_status"_s)->sourceId, first.rowsAfter.first().id);
        QVERIFY(first.field(u"payment_status"_s)->changedSince);
        // before it existed, and an order that does not exist
        const Db::OrderAsOf before = Test::await(AuditRepository::orderAsOf(demo.db(), QString::number(m_order), 0));
        QVERIFY(before.found && !before.existed);
        QVERIFY(!Test::await(AuditRepository::orderAsOf(demo.db(), u"ORD-NONE"_s, m_t[0])).found);
    }

    void theWalletAsOfThreeMoments()
    {
        const qint64 wallet = sqlInt(u"SELECT wallet_id FROM wallet_ledger GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"_s);
        const qint64 firstUs = sqlInt(u"SELECT (extract(epoch FROM min(created_at)) * 1000000)::bigint FROM wallet_ledger "
                                      "WHERE wallet_id = %1"_s.arg(wallet));
        const qint64 midUs = sqlInt(u"SELECT (extract(epoch FROM percentile_disc(0.5) WITHIN GROUP (ORDER BY created_at)) "
                                    "* 1000000)::bigint FROM wallet_ledger WHERE wallet_id = %1"_s.arg(wallet));
        const qint64 nowUs = sqlInt(u"SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint"_s);
        for (const qint64 at : {firstUs - 1, midUs, nowUs}) {
            const Db::WalletAsOf w = Test::await(AuditRepository::walletAsOf(demo.db(), wallet, at));
            QVERIFY(w.found);
            QVERIFY(w.addsUp());
            // psql's own way: the sum of every movement up to the moment (the ledger's invariant)
            const QString sums = sql(u"SELECT coalesce(sum(amount_available), 0) || ',' || coalesce(sum(amount_pending), 0) || ',' "
                                     "|| coalesce(sum(amount_frozen), 0) || ',' || count(*) FILTER (WHERE created_at > %2) "
                                     "FROM wallet_ledger WHERE wallet_id = %1 AND created_at <= %2"_s
                                         .arg(wallet)
                                         .arg(us(at)));
            const qint64 after = sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE wallet_id = %1 AND created_at > %2"_s
                                            .arg(wallet)
                                            .arg(us(at)));
            QCOMPARE(u"%1,%2,%3,0"_s.arg(w.available).arg(w.pending).arg(w.frozen), sums);
            QCOMPARE(w.rowsAfterCount, after);
            QCOMPARE(qint64(w.rowsAfter.size()), std::min<qint64>(after, 500));
            if (at == firstUs - 1)
                QCOMPARE(w.lastLedgerId, 0);
            if (at == nowUs)
                QCOMPARE(u"%1,%2,%3"_s.arg(w.available).arg(w.pending).arg(w.frozen),
                         sql(u"SELECT available || ',' || pending || ',' || frozen FROM wallets WHERE id = %1"_s.arg(wallet)));
        }
        QVERIFY(!Test::await(AuditRepository::walletAsOf(demo.db(), 999999999, nowUs)).found);
    }

    void whoMayRead()
    {
        // the demo logins (demo_data.sql) through plain SQL
        for (const QString& login : {u"demo_viewer"_s, u"demo_support"_s}) {
            const auto [code, out] = as(login, u"SELECT count(*) FROM audit_entries"_s);
            QVERIFY2(code != 0 && out.contains(u"permission denied"_s), qPrintable(login + u": "_s + out));
            const auto [wcode, wout] = as(login, u"SELECT count(*) FROM wallet_ledger_entries"_s);
            QVERIFY2(wcode != 0 && wout.contains(u"permission denied"_s), qPrintable(login + u": "_s + wout));
            // nobody writes history, whatever they read
            const auto [ucode, uout] = as(login, u"UPDATE audit_log SET note = 'x' WHERE id = 1"_s);
            QVERIFY2(ucode != 0 && uout.contains(u"permission denied"_s), qPrintable(uout));
        }
        for (const QString& login : {u"demo_finance"_s, u"demo_admin"_s}) {
            const auto [code, out] = as(login, u"SELECT count(*) FROM audit_entries"_s);
            QCOMPARE(code, 0);
            QCOMPARE(out.toLongLong(), sqlInt(u"SELECT count(*) FROM audit_log"_s));
            const auto [ucode, uout] = as(login, u"DELETE FROM audit_log WHERE id = 1"_s);
            QVERIFY2(ucode != 0 && uout.contains(u"permission denied"_s), qPrintable(uout));
        }
        // and through the repository, as the console reads
        for (const QString& login : {u"demo_viewer"_s, u"demo_support"_s, u"demo_finance"_s}) {
            Db::ConnectionConfig c = demo.config();
            c.user = login;
            c.password = u"bursar"_s;
            Db::Database db(c);
            Test::await(db.open());
            auto page = AuditRepository::page(&db, AuditQuery{}, nullptr, 10, {});
            auto wallet = AuditRepository::walletAsOf(&db, m_wallet, 0);
            if (login == u"demo_finance"_s) {
                QCOMPARE(Test::await(page).rows.size(), 10);
                QVERIFY(Test::await(wallet).found);
            } else {
                QCOMPARE(Test::failureOf<Db::Error>(page).kind(), Db::Error::Kind::Permission);
                QCOMPARE(Test::failureOf<Db::Error>(wallet).kind(), Db::Error::Kind::Permission);
            }
        }
    }

    // last: it tampers with the log (and puts the row back)
    void theChainOnScreenVerifiesAndThenNamesTheTamperedRow()
    {
        AuditQuery q;
        q.sort = AuditSort::Id;
        q.descending = false;
        const Db::AuditPage p = Test::await(AuditRepository::page(demo.db(), q, nullptr, 60, {}));
        QCOMPARE(p.rows.size(), 60);
        const QList<qint64> screen = ids(p.rows.mid(20, 30));
        auto verify = [this](const QList<qint64>& rows, qint64 rangeLimit) {
            return Test::await(demo.db()->run(
                [rows, rangeLimit](Db::Session& s) { return AuditRepository::verifyRows(s, rows, rangeLimit); }));
        };
        Db::AuditChainState st = verify(screen, 20000);
        QVERIFY(st.ok() && st.range);
        QCOMPARE(st.checked, 30);
        QCOMPARE(st.fromId, screen.first());
        QCOMPARE(st.toId, screen.last());
        st = verify(screen, 1); // row by row
        QVERIFY(st.ok() && !st.range);
        QCOMPARE(st.checked, 30);

        // a superuser changes one row behind the triggers' back
        const qint64 x = screen.at(10);
        const QString original = sql(u"SELECT coalesce(note, '<null>') FROM audit_log WHERE id = %1"_s.arg(x));
        sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET note = 'forged' WHERE id = %1; "
            "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(x));
        for (qint64 limit : {20000, 1}) {
            st = verify(screen, limit);
            QVERIFY(!st.ok());
            QCOMPARE(st.firstBrokenId, x);
            QCOMPARE(st.problem, u"content_changed"_s);
        }
        // the rows before it still hold
        QVERIFY(verify(screen.mid(0, 10), 20000).ok());
        // a removed row breaks the one after it (the row on screen after a gap)
        const QString removed = sql(u"SELECT row_to_json(a)::text FROM audit_log a WHERE id = %1"_s.arg(screen.at(20)));
        sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; CREATE TABLE audit_keep AS SELECT * FROM audit_log WHERE id = %1; "
            "DELETE FROM audit_log WHERE id = %1; ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(screen.at(20)));
        QList<qint64> later = screen.mid(15);
        later.removeAll(screen.at(20));
        for (qint64 limit : {20000, 1}) {
            st = verify(later, limit);
            QCOMPARE(st.firstBrokenId, screen.at(21));
            QCOMPARE(st.problem, u"chain_broken"_s);
        }
        // put both back: the whole chain holds again
        sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; "
            "UPDATE audit_log SET note = %2 WHERE id = %1; INSERT INTO audit_log SELECT * FROM audit_keep; DROP TABLE audit_keep; "
            "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(x).arg(original == u"<null>"_s ? u"NULL"_s
                                                                                             : u"$q$"_s + original + u"$q$"_s));
        QVERIFY(!removed.isEmpty());
        QCOMPARE(sql(u"SELECT coalesce(first_broken_id::text, '-') FROM bursar_audit_verify()"_s), u"-"_s);
        QVERIFY(verify(screen, 20000).ok());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
