#include "OrderDetailPane.h"

#include "MessageBanner.h"
#include "MoneyDelegate.h"
#include "PagedTableModel.h"
#include "core/Status.h"
#include "db/Database.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
QString timeText(qint64 us)
{
    return Models::PagedTableModel::shortTime(us);
}
} // namespace

OrderDetailPane::OrderDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_links(new QLabel(this))
    , m_waterfall(new QTreeWidget(this))
    , m_check(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_timeline(new QTreeWidget(this))
    , m_notes(new QTreeWidget(this))
    , m_noteEdit(new QPlainTextEdit(this))
    , m_addNote(new QPushButton(tr("Add note"), this))
{
    setObjectName(u"orderDetail"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_banner);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_refund = new QPushButton(tr("Refund…"), this);
    auto* refund = m_refund;
    refund->setObjectName(u"refundButton"_s);
    layout->addWidget(refund, 0, Qt::AlignRight);
    connect(refund, &QPushButton::clicked, this, [this] { if (m_orderId) Q_EMIT refundRequested(m_orderId); });
    m_subtitle->setWordWrap(true);
    layout->addWidget(m_subtitle);
    m_links->setTextFormat(Qt::RichText);
    m_links->setWordWrap(true);
    connect(m_links, &QLabel::linkActivated, this, &OrderDetailPane::openLink);
    layout->addWidget(m_links);

    m_waterfall->setObjectName(u"waterfall"_s);
    m_waterfall->setColumnCount(2);
    m_waterfall->setHeaderLabels({tr("Money"), tr("Amount")});
    m_waterfall->setRootIsDecorated(false);
    m_waterfall->header()->setStretchLastSection(false);
    m_waterfall->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_waterfall->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_waterfall->setSelectionMode(QAbstractItemView::NoSelection);
    m_waterfall->setMinimumHeight(200);
    layout->addWidget(m_waterfall, 3);
    m_check->setObjectName(u"waterfallCheck"_s);
    m_check->setWordWrap(true);
    layout->addWidget(m_check);

    m_timeline->setObjectName(u"timeline"_s);
    m_timeline->setColumnCount(3);
    m_timeline->setHeaderLabels({tr("When"), tr("What"), tr("Who")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setWordWrap(true);
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_timeline->header()->setStretchLastSection(false);
    m_tabs->addTab(m_timeline, tr("Timeline"));

    auto* notesPage = new QWidget(this);
    auto* notesLayout = new QVBoxLayout(notesPage);
    notesLayout->setContentsMargins(0, 4, 0, 0);
    m_notes->setObjectName(u"notes"_s);
    m_notes->setColumnCount(3);
    m_notes->setHeaderLabels({tr("When"), tr("Who"), tr("Note")});
    m_notes->setRootIsDecorated(false);
    m_notes->setWordWrap(true);
    notesLayout->addWidget(m_notes, 1);
    m_noteEdit->setObjectName(u"noteEdit"_s);
    m_noteEdit->setPlaceholderText(tr("A note for the team (kept with your name and the time)"));
    m_noteEdit->setMaximumHeight(70);
    notesLayout->addWidget(m_noteEdit);
    m_addNote->setObjectName(u"addNote"_s);
    notesLayout->addWidget(m_addNote, 0, Qt::AlignRight);
    connect(m_addNote, &QPushButton::clicked, this, [this] { addNote(); });
    m_tabs->addTab(notesPage, tr("Notes"));
    layout->addWidget(m_tabs, 4);
    clear();
}

OrderDetailPane::~OrderDetailPane() = default;

void OrderDetailPane::setPermissions(bool mayRefund, bool mayAddNotes)
{
    m_mayRefund = mayRefund;
    m_mayAddNotes = mayAddNotes;
    m_refund->setEnabled(mayRefund);
    m_refund->setToolTip(mayRefund ? QString() : tr("Only support or admin users request refunds."));
    if (!mayAddNotes)
        m_addNote->setEnabled(false);
    else if (m_loaded && m_detail.found)
        m_addNote->setEnabled(true);
    m_addNote->setToolTip(mayAddNotes ? QString() : tr("Your role may not add notes."));
}

void OrderDetailPane::setDatabase(Db::Database* database)
{
    m_db = database;
    if (m_orderId != 0)
        reload();
}

void OrderDetailPane::setLiveMode(bool live)
{
    m_live = live;
    if (m_loaded)
        render();
}

void OrderDetailPane::clear()
{
    ++m_generation;
    m_orderId = 0;
    m_loaded = false;
    m_detail = {};
    m_title->setText(tr("No order selected"));
    m_subtitle->setText(tr("Select an order to see its money, timeline and notes."));
    m_links->clear();
    m_waterfall->clear();
    m_timeline->clear();
    m_notes->clear();
    m_check->clear();
    m_addNote->setEnabled(false);
}

void OrderDetailPane::showOrder(qint64 orderId)
{
    if (orderId == m_orderId && m_loaded)
        return;
    m_orderId = orderId;
    reload();
}

void OrderDetailPane::reload()
{
    if (!m_db || m_orderId == 0)
        return;
    const quint64 generation = ++m_generation;
    const qint64 id = m_orderId;
    Db::OrdersRepository::detail(m_db, id)
        .then(this,
              [this, generation](const Db::OrderDetail& d) {
                  if (generation != m_generation)
                      return;
                  m_detail = d;
                  m_loaded = true;
                  m_banner->dismiss();
                  render();
                  Q_EMIT loaded(m_orderId);
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_generation)
                return;
            m_banner->showMessage(tr("The order could not be loaded: %1").arg(e.message()), MessageBanner::Type::Error);
        });
}

QString OrderDetailPane::dashboardUrl() const
{
    return Db::OrdersRepository::stripeDashboardUrl(m_detail.paymentIntentId, m_live);
}

int OrderDetailPane::timelineCount() const
{
    return m_timeline->topLevelItemCount();
}

QString OrderDetailPane::checkText() const
{
    return m_check->text();
}

void OrderDetailPane::render()
{
    const Db::OrderDetail& d = m_detail;
    if (!d.found) {
        m_title->setText(tr("Order not found"));
        m_subtitle->setText(tr("It may have been removed, or your role may not read it."));
        m_waterfall->clear();
        m_timeline->clear();
        m_notes->clear();
        m_addNote->setEnabled(false);
        return;
    }
    const Db::OrderRow& r = d.row;
    m_title->setText(r.publicId);
    m_subtitle->setText(tr("%1 · payment %2 · fulfilment %3")
                            .arg(timeText(r.createdUs), Core::Status::text(Core::StatusKind::Payment, r.paymentStatus),
                                 Core::Status::text(Core::StatusKind::Fulfilment, r.fulfilmentStatus)));
    QStringList links;
    links << tr("Seller: %1").arg(u"<a href=\"seller:%1\">%2</a>"_s.arg(r.sellerId).arg(r.sellerName.toHtmlEscaped()));
    links << tr("Buyer: %1").arg(u"<a href=\"buyer:\">%1</a>"_s.arg(r.buyerEmail.toHtmlEscaped()));
    const QString url = dashboardUrl();
    if (!url.isEmpty())
        links << u"<a href=\"%1\">%2</a>"_s.arg(url.toHtmlEscaped(), tr("Open in Stripe Dashboard"));
    if (!d.chargeId.isEmpty())
        links << u"<span>%1</span>"_s.arg(d.chargeId.toHtmlEscaped());
    m_links->setText(links.join(u" · "_s));
    m_links->setMinimumHeight(m_links->heightForWidth(std::max(m_links->width(), 1))); // wrapped: all of it shows

    m_waterfall->clear();
    const QColor negative = MoneyDelegate::negativeColor(palette());
    for (const Db::WaterfallLine& line : d.waterfall) {
        auto* item = new QTreeWidgetItem(m_waterfall);
        item->setText(0, line.level > 0 ? u"    "_s + line.label : line.label);
        item->setText(1, r.money(line.amount).formatAmount() + u' ' + r.currency);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (line.amount < 0)
            item->setForeground(1, negative);
        if (line.level > 0) {
            item->setForeground(0, palette().color(QPalette::PlaceholderText));
        }
        if (line.isTotal) {
            QFont f = item->font(0);
            f.setBold(true);
            item->setFont(0, f);
            item->setFont(1, f);
        }
    }
    const bool ok = d.waterfallDifference == 0 && d.netDifference == 0;
    if (ok) {
        m_check->setText(tr("✓ The parts add up: fees and net match the gross, and the wallet ledger holds the seller's share."));
        m_check->setStyleSheet(u"color: #1a7f37;"_s);
    } else {
        QStringList why;
        if (d.netDifference != 0)
            why << tr("gross minus fees differs from the seller net by %1").arg(r.money(d.netDifference).format());
        if (d.waterfallDifference != 0)
            why << tr("the ledger differs from the seller's share by %1").arg(r.money(d.waterfallDifference).format());
        m_check->setText(tr("✗ Does not add up: %1").arg(why.join(u"; "_s)));
        m_check->setStyleSheet(u"color: %1; font-weight: bold;"_s.arg(negative.name()));
    }

    m_timeline->clear();
    for (const Db::OrderEvent& e : d.timeline) {
        auto* item = new QTreeWidgetItem(m_timeline);
        item->setText(0, timeText(e.atUs));
        item->setText(1, e.text);
        item->setText(2, e.actor);
        item->setToolTip(1, e.text);
        if (e.kind == u"deadline"_s && e.atUs > QDateTime::currentMSecsSinceEpoch() * 1000)
            item->setForeground(1, QColor(0x7a, 0x52, 0x00));
    }
    m_notes->clear();
    for (const Db::OrderNote& n : d.notes) {
        auto* item = new QTreeWidgetItem(m_notes);
        item->setText(0, timeText(n.atUs));
        item->setText(1, n.author);
        item->setText(2, n.body);
        item->setToolTip(2, n.body);
    }
    m_addNote->setEnabled(m_mayAddNotes);
}

void OrderDetailPane::openLink(const QString& link)
{
    if (link.startsWith(u"seller:"_s))
        Q_EMIT sellerRequested(m_detail.row.sellerId, m_detail.row.sellerName);
    else if (link.startsWith(u"buyer:"_s))
        Q_EMIT buyerRequested(m_detail.row.buyerEmail);
    else
        QDesktopServices::openUrl(QUrl(link));
}

void OrderDetailPane::addNote(const QString& body)
{
    const QString text = body.isEmpty() ? m_noteEdit->toPlainText() : body;
    if (!m_db || m_orderId == 0 || text.trimmed().isEmpty())
        return;
    m_addNote->setEnabled(false);
    const qint64 id = m_orderId;
    Db::OrdersRepository::addNote(m_db, id, text)
        .then(this,
              [this, id](qint64) {
                  m_addNote->setEnabled(m_mayAddNotes);
                  if (id != m_orderId)
                      return;
                  m_noteEdit->clear();
                  Q_EMIT noteAdded(id);
                  reload();
              })
        .onFailed(this, [this](const Db::Error& e) {
            m_addNote->setEnabled(m_mayAddNotes);
            m_banner->showMessage(tr("The note was not saved: %1").arg(e.message()), MessageBanner::Type::Error);
        });
}

} // namespace Bursar::Ui
