#pragma once

#include <QException>
#include <QString>

class QSqlError;

namespace Bursar::Db {

// A database failure as staff and scripts should see it. Jobs throw it; QFuture carries it.
//
// Codes cross layers, words do not: a Bursar function raises a rule failure with HINT 'bursar:<code>'
// (e.g. bursar:refund_exceeds_refundable); code() carries it and message() is that code's staff wording
// from one table (ErrorCodes.cpp). The server's own text (CONTEXT lines, DETAIL with row contents,
// constraint names) never becomes message(): it is in serverText(), for logs only. Connection and login
// failures keep libpq's first line, which says what to fix on the client's side.
class Error final : public QException
{
public:
    enum class Kind {
        Connection,    // unreachable server, lost connection, could not reconnect
        Authentication,// wrong password or unknown user
        Permission,    // SQLSTATE 42501: the role may not do this
        Constraint,    // 23xxx: a rule in the schema refused the change
        Conflict,      // 40001/40P01/55P03: serialization failure, deadlock, lock not available
        Schema,        // migrations: newer schema than this binary, checksum mismatch
        Rule,          // P0001 raised by a Bursar function: message is for staff
        Other
    };

    Error(Kind kind, QString message, QString sqlState = {}, QString detail = {}, QString code = {});
    static Error fromSqlError(const QSqlError& e, const QString& what = {});
    // The staff wording of a Bursar rule code (empty for an unknown code).
    static QString textForCode(const QString& code);

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    QString sqlState() const { return m_sqlState; }
    QString detail() const { return m_detail; }
    QString code() const { return m_code; }             // "refund_exceeds_refundable", or empty
    QString serverText() const { return m_serverText; } // the server's first line, for logs only
    bool isConnectionLost() const { return m_kind == Kind::Connection; }

    const char* what() const noexcept override { return m_utf8.constData(); }
    void raise() const override { throw *this; }
    Error* clone() const override { return new Error(*this); }

private:
    Kind m_kind;
    QString m_message;
    QString m_sqlState;
    QString m_detail;
    QString m_code;
    QString m_serverText;
    QByteArray m_utf8;
};

} // namespace Bursar::Db
