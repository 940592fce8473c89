// The status catalogue (Core::Status) against the schema: every value of every status enum that the
// migrations create (CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE) has an entry of its kind, in the
// schema's order, with words and a tone, and the catalogue has nothing the schema lacks. Every enum of the
// schema named *_status or *_state is a kind of the catalogue. (TestMainWindow asks pg_enum the same.)
#include "core/Status.h"
#include "db/Migrations.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Core::Status;
using Core::StatusKind;
using Core::StatusTone;

namespace {
// enum type -> labels in order, from the embedded migrations.
QMap<QString, QStringList> schemaEnums()
{
    QMap<QString, QStringList> enums;
    static const QRegularExpression create(uR"(CREATE\s+TYPE\s+(\w+)\s+AS\s+ENUM\s*\(([^)]*)\))"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression add(
        uR"(ALTER\s+TYPE\s+(\w+)\s+ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?'([^']+)'(?:\s+(BEFORE|AFTER)\s+'([^']+)')?)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression label(u"'([^']*)'"_s);
    static const QRegularExpression comment(u"--[^\n]*"_s);
    for (const Db::Migrations::Migration& m : Db::Migrations::embedded()) {
        QString sql = m.sql;
        sql.remove(comment);
        for (auto it = create.globalMatch(sql); it.hasNext();) {
            const auto match = it.next();
            QStringList labels;
            for (auto l = label.globalMatch(match.captured(2)); l.hasNext();)
                labels << l.next().captured(1);
            enums.insert(match.captured(1), labels);
        }
        for (auto it = add.globalMatch(sql); it.hasNext();) {
            const auto match = it.next();
            QStringList& labels = enums[match.captured(1)];
            const qsizetype at = labels.indexOf(match.captured(4));
            if (at < 0)
                labels << match.captured(2);
            else
                labels.insert(match.captured(3).compare("BEFORE"_L1, Qt::CaseInsensitive) == 0 ? at : at + 1,
                              match.captured(2));
        }
    }
    return enums;
}
} // namespace

class TestStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySchemaValueHasAnEntry()
    {
        const QMap<QString, QStringList> enums = schemaEnums();
        QVERIFY2(enums.contains(u"payment_status"_s), "the migrations could not be read");
        for (StatusKind kind : Status::kinds()) {
            const QString type = Status::enumType(kind);
            if (type.isEmpty())
                continue; // derived by Bursar (WalletCheck), no enum to compare with
            QVERIFY2(enums.contains(type), qPrintable(u"no enum %1 in the schema"_s.arg(type)));
            QCOMPARE(Status::codes(kind), enums.value(type));
        }
    }

    void everyStatusEnumIsAKind()
    {
        QSet<QString> kinds;
        for (StatusKind kind : Status::kinds())
            kinds << Status::enumType(kind);
        const QMap<QString, QStringList> enums = schemaEnums();
        for (auto it = enums.cbegin(); it != enums.cend(); ++it)
            if (it.key().endsWith(u"_status"_s) || it.key().endsWith(u"_state"_s) || it.key().endsWith(u"_kind"_s))
                QVERIFY2(kinds.contains(it.key()), qPrintable(u"%1 has no kind in Core::Status"_s.arg(it.key())));
    }

    void eachEntryHasWordsAndATone()
    {
        QCOMPARE(Status::kinds().size(), 13);
        for (StatusKind kind : Status::kinds()) {
            QVERIFY(!Status::kindName(kind).isEmpty());
            QCOMPARE(Status::kindFromName(Status::kindName(kind)), std::optional<StatusKind>(kind));
            QVERIFY(!Status::entries(kind).isEmpty());
            QSet<QString> seen;
            for (const Status::Entry& e : Status::entries(kind)) {
                QVERIFY2(!seen.contains(e.code), qPrintable(e.code));
                seen << e.code;
                QCOMPARE(e.kind, kind);
                QVERIFY2(!e.text().trimmed().isEmpty(), qPrintable(e.code));
                QVERIFY2(e.text() != e.code, qPrintable(e.code)); // words, not the code
                QVERIFY(!Status::toneName(e.tone).isEmpty());
                QCOMPARE(Status::find(kind, e.code), &e);
            }
        }
    }

    void wordsAndTones()
    {
        QCOMPARE(Status::text(StatusKind::Payment, u"partially_refunded"), u"Part refunded"_s);
        QCOMPARE(Status::text(StatusKind::Dispute, u"warning_needs_response"), u"Inquiry: needs response"_s);
        QCOMPARE(Status::tone(StatusKind::Refund, u"failed"), StatusTone::Bad);
        QCOMPARE(Status::tone(StatusKind::Payment, u"completed"), StatusTone::Good);
        QCOMPARE(Status::tone(StatusKind::Operation, u"needs_attention"), StatusTone::Warning);
        QCOMPARE(Status::tone(StatusKind::Payout, u"in_transit"), StatusTone::Info);
        QCOMPARE(Status::tone(StatusKind::Approval, u"not_required"), StatusTone::Neutral);
        // the same code reads by its kind
        QCOMPARE(Status::tone(StatusKind::Payment, u"pending"), StatusTone::Info);
        // unknown codes (a newer schema) show themselves, neutral
        QCOMPARE(Status::text(StatusKind::Payout, u"exploded"), u"exploded"_s);
        QCOMPARE(Status::tone(StatusKind::Payout, u"exploded"), StatusTone::Neutral);
        QVERIFY(!Status::find(StatusKind::Payout, u"exploded"));
        QVERIFY(!Status::kindFromName(u"nonsense"));
        QCOMPARE(Status::text(StatusKind::LedgerKind, u"refund_clawback"), u"Refund claw-back"_s);
        QCOMPARE(Status::tone(StatusKind::WalletCheck, u"broken"), StatusTone::Bad);
        QCOMPARE(Status::tone(StatusKind::Kyc, u"verified"), StatusTone::Good);
        QVERIFY(Status::enumType(StatusKind::WalletCheck).isEmpty());
    }

    void whatARefundShows()
    {
        // the journal row while the agent has it or a person must look, else the refund's own status
        QCOMPARE(Status::ofRefund(u"not_submitted", u"pending"), Status::find(StatusKind::Operation, u"pending"));
        QCOMPARE(Status::ofRefund(u"failed", u"needs_attention"),
                 Status::find(StatusKind::Operation, u"needs_attention"));
        QCOMPARE(Status::ofRefund(u"pending", u"pending"), Status::find(StatusKind::Refund, u"pending"));
        QCOMPARE(Status::ofRefund(u"succeeded", u"succeeded"), Status::find(StatusKind::Refund, u"succeeded"));
        QCOMPARE(Status::ofRefund(u"not_submitted", u""), Status::find(StatusKind::Refund, u"not_submitted"));
    }
};

QTEST_GUILESS_MAIN(TestStatus)
#include "TestStatus.moc"
