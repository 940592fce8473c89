#include "NightlyVerify.h"

#include "db/Database.h"
#include "db/Error.h"
#include "services/BooksVerification.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Agent {

Q_LOGGING_CATEGORY(lcVerify, "bursar.agent.verify")

NightlyVerify::NightlyVerify(Db::Database* db, QString agentId, QTime at, std::chrono::milliseconds interval,
                             QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_agentId(std::move(agentId))
    , m_at(at.isValid() ? at : QTime(3, 0))
    , m_interval(interval)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        runNow();
        schedule();
    });
}

NightlyVerify::~NightlyVerify() = default;

qint64 NightlyVerify::msUntil(QTime at, const QDateTime& now)
{
    QDateTime next(now.date(), at, now.timeZone());
    if (next <= now)
        next = QDateTime(now.date().addDays(1), at, now.timeZone());
    return std::max<qint64>(1, now.msecsTo(next));
}

void NightlyVerify::start()
{
    m_running = true;
    schedule();
}

void NightlyVerify::stop()
{
    m_running = false;
    m_timer->stop();
}

void NightlyVerify::schedule()
{
    if (!m_running)
        return;
    const qint64 ms = m_interval.count() > 0 ? qint64(m_interval.count()) : msUntil(m_at, QDateTime::currentDateTime());
    // QTimer takes an int: a day is well within it
    m_timer->start(int(std::min<qint64>(ms, 24LL * 3600 * 1000 + 60000)));
}

void NightlyVerify::runNow()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    const QString agentId = m_agentId;
    Services::BooksVerification::nightly(m_db, agentId)
        .then(this,
              [this](const std::optional<Services::BooksVerification::NightlyRun>& run) {
                  m_inFlight = false;
                  if (!run) {
                      ++m_skipped;
                      return;
                  }
                  ++m_runs;
                  qCInfo(lcVerify) << "nightly verification" << run->runId << (run->passed ? "passed" : "FAILED");
                  Q_EMIT verified(run->runId, run->passed);
              })
        .onFailed(this, [this](const Db::Error& e) {
            m_inFlight = false;
            Q_EMIT problem(tr("The nightly verification of the books failed: %1").arg(e.message()));
        })
        .onFailed(this, [this] {
            m_inFlight = false;
            Q_EMIT problem(tr("The nightly verification of the books failed."));
        });
}

} // namespace Bursar::Agent
