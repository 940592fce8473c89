#include "AuditPanel.h"

#include "AuditModel.h"
#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "MessageBanner.h"

#include "db/Database.h"
#include "db/Error.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::AuditModel;

namespace {

QString valueText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Undefined: return {};
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    }
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

qint64 micros(const QDateTime& t)
{
    return t.toMSecsSinceEpoch() * 1000;
}

} // namespace

// ================================================================== panel

AuditPanel::AuditPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"audit"_s, new AuditModel, parent)
    , m_model(static_cast<AuditModel*>(pagedModel()))
    , m_chainTimer(new QTimer(this))
{
    FilterBar* bar = filterBar();
    m_actor = bar->add(new TextFilter(u"auditActor"_s, [] { return tr("Actor (login)"); }), 1);
    m_action = bar->add(new TextFilter(u"auditAction"_s, [] {
        //: the action filter: an exact action, or a prefix ending with a dot
        return tr("Action, or refund.");
    }), 1);
    m_entity = bar->add(new ChoiceFilter(u"auditEntity"_s, [] { return tr("Any entity"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (const QString& e : Db::AuditRepository::entities())
            items.append({e, e});
        return items;
    }));
    m_order = bar->add(new TextFilter(u"auditOrder"_s, [] { return tr("Order (ORD-… or id)"); }), 1);
    m_seller = bar->add(new TextFilter(u"auditSeller"_s, [] { return tr("Seller id"); }), 1);
    m_time = bar->add(new DateRangeFilter(u"auditTime"_s));
    connect(bar, &FilterBar::changed, this, &AuditPanel::applyFilter);
    for (TextFilter* t : {m_actor, m_action, m_order, m_seller})
        connect(t, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    // the chain's badge and "As of…" beside the count
    m_badge = new QLabel(this);
    m_badge->setObjectName(u"auditChainBadge"_s);
    m_badge->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge->setContentsMargins(6, 1, 6, 1);
    toolRow()->insertWidget(1, m_badge);
    m_asOf = new QToolButton(this);
    m_asOf->setObjectName(u"auditAsOf"_s);
    m_asOf->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolRow()->addWidget(m_asOf);
    connect(m_asOf, &QToolButton::clicked, this, [this] { openAsOf(); });

    using Column = AuditModel::Column;
    view()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    setMoneyColumns({int(Column::Amount)});
    setDateColumn(int(Column::Time));
    setIdColumn(int(Column::Id), AuditModel::IdTextRole, [] { return tr("Copy audit row number"); });
    const QFontMetrics fm = view()->fontMetrics();
    const QList<int> widths = {
        fm.horizontalAdvance(u"2026-12-31 23:59"_s), fm.horizontalAdvance(u"0000000"_s),
        fm.horizontalAdvance(u"demo_support2"_s),   fm.horizontalAdvance(u"finance"_s),
        fm.horizontalAdvance(u"refund.awaiting_approval"_s), fm.horizontalAdvance(u"stripe_event"_s),
        fm.horizontalAdvance(u"evt_0000000000"_s),   fm.horizontalAdvance(u"ORD-0000000"_s),
        fm.horizontalAdvance(u"000000"_s),           fm.horizontalAdvance(u"000,000.00"_s),
        fm.horizontalAdvance(u"A note of some length"_s),
    };
    Q_ASSERT(widths.size() == int(Column::Count));
    setColumnContents(widths);
    view()->horizontalHeader()->setSortIndicator(int(Column::Time), Qt::DescendingOrder);
    restoreHeader();
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln audit row(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 audit rows").arg(QLocale().toString(c.value));
    });
    setExporter(
        [this](Db::Database* db, const QString& path, std::shared_ptr<std::atomic_bool> cancel,
               std::function<void(qint64)> progress, int pageSize) {
            return Db::AuditRepository::exportCsvFile(db, m_model->query(), path, std::move(cancel),
                                                      std::move(progress), pageSize);
        },
        u"audit.csv"_s, [] { return tr("audit rows"); });

    // the detail: the row's title, its before and after side by side, its note
    m_title = new QLabel(this);
    m_title->setObjectName(u"auditTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changes = new QTableWidget(0, 3, this);
    m_changes->setObjectName(u"auditChanges"_s);
    m_changes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_changes->verticalHeader()->hide();
    m_changes->horizontalHeader()->setStretchLastSection(true);
    m_changes->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_note = new QLabel(this);
    m_note->setObjectName(u"auditNote"_s);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* pane = new QWidget(this);
    pane->setObjectName(u"auditDetail"_s);
    auto* paneLayout = new QVBoxLayout(pane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->addWidget(m_title);
    paneLayout->addWidget(m_changes, 1);
    paneLayout->addWidget(m_note);
    setDetailPane(pane, 5, 3);

    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRow(current.isValid() ? current.row() : -1); });
    connect(m_model, &AuditModel::pageLoaded, this, [this](int, bool first) {
        if (first && m_model->rowCount() > 0 && !view()->currentIndex().isValid())
            view()->setCurrentIndex(m_model->index(0, 0));
        scheduleChainCheck();
    });
    connect(m_model, &AuditModel::modelReset, this, [this] {
        m_shownId = 0;
        m_checkedIds.clear(); // a reload checks the rows again, even the same ones
        showRow(-1);
        scheduleChainCheck();
    });
    connect(m_model, &AuditModel::failed, this, [this](const QString& message) {
        banner()->showMessage(tr("The audit log could not be read: %1 (The audit log is for finance and admin "
                                 "staff.)")
                                  .arg(message),
                              MessageBanner::Type::Error);
    });
    // the chain's state follows the rows on screen, a moment after the view stops moving
    m_chainTimer->setSingleShot(true);
    m_chainTimer->setInterval(250);
    connect(m_chainTimer, &QTimer::timeout, this, &AuditPanel::checkChain);
    connect(view()->verticalScrollBar(), &QScrollBar::valueChanged, this, &AuditPanel::scheduleChainCheck);
    connect(view()->verticalScrollBar(), &QScrollBar::rangeChanged, this, &AuditPanel::scheduleChainCheck);

    connect(&context, &ConsoleContext::databaseChanged, this, &AuditPanel::useDatabase);
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (isVisible() && m_db)
            m_model->reload();
    });
    retranslate();
    useDatabase(context.database());
}

AuditPanel::~AuditPanel() = default;

void AuditPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Audit log"));
    m_asOf->setText(tr("As of…"));
    m_asOf->setToolTip(tr("An order or a wallet as it was at a moment you choose"));
    m_changes->setHorizontalHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    if (m_shownId == 0)
        m_title->setText(tr("Select a row to see what it changed."));
}

void AuditPanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_model->setDatabase(database);
    if (database)
        applyFilter();
}

void AuditPanel::applyFilter()
{
    Db::AuditQuery q = m_model->query();
    q.filter = {};
    q.filter.actor = m_actor->text();
    q.filter.action = m_action->text();
    if (const auto e = m_entity->code(); e && !e->isEmpty())
        q.filter.entity = *e;
    q.filter.order = m_order->text();
    if (const QString s = m_seller->text(); !s.isEmpty()) {
        bool ok = false;
        const qint64 id = s.toLongLong(&ok);
        q.filter.sellerId = ok && id > 0 ? id : -1; // not a seller id: nothing matches
    }
    if (const QDate from = m_time->from(); from.isValid())
        q.filter.fromUs = micros(from.startOfDay());
    if (const QDate to = m_time->to(); to.isValid())
        q.filter.toUs = micros(to.addDays(1).startOfDay()); // the whole last day
    if (q == m_model->query() && m_model->isStarted())
        return;
    m_model->setQuery(q);
}

void AuditPanel::showRow(int row)
{
    const Db::AuditRow* r = m_model->rowAt(row);
    m_changes->setRowCount(0);
    if (!r) {
        m_shownId = 0;
        m_title->setText(tr("Select a row to see what it changed."));
        m_note->clear();
        return;
    }
    m_shownId = r->id;
    const QLocale l;
    QStringList about{r->entity + (r->entityId.isEmpty() ? QString() : u' ' + r->entityId)};
    if (!r->orderPublicId.isEmpty())
        about << tr("order %1").arg(r->orderPublicId);
    if (r->sellerId != 0)
        about << tr("seller %1").arg(r->sellerId);
    if (const auto m = r->money())
        about << m->format(l);
    m_title->setText(tr("Row %1, %2: %3 by %4 (%5) on %6")
                         .arg(QString::number(r->id), AuditModel::exactTime(r->atUs), r->action, r->actor,
                              r->actorRole, about.join(u", "_s)));
    const QStringList changed = r->changedKeys();
    const QStringList keys = r->keys();
    m_changes->setRowCount(int(keys.size()));
    QFont bold = m_changes->font();
    bold.setBold(true);
    for (int i = 0; i < keys.size(); ++i) {
        const QString& k = keys.at(i);
        const bool differs = changed.contains(k);
        auto* key = new QTableWidgetItem(k);
        auto* before = new QTableWidgetItem(r->before.contains(k) ? valueText(r->before.value(k)) : QString());
        auto* after = new QTableWidgetItem(r->after.contains(k) ? valueText(r->after.value(k)) : QString());
        for (QTableWidgetItem* it : {key, before, after}) {
            it->setData(Qt::UserRole, differs);
            if (differs) {
                it->setFont(bold);
                it->setBackground(QColor(0xff, 0xf1, 0xc2)); // a changed key: marked on all three cells
            }
        }
        if (differs)
            key->setToolTip(tr("Changed by this action"));
        m_changes->setItem(i, 0, key);
        m_changes->setItem(i, 1, before);
        m_changes->setItem(i, 2, after);
    }
    m_changes->resizeColumnToContents(0);
    QStringList more;
    if (!r->note.isEmpty())
        more << tr("Note: %1").arg(r->note);
    if (!r->stripeRequestId.isEmpty())
        more << tr("Stripe request %1").arg(r->stripeRequestId);
    if (r->operationId != 0)
        more << tr("Operation %1").arg(r->operationId);
    m_note->setText(more.join(u" · "_s));
}

void AuditPanel::scheduleChainCheck()
{
    m_chainTimer->start();
}

QString AuditPanel::chainState() const
{
    return m_badge->property("chainState").toString();
}

void AuditPanel::setBadge(const QString& state, const QString& text)
{
    m_badge->setProperty("chainState", state);
    m_badge->setText(text);
    QString style;
    if (state == u"verified"_s)
        style = u"color: #1a5e2c; background: #e3f4e6; border-radius: 3px;"_s;
    else if (state == u"broken"_s)
        style = u"color: white; background: #b3261e; border-radius: 3px; font-weight: bold;"_s;
    m_badge->setStyleSheet(style);
}

void AuditPanel::checkChain()
{
    if (!m_db)
        return;
    // the rows on screen: from the top row of the viewport to its bottom row
    const int rows = m_model->rowCount();
    QList<qint64> ids;
    if (rows > 0) {
        int top = view()->rowAt(0);
        int bottom = view()->rowAt(view()->viewport()->height() - 1);
        if (top < 0)
            top = 0;
        if (bottom < 0)
            bottom = rows - 1;
        for (int i = top; i <= bottom && i < rows; ++i)
            ids << m_model->rowAt(i)->id;
    }
    if (ids.isEmpty()) {
        m_checkedIds.clear();
        setBadge({}, {});
        return;
    }
    if (ids == m_checkedIds && chainState() != u"checking"_s && chainState() != u"failed"_s)
        return;
    m_checkedIds = ids;
    const quint64 generation = ++m_chainGeneration;
    m_currentChain->store(generation);
    setBadge(u"checking"_s, tr("Checking the chain…"));
    Db::AuditRepository::verifyRows(m_db, ids, [current = m_currentChain, generation] {
        return current->load() != generation;
    })
        .then(this,
              [this, generation](const Db::AuditChainState& st) {
                  if (generation != m_chainGeneration)
                      return;
                  m_chain = st;
                  if (st.ok()) {
                      setBadge(u"verified"_s,
                               st.range ? tr("✓ Chain verified: rows %1–%2").arg(st.fromId).arg(st.toId)
                                        : tr("✓ Chain verified: the %n row(s) on screen", "", int(st.checked)));
                  } else {
                      QString why;
                      if (st.problem == u"content_changed"_s)
                          why = tr("changed after it was written");
                      else if (st.problem == u"chain_broken"_s)
                          why = tr("does not follow the row before it (a row was removed or inserted)");
                      else
                          why = tr("written around the chain");
                      setBadge(u"broken"_s, tr("⚠ Chain broken at row %1: %2").arg(st.firstBrokenId).arg(why));
                  }
                  Q_EMIT chainChecked(st.ok());
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_chainGeneration)
                return;
            setBadge(u"failed"_s, tr("The chain could not be checked: %1").arg(e.message()));
            Q_EMIT chainChecked(false);
        });
}

AuditAsOfDialog* AuditPanel::openAsOf()
{
    if (!m_asOfDialog)
        m_asOfDialog = new AuditAsOfDialog(m_db, this);
    if (const Db::AuditRow* r = m_model->rowAt(view()->currentIndex().row())) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(r->atUs / 1000);
        if (r->entity == u"wallet"_s)
            m_asOfDialog->setTarget(AuditAsOfDialog::Kind::Wallet, r->entityId, at);
        else if (r->orderId != 0)
            m_asOfDialog->setTarget(AuditAsOfDialog::Kind::Order,
                                    r->orderPublicId.isEmpty() ? QString::number(r->orderId) : r->orderPublicId, at);
    }
    m_asOfDialog->QDialog::show();
    m_asOfDialog->raise();
    return m_asOfDialog;
}

// ================================================================== as of

AuditAsOfDialog::AuditAsOfDialog(Db::Database* db, QWidget* parent)
    : QDialog(parent)
    , m_db(db)
    , m_kind(new QComboBox(this))
    , m_id(new QLineEdit(this))
    , m_at(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_go(new QPushButton(this))
    , m_result(new QTextBrowser(this))
{
    setObjectName(u"auditAsOfDialog"_s);
    setWindowTitle(tr("As of…"));
    m_kind->setObjectName(u"asOfKind"_s);
    m_kind->addItem(tr("Order"), int(Kind::Order));
    m_kind->addItem(tr("Wallet"), int(Kind::Wallet));
    m_id->setObjectName(u"asOfId"_s);
    m_id->setPlaceholderText(tr("ORD-… or an order id; a wallet id"));
    m_at->setObjectName(u"asOfAt"_s);
    m_at->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    m_at->setCalendarPopup(true);
    m_go->setObjectName(u"asOfShow"_s);
    m_go->setText(tr("Show"));
    m_go->setDefault(true);
    m_result->setObjectName(u"asOfResult"_s);
    auto* form = new QFormLayout;
    form->addRow(tr("What"), m_kind);
    form->addRow(tr("Id"), m_id);
    form->addRow(tr("At"), m_at);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_go, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_go, &QPushButton::clicked, this, &AuditAsOfDialog::ask);
    connect(m_id, &QLineEdit::returnPressed, this, &AuditAsOfDialog::ask);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result, 1);
    layout->addWidget(buttons);
    resize(640, 520);
}

void AuditAsOfDialog::setTarget(Kind kind, const QString& id, const QDateTime& at)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_id->setText(id);
    m_at->setDateTime(at);
}

void AuditAsOfDialog::showAndAsk()
{
    QDialog::show();
    ask();
}

QString AuditAsOfDialog::resultText() const
{
    return m_result->toPlainText();
}

void AuditAsOfDialog::ask()
{
    if (!m_db)
        return;
    const QString id = m_id->text().trimmed();
    if (id.isEmpty()) {
        m_result->setPlainText(tr("Type an order or a wallet id."));
        return;
    }
    // the whole second the user picked: a row at 12:00:00.4 is "as of 12:00:00"
    const qint64 at = micros(m_at->dateTime()) + 999999;
    const quint64 asked = ++m_asked;
    m_result->setPlainText(tr("Reading…"));
    auto failed = [this, asked](const Db::Error& e) {
        if (asked != m_asked)
            return;
        m_result->setPlainText(tr("This could not be read: %1").arg(e.message()));
        Q_EMIT answered(false);
    };
    if (Kind(m_kind->currentData().toInt()) == Kind::Order) {
        Db::AuditRepository::orderAsOf(m_db, id, at)
            .then(this,
                  [this, asked](const Db::OrderAsOf& o) {
                      if (asked != m_asked)
                          return;
                      m_result->setPlainText(orderText(o));
                      Q_EMIT answered(o.found);
                  })
            .onFailed(this, failed);
    } else {
        bool ok = false;
        const qint64 wallet = id.toLongLong(&ok);
        if (!ok || wallet <= 0) {
            m_result->setPlainText(tr("A wallet is named by its number."));
            Q_EMIT answered(false);
            return;
        }
        Db::AuditRepository::walletAsOf(m_db, wallet, at)
            .then(this,
                  [this, asked](const Db::WalletAsOf& w) {
                      if (asked != m_asked)
                          return;
                      m_result->setPlainText(walletText(w));
                      Q_EMIT answered(w.found);
                  })
            .onFailed(this, failed);
    }
}

QString AuditAsOfDialog::orderText(const Db::OrderAsOf& o) const
{
    if (!o.found)
        return tr("There is no such order.");
    const QLocale l;
    const auto currency = Core::Currency::fromCode(o.currency);
    QStringList lines;
    lines << tr("Order %1 as of %2").arg(o.publicId, AuditModel::exactTime(o.atUs));
    if (!o.existed)
        lines << tr("It did not exist yet: it was created on %1.").arg(AuditModel::exactTime(o.createdUs));
    for (const Db::AsOfField& f : o.fields) {
        QString value = f.value;
        QString now = f.valueNow;
        if (Db::OrderAsOf::isMoneyField(f.key) && currency) {
            value = Core::Money(f.value.toLongLong(), *currency).format(l);
            now = Core::Money(f.valueNow.toLongLong(), *currency).format(l);
        }
        const QString source = f.sourceId != 0 ? tr("from audit row %1").arg(f.sourceId) : tr("no change recorded since");
        lines << (f.changedSince ? tr("  %1: %2 (now %3; %4)").arg(f.key, value, now, source)
                                 : tr("  %1: %2 (%3)").arg(f.key, value, source));
    }
    lines << tr("%n audit row(s) up to then, %1 after.", "", int(o.rowsBefore.size())).arg(o.rowsAfter.size());
    for (const Db::AuditRow& r : o.rowsBefore)
        lines << u"  ≤ "_s + AuditModel::exactTime(r.atUs) + u"  "_s + r.action + u"  "_s + r.actor;
    for (const Db::AuditRow& r : o.rowsAfter)
        lines << u"  > "_s + AuditModel::exactTime(r.atUs) + u"  "_s + r.action + u"  "_s + r.actor;
    return lines.join(u'\n');
}

QString AuditAsOfDialog::walletText(const Db::WalletAsOf& w) const
{
    if (!w.found)
        return tr("There is no such wallet (or you may not read wallets).");
    const QLocale l;
    QStringList lines;
    lines << tr("Wallet %1 (seller %2, %3) as of %4")
                 .arg(QString::number(w.walletId), QString::number(w.sellerId), w.currency,
                      AuditModel::exactTime(w.atUs));
    lines << tr("  available %1, pending %2, frozen %3")
                 .arg(w.money(w.available).format(l), w.money(w.pending).format(l), w.money(w.frozen).format(l));
    lines << (w.lastLedgerId != 0 ? tr("  after ledger movement %1").arg(w.lastLedgerId)
                                  : tr("  before its first ledger movement"));
    lines << tr("  now: available %1, pending %2, frozen %3")
                 .arg(w.money(w.availableNow).format(l), w.money(w.pendingNow).format(l),
                      w.money(w.frozenNow).format(l));
    lines << tr("%n movement(s) since.", "", int(w.rowsAfterCount))
          + (w.addsUp() ? tr(" Then plus every movement since is now.")
                        : tr(" ⚠ Then plus the movements since is not the balance now."));
    for (const Db::LedgerRow& r : w.rowsAfter)
        lines << u"  "_s + AuditModel::exactTime(r.createdUs) + u"  "_s + r.kind + u"  "_s
                     + w.money(r.amount()).format(l) + u"  → "_s + w.money(r.availableAfter).format(l);
    if (w.moreAfter)
        lines << tr("  … and more.");
    return lines.join(u'\n');
}

} // namespace Bursar::Ui
