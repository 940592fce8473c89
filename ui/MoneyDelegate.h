#pragma once

#include <QStyledItemDelegate>

namespace Bursar::Ui {

// Paints the model's MoneyRole (Bursar::Core::Money): right-aligned, tabular digits, negative
// amounts in the theme's negative colour. Anything else is painted as usual.
class MoneyDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MoneyDelegate)

public:
    explicit MoneyDelegate(int moneyRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor negativeColor(const QPalette& palette);

private:
    int m_role;
};

} // namespace Bursar::Ui
