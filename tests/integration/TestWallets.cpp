// WalletsRepository against a real PostgreSQL with demo data plus planted wallets: paging every sort to
// the end (no gap, no duplicate, the server's order), every filter and search, a 5,000-row ledger whose
// rows are 7 microseconds apart (a millisecond cursor would repeat and skip), broken wallets of every kind
// reported broken, a negative JPY balance shown as money owed, and who may read it (finance and admin).
#include "TestSupport.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/WalletsRepository.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::LedgerQuery;
using Db::WalletQuery;
using Db::WalletSort;
using Db::WalletsRepository;

namespace {

constexpr int BigRows = 5000;

// A wallet with `rows` bulk-loaded ledger movements `spacingUs` microseconds apart (as the superuser,
// bursar.bulk_load: the rows are precomputed and the triggers let them through). Returns the wallet id.
qint64 plantBigWallet(const QString& dbName, const QString& sellerName, int rows, int spacingUs)
{
    Test::psql(dbName, uR"(
BEGIN;
SELECT set_config('bursar.bulk_load', 'on', true);
INSERT INTO sellers (name, default_currency) VALUES ('%1', 'USD');
INSERT INTO wallets (seller_id, currency) SELECT max(id), 'USD' FROM sellers;
INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after,
                           pending_before, pending_after, frozen_before, frozen_after, description, created_by, created_at)
SELECT w, 'adjustment', 'USD', amt, cum - amt, cum, 0, 0, 0, 0, 'movement ' || n, 'test', at
  FROM (SELECT (SELECT max(id) FROM wallets) AS w, n, a AS amt, sum(a) OVER (ORDER BY n) AS cum,
               timestamptz '2026-01-01' + n * interval '%3 microseconds' AS at
          FROM generate_series(1, %2) n, LATERAL (SELECT CASE WHEN n % 3 = 0 THEN -300 ELSE 1000 END::bigint AS a) x) g;
UPDATE wallets w SET available = l.available_after, updated_at = l.created_at
  FROM (SELECT DISTINCT ON (wallet_id) * FROM wallet_ledger WHERE wallet_id = (SELECT max(id) FROM wallets)
         ORDER BY wallet_id, created_at DESC, id DESC) l WHERE w.id = l.wallet_id;
COMMIT;)"_s.arg(sellerName).arg(rows).arg(spacingUs));
    return Test::psql(dbName, u"SELECT max(id) FROM wallets"_s).toLongLong();
}

// A new seller with a wallet in `currency` moved through the ledger trigger (the normal path).
qint64 plantWallet(const QString& dbName, const QString& sellerName, const QString& currency,
                   const QList<std::pair<qint64, qint64>>& moves /* (available, frozen) */)
{
    Test::psql(dbName, u"INSERT INTO sellers (name, default_currency) VALUES ('%1', '%2'); "
                       "INSERT INTO wallets (seller_id, currency) SELECT max(id), '%2' FROM sellers"_s
                           .arg(sellerName, currency));
    const qint64 id = Test::psql(dbName, u"SELECT max(id) FROM wallets"_s).toLongLong();
    for (const auto& [a, f] : moves)
        Test::psql(dbName, u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, amount_frozen, description) "
                           "VALUES (%1, 'adjustment', %2, %3, 'test move')"_s.arg(id).arg(a).arg(f));
    return id;
}

} // namespace

class TestWallets : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
    qint64 m_big = 0, m_yen = 0, m_frozen = 0, m_balanceOff = 0, m_chainBreak = 0, m_silent = 0, m_badStart = 0;

    QString sql(const QString& q) { return Test::psql(m_config.database, q); }
    qint64 sqlInt(const QString& q) { return sql(q).toLongLong(); }

    QList<Db::WalletRow> all(const WalletQuery& q, int pageSize = 37)
    {
        QList<Db::WalletRow> rows;
        std::optional<Db::WalletCursor> cursor;
        for (int guard = 0; guard < 100000; ++guard) {
            const Db::WalletPage p = Test::await(WalletsRepository::page(m_db.get(), q, cursor, pageSize));
            rows << p.rows;
            if (!p.hasMore)
                break;
            cursor = Db::WalletCursor::after(p.rows.last(), q.sort);
        }
        return rows;
    }
    QList<Db::LedgerRow> ledger(const LedgerQuery& q, int pageSize = 173)
    {
        QList<Db::LedgerRow> rows;
        std::optional<Db::LedgerCursor> cursor;
        for (int guard = 0; guard < 100000; ++guard) {
            const Db::LedgerPage p = Test::await(WalletsRepository::ledgerPage(m_db.get(), q, cursor, pageSize));
            rows << p.rows;
            if (!p.hasMore)
                break;
            cursor = Db::LedgerCursor::after(p.rows.last());
        }
        return rows;
    }
    static QList<qint64> ids(const QList<Db::WalletRow>& rows)
    {
        QList<qint64> out;
        for (const auto& r : rows)
            out << r.id;
        return out;
    }
    QList<qint64> sqlIds(const QString& where, const QString& order)
    {
        QList<qint64> out;
        const QString text = sql(u"SELECT string_agg(id::text, ',' ORDER BY "_s + order + u") FROM wallet_overview v "_s
                                 + (where.isEmpty() ? QString() : u"WHERE "_s + where));
        for (const QString& s : text.split(u',', Qt::SkipEmptyParts))
            out << s.toLongLong();
        return out;
    }
    Db::WalletRow row(qint64 walletId)
    {
        const auto rows = Test::await(WalletsRepository::rowsByIds(m_db.get(), WalletQuery{}, {walletId})).rows;
        if (rows.size() != 1)
            qFatal("wallet %lld not found", qlonglong(walletId));
        return rows.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_config = Test::createDatabase(u"wallets"_s);
        QFile f(QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/demo_data.sql"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        sql(QString::fromUtf8(f.readAll()));
        sql(u"SELECT count(*) FROM bursar_demo.generate(orders => 3000, sellers => 400, seed => 11)"_s);

        m_big = plantBigWallet(m_config.database, u"Zz Big Ledger Seller"_s, BigRows, 7);
        m_yen = plantWallet(m_config.database, u"Yamada Owes Shoten"_s, u"JPY"_s, {{5000, 0}, {-7500, 0}});
        m_frozen = plantWallet(m_config.database, u"Frozen Fjord Goods"_s, u"EUR"_s, {{10000, 0}, {-4000, 4000}});
        // The balance no longer follows the ledger: a row slipped in with the balance trigger off.
        m_balanceOff = plantWallet(m_config.database, u"Broken Balance Ltd"_s, u"USD"_s, {{2000, 0}});
        sql(u"ALTER TABLE wallet_ledger DISABLE TRIGGER wallet_ledger_insert; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description) "
            "VALUES (%1, 'adjustment', 'USD', 500, 2000, 2500, 0, 0, 0, 0, 'planted'); "
            "ALTER TABLE wallet_ledger ENABLE TRIGGER wallet_ledger_insert"_s.arg(m_balanceOff));
        // The chain breaks (before 1500, the row before ended at 2000) while the balance equals the last
        // row's after: only the chain check can see it; the insert trigger records it.
        m_chainBreak = plantWallet(m_config.database, u"Broken Chain SARL"_s, u"USD"_s, {{2000, 0}});
        sql(u"ALTER TABLE wallet_ledger DISABLE TRIGGER wallet_ledger_insert; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description, created_at) "
            "VALUES (%1, 'adjustment', 'USD', 500, 1500, 2000, 0, 0, 0, 0, 'planted', now() + interval '1 hour'); "
            "ALTER TABLE wallet_ledger ENABLE TRIGGER wallet_ledger_insert"_s.arg(m_chainBreak));
        // The same with every trigger off (replica mode): only the sweep and the full verification see it.
        m_silent = plantWallet(m_config.database, u"Silent Break GmbH"_s, u"USD"_s, {{2000, 0}});
        sql(u"SET session_replication_role = replica; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description, created_at) "
            "VALUES (%1, 'adjustment', 'USD', 500, 1500, 2000, 0, 0, 0, 0, 'planted', now() + interval '1 hour')"_s
                .arg(m_silent));
        // A ledger that does not start at zero (bulk-loaded, balance consistent with its only row).
        sql(u"BEGIN; SELECT set_config('bursar.bulk_load', 'on', true); "
            "INSERT INTO sellers (name) VALUES ('Bad Start Inc'); "
            "INSERT INTO wallets (seller_id, currency, available) SELECT max(id), 'USD', 900 FROM sellers; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description) "
            "SELECT max(id), 'adjustment', 'USD', 400, 500, 900, 0, 0, 0, 0, 'planted' FROM wallets; COMMIT"_s);
        m_badStart = sqlInt(u"SELECT max(id) FROM wallets"_s);
        sql(u"ANALYZE"_s);

        m_db = std::make_unique<Db::Database>(m_config);
        Test::await(m_db->open());
    }

    void cleanupTestCase()
    {
        m_db.reset();
        Test::dropDatabase(m_config.database);
    }

    void everySortPagesToTheEndWithoutGapOrDuplicate_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("desc");
        QTest::addColumn<QString>("order");
        const char* names[] = {"seller", "name", "available", "pending", "frozen"};
        const QStringList orders = {u"seller_id %1, currency %1"_s, u"seller_name %1, seller_id %1, currency %1"_s,
                                    u"available %1, id %1"_s, u"pending %1, id %1"_s, u"frozen %1, id %1"_s};
        for (int s = 0; s < 5; ++s)
            for (bool d : {false, true})
                QTest::addRow("%s %s", names[s], d ? "desc" : "asc")
                    << s << d << orders.at(s).arg(d ? u"DESC"_s : u"ASC"_s);
    }
    void everySortPagesToTheEndWithoutGapOrDuplicate()
    {
        QFETCH(int, sort);
        QFETCH(bool, desc);
        QFETCH(QString, order);
        WalletQuery q;
        q.sort = WalletSort(sort);
        q.descending = desc;
        const QList<qint64> got = ids(all(q));
        QCOMPARE(QSet<qint64>(got.begin(), got.end()).size(), got.size());
        QCOMPARE(got.size(), sqlInt(u"SELECT count(*) FROM wallets"_s));
        QCOMPARE(got, sqlIds({}, order));
    }

    void everyFilter_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("where");
        QTest::newRow("currency") << u"currency"_s << u"currency = 'EUR'"_s;
        QTest::newRow("kyc") << u"kyc"_s << u"kyc_state = 'restricted'"_s;
        QTest::newRow("negative") << u"negative"_s << u"available < 0"_s;
        QTest::newRow("frozen") << u"frozen"_s << u"frozen > 0"_s;
        QTest::newRow("broken") << u"broken"_s << u"(balance_differs OR bad_start OR first_break_id IS NOT NULL)"_s;
        QTest::newRow("name") << u"name"_s << u"seller_name ILIKE '%brok%'"_s;
        QTest::newRow("prefix") << u"prefix"_s << u"lower(seller_name) LIKE 'zz%'"_s;
        QTest::newRow("id") << u"id"_s << u"seller_id = 17"_s;
        QTest::newRow("acct") << u"acct"_s << u"stripe_account_id = (SELECT stripe_account_id FROM sellers WHERE id = 23)"_s;
        QTest::newRow("negative+USD") << u"negative+USD"_s << u"available < 0 AND currency = 'USD'"_s;
        QTest::newRow("verified+EUR") << u"verified+EUR"_s << u"kyc_state = 'verified' AND currency = 'EUR'"_s;
        QTest::newRow("rare currency") << u"rare"_s << u"currency = 'KWD'"_s;
    }
    void everyFilter()
    {
        QFETCH(QString, name);
        QFETCH(QString, where);
        WalletQuery q;
        if (name == u"currency"_s)
            q.filter.currency = u"eur"_s;
        else if (name == u"kyc"_s)
            q.filter.kycState = u"restricted"_s;
        else if (name == u"negative"_s)
            q.filter.negative = true;
        else if (name == u"frozen"_s)
            q.filter.frozen = true;
        else if (name == u"broken"_s)
            q.filter.broken = true;
        else if (name == u"name"_s)
            q.filter.search = u"  brok "_s;
        else if (name == u"prefix"_s)
            q.filter.search = u"Zz"_s;
        else if (name == u"id"_s)
            q.filter.search = u"17"_s;
        else if (name == u"acct"_s)
            q.filter.search = sql(u"SELECT stripe_account_id FROM sellers WHERE id = 23"_s);
        else if (name == u"negative+USD"_s) {
            q.filter.negative = true;
            q.filter.currency = u"USD"_s;
        } else if (name == u"rare"_s) {
            q.filter.currency = u"KWD"_s;
        } else if (name == u"verified+EUR"_s) {
            q.filter.kycState = u"verified"_s;
            q.filter.currency = u"EUR"_s;
        }
        // every sort, both ways: the fenced sorts (filters that keep few wallets) give the same order
        const QList<std::pair<WalletSort, QString>> sorts = {
            {WalletSort::Seller, u"seller_id %1, currency %1"_s}, {WalletSort::Name, u"seller_name %1, seller_id %1, currency %1"_s},
            {WalletSort::Available, u"available %1, id %1"_s}, {WalletSort::Frozen, u"frozen %1, id %1"_s}};
        for (const auto& [s, order] : sorts)
            for (bool desc : {false, true}) {
                q.sort = s;
                q.descending = desc;
                const QList<qint64> got = ids(all(q, 7));
                const QList<qint64> want = sqlIds(where, order.arg(desc ? u"DESC"_s : u"ASC"_s));
                QVERIFY2(!want.isEmpty(), qPrintable(name));
                QCOMPARE(got, want);
            }
    }

    void hostileInputIsBoundNotPasted()
    {
        WalletQuery q;
        q.filter.kycState = u"verified'; DROP TABLE wallets; --"_s;
        QCOMPARE(all(q).size(), 0);
        q.filter.kycState.reset();
        q.filter.search = u"%_\\'"_s;
        QCOMPARE(all(q).size(), 0);
        QCOMPARE(sqlInt(u"SELECT count(*) FROM wallets"_s) > 0, true);
    }

    void brokenWalletsAreReportedNeverSilently()
    {
        const auto off = row(m_balanceOff);
        QVERIFY(off.broken());
        QVERIFY(off.balanceDiffers);
        QCOMPARE(off.available, 2000);
        QCOMPARE(off.ledgerAvailable, 2500);

        const auto chain = row(m_chainBreak);
        QVERIFY(chain.broken());
        QVERIFY(!chain.balanceDiffers);
        QVERIFY(chain.firstBreakId != 0);

        const auto start = row(m_badStart);
        QVERIFY(start.broken());
        QVERIFY(start.badStart);

        // every trigger off: the list cannot see it until the sweep ran; the full verification always does
        QVERIFY(!row(m_silent).broken());
        const auto silent = Test::await(WalletsRepository::verify(m_db.get(), m_silent));
        QVERIFY(!silent.ok());
        QCOMPARE(silent.chainBreaks, 1);
        QVERIFY(!silent.sumMatches());
        QCOMPARE(silent.sumAvailable, 2500);
        QCOMPARE(silent.available, 2000);
        QCOMPARE(sqlInt(u"SELECT bursar_wallet_ledger_sweep()"_s), 3); // chain, silent, bad start
        QVERIFY(row(m_silent).broken());

        // the demo's own wallets are all sound; exactly the planted ones are broken
        WalletQuery q;
        q.filter.broken = true;
        QList<qint64> broken = ids(all(q));
        std::sort(broken.begin(), broken.end());
        QList<qint64> planted = {m_balanceOff, m_chainBreak, m_silent, m_badStart};
        std::sort(planted.begin(), planted.end());
        QCOMPARE(broken, planted);

        // and the full verification agrees with the list on each
        for (qint64 id : planted)
            QVERIFY2(!Test::await(WalletsRepository::verify(m_db.get(), id)).ok(), qPrintable(QString::number(id)));
        const auto healthy = Test::await(WalletsRepository::verify(m_db.get(), m_big));
        QVERIFY(healthy.ok());
        QCOMPARE(healthy.ledgerRows, BigRows);
        const auto chainV = Test::await(WalletsRepository::verify(m_db.get(), m_chainBreak));
        QCOMPARE(chainV.chainBreaks, 1);
        QCOMPARE(chainV.firstBreakId, chain.firstBreakId);
    }

    void aRowSlippedInBehindBreaksTheNextRowAndTheTriggerSaysSo()
    {
        // two movements through the trigger, then one slipped in between them (balance trigger off): the
        // slipped row follows its predecessor, but the row after it no longer follows the slipped row
        const qint64 w = plantWallet(m_config.database, u"Slipped Row BV"_s, u"EUR"_s, {{2000, 0}, {500, 0}});
        const qint64 second = sqlInt(u"SELECT max(id) FROM wallet_ledger WHERE wallet_id = %1"_s.arg(w));
        QVERIFY(!row(w).broken());
        sql(u"ALTER TABLE wallet_ledger DISABLE TRIGGER wallet_ledger_insert; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description, created_at) "
            "SELECT %1, 'adjustment', 'EUR', 100, 2000, 2100, 0, 0, 0, 0, 'slipped', created_at - interval '1 microsecond' "
            "FROM wallet_ledger WHERE id = %2; "
            "ALTER TABLE wallet_ledger ENABLE TRIGGER wallet_ledger_insert"_s.arg(w).arg(second));
        const auto r = row(w);
        QVERIFY(r.broken());
        QVERIFY(!r.balanceDiffers); // the balance still equals the last row's after
        QCOMPARE(r.firstBreakId, second);
        const auto v = Test::await(WalletsRepository::verify(m_db.get(), w));
        QCOMPARE(v.chainBreaks, 1);
        QCOMPARE(v.firstBreakId, second);
        QVERIFY(!v.sumMatches());
        // a refresh by id says whether the wallet still matches a filter
        WalletQuery q;
        q.filter.currency = u"EUR"_s;
        auto fresh = Test::await(WalletsRepository::rowsByIds(m_db.get(), q, {w, m_yen}));
        QCOMPARE(fresh.rows.size(), 2);
        QCOMPARE(fresh.matching, QList<qint64>{w});
        sql(u"SELECT bursar_wallet_ledger_sweep(%1)"_s.arg(w)); // the sweep agrees and adds nothing
        QCOMPARE(sqlInt(u"SELECT count(*) FROM wallet_ledger_breaks WHERE wallet_id = %1"_s.arg(w)), 1);
    }

    void ledgerPagesAtMicrosecondPrecisionBothWays()
    {
        const QList<Db::LedgerRow> newest = ledger(LedgerQuery{m_big, {}, Db::LedgerSort::Created, true});
        QCOMPARE(newest.size(), BigRows);
        const QString want = sql(u"SELECT string_agg(id::text, ',' ORDER BY created_at DESC, id DESC) FROM wallet_ledger "
                                 "WHERE wallet_id = %1"_s.arg(m_big));
        QStringList got;
        for (const auto& r : newest) {
            got << QString::number(r.id);
            QVERIFY(!r.chainBreak);
        }
        QCOMPARE(got.join(u','), want);
        // 7 microseconds apart: the cursor keeps every microsecond
        QCOMPARE(newest.at(0).createdUs - newest.at(1).createdUs, 7);
        QCOMPARE(newest.first().balanceAfter(), row(m_big).available);
        QCOMPARE(newest.last().balanceBefore(), 0);
        QCOMPARE(newest.at(0).previousId, newest.at(1).id);
        QCOMPARE(newest.last().previousId, 0);

        const QList<Db::LedgerRow> oldest = ledger(LedgerQuery{m_big, {}, Db::LedgerSort::Created, false}, 1000);
        QCOMPARE(oldest.size(), BigRows);
        QCOMPARE(oldest.first().id, newest.last().id);
        for (qsizetype i = 1; i < oldest.size(); ++i)
            QCOMPARE(oldest.at(i).balanceBefore(), oldest.at(i - 1).balanceAfter());

        // the planted break is marked on its row
        const QList<Db::LedgerRow> chain = ledger(LedgerQuery{m_chainBreak, {}, Db::LedgerSort::Created, true});
        QCOMPARE(chain.size(), 2);
        QVERIFY(chain.at(0).chainBreak);
        QVERIFY(!chain.at(1).chainBreak);
        QCOMPARE(chain.at(0).id, row(m_chainBreak).firstBreakId);
    }

    void ledgerCausesAreLinked()
    {
        // a demo wallet with releases, a refund claw-back and a payout
        const qint64 w = sqlInt(u"SELECT wallet_id FROM wallet_ledger WHERE kind = 'refund_clawback' "
                                "AND wallet_id IN (SELECT wallet_id FROM wallet_ledger WHERE kind = 'payout') LIMIT 1"_s);
        QVERIFY(w > 0);
        const QList<Db::LedgerRow> rows = ledger(LedgerQuery{w, {}, Db::LedgerSort::Created, true});
        QCOMPARE(rows.size(), sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE wallet_id = %1"_s.arg(w)));
        QSet<QString> seen;
        for (const auto& r : rows) {
            QVERIFY(!r.chainBreak);
            switch (r.cause()) {
            case Db::LedgerCause::Order:
                QVERIFY2(r.causeId().startsWith(u"ORD-"_s), qPrintable(r.causeId()));
                seen << u"order"_s;
                break;
            case Db::LedgerCause::Refund:
                QVERIFY(r.refundId != 0);
                QVERIFY(!r.causeId().isEmpty());
                QVERIFY(!r.orderPublicId.isEmpty()); // a refund also names its order
                seen << u"refund"_s;
                break;
            case Db::LedgerCause::Payout:
                QVERIFY2(r.causeId().startsWith(u"po_"_s) || r.causeId().startsWith(u"tr_"_s)
                             || r.causeId().startsWith(u"payout "_s),
                         qPrintable(r.causeId()));
                seen << u"payout"_s;
                break;
            case Db::LedgerCause::Dispute:
                QVERIFY(r.causeId().startsWith(u"d"_s));
                seen << u"dispute"_s;
                break;
            case Db::LedgerCause::Adjustment:
                seen << u"adjustment"_s;
                break;
            }
        }
        QVERIFY(seen.contains(u"order"_s));
        QVERIFY(seen.contains(u"refund"_s));
        QVERIFY(seen.contains(u"payout"_s));
        // a kind filter
        const auto payouts = ledger(LedgerQuery{w, u"payout"_s, Db::LedgerSort::Created, true});
        QCOMPARE(payouts.size(), sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE wallet_id = %1 AND kind = 'payout'"_s.arg(w)));
        QCOMPARE(ledger(LedgerQuery{w, u"nonsense"_s, Db::LedgerSort::Created, true}).size(), 0);
        // a dispute freeze somewhere in the demo links its dispute
        const qint64 dw = sqlInt(u"SELECT wallet_id FROM wallet_ledger WHERE kind = 'dispute_freeze' LIMIT 1"_s);
        if (dw > 0) {
            bool found = false;
            for (const auto& r : ledger(LedgerQuery{dw, u"dispute_freeze"_s, Db::LedgerSort::Created, true}))
                found = found || (r.cause() == Db::LedgerCause::Dispute && r.causeId().startsWith(u"d"_s));
            QVERIFY(found);
        }
    }

    void negativeBalanceIsOwedAndJpyHasNoMinorUnit()
    {
        const auto yen = row(m_yen);
        QVERIFY(!yen.broken());
        QCOMPARE(yen.currency, u"JPY"_s);
        QCOMPARE(yen.available, -2500);
        QCOMPARE(yen.owed(), 2500);
        QCOMPARE(yen.money(yen.owed()).toDecimalString(), u"2500"_s);
        QCOMPARE(yen.money(yen.available).currency().exponent(), 0);
        WalletQuery q;
        q.filter.negative = true;
        q.filter.currency = u"JPY"_s;
        QVERIFY(ids(all(q)).contains(m_yen));

        const auto frozen = row(m_frozen);
        QCOMPARE(frozen.available, 6000);
        QCOMPARE(frozen.frozen, 4000);
        QCOMPARE(frozen.money(frozen.frozen).toDecimalString(), u"40.00"_s);
        q = {};
        q.filter.frozen = true;
        QVERIFY(ids(all(q)).contains(m_frozen));
    }

    void financeAndAdminReadViewerAndSupportDoNot()
    {
        Test::psql(u"postgres"_s,
                   u"DO $$ DECLARE r text; BEGIN FOREACH r IN ARRAY ARRAY['viewer','support','finance','admin'] LOOP "
                   "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tw_' || r) THEN "
                   "EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', 'tw_' || r, 'bursar_' || r); END IF; END LOOP; END $$"_s);
        for (const QString& role : {u"finance"_s, u"admin"_s, u"viewer"_s, u"support"_s}) {
            Db::ConnectionConfig c = m_config;
            c.user = u"tw_"_s + role;
            c.password.clear();
            Db::Database db(c);
            Test::await(db.open());
            const bool allowed = role == u"finance"_s || role == u"admin"_s;
            auto page = WalletsRepository::page(&db, WalletQuery{}, std::nullopt, 10);
            auto ledgerPage = WalletsRepository::ledgerPage(&db, LedgerQuery{m_big, {}, Db::LedgerSort::Created, true}, std::nullopt, 10);
            auto verify = WalletsRepository::verify(&db, m_big);
            if (allowed) {
                QCOMPARE(Test::await(page).rows.size(), 10);
                QCOMPARE(Test::await(ledgerPage).rows.size(), 10);
                QVERIFY(Test::await(verify).ok());
            } else {
                QCOMPARE(Test::failureOf<Db::Error>(page).kind(), Db::Error::Kind::Permission);
                QCOMPARE(Test::failureOf<Db::Error>(ledgerPage).kind(), Db::Error::Kind::Permission);
                QCOMPARE(Test::failureOf<Db::Error>(verify).kind(), Db::Error::Kind::Permission);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestWallets)
#include "TestWallets.moc"
