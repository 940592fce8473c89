// ConnectionConfig: parsing BURSAR_DB the way libpq does (keyword=value strings and postgresql:// URIs),
// refusing what is incomplete or ambiguous, and handing the QPSQL driver values that cannot carry
// further keywords (issue 11, item 4).
#include "db/ConnectionConfig.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {

Db::ConnectionConfig parsed(const QString& text)
{
    QString error;
    auto c = Db::ConnectionConfig::parse(text, &error);
    if (!error.isEmpty())
        qWarning("unexpected error for %s: %s", qPrintable(text), qPrintable(error));
    return c;
}

QString errorFor(const QString& text)
{
    QString error;
    Db::ConnectionConfig::parse(text, &error);
    return error;
}

// What QPSQLDriver::open() hands PQconnectdb() (qtbase src/plugins/sqldrivers/psql/qsql_psql.cpp):
// host, dbname, user and password through qQuote(), the port, then the connect options with every
// ';' replaced by ' '. A model of the driver, to read the result back with libpq's rules.
QString qQuote(QString s)
{
    s.replace(u'\\', u"\\\\"_s);
    s.replace(u'\'', u"\\'"_s);
    return u'\'' + s + u'\'';
}

QString driverConnectString(const Db::ConnectionConfig& c)
{
    QString s;
    if (!c.host.isEmpty())
        s += u"host="_s + qQuote(c.host);
    if (!c.database.isEmpty())
        s += u" dbname="_s + qQuote(c.database);
    if (!c.user.isEmpty())
        s += u" user="_s + qQuote(c.user);
    if (!c.password.isEmpty())
        s += u" password="_s + qQuote(c.password);
    s += u" port="_s + qQuote(QString::number(c.port));
    QString opt = c.connectOptions();
    if (!opt.isEmpty())
        s += u' ' + opt.replace(u';', u' ');
    return s;
}

} // namespace

class TestConnectionConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The string from the issue: sslmode's quoted value is one value, and not a valid sslmode.
    void injectedKeywordIsAValueNotAKeyword()
    {
        const QString text = u"host=/tmp dbname=demo user=demo_viewer sslmode='prefer user=demo_admin'"_s;
        const QString error = errorFor(text);
        QVERIFY2(error.contains(u"sslmode"_s), qPrintable(error));
        QVERIFY2(error.contains(u"\"prefer user=demo_admin\""_s), qPrintable(error));
        QVERIFY2(error.contains(u"verify-full"_s), qPrintable(error)); // says what to write instead
        // The unquoted spelling: a second user= is refused, not "last one wins".
        const QString twice = errorFor(u"host=/tmp dbname=demo user=demo_viewer sslmode=prefer user=demo_admin"_s);
        QVERIFY2(twice.contains(u"\"user\" is given more than once"_s), qPrintable(twice));
        QVERIFY2(!twice.contains(u"demo_admin"_s), qPrintable(twice));
        QVERIFY(!errorFor(u"postgresql://demo_viewer@h/demo?user=demo_admin"_s).isEmpty());
        QVERIFY(!errorFor(u"postgresql://u@h/d?sslmode=require&ssl=true"_s).isEmpty());
    }

    // Values set in code (not through parse) are quoted too: they reach libpq as one value.
    void connectOptionsAreQuoted()
    {
        Db::ConnectionConfig c = parsed(u"host=/tmp dbname=demo user=demo_viewer sslmode=require"_s);
        QCOMPARE(c.connectOptions(), u"connect_timeout='5';sslmode='require'"_s);
        c.options.insert(u"sslmode"_s, u"prefer user=demo_admin"_s);
        c.options.insert(u"sslrootcert"_s, u"/etc/it's \\here.pem"_s);
        QCOMPARE(c.connectOptions(),
                 u"connect_timeout='5';sslmode='prefer user=demo_admin';sslrootcert='/etc/it\\'s \\\\here.pem'"_s);
        const QString conninfo = driverConnectString(c);
        QCOMPARE(conninfo.count(u"user="_s), 2); // user='demo_viewer' and the text inside sslmode's quotes
        QVERIFY2(conninfo.contains(u" user='demo_viewer' "_s), qPrintable(conninfo));
        QVERIFY2(conninfo.contains(u" sslmode='prefer user=demo_admin' "_s), qPrintable(conninfo));
        // A keyword with its own setter, put into options in code, is not passed on.
        c.options.insert(u"user"_s, u"demo_admin"_s);
        c.options.insert(u"options"_s, u"-c role=bursar_admin"_s);
        c.options.insert(u"passfile"_s, u"/a;user=demo_admin"_s); // the driver would turn ';' into ' '
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring the connection option \"user\""_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring the connection option \"options\""_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring the connection option \"passfile\""_s));
        QCOMPARE(c.connectOptions(),
                 u"connect_timeout='5';sslmode='prefer user=demo_admin';sslrootcert='/etc/it\\'s \\\\here.pem'"_s);
    }

    // Everything the driver receives reads back, with libpq's rules, as the values that were set.
    void driverStringReadsBackAsTheSameValues()
    {
        Db::ConnectionConfig c;
        c.host = u"/tmp/my sock'\\dir"_s;
        c.port = 6543;
        c.database = u"my 'db' user=admin"_s;
        c.user = u"o'brien x\\"_s;
        c.password = u"p'w \\' user=demo_admin"_s;
        c.options.insert(u"sslmode"_s, u"verify-full"_s);
        c.options.insert(u"sslrootcert"_s, u"/certs/it's here.pem"_s);
        c.options.insert(u"connect_timeout"_s, u"7"_s);
        const QString conninfo = driverConnectString(c);
        QString error;
        const auto back = Db::ConnectionConfig::parse(conninfo, &error); // a duplicate keyword would be refused
        QVERIFY2(error.isEmpty(), qPrintable(QString(error + u" in "_s + conninfo)));
        QCOMPARE(back.host, c.host);
        QCOMPARE(back.port, c.port);
        QCOMPARE(back.database, c.database);
        QCOMPARE(back.user, c.user);
        QCOMPARE(back.password, c.password);
        QCOMPARE(back.options, c.options);
    }

    // The same, through the real QPSQL driver and libpq (nothing listens: libpq stops before connecting,
    // or at the missing socket).
    void qpsqlDriverTakesQuotedValuesWhole()
    {
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
            QSKIP("the QPSQL driver is not installed");
        qputenv("LANGUAGE", "C"); // libpq's messages in English
        qunsetenv("PGSSLMODE");
        Db::ConnectionConfig c = parsed(u"host='/nonexistent/bursar test\\'s dir' dbname=demo user=demo_viewer"_s);
        c.options.insert(u"sslmode"_s, u"prefer user=demo_admin"_s); // as if set in code, past parse()'s check
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"quoting"_s);
            db.setHostName(c.host);
            db.setPort(c.port);
            db.setDatabaseName(c.database);
            db.setUserName(c.user);
            db.setPassword(u"it's a secret"_s);
            db.setConnectOptions(c.connectOptions());
            QVERIFY(!db.open());
            QVERIFY2(db.lastError().text().contains(u"invalid sslmode value: \"prefer user=demo_admin\""_s),
                     qPrintable(db.lastError().text()));
            c.options.insert(u"sslmode"_s, u"disable"_s);
            db.setConnectOptions(c.connectOptions());
            QVERIFY(!db.open());
            QVERIFY2(db.lastError().text().contains(u"/nonexistent/bursar test's dir/.s.PGSQL.5432"_s),
                     qPrintable(db.lastError().text()));
        }
        QSqlDatabase::removeDatabase(u"quoting"_s);
    }

    void incompleteIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << u""_s << u"BURSAR_DB"_s;
        QTest::newRow("blank") << u"  \t "_s << u"BURSAR_DB"_s;
        QTest::newRow("bare URL") << u"postgresql://"_s << u"no database and no user"_s;
        QTest::newRow("bare postgres URL") << u"postgres://"_s << u"no database and no user"_s;
        QTest::newRow("host=") << u"host="_s << u"\"host\" needs a value"_s;
        QTest::newRow("host= at the end") << u"dbname=d user=u host="_s << u"\"host\" needs a value"_s;
        QTest::newRow("empty quoted") << u"dbname=d user=''"_s << u"\"user\" needs a value"_s;
        QTest::newRow("host only") << u"host=localhost"_s << u"no database and no user"_s;
        QTest::newRow("no user") << u"dbname=x"_s << u"names no user: add user="_s;
        QTest::newRow("no dbname") << u"user=x"_s << u"names no database: add dbname="_s;
        QTest::newRow("URL without user") << u"postgresql://db.example/books"_s << u"names no user"_s;
        QTest::newRow("URL without dbname") << u"postgresql://ann@db.example"_s << u"names no database"_s;
        QTest::newRow("URL with empty dbname") << u"postgresql://ann@db.example/"_s << u"names no database"_s;
        QTest::newRow("URL with empty query value") << u"postgresql://a@h/d?sslmode="_s << u"\"sslmode\" needs a value"_s;
    }
    void incompleteIsRefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString error;
        const auto c = Db::ConnectionConfig::parse(text, &error);
        QVERIFY2(error.contains(says), qPrintable(error));
        QVERIFY(c.user.isEmpty() && c.database.isEmpty());
    }

    void keywordValueRules()
    {
        // Blanks around '=', quoted values with \' and \\, a backslash in an unquoted value.
        auto c = parsed(u"host = '/tmp/my sock'  dbname= 'a b'\tuser =o\\'brien password='x\\\\y \\'z'"_s);
        QCOMPARE(c.host, u"/tmp/my sock"_s);
        QCOMPARE(c.database, u"a b"_s);
        QCOMPARE(c.user, u"o'brien"_s);
        QCOMPARE(c.password, u"x\\y 'z"_s);
        c = parsed(u"user=a\\ b dbname='x\\'y'port=5433"_s); // libpq needs no blank after a closing quote
        QCOMPARE(c.user, u"a b"_s);
        QCOMPARE(c.database, u"x'y"_s);
        QCOMPARE(c.port, 5433);
        c = parsed(u"dbname=a=b user=u"_s);
        QCOMPARE(c.database, u"a=b"_s);
        QCOMPARE(c.host, QString()); // host may be left out: PGHOST or the local socket
        // The old messages, word for word (they are translated).
        QCOMPARE(errorFor(u"host=localhost port"_s),
                 u"The database connection string is malformed: \"port\" needs a value: write port=value."_s);
        QCOMPARE(errorFor(u"host='localhost"_s),
                 u"The database connection string is malformed: The quoted value of \"host\" is not closed."_s);
        QVERIFY(errorFor(u"dbname=d user='a\\'"_s).contains(u"not closed"_s));
    }

    void uriRules()
    {
        auto c = parsed(u"postgresql://al%40ice:p%40ss%3Aw%2Fd@db.example:6543/bo%20oks?sslmode=require&connect_timeout=9"_s);
        QCOMPARE(c.user, u"al@ice"_s);
        QCOMPARE(c.password, u"p@ss:w/d"_s);
        QCOMPARE(c.host, u"db.example"_s);
        QCOMPARE(c.port, 6543);
        QCOMPARE(c.database, u"bo oks"_s);
        QCOMPARE(c.options.value(u"sslmode"_s), u"require"_s);
        QCOMPARE(c.options.value(u"connect_timeout"_s), u"9"_s);
        c = parsed(u"postgresql://ann:s3cret@db.example:6543/books?sslmode=require"_s);
        QCOMPARE(c.password, u"s3cret"_s);
        QCOMPARE(c.options.value(u"sslmode"_s), u"require"_s);
        c = parsed(u"postgresql://bob@%2Ftmp%2Fsock/db"_s);
        QCOMPARE(c.host, u"/tmp/sock"_s);
        QCOMPARE(c.port, 5432);
        c = parsed(u"postgres://[::1]:5433/db?user=x"_s);
        QCOMPARE(c.host, u"::1"_s);
        QCOMPARE(c.port, 5433);
        QCOMPARE(c.user, u"x"_s);
        c = parsed(u"postgresql:///d?host=%2Ftmp&user=u&application_name=bursar%20test"_s);
        QCOMPARE(c.host, u"/tmp"_s);
        QCOMPARE(c.applicationName, u"bursar test"_s);
        c = parsed(u"postgresql://u@h/d?ssl=true"_s);
        QCOMPARE(c.options.value(u"sslmode"_s), u"require"_s);
        c = parsed(u"postgresql://j%C3%B6rg+x@h/d"_s); // UTF-8; '+' is a plus, as in libpq
        QCOMPARE(c.user, u"jörg+x"_s);

        QVERIFY(errorFor(u"postgresql://u%zz@h/d"_s).contains(u"The user in the URL"_s));
        QVERIFY(errorFor(u"postgresql://u:p%4@h/d"_s).contains(u"The password in the URL"_s));
        QVERIFY(errorFor(u"postgresql://u:p%00x@h/d"_s).contains(u"NUL"_s));
        QVERIFY(!errorFor(u"postgresql://u@h/d%FF"_s).isEmpty()); // not UTF-8
        QVERIFY(errorFor(u"postgresql://u@h/d?a=b=c"_s).contains(u"second \"=\""_s));
        QVERIFY(errorFor(u"postgresql://u@h/d?sslmode"_s).contains(u"\"sslmode\" needs a value"_s));
        QVERIFY(!errorFor(u"postgresql://[bad"_s).isEmpty());
        QVERIFY(!errorFor(u"postgresql://u@[]/d"_s).isEmpty());
        QVERIFY(!errorFor(u"postgresql://u@[::1]x/d"_s).isEmpty());
        QVERIFY(errorFor(u"postgresql://u@h:54x/d"_s).contains(u"port"_s));
    }

    void unknownAndUnsupportedKeywords()
    {
        QString error = errorFor(u"hots=localhost dbname=d user=u"_s);
        QVERIFY2(error.contains(u"\"hots\""_s), qPrintable(error));
        error = errorFor(u"postgresql://u@h/d?hots=x"_s);
        QVERIFY2(error.contains(u"\"hots\""_s), qPrintable(error));
        error = errorFor(u"Host=h dbname=d user=u"_s); // keywords are case-sensitive, as in libpq
        QVERIFY2(error.contains(u"\"Host\""_s), qPrintable(error));
        error = errorFor(u"dbname=d user=u options='-c role=bursar_admin'"_s);
        QVERIFY2(error.contains(u"\"options\" is not supported"_s), qPrintable(error));
        error = errorFor(u"service=prod dbname=d user=u"_s);
        QVERIFY2(error.contains(u"\"service\" is not supported"_s), qPrintable(error));
    }

    void valuesAreChecked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        const QString base = u"dbname=d user=u "_s;
        QTest::newRow("port abc") << QString(base + u"port=abc"_s) << u"port \"abc\""_s;
        QTest::newRow("port 0") << QString(base + u"port=0"_s) << u"port \"0\""_s;
        QTest::newRow("port 70000") << QString(base + u"port=70000"_s) << u"port \"70000\""_s;
        QTest::newRow("port +5") << QString(base + u"port=+5"_s) << u"port \"+5\""_s;
        QTest::newRow("sslmode") << QString(base + u"sslmode=on"_s) << u"\"on\" is not a valid sslmode"_s;
        QTest::newRow("channel_binding") << QString(base + u"channel_binding=yes"_s) << u"valid channel_binding"_s;
        QTest::newRow("target_session_attrs") << QString(base + u"target_session_attrs=rw"_s) << u"valid target_session_attrs"_s;
        QTest::newRow("keepalives") << QString(base + u"keepalives=2"_s) << u"valid keepalives"_s;
        QTest::newRow("connect_timeout abc") << QString(base + u"connect_timeout=abc"_s) << u"connect_timeout \"abc\""_s;
        QTest::newRow("connect_timeout 0") << QString(base + u"connect_timeout=0"_s) << u"connect_timeout \"0\""_s;
        QTest::newRow("keepalives_idle") << QString(base + u"keepalives_idle='1 x'"_s) << u"keepalives_idle"_s;
        QTest::newRow("hostaddr") << QString(base + u"hostaddr='1.2.3.4 user=x'"_s) << u"hostaddr"_s;
        QTest::newRow("application_name quote") << QString(base + u"application_name='a\\'b'"_s) << u"application_name"_s;
        QTest::newRow("application_name long") << QString(base + u"application_name="_s + QString(64, u'a'))
                                               << u"application_name"_s;
        QTest::newRow("sslrootcert ;") << QString(base + u"sslrootcert='/a;user=x'"_s) << u"\";\""_s;
        QTest::newRow("line break") << u"dbname=d user='u\nx'"_s << u"control character"_s;
        QTest::newRow("NUL in password") << QString(u"dbname=d user=u password='a"_s + QChar(u'\0') + u"b'"_s)
                                         << u"control character"_s;
    }
    void valuesAreChecked()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const QString error = errorFor(text);
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void validOptions()
    {
        const auto c = parsed(u"host=db port=6543 dbname=d user=u sslmode=verify-full sslrootcert='/etc/my certs/ca.pem' "
                              "connect_timeout=12 target_session_attrs=read-write keepalives=1 keepalives_idle=30 "
                              "channel_binding=require hostaddr=10.0.0.1 application_name='bursar (ops)'"_s);
        QCOMPARE(c.options.value(u"sslmode"_s), u"verify-full"_s);
        QCOMPARE(c.options.value(u"sslrootcert"_s), u"/etc/my certs/ca.pem"_s);
        QCOMPARE(c.options.value(u"connect_timeout"_s), u"12"_s);
        QCOMPARE(c.options.value(u"hostaddr"_s), u"10.0.0.1"_s);
        QCOMPARE(c.applicationName, u"bursar (ops)"_s);
        QVERIFY(!c.options.contains(u"application_name"_s)); // set by Database after connecting
        QCOMPARE(c.options.size(), 8);
        // A password with a control character (other than NUL) is the user's business.
        QCOMPARE(parsed(u"dbname=d user=u password='a\tb'"_s).password, u"a\tb"_s);
        // connect_timeout defaults to 5 seconds.
        QCOMPARE(parsed(u"dbname=d user=u"_s).options.value(u"connect_timeout"_s), u"5"_s);
    }

    void passwordIsNeverShown()
    {
        for (const QString& text : {u"postgresql://ann:s3cret@db.example:6543/books?sslmode=require"_s,
                                    u"host=/tmp/x port=5433 user=bob password='s3cret b\\'c' dbname=d"_s}) {
            const auto c = parsed(text);
            QVERIFY(c.password.startsWith(u"s3cret"_s));
            QVERIFY2(!c.redacted().contains(u"s3cret"_s), qPrintable(c.redacted()));
            QVERIFY(c.redacted().contains(u"password=********"_s));
            QVERIFY(!c.displayName().contains(u"s3cret"_s));
            QVERIFY(!c.connectOptions().contains(u"s3cret"_s));
        }
        // Messages about the password name it, never its value.
        QVERIFY(!errorFor(u"postgresql://u:s3cret%zz@h/d"_s).contains(u"s3cret"_s));
        QVERIFY(!errorFor(u"dbname=d user=u password=s3cret password=other"_s).contains(u"s3cret"_s));
    }

    void redactedReadsBack()
    {
        const auto c = parsed(u"host='/tmp/my sock' port=5433 dbname='my db' user=o\\'brien sslmode=require "
                              "sslrootcert='/a b/c.pem'"_s);
        QCOMPARE(c.redacted(), u"host='/tmp/my sock' port=5433 dbname='my db' user='o\\'brien' connect_timeout=5 "
                               "sslmode=require sslrootcert='/a b/c.pem'"_s);
        const auto back = parsed(c.redacted());
        QCOMPARE(back.host, c.host);
        QCOMPARE(back.database, c.database);
        QCOMPARE(back.user, c.user);
        QCOMPARE(back.options, c.options);
        // No host: the string leaves it out rather than writing host= (which parse() refuses).
        QVERIFY(!parsed(u"dbname=d user=u"_s).redacted().contains(u"host"_s));
    }

    void displayName()
    {
        QCOMPARE(parsed(u"host=/tmp/x port=5433 dbname=demo user=bursar"_s).displayName(), u"bursar@/tmp/x:5433/demo"_s);
        QCOMPARE(parsed(u"hostaddr=10.0.0.1 dbname=demo user=bursar"_s).displayName(), u"bursar@10.0.0.1:5432/demo"_s);
        const QByteArray pghost = qgetenv("PGHOST");
        qputenv("PGHOST", "/run/pg");
        QCOMPARE(parsed(u"dbname=demo user=bursar"_s).displayName(), u"bursar@/run/pg:5432/demo"_s);
        qunsetenv("PGHOST");
        QCOMPARE(parsed(u"dbname=demo user=bursar"_s).displayName(), u"bursar@local socket:5432/demo"_s);
        if (!pghost.isNull())
            qputenv("PGHOST", pghost);
    }

    void roleFromEnvironment()
    {
        qputenv("BURSAR_DB", "host=/tmp dbname=d user=u");
        qputenv("BURSAR_ROLE", " Finance ");
        QString error;
        auto c = Db::ConnectionConfig::fromEnvironment(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.role, u"finance"_s);
        qputenv("BURSAR_ROLE", "root");
        Db::ConnectionConfig::fromEnvironment(&error);
        QVERIFY(error.contains(u"BURSAR_ROLE"_s));
        qputenv("BURSAR_DB", "host=/tmp user=u");
        qunsetenv("BURSAR_ROLE");
        Db::ConnectionConfig::fromEnvironment(&error);
        QVERIFY(error.contains(u"names no database"_s));
        qunsetenv("BURSAR_DB");
    }
};

QTEST_GUILESS_MAIN(TestConnectionConfig)
#include "TestConnectionConfig.moc"
