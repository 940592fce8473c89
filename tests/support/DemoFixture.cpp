#include "DemoFixture.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Bursar::Test {

void loadDemo(const QString& database, int orders, int sellers, int seed)
{
    QFile f(QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/demo_data.sql"_s);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    psql(database, QString::fromUtf8(f.readAll()));
    psql(database, u"SELECT count(*) FROM bursar_demo.generate(orders => %1, sellers => %2, seed => %3)"_s.arg(orders)
                       .arg(sellers)
                       .arg(seed));
    psql(database, u"ANALYZE"_s);
}

DemoDatabase::~DemoDatabase()
{
    if (m_config.database.isEmpty())
        return;
    m_db.reset();
    dropDatabase(m_config.database);
}

bool DemoDatabase::init(const QString& prefix, int orders, int sellers, int seed, Db::Database::Options options)
{
    m_config = createDatabase(prefix);
    loadDemo(m_config.database, orders, sellers, seed);
    if (QTest::currentTestFailed())
        return false;
    m_db = open(options);
    return m_db != nullptr;
}

std::unique_ptr<Db::Database> DemoDatabase::open(Db::Database::Options options) const
{
    auto db = std::make_unique<Db::Database>(m_config, options);
    try {
        await(db->open());
    } catch (const std::exception& e) {
        qWarning("opening the test database failed: %s", e.what());
        return nullptr;
    }
    return db;
}

QList<qint64> DemoDatabase::sqlIds(const QString& statement) const
{
    QList<qint64> ids;
    const QString out = sql(statement);
    for (const QStringView line : QStringView(out).split(u'\n', Qt::SkipEmptyParts))
        ids << line.toLongLong();
    return ids;
}

} // namespace Bursar::Test
