#pragma once

// A small HTTP/1.1 server on QTcpServer for the emulator.
//
// Why not QHttpServer: Qt 6.4's QAbstractHttpServer hands out the request and the socket, but
// answering later (injected latency, in-flight idempotency keys) and "do the work, then close the
// connection without an answer" need full control over the socket's lifetime and keep-alive, and
// its API changed again in 6.5. A strict parser of ~200 lines with hard size limits is easier to
// make crash-proof: requests are handled one at a time per connection, in order.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace Bursar::Emulator {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // raw request target ("/v1/charges?limit=3")
    QByteArray path;   // percent-decoded path without query
    QByteArray query;  // raw query string (without '?')
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)
public:
    explicit HttpConnection(QTcpSocket* socket, QObject* parent);
    ~HttpConnection() override;

    // Answer the current request; the next pipelined request (if any) is then processed.
    void respond(int status, const HttpHeaders& headers, const QByteArray& body);
    // Close the connection without an answer.
    void drop();

    std::function<void(const HttpRequest&, HttpConnection*)> onRequest;

private:
    void onReadyRead();
    void processBuffer();
    void fail(int status, const char* message);

    QTcpSocket* m_socket;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_closeAfter = false;
    bool m_dead = false;
};

class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)
public:
    explicit HttpServer(QObject* parent = nullptr);
    ~HttpServer() override;

    bool listen(quint16 port);
    quint16 port() const;
    QString errorString() const;

    std::function<void(const HttpRequest&, HttpConnection*)> onRequest;

private:
    QTcpServer* m_server;
};

QByteArray reasonPhrase(int status);

} // namespace Bursar::Emulator
