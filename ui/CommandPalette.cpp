#include "CommandPalette.h"

#include "MainWindow.h"
#include "ConsoleContext.h"

#include "core/Money.h"
#include "db/Database.h"
#include "db/IdLookup.h"

#include <QAbstractButton>
#include <QAbstractListModel>
#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QScreen>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
constexpr int CategoryRole = Qt::UserRole + 1;
constexpr int ShortcutRole = Qt::UserRole + 2;
constexpr int DetailRole = Qt::UserRole + 3;
constexpr int MaxRows = 12;

QString plainText(QString text)
{
    // "&Settings…" -> "Settings…", "R&&D" -> "R&D"
    text.replace(u"&&"_s, QChar(0x1));
    text.remove(u'&');
    text.replace(QChar(0x1), u'&');
    return text.simplified();
}

QString seenKey(const QString& title)
{
    QString k = title.toCaseFolded();
    k.remove(u"…"_s);
    k.remove(u"..."_s);
    return k.trimmed();
}

// Lower is better; -1: no match. Prefix, then a word's start, then a substring, then the letters in order.
int matchScore(const QString& title, const QString& typed)
{
    if (typed.isEmpty())
        return 0;
    const QString t = title.toCaseFolded();
    const QString q = typed.toCaseFolded();
    if (t.startsWith(q))
        return 0;
    const qsizetype at = t.indexOf(q);
    if (at > 0 && !t.at(at - 1).isLetterOrNumber())
        return 1;
    if (at > 0)
        return 2;
    qsizetype i = 0;
    for (const QChar c : q) {
        if (c.isSpace())
            continue;
        i = t.indexOf(c, i);
        if (i < 0)
            return -1;
        ++i;
    }
    return 3;
}

QString money(qint64 minor, const QString& code)
{
    const auto currency = Core::Currency::fromCode(code);
    if (!currency)
        return {};
    return Core::Money(minor, *currency).formatAmount() + u' ' + code;
}
} // namespace

// ------------------------------------------------------------------------------------------ model

class PaletteModel final : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;

    void setRows(QList<CommandPalette::Command> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const CommandPalette::Command* at(int row) const
    {
        return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
    }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex& index, int role) const override
    {
        const CommandPalette::Command* c = at(index.row());
        if (!c)
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return c->title;
        case Qt::ToolTipRole:
            return c->detail.isEmpty() ? c->title : c->title + u" — "_s + c->detail;
        case CategoryRole:
            return c->category == CommandPalette::Category::Note ? QString()
                                                                  : CommandPalette::categoryText(c->category);
        case ShortcutRole:
            return c->shortcut.toString(QKeySequence::NativeText);
        case DetailRole:
            return c->detail;
        default:
            return {};
        }
    }
    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        const CommandPalette::Command* c = at(index.row());
        if (!c)
            return Qt::NoItemFlags;
        return c->enabled && c->run ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
    }

private:
    QList<CommandPalette::Command> m_rows;
};

// One row: the category dimmed on the left, the title, its detail dimmed, the shortcut on the right.
class PaletteDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString title = opt.text;
        opt.text.clear();
        QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const bool enabled = index.flags() & Qt::ItemIsEnabled;
        const QPalette::ColorGroup group = enabled ? QPalette::Normal : QPalette::Disabled;
        const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        QColor dim = text;
        dim.setAlphaF(0.6f);
        const QFontMetrics fm(opt.font);
        const int pad = fm.averageCharWidth();
        QRect r = opt.rect.adjusted(pad, 0, -pad, 0);

        painter->save();
        painter->setFont(opt.font);
        const QString category = index.data(CategoryRole).toString();
        const int categoryWidth = fm.horizontalAdvance(u"Go to  Action"_s) / 2 + 3 * pad;
        if (!category.isEmpty()) {
            painter->setPen(dim);
            painter->drawText(QRect(r.left(), r.top(), categoryWidth - pad, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                              fm.elidedText(category, Qt::ElideRight, categoryWidth - pad));
        }
        r.setLeft(r.left() + categoryWidth);
        const QString shortcut = index.data(ShortcutRole).toString();
        if (!shortcut.isEmpty()) {
            const int w = fm.horizontalAdvance(shortcut);
            painter->setPen(dim);
            painter->drawText(r, Qt::AlignVCenter | Qt::AlignRight, shortcut);
            r.setRight(r.right() - w - 2 * pad);
        }
        const QString shownTitle = fm.elidedText(title, Qt::ElideRight, r.width());
        painter->setPen(text);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, shownTitle);
        const QString detail = index.data(DetailRole).toString();
        const int used = fm.horizontalAdvance(shownTitle) + 2 * pad;
        if (!detail.isEmpty() && used < r.width()) {
            painter->setPen(dim);
            painter->drawText(r.adjusted(used, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                              fm.elidedText(detail, Qt::ElideRight, r.width() - used));
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height(), option.fontMetrics.height() + 12));
        return s;
    }
};

// ------------------------------------------------------------------------------------------ palette

CommandPalette::CommandPalette(MainWindow* window)
    : QFrame(window, Qt::Popup | Qt::FramelessWindowHint)
    , m_window(window)
    , m_input(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_hint(new QLabel(this))
    , m_model(new PaletteModel(this))
{
    setObjectName(u"commandPalette"_s);
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_WindowPropagation);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_input->setObjectName(u"paletteInput"_s);
    m_input->setClearButtonEnabled(true);
    m_input->setMaxLength(300);
    QFont big = m_input->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_input->setFont(big);
    m_input->installEventFilter(this);
    layout->addWidget(m_input);
    m_list->setObjectName(u"paletteList"_s);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new PaletteDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_list, 1);
    m_hint->setObjectName(u"paletteHint"_s);
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_hint->setFont(small);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::onTextChanged);
    // Text boxes take Ctrl+K (delete to the end of the line) before window shortcuts see it: the palette wins.
    qApp->installEventFilter(this);
    connect(m_list, &QListView::clicked, this, &CommandPalette::activate);
    retranslate();
}

CommandPalette::~CommandPalette() = default;

QString CommandPalette::categoryText(Category category)
{
    switch (category) {
    case Category::GoTo:
        //: Command palette: a row that opens what an id names (an order, a seller...)
        return tr("Go to");
    case Category::Panel:
        //: Command palette: a row that switches to a panel
        return tr("Panel");
    case Category::Action:
        //: Command palette: a row that runs an action (refund, export, copy...)
        return tr("Action");
    case Category::Note:
        break;
    }
    return {};
}

void CommandPalette::retranslate()
{
    m_input->setPlaceholderText(tr("Type a panel, an action, or paste an id (ORD-…, pi_…, ch_…, acct_…)"));
    m_hint->setText(tr("↑↓ to move · Enter to run · Esc to close"));
}

void CommandPalette::hideEvent(QHideEvent* event)
{
    ++m_generation; // an answer that comes after closing is not shown
    m_lookingUp = false;
    m_runWhenFound = false;
    QFrame::hideEvent(event);
    // Back to the window, and to where the user was typing or selecting.
    m_window->activateWindow();
    if (m_returnFocus && m_returnFocus->isVisible())
        m_returnFocus->setFocus(Qt::PopupFocusReason);
    m_returnFocus.clear();
}

void CommandPalette::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void CommandPalette::popup()
{
    if (QWidget* focus = QApplication::focusWidget(); focus && focus->window() == m_window)
        m_returnFocus = focus;
    collect();
    {
        const QSignalBlocker block(m_input);
        m_input->clear();
    }
    ++m_generation;
    m_goTo.clear();
    m_lookingUp = false;
    refilter();
    place();
    show();
    raise();
    activateWindow();
    m_input->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::place()
{
    const int rowHeight = std::max(m_list->sizeHintForRow(0), fontMetrics().height() + 12);
    const int width = std::clamp(m_window->width() * 3 / 5, std::min(420, m_window->width()), 760);
    // As tall as the rows shown (at most MaxRows), so that a single hit is not a tall empty box.
    const int rows = std::clamp(m_model->rowCount(), 1, MaxRows);
    const int height = m_input->sizeHint().height() + m_hint->sizeHint().height() + rowHeight * rows
        + 2 * m_list->frameWidth() + 24;
    resize(width, height);
    const QPoint topCentre = m_window->mapToGlobal(QPoint(m_window->width() / 2, 0));
    int top = topCentre.y() + std::min(80, m_window->height() / 10);
    move(topCentre.x() - width / 2, top);
}

void CommandPalette::collect()
{
    m_commands.clear();
    m_seen.clear();
    // Panels, in navigation order, with their Ctrl+1… shortcuts.
    for (const QString& id : m_window->panelIds()) {
        QWidget* panel = m_window->panel(id);
        Command c;
        c.title = panel->windowTitle();
        c.category = Category::Panel;
        if (QAction* a = m_window->panelAction(id))
            c.shortcut = a->shortcut();
        c.run = [w = QPointer<MainWindow>(m_window), id] {
            if (w)
                w->showPanel(id);
        };
        m_commands << c;
    }
    // The current panel's actions and buttons first: they are what the user is working on.
    if (QWidget* panel = m_window->panel(m_window->currentPanelId()))
        collectPanelActions(panel, panel->windowTitle());
    // Then every menu's.
    const std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
        for (QAction* a : menu->actions()) {
            if (a->menu())
                walk(a->menu(), plainText(a->menu()->title()));
            else
                addAction(a, path);
        }
    };
    for (QAction* top : m_window->menuBar()->actions())
        if (top->menu())
            walk(top->menu(), plainText(top->menu()->title()));
}

void CommandPalette::addAction(QAction* a, const QString& detail)
{
    if (a->isSeparator() || a->menu() || !a->isEnabled() || !a->isVisible() || a == m_window->commandPaletteAction()
        || a->objectName().startsWith(u"_q_"_s) || a->property("panelId").isValid())
        return;
    const QString title = plainText(a->text());
    if (title.isEmpty() || m_seen.contains(seenKey(title)))
        return;
    m_seen << seenKey(title);
    Command c;
    c.title = a->isCheckable() ? (a->isChecked() ? tr("Hide %1") : tr("Show %1")).arg(title) : title;
    c.detail = detail;
    c.category = Category::Action;
    c.shortcut = a->shortcut();
    c.run = [action = QPointer<QAction>(a)] {
        if (action && action->isEnabled())
            action->trigger();
    };
    m_commands << c;
}

void CommandPalette::collectPanelActions(QWidget* panel, const QString& panelTitle)
{
    QList<QWidget*> widgets{panel};
    widgets << panel->findChildren<QWidget*>();
    // QActions first (they carry the shortcuts), then the buttons that have no action of that name.
    for (QWidget* w : std::as_const(widgets)) {
        if (w != panel && !w->isVisibleTo(panel))
            continue;
        for (QAction* a : w->actions())
            addAction(a, panelTitle);
    }
    for (QWidget* w : std::as_const(widgets)) {
        auto* b = qobject_cast<QAbstractButton*>(w);
        if (!b || !b->isEnabled() || !b->isVisibleTo(panel))
            continue;
        if (auto* tb = qobject_cast<QToolButton*>(b); tb && tb->defaultAction())
            continue;
        const QString title = plainText(b->text());
        if (title.isEmpty() || !title.front().isLetterOrNumber() || m_seen.contains(seenKey(title)))
            continue;
        m_seen << seenKey(title);
        Command c;
        c.title = title;
        c.detail = panelTitle;
        c.category = Category::Action;
        c.shortcut = b->shortcut();
        c.run = [button = QPointer<QAbstractButton>(b)] {
            if (button && button->isEnabled())
                button->click();
        };
        m_commands << c;
    }
}

void CommandPalette::onTextChanged(const QString& text)
{
    ++m_generation;
    m_goTo.clear();
    m_lookingUp = false;
    m_runWhenFound = false;
    const QString id = Db::IdLookup::normalise(text);
    if (id.isEmpty()) {
        refilter();
        return;
    }
    Db::Database* db = m_window->database();
    if (!db) {
        showNote(tr("Not connected: ids cannot be looked up."));
        return;
    }
    m_lookingUp = true;
    m_lookupClock.start();
    //: %1 an id (ORD-0001234, pi_…) being looked up in the database
    showNote(tr("Looking up %1…").arg(id));
    const quint64 generation = m_generation;
    Db::IdLookup::find(db, id)
        .then(this,
              [this, generation, id](const QList<Db::IdHit>& hits) {
                  if (generation != m_generation)
                      return; // the user typed on
                  showHits(id, hits);
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_generation)
                return;
            m_lookingUp = false;
            showNote(tr("The id could not be looked up: %1").arg(e.message().simplified()));
            Q_EMIT lookupFinished(0);
        })
        .onFailed(this, [this, generation] {
            if (generation != m_generation)
                return;
            m_lookingUp = false;
            showNote(tr("The id could not be looked up."));
            Q_EMIT lookupFinished(0);
        });
}

void CommandPalette::showNote(const QString& text)
{
    Command note;
    note.title = text;
    note.category = Category::Note;
    note.enabled = false;
    m_goTo = {note};
    refilter();
}

void CommandPalette::showHits(const QString& id, const QList<Db::IdHit>& hits)
{
    using Kind = Db::IdHit::Kind;
    m_lookingUp = false;
    m_goTo.clear();
    QPointer<MainWindow> window(m_window);
    // Through the console context: the panel that shows orders answers and brings itself forward.
    const auto openOrder = [window](qint64 orderId, const QString& publicId) {
        return [window, orderId, publicId] {
            if (window)
                window->context()->requestOrder(orderId, publicId);
        };
    };
    const auto sellerOrders = [window](qint64 sellerId, const QString& name) {
        return [window, sellerId, name] {
            if (window)
                window->context()->requestSellerOrders(sellerId, name);
        };
    };
    for (const Db::IdHit& h : hits) {
        Command c;
        c.category = Category::GoTo;
        const QString amount = money(h.amount, h.currency);
        const QString sellerAndAmount = amount.isEmpty() ? h.sellerName : h.sellerName + u" · "_s + amount;
        // an order and everything of one order (its charge, payment intent, refund, dispute) opens that order
        c.detail = sellerAndAmount;
        c.run = openOrder(h.orderId, h.publicId);
        switch (h.kind) {
        case Kind::Order:
            c.title = tr("Order %1").arg(h.publicId);
            break;
        case Kind::Charge:
            //: %1 a Stripe charge id (ch_…), %2 the order's public id
            c.title = tr("Charge %1 — order %2").arg(h.stripeId, h.publicId);
            break;
        case Kind::PaymentIntent:
            //: %1 a Stripe payment intent id (pi_…), %2 the order's public id
            c.title = tr("Payment intent %1 — order %2").arg(h.stripeId, h.publicId);
            break;
        case Kind::Refund:
            //: %1 a Stripe refund id (re_…), %2 the order's public id
            c.title = tr("Refund %1 — order %2").arg(h.stripeId, h.publicId);
            break;
        case Kind::Dispute:
            //: %1 a Stripe dispute id (dp_…), %2 the order's public id
            c.title = tr("Dispute %1 — order %2").arg(h.stripeId, h.publicId);
            break;
        case Kind::Seller:
            //: %1 a seller's name; the row opens the Orders panel filtered by that seller
            c.title = tr("Orders of seller %1").arg(h.sellerName);
            c.detail = h.stripeId;
            c.run = sellerOrders(h.sellerId, h.sellerName);
            break;
        case Kind::Payout: {
            Command payout;
            payout.category = Category::GoTo;
            //: %1 a Stripe payout or transfer id (po_…, tr_…); there is no Payouts panel yet
            payout.title = tr("Payout %1 (no panel yet)").arg(h.stripeId);
            payout.detail = sellerAndAmount;
            payout.run = [] {};
            payout.enabled = false;
            m_goTo << payout;
            c.title = tr("Orders of seller %1").arg(h.sellerName);
            c.detail.clear();
            c.run = sellerOrders(h.sellerId, h.sellerName);
            break;
        }
        }
        m_goTo << c;
    }
    if (hits.isEmpty()) {
        Command none;
        //: %1 the id typed or pasted into the command palette
        none.title = tr("Nothing found for %1").arg(id);
        none.category = Category::Note;
        none.enabled = false;
        m_goTo << none;
    }
    refilter();
    m_lastLookupMs = m_lookupClock.elapsed();
    Q_EMIT lookupFinished(int(hits.size()));
    if (std::exchange(m_runWhenFound, false) && !hits.isEmpty())
        activate(m_list->currentIndex());
}

void CommandPalette::refilter()
{
    const QString typed = m_input->text().trimmed();
    struct Scored
    {
        int score;
        int order;
    };
    QList<Scored> scored;
    for (int i = 0; i < m_commands.size(); ++i) {
        const Command& c = m_commands.at(i);
        int s = matchScore(c.title, typed);
        if (s < 0 && !c.detail.isEmpty() && matchScore(c.detail + u' ' + c.title, typed) >= 0)
            s = 4; // "refunds approve"
        if (s >= 0)
            scored << Scored{s, i};
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
    QList<Command> rows = m_goTo;
    for (const Scored& s : std::as_const(scored))
        rows << m_commands.at(s.order);
    if (rows.isEmpty() && !typed.isEmpty()) {
        Command none;
        //: %1 the text typed into the command palette
        none.title = tr("No command matches “%1”").arg(typed);
        none.category = Category::Note;
        none.enabled = false;
        rows << none;
    }
    m_model->setRows(rows);
    if (isVisible())
        place();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->flags(m_model->index(r)) & Qt::ItemIsEnabled) {
            m_list->setCurrentIndex(m_model->index(r));
            break;
        }
    }
}

QStringList CommandPalette::titles() const
{
    QStringList t;
    for (int r = 0; r < m_model->rowCount(); ++r)
        t << m_model->at(r)->title;
    return t;
}

CommandPalette::Category CommandPalette::categoryAt(int row) const
{
    const Command* c = m_model->at(row);
    return c ? c->category : Category::Note;
}

void CommandPalette::moveCurrent(int delta)
{
    const int n = m_model->rowCount();
    if (n == 0)
        return;
    int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : (delta > 0 ? -1 : n);
    const int step = delta > 0 ? 1 : -1;
    for (int moved = 0; moved < std::abs(delta);) {
        int next = row + step;
        while (next >= 0 && next < n && !(m_model->flags(m_model->index(next)) & Qt::ItemIsEnabled))
            next += step;
        if (next < 0 || next >= n)
            break;
        row = next;
        ++moved;
    }
    if (row >= 0 && row < n)
        m_list->setCurrentIndex(m_model->index(row));
}

void CommandPalette::activate(const QModelIndex& index)
{
    const Command* c = m_model->at(index.row());
    if (!c || !c->run || !c->enabled)
        return;
    const std::function<void()> run = c->run; // hiding may not change the rows, but keep a copy
    close();
    run();
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && watched != m_input) {
        auto* key = static_cast<QKeyEvent*>(event);
        const QKeySequence pressed(key->keyCombination());
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && widget->window() == m_window && m_window->commandPaletteAction()
            && m_window->commandPaletteAction()->shortcuts().contains(pressed)) {
            event->ignore();
            return true;
        }
        return false;
    }
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            moveCurrent(1);
            return true;
        case Qt::Key_Up:
            moveCurrent(-1);
            return true;
        case Qt::Key_PageDown:
            moveCurrent(MaxRows - 1);
            return true;
        case Qt::Key_PageUp:
            moveCurrent(-(MaxRows - 1));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_lookingUp)
                m_runWhenFound = true; // pasted and Enter at once: open what the id names when it is known
            else
                activate(m_list->currentIndex());
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Bursar::Ui
