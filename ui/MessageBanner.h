#pragma once

#include <QFrame>
#include <QList>

class QLabel;
class QHBoxLayout;
class QToolButton;
class QAction;

namespace Bursar::Ui {

// An inline, dismissible message at the top of a panel or window for recoverable failures
// ("Cannot reach the database… [Retry] [Settings…]"). Hidden until showMessage(); the close
// button hides it again. Actions become buttons; the banner does not own them.
class MessageBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBanner)

public:
    enum class Type { Information, Positive, Warning, Error };
    Q_ENUM(Type)

    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text, Type type, const QList<QAction*>& actions = {});
    void dismiss();

    QString text() const;
    Type type() const { return m_type; }

Q_SIGNALS:
    void dismissed();

private:
    void applyType();

    QLabel* m_icon;
    QLabel* m_text;
    QHBoxLayout* m_actions;
    QToolButton* m_close;
    Type m_type = Type::Information;
};

} // namespace Bursar::Ui
