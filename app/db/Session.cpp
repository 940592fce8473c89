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

QStringList Session::splitStatements(const QString& script)
{
    // Splits on top-level ';', skipping quotes, identifiers, comments and dollar-quoted bodies.
    QStringList out;
    QString current;
    const qsizetype n = script.size();
    qsizetype i = 0;
    auto flush = [&] {
        if (!current.trimmed().isEmpty())
            out << current.trimmed();
        current.clear();
    };
    while (i < n) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') {
            while (i < n && script.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && next == u'*') {
            int depth = 0;
            do {
                if (script.at(i) == u'/' && i + 1 < n && script.at(i + 1) == u'*') {
                    ++depth;
                    i += 2;
                } else if (script.at(i) == u'*' && i + 1 < n && script.at(i + 1) == u'/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (i < n && depth > 0);
            current += u' ';
            continue;
        }
        if (c == u'\'' || c == u'"') {
            const bool backslashes = c == u'\'' && i > 0 && (script.at(i - 1) == u'E' || script.at(i - 1) == u'e');
            current += c;
            ++i;
            while (i < n) {
                const QChar d = script.at(i);
                current += d;
                ++i;
                if (backslashes && d == u'\\' && i < n) {
                    current += script.at(i++);
                } else if (d == c) {
                    if (i < n && script.at(i) == c) { // doubled quote
                        current += script.at(i++);
                        continue;
                    }
                    break;
                }
            }
            continue;
        }
        if (c == u'$') {
            qsizetype j = i + 1;
            while (j < n && (script.at(j).isLetterOrNumber() || script.at(j) == u'_'))
                ++j;
            if (j < n && script.at(j) == u'$' && !(j > i + 1 && script.at(i + 1).isDigit())) {
                const QString tag = script.mid(i, j - i + 1);
                const qsizetype end = script.indexOf(tag, j + 1);
                const qsizetype stop = end < 0 ? n : end + tag.size();
                current += script.mid(i, stop - i);
                i = stop;
                continue;
            }
        }
        if (c == u';') {
            flush();
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    flush();
    return out;
}

void Session::execScript(const QString& sql)
{
    assertNotMainThread();
    // One statement at a time: Qt's QPSQL reports only the first result of a multi-statement string,
    // so an error in a later statement would go unnoticed until the next query.
    for (const QString& statement : splitStatements(sql)) {
        QSqlQuery q(m_db);
        if (!q.exec(statement))
            fail(q.lastError(), statement);
    }
}

void Session::finishQueries()
{
    for (auto& [sql, q] : m_cache)
        q->finish();
    if (m_inTransaction)
        rollback();
}

void Session::begin(const QString& mode)
{
    execScript(mode.isEmpty() ? u"BEGIN"_s : u"BEGIN "_s + mode);
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
