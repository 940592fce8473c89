#pragma once

#include <QStyledItemDelegate>

namespace Bursar::Ui {

// Paints a status (the model's status role holds the enum label, DisplayRole the words) as a
// rounded badge coloured from one theme table: good, waiting, warning, bad, neutral.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    enum class Tone { Neutral, Waiting, Good, Warning, Bad };
    explicit StatusBadgeDelegate(int statusRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static Tone toneOf(const QString& status);
    // Background and text colours of a tone for a palette (light or dark).
    static std::pair<QColor, QColor> colors(Tone tone, const QPalette& palette);

private:
    int m_role;
};

} // namespace Bursar::Ui
