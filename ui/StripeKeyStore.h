#pragma once

#include "stripe/StripeConfig.h"

#include <QObject>
#include <QString>

#include <optional>

class QTimer;

namespace Bursar::Core {
class Settings;
}

namespace Bursar::Ui {

// Where the Stripe secret key comes from, and the only place that reads or writes it.
//
// BURSAR_STRIPE_KEY wins; otherwise the key is read from the OS keychain (QtKeychain, service
// "org.bursar.Bursar", asynchronous jobs). The key is never written to QSettings and never logged.
// When no keychain is available (a headless machine without a secret service), status() says so
// and the environment variable is the only source; a job that does not answer within the timeout
// counts as "unavailable" so nothing waits for ever.
//
//   auto* keys = new StripeKeyStore(this);
//   connect(keys, &StripeKeyStore::changed, this, [keys] { client.setKey(keys->key()); });
//   keys->load();
class StripeKeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StripeKeyStore)

public:
    enum class Source { Loading, Environment, Keychain, None };
    Q_ENUM(Source)

    static constexpr const char* service = "org.bursar.Bursar";
    static constexpr const char* account = "stripe-secret-key";

    explicit StripeKeyStore(QObject* parent = nullptr);
    ~StripeKeyStore() override;

    // Re-reads the environment and, when it has no key, the keychain. Emits changed() when done.
    void load();
    // Stores (or, with an empty key, deletes) the key in the keychain; emits stored(ok, message).
    void store(const QString& key);

    QString key() const { return m_key; }
    bool hasKey() const { return !m_key.isEmpty(); }
    Source source() const { return m_source; }
    bool keychainAvailable() const { return m_keychainAvailable; }
    QString keychainError() const { return m_keychainError; } // why the keychain could not be used
    QString describe() const; // "from BURSAR_STRIPE_KEY", "from the keychain", "no Stripe key"
    // The StripeClient settings for this key and the API base of settings (environment first), or
    // nothing when the key is unusable or the base is refused (plain http off loopback). Every part of
    // the console that talks to Stripe builds its client from this.
    std::optional<Stripe::StripeConfig> clientConfig(const Core::Settings* settings) const;

    void setTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void changed();
    void stored(bool ok, const QString& message);

private:
    void readKeychain();

    QString m_key;
    Source m_source = Source::Loading;
    bool m_keychainAvailable = true;
    QString m_keychainError;
    int m_timeoutMs = 5000;
    quint64 m_generation = 0;
};

} // namespace Bursar::Ui
