#include "StripeKeyStore.h"

#include "core/Settings.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeys, "bursar.ui.keys")

namespace Bursar::Ui {

namespace {
QString serviceName()
{
    return QString::fromLatin1(StripeKeyStore::service);
}
QString accountName()
{
    return QString::fromLatin1(StripeKeyStore::account);
}
bool isUnavailable(QKeychain::Error e)
{
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented || e == QKeychain::AccessDenied
        || e == QKeychain::OtherError;
}
} // namespace

StripeKeyStore::StripeKeyStore(QObject* parent)
    : QObject(parent)
{
}

StripeKeyStore::~StripeKeyStore() = default;

void StripeKeyStore::load()
{
    ++m_generation;
    const QString env = qEnvironmentVariable("BURSAR_STRIPE_KEY").trimmed();
    if (!env.isEmpty()) {
        m_key = env;
        m_source = Source::Environment;
        Q_EMIT changed();
        return;
    }
    m_source = Source::Loading;
    readKeychain();
}

void StripeKeyStore::readKeychain()
{
    const quint64 generation = m_generation;
    auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(accountName());
    auto finish = [this, generation](const QString& key, bool available, const QString& error) {
        if (generation != m_generation || m_source != Source::Loading)
            return; // a newer load() or the timeout already answered
        m_keychainAvailable = available;
        m_keychainError = error;
        m_key = key;
        m_source = key.isEmpty() ? Source::None : Source::Keychain;
        Q_EMIT changed();
    };
    connect(job, &QKeychain::Job::finished, this, [finish](QKeychain::Job* j) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (read->error() == QKeychain::NoError)
            finish(read->textData().trimmed(), true, {});
        else if (read->error() == QKeychain::EntryNotFound)
            finish({}, true, {});
        else {
            qCInfo(lcKeys) << "keychain unavailable:" << read->errorString();
            finish({}, !isUnavailable(read->error()), read->errorString());
        }
    });
    QTimer::singleShot(m_timeoutMs, this, [finish, this] {
        finish({}, false, tr("The keychain did not answer within %1 seconds.").arg(m_timeoutMs / 1000));
    });
    job->start();
}

void StripeKeyStore::store(const QString& key)
{
    QKeychain::Job* job = nullptr;
    if (key.isEmpty()) {
        auto* del = new QKeychain::DeletePasswordJob(serviceName(), this);
        job = del;
    } else {
        auto* write = new QKeychain::WritePasswordJob(serviceName(), this);
        write->setTextData(key);
        job = write;
    }
    job->setAutoDelete(true);
    job->setKey(accountName());
    auto answered = std::make_shared<bool>(false);
    connect(job, &QKeychain::Job::finished, this, [this, key, answered](QKeychain::Job* j) {
        if (std::exchange(*answered, true))
            return;
        const bool ok = j->error() == QKeychain::NoError || (key.isEmpty() && j->error() == QKeychain::EntryNotFound);
        if (!ok) {
            m_keychainAvailable = !isUnavailable(j->error());
            m_keychainError = j->errorString();
            Q_EMIT stored(false, tr("The Stripe key could not be saved in the keychain: %1").arg(j->errorString()));
            return;
        }
        m_keychainAvailable = true;
        m_keychainError.clear();
        Q_EMIT stored(true, key.isEmpty() ? tr("The Stripe key was removed from the keychain.")
                                          : tr("The Stripe key was saved in the keychain."));
        load();
    });
    QTimer::singleShot(m_timeoutMs, this, [this, answered] {
        if (std::exchange(*answered, true))
            return;
        m_keychainAvailable = false;
        m_keychainError = tr("The keychain did not answer.");
        Q_EMIT stored(false, tr("The keychain did not answer; the Stripe key was not saved. "
                                "Set BURSAR_STRIPE_KEY instead."));
    });
    job->start();
}

std::optional<Stripe::StripeConfig> StripeKeyStore::clientConfig(const Core::Settings* settings) const
{
    if (!Stripe::StripeConfig::keyProblem(m_key).isEmpty())
        return std::nullopt;
    Stripe::StripeConfig config;
    config.secretKey = m_key;
    if (settings && !settings->effectiveStripeApiBase().isEmpty())
        config.setApiBase(settings->effectiveStripeApiBase());
    if (!Stripe::StripeConfig::baseProblem(config.apiBase).isEmpty())
        return std::nullopt;
    return config;
}

QString StripeKeyStore::describe() const
{
    switch (m_source) {
    case Source::Loading:
        return tr("reading the keychain…");
    case Source::Environment:
        return tr("from BURSAR_STRIPE_KEY");
    case Source::Keychain:
        return tr("from the keychain");
    case Source::None:
        return m_keychainAvailable ? tr("no Stripe key") : tr("no Stripe key (keychain unavailable)");
    }
    return {};
}

} // namespace Bursar::Ui
