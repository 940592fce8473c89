#pragma once

#include <QDockWidget>

class QTreeView;
class QPushButton;

namespace Bursar::Ui {

class ActivityModel;

// The "Activity" dock: the ActivityModel in a list; activating an entry that names a panel asks
// the main window to show that panel (jumpRequested).
class ActivityDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityDock)

public:
    ActivityDock(ActivityModel* model, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }

Q_SIGNALS:
    void jumpRequested(const QString& panelId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    ActivityModel* m_model;
    QTreeView* m_view;
    QPushButton* m_clear;
};

} // namespace Bursar::Ui
