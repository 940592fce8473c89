// Every rule code the migrations raise (HINT 'bursar:<code>') has staff wording in app/db/ErrorCodes.cpp,
// and a database error becomes that wording, never the server's text (CONTEXT, DETAIL, constraint names).
#include "db/Error.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlError>
#include <QTest>

using namespace Qt::StringLiterals;
using Bursar::Db::Error;

class TestErrorCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeTheMigrationsRaiseHasWords()
    {
        QDir dir(QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/migrations"_s);
        QStringList codes;
        static const QRegularExpression re(u"HINT\\s*=\\s*'bursar:([a-z_]+)'"_s);
        for (const QString& name : dir.entryList({u"*.sql"_s})) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString sql = QString::fromUtf8(f.readAll());
            for (auto it = re.globalMatch(sql); it.hasNext();)
                codes << it.next().captured(1);
        }
        codes.removeDuplicates();
        QVERIFY2(codes.size() >= 20, qPrintable(codes.join(u' ')));
        for (const QString& c : codes)
            QVERIFY2(!Error::textForCode(c).isEmpty(), qPrintable(u"no words for bursar:"_s + c));
        QVERIFY(Error::textForCode(u"no_such_code"_s).isEmpty());
    }

    void theServersTextNeverBecomesTheMessage()
    {
        // what QPSQL hands over for a rule failure: libpq's whole message, CONTEXT included
        const QString libpq = u"ERROR:  refund 12 would exceed what is refundable on order ORD-0000042 (buyer "
                              "ann@example.org)\nHINT:  bursar:refund_exceeds_refundable\nCONTEXT:  PL/pgSQL function "
                              "bursar_request_refund(bigint,bigint,refund_reason,text,text) line 40 at RAISE\n(23514)"_s;
        const Error e = Error::fromSqlError(QSqlError(u"QPSQL: Unable to create query"_s, libpq,
                                                      QSqlError::StatementError, u"23514"_s));
        QCOMPARE(e.code(), u"refund_exceeds_refundable"_s);
        QCOMPARE(e.message(), Error::textForCode(u"refund_exceeds_refundable"_s));
        QVERIFY(!e.message().contains(u"CONTEXT"_s));
        QVERIFY(!e.message().contains(u"ann@example.org"_s));
        QVERIFY(e.serverText().startsWith(u"refund 12 would exceed"_s));

        // a failure no rule names: a code for the log, no raw text for people
        const QString raw = u"ERROR:  new row for relation \"operations\" violates check constraint "
                            "\"operations_idempotency_key_check\"\nDETAIL:  Failing row contains (7, refund, abc, ...).\n(23514)"_s;
        const Error c = Error::fromSqlError(QSqlError(u"QPSQL"_s, raw, QSqlError::StatementError, u"23514"_s));
        QVERIFY(c.code().isEmpty());
        QVERIFY2(c.message().contains(u"23514"_s) && !c.message().contains(u"operations_idempotency_key_check"_s)
                     && !c.message().contains(u"Failing row"_s),
                 qPrintable(c.message()));

        // a permission failure without a code
        const Error p = Error::fromSqlError(QSqlError(u"QPSQL"_s, u"ERROR:  permission denied for table orders\n(42501)"_s,
                                                      QSqlError::StatementError, u"42501"_s));
        QCOMPARE(p.kind(), Error::Kind::Permission);
        QCOMPARE(p.message(), u"Your role may not do this."_s);

        // a connection failure keeps libpq's first line: it says what to fix
        const Error n = Error::fromSqlError(QSqlError(u"QPSQL"_s,
                                                      u"connection to server on socket \"/tmp/x/.s.PGSQL.5\" failed: No "
                                                      "such file or directory\n\tIs the server running locally?"_s,
                                                      QSqlError::ConnectionError));
        QVERIFY(n.isConnectionLost());
        QVERIFY2(n.message().contains(u"No such file or directory"_s), qPrintable(n.message()));
    }
};

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "TestErrorCodes.moc"
