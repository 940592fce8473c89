// The demo's Stripe emulator state matches the demo database: `bursar-cli demo-data --emulator-state FILE`
// writes bursar_demo.emulator_state(); the emulator loaded with it answers for the charges, payment
// intents, accounts, refunds, disputes, transfers and payouts the database holds, with the same amounts and
// statuses, and the Bursar Stripe parsers accept every object it returns.

#include "../stripe/EmulatorHarness.h"
#include "TestSupport.h"

#include "stripe/StripeObjects.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {

// psql -tA output: one row per line, columns separated by '|'.
QList<QStringList> rows(const QString& out)
{
    QList<QStringList> r;
    for (const QString& line : out.split(u'\n', Qt::SkipEmptyParts))
        r.append(line.split(u'|'));
    return r;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// A Postgres text[] literal from psql ("{a,b}") as a sorted list.
QStringList pgArray(QString s)
{
    s = s.mid(1, s.size() - 2);
    QStringList out = s.isEmpty() ? QStringList() : s.split(u',');
    for (QString& x : out)
        x.remove(u'"');
    out.sort();
    return out;
}

} // namespace

class TestDemoState final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_statePath;
    QJsonObject m_state;
    Test::Emulator m_emu;

    QString q(const QString& sql) { return Test::psql(m_db, sql); }

    // Every order whose charge and payment intent the state carries (resources/sql/README.md).
    static QString inStateCondition()
    {
        return u"(o.created_at >= (SELECT max(created_at) FROM orders) - interval '30 days' "
               "OR o.payment_status IN ('pending', 'held') OR o.has_dispute "
               "OR o.id IN (SELECT order_id FROM refunds WHERE created_at >= (SELECT max(created_at) FROM orders) - interval '30 days' "
               "            OR status IN ('not_submitted', 'pending', 'requires_action', 'failed', 'canceled')))"_s;
    }
    // Every transfer and payout the state carries.
    static QString payoutInStateCondition()
    {
        return u"(po.created_at >= (SELECT max(created_at) FROM orders) - interval '30 days' "
               "OR po.status IN ('pending', 'in_transit'))"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto config = Test::createDatabase(u"demostate"_s);
        m_db = config.database;
        const QString dsn = u"host=%1 port=%2 user=%3 dbname=%4"_s.arg(config.host).arg(config.port).arg(config.user,
                                                                                                          config.database);
        m_statePath = m_dir.filePath(u"emulator-state.json"_s);
        QProcess cli;
        cli.start(QStringLiteral(BURSAR_CLI_PATH), {u"--db"_s, dsn, u"demo-data"_s, u"--orders"_s, u"3000"_s, u"--sellers"_s,
                                                   u"40"_s, u"--seed"_s, u"3"_s, u"--emulator-state"_s, m_statePath});
        QVERIFY(cli.waitForFinished(300000));
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 cli.readAllStandardError().constData());
        QVERIFY(cli.readAllStandardOutput().contains("Wrote the Stripe emulator state"));

        QFile f(m_statePath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError pe;
        m_state = QJsonDocument::fromJson(f.readAll(), &pe).object();
        QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
        QCOMPARE(m_state.value("version"_L1).toInt(), 1);

        QVERIFY(m_emu.start({u"--state"_s, m_statePath}));
    }

    void stateHoldsWhatTheRuleSays()
    {
        const QJsonObject objects = m_state.value("objects"_L1).toObject();
        auto count = [&](const char* type) { return objects.value(QLatin1StringView(type)).toArray().size(); };
        QCOMPARE(count("account"), q(u"SELECT count(*) FROM sellers WHERE stripe_account_id IS NOT NULL"_s).toLongLong());
        QCOMPARE(count("refund"), q(u"SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id "
                                    "WHERE r.stripe_refund_id IS NOT NULL AND "_s + inStateCondition())
                                      .toLongLong());
        QCOMPARE(count("dispute"), q(u"SELECT count(*) FROM disputes"_s).toLongLong());
        QCOMPARE(count("transfer"), q(u"SELECT count(*) FROM payouts po WHERE stripe_transfer_id IS NOT NULL AND "_s
                                      + payoutInStateCondition())
                                        .toLongLong());
        QCOMPARE(count("payout"), q(u"SELECT count(*) FROM payouts po WHERE stripe_payout_id IS NOT NULL AND "_s
                                    + payoutInStateCondition())
                                      .toLongLong());
        QCOMPARE(count("payment_intent"),
                 q(u"SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE "_s + inStateCondition())
                     .toLongLong());
        QCOMPARE(count("charge"), q(u"SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                    "WHERE p.charge_id IS NOT NULL AND "_s + inStateCondition())
                                      .toLongLong());
        QVERIFY(count("dispute") > 0);
        QVERIFY(count("refund") > 0);
        QVERIFY(count("payout") > 0);
        // older settled orders without a recent refund or a dispute are left out: the emulator does not know them
        const QString old = q(u"SELECT p.charge_id FROM payments p JOIN orders o ON o.id = p.order_id "
                              "WHERE p.charge_id IS NOT NULL AND NOT "_s + inStateCondition() + u" ORDER BY p.id LIMIT 1"_s);
        QVERIFY(!old.isEmpty());
        const auto r = m_emu.get(u"/v1/charges/"_s + old);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errCode(), u"resource_missing"_s);
    }

    void chargesAndPaymentIntentsMatch()
    {
        // every payment status, then a spread of the rest
        const auto sample = rows(q(
            u"(SELECT DISTINCT ON (p.status) p.charge_id, p.payment_intent_id, p.amount, p.amount_captured, lower(p.currency), "
            "        p.status, o.public_id, o.has_dispute FROM payments p JOIN orders o ON o.id = p.order_id "
            "  WHERE "_s + inStateCondition() + u" ORDER BY p.status, p.id) "
            "UNION ALL "
            "(SELECT p.charge_id, p.payment_intent_id, p.amount, p.amount_captured, lower(p.currency), p.status, o.public_id, "
            "        o.has_dispute FROM payments p JOIN orders o ON o.id = p.order_id "
            "  WHERE "_s + inStateCondition() + u" AND p.id % 3 = 0 ORDER BY p.id LIMIT 40)"_s));
        QVERIFY(sample.size() >= 20);
        QSet<QString> statuses;
        for (const QStringList& row : sample) {
            const QString& chargeId = row[0];
            const QString& piId = row[1];
            const QString& status = row[5];
            statuses.insert(status);
            const auto pi = m_emu.get(u"/v1/payment_intents/"_s + piId);
            QVERIFY2(pi.status == 200, pi.body.constData());
            const auto parsedPi = Stripe::parsePaymentIntent(pi.json);
            QVERIFY2(parsedPi.ok(), qPrintable(piId + u": "_s + parsedPi.error));
            QCOMPARE(parsedPi->status, status);
            QCOMPARE(parsedPi->amount.minor(), row[2].toLongLong());
            QCOMPARE(parsedPi->amountReceived.minor(), row[3].toLongLong());
            QCOMPARE(parsedPi->metadata.value(u"order_id"_s), row[6]);
            if (chargeId.isEmpty()) { // 3-D Secure challenge not completed: no charge yet
                QCOMPARE(status, u"requires_action"_s);
                QVERIFY(!parsedPi->latestCharge);
                continue;
            }
            QCOMPARE(parsedPi->latestCharge.value_or(QString()), chargeId);
            const auto ch = m_emu.get(u"/v1/charges/"_s + chargeId);
            QVERIFY2(ch.status == 200, ch.body.constData());
            const auto c = Stripe::parseCharge(ch.json);
            QVERIFY2(c.ok(), qPrintable(chargeId + u": "_s + c.error));
            QCOMPARE(c->amount.minor(), row[2].toLongLong());
            QCOMPARE(c->amountCaptured.minor(), row[3].toLongLong());
            QCOMPARE(c->amount.currency().code().toLower(), row[4]);
            QCOMPARE(c->captured, status == "succeeded"_L1);
            QCOMPARE(c->status, status == "requires_payment_method"_L1 ? u"failed"_s : u"succeeded"_s);
            QCOMPARE(c->paymentIntent.value_or(QString()), piId);
            QCOMPARE(c->metadata.value(u"order_id"_s), row[6]);
            QCOMPARE(c->disputed, row[7] == "t"_L1);
            if (status == "succeeded"_L1) // the emulator derives the balance transaction on load
                QVERIFY(c->balanceTransaction.has_value());
        }
        for (const char* s : {"succeeded", "requires_capture"})
            QVERIFY2(statuses.contains(QLatin1StringView(s)), s);
    }

    void accountsMatch()
    {
        const auto sellers = rows(q(
            u"SELECT stripe_account_id, charges_enabled, payouts_enabled, details_submitted, requirements_currently_due, "
            "       requirements_past_due, requirements_pending_verification, coalesce(disabled_reason, ''), country, "
            "       lower(default_currency), name, kyc_state FROM sellers WHERE stripe_account_id IS NOT NULL ORDER BY id"_s));
        QVERIFY(sellers.size() >= 30);
        QSet<QString> kyc;
        for (const QStringList& row : sellers) {
            const auto r = m_emu.get(u"/v1/accounts/"_s + row[0]);
            QVERIFY2(r.status == 200, r.body.constData());
            const auto a = Stripe::parseAccount(r.json);
            QVERIFY2(a.ok(), qPrintable(row[0] + u": "_s + a.error));
            QVERIFY(a->requirements.has_value());
            QCOMPARE(a->chargesEnabled, row[1] == "t"_L1);
            QCOMPARE(a->payoutsEnabled, row[2] == "t"_L1);
            QCOMPARE(a->detailsSubmitted, row[3] == "t"_L1);
            QCOMPARE(sorted(a->requirements->currentlyDue).join(u','), pgArray(row[4]).join(u','));
            QCOMPARE(sorted(a->requirements->pastDue).join(u','), pgArray(row[5]).join(u','));
            QCOMPARE(sorted(a->requirements->pendingVerification).join(u','), pgArray(row[6]).join(u','));
            QCOMPARE(a->requirements->disabledReason.value_or(QString()), row[7]);
            QCOMPARE(a->country.value_or(QString()), row[8]);
            QCOMPARE(a->defaultCurrency.value_or(QString()), row[9]);
            QVERIFY(a->type == u"custom"_s || a->type == u"express"_s);
            QCOMPARE(r.json.value("business_profile"_L1).toObject().value("name"_L1).toString(), row[10]);
            QCOMPARE(a->capabilities.value(u"card_payments"_s) == u"active"_s, row[1] == "t"_L1);
            QCOMPARE(a->capabilities.value(u"transfers"_s) == u"active"_s, row[2] == "t"_L1);
            for (const QString& due : a->requirements->currentlyDue) // Stripe: eventually_due ⊇ currently_due
                QVERIFY(a->requirements->eventuallyDue.contains(due));
            kyc.insert(row[11]);
        }
        QVERIFY2(kyc.size() >= 4, qPrintable(QStringList(kyc.begin(), kyc.end()).join(u',')));
    }

    void disputesMatch()
    {
        const auto disputes = rows(q(
            u"SELECT d.stripe_dispute_id, d.amount, lower(d.currency), d.status, d.reason, p.charge_id, "
            "       extract(epoch FROM d.evidence_due_by)::bigint, d.evidence_submitted_at IS NOT NULL "
            "  FROM disputes d JOIN payments p ON p.id = d.payment_id ORDER BY d.created_at DESC, d.id DESC"_s));
        QVERIFY(!disputes.isEmpty());
        for (const QStringList& row : disputes) {
            const auto r = m_emu.get(u"/v1/disputes/"_s + row[0]);
            QVERIFY2(r.status == 200, r.body.constData());
            const auto d = Stripe::parseDispute(r.json);
            QVERIFY2(d.ok(), qPrintable(row[0] + u": "_s + d.error));
            QCOMPARE(d->amount.minor(), row[1].toLongLong());
            QCOMPARE(d->amount.currency().code().toLower(), row[2]);
            QCOMPARE(d->status, row[3]);
            QCOMPARE(d->reason, row[4]);
            QCOMPARE(d->charge, row[5]);
            QCOMPARE(d->evidenceDetails.dueBy.value_or(QDateTime()).toSecsSinceEpoch(), row[6].toLongLong());
            QCOMPARE(d->evidenceDetails.hasEvidence, row[7] == "t"_L1);
            QCOMPARE(d->isChargeRefundable, row[3].startsWith("warning"_L1));
        }
        // newest first, as the database orders them
        const auto list = m_emu.get(u"/v1/disputes?limit=3"_s);
        QCOMPARE(list.status, 200);
        const QJsonArray data = list.data();
        QCOMPARE(data.size(), qMin<qsizetype>(3, disputes.size()));
        for (qsizetype i = 0; i < data.size(); ++i)
            QCOMPARE(data.at(i).toObject().value("id"_L1).toString(), disputes.at(i).at(0));
    }

    void refundsMatch()
    {
        const auto refunds = rows(q(u"SELECT r.stripe_refund_id, r.amount, r.status, p.charge_id, r.reason, r.id, r.order_id, "
                                    "       (SELECT max(op.id) FROM operations op WHERE op.refund_id = r.id AND op.kind = 'refund') "
                                    "  FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = r.order_id "
                                    " WHERE r.stripe_refund_id IS NOT NULL AND "_s + inStateCondition() + u" ORDER BY r.id"_s));
        QVERIFY(!refunds.isEmpty());
        for (const QStringList& row : refunds) {
            const auto r = m_emu.get(u"/v1/refunds/"_s + row[0]);
            QVERIFY2(r.status == 200, r.body.constData());
            const auto f = Stripe::parseRefund(r.json);
            QVERIFY2(f.ok(), qPrintable(row[0] + u": "_s + f.error));
            QCOMPARE(f->amount.minor(), row[1].toLongLong());
            if (row[2] != "pending"_L1) // pending refunds settle in the emulator, as on Stripe
                QCOMPARE(f->status.value_or(QString()), row[2]);
            QCOMPARE(f->charge.value_or(QString()), row[3]);
            QCOMPARE(f->reason.value_or(QString()), row[4]);
            // the metadata RefundService writes (recovery finds refunds by bursar_operation)
            QCOMPARE(f->metadata.value(u"bursar_refund"_s), row[5]);
            QCOMPARE(f->metadata.value(u"bursar_order"_s), row[6]);
            QCOMPARE(f->metadata.value(u"bursar_operation"_s), row[7]);
        }
        // a fully refunded charge is refunded on the emulator too
        const QString full = q(u"SELECT p.charge_id FROM orders o JOIN payments p ON p.order_id = o.id "
                               "WHERE o.payment_status = 'refunded' AND "_s + inStateCondition() + u" ORDER BY o.id LIMIT 1"_s);
        if (!full.isEmpty()) {
            const auto c = Stripe::parseCharge(m_emu.get(u"/v1/charges/"_s + full).json);
            QVERIFY2(c.ok(), qPrintable(c.error));
            QVERIFY(c->refunded);
            QCOMPARE(c->amountRefunded.minor(), c->amountCaptured.minor());
        }
    }

    void transfersAndPayoutsMatch()
    {
        const auto payouts = rows(q(u"SELECT po.stripe_transfer_id, coalesce(po.stripe_payout_id, ''), po.amount, po.fee, "
                                    "       po.status, s.stripe_account_id FROM payouts po JOIN sellers s ON s.id = po.seller_id "
                                    " WHERE "_s + payoutInStateCondition() + u" ORDER BY po.id LIMIT 60"_s));
        QVERIFY(!payouts.isEmpty());
        for (const QStringList& row : payouts) {
            const auto t = m_emu.get(u"/v1/transfers/"_s + row[0]);
            QVERIFY2(t.status == 200, t.body.constData());
            const auto tr = Stripe::parseTransfer(t.json);
            QVERIFY2(tr.ok(), qPrintable(row[0] + u": "_s + tr.error));
            QCOMPARE(tr->amount.minor(), row[2].toLongLong());
            QCOMPARE(tr->destination.value_or(QString()), row[5]);
            if (row[1].isEmpty())
                continue; // canceled before it was sent: no Stripe payout
            // payouts live on the connected account
            QCOMPARE(m_emu.get(u"/v1/payouts/"_s + row[1]).status, 404);
            const auto p = m_emu.request("GET", u"/v1/payouts/"_s + row[1], {}, {{"Stripe-Account", row[5].toUtf8()}});
            QVERIFY2(p.status == 200, p.body.constData());
            const auto po = Stripe::parsePayout(p.json);
            QVERIFY2(po.ok(), qPrintable(row[1] + u": "_s + po.error));
            QCOMPARE(po->amount.minor(), row[2].toLongLong() - row[3].toLongLong());
            if (row[4] == "paid"_L1 || row[4] == "failed"_L1) // pending / in_transit ones move on
                QCOMPARE(po->status, row[4]);
        }
    }

    void cleanupTestCase()
    {
        m_emu.stop();
        if (!m_db.isEmpty())
            Test::dropDatabase(m_db);
    }
};

QTEST_GUILESS_MAIN(TestDemoState)
#include "TestDemoState.moc"
