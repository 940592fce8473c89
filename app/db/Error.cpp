#include "Error.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

Q_LOGGING_CATEGORY(lcDbError, "bursar.db")

Error::Error(Kind kind, QString message, QString sqlState, QString detail, QString code)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_sqlState(std::move(sqlState))
    , m_detail(std::move(detail))
    , m_code(std::move(code))
    , m_utf8(m_message.toUtf8())
{
}

Error Error::fromSqlError(const QSqlError& e, const QString& what)
{
    const QString state = e.nativeErrorCode();
    const QString db = e.databaseText().trimmed();
    const QString driver = e.driverText().trimmed();
    QString full = db.isEmpty() ? driver : db;
    // libpq: "ERROR:  primary\nDETAIL:  ...\nHINT:  bursar:code\nCONTEXT:  ...(SQLSTATE)"
    static const QRegularExpression hint(u"^HINT:\\s+bursar:([a-z_]+)"_s, QRegularExpression::MultilineOption);
    const QString code = hint.match(full).captured(1);
    full.remove(QRegularExpression(u"\\s*\\(\\w{5}\\)$"_s));
    QString text = full.section(u'\n', 0, 0).trimmed(); // the primary line only
    text.remove(QRegularExpression(u"^(ERROR|FATAL):\\s+"_s));
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
    const bool fromServer = !state.isEmpty() && kind != Kind::Connection && kind != Kind::Authentication;
    if (kind == Kind::Authentication) {
        message = QCoreApplication::translate("Bursar::Db", "The database refused the user name or password: %1")
                      .arg(text);
    } else if (!textForCode(code).isEmpty()) {
        message = textForCode(code);
    } else if (kind == Kind::Permission) {
        message = QCoreApplication::translate("Bursar::Db", "Your role may not do this.");
    } else if (kind == Kind::Conflict) {
        message = QCoreApplication::translate("Bursar::Db",
                                              "Someone changed the same data at the same moment; nothing was changed. "
                                              "Try again.");
    } else if (fromServer) {
        // a failure no Bursar rule names (a bug, or a schema this binary does not know): no raw text for people
        message = QCoreApplication::translate("Bursar::Db",
                                              "The database refused this (error %1); nothing was changed. The details "
                                              "are in the log.")
                      .arg(state);
    } else if (!what.isEmpty()) {
        message = what + u": "_s + text;
    }
    if (fromServer)
        qCInfo(lcDbError) << "server error" << state << code << text;
    Error out(kind, message, state, driver, code);
    out.m_serverText = text;
    return out;
}

} // namespace Bursar::Db
