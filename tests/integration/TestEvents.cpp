// The Events panel's reads and the admin's replay (issue 12 item 2) against a real PostgreSQL: events stored
// and applied by the agent's own functions (bursar_events_store / bursar_events_apply_pending as t_agent) on
// real orders of the emulator; the list paged to its end under every sort and each filter, against the same
// query in plain SQL; the capped count; one event's detail with its payload and the fields that matter; the
// health figure; replay as admin (one, the failed ones of a filter, since a time), audited in the hash
// chain; replay refused to support, finance and viewer through the service and through plain SQL.
#include "EventsModel.h"
#include "RefundFixture.h"
#include "DemoFixture.h"
#include "TestSupport.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/EventsRepository.h"
#include "db/Session.h"
#include "services/EventReplay.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::EventFilter;
using Db::EventQuery;
using Db::EventSort;
using Models::EventsModel;

namespace {
QString q(const QString& s)
{
    return u"'"_s + QString(s).replace(u"'"_s, u"''"_s) + u"'"_s;
}
} // namespace

class TestEvents : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Db::Database> support, admin, finance;
    QString m_charge;
    int m_events = 0;

    QJsonObject event(int i)
    {
        const qint64 created = 1767225600 + i; // 2026-01-01 + i s
        QJsonObject object;
        QString type;
        switch (i % 5) {
        case 0: // malformed: no data.object -> failed malformed_event
            type = u"refund.updated"_s;
            break;
        case 1: // a charge the books hold -> processed
            type = u"charge.succeeded"_s;
            object = {{u"id"_s, m_charge}, {u"object"_s, u"charge"_s}, {u"amount"_s, 5000}, {u"currency"_s, u"usd"_s},
                      {u"status"_s, u"succeeded"_s}};
            break;
        case 2: // a charge these books do not hold -> skipped unknown_object
            type = u"refund.updated"_s;
            object = {{u"id"_s, u"re_unknown%1"_s.arg(i)}, {u"object"_s, u"refund"_s}, {u"amount"_s, 100},
                      {u"currency"_s, u"usd"_s}, {u"charge"_s, u"ch_nowhere"_s}, {u"status"_s, u"succeeded"_s}};
            break;
        case 3: // a type Bursar does not follow -> skipped event_not_handled
            type = u"customer.created"_s;
            object = {{u"id"_s, u"cus_%1"_s.arg(i)}, {u"object"_s, u"customer"_s}};
            break;
        default: // a refund in EUR on the USD order -> failed currency_mismatch
            type = u"refund.created"_s;
            object = {{u"id"_s, u"re_eur%1"_s.arg(i)}, {u"object"_s, u"refund"_s}, {u"amount"_s, 1234},
                      {u"currency"_s, u"eur"_s}, {u"charge"_s, m_charge}, {u"status"_s, u"failed"_s},
                      {u"failure_reason"_s, u"expired_or_canceled_card"_s}};
            break;
        }
        QJsonObject e{{u"id"_s, u"evt_list%1"_s.arg(i, 4, 10, QChar(u'0'))},
                      {u"object"_s, u"event"_s},
                      {u"type"_s, type},
                      {u"created"_s, created},
                      {u"livemode"_s, false},
                      {u"request"_s, QJsonObject{{u"id"_s, QJsonValue::Null}, {u"idempotency_key"_s, QJsonValue::Null}}},
                      {u"data"_s, object.isEmpty() ? QJsonObject{} : QJsonObject{{u"object"_s, object}}}};
        if (i % 3 == 0)
            e.insert(u"account"_s, u"acct_TestA"_s);
        return e;
    }

    // The ids of stripe_events matching a SQL condition, in an ORDER BY, as the model must list them.
    QList<qint64> sqlIds(const QString& where, const QString& order)
    {
        const QString text = fx.sql(u"SELECT coalesce(string_agg(id::text, ',' ORDER BY %1), '') FROM stripe_events e WHERE %2"_s
                                        .arg(order, where));
        QList<qint64> ids;
        for (const QString& s : text.split(u',', Qt::SkipEmptyParts))
            ids << s.toLongLong();
        return ids;
    }

    QList<qint64> listed(Db::Database* db, const EventQuery& query, int pageSize = 25)
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model);
        model.setPageSize(pageSize);
        model.setDatabase(db);
        model.setQuery(query);
        if (!Test::pageToEnd(model))
            qFatal("the events did not page to their end");
        return Test::idsOf(model);
    }

    qint64 auditRows(const QString& actor)
    {
        return fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.replay_requested' AND actor = %1"_s
                             .arg(q(actor)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"evlist"_s, &error), qPrintable(error));
        const auto order = fx.createOrder(5000, u"USD"_s);
        m_charge = order.chargeId;
        QVERIFY(m_charge.startsWith(u"ch_"_s));
        // 23 pages of 10 events, each stored in its own transaction (received_at differs between them)
        for (int batch = 0; batch < 23; ++batch) {
            QJsonArray page;
            for (int k = 0; k < 10; ++k)
                page.append(event(batch * 10 + k));
            const QString json = QString::fromUtf8(QJsonDocument(page).toJson(QJsonDocument::Compact));
            QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_store('platform', %1::jsonb)"_s.arg(q(json)), &error), 0);
        }
        m_events = 230;
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_pending(10000)"_s, &error), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE event_id LIKE 'evt_list%'"_s), qint64(m_events));
        QCOMPARE(fx.sql(u"SELECT string_agg(processing_status || '=' || n, ',' ORDER BY processing_status) FROM "
                        "(SELECT processing_status, count(*) n FROM stripe_events WHERE event_id LIKE 'evt_list%' GROUP BY 1) t"_s),
                 u"processed=46,failed=92,skipped=92"_s);
        support = std::make_unique<Db::Database>(fx.as(u"t_support"_s));
        admin = std::make_unique<Db::Database>(fx.as(u"t_admin"_s));
        finance = std::make_unique<Db::Database>(fx.as(u"t_finance"_s));
        for (auto* d : {support.get(), admin.get(), finance.get()})
            Test::await(d->open());
    }

    // "Does an older event of this object still wait?" is asked for every event applied. The plan PL/pgSQL
    // caches (generic: no values known) answers it with one probe of stripe_events_object_waiting (0017),
    // not by walking every older event in time order.
    void theWaitingCheckIsOneProbe()
    {
        const QString plan = fx.sql(
            u"SET plan_cache_mode = force_generic_plan; "
            "PREPARE waiting(text, timestamptz, bigint) AS SELECT 1 FROM stripe_events o WHERE o.object_id = $1 "
            "AND o.processing_status IN ('pending', 'processing') AND (o.stripe_created_at, o.id) < ($2, $3); "
            "EXPLAIN EXECUTE waiting('ch_x', now(), 1)"_s);
        QVERIFY2(plan.contains(u"stripe_events_object_waiting"_s), qPrintable(plan));
    }

    void cleanupTestCase()
    {
        support.reset();
        admin.reset();
        finance.reset();
    }

    void pagesToTheEndUnderEverySort_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("order");
        QTest::newRow("received desc") << int(EventSort::Received) << true << u"received_at DESC, id DESC"_s;
        QTest::newRow("received asc") << int(EventSort::Received) << false << u"received_at, id"_s;
        QTest::newRow("created desc") << int(EventSort::Created) << true << u"stripe_created_at DESC, id DESC"_s;
        QTest::newRow("created asc") << int(EventSort::Created) << false << u"stripe_created_at, id"_s;
        QTest::newRow("type asc") << int(EventSort::Type) << false << u"type, received_at, id"_s;
        QTest::newRow("type desc") << int(EventSort::Type) << true << u"type DESC, received_at DESC, id DESC"_s;
        QTest::newRow("status asc") << int(EventSort::Status) << false << u"processing_status, received_at, id"_s;
        QTest::newRow("status desc") << int(EventSort::Status) << true
                                     << u"processing_status DESC, received_at DESC, id DESC"_s;
    }
    void pagesToTheEndUnderEverySort()
    {
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(QString, order);
        EventQuery query;
        query.sort = EventSort(sort);
        query.descending = descending;
        const QList<qint64> ids = listed(support.get(), query, 17);
        QCOMPARE(ids.size(), fx.sqlInt(u"SELECT count(*) FROM stripe_events"_s));
        QCOMPARE(ids, sqlIds(u"true"_s, order));
    }

    void eachFilter_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::newRow("type") << u"type"_s << u"refund.created"_s << u"type = 'refund.created'"_s;
        QTest::newRow("status failed") << u"status"_s << u"failed"_s << u"processing_status = 'failed'"_s;
        QTest::newRow("status skipped") << u"status"_s << u"skipped"_s << u"processing_status = 'skipped'"_s;
        QTest::newRow("status processed") << u"status"_s << u"processed"_s << u"processing_status = 'processed'"_s;
        QTest::newRow("status unknown") << u"status"_s << u"exploded"_s << u"false"_s;
        QTest::newRow("account acct") << u"account"_s << u"acct_TestA"_s << u"account = 'acct_TestA'"_s;
        QTest::newRow("account platform") << u"account"_s << u"platform"_s << u"account IS NULL"_s;
        QTest::newRow("account bad") << u"account"_s << u"x'; DROP TABLE stripe_events; --"_s << u"false"_s;
        QTest::newRow("object") << u"object"_s << u"re_eur4"_s << u"object_id = 're_eur4'"_s;
        QTest::newRow("object charge") << u"object"_s << u"CHARGE"_s << u"object_id = 'CHARGE'"_s;
        QTest::newRow("event id") << u"object"_s << u"evt_list0042"_s << u"event_id = 'evt_list0042'"_s;
        QTest::newRow("since") << u"since"_s << u"100"_s
                               << u"received_at >= (SELECT received_at FROM stripe_events WHERE event_id = 'evt_list0100')"_s;
        QTest::newRow("until") << u"until"_s << u"100"_s
                               << u"received_at < (SELECT received_at FROM stripe_events WHERE event_id = 'evt_list0100')"_s;
    }
    void eachFilter()
    {
        QFETCH(QString, kind);
        QFETCH(QString, value);
        QFETCH(QString, where);
        where.replace(u"CHARGE"_s, m_charge);
        value.replace(u"CHARGE"_s, m_charge);
        EventQuery query;
        if (kind == u"type")
            query.filter.type = value;
        else if (kind == u"status")
            query.filter.status = value;
        else if (kind == u"account")
            query.filter.account = value;
        else if (kind == u"object")
            query.filter.objectId = value;
        else {
            const qint64 us = fx.sqlInt(u"SELECT (extract(epoch FROM received_at) * 1000000)::bigint FROM stripe_events "
                                        "WHERE event_id = 'evt_list%1'"_s.arg(value.toInt(), 4, 10, QChar(u'0')));
            (kind == u"since" ? query.filter.sinceUs : query.filter.untilUs) = us;
        }
        const QList<qint64> expected = sqlIds(where, u"received_at DESC, id DESC"_s);
        if (kind != u"status" || value != u"exploded")
            QVERIFY(!expected.isEmpty() || kind == u"account");
        QCOMPARE(listed(support.get(), query, 20), expected);
        const Db::RowCount c = Test::await(Db::EventsRepository::count(support.get(), query.filter));
        QCOMPARE(c.kind, Db::RowCount::Kind::Exact);
        QCOMPARE(c.value, qint64(expected.size()));
        // and every filter together with a sort other than the default
        query.sort = EventSort::Type;
        query.descending = false;
        QCOMPARE(listed(support.get(), query, 7), sqlIds(where, u"type, received_at, id"_s));
    }

    void countIsCapped()
    {
        const Db::RowCount c = Test::await(support->run(
            [](Db::Session& s) { return Db::EventsRepository::count(s, EventFilter{}, 50); }));
        QCOMPARE(c.kind, Db::RowCount::Kind::AtLeast);
        QCOMPARE(c.value, qint64(50));
        const Db::RowCount all = Test::await(Db::EventsRepository::count(support.get(), EventFilter{}));
        QCOMPARE(all.kind, Db::RowCount::Kind::Exact);
        QCOMPARE(all.value, fx.sqlInt(u"SELECT count(*) FROM stripe_events"_s));
    }

    void detailHasThePayloadAndTheFieldsThatMatter()
    {
        const qint64 id = fx.sqlInt(u"SELECT id FROM stripe_events WHERE event_id = 'evt_list0024'"_s);
        const Db::EventDetail d = Test::await(Db::EventsRepository::detail(support.get(), id));
        QVERIFY(d.found);
        QCOMPARE(d.row.eventId, u"evt_list0024"_s);
        QCOMPARE(d.row.type, u"refund.created"_s);
        QCOMPARE(d.row.status, u"failed"_s);
        QCOMPARE(d.row.errorCode, u"currency_mismatch"_s);
        QVERIFY2(d.row.error.contains(u"EUR"_s), qPrintable(d.row.error));
        QCOMPARE(d.row.account, u"acct_TestA"_s);
        QCOMPARE(d.row.objectId, u"re_eur24"_s);
        QCOMPARE(d.row.attempts, 1);
        QCOMPARE(d.amount, std::optional<qint64>(1234));
        QCOMPARE(d.currency, u"EUR"_s);
        QCOMPARE(d.objectStatus, u"failed"_s);
        QCOMPARE(d.objectType, u"refund"_s);
        QCOMPARE(d.failureReason, u"expired_or_canceled_card"_s);
        QVERIFY(d.requestId.isEmpty());
        QVERIFY2(d.payload.contains(u"\n    \"id\": \"evt_list0024\""_s), qPrintable(d.payload)); // indented
        QCOMPARE(QJsonDocument::fromJson(d.payload.toUtf8()).object().value("id"_L1).toString(), u"evt_list0024"_s);
        // the failure in words: the rule's words and the event's own sentence, no raw database text
        const QString words = EventsModel::reasonText(d.row);
        QVERIFY2(words.startsWith(Db::Error::textForCode(u"currency_mismatch"_s)), qPrintable(words));
        QVERIFY(words.contains(u"EUR"_s));
        QVERIFY(!EventsModel::reasonText(u"malformed_event"_s, {}).isEmpty());
        QVERIFY(!Test::await(Db::EventsRepository::detail(support.get(), -5)).found);
    }

    void healthFigure()
    {
        const Db::EventHealth h = Test::await(Db::EventsRepository::health(support.get()));
        QCOMPARE(h.processed, fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'processed'"_s));
        QCOMPARE(h.failed, qint64(92));
        QCOMPARE(h.skipped, qint64(92));
        QVERIFY(h.critical()); // 92 failed of 230: 60 %
        QVERIFY(qAbs(h.successPercent() - 100.0 * double(h.processed + h.skipped) / double(h.settled())) < 1e-9);
        QCOMPARE(Test::await(Db::EventsRepository::failedCount(support.get())), qint64(92));
        Db::EventHealth fine;
        fine.processed = 96;
        fine.failed = 4;
        QVERIFY(!fine.critical());
        fine.failed = 6;
        QVERIFY(fine.critical());
        QVERIFY(!Db::EventHealth{}.critical());
    }

    void replayIsRefusedToSupportFinanceAndViewer()
    {
        const QString before = fx.sql(u"SELECT string_agg(processing_status::text, ',' ORDER BY id) FROM stripe_events"_s);
        for (Db::Database* db : {support.get(), finance.get()}) {
            const auto e = Test::failureOf<Db::Error>(Services::EventReplay::one(db, u"evt_list0000"_s));
            QCOMPARE(e.kind(), Db::Error::Kind::Permission);
            QVERIFY(!e.message().contains(u"permission denied"_s)); // words, not the server's text
            QCOMPARE(Test::failureOf<Db::Error>(Services::EventReplay::failedMatching(db, EventFilter{})).kind(),
                     Db::Error::Kind::Permission);
            QCOMPARE(Test::failureOf<Db::Error>(Services::EventReplay::since(db, 0)).kind(), Db::Error::Kind::Permission);
        }
        // plain SQL as the demo logins: the functions, and the table itself
        for (const QString& login : {u"t_support"_s, u"t_finance"_s, u"t_viewer"_s}) {
            QString err;
            QVERIFY(fx.sqlAs(login, u"SELECT bursar_request_event_replay('evt_list0000')"_s, &err) != 0);
            QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            QVERIFY(fx.sqlAs(login, u"SELECT bursar_request_event_replay(NULL, true)"_s, &err) != 0);
            QVERIFY(fx.sqlAs(login, u"SELECT bursar_request_event_replay_matching('refund.created')"_s, &err) != 0);
            QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            QVERIFY(fx.sqlAs(login, u"UPDATE stripe_events SET processing_status = 'pending'"_s, &err) != 0);
            QVERIFY(fx.sqlAs(login, u"SELECT bursar_events_apply_pending(10)"_s, &err) != 0);
            QCOMPARE(fx.sqlAs(login, u"SELECT count(*) FROM stripe_events"_s, &err), 0); // reading is allowed
        }
        // the agent applies but may not ask for a replay either
        QString err;
        QVERIFY(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_request_event_replay_matching()"_s, &err) != 0);
        QCOMPARE(fx.sql(u"SELECT string_agg(processing_status::text, ',' ORDER BY id) FROM stripe_events"_s), before);
        QCOMPARE(auditRows(u"t_support"_s) + auditRows(u"t_finance"_s) + auditRows(u"t_viewer"_s), qint64(0));
    }

    void replayAsAdminIsAudited()
    {
        // one event
        QCOMPARE(Test::await(Services::EventReplay::one(admin.get(), u"evt_list0000"_s)), 1);
        QCOMPARE(fx.sql(u"SELECT processing_status FROM stripe_events WHERE event_id = 'evt_list0000'"_s), u"pending"_s);
        QCOMPARE(auditRows(u"t_admin"_s), qint64(1));
        QCOMPARE(fx.sql(u"SELECT entity_id || ' ' || (after ->> 'events') FROM audit_log "
                        "WHERE action = 'stripe_event.replay_requested' ORDER BY id DESC LIMIT 1"_s),
                 u"evt_list0000 1"_s);
        // an unknown event: words, nothing changed
        const auto e = Test::failureOf<Db::Error>(Services::EventReplay::one(admin.get(), u"evt_nope"_s));
        QCOMPARE(e.message(), Db::Error::textForCode(u"event_not_found"_s));
        // the failed ones of one filter: failed refund.created events of acct_TestA only
        EventFilter f;
        f.type = u"refund.created"_s;
        f.account = u"acct_TestA"_s;
        f.status = u"processed"_s; // ignored: only failed events are replayed
        const qint64 expected = fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed' "
                                          "AND type = 'refund.created' AND account = 'acct_TestA'"_s);
        QVERIFY(expected > 0);
        QCOMPARE(qint64(Test::await(Services::EventReplay::failedMatching(admin.get(), f))), expected);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s), expected + 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed' AND type = 'refund.created' "
                           "AND account = 'acct_TestA'"_s),
                 qint64(0));
        QCOMPARE(fx.sql(u"SELECT after ->> 'type' || ' ' || (after ->> 'account') || ' ' || (after ->> 'events') "
                        "FROM audit_log WHERE action = 'stripe_event.replay_requested' ORDER BY id DESC LIMIT 1"_s),
                 u"refund.created acct_TestA %1"_s.arg(expected));
        // an evt_ id in the filter: that one event, only when failed
        EventFilter one;
        one.objectId = u"evt_list0005"_s;
        QCOMPARE(Test::await(Services::EventReplay::failedMatching(admin.get(), one)), 1);
        one.objectId = u"evt_list0001"_s; // processed
        QCOMPARE(Test::await(Services::EventReplay::failedMatching(admin.get(), one)), 0);
        // the agent applies them again: failed again (the books did not change), each attempt counted
        QString err;
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_pending(10000)"_s, &err), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s), qint64(0));
        QCOMPARE(fx.sqlInt(u"SELECT attempts FROM stripe_events WHERE event_id = 'evt_list0005'"_s), qint64(2));
        // every event since a time, whatever its status
        const qint64 sinceUs = fx.sqlInt(u"SELECT (extract(epoch FROM stripe_created_at) * 1000000)::bigint "
                                         "FROM stripe_events WHERE event_id = 'evt_list0220'"_s);
        QCOMPARE(Test::await(Services::EventReplay::since(admin.get(), sinceUs)),
                 int(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE stripe_created_at >= "
                               "(SELECT stripe_created_at FROM stripe_events WHERE event_id = 'evt_list0220')"_s)));
        // ... applied again in one batch transaction (bursar_events_apply_batch: a savepoint and an audit row
        // per event): the same outcome as one by one, every event once with its audit row
        const qint64 pending = fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s);
        QVERIFY(pending >= 10);
        const qint64 eventAudits = fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE entity = 'stripe_event' "
                                             "AND action <> 'stripe_event.replay_requested'"_s);
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_batch(7)"_s, &err), 0); // part of them
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s), pending - 7);
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_batch(10000)"_s, &err), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s), qint64(0));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE entity = 'stripe_event' "
                           "AND action <> 'stripe_event.replay_requested'"_s),
                 eventAudits + pending);
        QCOMPARE(fx.sql(u"SELECT action || ' ' || (before ->> 'processing_status') || ' ' || (after ->> 'error_code') "
                        "FROM audit_log WHERE entity_id = 'evt_list0224' ORDER BY id DESC LIMIT 1"_s),
                 u"stripe_event.failed pending currency_mismatch"_s);
        QCOMPARE(fx.sqlInt(u"SELECT attempts FROM stripe_events WHERE event_id = 'evt_list0224'"_s), qint64(2));
        QVERIFY(fx.sqlAs(u"t_support"_s, u"SELECT bursar_events_apply_batch(10)"_s, &err) != 0);
        QCOMPARE(auditRows(u"t_admin"_s), qint64(4)); // one, the failed of a filter, one evt_ (the processed one asks nothing), since
        // as plain SQL too, and the chain holds every row
        QCOMPARE(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_event_replay_matching(p_type => 'customer.created')"_s, &err),
                 0);
        QCOMPARE(auditRows(u"t_admin"_s), qint64(5));
        QCOMPARE(fx.sql(u"SELECT problem IS NULL FROM bursar_audit_verify()"_s), u"t"_s);
        QCOMPARE(fx.sql(u"SELECT string_agg(processing_status || '=' || n, ',' ORDER BY processing_status) FROM "
                        "(SELECT processing_status, count(*) n FROM stripe_events WHERE event_id LIKE 'evt_list%' GROUP BY 1) t"_s),
                 u"processed=46,failed=92,skipped=92"_s);
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "TestEvents.moc"
