#include "ReconcilePanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "MessageBanner.h"
#include "ReasonDialog.h"
#include "ReconcileModel.h"

#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/IdentityRepository.h"

#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::ReconcileModel;

namespace {
QString whenText(qint64 us)
{
    return ReconcileModel::shortTime(us);
}
QString whenText(const QDateTime& t)
{
    return t.isValid() ? ReconcileModel::shortTime(t.toMSecsSinceEpoch() * 1000) : QString();
}
QString objectTypeText(const QString& type)
{
    if (type == u"charge") return ReconcilePanel::tr("Charges");
    if (type == u"refund") return ReconcilePanel::tr("Refunds");
    if (type == u"dispute") return ReconcilePanel::tr("Disputes");
    if (type == u"transfer") return ReconcilePanel::tr("Transfers");
    if (type == u"payout") return ReconcilePanel::tr("Payouts");
    //: reconciliation: Stripe's processing fees per currency against the books'
    if (type == u"fees") return ReconcilePanel::tr("Fees");
    return type;
}
} // namespace

ReconcilePanel::ReconcilePanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"reconcile"_s, new ReconcileModel, parent)
    , m_model(static_cast<ReconcileModel*>(pagedModel()))
{
    FilterBar* bar = filterBar();
    m_search = bar->add(new TextFilter(u"reconcileSearch"_s, [] { return tr("Stripe id, ORD-… or order id"); }), 2);
    m_type = bar->add(new ChoiceFilter(u"reconcileType"_s, [] { return tr("Any object"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (const QString& t : {u"charge"_s, u"refund"_s, u"dispute"_s, u"transfer"_s, u"payout"_s, u"fees"_s})
            items.append({objectTypeText(t), t});
        return items;
    }));
    m_resolved = bar->add(new CheckFilter(u"reconcileResolved"_s, [] {
        //: filter: also the differences already resolved
        return tr("Include resolved");
    }));
    connect(bar, &FilterBar::changed, this, &ReconcilePanel::applyFilter);
    connect(m_search, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    // the last run, and a new one
    m_runLabel = new QLabel(this);
    m_runLabel->setObjectName(u"reconcileRun"_s);
    m_runLabel->setWordWrap(true);
    m_runLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reconcile = new QPushButton(this);
    m_reconcile->setObjectName(u"reconcileNow"_s);
    connect(m_reconcile, &QPushButton::clicked, this, &ReconcilePanel::askReconcile);
    toolRow()->addWidget(m_reconcile);

    using Column = ReconcileModel::Column;
    view()->setSelectionMode(QAbstractItemView::SingleSelection);
    setMoneyColumns({int(Column::Difference)});
    setDateColumn(int(Column::FirstSeen));
    setDateColumn(int(Column::LastSeen));
    const QFontMetrics fm = view()->fontMetrics();
    setColumnContents({fm.horizontalAdvance(u"No longer differs"_s), fm.horizontalAdvance(u"The charge's refunded total differs"_s),
                       fm.horizontalAdvance(u"ch_3Nxxxxxxxxxxxxxxxx"_s), fm.horizontalAdvance(u"ORD-000000"_s),
                       fm.horizontalAdvance(u"Seller name here"_s), fm.horizontalAdvance(u"000,000.00 USD"_s),
                       fm.horizontalAdvance(u"000,000.00 USD"_s), fm.horizontalAdvance(u"+000,000.00"_s),
                       fm.horizontalAdvance(u"Replay the object's Stripe events"_s),
                       fm.horizontalAdvance(u"00/00/0000 00:00"_s), fm.horizontalAdvance(u"00/00/0000 00:00"_s)});
    view()->horizontalHeader()->setSortIndicator(int(Column::FirstSeen), Qt::DescendingOrder);
    restoreHeader();
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln difference(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 differences").arg(QLocale().toString(c.value));
    });

    // the detail: what differs, both sides, the suggested repair, and the resolution
    m_title = new QLabel(this);
    m_title->setObjectName(u"reconcileTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new QLabel(this);
    m_detail->setObjectName(u"reconcileDetail"_s);
    m_detail->setWordWrap(true);
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setTextFormat(Qt::PlainText);
    m_fixed = new QPushButton(this);
    m_fixed->setObjectName(u"reconcileFixed"_s);
    connect(m_fixed, &QPushButton::clicked, this, [this] { askResolve(Resolve::Fixed); });
    m_accepted = new QPushButton(this);
    m_accepted->setObjectName(u"reconcileAccepted"_s);
    connect(m_accepted, &QPushButton::clicked, this, [this] { askResolve(Resolve::Accepted); });

    auto* pane = new QWidget(this);
    pane->setObjectName(u"reconcileDetailPane"_s);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_runLabel);
    layout->addWidget(m_title);
    layout->addWidget(m_detail);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_fixed);
    buttons->addWidget(m_accepted);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(1);
    splitter()->setOrientation(Qt::Vertical);
    setDetailPane(pane, 3, 2);

    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        showRow(current.isValid() ? m_model->rowAt(current.row()) : nullptr);
    });
    connect(m_model, &ReconcileModel::pageLoaded, this, [this](int, bool first) {
        if (first && m_model->rowCount() > 0 && !view()->currentIndex().isValid())
            view()->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_model, &ReconcileModel::rowsRefreshed, this, [this] {
        const QModelIndex current = view()->currentIndex();
        if (m_shown && m_model->rowOfId(m_shown->id) < 0)
            showRow(nullptr); // resolved, and resolved ones are not shown
        else if (current.isValid())
            showRow(m_model->rowAt(current.row()));
    });
    connect(m_model, &ReconcileModel::failed, this, [this](const QString& message) {
        banner()->showMessage(tr("The differences could not be read: %1").arg(message), MessageBanner::Type::Error);
    });
    connect(&context, &ConsoleContext::databaseChanged, this, &ReconcilePanel::useDatabase);
    connect(&context, &ConsoleContext::staffChanged, this, &ReconcilePanel::updateButtons);
    connect(context.changes(), &Db::ChangeFeed::changed, this, &ReconcilePanel::onChanges);
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (isVisible() && m_db) {
            m_model->reload();
            loadRun();
        }
    });
    retranslate();
    showRow(nullptr);
    useDatabase(context.database());
}

ReconcilePanel::~ReconcilePanel() = default;

QString ReconcilePanel::runText() const
{
    return m_runLabel->text();
}
QString ReconcilePanel::detailText() const
{
    return m_title->text() + u'\n' + m_detail->text();
}

void ReconcilePanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Reconciliation"));
    m_reconcile->setText(tr("Reconcile now…"));
    //: resolve a reconciliation difference: the books or Stripe were corrected
    m_fixed->setText(tr("Mark fixed…"));
    //: resolve a reconciliation difference: it stands, on purpose
    m_accepted->setText(tr("Accept…"));
    showRun();
    showRow(m_shown ? &*m_shown : nullptr);
}

void ReconcilePanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_shown.reset();
    m_run = {};
    m_model->setDatabase(database);
    if (database) {
        applyFilter();
        loadRun();
    }
    showRun();
    showRow(nullptr);
}

void ReconcilePanel::applyFilter()
{
    Db::ReconcileQuery q = m_model->query();
    q.filter = {};
    q.filter.state = m_resolved->isChecked() ? Db::ReconcileFilter::State::All : Db::ReconcileFilter::State::Open;
    if (const auto t = m_type->code(); t && !t->isEmpty())
        q.filter.objectType = *t;
    q.filter.search = m_search->text();
    if (q == m_model->query() && m_model->isStarted())
        return;
    m_model->setQuery(q);
}

void ReconcilePanel::onChanges(const QList<Db::Change>& changes)
{
    if (!m_db)
        return;
    QList<qint64> ids;
    bool all = false;
    for (const Db::Change& c : changes) {
        if (c.table == u"reconciliation_runs") {
            loadRun();
        } else if (c.table == u"reconciliation_differences") {
            if (c.isBulk())
                all = true;
            else
                ids << *c.id;
        }
    }
    if (all)
        m_model->reload();
    else if (!ids.isEmpty())
        m_model->refreshRows(ids); // a new difference is placed, a resolved one leaves the open list
}

void ReconcilePanel::loadRun()
{
    if (!m_db)
        return;
    if (m_runLoading) {
        m_runAgain = true; // one read at a time; the latest state wins
        return;
    }
    m_runLoading = true;
    Db::ReconcileRepository::run(m_db, 0)
        .then(this,
              [this](const Db::ReconcileRun& run) {
                  m_runLoading = false;
                  const bool finishedNow = run.found && run.done() && (m_run.id != run.id || !m_run.done());
                  m_run = run;
                  showRun();
                  updateButtons();
                  if (finishedNow)
                      m_model->reload(); // what the run resolved leaves, what it found arrives
                  if (std::exchange(m_runAgain, false))
                      loadRun();
              })
        .onFailed(this, [this](const Db::Error& e) {
            m_runLoading = false;
            m_runAgain = false;
            m_runLabel->setText(tr("The last reconciliation could not be read: %1").arg(e.message()));
        });
}

void ReconcilePanel::showRun()
{
    if (!m_db) {
        m_runLabel->clear();
        return;
    }
    if (!m_run.found) {
        m_runLabel->setText(tr("No reconciliation has run yet. Reconcile now compares Stripe with the books."));
        return;
    }
    const QString from = QLocale().toString(m_run.since.toLocalTime().date(), QLocale::ShortFormat);
    if (m_run.status == u"requested" || m_run.status == u"running") {
        m_runLabel->setText(tr("Run %1 (everything since %2) is being carried out by the agent; requested by %3 at %4.")
                                .arg(m_run.id)
                                .arg(from, m_run.requestedBy, whenText(m_run.createdAt)));
        return;
    }
    if (m_run.status == u"failed") {
        const QString words = Db::Error::textForCode(m_run.error);
        m_runLabel->setText(tr("Run %1 (since %2) failed at %3: %4. Nothing was resolved by it; reconcile again.")
                                .arg(m_run.id)
                                .arg(from, whenText(m_run.finishedAt), words.isEmpty() ? m_run.error : words));
        return;
    }
    QStringList values;
    for (auto it = m_run.differenceValue.constBegin(); it != m_run.differenceValue.constEnd(); ++it)
        if (const auto c = Core::Currency::fromCode(it.key()))
            values << Core::Money(it.value().toInteger(), *c).format();
    QString text = tr("Run %1 (since %2) finished at %3: %4 Stripe objects compared with the books.")
                       .arg(m_run.id)
                       .arg(from, whenText(m_run.finishedAt), QLocale().toString(m_run.compared));
    text += u' ';
    if (m_run.openDifferences == 0)
        text += tr("Stripe and the books agree.");
    else
        //: reconciliation run: the open differences, their money value per currency, and how many are new
        text += tr("Open differences: %1 (%2); new in this run: %3.")
                    .arg(m_run.openDifferences)
                    .arg(values.join(u", "_s))
                    .arg(m_run.newDifferences);
    if (m_run.resolvedDifferences > 0)
        text += u' ' + tr("No longer differ: %1.").arg(m_run.resolvedDifferences);
    if (m_run.inFlight > 0)
        text += u' ' + tr("Left for the next run while Stripe changes them: %1.").arg(m_run.inFlight);
    m_runLabel->setText(text);
}

void ReconcilePanel::showRow(const Db::ReconcileRow* row)
{
    if (!row) {
        m_shown.reset();
        m_title->setText(tr("Select a difference to see Stripe's value beside the books' and the suggested repair."));
        m_detail->clear();
        updateButtons();
        return;
    }
    m_shown = *row;
    m_title->setText(tr("%1: %2 %3").arg(row->kindText(), objectTypeText(row->objectType), row->objectId));
    QStringList lines;
    if (!row->orderPublicId.isEmpty())
        lines << tr("Order: %1").arg(row->orderPublicId);
    if (!row->sellerName.isEmpty())
        lines << tr("Seller: %1").arg(row->sellerName);
    lines << tr("Stripe: %1").arg(ReconcileModel::sideText(row->stripeMoney(), row->stripeStatus));
    lines << tr("Books: %1").arg(ReconcileModel::sideText(row->booksMoney(), row->booksStatus));
    if (const auto m = row->money(); m && row->value != 0)
        lines << tr("Value (Stripe less the books): %1").arg(m->format());
    if (!row->detail.isEmpty())
        lines << row->detail;
    lines << tr("Suggested repair: %1").arg(row->repairText());
    lines << tr("First seen by run %1 at %2; last seen by run %3 at %4.")
                 .arg(row->firstSeenRun)
                 .arg(whenText(row->firstSeenUs))
                 .arg(row->lastSeenRun)
                 .arg(whenText(row->lastSeenUs));
    if (row->resolution == u"no_longer_differs")
        lines << tr("No longer differs: run %1 at %2 found Stripe and the books agree.")
                     .arg(row->lastSeenRun)
                     .arg(whenText(row->resolvedUs));
    else if (!row->open())
        lines << tr("%1 by %2 at %3: %4")
                     .arg(row->stateText(), row->resolvedBy.isEmpty() ? tr("the agent") : row->resolvedBy,
                          whenText(row->resolvedUs), row->resolutionNote);
    m_detail->setText(lines.join(u'\n'));
    updateButtons();
}

void ReconcilePanel::updateButtons()
{
    const Db::StaffMember& staff = context().staff();
    const bool may = staff.isFinance && staff.active; // bursar_require('bursar_finance'): finance and admin
    const bool busy = m_run.found && !m_run.done();
    m_reconcile->setEnabled(may && m_db && !busy);
    m_reconcile->setToolTip(!may ? tr("Reconciliation runs are for finance and admin staff.")
                                 : busy ? tr("A run is being carried out.")
                                        : tr("The agent lists Stripe's objects and compares them with the books."));
    const bool open = may && m_shown && m_shown->open();
    m_fixed->setEnabled(open);
    m_accepted->setEnabled(open);
    const QString why = !may ? tr("Differences are resolved by finance and admin staff.")
        : m_shown && !m_shown->open() ? tr("This difference is resolved.")
                                      : QString();
    m_fixed->setToolTip(why);
    m_accepted->setToolTip(why);
}

void ReconcilePanel::askReconcile()
{
    if (!m_reconcile->isEnabled())
        return;
    if (m_dialog)
        m_dialog->deleteLater();
    ReasonDialog::Options o;
    o.title = tr("Reconcile with Stripe");
    o.restatement = tr("The agent lists everything Stripe has since the day chosen (charges, refunds, disputes, "
                       "transfers, payouts and fees) and compares it with the books. Nothing in the books or at Stripe "
                       "changes.");
    o.okText = tr("Reconcile");
    o.reasonRequired = false;
    m_dialog = new ReasonDialog(o, this);
    auto* since = new QDateEdit(QDate::currentDate().addDays(-7), m_dialog);
    since->setObjectName(u"reconcileSince"_s);
    since->setCalendarPopup(true);
    since->setDateRange(QDate::currentDate().addDays(-400), QDate::currentDate());
    //: reconciliation: compare what was created since this day
    m_dialog->insertRow(tr("Since:"), since);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, since, d = m_dialog] {
        if (!m_db)
            return;
        Db::ReconcileRepository::request(m_db, since->date().startOfDay(), d->reason())
            .then(this,
                  [this](qint64 run) {
                      banner()->showMessage(tr("Reconciliation run %1 requested; the agent carries it out.").arg(run),
                                            MessageBanner::Type::Information);
                      loadRun();
                  })
            .onFailed(this, [this](const Db::Error& e) {
                banner()->showMessage(tr("The reconciliation was not requested: %1").arg(e.message()),
                                      MessageBanner::Type::Error);
            });
    });
    m_dialog->open();
}

void ReconcilePanel::askResolve(Resolve how)
{
    if (!m_shown || !resolveButton(how)->isEnabled())
        return;
    if (m_dialog)
        m_dialog->deleteLater();
    const QString value = m_shown->money() && m_shown->value != 0 ? m_shown->money()->format() : tr("no amount");
    const bool fixed = how == Resolve::Fixed;
    ReasonDialog::Options o;
    o.title = tr("%1 — difference %2").arg(fixed ? tr("Mark fixed") : tr("Accept")).arg(m_shown->id);
    o.restatement = fixed ? tr("Record that this difference was corrected: %1, %2 (%3). A run that still finds it lists "
                               "it again.")
                                .arg(m_shown->kindText(), m_shown->objectId, value)
                          : tr("Record that this difference stands on purpose: %1, %2 (%3). Stripe and the books stay "
                               "as they are.")
                                .arg(m_shown->kindText(), m_shown->objectId, value);
    o.okText = fixed ? tr("Mark fixed") : tr("Accept");
    o.reasonLabel = tr("Note:");
    o.reasonPlaceholder = tr("How it was resolved (required; kept in the audit log)");
    m_dialog = new ReasonDialog(o, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, fixed, id = m_shown->id, d = m_dialog] {
        if (!m_db)
            return;
        Db::ReconcileRepository::resolve(m_db, id, fixed ? u"fixed"_s : u"accepted"_s, d->reason())
            .then(this,
                  [this, id] {
                      banner()->showMessage(tr("Difference %1 is resolved.").arg(id), MessageBanner::Type::Information);
                      m_model->refreshRows({id});
                  })
            .onFailed(this, [this](const Db::Error& e) {
                banner()->showMessage(tr("The difference was not resolved: %1").arg(e.message()),
                                      MessageBanner::Type::Error);
            });
    });
    m_dialog->open();
}

} // namespace Bursar::Ui
