#include "Agent.h"

#include "EventSync.h"
#include "NightlyVerify.h"

#include "db/Database.h"
#include "services/ReconcileDriver.h"
#include "services/RefundDriver.h"
#include "services/RepairDriver.h"
#include "stripe/StripeClient.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPromise>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace Bursar::Agent {

Q_LOGGING_CATEGORY(lcAgent, "bursar.agent")

Agent::Agent(Db::Database* db, const Stripe::StripeConfig& stripe, QObject* parent)
    : Agent(db, stripe, Options{}, parent)
{
}

Agent::Agent(Db::Database* db, const Stripe::StripeConfig& stripe, Options options, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_options(options)
    , m_id(u"%1:%2:%3"_s.arg(QHostInfo::localHostName())
               .arg(QCoreApplication::applicationPid())
               .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
    , m_mode(stripe.mode())
    , m_rateCap(stripe.rateLimitPerSecond)
    , m_stripe(std::make_unique<Stripe::StripeClient>(stripe))
    , m_journal(std::make_unique<Services::OperationJournal>(db))
    , m_refunds(std::make_unique<Services::RefundDriver>(db, m_stripe.get(), m_journal.get()))
    , m_repairs(std::make_unique<Services::RepairDriver>(db, m_journal.get()))
    , m_heartbeat(new QTimer(this))
    , m_recover(new QTimer(this))
    , m_refresh(new QTimer(this))
    , m_escrow(new QTimer(this))
    , m_probe(new QTimer(this))
    , m_eventTimer(new QTimer(this))
    , m_nightly(nullptr)
{
    m_repairs->registerKind(u"refund"_s, m_refunds.get());
    m_events = std::make_unique<EventSync>(db, m_stripe.get());
    m_reconcile = std::make_unique<Services::ReconcileDriver>(db, m_stripe.get(), m_journal.get(), m_id, [this] {
        return m_events->sync(EventSync::Scope::AllAccounts).then([](const EventSyncReport&) {});
    });
    if (const QByteArray v = qgetenv("BURSAR_EVENT_SYNC_INTERVAL_MS"); !v.isEmpty()) {
        bool ok = false;
        const int ms = v.toInt(&ok);
        if (ok && ms >= 0)
            m_options.eventInterval = std::chrono::milliseconds(ms);
    }
    if (const QByteArray v = qgetenv("BURSAR_EVENT_BATCH"); !v.isEmpty())
        m_events->setBatch(v.toInt());
    if (const QByteArray v = qgetenv("BURSAR_EVENT_PAGE_SIZE"); !v.isEmpty()) // 1..100 (tests: small pages)
        m_events->setPageSize(std::clamp(v.toInt(), 1, 100));
    m_eventTimer->setInterval(m_options.eventInterval);
    if (const QByteArray v = qgetenv("BURSAR_VERIFY_INTERVAL_MS"); !v.isEmpty()) {
        bool ok = false;
        const int ms = v.toInt(&ok);
        if (ok && ms >= 0)
            m_options.verifyInterval = std::chrono::milliseconds(ms);
    }
    m_nightly = new NightlyVerify(db, m_id, m_options.verifyAt, m_options.verifyInterval, this);
    connect(m_nightly, &NightlyVerify::problem, this, &Agent::problem);
    connect(m_eventTimer, &QTimer::timeout, this, [this] { m_events->sync(); });
    m_heartbeat->setInterval(m_options.heartbeatInterval);
    m_recover->setInterval(m_options.recoverInterval);
    m_refresh->setInterval(m_options.refreshInterval);
    m_escrow->setInterval(m_options.escrowInterval);
    m_probe->setInterval(m_options.probeInterval);
    connect(m_heartbeat, &QTimer::timeout, this, &Agent::beat);
    connect(m_recover, &QTimer::timeout, this, &Agent::drain);
    connect(m_probe, &QTimer::timeout, this, &Agent::probe);
    connect(m_escrow, &QTimer::timeout, this, [this] { releaseEscrow(); });
    connect(m_refresh, &QTimer::timeout, this, [this] {
        m_refunds->refreshPending(100).then(this, [this](int n) { m_refreshed += n; });
    });
    connect(m_db, &Db::Database::notified, this, [this](const QString& channel, const QString&) {
        if (channel == u"bursar_operations" && m_running)
            drain();
        if (channel == u"bursar_events" && m_running && m_options.eventInterval.count() > 0)
            m_events->applyPending();
    });
    connect(m_journal.get(), &Services::OperationJournal::recovered, this, [this](const Services::RecoveryReport& r) {
        if (!r.error.isEmpty())
            Q_EMIT problem(r.error);
        Q_EMIT recovered(r);
        if (m_again && m_running) {
            m_again = false;
            QTimer::singleShot(0, this, &Agent::drain);
        }
    });
}

Agent::~Agent() = default;

double Agent::rateLimit() const
{
    return m_stripe->rateLimit();
}

QString Agent::modeProblem(Stripe::StripeMode keyMode, const QString& installationMode)
{
    if (keyMode == Stripe::StripeMode::Invalid)
        return tr("The Stripe key is not a Stripe secret or restricted key (sk_… or rk_…).");
    const QString keyName = Stripe::modeName(keyMode);
    if (installationMode == keyName)
        return {};
    if (installationMode == u"test")
        return tr("The Stripe key is a live key, but this database is a test installation. Give the agent a test "
                  "key (sk_test_… or rk_test_…); a database that keeps real books is marked live by its owner "
                  "(UPDATE bursar_installation SET stripe_mode = 'live').");
    return tr("The Stripe key is a test key, but this database keeps live books. Give the agent the live key "
              "(sk_live_… or rk_live_…).");
}

QFuture<void> Agent::check()
{
    const auto keyMode = m_mode;
    return m_db->run([keyMode](Db::Session& s) {
        if (!s.scalar(u"SELECT bursar_is('bursar_service')"_s).toBool())
            throw std::runtime_error(
                tr("The agent must connect as a login in role bursar_service (for example: CREATE ROLE bursar_agent "
                   "LOGIN IN ROLE bursar_service); this login is not one.")
                    .toStdString());
        const QString mode = s.scalar(u"SELECT stripe_mode FROM bursar_installation"_s).toString();
        const QString why = modeProblem(keyMode, mode);
        if (!why.isEmpty())
            throw std::runtime_error(why.toStdString());
    });
}

QFuture<void> Agent::start()
{
    return check().then(this, [this] {
        m_running = true;
        m_db->listen(u"bursar_operations"_s);
        m_db->listen(u"bursar_events"_s);
        qCInfo(lcAgent) << "agent" << m_id << "started in" << Stripe::modeName(m_mode) << "mode";
        probe();
        beat();
        drain();
        releaseEscrow();
        for (QTimer* t : {m_heartbeat, m_recover, m_refresh, m_escrow, m_probe})
            t->start();
        m_nightly->start();
        if (m_options.eventInterval.count() > 0) {
            m_events->sync(EventSync::Scope::AllAccounts); // every account once at start, then in turn
            m_eventTimer->start();
        }
    });
}

QFuture<Services::RecoveryReport> Agent::runOnce(bool ignoreLease)
{
    auto promise = std::make_shared<QPromise<Services::RecoveryReport>>();
    promise->start();
    check()
        .then(this,
              [this, promise, ignoreLease] {
                  Services::OperationJournal::RecoverOptions o;
                  o.ignoreLease = ignoreLease;
                  o.batch = ignoreLease ? 5000 : m_options.batch;
                  o.leaseSeconds = m_options.leaseSeconds;
                  m_journal->recover(o).then(this, [this, promise](const Services::RecoveryReport& report) {
                      m_refunds->refreshPending(1000).then(this, [this, promise, report](int n) {
                          m_refreshed += n;
                          releaseEscrow()
                              .then(this, [promise, report](int) {
                                  promise->addResult(report);
                                  promise->finish();
                              })
                              .onFailed(this, [promise, report](const std::exception&) {
                                  promise->addResult(report);
                                  promise->finish();
                              });
                      });
                  });
              })
        .onFailed(this, [promise](const std::exception& e) {
            promise->setException(std::make_exception_ptr(std::runtime_error(e.what())));
            promise->finish();
        });
    return promise->future();
}

QFuture<void> Agent::stop()
{
    m_running = false;
    for (QTimer* t : {m_heartbeat, m_recover, m_refresh, m_escrow, m_probe, m_eventTimer})
        t->stop();
    m_nightly->stop();
    return m_db->run([id = m_id](Db::Session& s) { s.exec(u"SELECT bursar_agent_stopped(?)"_s, {id}); }, false);
}

void Agent::drain()
{
    if (m_journal->isRecovering()) {
        m_again = true;
        return;
    }
    Services::OperationJournal::RecoverOptions o;
    o.batch = m_options.batch;
    o.leaseSeconds = m_options.leaseSeconds;
    m_journal->recover(o);
}

void Agent::beat()
{
    struct Beat
    {
        int queueDepth = 0;
        double share = 0; // this agent's part of the installation's rate limit; 0: none
    };
    m_db->run([id = m_id, mode = Stripe::modeName(m_mode), reachable = m_reachable, keyOk = m_keyAccepted,
               error = m_lastError](Db::Session& s) {
            auto& q = s.exec(u"SELECT queue_depth, rate_limit FROM bursar_agent_heartbeat(?, ?, ?, ?, ?, ?, ?, ?)"_s,
                             {id, QHostInfo::localHostName(), int(QCoreApplication::applicationPid()),
                              QStringLiteral(BURSAR_VERSION), mode, reachable, keyOk,
                              error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(error)});
            Beat b;
            if (q.next()) {
                b.queueDepth = q.value(0).toInt();
                b.share = q.value(1).toDouble();
            }
            return b;
        })
        .then(this,
              [this](const Beat& b) {
                  // one limit for the installation: each running agent sends at most its share, and never more
                  // than its own BURSAR_STRIPE_RATE_LIMIT
                  const double cap = m_rateCap;
                  const double rate = b.share <= 0 ? cap : cap <= 0 ? b.share : std::min(cap, b.share);
                  if (rate != m_stripe->rateLimit())
                      qCInfo(lcAgent) << "rate limit" << rate << "requests/s";
                  m_stripe->setRateLimit(rate);
              })
        .onFailed(this, [this](const Db::Error& e) { Q_EMIT problem(tr("heartbeat: %1").arg(e.message())); });
}

void Agent::probe()
{
    // A call every key the agent can use must allow (refunds: read): it tells reachable and accepted apart.
    Stripe::onResult(m_stripe->get(u"/v1/refunds"_s, Stripe::FormParams().set(u"limit"_s, qint64(1))), this,
                     [this](const Stripe::StripeResult& r) {
                         const bool wasOk = m_reachable && m_keyAccepted;
                         if (r.ok()) {
                             m_reachable = m_keyAccepted = true;
                             m_lastError.clear();
                         } else {
                             m_reachable = r.error->httpStatus > 0;
                             m_keyAccepted = r.error->httpStatus != 401 && r.error->httpStatus != 403 && m_reachable;
                             m_lastError = r.error->httpStatus == 401
                                 ? tr("Stripe refused the key (401): it was revoked or mistyped.")
                                 : r.error->userMessage();
                             Q_EMIT problem(m_lastError);
                         }
                         if (wasOk != (m_reachable && m_keyAccepted))
                             beat();
                     });
}

QFuture<int> Agent::releaseEscrow()
{
    return m_db
        ->run([batch = m_options.batch](Db::Session& s) {
            int total = 0;
            for (int n = batch; n == batch;) {
                n = s.scalar(u"SELECT bursar_release_due_escrow(?)"_s, {batch}).toInt();
                total += n;
            }
            return total;
        })
        .then(this, [this](int n) {
            if (n > 0)
                qCInfo(lcAgent) << "released the escrow of" << n << "order(s) past their auto-confirm deadline";
            m_released += n;
            return n;
        });
}

} // namespace Bursar::Agent
