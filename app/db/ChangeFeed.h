#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QTimer;

namespace Bursar::Db {

class Database;

// One change NOTIFYed on channel bursar_changes (resources/sql/migrations/0003_notify.sql):
// {"table":"orders","op":"UPDATE","id":123}, or, when one statement changed more than 50 rows,
// {"table":"orders","op":"UPDATE","id":null,"count":N} (refresh everything shown of that table).
struct Change
{
    enum class Op { Insert, Update, Delete };
    QString table;
    Op op = Op::Update;
    std::optional<qint64> id; // nullopt: a bulk change of `count` rows
    qint64 count = 1;

    bool isBulk() const { return !id.has_value(); }
    bool operator==(const Change&) const = default;

    // Parses a payload; nullopt when it is not one (a foreign sender, a newer format).
    static std::optional<Change> parse(const QString& payload);
};

// The console's one listener: LISTEN bursar_changes on a database, each payload parsed once into a
// Change, and the changes of a short window (default 100 ms, a commit's worth) handed out together,
// in order, with identical ones folded. Every panel connects to changed(); none parses JSON.
//
//   auto* feed = new ChangeFeed(this);
//   feed->setDatabase(db);   // follows the database the console uses (nullptr: none)
//   connect(feed, &ChangeFeed::changed, this, [](const QList<Db::Change>& changes) { ... });
//
// The agents' channel (bursar_operations: a journal row is due) is not listened to here.
class ChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeFeed)

public:
    static constexpr const char* Channel = "bursar_changes";

    explicit ChangeFeed(QObject* parent = nullptr);
    ~ChangeFeed() override;

    void setDatabase(Database* database);
    Database* database() const;
    // How long changes are gathered before changed() (0: at the next turn of the event loop).
    void setInterval(int ms);

    // Hands a payload on as if it had been NOTIFYed (tests, and the database's notified()).
    void deliver(const QString& channel, const QString& payload);

Q_SIGNALS:
    void changed(const QList<Bursar::Db::Change>& changes);

private:
    void flush();

    QPointer<Database> m_db;
    QTimer* m_timer;
    QList<Change> m_pending;
};

} // namespace Bursar::Db
