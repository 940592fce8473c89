#include "OverviewPanel.h"

#include "ConsoleContext.h"
#include "MessageBanner.h"

#include "core/Money.h"
#include "services/BooksVerification.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/OverviewRepository.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {

QString dash()
{
    return u"—"_s;
}

QString number(const std::optional<qint64>& v)
{
    return v ? QLocale().toString(*v) : dash();
}

} // namespace

OverviewPanel::OverviewPanel(ConsoleContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_banner(new MessageBanner(this))
    , m_heading(new QLabel(this))
    , m_updated(new QLabel(this))
    , m_grid(new QGridLayout)
    , m_timer(new QTimer(this))
{
    setObjectName(u"overviewPanel"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    auto* header = new QHBoxLayout;
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_updated->setObjectName(u"overviewUpdated"_s);
    m_updated->setStyleSheet(u"color: palette(mid);"_s);
    header->addWidget(m_heading);
    header->addStretch();
    header->addWidget(m_updated, 0, Qt::AlignBottom);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    m_grid->setSpacing(12);
    layout->addLayout(m_grid);
    layout->addStretch();

    m_orders = addCard(0, 0);
    m_escrow = addCard(0, 1);
    m_disputes = addCard(0, 2);
    m_payouts = addCard(1, 0);
    m_operations = addCard(1, 1);
    m_sellers = addCard(1, 2);
    m_verify = addCard(2, 0);
    m_verify.value->setObjectName(u"overviewVerifyValue"_s);
    m_verify.detail->setObjectName(u"overviewVerifyDetail"_s);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, 1);

    m_timer->setInterval(60000);
    connect(m_timer, &QTimer::timeout, this, &OverviewPanel::refresh);
    connect(&m_context, &ConsoleContext::databaseChanged, this, &OverviewPanel::useDatabase);
    connect(&m_context, &ConsoleContext::refreshRequested, this, &OverviewPanel::refresh);
    if (Db::ChangeFeed* feed = m_context.changes())
        connect(feed, &Db::ChangeFeed::changed, this, [this](const QList<Db::Change>& changes) {
            if (std::any_of(changes.cbegin(), changes.cend(), [](const Db::Change& c) { return c.table == u"verify_runs"; }))
                refresh();
        });
    connect(this, &OverviewPanel::refreshed, this, [this](bool ok, const QString& error) {
        if (!ok && m_db && m_db->state() == Db::ConnectionState::Connected)
            m_context.reportIssue(tr("Overview"), error, u"overview"_s);
        m_context.reportDataShown();
    });
    retranslate();
    useDatabase(m_context.database());
}

OverviewPanel::~OverviewPanel() = default;

OverviewPanel::Card OverviewPanel::addCard(int row, int column)
{
    auto* frame = new QFrame(this);
    frame->setObjectName(u"overviewCard"_s);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    frame->setMinimumHeight(104);
    frame->setStyleSheet(u"QFrame#overviewCard { background: palette(base); border: 1px solid palette(mid);"
                         " border-radius: 6px; }"_s);
    auto* v = new QVBoxLayout(frame);
    v->setContentsMargins(14, 10, 14, 10);
    v->setSpacing(4);
    Card card{new QLabel(frame), new QLabel(dash(), frame), new QLabel(frame)};
    QFont titleFont = card.title->font();
    titleFont.setBold(true);
    card.title->setFont(titleFont);
    QFont valueFont = card.value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
    valueFont.setStyleHint(QFont::SansSerif);
    card.value->setFont(valueFont);
    card.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    card.detail->setWordWrap(true);
    card.detail->setStyleSheet(u"color: palette(dark);"_s);
    v->addWidget(card.title);
    v->addWidget(card.value);
    v->addWidget(card.detail);
    v->addStretch();
    m_grid->addWidget(frame, row, column);
    return card;
}

void OverviewPanel::useDatabase(Db::Database* database)
{
    if (m_db == database)
        return;
    if (m_db)
        disconnect(m_db, nullptr, this, nullptr);
    m_db = database;
    ++m_generation; // answers from the previous database are dropped
    m_inFlight = false;
    if (!m_db) {
        m_timer->stop();
        return;
    }
    connect(m_db, &Db::Database::stateChanged, this, [this](Db::ConnectionState state) {
        if (state == Db::ConnectionState::Connected)
            refresh();
    });
    m_timer->start();
    refresh();
}

void OverviewPanel::refresh()
{
    if (!m_db)
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    const quint64 generation = m_generation;
    Db::OverviewRepository::figures(m_db)
        .then(this,
              [this, generation](const OverviewFigures& f) {
                  if (generation != m_generation)
                      return;
                  m_inFlight = false;
                  apply(f);
                  if (std::exchange(m_again, false))
                      refresh();
              })
        .onFailed(this,
                  [this, generation](const Db::Error& e) {
                      if (generation != m_generation)
                          return;
                      m_inFlight = false;
                      showFailure(e.message());
                  })
        .onFailed(this, [this, generation] {
            if (generation != m_generation)
                return;
            m_inFlight = false;
            showFailure(tr("The overview could not be loaded."));
        });
}

void OverviewPanel::apply(const OverviewFigures& f)
{
    m_figures = std::make_unique<OverviewFigures>(f);
    m_lastUpdate = QDateTime::currentDateTime();
    m_loaded = true;
    render(f);
    Q_EMIT refreshed(true, {});
}

void OverviewPanel::render(const OverviewFigures& f)
{
    if (!f.schema) {
        m_banner->showMessage(tr("This database has no Bursar tables yet. Apply the migrations with "
                                 "\"bursar-cli migrate\" or restart the console with a migrated database."),
                              MessageBanner::Type::Warning);
    } else if (!f.unreadable.isEmpty()) {
        m_banner->showMessage(tr("Your role may not read some figures (%1); they show a dash.")
                                  .arg(QLocale().createSeparatedList(f.unreadable)),
                              MessageBanner::Type::Information);
    } else {
        m_banner->dismiss();
    }
    m_orders.value->setText(number(f.orders));
    m_orders.detail->setText(f.orders30d ? tr("%1 in the last 30 days").arg(number(f.orders30d)) : QString());

    if (f.escrow && !f.escrow->isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < f.escrow->size() && i < 2; ++i)
            lines << f.escrow->at(i).format();
        m_escrow.value->setText(lines.first());
        QString detail = tr("%Ln order(s) held", nullptr, int(f.escrowOrders.value_or(0)));
        if (lines.size() > 1)
            detail = lines.mid(1).join(u", "_s) + (f.escrow->size() > 2 ? tr(" and more") : QString()) + u" · "_s
                + detail;
        m_escrow.detail->setText(detail);
    } else {
        m_escrow.value->setText(f.escrow ? QLocale().toString(0) : dash());
        m_escrow.detail->setText(f.escrow ? tr("Nothing held") : QString());
    }
    m_disputes.value->setText(number(f.openDisputes));
    m_disputes.detail->setText(f.disputesNeedResponse
                                   ? tr("%1 need a response").arg(number(f.disputesNeedResponse))
                                   : QString());
    m_payouts.value->setText(number(f.payoutsInFlight));
    m_payouts.detail->setText(f.payoutsFailed ? tr("pending or in transit; %1 failed").arg(number(f.payoutsFailed)) : QString());
    m_operations.value->setText(number(f.operationsAttention));
    m_operations.detail->setText(f.operationsAttention ? tr("pending or needing attention") : QString());
    m_sellers.value->setText(number(f.sellers));
    m_sellers.detail->setText(f.sellersRestricted ? tr("%1 restricted or rejected").arg(number(f.sellersRestricted))
                                                  : QString());
    renderVerify(f);
    m_updated->setText(tr("Updated %1").arg(QLocale().toString(m_lastUpdate.time(), QLocale::ShortFormat)));
}

void OverviewPanel::renderVerify(const OverviewFigures& f)
{
    if (!f.lastVerify) {
        m_verify.value->setText(dash());
        m_verify.detail->setText(f.verifyReadable ? tr("Never verified: run \"bursar-cli verify\"; the agent verifies nightly")
                                                  : QString());
        return;
    }
    const auto& r = *f.lastVerify;
    const QString when = QLocale().toString(r.finishedAt.toLocalTime(), QLocale::ShortFormat);
    //: who ran the last verification of the books: the agent's nightly run or a staff login
    const QString by = r.kind == u"nightly" ? tr("the agent's nightly run") : r.runBy;
    if (r.passed) {
        //: the books verified: every check passed
        m_verify.value->setText(tr("Passed"));
        m_verify.detail->setText(tr("Every check passed %1, by %2").arg(when, by));
    } else {
        QStringList failed;
        for (const QString& code : r.failedChecks)
            failed << Services::BooksCheck::titleOf(code);
        //: the books did not verify: some checks failed
        m_verify.value->setText(tr("Failed"));
        m_verify.value->setStyleSheet(u"color: #c62828;"_s);
        m_verify.detail->setText(tr("%1, by %2. Failed: %3").arg(when, by, failed.join(u"; "_s)));
        return;
    }
    m_verify.value->setStyleSheet(QString());
}

void OverviewPanel::showFailure(const QString& error)
{
    m_updated->setText(m_lastUpdate.isValid()
                           ? tr("Last updated %1").arg(QLocale().toString(m_lastUpdate.time(), QLocale::ShortFormat))
                           : tr("Not loaded"));
    Q_EMIT refreshed(false, error);
}

void OverviewPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewPanel::retranslate()
{
    setWindowTitle(tr("Overview"));
    m_heading->setText(tr("Overview"));
    m_orders.title->setText(tr("Orders"));
    //: Money held in escrow (captured but not yet released to sellers)
    m_escrow.title->setText(tr("Held in escrow"));
    m_disputes.title->setText(tr("Open disputes"));
    m_payouts.title->setText(tr("Payouts in flight"));
    m_operations.title->setText(tr("Operations to watch"));
    m_sellers.title->setText(tr("Sellers"));
    m_verify.title->setText(tr("Books verified"));
    if (m_figures)
        render(*m_figures);
    else
        m_updated->setText(tr("Loading…"));
}

} // namespace Bursar::Ui
