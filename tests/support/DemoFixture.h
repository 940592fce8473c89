#pragma once

#include "TestSupport.h"

#include "db/ConnectionConfig.h"
#include "db/Database.h"

#include <QList>
#include <QString>
#include <QTest>

#include <memory>

namespace Bursar::Test {

// Loads the demo generator from the source tree (resources/sql/demo_data.sql) into a database and runs
// it, then ANALYZE (no dependency on the CLI binary). QFAIL-style: a failure is recorded in QtTest.
void loadDemo(const QString& database, int orders, int sellers, int seed = 7);

// A fresh migrated database with demo data and an open Db::Database on it (superuser), dropped at the
// end. The shared world of the list tests (models, panels, bench).
//
//   DemoDatabase demo;
//   QVERIFY(demo.init(u"paged"_s, 3000, 50));
//   OrdersModel model;
//   model.setDatabase(demo.db());
class DemoDatabase
{
public:
    DemoDatabase() = default;
    ~DemoDatabase();
    Q_DISABLE_COPY_MOVE(DemoDatabase)

    bool init(const QString& prefix, int orders, int sellers, int seed = 7, Db::Database::Options options = {});
    Db::Database* db() const { return m_db.get(); }
    const Db::ConnectionConfig& config() const { return m_config; }
    QString name() const { return m_config.database; }
    // Another open Database on the same data (e.g. a second console, or one with a single worker).
    std::unique_ptr<Db::Database> open(Db::Database::Options options = {}) const;

    // psql as the superuser in this database; the first column of every row.
    QString sql(const QString& statement) const { return psql(m_config.database, statement); }
    qint64 sqlInt(const QString& statement) const { return sql(statement).toLongLong(); }
    QList<qint64> sqlIds(const QString& statement) const;

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
};

// Pages a keyset-paged model (Models::PagedTableModel or anything with isLoading(), canFetchMore(),
// fetchMore()) to its end: waits for each page, asks for the next until there is none. False on a
// timeout of one page. The model must have been started (setQuery(), setDatabase() or sort()).
template<typename Model>
bool pageToEnd(Model& model, int pageTimeoutMs = 30000)
{
    for (;;) {
        if (!QTest::qWaitFor([&] { return !model.isLoading(); }, pageTimeoutMs))
            return false;
        if (!model.canFetchMore({}))
            return true;
        model.fetchMore({});
    }
}

// The ids (Model::IdRole) of a model's rows, top to bottom.
template<typename Model>
QList<qint64> idsOf(const Model& model)
{
    QList<qint64> ids;
    ids.reserve(model.rowCount());
    for (int i = 0; i < model.rowCount(); ++i)
        ids << model.index(i, 0).data(Model::IdRole).toLongLong();
    return ids;
}

} // namespace Bursar::Test
