#include "WalletsPanel.h"

#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "MessageBanner.h"
#include "MoneyDelegate.h"
#include "StatusBadgeDelegate.h"
#include "WalletLedgerModel.h"
#include "WalletsModel.h"

#include "core/Status.h"
#include "db/ChangeFeed.h"
#include "db/Database.h"
#include "db/Error.h"
#include "db/WalletsRepository.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Models::WalletLedgerModel;
using Models::WalletsModel;

WalletsPanel::WalletsPanel(ConsoleContext& context, QWidget* parent)
    : TablePanel(context, u"wallets"_s, new WalletsModel, parent)
    , m_model(static_cast<WalletsModel*>(pagedModel()))
    , m_ledger(new WalletLedgerModel(this))
{
    FilterBar* bar = filterBar();
    m_search = bar->add(new TextFilter(u"walletSearch"_s, [] { return tr("Seller name, seller id or acct_…"); }), 2);
    m_currency = bar->add(new CurrencyFilter(u"walletCurrency"_s));
    m_kyc = bar->add(new ChoiceFilter(u"walletKyc"_s, [] { return tr("Any KYC state"); }, [] {
        QList<std::pair<QString, QVariant>> items;
        for (const QString& k : Db::WalletsRepository::kycStates())
            items.append({Core::Status::text(Core::StatusKind::Kyc, k), k});
        return items;
    }));
    m_owed = bar->add(new CheckFilter(u"walletOwed"_s, [] {
        //: filter: wallets whose available balance is negative
        return tr("Owes money");
    }));
    m_frozen = bar->add(new CheckFilter(u"walletFrozen"_s, [] {
        //: filter: wallets with funds frozen by open disputes
        return tr("Funds frozen");
    }));
    m_broken = bar->add(new CheckFilter(u"walletBroken"_s, [] {
        //: filter: wallets whose balance or ledger chain is wrong
        return tr("Broken only");
    }));
    connect(bar, &FilterBar::changed, this, &WalletsPanel::applyFilter);
    connect(m_search, &TextFilter::returnPressed, bar, &FilterBar::applyNow);

    using Column = WalletsModel::Column;
    view()->setSelectionMode(QAbstractItemView::SingleSelection);
    setMoneyColumns({int(Column::Available), int(Column::Pending), int(Column::Frozen), int(Column::Owed)});
    setStatusColumn(int(Column::Check), Core::StatusKind::WalletCheck, WalletsModel::StatusRole);
    setStatusColumn(int(Column::Kyc), Core::StatusKind::Kyc, WalletsModel::StatusRole);
    setIdColumn(int(Column::SellerId), WalletsModel::SellerIdRole, [] { return tr("Copy seller id"); });
    // Widths from what the columns typically hold, so amounts and badges fit in any language.
    const QFontMetrics fm = view()->fontMetrics();
    auto widest = [&fm](Core::StatusKind kind) {
        int w = 0;
        for (const Core::Status::Entry& e : Core::Status::entries(kind))
            w = std::max(w, fm.horizontalAdvance(e.text()) + 24); // the badge's padding
        return w;
    };
    const QList<int> widths = {
        widest(Core::StatusKind::WalletCheck),
        fm.horizontalAdvance(u"Grand Soap Collective Ltd"_s),
        fm.horizontalAdvance(u"000000"_s),
        fm.horizontalAdvance(u"CUR"_s),
        fm.horizontalAdvance(u"-000,000.00"_s),
        fm.horizontalAdvance(u"000,000.00"_s),
        fm.horizontalAdvance(u"000,000.00"_s),
        fm.horizontalAdvance(u"000,000.00"_s),
        widest(Core::StatusKind::Kyc),
    };
    Q_ASSERT(widths.size() == int(Column::Count));
    setColumnContents(widths);
    // The list's own order (seller id, ascending) until the user's header says otherwise.
    view()->horizontalHeader()->setSortIndicator(int(Column::SellerId), Qt::AscendingOrder);
    restoreHeader();
    setCountText([](const Db::RowCount& c) {
        if (c.kind == Db::RowCount::Kind::Exact)
            return tr("%Ln wallet(s)", nullptr, int(std::min<qint64>(c.value, std::numeric_limits<int>::max())));
        return tr("more than %1 wallets").arg(QLocale().toString(c.value));
    });

    // The detail, below the list: the selected wallet's title, its check sentence and its ledger.
    m_ledgerView = createDetailTable(m_ledger, this);
    m_ledgerView->setObjectName(u"walletLedgerView"_s);
    auto* money = new MoneyDelegate(WalletLedgerModel::MoneyRole, this);
    for (auto c : {WalletLedgerModel::Column::Available, WalletLedgerModel::Column::Pending,
                   WalletLedgerModel::Column::Frozen, WalletLedgerModel::Column::Before,
                   WalletLedgerModel::Column::After})
        m_ledgerView->setItemDelegateForColumn(int(c), money);
    m_ledgerView->setItemDelegateForColumn(
        int(WalletLedgerModel::Column::Check),
        new StatusBadgeDelegate(Core::StatusKind::WalletCheck, WalletLedgerModel::StatusRole, this));
    m_ledgerView->horizontalHeader()->setSortIndicator(int(WalletLedgerModel::Column::Time), Qt::DescendingOrder);
    const int em = fontMetrics().horizontalAdvance(u'M');
    m_ledgerView->setColumnWidth(int(WalletLedgerModel::Column::Time), 12 * em);
    m_ledgerView->setColumnWidth(int(WalletLedgerModel::Column::Kind), 11 * em);
    m_ledgerView->setColumnWidth(int(WalletLedgerModel::Column::Cause), 22 * em);
    m_title = new QLabel(this);
    m_title->setObjectName(u"walletTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check = new QLabel(this);
    m_check->setObjectName(u"walletCheck"_s);
    m_check->setWordWrap(true);
    m_check->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* lower = new QWidget(this);
    lower->setObjectName(u"walletDetail"_s);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_title);
    lowerLayout->addWidget(m_check);
    lowerLayout->addWidget(m_ledgerView, 1);
    splitter()->setOrientation(Qt::Vertical);
    setDetailPane(lower, 3, 2);

    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showWallet(current.siblingAtColumn(0).data(WalletsModel::IdRole).toLongLong());
            });
    connect(m_model, &WalletsModel::pageLoaded, this, [this](int, bool first) {
        updateBrokenBanner();
        if (first && m_model->rowCount() > 0 && !view()->currentIndex().isValid())
            view()->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_model, &WalletsModel::rowsRefreshed, this, &WalletsPanel::updateBrokenBanner);
    connect(m_model, &WalletsModel::failed, this, [this](const QString& message) {
        banner()->showMessage(tr("The wallets could not be read: %1 (Wallets are for finance and admin staff.)")
                                  .arg(message),
                              MessageBanner::Type::Error);
    });
    connect(m_ledger, &WalletLedgerModel::pageLoaded, this, [this](int, bool first) {
        if (first && m_verifyAfterPage != 0)
            verifyShownWallet();
    });
    connect(m_ledger, &WalletLedgerModel::failed, this, [this](const QString& message) {
        verifyShownWallet(); // the check does not depend on the page
        banner()->showMessage(tr("The ledger could not be read: %1").arg(message), MessageBanner::Type::Error);
    });

    connect(&context, &ConsoleContext::databaseChanged, this, &WalletsPanel::useDatabase);
    // The feed gathers a commit's changes (a payout run moves thousands of wallets: one bulk change).
    connect(context.changes(), &Db::ChangeFeed::changed, this, &WalletsPanel::onChanges);
    // View > Refresh (F5) while shown: the loaded wallets re-read in place, the shown ledger from its top.
    connect(&context, &ConsoleContext::refreshRequested, this, [this] {
        if (!isVisible() || !m_db)
            return;
        onChanges({Db::Change{u"wallets"_s, Db::Change::Op::Update, std::nullopt, 0}});
    });
    retranslate();
    useDatabase(context.database());
}

WalletsPanel::~WalletsPanel() = default;

void WalletsPanel::retranslate()
{
    TablePanel::retranslate();
    setWindowTitle(tr("Wallets"));
    if (m_walletId == 0)
        m_title->setText(tr("Select a wallet to see its ledger."));
    else
        showTitle();
}

void WalletsPanel::useDatabase(Db::Database* database)
{
    m_db = database;
    m_walletId = 0;
    m_model->setDatabase(database);
    m_ledger->setDatabase(database);
    if (database)
        applyFilter();
}

void WalletsPanel::onChanges(const QList<Db::Change>& changes)
{
    if (!m_db)
        return;
    QList<qint64> wallets;
    QList<qint64> ledgerRows;
    bool allWallets = false;
    bool wholeLedger = false;
    for (const Db::Change& c : changes) {
        if (c.table == u"wallets") {
            if (c.isBulk())
                allWallets = true;
            else
                wallets << *c.id;
        } else if (c.table == u"sellers") {
            allWallets = true; // a name or a KYC state changed
        } else if (c.table == u"wallet_ledger") {
            if (c.isBulk())
                wholeLedger = true;
            else
                ledgerRows << *c.id; // rows of other wallets do not match the ledger's query: ignored
        }
    }
    if (allWallets)
        for (int i = 0; i < m_model->rowCount(); ++i)
            wallets << m_model->rowAt(i)->id;
    if (!wallets.isEmpty())
        m_model->refreshRows(wallets);
    if (m_walletId == 0)
        return;
    if (wholeLedger && wallets.contains(m_walletId)) { // many movements, this wallet's among them: from the top
        const qint64 shown = std::exchange(m_walletId, 0);
        showWallet(shown);
        return;
    }
    if (!ledgerRows.isEmpty())
        m_ledger->refreshRows(ledgerRows); // new movements in place, at their place in the sort
    // the shown wallet moved (a movement updates its wallet row in the same commit): its row re-reads
    // itself, then its title and its whole chain follow; movements of other wallets cost no check
    if (wallets.contains(m_walletId)) {
        m_currentVerify->store(++m_verifyGeneration);
        m_verifyAfterPage = m_verifyGeneration;
        connect(m_model, &WalletsModel::rowsRefreshed, this, [this] { showTitle(); verifyShownWallet(); },
                Qt::SingleShotConnection);
    }
}

void WalletsPanel::applyFilter()
{
    Db::WalletQuery q = m_model->query();
    q.filter = {};
    if (const auto c = m_currency->code(); c && !c->isEmpty())
        q.filter.currency = *c;
    if (const auto k = m_kyc->code(); k && !k->isEmpty())
        q.filter.kycState = *k;
    if (m_owed->isChecked())
        q.filter.negative = true;
    if (m_frozen->isChecked())
        q.filter.frozen = true;
    if (m_broken->isChecked())
        q.filter.broken = true;
    q.filter.search = m_search->text();
    if (q == m_model->query() && m_model->isStarted())
        return;
    m_model->setQuery(q);
}

void WalletsPanel::showTitle()
{
    const int row = m_model->rowOfId(m_walletId);
    const Db::WalletRow* w = m_model->rowAt(row);
    const QLocale l;
    if (w)
        m_title->setText(tr("%1 (seller %2), %3: %4 available, %5 pending, %6 frozen%7")
                             .arg(w->sellerName, QString::number(w->sellerId), w->currency,
                                  w->money(w->available).format(l), w->money(w->pending).format(l),
                                  w->money(w->frozen).format(l),
                                  w->owed() > 0 ? tr("; owes %1").arg(w->money(w->owed()).format(l)) : QString()));
}

void WalletsPanel::showWallet(qint64 walletId)
{
    if (!m_db || walletId == m_walletId)
        return;
    m_walletId = walletId;
    showTitle();
    const Db::WalletRow* w = m_model->rowAt(m_model->rowOfId(walletId));
    const QString problem = w ? WalletsModel::problemText(*w) : QString();
    m_check->setStyleSheet(problem.isEmpty() ? QString() : u"color: #b3261e; font-weight: bold;"_s);
    m_check->setText(problem.isEmpty() ? tr("Checking the whole ledger…") : tr("⚠ Broken: %1").arg(problem));
    Db::LedgerQuery lq;
    lq.walletId = walletId;
    lq.descending = m_ledger->query().walletId == 0 || m_ledger->query().descending;
    // The rows first, then the check: started together, the full verification (60-110 ms of server CPU
    // for 100,000 movements) slowed the first ledger page from 20 ms to 130-290 ms on a busy 2-core server.
    const quint64 generation = ++m_verifyGeneration;
    m_currentVerify->store(generation); // a verification still queued for the previous wallet skips its SQL
    m_verifyAfterPage = generation;
    m_ledger->setQuery(lq);
}

void WalletsPanel::verifyShownWallet()
{
    const quint64 generation = std::exchange(m_verifyAfterPage, 0);
    if (!m_db || generation != m_verifyGeneration || m_walletId == 0)
        return;
    const Db::WalletRow* shown = m_model->rowAt(m_model->rowOfId(m_walletId));
    const QString problem = shown ? WalletsModel::problemText(*shown) : QString();
    Db::WalletsRepository::verify(m_db, m_walletId,
                                  [current = m_currentVerify, generation] { return current->load() != generation; })
        .then(this,
              [this, generation, problem](const Db::WalletVerification& v) {
                  if (generation != m_verifyGeneration)
                      return;
                  if (!v.found) {
                      m_check->setStyleSheet(QString());
                      m_check->setText(tr("This wallet does not exist (any more)."));
                      Q_EMIT verified(v.walletId, false);
                      return;
                  }
                  const Core::Money zero = Core::Money(0, Core::Currency::of(v.currency));
                  auto m = [&](qint64 minor) { return Core::Money(minor, zero.currency()).format(QLocale()); };
                  QStringList wrong;
                  if (!problem.isEmpty())
                      wrong << problem;
                  if (!v.sumMatches())
                      wrong << tr("The sum of its %n movement(s) (%1 available, %2 pending, %3 frozen) differs from "
                                  "the balance (%4, %5, %6).", "", int(v.ledgerRows))
                                   .arg(m(v.sumAvailable), m(v.sumPending), m(v.sumFrozen), m(v.available),
                                        m(v.pending), m(v.frozen));
                  if (v.chainBreaks > 0)
                      wrong << tr("The chain breaks %n time(s), first at movement %1.", "", int(v.chainBreaks))
                                   .arg(v.firstBreakId);
                  if (wrong.isEmpty()) {
                      m_check->setStyleSheet(u"color: #1a5e2c;"_s);
                      m_check->setText(tr("✓ Verified: its %n movement(s) add up to the balance and the chain holds.",
                                          "", int(v.ledgerRows)));
                  } else {
                      m_check->setStyleSheet(u"color: #b3261e; font-weight: bold;"_s);
                      m_check->setText(tr("⚠ Broken: %1").arg(wrong.join(u' ')));
                  }
                  Q_EMIT verified(v.walletId, wrong.isEmpty());
              })
        .onFailed(this, [this, generation](const Db::Error& e) {
            if (generation != m_verifyGeneration)
                return;
            m_check->setStyleSheet(QString());
            m_check->setText(tr("The wallet could not be verified: %1").arg(e.message()));
            Q_EMIT verified(m_walletId, false);
        });
}

QString WalletsPanel::checkText() const
{
    return m_check->text();
}

void WalletsPanel::updateBrokenBanner()
{
    int broken = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        broken += m_model->rowAt(i)->broken() ? 1 : 0;
    if (broken > 0)
        banner()->showMessage(tr("%n wallet(s) in this list do not match their ledger; they are marked Broken.", "",
                                 broken),
                              MessageBanner::Type::Warning);
    else if (banner()->type() == MessageBanner::Type::Warning)
        banner()->dismiss();
}

} // namespace Bursar::Ui
