#include "Session.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
void assertNotMainThread()
{
    // The GUI thread never runs SQL. Sessions exist only on Database workers; this catches misuse.
    if (auto* app = QCoreApplication::instance(); app && QThread::currentThread() == app->thread())
        qFatal("Bursar: SQL on the application's main thread. Use Bursar::Db::Database::run().");
}
} // namespace

Session::Session(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void Session::fail(const QSqlError& error, const QString& sql)
{
    Error e = Error::fromSqlError(error);
    if (e.kind() == Error::Kind::Other && e.sqlState().isEmpty()) {
        // libpq does not always give a SQLSTATE when the server went away; ask the connection.
        QSqlQuery ping(m_db);
        if (!ping.exec(u"SELECT 1"_s))
            e = Error(Error::Kind::Connection, e.message(), {}, e.detail());
    }
    if (e.isConnectionLost()) {
        m_cache.clear();
        m_inTransaction = false;
    }
    Q_UNUSED(sql);
    throw e;
}

QSqlQuery& Session::exec(const QString& sql, const QVariantList& params)
{
    assertNotMainThread();
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        auto q = std::make_unique<QSqlQuery>(m_db);
        // Not forward-only: Qt 6.4's QPSQL runs forward-only queries in libpq's single-row mode, which
        // leaves the connection busy after a partial read and swallows LISTEN notifications. Results
        // are pages (bounded) anyway; stream big exports with a server-side cursor (DECLARE/FETCH).
        q->setForwardOnly(false);
        if (!q->prepare(sql))
            fail(q->lastError(), sql);
        it = m_cache.emplace(sql, std::move(q)).first;
    }
    QSqlQuery& q = *it->second;
    for (qsizetype i = 0; i < params.size(); ++i)
        q.bindValue(int(i), params.at(i));
    if (!q.exec()) {
        const QSqlError err = q.lastError();
        m_cache.erase(sql);
        fail(err, sql);
    }
    return q;
}

QVariant Session::scalar(const QString& sql, const QVariantList& params)
{
    QSqlQuery& q = exec(sql, params);
    return q.next() ? q.value(0) : QVariant();
}

void Session::execScript(const QString& sql)
{
    assertNotMainThread();
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        fail(q.lastError(), sql);
}

void Session::finishQueries()
{
    for (auto& [sql, q] : m_cache)
        q->finish();
    if (m_inTransaction)
        rollback();
}

void Session::begin()
{
    execScript(u"BEGIN"_s);
    m_inTransaction = true;
}

void Session::commit()
{
    m_inTransaction = false;
    execScript(u"COMMIT"_s);
}

void Session::rollback()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    QSqlQuery q(m_db);
    q.exec(u"ROLLBACK"_s); // best effort: a lost connection rolls back by itself
}

} // namespace Bursar::Db
