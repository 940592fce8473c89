#include "RepairPanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "MessageBanner.h"
#include "ReasonDialog.h"
#include "RepairModel.h"

#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/IdentityRepository.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Db::RepairAction;
using Models::RepairModel;

namespace {
QString pretty(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)).trimmed();
}
QString whenText(qint64 us)
{
    return RepairModel::shortTime(us);
}
} // namespace

// ------------------------------------------------------------------ the panel
RepairPanel::RepairPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"repair"_s, new RepairModel, parent)
    , m_model(static_cast<RepairModel*>(pagedModel()))
{
    FilterBar* bar = filterBar();
    m_search = bar->add(new TextFilter(u"repairSearch"_s, [] { return tr("Operation id, order id, ORD-… or assignee"); }), 2);
    m_state = bar->add(new ChoiceFilter(u"repairState"_s, [] { return tr("Any state"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (const QString& s : {u"needs_attention"_s, u"pending"_s})
            items.append({Core::Status::text(Core::StatusKind::Operation, s), s});
        return items;
    }));
    m_assigned = bar->add(new CheckFilter(u"repairAssigned"_s, [] {
        //: filter: operations handed to a person
        return tr("Handed to someone");
    }));
    connect(bar, &FilterBar::changed, this, &RepairPanel::applyFilter);
    connect(m_search, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    using Column = RepairModel::Column;
    view()->setSelectionMode(QAbstractItemView::SingleSelection);
    setMoneyColumns({int(Column::Reserved)});
    setStatusColumn(int(Column::State), Core::StatusKind::Operation, RepairModel::StatusRole);
    const QFontMetrics fm = view()->fontMetrics();
    setColumnContents({fm.horizontalAdvance(u"Needs attention"_s) + 24, fm.horizontalAdvance(u"0000000"_s),
                       fm.horizontalAdvance(u"refund"_s), fm.horizontalAdvance(u"ORD-000000"_s),
                       fm.horizontalAdvance(u"000,000.00 USD"_s), fm.horizontalAdvance(u"000"_s),
                       fm.horizontalAdvance(u"No definite answer from Stripe"_s), fm.horizontalAdvance(u"t_finance"_s),
                       fm.horizontalAdvance(u"Re-check at Stripe: done"_s)});
    view()->horizontalHeader()->setSortIndicator(int(Column::Operation), Qt::DescendingOrder);
    restoreHeader();
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln operation(s) to repair", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 operations to repair").arg(QLocale().toString(c.value));
    });

    // the detail: what Bursar sent beside what Stripe says now, the reserved money, the actions
    m_title = new QLabel(this);
    m_title->setObjectName(u"repairTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto plain = [this](const QString& name) {
        auto* e = new QPlainTextEdit(this);
        e->setObjectName(name);
        e->setReadOnly(true);
        e->setLineWrapMode(QPlainTextEdit::NoWrap);
        return e;
    };
    m_sent = plain(u"repairSent"_s);
    m_stripe = plain(u"repairStripe"_s);
    m_sentLabel = new QLabel(this);
    m_stripeLabel = new QLabel(this);
    m_reserved = new QLabel(this);
    m_reserved->setObjectName(u"repairReserved"_s);
    m_assignee = new QLabel(this);
    m_assignee->setObjectName(u"repairAssigneeText"_s);
    m_assignee->setWordWrap(true);
    m_lastRepair = new QLabel(this);
    m_lastRepair->setObjectName(u"repairLast"_s);
    m_lastRepair->setWordWrap(true);
    auto makeButton = [this](const QString& name, RepairAction action) {
        auto* b = new QPushButton(this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, [this, action] { ask(action); });
        return b;
    };
    m_recheck = makeButton(u"repairRecheck"_s, RepairAction::Recheck);
    m_markDone = makeButton(u"repairMarkDone"_s, RepairAction::MarkDone);
    m_release = makeButton(u"repairRelease"_s, RepairAction::Release);
    m_assign = makeButton(u"repairAssign"_s, RepairAction::Assign);

    auto* pane = new QWidget(this);
    pane->setObjectName(u"repairDetail"_s);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    auto* sides = new QGridLayout;
    sides->addWidget(m_sentLabel, 0, 0);
    sides->addWidget(m_stripeLabel, 0, 1);
    sides->addWidget(m_sent, 1, 0);
    sides->addWidget(m_stripe, 1, 1);
    layout->addLayout(sides, 1);
    layout->addWidget(m_reserved);
    layout->addWidget(m_assignee);
    layout->addWidget(m_lastRepair);
    auto* buttons = new QHBoxLayout;
    for (auto* b : {m_recheck, m_markDone, m_release, m_assign})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    splitter()->setOrientation(Qt::Vertical);
    setDetailPane(pane, 3, 3);

    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        showRow(current.isValid() ? m_model->rowAt(current.row()) : nullptr);
    });
    connect(m_model, &RepairModel::pageLoaded, this, [this](int, bool first) {
        if (first && m_model->rowCount() > 0 && !view()->currentIndex().isValid())
            view()->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_model, &RepairModel::rowsRefreshed, this, [this] {
        const QModelIndex current = view()->currentIndex();
        if (m_shown && m_model->rowOfId(m_shown->id) < 0)
            showRow(nullptr); // settled: it left the repair centre
        else if (current.isValid())
            showRow(m_model->rowAt(current.row()));
    });
    connect(m_model, &RepairModel::failed, this, [this](const QString& message) {
        banner()->showMessage(tr("The operations to repair could not be read: %1").arg(message),
                              MessageBanner::Type::Error);
    });
    connect(&context, &ConsoleContext::databaseChanged, this, &RepairPanel::useDatabase);
    connect(&context, &ConsoleContext::staffChanged, this, &RepairPanel::updateButtons);
    connect(context.changes(), &Db::ChangeFeed::changed, this, &RepairPanel::onChanges);
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (isVisible() && m_db)
            m_model->reload();
    });
    retranslate();
    showRow(nullptr);
    useDatabase(context.database());
}

RepairPanel::~RepairPanel() = default;

QPushButton* RepairPanel::button(RepairAction action) const
{
    switch (action) {
    case RepairAction::Recheck: return m_recheck;
    case RepairAction::MarkDone: return m_markDone;
    case RepairAction::Release: return m_release;
    case RepairAction::Assign: break;
    }
    return m_assign;
}

QString RepairPanel::sentText() const
{
    return m_sent->toPlainText();
}
QString RepairPanel::stripeText() const
{
    return m_stripe->toPlainText();
}
QString RepairPanel::reservedText() const
{
    return m_reserved->text();
}

void RepairPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Repair"));
    //: repair centre: the request Bursar journalled and sent to Stripe
    m_sentLabel->setText(tr("What Bursar sent"));
    //: repair centre: Stripe's object as the agent fetched it at the last re-check
    m_stripeLabel->setText(tr("What Stripe says now"));
    for (auto a : {RepairAction::Recheck, RepairAction::MarkDone, RepairAction::Release, RepairAction::Assign})
        button(a)->setText(RepairModel::actionText(Db::repairActionName(a)) + u'…');
    showRow(m_shown ? &*m_shown : nullptr);
}

void RepairPanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_shown.reset();
    m_model->setDatabase(database);
    if (database)
        applyFilter();
    showRow(nullptr);
}

void RepairPanel::applyFilter()
{
    Db::RepairQuery q = m_model->query();
    q.filter = {};
    if (const auto s = m_state->code(); s && !s->isEmpty())
        q.filter.state = *s;
    if (m_assigned->isChecked())
        q.filter.assigned = true;
    q.filter.search = m_search->text();
    if (q == m_model->query() && m_model->isStarted())
        return;
    m_model->setQuery(q);
}

void RepairPanel::onChanges(const QList<Db::Change>& changes)
{
    if (!m_db)
        return;
    QList<qint64> ids;
    bool all = false;
    for (const Db::Change& c : changes) {
        if (c.table != u"operations")
            continue;
        if (c.isBulk())
            all = true;
        else
            ids << *c.id;
    }
    if (all) {
        m_model->reload();
        return;
    }
    if (!ids.isEmpty())
        m_model->refreshRows(ids); // a new stuck operation is placed, a settled one leaves
}

void RepairPanel::showRow(const Db::RepairRow* row)
{
    if (!row) {
        m_shown.reset();
        m_title->setText(tr("Select an operation to see what Bursar sent and what Stripe says now."));
        m_sent->clear();
        m_stripe->clear();
        m_reserved->clear();
        m_assignee->clear();
        m_lastRepair->clear();
        updateButtons();
        return;
    }
    m_shown = *row;
    const QString state = Core::Status::text(Core::StatusKind::Operation, row->state);
    m_title->setText(tr("Operation %1 (%2) of order %3: %4, %Ln attempt(s). %5", nullptr, row->attempts)
                         .arg(row->id)
                         .arg(row->kind, row->orderPublicId.isEmpty() ? tr("none") : row->orderPublicId, state,
                              row->error));
    QString sent = pretty(row->request);
    sent += u"\n\n"_s + tr("Idempotency key: %1").arg(row->idempotencyKey);
    if (!row->stripeRequestId.isEmpty())
        sent += u"\n"_s + tr("Stripe request id: %1").arg(row->stripeRequestId);
    if (row->lastAttemptUs > 0)
        sent += u"\n"_s + tr("Last attempt: %1").arg(whenText(row->lastAttemptUs));
    m_sent->setPlainText(sent);
    if (row->stripeView.isEmpty()) {
        m_stripe->setPlainText(tr("Not re-checked yet. Re-check at Stripe to see what Stripe has for this operation."));
    } else {
        const QString found = row->stripeView.value("found"_L1).toString();
        QString head;
        if (found == u"object")
            head = tr("Stripe has it: %1").arg(row->stripeView.value("summary"_L1).toString());
        else if (found == u"nothing")
            head = tr("Stripe has nothing for this operation: %1").arg(row->stripeView.value("summary"_L1).toString());
        else
            head = tr("Stripe could not be asked: %1").arg(row->stripeView.value("error"_L1).toString());
        head += u"\n"_s + tr("Looked up by %1 at %2 (request %3)")
                              .arg(row->stripeView.value("looked_up_by"_L1).toString(), whenText(row->stripeViewUs),
                                   row->stripeView.value("request_id"_L1).toString());
        const QJsonObject object = row->stripeView.value("object"_L1).toObject();
        m_stripe->setPlainText(object.isEmpty() ? head : head + u"\n\n"_s + pretty(object));
    }
    if (const auto money = row->reserved())
        m_reserved->setText(tr("Reserved until it settles: %1").arg(money->format()));
    else
        m_reserved->setText(tr("Reserves no money."));
    m_assignee->setText(row->assignee.isEmpty()
                            ? tr("Not handed to anyone.")
                            : tr("Handed to %1 by %2 on %3: %4")
                                  .arg(row->assignee, row->assignedBy, whenText(row->assignedUs), row->assigneeNote));
    const QString last = RepairModel::lastRepairText(*row);
    m_lastRepair->setText(last.isEmpty() ? QString() : tr("Last repair (by %1): %2").arg(row->repairBy, last));
    updateButtons();
}

void RepairPanel::updateButtons()
{
    const Db::StaffMember& staff = context().staff();
    const bool may = staff.mayApproveRefunds && staff.active; // acts as finance: finance and admin
    const bool row = m_shown.has_value() && m_db;
    const bool free = row && !m_shown->repairRunning();
    const QString found = row ? m_shown->stripeView.value("found"_L1).toString() : QString();
    m_recheck->setEnabled(may && free);
    m_markDone->setEnabled(may && free && found == u"object"); // Stripe showed it at the last re-check
    m_release->setEnabled(may && free && found == u"nothing"); // Stripe showed nothing at the last re-check
    m_assign->setEnabled(may && row);
    const QString why = !may ? tr("Repairs are for finance and admin staff.")
        : !row             ? QString()
        : !free            ? tr("A repair of this operation is being carried out.")
                           : QString();
    for (auto* b : {m_recheck, m_markDone, m_release, m_assign})
        b->setToolTip(why);
    if (may && free && found != u"object")
        m_markDone->setToolTip(tr("Re-check first: only an operation Stripe shows can be marked done."));
    if (may && free && found != u"nothing")
        m_release->setToolTip(tr("Re-check first: only an operation Stripe has nothing for can be released."));
}

void RepairPanel::ask(RepairAction action)
{
    if (!m_shown || !button(action)->isEnabled())
        return;
    const auto money = m_shown->reserved();
    QString restatement;
    switch (action) {
    case RepairAction::Recheck:
        restatement = tr("The agent asks Stripe what it has for operation %1 and shows it here. Nothing else changes.")
                          .arg(m_shown->id);
        break;
    case RepairAction::MarkDone:
        restatement = tr("The agent asks Stripe again and, only if Stripe shows the operation happened, records "
                         "Stripe's outcome (%1).")
                          .arg(money ? money->format() : tr("no amount"));
        break;
    case RepairAction::Release:
        restatement = tr("The agent asks Stripe again and, only if Stripe has nothing for it, fails the operation and "
                         "releases %1.")
                          .arg(money ? money->format() : tr("what it reserved"));
        break;
    case RepairAction::Assign:
        restatement = tr("Hand operation %1 to a person; nothing is sent to Stripe.").arg(m_shown->id);
        break;
    }
    if (m_dialog)
        m_dialog->deleteLater();
    const QString name = RepairModel::actionText(Db::repairActionName(action));
    ReasonDialog::Options o;
    o.title = tr("%1 — operation %2").arg(name).arg(m_shown->id);
    o.restatement = restatement;
    o.okText = name;
    o.withNote = true;
    o.withAssignee = action == RepairAction::Assign;
    m_dialog = new ReasonDialog(o, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, action, d = m_dialog] { send(action, d); });
    m_dialog->open();
}

void RepairPanel::send(RepairAction action, ReasonDialog* dialog)
{
    if (!dialog || !m_shown || !m_db)
        return;
    const qint64 id = m_shown->id;
    Db::RepairRepository::request(m_db, id, action, dialog->reason(), dialog->note(), dialog->assignee())
        .then(this,
              [this, id, action](qint64) {
                  banner()->showMessage(action == RepairAction::Assign
                                            ? tr("Operation %1 was handed over.").arg(id)
                                            : tr("%1 of operation %2 requested; the agent carries it out.")
                                                  .arg(RepairModel::actionText(Db::repairActionName(action)))
                                                  .arg(id),
                                        MessageBanner::Type::Information);
                  m_model->refreshRows({id});
              })
        .onFailed(this, [this](const Db::Error& e) {
            banner()->showMessage(tr("The repair was not requested: %1").arg(e.message()), MessageBanner::Type::Error);
        });
}

} // namespace Bursar::Ui
