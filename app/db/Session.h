#pragma once

#include "Error.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>
#include <unordered_map>

namespace Bursar::Db {

// One worker's connection, handed to jobs. Lives and is used only on its worker thread.
// Statements with parameters are prepared once per connection and reused (a statement cache).
class Session
{
public:
    explicit Session(QSqlDatabase db);

    // Runs one statement with positional parameters (?); throws Error. Prepared once per connection and
    // cached: the returned query belongs to the cache and is valid until the same SQL runs again
    // (`auto& q = s.exec(...); while (q.next()) ...`).
    QSqlQuery& exec(const QString& sql, const QVariantList& params = {});
    // The first column of the first row, or a null QVariant when there is no row.
    QVariant scalar(const QString& sql, const QVariantList& params = {});
    // Several statements separated by ';', no parameters (migrations, scripts), run one by one.
    void execScript(const QString& sql);
    static QStringList splitStatements(const QString& script);

    // fn inside BEGIN ... COMMIT (ROLLBACK when it throws); mode is what follows BEGIN, e.g.
    // "ISOLATION LEVEL REPEATABLE READ READ ONLY" for several reads that must agree.
    template<typename F>
    auto transaction(F& fn, const QString& mode = {})
    {
        begin(mode);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<F&, Session&>>) {
                fn(*this);
                commit();
            } else {
                auto result = fn(*this);
                commit();
                return result;
            }
        } catch (...) {
            rollback();
            throw;
        }
    }
    void begin(const QString& mode = {});
    void commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    QSqlDatabase& connection() { return m_db; }
    void clearStatementCache() { m_cache.clear(); }
    // Ends every open result set (statements stay prepared) so the connection is idle between jobs:
    // a half-read single-row-mode result would hold back LISTEN notifications and server memory.
    // An open transaction left by a job is rolled back.
    void finishQueries();

    // Turns a failed query into an Error; tells a lost connection from a statement error.
    [[noreturn]] void fail(const QSqlError& error, const QString& sql);

private:
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_cache;
    bool m_inTransaction = false;
};

} // namespace Bursar::Db
