#pragma once

// Test helpers for the emulator tests: start bursar-stripe-emulator on a free port and talk to it
// synchronously with QNetworkAccessManager (or a raw socket where a test needs the bytes on the wire).

#include "TestSupport.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Bursar::Test {

inline const QString kEmuKey = QStringLiteral("sk_test_emulator_tests_51Abc");

struct EmuReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray header(const char* name) const { return headers.value(QByteArray(name).toLower()); }
    QJsonObject err() const { return json.value(QLatin1StringView("error")).toObject(); }
    QString errCode() const { return err().value(QLatin1StringView("code")).toString(); }
    QString errParam() const { return err().value(QLatin1StringView("param")).toString(); }
    QString errType() const { return err().value(QLatin1StringView("type")).toString(); }
    QString str(const char* field) const { return json.value(QLatin1StringView(field)).toString(); }
    qint64 num(const char* field) const { return json.value(QLatin1StringView(field)).toInteger(); }
    QJsonArray data() const { return json.value(QLatin1StringView("data")).toArray(); }
};

class Emulator
{
public:
    Emulator() = default;
    ~Emulator() { stop(); }
    Emulator(const Emulator&) = delete;
    Emulator& operator=(const Emulator&) = delete;

    bool start(const QStringList& extra = {})
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        QStringList args{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--key"), kEmuKey};
        args += extra;
        diesWithTest(*m_process);
        m_process->start(QStringLiteral(BURSAR_EMULATOR_PATH), args);
        if (!m_process->waitForStarted(10000))
            return false;
        QByteArray line;
        QElapsedTimer t;
        t.start();
        while (!line.contains('\n') && t.elapsed() < 15000) {
            if (!m_process->waitForReadyRead(1000) && m_process->state() != QProcess::Running)
                break;
            line += m_process->readAllStandardOutput();
        }
        const QByteArray first = line.left(line.indexOf('\n'));
        const QByteArray prefix("listening on 127.0.0.1:");
        if (!first.startsWith(prefix)) {
            qWarning("emulator did not start: %s / %s", first.constData(),
                     m_process->readAllStandardError().constData());
            return false;
        }
        m_port = quint16(first.mid(prefix.size()).toUInt());
        return m_port != 0;
    }

    // SIGTERM and wait: the emulator saves its state file on the way out.
    int stop()
    {
        if (!m_process)
            return -1;
        if (m_process->state() == QProcess::Running) {
            m_process->terminate();
            if (!m_process->waitForFinished(10000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        const int code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
        m_process.reset();
        return code;
    }

    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    quint16 port() const { return m_port; }
    QUrl url(const QString& path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) + path);
    }

    EmuReply request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                     const QList<std::pair<QByteArray, QByteArray>>& headers = {}, bool auth = true,
                     int timeoutMs = 15000)
    {
        QNetworkRequest req(url(path));
        if (auth)
            req.setRawHeader("Authorization", "Bearer " + kEmuKey.toUtf8());
        req.setRawHeader("Stripe-Version", "2023-08-16");
        if (method == "POST")
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        for (const auto& [k, v] : headers)
            req.setRawHeader(k, v);
        req.setTransferTimeout(timeoutMs);
        QNetworkReply* reply = method == "GET" ? m_nam.get(req)
            : method == "POST"                 ? m_nam.post(req, body)
            : method == "DELETE"               ? m_nam.deleteResource(req)
                                               : m_nam.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs + 2000, &loop, &QEventLoop::quit);
        loop.exec();
        EmuReply r;
        r.error = reply->error();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        for (const auto& pair : reply->rawHeaderPairs())
            r.headers.insert(pair.first.toLower(), pair.second);
        reply->deleteLater();
        return r;
    }
    EmuReply get(const QString& path) { return request("GET", path); }
    EmuReply post(const QString& path, const QByteArray& body, const QByteArray& idempotencyKey = {},
                  const QList<std::pair<QByteArray, QByteArray>>& extra = {})
    {
        auto headers = extra;
        if (!idempotencyKey.isEmpty())
            headers.append({"Idempotency-Key", idempotencyKey});
        return request("POST", path, body, headers);
    }
    // Control endpoints (no auth).
    EmuReply control(const QString& pathAndQuery, const QByteArray& body = {})
    {
        return request("POST", pathAndQuery, body, {}, false);
    }

    // Raw HTTP exchange on a fresh socket; returns everything the server sent until it closed or timed out.
    QByteArray raw(const QByteArray& bytes, int timeoutMs = 3000, bool* closed = nullptr, bool untilClose = false)
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!s.waitForConnected(3000))
            return QByteArray("<no connection>");
        s.write(bytes);
        s.flush();
        QByteArray out;
        QElapsedTimer t;
        t.start();
        bool isClosed = false;
        while (t.elapsed() < timeoutMs) {
            if (s.waitForReadyRead(100))
                out += s.readAll();
            if (s.state() != QAbstractSocket::ConnectedState) {
                out += s.readAll();
                isClosed = true;
                break;
            }
            if (!untilClose && out.contains("\r\n\r\n")) {
                // got headers; read the announced body
                const qsizetype he = out.indexOf("\r\n\r\n");
                const qsizetype cl = out.toLower().indexOf("content-length:");
                if (cl >= 0 && cl < he) {
                    const qsizetype eol = out.indexOf("\r\n", cl);
                    const qsizetype len = out.mid(cl + 15, eol - cl - 15).trimmed().toLongLong();
                    if (out.size() >= he + 4 + len)
                        break;
                }
            }
        }
        if (closed)
            *closed = isClosed;
        return out;
    }

    static QByteArray form(const QByteArray& key, const QByteArray& value)
    {
        return key + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }

    // A multipart/form-data body as Stripe's files endpoint takes it: text fields, then one file part
    // (left out when fileName is empty). *contentType receives the header value with the boundary.
    static QByteArray multipart(const QList<std::pair<QByteArray, QByteArray>>& fields, const QByteArray& fileName,
                                const QByteArray& fileType, const QByteArray& content, QByteArray* contentType)
    {
        const QByteArray boundary = "----bursarEmuTestBoundary7MA4YWxkTrZu0gW";
        QByteArray body;
        for (const auto& [name, value] : fields)
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n";
        if (!fileName.isEmpty())
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + fileType + "\r\n\r\n" + content + "\r\n";
        body += "--" + boundary + "--\r\n";
        *contentType = "multipart/form-data; boundary=" + boundary;
        return body;
    }
    EmuReply upload(const QByteArray& purpose, const QByteArray& fileName, const QByteArray& content,
                    const QByteArray& fileType = "image/png",
                    const QList<std::pair<QByteArray, QByteArray>>& extraFields = {},
                    const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        QList<std::pair<QByteArray, QByteArray>> fields;
        if (!purpose.isNull())
            fields.append({"purpose", purpose});
        fields += extraFields;
        QByteArray ct;
        const QByteArray body = multipart(fields, fileName, fileType, content, &ct);
        auto h = headers;
        h.append({"Content-Type", ct});
        return request("POST", QStringLiteral("/v1/files"), body, h);
    }
    static QByteArray pngBytes(int size = 64)
    {
        QByteArray b("\x89PNG\r\n\x1a\n", 8);
        b += QByteArray(qMax(0, size - 8), 'p');
        return b;
    }

    // n GET requests sent at once (not waiting for one answer before the next); their HTTP statuses and
    // the error bodies of the failed ones.
    QList<EmuReply> burst(const QString& path, int n)
    {
        QList<QNetworkReply*> replies;
        for (int i = 0; i < n; ++i) {
            QNetworkRequest req(url(path));
            req.setRawHeader("Authorization", "Bearer " + kEmuKey.toUtf8());
            replies.append(m_nam.get(req));
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            bool done = true;
            for (QNetworkReply* r : replies)
                done = done && r->isFinished();
            if (done)
                break;
            QTest::qWait(5);
        }
        QList<EmuReply> out;
        for (QNetworkReply* reply : replies) {
            EmuReply r;
            r.error = reply->error();
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->readAll();
            r.json = QJsonDocument::fromJson(r.body).object();
            for (const auto& pair : reply->rawHeaderPairs())
                r.headers.insert(pair.first.toLower(), pair.second);
            reply->deleteLater();
            out.append(r);
        }
        return out;
    }

private:
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    quint16 m_port = 0;
};

} // namespace Bursar::Test
