// OrdersModel and OrdersRepository against a real PostgreSQL with demo data: paging, ties, sorts,
// filters, search by every id kind, hostile input, the money waterfall.
#include "DemoFixture.h"
#include "OrdersModel.h"

#include "db/Database.h"
#include "db/OrdersRepository.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::OrdersModel;
using Db::OrderQuery;
using Db::OrderSort;

class TestOrdersModel : public QObject
{
    Q_OBJECT

private:
    Test::DemoDatabase m_demo;
    Db::ConnectionConfig m_config;
    Db::Database* m_db = nullptr;

    // Loads every page of a query; returns the rows in model order.
    QList<Db::OrderRow> loadAll(OrdersModel& model, const OrderQuery& q, int pageSize = 200)
    {
        model.setPageSize(pageSize);
        model.setQuery(q);
        if (!Test::pageToEnd(model))
            qFatal("page did not arrive");
        QList<Db::OrderRow> rows;
        for (int i = 0; i < model.rowCount(); ++i)
            rows << *model.rowAt(i);
        return rows;
    }
    qint64 sqlCount(const QString& where)
    {
        return Test::psql(m_config.database, u"SELECT count(*) FROM orders o WHERE "_s + where).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_demo.init(u"orders"_s, 3000, 50, 7));
        m_config = m_demo.config();
        m_db = m_demo.db();
    }

    void classify()
    {
        using K = Db::SearchKind;
        QCOMPARE(Db::OrdersRepository::classify(u"  "_s), K::None);
        QCOMPARE(Db::OrdersRepository::classify(u"ORD-0000012"_s), K::OrderNumber);
        QCOMPARE(Db::OrdersRepository::classify(u"12"_s), K::OrderNumber);
        QCOMPARE(Db::OrdersRepository::classify(u"pi_3abc"_s), K::PaymentIntent);
        QCOMPARE(Db::OrdersRepository::classify(u"ch_3abc"_s), K::Charge);
        QCOMPARE(Db::OrdersRepository::classify(u"re_1x"_s), K::Refund);
        QCOMPARE(Db::OrdersRepository::classify(u"dp_1x"_s), K::Dispute);
        QCOMPARE(Db::OrdersRepository::classify(u"Ann@Example.com"_s), K::Email);
        QCOMPARE(Db::OrdersRepository::classify(u"acme"_s), K::SellerName);
        QCOMPARE(Db::OrdersRepository::classify(u"pi_'; drop"_s), K::SellerName);
    }

    void wholeTableUnderTester()
    {
        OrdersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        const auto rows = loadAll(model, OrderQuery{});
        QCOMPARE(rows.size(), 3000);
        QSet<qint64> ids;
        for (const auto& r : rows)
            ids.insert(r.id);
        QCOMPARE(ids.size(), 3000);
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY(std::pair(rows[i - 1].createdUs, rows[i - 1].id) > std::pair(rows[i].createdUs, rows[i].id));
        // roles
        const QModelIndex gross = model.index(0, int(OrdersModel::Column::Gross));
        QVERIFY(gross.data(OrdersModel::MoneyRole).canConvert<Core::Money>());
        QCOMPARE(gross.data(OrdersModel::RawValueRole).toLongLong(), rows[0].gross);
        QCOMPARE(model.index(0, 0).data(OrdersModel::IdRole).toLongLong(), rows[0].id);
        QCOMPARE(model.index(0, int(OrdersModel::Column::PaymentStatus)).data(OrdersModel::StatusRole).toString(),
                 rows[0].paymentStatus);
        QTRY_VERIFY(model.count().has_value());
        QCOMPARE(model.count()->value, 3000);
    }

    void pagingAcrossEqualTimestamps()
    {
        // 700 orders at one instant (microsecond precision, which QDateTime would round away) and
        // 300 more one microsecond apart: pages must neither repeat nor skip any of them.
        Test::psql(m_config.database, uR"(
            INSERT INTO orders (id, public_id, buyer_id, seller_id, currency, gross, platform_fee, processor_fee,
                                seller_net, fee_source, platform_fee_bps, platform_fee_fixed, processor_fee_bps,
                                processor_fee_fixed, payment_status, fulfilment_status, created_at)
            SELECT 900000 + g, 'ORD-T' || g, 1, 1, 'USD', 1000, 0, 0, 1000, 'flat', 0, 0, 0, 0, 'pending', 'pending',
                   CASE WHEN g <= 700 THEN timestamptz '2001-02-03 04:05:06.123457+00'
                        ELSE timestamptz '2001-02-03 04:05:06.123457+00' + (g - 700) * interval '1 microsecond' END
            FROM generate_series(1, 1000) g)"_s);
        OrdersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        for (OrderSort sort : {OrderSort::Created, OrderSort::Gross, OrderSort::Status, OrderSort::Seller}) {
            for (bool desc : {true, false}) {
                OrderQuery q;
                q.sort = sort;
                q.descending = desc;
                q.filter.createdToUs = qint64(981173107) * 1000000; // 2001-02-03 04:05:07
                const auto rows = loadAll(model, q, 37);
                QSet<qint64> ids;
                for (const auto& r : rows)
                    ids.insert(r.id);
                QCOMPARE(rows.size(), 1000);
                QCOMPARE(ids.size(), 1000);
                QCOMPARE(*std::min_element(ids.begin(), ids.end()), 900001);
            }
        }
    }

    void sortsAreOrdered_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("desc");
        for (int s = 0; s < 4; ++s)
            for (bool d : {true, false})
                QTest::addRow("%d-%s", s, d ? "desc" : "asc") << s << d;
    }
    void sortsAreOrdered()
    {
        QFETCH(int, sort);
        QFETCH(bool, desc);
        OrdersModel model;
        model.setDatabase(m_db);
        OrderQuery q;
        q.sort = OrderSort(sort);
        q.descending = desc;
        const auto rows = loadAll(model, q, 150);
        QVERIFY(rows.size() >= 3000);
        static const QStringList rank = {u"pending"_s, u"held"_s, u"released"_s, u"completed"_s, u"failed"_s,
                                         u"refunded"_s, u"partially_refunded"_s, u"disputed"_s};
        auto key = [&](const Db::OrderRow& r) {
            switch (OrderSort(sort)) {
            case OrderSort::Created: return std::tuple(r.createdUs, qint64(0), r.id);
            case OrderSort::Gross: return std::tuple(r.gross, qint64(0), r.id);
            case OrderSort::Status: return std::tuple(qint64(rank.indexOf(r.paymentStatus)), r.createdUs, r.id);
            case OrderSort::Seller: return std::tuple(r.sellerId, r.createdUs, r.id);
            }
            return std::tuple(qint64(0), qint64(0), qint64(0));
        };
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY2(desc ? key(rows[i - 1]) > key(rows[i]) : key(rows[i - 1]) < key(rows[i]), qPrintable(QString::number(i)));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("where");
        QTest::newRow("payment held") << u"payment"_s << u"payment_status = 'held'"_s;
        QTest::newRow("fulfilment shipped") << u"fulfilment"_s << u"fulfilment_status = 'shipped'"_s;
        QTest::newRow("currency EUR") << u"currency"_s << u"currency = 'EUR'"_s;
        QTest::newRow("gross range") << u"gross"_s << u"gross BETWEEN 5000 AND 20000"_s;
        QTest::newRow("has refund") << u"refund"_s << u"has_refund"_s;
        QTest::newRow("no dispute") << u"nodispute"_s << u"NOT has_dispute"_s;
        QTest::newRow("has dispute") << u"dispute"_s << u"has_dispute"_s;
        QTest::newRow("seller 3") << u"seller"_s << u"seller_id = 3"_s;
        QTest::newRow("since") << u"since"_s << u"created_at >= timestamptz '2001-02-03 04:05:06.1234575+00'"_s;
        QTest::newRow("combined") << u"combined"_s << u"currency = 'USD' AND payment_status = 'completed' AND NOT has_refund"_s;
    }
    void filters()
    {
        QFETCH(QString, name);
        QFETCH(QString, where);
        OrderQuery q;
        auto& f = q.filter;
        if (name == u"payment"_s) f.paymentStatus = u"held"_s;
        if (name == u"fulfilment"_s) f.fulfilmentStatus = u"shipped"_s;
        if (name == u"currency"_s) f.currency = u"EUR"_s;
        if (name == u"gross"_s) { f.minGross = 5000; f.maxGross = 20000; }
        if (name == u"refund"_s) f.hasRefund = true;
        if (name == u"nodispute"_s) f.hasDispute = false;
        if (name == u"dispute"_s) f.hasDispute = true;
        if (name == u"seller"_s) f.sellerId = 3;
        if (name == u"since"_s) f.createdFromUs = qint64(981173106) * 1000000 + 123458; // rounds like the SQL
        if (name == u"combined"_s) { f.currency = u"USD"_s; f.paymentStatus = u"completed"_s; f.hasRefund = false; }
        OrdersModel model;
        model.setDatabase(m_db);
        const auto rows = loadAll(model, q, 250);
        QCOMPARE(rows.size(), sqlCount(where));
        QVERIFY(!rows.isEmpty());
        for (const auto& r : rows) {
            if (f.paymentStatus) QCOMPARE(r.paymentStatus, *f.paymentStatus);
            if (f.fulfilmentStatus) QCOMPARE(r.fulfilmentStatus, *f.fulfilmentStatus);
            if (f.currency) QCOMPARE(r.currency, *f.currency);
            if (f.minGross) QVERIFY(r.gross >= *f.minGross && r.gross <= *f.maxGross);
            if (f.hasRefund) QCOMPARE(r.hasRefund, *f.hasRefund);
            if (f.hasDispute) QCOMPARE(r.hasDispute, *f.hasDispute);
            if (f.sellerId) QCOMPARE(r.sellerId, *f.sellerId);
        }
        QTRY_VERIFY(model.count().has_value());
        QCOMPARE(model.count()->value, rows.size());
    }

    void searchByEveryIdKind()
    {
        const QStringList s = Test::psql(m_config.database, uR"(
            SELECT o.id || '|' || o.public_id || '|' || p.payment_intent_id || '|' || p.charge_id || '|' || b.email
                   || '|' || s.name
            FROM orders o JOIN payments p ON p.order_id = o.id JOIN buyers b ON b.id = o.buyer_id
            JOIN sellers s ON s.id = o.seller_id WHERE p.charge_id IS NOT NULL ORDER BY o.id LIMIT 1)"_s)
                                  .split(u'|');
        QCOMPARE(s.size(), 6);
        const qint64 id = s[0].toLongLong();
        OrdersModel model;
        model.setDatabase(m_db);
        auto search = [&](const QString& text) {
            OrderQuery q;
            q.filter.search = text;
            return loadAll(model, q);
        };
        for (const QString& term : {s[1], s[1].toLower(), s[0], s[2], s[3], s[4], s[4].toUpper()}) {
            const auto rows = search(term);
            QVERIFY2(std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; }), qPrintable(term));
        }
        QCOMPARE(search(s[2]).size(), 1);
        QCOMPARE(search(s[3]).size(), 1);
        const QString prefix = s[4].left(s[4].indexOf(u'@') + 1);
        const auto byPrefix = search(prefix);
        QVERIFY(!byPrefix.isEmpty());
        for (const auto& r : byPrefix)
            QVERIFY(r.buyerEmail.toLower().startsWith(prefix.toLower()));
        const QString fragment = s[5].mid(1, 4);
        const auto bySeller = search(fragment);
        QVERIFY(!bySeller.isEmpty());
        for (const auto& r : bySeller)
            QVERIFY2(r.sellerName.contains(fragment, Qt::CaseInsensitive), qPrintable(r.sellerName));
        QCOMPARE(search(u"pi_doesnotexist"_s).size(), 0);
        QCOMPARE(search(u"ORD-9999999"_s).size(), 0);
    }

    // The count waits for the first page, and a first page that holds every match is the count: the
    // count is exact when the rows arrive, with no count query run next to the page.
    void aLookupCountsItsOwnPage()
    {
        const QString publicId = Test::psql(m_config.database, u"SELECT public_id FROM orders ORDER BY id LIMIT 1"_s);
        OrdersModel model;
        model.setDatabase(m_db);
        std::optional<Db::OrderCount> atFirstPage;
        connect(&model, &OrdersModel::pageLoaded, this, [&](int, bool first) {
            if (first)
                atFirstPage = model.count();
        });
        OrderQuery q;
        q.filter.search = publicId;
        model.setQuery(q);
        QTRY_VERIFY(atFirstPage.has_value());
        QCOMPARE(atFirstPage->kind, Db::OrderCount::Kind::Exact);
        QCOMPARE(atFirstPage->value, 1);
        // More than a page: the count is asked for once the first page is in, and arrives after it.
        atFirstPage = Db::OrderCount{-1, Db::OrderCount::Kind::Exact};
        model.setPageSize(50);
        q = OrderQuery{};
        q.filter.currency = u"USD"_s;
        model.setQuery(q);
        QTRY_COMPARE(model.rowCount(), 50);
        QVERIFY(!atFirstPage.has_value()); // not counted yet when the rows arrived
        QTRY_VERIFY(model.count().has_value());
        QCOMPARE(model.count()->kind, Db::OrderCount::Kind::Exact);
        QCOMPARE(model.count()->value,
                 Test::psql(m_config.database, u"SELECT count(*) FROM orders WHERE currency = 'USD'"_s).toLongLong());
    }

    void hostileInputIsHarmless()
    {
        OrdersModel model;
        model.setDatabase(m_db);
        QSignalSpy failed(&model, &OrdersModel::failed);
        const QStringList inputs = {u"'; DROP TABLE orders; --"_s, u"\" OR 1=1 --"_s, u"%"_s, u"_"_s, u"\\"_s,
                                    u"ORD-'1"_s, u"pi_' OR '1'='1"_s, u"a@b' OR 1=1 --"_s, QString(5000, u'x'),
                                    u"Zoë 🚀 日本語 \u202Eevil"_s, QString(u"nul\u0000byte"_s),
                                    u"99999999999999999999999"_s, u"ORD-"_s, u"$1"_s, u":name ? ?"_s};
        for (const QString& text : inputs) {
            OrderQuery q;
            q.filter.search = text;
            const auto rows = loadAll(model, q);
            QVERIFY2(rows.size() < 3000 || text == u"%"_s || text == u"_"_s, qPrintable(text.left(40)));
        }
        QCOMPARE(failed.size(), 0);
        QVERIFY(sqlCount(u"true"_s) >= 3000);
    }

    void waterfallAddsUpOnRefundsAndLostDisputes()
    {
        const QStringList ids = Test::psql(m_config.database, uR"(
            (SELECT order_id FROM refunds WHERE status = 'succeeded' AND amount < (SELECT gross FROM orders o WHERE o.id = order_id) LIMIT 3)
            UNION ALL (SELECT order_id FROM disputes WHERE status = 'lost' LIMIT 3)
            UNION ALL (SELECT id FROM orders WHERE payment_status = 'completed' LIMIT 2)
            UNION ALL (SELECT id FROM orders WHERE payment_status = 'failed' LIMIT 1))"_s)
                                    .split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(ids.size() >= 6);
        bool sawLost = false, sawRefund = false;
        for (const QString& id : ids) {
            auto d = Test::await(m_db->run([id = id.toLongLong()](Db::Session& s) { return Db::OrdersRepository::detail(s, id); }));
            QVERIFY(d.found);
            QVERIFY(!d.waterfall.isEmpty());
            QCOMPARE(d.netDifference, 0);
            QVERIFY2(d.waterfallDifference == 0, qPrintable(id + u" differs by "_s + QString::number(d.waterfallDifference)));
            QVERIFY(!d.timeline.isEmpty());
            for (const auto& dp : d.disputes)
                sawLost |= dp.status == u"lost"_s;
            for (const auto& rf : d.refunds)
                sawRefund |= rf.status == u"succeeded"_s && rf.amount < d.row.gross;
            // the check is not a tautology: a ledger that lost a cent is caught
            d.ledgerAvailable -= 1;
            Db::OrdersRepository::buildWaterfall(d);
            QCOMPARE(d.waterfallDifference, 1);
        }
        QVERIFY(sawLost);
        QVERIFY(sawRefund);
    }

    void dashboardLinks()
    {
        QCOMPARE(Db::OrdersRepository::stripeDashboardUrl(u"pi_123"_s, false),
                 u"https://dashboard.stripe.com/test/payments/pi_123"_s);
        QCOMPARE(Db::OrdersRepository::stripeDashboardUrl(u"pi_123"_s, true), u"https://dashboard.stripe.com/payments/pi_123"_s);
        QVERIFY(Db::OrdersRepository::stripeDashboardUrl(u"javascript:x"_s, true).isEmpty());
    }

    void staleGenerationsAreDropped()
    {
        OrdersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        // a burst of typing: only the last query's rows may arrive
        for (const QString& t : {u"E"_s, u"EU"_s, u"EUR"_s}) {
            OrderQuery q;
            q.filter.search = t;
            model.setQuery(q);
        }
        OrderQuery last;
        last.filter.currency = u"JPY"_s;
        model.setQuery(last);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        QTest::qWait(300);
        for (int i = 0; i < model.rowCount(); ++i)
            QCOMPARE(model.rowAt(i)->currency, u"JPY"_s);
    }
};

QTEST_GUILESS_MAIN(TestOrdersModel)
#include "TestOrdersModel.moc"
