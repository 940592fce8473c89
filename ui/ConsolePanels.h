#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

#include <functional>

class QIcon;
class QWidget;

namespace Bursar::Db {
struct StaffMember;
}

namespace Bursar::Ui {

class ConsoleContext;

// One panel of the console as the main window registers it: its id (settings, the Activity dock's
// jumps, the command palette), its title, icon and shortcut, and the factory that builds it from the
// console context. The window builds every panel of consolePanels(), in that order.
struct PanelRegistration
{
    QString id;
    const char* title;        // English; translated under the context "Bursar::Ui::ConsolePanels"
    QString themeIcon;        // freedesktop icon name, or empty
    QString fallbackIcon;     // resource path used when the theme has no such icon
    QKeySequence shortcut;    // "show this panel"
    std::function<QWidget*(ConsoleContext&)> create;
    // Who the panel is for (what PostgreSQL lets them do, read by the context); empty: everyone. A panel
    // someone may not read is not listed for them (navigation, View menu, shortcut, command palette):
    // the server would refuse every row, so an entry would only lead to a refusal.
    std::function<bool(const Db::StaffMember&)> mayShow = {};

    QString translatedTitle() const;
    QIcon icon() const;
};

// The console's panels, in navigation order: one table (ConsolePanels.cpp). A new panel is one line there.
const QList<PanelRegistration>& consolePanels();

} // namespace Bursar::Ui
