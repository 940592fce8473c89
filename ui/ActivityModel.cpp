#include "ActivityModel.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace Bursar::Ui {

ActivityModel::ActivityModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
}

void ActivityModel::add(Severity severity, const QString& source, const QString& message, const QString& requestId,
                        const QString& panelId)
{
    if (m_entries.size() >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(Entry{QDateTime::currentDateTime(), severity, source, message, requestId, panelId});
    endInsertRows();
}

void ActivityModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int ActivityModel::errorCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry& e) { return e.severity == Severity::Error; }));
}

int ActivityModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString ActivityModel::severityText(Severity s)
{
    switch (s) {
    case Severity::Info:
        return tr("Information");
    case Severity::Warning:
        return tr("Warning");
    case Severity::Error:
        return tr("Error");
    }
    return {};
}

QVariant ActivityModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case SeverityRole:
        return QVariant::fromValue(e.severity);
    case PanelRole:
        return e.panelId;
    case RequestIdRole:
        return e.requestId;
    case RawValueRole:
        switch (column) {
        case Column::Time:
            return e.time;
        case Column::Severity:
            return int(e.severity);
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (column) {
        case Column::Time:
            return QLocale().toString(e.time.time(), QLocale::ShortFormat);
        case Column::Severity:
            return severityText(e.severity);
        case Column::Source:
            return e.source;
        case Column::Message:
            return e.message;
        case Column::RequestId:
            return e.requestId;
        case Column::Count:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Message || column == Column::Time)
            return QString(QLocale().toString(e.time, QLocale::LongFormat) + QLatin1Char('\n') + e.message);
        return {};
    case Qt::DecorationRole:
        if (column != Column::Severity)
            return {};
        switch (e.severity) {
        case Severity::Info:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        case Severity::Warning:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case Severity::Error:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        }
        return {};
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Severity:
        return tr("Severity");
    case Column::Source:
        return tr("Source");
    case Column::Message:
        return tr("Message");
    case Column::RequestId:
        //: Stripe's request id (req_...), quoted when contacting Stripe support
        return tr("Request id");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace Bursar::Ui
