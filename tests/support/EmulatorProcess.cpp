#include "EmulatorProcess.h"

#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Bursar::Test {

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

bool EmulatorProcess::start(QString* error, const QStringList& extraArgs, int seed)
{
    const QString portFile = m_dir.filePath(u"port"_s);
    QFile::remove(portFile);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    diesWithTest(m_process);
    m_process.start(QStringLiteral(BURSAR_EMULATOR_PATH),
                    QStringList{u"--port"_s, u"0"_s, u"--port-file"_s, portFile, u"--key"_s, key(), u"--seed"_s,
                                QString::number(seed)}
                        + extraArgs);
    if (!m_process.waitForStarted(10000)) {
        *error = u"emulator did not start: "_s + m_process.errorString();
        return false;
    }
    const bool ready = QTest::qWaitFor(
        [&] {
            if (m_process.state() != QProcess::Running)
                return true;
            QFile f(portFile);
            return f.open(QIODevice::ReadOnly) && f.readAll().trimmed().toUInt() > 0;
        },
        15000);
    QFile f(portFile);
    if (!ready || m_process.state() != QProcess::Running || !f.open(QIODevice::ReadOnly)) {
        *error = u"emulator did not write its port (exit code %1)"_s.arg(m_process.exitCode());
        return false;
    }
    m_port = quint16(f.readAll().trimmed().toUInt());
    return m_port > 0;
}

void EmulatorProcess::stop()
{
    if (m_process.state() == QProcess::Running) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QUrl EmulatorProcess::base() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

namespace {
QJsonObject finish(QNetworkReply* reply, int* status)
{
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 30000))
        qWarning("emulator call timed out");
    const QByteArray body = reply->readAll();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return QJsonDocument::fromJson(body).object();
}
} // namespace

QJsonObject EmulatorProcess::api(const QByteArray& method, const QString& path, const Stripe::FormParams& params,
                                 const QString& idempotencyKey, int* httpStatus)
{
    QUrl url = base();
    url.setPath(path);
    if (method != "POST" && !params.isEmpty())
        url.setQuery(QString::fromLatin1(params.encode()));
    QNetworkRequest rq(url);
    rq.setRawHeader("Authorization", "Bearer " + key().toUtf8());
    rq.setRawHeader("Stripe-Version", "2023-08-16");
    QNetworkReply* reply = nullptr;
    if (method == "POST") {
        rq.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        if (!idempotencyKey.isEmpty())
            rq.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());
        reply = m_nam.post(rq, params.encode());
    } else {
        reply = m_nam.get(rq);
    }
    return finish(reply, httpStatus);
}

QJsonObject EmulatorProcess::control(const QString& path, const Stripe::FormParams& params, bool post, int* httpStatus)
{
    QUrl url = base();
    url.setPath(path);
    QNetworkRequest rq(url);
    rq.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    if (!post && !params.isEmpty())
        url.setQuery(QString::fromLatin1(params.encode()));
    QNetworkReply* reply = post ? m_nam.post(rq, params.encode()) : m_nam.get(QNetworkRequest(url));
    return finish(reply, httpStatus);
}

void EmulatorProcess::clearFaults()
{
    control(u"/_emulator/faults"_s, Stripe::FormParams().set(u"clear"_s, u"true"_s));
}

std::pair<QString, QString> EmulatorProcess::createCharge(qint64 amount, const QString& currency,
                                                          const QString& paymentMethod)
{
    Stripe::FormParams p;
    p.set(u"amount"_s, amount)
        .set(u"currency"_s, currency.toLower())
        .set(u"confirm"_s, true)
        .set(u"payment_method"_s, paymentMethod);
    int status = 0;
    const QJsonObject pi = api("POST", u"/v1/payment_intents"_s, p, u"test-pi-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces), &status);
    const QJsonValue latest = pi.value("latest_charge"_L1);
    const QString charge = latest.isObject() ? latest.toObject().value("id"_L1).toString() : latest.toString();
    if (status != 200 || charge.isEmpty())
        qWarning("creating a charge failed (%d): %s", status, QJsonDocument(pi).toJson().constData());
    return {pi.value("id"_L1).toString(), charge};
}

qint64 EmulatorProcess::amountRefunded(const QString& chargeId)
{
    int status = 0;
    const QJsonObject ch = api("GET", u"/v1/charges/"_s + chargeId, {}, {}, &status);
    return status == 200 ? ch.value("amount_refunded"_L1).toInteger() : -1;
}

QStringList EmulatorProcess::cliEnvironment() const
{
    return {u"BURSAR_STRIPE_KEY="_s + key(), u"BURSAR_STRIPE_API_BASE="_s + base().toString(),
            u"BURSAR_STRIPE_RATE_LIMIT=0"_s, u"BURSAR_STRIPE_MAX_RETRIES=3"_s, u"BURSAR_STRIPE_TIMEOUT_MS=3000"_s};
}

} // namespace Bursar::Test
