#include "EventsStatusLabel.h"

#include "ConsoleContext.h"

#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/EventsRepository.h"

#include <QEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

EventsStatusLabel::EventsStatusLabel(ConsoleContext& context, QWidget* parent)
    : QLabel(parent)
    , m_context(context)
    , m_poll(new QTimer(this))
    , m_soon(new QTimer(this))
{
    setObjectName(u"failedEventsStatus"_s);
    setTextFormat(Qt::RichText);
    setCursor(Qt::PointingHandCursor);
    hide();
    m_poll->setInterval(std::chrono::seconds(30));
    connect(m_poll, &QTimer::timeout, this, &EventsStatusLabel::refresh);
    m_soon->setSingleShot(true);
    m_soon->setInterval(std::chrono::seconds(1));
    connect(m_soon, &QTimer::timeout, this, &EventsStatusLabel::refresh);
    connect(&context, &ConsoleContext::databaseChanged, this, &EventsStatusLabel::useDatabase);
    connect(context.changes(), &Db::ChangeFeed::changed, this, &EventsStatusLabel::onChanges);
    useDatabase(context.database());
}

EventsStatusLabel::~EventsStatusLabel() = default;

void EventsStatusLabel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_failed = 0;
    display(0);
    if (database) {
        m_poll->start();
        refresh();
    } else {
        m_poll->stop();
    }
}

void EventsStatusLabel::onChanges(const QList<Db::Change>& changes)
{
    for (const Db::Change& c : changes)
        if (c.table == u"stripe_events") {
            if (!m_soon->isActive())
                m_soon->start();
            return;
        }
}

void EventsStatusLabel::refresh()
{
    if (!m_db)
        return;
    if (m_reading) { // one read at a time; one more after it
        m_again = true;
        return;
    }
    m_reading = true;
    QPointer<Db::Database> db = m_db;
    Db::EventsRepository::failedCount(m_db)
        .then(this,
              [this, db](qint64 n) {
                  m_reading = false;
                  if (db == m_db) {
                      m_failed = n;
                      display(n);
                      Q_EMIT counted(n);
                  }
                  if (std::exchange(m_again, false))
                      refresh();
              })
        .onFailed(this, [this](const Db::Error&) {
            m_reading = false; // the database status says why; the next change or poll tries again
            m_again = false;
        });
}

void EventsStatusLabel::display(qint64 failed)
{
    if (failed <= 0) {
        hide();
        clear();
        return;
    }
    //: status bar: Stripe events the agent could not apply; a click shows them
    setText(u"<span style=\"color:#b3261e\">⚠&nbsp;%1</span>"_s.arg(
        tr("%n event(s) failed", "", int(std::min<qint64>(failed, 100000))).toHtmlEscaped()));
    setToolTip(tr("Stripe events the Bursar agent could not apply. Click to see them in the Events panel."));
    QLabel::show();
}

void EventsStatusLabel::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_failed > 0) {
        m_context.requestEvents(u"failed"_s);
        event->accept();
        return;
    }
    QLabel::mousePressEvent(event);
}

void EventsStatusLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        display(m_failed);
    QLabel::changeEvent(event);
}

} // namespace Bursar::Ui
