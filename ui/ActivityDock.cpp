#include "ActivityDock.h"

#include "ActivityModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

ActivityDock::ActivityDock(ActivityModel* model, QWidget* parent)
    : QDockWidget(parent)
    , m_model(model)
    , m_view(new QTreeView)
    , m_clear(new QPushButton)
{
    setObjectName(u"activityDock"_s);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(int(ActivityModel::Column::Message), QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(int(ActivityModel::Column::Time), QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(int(ActivityModel::Column::Severity), QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(int(ActivityModel::Column::Source), QHeaderView::ResizeToContents);
    layout->addWidget(m_view);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_clear);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_clear, &QPushButton::clicked, model, &ActivityModel::clear);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString panel = index.data(ActivityModel::PanelRole).toString();
        if (!panel.isEmpty())
            Q_EMIT jumpRequested(panel);
    });
    connect(model, &QAbstractItemModel::rowsInserted, m_view, [this] { m_view->scrollToBottom(); });
    retranslate();
}

void ActivityDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void ActivityDock::retranslate()
{
    setWindowTitle(tr("Activity"));
    m_clear->setText(tr("Clear"));
}

} // namespace Bursar::Ui
