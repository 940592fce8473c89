#pragma once

#include "stripe/FormParams.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace Bursar::Test {

// bursar-stripe-emulator as a child process for tests: --port 0 --port-file, a fixed key and seed.
// Synchronous helpers for the API (authenticated) and the control endpoints under /_emulator/.
//
//   Test::EmulatorProcess emu;
//   QVERIFY2(emu.start(&error), qPrintable(error));
//   const auto pi = emu.api("POST", u"/v1/payment_intents"_s, params, u"key-1"_s);
//   emu.control(u"/_emulator/faults"_s, FormParams().set(u"rate_500"_s, u"1"_s).set(u"count"_s, qint64(1)));
//   Stripe::StripeConfig c = emu.stripeConfig();   // for an in-process StripeClient
class EmulatorProcess
{
public:
    static QString key() { return QStringLiteral("sk_test_bursarEmulatorTests51"); }

    EmulatorProcess() = default;
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    bool start(QString* error, const QStringList& extraArgs = {}, int seed = 7);
    void stop();
    bool running() const { return m_process.state() == QProcess::Running; }

    quint16 port() const { return m_port; }
    QUrl base() const;

    // An authenticated API call; POST bodies are form-encoded; idempotencyKey only for POST.
    QJsonObject api(const QByteArray& method, const QString& path, const Stripe::FormParams& params = {},
                    const QString& idempotencyKey = {}, int* httpStatus = nullptr);
    // A control endpoint (no auth), POST by default.
    QJsonObject control(const QString& path, const Stripe::FormParams& params = {}, bool post = true,
                        int* httpStatus = nullptr);
    // Clears every fault.
    void clearFaults();

    // Creates a confirmed card payment (pm_card_visa by default); returns {payment_intent id, charge id}.
    std::pair<QString, QString> createCharge(qint64 amount, const QString& currency,
                                             const QString& paymentMethod = QStringLiteral("pm_card_visa"));
    // GET /v1/charges/ch_…: amount_refunded (-1 when the charge cannot be read).
    qint64 amountRefunded(const QString& chargeId);

    // Environment for a child bursar-cli: BURSAR_STRIPE_KEY, BURSAR_STRIPE_API_BASE and fast retries.
    QStringList cliEnvironment() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QNetworkAccessManager m_nam;
    quint16 m_port = 0;
};

} // namespace Bursar::Test
