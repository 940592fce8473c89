#include "HttpServer.h"

#include <QRandomGenerator>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Emulator {

namespace {
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 4 * 1024 * 1024;
// File uploads (multipart/form-data): Stripe's largest per-purpose limit is 16 MB, plus room for the parts.
constexpr qsizetype kMaxMultipartBytes = 17 * 1024 * 1024;
} // namespace

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

HttpConnection::HttpConnection(QTcpSocket* socket, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_dead = true;
        deleteLater();
    });
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead()
{
    if (m_dead)
        return;
    m_buffer.append(m_socket->readAll());
    processBuffer();
}

void HttpConnection::fail(int status, const char* message)
{
    const QByteArray body = QByteArray("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"") + message
        + QByteArray("\"}}\n");
    m_closeAfter = true;
    m_busy = true;
    // Every answer carries a Request-Id, these too (not from the seeded generator: a malformed request
    // must not shift the ids of the requests that follow).
    QByteArray requestId = "req_";
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < 14; ++i)
        requestId.append(alphabet[QRandomGenerator::global()->bounded(62)]);
    respond(status, {{"Content-Type", "application/json"}, {"Request-Id", requestId}}, body);
}

void HttpConnection::processBuffer()
{
    while (!m_busy && !m_dead) {
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                fail(431, "Request headers too large.");
            return;
        }
        if (headerEnd > kMaxHeaderBytes) {
            fail(431, "Request headers too large.");
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
        HttpRequest req;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            fail(400, "Malformed request line.");
            return;
        }
        req.method = requestLine.at(0).toUpper();
        req.target = requestLine.at(1);
        const bool http10 = requestLine.at(2) == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(400, "Malformed header line.");
                return;
            }
            req.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        if (req.headers.contains("transfer-encoding")) {
            fail(411, "Chunked request bodies are not supported; send Content-Length.");
            return;
        }
        qint64 length = 0;
        if (req.headers.contains("content-length")) {
            bool ok = false;
            length = req.headers.value("content-length").toLongLong(&ok);
            if (!ok || length < 0) {
                fail(400, "Invalid Content-Length.");
                return;
            }
            const bool multipart = req.headers.value("content-type").toLower().startsWith("multipart/form-data");
            if (length > (multipart ? kMaxMultipartBytes : kMaxBodyBytes)) {
                fail(413, "Request body too large.");
                return;
            }
        }
        if (m_buffer.size() < headerEnd + 4 + length)
            return; // wait for the rest
        req.body = m_buffer.mid(headerEnd + 4, length);
        m_buffer.remove(0, headerEnd + 4 + length);

        const qsizetype q = req.target.indexOf('?');
        const QByteArray rawPath = q < 0 ? req.target : req.target.left(q);
        req.query = q < 0 ? QByteArray() : req.target.mid(q + 1);
        req.path = QByteArray::fromPercentEncoding(rawPath);
        const QByteArray conn = req.header("connection").toLower();
        m_closeAfter = conn == "close" || (http10 && conn != "keep-alive");
        m_busy = true;
        if (onRequest)
            onRequest(req, this);
        else
            respond(500, {}, QByteArray());
    }
}

void HttpConnection::respond(int status, const HttpHeaders& headers, const QByteArray& body)
{
    if (m_dead || !m_busy)
        return;
    QByteArray out;
    out.reserve(body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += m_closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    out += "Server: bursar-stripe-emulator\r\n\r\n";
    out += body;
    m_socket->write(out);
    m_busy = false;
    if (m_closeAfter) {
        m_dead = true;
        m_socket->disconnectFromHost();
        return;
    }
    // Continue with pipelined requests outside of the caller's stack.
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, &HttpConnection::processBuffer);
}

void HttpConnection::drop()
{
    if (m_dead)
        return;
    m_dead = true;
    m_busy = false;
    m_socket->abort(); // RST: the client sees a failed connection, no answer
    deleteLater();
}

HttpServer::HttpServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* s = m_server->nextPendingConnection()) {
            auto* c = new HttpConnection(s, this);
            c->onRequest = onRequest;
        }
    });
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(quint16 port)
{
    m_server->setMaxPendingConnections(256);
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 HttpServer::port() const
{
    return m_server->serverPort();
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

} // namespace Bursar::Emulator
