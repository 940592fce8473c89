#include "EventsPanel.h"

#include "ConsoleContext.h"
#include "EventsModel.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "MessageBanner.h"

#include "core/Money.h"
#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/IdentityRepository.h"
#include "services/EventReplay.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::EventsModel;

namespace {
constexpr QLatin1StringView colourBad("#b3261e");
constexpr QLatin1StringView colourGood("#1a5e2c");

QString timeText(qint64 us)
{
    if (us == 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(us / 1000).toLocalTime(), QLocale::LongFormat);
}
} // namespace

QString EventsPanel::payloadHtml(const QString& pretty, QStringList* fields)
{
    // The fields that matter, by their path in the event (jsonb_pretty: one key per line, a nested object
    // opens with "{" at the end of its key's line and closes with a line starting with "}").
    static const QStringList important = {
        u"id"_s,
        u"type"_s,
        u"account"_s,
        u"data.object.id"_s,
        u"data.object.amount"_s,
        u"data.object.currency"_s,
        u"data.object.status"_s,
        u"data.object.failure_reason"_s,
        u"data.object.failure_code"_s,
        u"data.object.failure_message"_s,
        u"data.object.charge"_s,
        u"data.object.last_payment_error.message"_s,
    };
    static const QRegularExpression keyLine(u"^\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(.*)$"_s);
    QStringList path;     // the keys of the objects the line is in (an array's element: "[]")
    bool inRoot = false;  // the event's own braces opened
    QString html = u"<pre style=\"margin:0\">"_s;
    for (const QString& line : pretty.split(u'\n')) {
        const QString trimmed = line.trimmed();
        const auto m = keyLine.match(line);
        bool hit = false;
        if (m.hasMatch()) {
            const QString key = m.captured(1);
            const QString rest = m.captured(2).trimmed();
            const QString full = path.isEmpty() ? key : path.join(u'.') + u'.' + key;
            if (rest == u"{"_s || rest == u"["_s) {
                path << key;
            } else if (important.contains(full)) {
                hit = true;
                if (fields)
                    *fields << full;
            }
        } else if (trimmed == u"{"_s || trimmed == u"["_s) {
            if (inRoot)
                path << u"[]"_s;
            inRoot = true;
        } else if (trimmed.startsWith(u'}') || trimmed.startsWith(u']')) {
            if (!path.isEmpty())
                path.removeLast();
        }
        if (hit)
            html += u"<span style=\"background:#fff3b0;font-weight:bold\">"_s + line.toHtmlEscaped() + u"</span>\n"_s;
        else
            html += line.toHtmlEscaped() + u'\n';
    }
    html += u"</pre>"_s;
    return html;
}

EventsPanel::EventsPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"events"_s, new EventsModel, parent)
    , m_model(static_cast<EventsModel*>(pagedModel()))
    , m_healthTimer(new QTimer(this))
    , m_reloadTimer(new QTimer(this))
{
    FilterBar* bar = filterBar();
    m_object = bar->add(new TextFilter(u"eventObject"_s, [] { return tr("Object id (re_…, ch_…) or event id (evt_…)"); }), 2);
    m_account = bar->add(new TextFilter(u"eventAccount"_s, [] { return tr("platform or acct_…"); }), 1);
    m_type = bar->add(new ChoiceFilter(u"eventType"_s, [] { return tr("Any type"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (const QString& t : Db::EventsRepository::knownTypes())
            items.append({t, t});
        return items;
    }));
    m_status = bar->add(new StatusChoiceFilter(u"eventStatus"_s, Core::StatusKind::Event, [] { return tr("Any status"); }));
    m_since = bar->add(new SinceFilter(u"eventSince"_s));
    connect(bar, &FilterBar::changed, this, &EventsPanel::applyFilter);
    connect(m_object, &TextFilter::returnPressed, bar, &FilterBar::applyNow);
    connect(m_account, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    // Replay (admin): a button with its three scopes; hidden for everyone else.
    m_replay = new QToolButton(this);
    m_replay->setObjectName(u"eventReplay"_s);
    m_replay->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_replay);
    m_replayOne = menu->addAction(QString(), this, [this] { confirmReplay(ReplayScope::Selected); });
    m_replayOne->setObjectName(u"eventReplayOne"_s);
    m_replayFailed = menu->addAction(QString(), this, [this] { confirmReplay(ReplayScope::FailedInFilter); });
    m_replayFailed->setObjectName(u"eventReplayFailed"_s);
    m_replaySince = menu->addAction(QString(), this, [this] { confirmReplay(ReplayScope::SinceFilterStart); });
    m_replaySince->setObjectName(u"eventReplaySince"_s);
    m_replay->setMenu(menu);
    m_healthLabel = new QLabel(this);
    m_healthLabel->setObjectName(u"eventHealth"_s);
    m_healthLabel->setTextFormat(Qt::RichText);
    toolRow()->addWidget(m_healthLabel);
    toolRow()->addWidget(m_replay);

    using Column = EventsModel::Column;
    view()->setSelectionMode(QAbstractItemView::SingleSelection);
    setStatusColumn(int(Column::Status), Core::StatusKind::Event, EventsModel::StatusRole);
    setDateColumn(int(Column::Received));
    setIdColumn(int(Column::Event), EventsModel::EventIdRole, [] { return tr("Copy event id"); });
    const QFontMetrics fm = view()->fontMetrics();
    int statusWidth = 0;
    for (const Core::Status::Entry& e : Core::Status::entries(Core::StatusKind::Event))
        statusWidth = std::max(statusWidth, fm.horizontalAdvance(e.text()) + 24);
    const QList<int> widths = {
        fm.horizontalAdvance(u"00/00/0000 00:00"_s),
        statusWidth,
        fm.horizontalAdvance(u"payment_intent.payment_failed"_s),
        fm.horizontalAdvance(u"re_3Nabcdefghijklmnop"_s),
        fm.horizontalAdvance(u"acct_1Nabcdefghijkl"_s),
        fm.horizontalAdvance(u"000"_s),
        fm.horizontalAdvance(u"The event concerns a Stripe object these books"_s),
        fm.horizontalAdvance(u"evt_3Nabcdefghijklmnopqr"_s),
    };
    Q_ASSERT(widths.size() == int(Column::Count));
    setColumnContents(widths);
    view()->horizontalHeader()->setSortIndicator(int(Column::Received), Qt::DescendingOrder);
    restoreHeader();
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln event(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 events").arg(QLocale().toString(c.value));
    });

    // The detail: what the event is, why it failed, its payload.
    m_title = new QLabel(this);
    m_title->setObjectName(u"eventTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason = new QLabel(this);
    m_reason->setObjectName(u"eventReason"_s);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_payload = new QTextBrowser(this);
    m_payload->setObjectName(u"eventPayload"_s);
    m_payload->setLineWrapMode(QTextEdit::NoWrap);
    auto* lower = new QWidget(this);
    lower->setObjectName(u"eventDetail"_s);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_title);
    lowerLayout->addWidget(m_reason);
    lowerLayout->addWidget(m_payload, 1);
    splitter()->setOrientation(Qt::Vertical);
    setDetailPane(lower, 3, 2);

    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showEventDetail(current.siblingAtColumn(0).data(EventsModel::IdRole).toLongLong());
                updateActions();
            });
    connect(m_model, &EventsModel::pageLoaded, this, [this](int, bool first) {
        if (first && m_model->rowCount() > 0 && !view()->currentIndex().isValid())
            view()->setCurrentIndex(m_model->index(0, 0));
        updateActions();
    });
    connect(m_model, &EventsModel::rowsRefreshed, this, [this] {
        // the shown event changed (a replay, the agent's answer): its detail again
        if (m_eventId != 0 && m_model->rowOfId(m_eventId) >= 0) {
            const qint64 shown = std::exchange(m_eventId, 0);
            showEventDetail(shown);
        }
    });
    connect(m_model, &EventsModel::failed, this, [this](const QString& message) {
        banner()->showMessage(tr("The events could not be read: %1").arg(message), MessageBanner::Type::Error);
    });

    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(2000); // at most one reload every two seconds while events pour in
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        if (m_db)
            m_model->reload();
    });
    m_healthTimer->setSingleShot(true);
    m_healthTimer->setInterval(1000); // many events a second: one read of the figure per second at most
    connect(m_healthTimer, &QTimer::timeout, this, &EventsPanel::readHealth);

    connect(&context, &ConsoleContext::databaseChanged, this, &EventsPanel::useDatabase);
    connect(&context, &ConsoleContext::staffChanged, this, &EventsPanel::updateActions);
    connect(context.changes(), &Db::ChangeFeed::changed, this, &EventsPanel::onChanges);
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (!isVisible() || !m_db)
            return;
        m_model->reload();
        readHealth();
    });
    connect(&context, &ConsoleContext::eventsRequested, this, [this, &context](const QString& status) {
        showStatus(status);
        context.showPanel(this);
    });
    retranslate();
    useDatabase(context.database());
}

EventsPanel::~EventsPanel() = default;

void EventsPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Events"));
    m_replay->setText(tr("Replay"));
    m_replay->setToolTip(tr("Put events back for the Bursar agent to apply again (admin; audited)"));
    m_replayOne->setText(tr("Replay this event"));
    m_replayFailed->setText(tr("Replay the failed events of this filter"));
    m_replaySince->setText(tr("Replay every event since the filter's start"));
    if (m_eventId == 0) {
        m_title->setText(tr("Select an event to see its payload."));
        m_reason->clear();
    }
    showHealth();
}

void EventsPanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_eventId = 0;
    m_model->setDatabase(database);
    updateActions();
    if (database) {
        applyFilter();
        readHealth();
    }
}

Db::EventFilter EventsPanel::filterFromBar() const
{
    Db::EventFilter f;
    if (const auto t = m_type->code(); t && !t->isEmpty())
        f.type = *t;
    if (const auto s = m_status->code(); s && !s->isEmpty())
        f.status = *s;
    if (const QString a = m_account->text(); !a.isEmpty())
        f.account = a;
    f.objectId = m_object->text();
    f.sinceUs = m_since->sinceMicros();
    return f;
}

void EventsPanel::applyFilter()
{
    Db::EventQuery q = m_model->query();
    q.filter = filterFromBar();
    if (q == m_model->query() && m_model->isStarted())
        return;
    m_model->setQuery(q);
    updateActions();
}

void EventsPanel::showStatus(const QString& status)
{
    QVariantMap state;
    state.insert(m_status->key(), status);
    filterBar()->setState(state); // the others cleared; applies at once
    applyFilter();
}

void EventsPanel::onChanges(const QList<Db::Change>& changes)
{
    if (!m_db)
        return;
    QList<qint64> ids;
    bool bulk = false;
    bool bulkInsert = false;
    for (const Db::Change& c : changes) {
        if (c.table != u"stripe_events")
            continue;
        if (c.isBulk()) {
            bulk = true;
            bulkInsert = bulkInsert || c.op == Db::Change::Op::Insert;
        } else {
            ids << *c.id;
        }
    }
    if (!bulk && ids.isEmpty())
        return;
    // a page of new events (the agent stored more than 50 at once): the list from its top again, while the
    // user is at the top and selected nothing below it; otherwise the loaded rows re-read in place
    if (bulkInsert && m_model->query().sort == Db::EventSort::Received && m_model->query().descending
        && view()->verticalScrollBar()->value() == 0 && view()->currentIndex().row() <= 0) {
        if (!m_reloadTimer->isActive())
            m_reloadTimer->start();
        if (!m_healthTimer->isActive())
            m_healthTimer->start();
        return;
    }
    if (bulk)
        for (int i = 0; i < m_model->rowCount(); ++i)
            ids << m_model->rowAt(i)->id;
    if (!ids.isEmpty())
        m_model->refreshRows(ids); // new events that match take their place, changed ones re-read
    if (!m_healthTimer->isActive())
        m_healthTimer->start();
}

void EventsPanel::updateActions()
{
    const bool admin = context().staff().isAdmin;
    m_replay->setVisible(admin);
    m_replay->setEnabled(admin && m_db);
    const Db::EventRow* r = m_model->rowAt(m_model->rowOfId(m_eventId));
    m_replayOne->setEnabled(admin && r);
    m_replayFailed->setEnabled(admin && m_db);
    m_replaySince->setEnabled(admin && m_since->sinceMicros().has_value());
}

void EventsPanel::showEventDetail(qint64 rowId)
{
    if (!m_db || rowId == m_eventId)
        return;
    m_eventId = rowId;
    const quint64 generation = ++m_detailGeneration;
    m_currentDetail->store(generation);
    Db::EventsRepository::detail(m_db, rowId, [current = m_currentDetail, generation] { return current->load() != generation; })
        .then(this,
              [this, generation](const Db::EventDetail& d) {
                  if (generation != m_detailGeneration)
                      return;
                  if (!d.found) {
                      m_title->setText(tr("This event is not stored (any more)."));
                      m_reason->clear();
                      m_payload->clear();
                      m_highlighted.clear();
                      return;
                  }
                  const Db::EventRow& r = d.row;
                  m_shownEventId = r.eventId;
                  QStringList facts;
                  facts << u"<b>%1</b> %2"_s.arg(r.eventId.toHtmlEscaped(), r.type.toHtmlEscaped());
                  facts << Core::Status::text(Core::StatusKind::Event, r.status).toHtmlEscaped();
                  facts << (r.account.isEmpty() ? tr("platform") : r.account).toHtmlEscaped();
                  if (!r.objectId.isEmpty())
                      facts << tr("object %1").arg(r.objectId).toHtmlEscaped();
                  if (d.amount) {
                      const auto c = Core::Currency::fromCode(d.currency);
                      facts << (c ? Core::Money(*d.amount, *c).format(QLocale())
                                  : u"%1 %2"_s.arg(*d.amount).arg(d.currency))
                                   .toHtmlEscaped();
                  }
                  if (!d.objectStatus.isEmpty())
                      facts << tr("Stripe status %1").arg(d.objectStatus).toHtmlEscaped();
                  facts << tr("%n attempt(s)", "", r.attempts).toHtmlEscaped();
                  m_title->setText(facts.join(u" · "_s) + u"<br>"_s
                                   + tr("Stripe created it %1; received %2%3")
                                         .arg(timeText(r.createdUs), timeText(r.receivedUs),
                                              d.requestId.isEmpty() ? tr("; no API request (Stripe Dashboard or Stripe itself)")
                                                                    : tr("; request %1").arg(d.requestId))
                                         .toHtmlEscaped());
                  QString reason = EventsModel::reasonText(r);
                  if (!d.failureReason.isEmpty())
                      reason += (reason.isEmpty() ? QString() : u" "_s) + tr("Stripe says: %1").arg(d.failureReason);
                  m_reason->setStyleSheet(r.status == u"failed"_s ? u"color: %1; font-weight: bold;"_s.arg(colourBad)
                                                                  : QString());
                  m_reason->setText(reason.isEmpty() ? QString()
                                    : r.status == u"failed"_s ? tr("⚠ Failed: %1").arg(reason)
                                                              : reason);
                  m_highlighted.clear();
                  m_payload->setHtml(payloadHtml(d.payload, &m_highlighted));
                  updateActions();
                  Q_EMIT detailShown(r.id);
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_detailGeneration)
                return;
            m_title->setText(tr("The event could not be read: %1").arg(e.message()));
        });
}

QString EventsPanel::reasonText() const
{
    return m_reason->text();
}

QString EventsPanel::healthText() const
{
    return m_healthLabel->text();
}

void EventsPanel::readHealth()
{
    if (!m_db)
        return;
    Db::EventsRepository::health(m_db)
        .then(this,
              [this](const Db::EventHealth& h) {
                  m_health = h;
                  m_healthKnown = true;
                  showHealth();
                  Q_EMIT healthRead(h);
              })
        .onFailed(this, [](const Db::Error&) {
            // the figure is read again on the next change; the list reports its own failures
        });
}

void EventsPanel::showHealth()
{
    if (!m_healthKnown) {
        m_healthLabel->clear();
        return;
    }
    const QLocale l;
    const Db::EventHealth& h = m_health;
    const QString percent = l.toString(h.successPercent(), 'f', 1);
    //: the health figure of DOMAIN.md: share of Stripe events applied (or rightly skipped) of those settled
    const QString text = h.settled() == 0
        ? tr("No events settled in the last %n hour(s)", "", h.windowHours)
        : tr("Event processing: %1 % succeeded in the last %n hour(s) (%2 applied, %3 skipped, %4 failed)", "",
             h.windowHours)
              .arg(percent, l.toString(h.processed), l.toString(h.skipped), l.toString(h.failed));
    m_healthLabel->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(h.critical() ? colourBad : colourGood,
                                                                      text.toHtmlEscaped()));
    if (h.critical()) {
        banner()->showMessage(tr("Critical: only %1 % of the Stripe events of the last %n hour(s) were applied (the alert "
                                 "is below 95 %). Filter by status Failed to see why.", "", h.windowHours)
                                  .arg(percent),
                              MessageBanner::Type::Error);
        m_healthBanner = true;
    } else if (m_healthBanner) {
        if (banner()->type() == MessageBanner::Type::Error)
            banner()->dismiss();
        m_healthBanner = false;
    }
}

void EventsPanel::confirmReplay(ReplayScope scope)
{
    QString question;
    switch (scope) {
    case ReplayScope::Selected:
        question = tr("Replay event %1? The Bursar agent applies it again; applying twice changes nothing.")
                       .arg(m_shownEventId);
        break;
    case ReplayScope::FailedInFilter:
        question = tr("Replay every failed event of this filter? The Bursar agent applies them again.");
        break;
    case ReplayScope::SinceFilterStart:
        question = tr("Replay every event Stripe created since %1, whatever its status? The Bursar agent applies them "
                      "again; events already applied change nothing.")
                       .arg(timeText(m_since->sinceMicros().value_or(0)));
        break;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Replay events"), question,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"eventReplayConfirm"_s);
    connect(box, &QMessageBox::accepted, this, [this, scope] { replay(scope); });
    box->open();
}

void EventsPanel::replay(ReplayScope scope)
{
    if (!m_db || !context().staff().isAdmin) {
        Q_EMIT replayFinished(0, tr("Only an admin may replay events."));
        return;
    }
    QFuture<int> f;
    switch (scope) {
    case ReplayScope::Selected: {
        const Db::EventRow* r = m_model->rowAt(m_model->rowOfId(m_eventId));
        if (!r) {
            Q_EMIT replayFinished(0, tr("Select an event first."));
            return;
        }
        f = Services::EventReplay::one(m_db, r->eventId);
        break;
    }
    case ReplayScope::FailedInFilter:
        f = Services::EventReplay::failedMatching(m_db, m_model->query().filter);
        break;
    case ReplayScope::SinceFilterStart: {
        const auto since = m_since->sinceMicros();
        if (!since) {
            Q_EMIT replayFinished(0, tr("Choose a start time in the filter first."));
            return;
        }
        f = Services::EventReplay::since(m_db, *since);
        break;
    }
    }
    m_replay->setEnabled(false);
    f.then(this,
           [this](int n) {
               updateActions();
               banner()->showMessage(tr("%n event(s) put back for the Bursar agent to apply again.", "", n),
                                     MessageBanner::Type::Positive);
               Q_EMIT replayFinished(n, {});
           })
        .onFailed(this, [this](const Db::Error& e) {
            updateActions();
            banner()->showMessage(tr("The events could not be replayed: %1").arg(e.message()), MessageBanner::Type::Error);
            Q_EMIT replayFinished(0, e.message());
        });
}

} // namespace Bursar::Ui
