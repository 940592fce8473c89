// The keyset-paged model base (models/PagedTableModel, PagedModel) through its two lists, orders and
// refunds, against a real PostgreSQL with demo data and QAbstractItemModelTester: paging to the end,
// every whitelisted sort (ordered, no duplicates, no gaps across equal values), stale generations
// dropped, queued pages canceled before their SQL, live refresh in place (update, insert, delete; never
// a reset). Each expectation is the same list read by plain SQL.
#include "DemoFixture.h"
#include "OrdersModel.h"
#include "RefundsModel.h"

#include "db/Database.h"
#include "db/Session.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::OrdersModel;
using Models::PagedTableModel;
using Models::RefundsModel;

namespace {

// One list under test: how to make and filter its model, and the same list in SQL.
struct ListCase
{
    QString from;                          // "orders o" / "refunds r"
    QString createdColumn;                 // "o.created_at"
    QHash<int, QStringList> orderBy;       // whitelisted column -> ORDER BY columns (ascending)
    QStringList filterWhere;               // SQL of filter variant 0..3
    std::function<std::unique_ptr<PagedTableModel>()> make;
    std::function<void(PagedTableModel&, int variant)> filter; // starts (or restarts) the model
    int textColumn = 0;                    // a column whose text an update below changes
    QString updateSql;                     // UPDATE ... WHERE id = %1 that changes textColumn's text
};

QString orderByText(const QStringList& columns, bool descending)
{
    QStringList parts;
    for (const QString& c : columns)
        parts << (descending ? c + u" DESC"_s : c);
    return parts.join(u", "_s);
}

} // namespace

class TestPagedModel : public QObject
{
    Q_OBJECT

private:
    Test::DemoDatabase m_demo;
    QHash<QString, ListCase> m_cases;

    const ListCase& listCase() const
    {
        QFETCH(QString, list);
        return *m_cases.constFind(list);
    }

    // The ids of the list by plain SQL: filter variant, order of a column.
    QList<qint64> sqlIds(const ListCase& c, int variant, int column, bool descending, int limit = 0) const
    {
        const QString alias = c.from.section(u' ', 1);
        return m_demo.sqlIds(u"SELECT "_s + alias + u".id FROM "_s + c.from + u" WHERE "_s + c.filterWhere.at(variant)
                             + u" ORDER BY "_s + orderByText(c.orderBy.value(column), descending)
                             + (limit > 0 ? u" LIMIT "_s + QString::number(limit) : QString()));
    }

    static void addLists()
    {
        QTest::addColumn<QString>("list");
        QTest::newRow("orders") << u"orders"_s;
        QTest::newRow("refunds") << u"refunds"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_demo.init(u"paged"_s, 2500, 40, 11));
        // Ties across page boundaries for every sort: 300 orders and 300 refunds at one instant (at
        // microsecond precision, which QDateTime would round away), of one amount, status, seller,
        // requester and order.
        m_demo.sql(uR"(
            INSERT INTO orders (id, public_id, buyer_id, seller_id, currency, gross, platform_fee, processor_fee,
                                seller_net, fee_source, platform_fee_bps, platform_fee_fixed, processor_fee_bps,
                                processor_fee_fixed, payment_status, fulfilment_status, created_at, captured_at)
            SELECT 800000 + g, 'ORD-P' || g, 1, 1, 'USD', 1000, 0, 0, 1000, 'flat', 0, 0, 0, 0, 'held', 'pending',
                   timestamptz '2001-02-03 04:05:06.123457+00', timestamptz '2001-02-03 04:05:07+00'
            FROM generate_series(1, 300) g)"_s);
        m_demo.sql(uR"(
            SET bursar.bulk_load = on;
            INSERT INTO refunds (order_id, amount, currency, reason, status, note, created_at)
            SELECT 800001 + g % 3, 700, 'USD', 'requested_by_customer', 'pending', 'tie', timestamptz '2001-02-03 04:05:06.123457+00'
            FROM generate_series(1, 300) g)"_s);
        m_demo.sql(u"ANALYZE"_s);
        QVERIFY(m_demo.sqlInt(u"SELECT count(*) FROM refunds"_s) > 400);

        Db::Database* db = m_demo.db();
        ListCase orders;
        orders.from = u"orders o"_s;
        orders.createdColumn = u"o.created_at"_s;
        using OC = OrdersModel::Column;
        orders.orderBy = {{int(OC::Created), {u"o.created_at"_s, u"o.id"_s}},
                          {int(OC::OrderId), {u"o.created_at"_s, u"o.id"_s}},
                          {int(OC::Gross), {u"o.gross"_s, u"o.id"_s}},
                          {int(OC::PaymentStatus), {u"o.payment_status"_s, u"o.created_at"_s, u"o.id"_s}},
                          {int(OC::Seller), {u"o.seller_id"_s, u"o.created_at"_s, u"o.id"_s}}};
        orders.filterWhere = {u"true"_s, u"o.currency = 'USD'"_s, u"o.currency = 'EUR'"_s, u"o.payment_status = 'held'"_s};
        orders.make = [db] {
            auto m = std::make_unique<OrdersModel>();
            m->setDatabase(db);
            return std::unique_ptr<PagedTableModel>(std::move(m));
        };
        orders.filter = [](PagedTableModel& model, int variant) {
            auto& m = static_cast<OrdersModel&>(model);
            Db::OrderQuery q = m.query();
            q.filter = {};
            if (variant == 1)
                q.filter.currency = u"USD"_s;
            if (variant == 2)
                q.filter.currency = u"EUR"_s;
            if (variant == 3)
                q.filter.paymentStatus = u"held"_s;
            m.setQuery(q);
        };
        orders.textColumn = int(OC::FulfilmentStatus);
        orders.updateSql = u"UPDATE orders SET fulfilment_status = CASE WHEN fulfilment_status = 'shipped' "
                           "THEN 'processing' ELSE 'shipped' END::fulfilment_status WHERE id = %1"_s;
        m_cases.insert(u"orders"_s, orders);

        ListCase refunds;
        refunds.from = u"refunds r"_s;
        refunds.createdColumn = u"r.created_at"_s;
        using RC = RefundsModel::Column;
        refunds.orderBy = {{int(RC::Created), {u"r.created_at"_s, u"r.id"_s}},
                           {int(RC::Order), {u"r.order_id"_s, u"r.created_at"_s, u"r.id"_s}},
                           {int(RC::Amount), {u"r.amount"_s, u"r.id"_s}},
                           {int(RC::Status), {u"r.status"_s, u"r.created_at"_s, u"r.id"_s}},
                           {int(RC::RequestedBy), {u"r.requested_by"_s, u"r.created_at"_s, u"r.id"_s}}};
        refunds.filterWhere = {u"true"_s, u"r.status = 'succeeded'"_s, u"r.reason = 'duplicate'"_s,
                               u"r.reason = 'requested_by_customer'"_s};
        refunds.make = [db] {
            auto m = std::make_unique<RefundsModel>();
            m->setDatabase(db); // a refunds list starts with every refund
            return std::unique_ptr<PagedTableModel>(std::move(m));
        };
        refunds.filter = [](PagedTableModel& model, int variant) {
            Db::RefundFilter f;
            if (variant == 1)
                f.status = u"succeeded"_s;
            if (variant == 2)
                f.reason = u"duplicate"_s;
            if (variant == 3)
                f.reason = u"requested_by_customer"_s;
            static_cast<RefundsModel&>(model).setFilter(f);
        };
        refunds.textColumn = int(RC::Detail);
        refunds.updateSql = u"UPDATE refunds SET note = 'changed ' || clock_timestamp() WHERE id = %1"_s;
        m_cases.insert(u"refunds"_s, refunds);
    }

    void pagesToTheEnd_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<int>("pageSize");
        for (const QString& list : {u"orders"_s, u"refunds"_s})
            for (int size : {7, 200})
                QTest::addRow("%s-%d", qPrintable(list), size) << list << size;
    }
    void pagesToTheEnd()
    {
        const ListCase& c = listCase();
        QFETCH(int, pageSize);
        auto model = c.make();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setPageSize(pageSize);
        QSignalSpy pages(model.get(), &PagedTableModel::pageLoaded);
        c.filter(*model, 0); // the model asks for its own first page
        QVERIFY(Test::pageToEnd(*model));
        const QList<qint64> expected = sqlIds(c, 0, 0, true);
        const QList<qint64> ids = Test::idsOf(*model);
        QCOMPARE(ids.size(), expected.size());
        QVERIFY(ids == expected); // ordered, no duplicates, no gaps
        QVERIFY(!model->hasMore());
        QVERIFY(!model->canFetchMore({}));
        // one extra row says there is more: no empty last page when the rows divide evenly
        const int fullPages = int(expected.size() / pageSize) + (expected.size() % pageSize ? 1 : 0);
        QCOMPARE(int(pages.size()), fullPages);
        QVERIFY(pages.first().at(1).toBool());
        QTRY_VERIFY(model->count().has_value());
        QCOMPARE(model->count()->kind, Db::RowCount::Kind::Exact);
        QCOMPARE(model->count()->value, expected.size());

        // raw values and display text are separate roles; the id is on every column
        const int moneyColumn = c.from.startsWith(u"orders"_s) ? int(OrdersModel::Column::Gross)
                                                               : int(RefundsModel::Column::Amount);
        const QModelIndex money = model->index(0, moneyColumn);
        QCOMPARE(money.data(PagedTableModel::RawValueRole).typeId(), QMetaType::LongLong);
        QVERIFY(money.data(Qt::DisplayRole).typeId() == QMetaType::QString);
        QVERIFY(money.data(PagedTableModel::MoneyRole).isValid());
        QCOMPARE(model->index(0, 0).data(PagedTableModel::RawValueRole).typeId(), QMetaType::LongLong); // epoch µs
        QCOMPARE(model->index(0, 3).data(PagedTableModel::IdRole).toLongLong(), expected.first());
    }

    void sortsEveryWhitelistedColumn_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        for (const QString& list : {u"orders"_s, u"refunds"_s}) {
            QList<int> columns = m_cases[list].orderBy.keys();
            std::sort(columns.begin(), columns.end());
            for (int column : columns)
                for (bool d : {true, false})
                    QTest::addRow("%s-%d-%s", qPrintable(list), column, d ? "desc" : "asc") << list << column << d;
        }
    }
    void sortsEveryWhitelistedColumn()
    {
        const ListCase& c = listCase();
        QFETCH(int, column);
        QFETCH(bool, descending);
        auto model = c.make();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setPageSize(23); // the 300 equal rows span 13 pages
        c.filter(*model, 0);
        QVERIFY(model->headerData(column, Qt::Horizontal, PagedTableModel::SortableRole).toBool());
        model->sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(model->isStarted());
        QVERIFY(Test::pageToEnd(*model));
        const QList<qint64> expected = sqlIds(c, 0, column, descending);
        const QList<qint64> ids = Test::idsOf(*model);
        QCOMPARE(ids.size(), expected.size());
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i)
            QVERIFY2(ids.at(i) == expected.at(i), qPrintable(u"row %1: %2, SQL says %3"_s.arg(i).arg(ids.at(i)).arg(expected.at(i))));
    }

    void otherColumnsAreRefused_data() { addLists(); }
    void otherColumnsAreRefused()
    {
        const ListCase& c = listCase();
        auto model = c.make();
        c.filter(*model, 0);
        QVERIFY(Test::pageToEnd(*model));
        int refused = 0;
        for (int column = 0; column < model->columnCount(); ++column) {
            const bool listed = c.orderBy.contains(column);
            QCOMPARE(model->isSortable(column), listed);
            QCOMPARE(model->headerData(column, Qt::Horizontal, PagedTableModel::SortableRole).toBool(), listed);
            if (listed)
                continue;
            const quint64 before = model->generation();
            model->sort(column, Qt::AscendingOrder);
            QCOMPARE(model->generation(), before); // nothing happened
            ++refused;
        }
        QVERIFY(refused > 0);
        QVERIFY(!model->isSortable(-1));
        QVERIFY(!model->isSortable(model->columnCount()));
    }

    // A page whose SQL already ran for a query the user has left: its answer is dropped.
    void staleAnswersAreDropped_data() { addLists(); }
    void staleAnswersAreDropped()
    {
        const ListCase& c = listCase();
        auto model = c.make();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setPageSize(50);
        c.filter(*model, 0);
        QTRY_VERIFY(!model->isLoading() && model->count().has_value()); // nothing of this query still queued
        // Hold the orders table (both lists read it) so that the next two pages wait inside their SQL.
        auto locker = m_demo.open(Db::Database::Options{.workers = 1});
        QVERIFY(locker);
        // held until the test says so (a fixed sleep ran out before a loaded machine's page reached the lock)
        auto release = std::make_shared<std::atomic<bool>>(false);
        QFuture<int> lock = locker->transaction([release](Db::Session& s) {
            s.execScript(u"LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"_s);
            for (int i = 0; i < 1200 && !release->load(); ++i) // at most 60 s
                s.exec(u"SELECT pg_sleep(0.05)"_s);
            return 0;
        });
        QTRY_VERIFY(m_demo.sqlInt(u"SELECT count(*) FROM pg_locks WHERE relation = 'orders'::regclass AND granted "
                                  "AND mode = 'AccessExclusiveLock'"_s) == 1);
        const quint64 skipped = model->skippedRequests();
        c.filter(*model, 1);
        const quint64 stale = model->generation();
        QTRY_VERIFY_WITH_TIMEOUT(m_demo.sqlInt(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                               "AND wait_event_type = 'Lock'"_s) >= 1,
                                 30000); // its SQL runs, waiting
        c.filter(*model, 2);
        QVERIFY(model->generation() > stale);
        release->store(true);
        Test::await(lock);
        QTRY_VERIFY(!model->isLoading());
        QTest::qWait(200); // the stale answer has long arrived
        QCOMPARE(model->skippedRequests(), skipped); // both ran their SQL: the first answer came and was dropped
        QVERIFY(Test::pageToEnd(*model));
        QVERIFY(Test::idsOf(*model) == sqlIds(c, 2, 0, true));
    }

    // Pages still queued when the query changes never run their SQL.
    void queuedPagesAreCanceled_data() { addLists(); }
    void queuedPagesAreCanceled()
    {
        const ListCase& c = listCase();
        auto single = m_demo.open(Db::Database::Options{.workers = 1});
        QVERIFY(single);
        auto model = c.make();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setDatabase(single.get());
        model->setPageSize(40);
        c.filter(*model, 0);
        QTRY_VERIFY(!model->isLoading() && model->count().has_value());
        const auto busy = [&] {
            return single->run([](Db::Session& s) {
                s.exec(u"SELECT pg_sleep(0.4)"_s);
                return 0;
            });
        };
        // three queries typed in a burst behind a busy worker: only the last one's page runs (events are
        // processed between them: a view, or the tester, may ask for the page from the event loop)
        quint64 skipped = model->skippedRequests();
        QFuture<int> b = busy();
        c.filter(*model, 1);
        QCoreApplication::processEvents();
        c.filter(*model, 2);
        QCoreApplication::processEvents();
        c.filter(*model, 3);
        Test::await(b);
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->skippedRequests() - skipped, quint64(2));
        QCOMPARE(Test::idsOf(*model), sqlIds(c, 3, 0, true, 40));
        // a next page queued behind the busy worker, then a new query: that page never runs either
        QTRY_VERIFY(model->count().has_value()); // the first page's count is in, no longer queued
        QVERIFY(model->canFetchMore({}));
        skipped = model->skippedRequests();
        b = busy();
        model->fetchMore({});
        QVERIFY(model->isLoading());
        QTest::qWait(50); // fetchMore() asks from the event loop; the page is now queued
        c.filter(*model, 1);
        Test::await(b);
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->skippedRequests() - skipped, quint64(1));
        QVERIFY(Test::pageToEnd(*model));
        QVERIFY(Test::idsOf(*model) == sqlIds(c, 1, 0, true));
        model.reset();
    }

    // The change feed's ids: updated rows change in place, new rows go where they sort, deleted rows
    // go; never a reset, and the loaded rows stay the SQL's first rows of the query.
    // Under the tester (which calls fetchMore() on every change) the list is loaded to its end first;
    // without it, one page of 60 is loaded and more follow.
    void refreshInPlace_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<bool>("complete");
        for (const QString& list : {u"orders"_s, u"refunds"_s})
            for (bool complete : {false, true})
                QTest::addRow("%s-%s", qPrintable(list), complete ? "complete-tester" : "one-page") << list << complete;
    }
    void refreshInPlace()
    {
        const ListCase& c = listCase();
        QFETCH(bool, complete);
        const bool orders = c.from.startsWith(u"orders"_s);
        auto model = c.make();
        std::optional<QAbstractItemModelTester> tester;
        if (complete)
            tester.emplace(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setPageSize(60);
        c.filter(*model, 3); // held orders / refunds requested by the customer
        QTRY_VERIFY(!model->isLoading() && model->rowCount() == 60 && model->count().has_value());
        QVERIFY(model->hasMore());
        if (complete)
            QVERIFY(Test::pageToEnd(*model));
        const int loaded = model->rowCount();
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        const auto loadedAreTheFirstRows = [&] {
            return Test::idsOf(*model) == sqlIds(c, 3, 0, true, model->rowCount());
        };

        // 1. a loaded row changed elsewhere: updated in place
        const qint64 id3 = model->index(3, 0).data(PagedTableModel::IdRole).toLongLong();
        const QString before = model->index(3, c.textColumn).data().toString();
        m_demo.sql(c.updateSql.arg(id3));
        model->refreshRows({id3});
        QTRY_VERIFY(model->index(3, c.textColumn).data().toString() != before);
        QCOMPARE(model->rowOfId(id3), 3);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(inserted.size(), 0);

        // 2. new rows: the newest on top, one between loaded rows where it sorts, one older than every
        //    loaded row (comes with a later page), one outside the filter (never shown)
        const qint64 createdAt10 = model->index(10, 0).data(PagedTableModel::RawValueRole).toLongLong();
        const QString at10 = u"timestamptz 'epoch' + %1 * interval '1 microsecond'"_s.arg(createdAt10);
        QList<qint64> fresh;
        if (orders) {
            const QString insert = uR"(
                INSERT INTO orders (id, public_id, buyer_id, seller_id, currency, gross, platform_fee, processor_fee,
                                    seller_net, fee_source, platform_fee_bps, platform_fee_fixed, processor_fee_bps,
                                    processor_fee_fixed, payment_status, fulfilment_status, created_at, captured_at)
                VALUES (%1, 'ORD-R%1', 1, 1, 'USD', 1234, 0, 0, 1234, 'flat', 0, 0, 0, 0, '%2', 'pending', %3,
                        CASE WHEN '%2' IN ('pending', 'failed') THEN NULL ELSE now() END)
                RETURNING id)"_s;
            fresh << m_demo.sqlInt(insert.arg(870001).arg(u"held"_s, u"now() + interval '1 day'"_s))
                  << m_demo.sqlInt(insert.arg(870002).arg(u"held"_s, at10))
                  << m_demo.sqlInt(insert.arg(870003).arg(u"held"_s, u"timestamptz '1999-01-01'"_s))
                  << m_demo.sqlInt(insert.arg(870004).arg(u"pending"_s, u"now() + interval '2 days'"_s));
        } else {
            const QString insert = uR"(
                SET bursar.bulk_load = on;
                INSERT INTO refunds (order_id, amount, currency, reason, status, note, created_at)
                VALUES (800001, 55, 'USD', '%1', 'pending', 'fresh', %2) RETURNING id)"_s;
            fresh << m_demo.sqlInt(insert.arg(u"requested_by_customer"_s, u"now() + interval '1 day'"_s))
                  << m_demo.sqlInt(insert.arg(u"requested_by_customer"_s, at10))
                  << m_demo.sqlInt(insert.arg(u"requested_by_customer"_s, u"timestamptz '1999-01-01'"_s))
                  << m_demo.sqlInt(insert.arg(u"duplicate"_s, u"now() + interval '2 days'"_s));
        }
        const qint64 countBefore = model->count()->value;
        model->refreshRows(fresh);
        QTRY_COMPARE(model->rowCount(), loaded + (complete ? 3 : 2));
        QCOMPARE(model->rowOfId(fresh[0]), 0);
        QVERIFY(model->rowOfId(fresh[1]) > 0 && model->rowOfId(fresh[1]) <= 11); // before the old row 10 or its equals
        if (complete)
            QCOMPARE(model->rowOfId(fresh[2]), model->rowCount() - 1); // the oldest, at the end of the whole list
        else
            QCOMPARE(model->rowOfId(fresh[2]), -1); // sorts after the cursor: a later page brings it
        QCOMPARE(model->rowOfId(fresh[3]), -1); // not in the filter
        QCOMPARE(reset.size(), 0);
        QVERIFY(loadedAreTheFirstRows());
        if (model->count()->kind == Db::RowCount::Kind::Exact)
            QCOMPARE(model->count()->value, countBefore + (complete ? 3 : 2));

        // 3. a row deleted elsewhere goes
        m_demo.sql(u"DELETE FROM "_s + c.from.section(u' ', 0, 0) + u" WHERE id = %1"_s.arg(fresh[1]));
        model->refreshRows({fresh[1]});
        QTRY_COMPARE(model->rowCount(), loaded + (complete ? 2 : 1));
        QCOMPARE(model->rowOfId(fresh[1]), -1);
        QCOMPARE(removed.size(), 1);
        QVERIFY(loadedAreTheFirstRows());

        // paging on brings the older row exactly once, and the list is the SQL's
        QVERIFY(Test::pageToEnd(*model));
        QCOMPARE(reset.size(), 0);
        QVERIFY(model->rowOfId(fresh[2]) >= 0);
        QVERIFY(Test::idsOf(*model) == sqlIds(c, 3, 0, true));

        m_demo.sql(u"DELETE FROM "_s + c.from.section(u' ', 0, 0) + u" WHERE id IN (%1, %2, %3)"_s.arg(fresh[0]).arg(fresh[2]).arg(fresh[3]));
    }

    // A loaded row whose sort key changed moves to where it sorts now (rowsMoved, selection kept by
    // the view), or leaves when it now sorts after the cursor and comes back with its page.
    void refreshMovesRowsWhoseKeyChanged()
    {
        const ListCase& c = m_cases[u"orders"_s];
        auto model = c.make();
        model->setPageSize(50);
        c.filter(*model, 0); // newest first
        QTRY_VERIFY(!model->isLoading() && model->rowCount() == 50 && model->count().has_value());
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy moved(model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        const qint64 up = model->index(20, 0).data(PagedTableModel::IdRole).toLongLong();
        const qint64 away = model->index(3, 0).data(PagedTableModel::IdRole).toLongLong();
        const QPersistentModelIndex followed = model->index(20, 1);
        m_demo.sql(u"UPDATE orders SET created_at = now() + interval '3 days' WHERE id = %1; "
                   "UPDATE orders SET created_at = timestamptz '1998-01-01' WHERE id = %2"_s.arg(up).arg(away));
        model->refreshRows({up, away});
        QTRY_COMPARE(model->rowOfId(up), 0);
        QCOMPARE(model->rowOfId(away), -1);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(followed.row(), 0); // a persistent index (the view's selection) follows its row
        QCOMPARE(model->rowCount(), 49);
        QCOMPARE(reset.size(), 0);
        QVERIFY(Test::idsOf(*model) == sqlIds(c, 0, 0, true, 49));
        QVERIFY(Test::pageToEnd(*model));
        QCOMPARE(model->rowOfId(away), model->rowCount() - 1); // back, once, at the end
        QVERIFY(Test::idsOf(*model) == sqlIds(c, 0, 0, true));
    }

    // Inserts into an ascending list (oldest first) go where they sort too, and an empty complete list
    // takes its first row.
    void refreshIntoOtherOrders()
    {
        const ListCase& c = m_cases[u"refunds"_s];
        auto model = c.make();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        Db::RefundFilter f;
        f.requester = u"nobody_yet"_s;
        static_cast<RefundsModel&>(*model).setFilter(f);
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->hasMore());
        model->sort(int(RefundsModel::Column::Amount), Qt::AscendingOrder);
        QTRY_VERIFY(!model->isLoading());
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        const QString insert = uR"(
            SET bursar.bulk_load = on;
            INSERT INTO refunds (order_id, amount, currency, reason, status, note, requested_by)
            VALUES (800002, %1, 'USD', 'duplicate', 'pending', 'fresh', 'nobody_yet') RETURNING id)"_s;
        const qint64 a = m_demo.sqlInt(insert.arg(300));
        model->refreshRows({a});
        QTRY_COMPARE(model->rowCount(), 1);
        const qint64 b = m_demo.sqlInt(insert.arg(100));
        const qint64 d = m_demo.sqlInt(insert.arg(200));
        model->refreshRows({b, d});
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(Test::idsOf(*model), (QList<qint64>{b, d, a}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model->count()->value, 3);
        m_demo.sql(u"DELETE FROM refunds WHERE requested_by = 'nobody_yet'"_s);
    }
};

QTEST_GUILESS_MAIN(TestPagedModel)
#include "TestPagedModel.moc"
