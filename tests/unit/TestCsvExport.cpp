// Db::Csv: RFC 4180 fields and records, formula-inert text, microsecond timestamps.
#include "db/CsvExport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar::Db;

class TestCsvExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsAreQuotedAsRfc4180Says()
    {
        QCOMPARE(Csv::field(u"plain"_s), u"plain"_s);
        QCOMPARE(Csv::field(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(Csv::field(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(Csv::field(u"two\nlines"_s), u"\"two\nlines\""_s);
        QCOMPARE(Csv::field(u"cr\rhere"_s), u"\"cr\rhere\""_s);
        QCOMPARE(Csv::field(QString()), QString());
        QCOMPARE(Csv::field(u"Zoë 🚀"_s), u"Zoë 🚀"_s);
    }

    void aFormulaIsMadeInert()
    {
        QCOMPARE(Csv::field(u"=1+1"_s), u"'=1+1"_s);
        QCOMPARE(Csv::field(u"+33 1"_s), u"'+33 1"_s);
        QCOMPARE(Csv::field(u"-2"_s), u"'-2"_s);
        QCOMPARE(Csv::field(u"@SUM(A1)"_s), u"'@SUM(A1)"_s);
        QCOMPARE(Csv::field(u"=a,b"_s), u"\"'=a,b\""_s);
    }

    void recordsEndWithCrLfInUtf8()
    {
        QCOMPARE(Csv::line({u"1"_s, Csv::field(u"a,b"_s), u"-12.50"_s, u"é"_s}), QByteArray("1,\"a,b\",-12.50,\xc3\xa9\r\n"));
        QCOMPARE(Csv::boolean(true), u"true"_s);
        QCOMPARE(Csv::boolean(false), u"false"_s);
    }

    void timestampsKeepMicroseconds()
    {
        QCOMPARE(Csv::timestamp(0), u"1970-01-01T00:00:00.000000Z"_s);
        QCOMPARE(Csv::timestamp(1735787045123456), u"2025-01-02T03:04:05.123456Z"_s);
        QCOMPARE(Csv::timestamp(-1), u"1969-12-31T23:59:59.999999Z"_s);
    }
};

QTEST_GUILESS_MAIN(TestCsvExport)
#include "TestCsvExport.moc"
