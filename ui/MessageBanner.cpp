#include "MessageBanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_actions(new QHBoxLayout)
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(u"messageBannerText"_s);
    m_actions->setSpacing(4);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_actions);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::dismiss);
    hide();
}

void MessageBanner::showMessage(const QString& text, Type type, const QList<QAction*>& actions)
{
    m_type = type;
    m_text->setText(text);
    while (QLayoutItem* item = m_actions->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (QAction* action : actions) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_actions->addWidget(button);
    }
    applyType();
    show();
}

void MessageBanner::dismiss()
{
    if (isHidden())
        return;
    hide();
    Q_EMIT dismissed();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

void MessageBanner::applyType()
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString background = u"#e3f2fd"_s;
    QString border = u"#64b5f6"_s;
    switch (m_type) {
    case Type::Information:
        break;
    case Type::Positive:
        background = u"#e8f5e9"_s;
        border = u"#66bb6a"_s;
        break;
    case Type::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        background = u"#fff8e1"_s;
        border = u"#ffb300"_s;
        break;
    case Type::Error:
        icon = QStyle::SP_MessageBoxCritical;
        background = u"#ffebee"_s;
        border = u"#e57373"_s;
        break;
    }
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    // Selects this class only (uic renames the object), not the labels and buttons inside.
    setStyleSheet(u"Bursar--Ui--MessageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                  "QLabel#messageBannerText { color: #212121; }"_s.arg(background, border));
}

} // namespace Bursar::Ui
