#include "db/Session.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSqlSplit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splits()
    {
        const QString script = uR"SQL(
-- a comment; with a semicolon
CREATE TABLE a (x text DEFAULT 'semi;colon' , "we;ird" int); /* block; /* nested; */ still */
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE NOTICE 'x;y';
  RETURN 1;
END $fn$;
DO $$ BEGIN PERFORM 1; END $$;
SELECT E'it\'s;', 'it''s;', $1;
)SQL"_s;
        const QStringList st = Bursar::Db::Session::splitStatements(script);
        QCOMPARE(st.size(), 4);
        QVERIFY(st.at(0).startsWith(u"CREATE TABLE a"_s));
        QVERIFY(st.at(0).contains(u"'semi;colon'"_s));
        QVERIFY(st.at(1).contains(u"RAISE NOTICE 'x;y';"_s));
        QVERIFY(st.at(1).endsWith(u"END $fn$"_s));
        QCOMPARE(st.at(2), u"DO $$ BEGIN PERFORM 1; END $$"_s);
        QCOMPARE(st.at(3), u"SELECT E'it\\'s;', 'it''s;', $1"_s);
        QVERIFY(Bursar::Db::Session::splitStatements(u"  ;; -- only comments\n"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSqlSplit)
#include "TestSqlSplit.moc"
