#pragma once

#include <QElapsedTimer>
#include <QFrame>
#include <QKeySequence>
#include <QPointer>

#include <functional>

class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;

namespace Bursar::Db {
struct IdHit;
}

namespace Bursar::Ui {

class MainWindow;
class PaletteModel;

// The command palette (Ctrl+K, Ctrl+Shift+P): a popup over the main window with a search box and
// a list. It lists every panel, every enabled action of the window's menus and of the current panel
// (its QActions and its visible, enabled buttons), matched as you type (prefix, word start,
// substring, then letters in order); and, when the text is an id (ORD-…, an order number, ch_, pi_,
// re_, acct_, dp_, po_, tr_), what that id names, looked up on a database worker by exact match on an
// indexed column (Db::IdLookup). A newer keystroke drops the answer of an older lookup. Up/Down move,
// Enter runs, Escape closes.
//   auto* palette = new CommandPalette(window);
//   palette->popup();
class CommandPalette final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    enum class Category { GoTo, Panel, Action, Note };
    struct Command
    {
        QString title;
        QString detail;       // dimmed after the title: the panel or menu, the order's seller and amount
        Category category = Category::Action;
        QKeySequence shortcut;
        std::function<void()> run; // empty for a note ("Looking up…", "Nothing found")
        bool enabled = true;
    };

    explicit CommandPalette(MainWindow* window);
    ~CommandPalette() override;

    // Collects the commands anew, clears the text and shows the palette over the window.
    void popup();

    QLineEdit* input() const { return m_input; }
    QListView* list() const { return m_list; }
    // The rows shown now, in order ("Refunds", "Order ORD-0000001", "Nothing found for …").
    QStringList titles() const;
    Category categoryAt(int row) const;
    bool isLookingUp() const { return m_lookingUp; }
    // Milliseconds from the keystroke that started the last id lookup to its rows being shown.
    qint64 lastLookupMs() const { return m_lastLookupMs; }

    static QString categoryText(Category category);

Q_SIGNALS:
    // The rows of an id lookup are shown (hits: how many objects the id named).
    void lookupFinished(int hits);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void collect();
    void collectPanelActions(QWidget* panel, const QString& panelTitle);
    void addAction(QAction* action, const QString& detail);
    void onTextChanged(const QString& text);
    void refilter();
    void showHits(const QString& id, const QList<Db::IdHit>& hits);
    void showNote(const QString& text);
    void activate(const QModelIndex& index);
    void moveCurrent(int delta);
    void place();
    void retranslate();

    MainWindow* m_window;
    QPointer<QWidget> m_returnFocus;
    QLineEdit* m_input;
    QListView* m_list;
    QLabel* m_hint;
    PaletteModel* m_model;
    QList<Command> m_commands; // panels and actions, collected at popup()
    QList<Command> m_goTo;     // what the typed id names (or a note)
    QStringList m_seen;        // normalised titles already collected
    quint64 m_generation = 0;
    bool m_lookingUp = false;
    bool m_runWhenFound = false;
    QElapsedTimer m_lookupClock;
    qint64 m_lastLookupMs = -1;
};

} // namespace Bursar::Ui
