#include "Error.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

Error::Error(Kind kind, QString message, QString sqlState, QString detail)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_sqlState(std::move(sqlState))
    , m_detail(std::move(detail))
    , m_utf8(m_message.toUtf8())
{
}

Error Error::fromSqlError(const QSqlError& e, const QString& what)
{
    const QString state = e.nativeErrorCode();
    const QString db = e.databaseText().trimmed();
    const QString driver = e.driverText().trimmed();
    QString text = db.isEmpty() ? driver : db;
    // libpq prefixes messages with "ERROR:  " and appends "(SQLSTATE)"; keep what a person reads.
    text.remove(QRegularExpression(u"^(ERROR|FATAL):\\s+"_s));
    text.remove(QRegularExpression(u"\\s*\\(\\w{5}\\)$"_s));
    Kind kind = Kind::Other;
    if (state.startsWith(u"08"_s) || state.startsWith(u"57P0"_s) || e.type() == QSqlError::ConnectionError
        || text.contains(u"server closed the connection"_s) || text.contains(u"no connection to the server"_s)
        || text.contains(u"terminating connection"_s) || text.contains(u"could not connect"_s)
        || text.contains(u"Connection refused"_s) || text.contains(u"could not receive data"_s)
        || text.contains(u"could not send data"_s) || text.contains(u"connection to server"_s))
        kind = Kind::Connection;
    if (state == u"28P01"_s || state == u"28000"_s || text.contains(u"password authentication failed"_s)
        || (kind == Kind::Connection && text.contains(u"role \""_s) && text.contains(u"does not exist"_s)))
        kind = Kind::Authentication;
    else if (state == u"42501"_s)
        kind = Kind::Permission;
    else if (state.startsWith(u"23"_s))
        kind = Kind::Constraint;
    else if (state == u"40001"_s || state == u"40P01"_s || state == u"55P03"_s)
        kind = Kind::Conflict;
    else if (state == u"P0001"_s)
        kind = Kind::Rule;
    QString message = text;
    if (kind == Kind::Authentication)
        message = QCoreApplication::translate("Bursar::Db", "The database refused the user name or password: %1")
                      .arg(text);
    else if (kind == Kind::Permission)
        message = QCoreApplication::translate("Bursar::Db", "Your role is not allowed to do this (%1).").arg(text);
    else if (!what.isEmpty())
        message = what + u": "_s + text;
    return Error(kind, message, state, driver);
}

} // namespace Bursar::Db
