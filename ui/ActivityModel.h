#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Bursar::Ui {

// The activity/issues list behind the Activity dock: every failure and notable event the console
// met, newest last, with its severity, source, the Stripe request id when there is one, and the id
// of the panel that can show the cause (for "jump to"). Bounded: the oldest entries are dropped.
class ActivityModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum class Severity { Info, Warning, Error };
    Q_ENUM(Severity)
    enum class Column { Time, Severity, Source, Message, RequestId, Count };
    enum Role { SeverityRole = Qt::UserRole + 1, PanelRole, RequestIdRole, RawValueRole };

    struct Entry
    {
        QDateTime time;
        Severity severity = Severity::Info;
        QString source;
        QString message;
        QString requestId;
        QString panelId;
    };

    explicit ActivityModel(QObject* parent = nullptr, int capacity = 500);

    void add(Severity severity, const QString& source, const QString& message, const QString& requestId = {},
             const QString& panelId = {});
    void clear();
    const Entry& entry(int row) const { return m_entries.at(row); }
    int errorCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString severityText(Severity s);

private:
    QList<Entry> m_entries;
    int m_capacity;
};

} // namespace Bursar::Ui
