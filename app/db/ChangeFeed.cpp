#include "ChangeFeed.h"

#include "Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

std::optional<Change> Change::parse(const QString& payload)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    Change c;
    c.table = o.value("table"_L1).toString();
    if (c.table.isEmpty())
        return std::nullopt;
    const QString op = o.value("op"_L1).toString();
    if (op == "INSERT"_L1)
        c.op = Op::Insert;
    else if (op == "UPDATE"_L1)
        c.op = Op::Update;
    else if (op == "DELETE"_L1)
        c.op = Op::Delete;
    else
        return std::nullopt;
    const QJsonValue id = o.value("id"_L1);
    if (id.isDouble()) {
        c.id = id.toInteger();
        c.count = 1;
    } else if (id.isNull() || id.isUndefined()) {
        c.count = o.value("count"_L1).toInteger(0);
    } else {
        return std::nullopt;
    }
    return c;
}

ChangeFeed::ChangeFeed(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &ChangeFeed::flush);
}

ChangeFeed::~ChangeFeed() = default;

void ChangeFeed::setDatabase(Database* database)
{
    if (m_db == database)
        return;
    if (m_db)
        disconnect(m_db, nullptr, this, nullptr);
    m_db = database;
    m_pending.clear(); // changes of the previous database mean nothing on the next
    m_timer->stop();
    if (!m_db)
        return;
    m_db->listen(QString::fromLatin1(Channel));
    connect(m_db, &Database::notified, this, &ChangeFeed::deliver);
}

Database* ChangeFeed::database() const
{
    return m_db;
}

void ChangeFeed::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void ChangeFeed::deliver(const QString& channel, const QString& payload)
{
    if (channel != QLatin1StringView(Channel))
        return;
    const std::optional<Change> c = Change::parse(payload);
    if (!c)
        return;
    if (!m_pending.contains(*c))
        m_pending << *c;
    if (!m_timer->isActive())
        m_timer->start();
}

void ChangeFeed::flush()
{
    if (m_pending.isEmpty())
        return;
    Q_EMIT changed(std::exchange(m_pending, {}));
}

} // namespace Bursar::Db
