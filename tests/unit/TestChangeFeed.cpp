// The change feed: NOTIFY payloads of bursar_changes (0003_notify.sql) parsed once into typed changes,
// gathered per commit, identical ones folded, other channels and malformed payloads ignored.
#include "db/ChangeFeed.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::Change;

class TestChangeFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesRowAndBulkChanges()
    {
        const auto row = Change::parse(u"{\"table\":\"orders\",\"op\":\"UPDATE\",\"id\":123}"_s);
        QVERIFY(row);
        QCOMPARE(row->table, u"orders"_s);
        QCOMPARE(row->op, Change::Op::Update);
        QCOMPARE(row->id, std::optional<qint64>(123));
        QVERIFY(!row->isBulk());

        const auto big = Change::parse(u"{\"table\":\"refunds\",\"op\":\"INSERT\",\"id\":9007199254740993}"_s);
        QVERIFY(big && big->op == Change::Op::Insert && big->id.value() > 0);

        const auto bulk = Change::parse(u"{\"table\":\"orders\",\"op\":\"DELETE\",\"id\":null,\"count\":51}"_s);
        QVERIFY(bulk);
        QVERIFY(bulk->isBulk());
        QCOMPARE(bulk->op, Change::Op::Delete);
        QCOMPARE(bulk->count, 51);
    }

    void refusesWhatIsNotAChange()
    {
        QVERIFY(!Change::parse(u"42"_s));
        QVERIFY(!Change::parse(u"not json"_s));
        QVERIFY(!Change::parse(u"{\"op\":\"UPDATE\",\"id\":1}"_s));
        QVERIFY(!Change::parse(u"{\"table\":\"orders\",\"op\":\"TRUNCATE\",\"id\":1}"_s));
        QVERIFY(!Change::parse(u"{\"table\":\"orders\",\"op\":\"UPDATE\",\"id\":\"1\"}"_s));
    }

    void gathersFoldsAndFilters()
    {
        Db::ChangeFeed feed;
        feed.setInterval(20);
        QSignalSpy spy(&feed, &Db::ChangeFeed::changed);
        const QString channel = QString::fromLatin1(Db::ChangeFeed::Channel);
        feed.deliver(channel, u"{\"table\":\"orders\",\"op\":\"UPDATE\",\"id\":1}"_s);
        feed.deliver(channel, u"{\"table\":\"orders\",\"op\":\"UPDATE\",\"id\":1}"_s);
        feed.deliver(channel, u"{\"table\":\"refunds\",\"op\":\"INSERT\",\"id\":7}"_s);
        feed.deliver(u"bursar_operations"_s, u"5"_s);                        // the agents' channel
        feed.deliver(channel, u"garbage"_s);
        QCOMPARE(spy.size(), 0); // gathered, not yet handed out
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.size(), 1);
        const auto changes = spy.first().first().value<QList<Change>>();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).table, u"orders"_s);
        QCOMPARE(changes.at(1).table, u"refunds"_s);
        QCOMPARE(changes.at(1).op, Change::Op::Insert);
        QVERIFY(!spy.wait(100)); // nothing more
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "TestChangeFeed.moc"
