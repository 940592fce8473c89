// The Wallets panel offscreen against a real PostgreSQL: the list and the ledger under
// QAbstractItemModelTester, filters, a negative JPY balance shown as owed, a broken wallet with its red
// badge and its sentence, a sound wallet verified in full, the ledger paged to the end in the view, the
// header sorting through the whitelist, and a viewer told why they see nothing.
#include "MessageBanner.h"
#include "StatusBadgeDelegate.h"
#include "TestSupport.h"
#include "Translations.h"
#include "WalletLedgerModel.h"
#include "WalletsModel.h"
#include "WalletsPanel.h"
#include "ConsoleContext.h"

#include "db/Database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::WalletLedgerModel;
using Models::WalletsModel;

class TestWalletsPanel : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
    std::unique_ptr<Ui::ConsoleContext> m_context;
    std::unique_ptr<Ui::WalletsPanel> m_panel; // destroyed before the context it was built with
    std::unique_ptr<QAbstractItemModelTester> m_listTester, m_ledgerTester;
    qint64 m_yen = 0, m_broken = 0, m_big = 0;

    QString sql(const QString& q) { return Test::psql(m_config.database, q); }
    void select(qint64 walletId)
    {
        m_panel->findChild<QLineEdit*>(u"walletSearch"_s)->clear();
        for (auto* b : m_panel->findChildren<QCheckBox*>())
            b->setChecked(false);
        m_panel->findChild<QComboBox*>(u"walletCurrency"_s)->setCurrentIndex(0);
        m_panel->findChild<QComboBox*>(u"walletKyc"_s)->setCurrentIndex(0);
        const QString seller = sql(u"SELECT seller_id FROM wallets WHERE id = %1"_s.arg(walletId));
        QTest::keyClicks(m_panel->findChild<QLineEdit*>(u"walletSearch"_s), seller);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->query().filter.search == seller && !m_panel->model()->isLoading()
                                     && m_panel->model()->rowOfId(walletId) >= 0,
                                 10000);
        m_panel->view()->setCurrentIndex(m_panel->model()->index(m_panel->model()->rowOfId(walletId), 0));
        QTRY_COMPARE(m_panel->walletId(), walletId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s); // as the console does: plurals come from the .qm
        m_config = Test::createDatabase(u"wallets_gui"_s);
        QFile f(QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/demo_data.sql"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        sql(QString::fromUtf8(f.readAll()));
        sql(u"SELECT count(*) FROM bursar_demo.generate(orders => 800, sellers => 40, seed => 5)"_s);
        // a seller in JPY who owes 2,500 yen
        sql(u"INSERT INTO sellers (name, default_currency) VALUES ('Yamada Owes Shoten', 'JPY'); "
            "INSERT INTO wallets (seller_id, currency) SELECT max(id), 'JPY' FROM sellers"_s);
        m_yen = sql(u"SELECT max(id) FROM wallets"_s).toLongLong();
        for (int a : {5000, -7500})
            sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, description) "
                "VALUES (%1, 'adjustment', %2, 'test')"_s.arg(m_yen).arg(a));
        // a wallet whose balance no longer follows its ledger
        sql(u"INSERT INTO sellers (name) VALUES ('Broken Balance Ltd'); "
            "INSERT INTO wallets (seller_id, currency) SELECT max(id), 'USD' FROM sellers"_s);
        m_broken = sql(u"SELECT max(id) FROM wallets"_s).toLongLong();
        sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, description) VALUES (%1, 'adjustment', 2000, 'x')"_s
                .arg(m_broken));
        sql(u"ALTER TABLE wallet_ledger DISABLE TRIGGER wallet_ledger_insert; "
            "INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after, "
            "pending_before, pending_after, frozen_before, frozen_after, description) "
            "VALUES (%1, 'adjustment', 'USD', 500, 2000, 2500, 0, 0, 0, 0, 'planted'); "
            "ALTER TABLE wallet_ledger ENABLE TRIGGER wallet_ledger_insert"_s.arg(m_broken));
        // a wallet of 1,000 movements, 3 microseconds apart
        sql(uR"(BEGIN; SELECT set_config('bursar.bulk_load', 'on', true);
INSERT INTO sellers (name) VALUES ('Busy Ledger Co');
INSERT INTO wallets (seller_id, currency) SELECT max(id), 'USD' FROM sellers;
INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after,
                           pending_before, pending_after, frozen_before, frozen_after, description, created_by, created_at)
SELECT (SELECT max(id) FROM wallets), 'adjustment', 'USD', 100, (n - 1) * 100, n * 100, 0, 0, 0, 0, 'm', 'test',
       timestamptz '2026-02-01' + n * interval '3 microseconds' FROM generate_series(1, 1000) n;
UPDATE wallets SET available = 100000 WHERE id = (SELECT max(id) FROM wallets); COMMIT)"_s);
        m_big = sql(u"SELECT max(id) FROM wallets"_s).toLongLong();

        m_db = std::make_unique<Db::Database>(m_config);
        Test::await(m_db->open());
        m_context = std::make_unique<Ui::ConsoleContext>(nullptr, nullptr);
        m_panel = std::make_unique<Ui::WalletsPanel>(*m_context);
        m_listTester = std::make_unique<QAbstractItemModelTester>(m_panel->model());
        m_ledgerTester = std::make_unique<QAbstractItemModelTester>(m_panel->ledgerModel());
        m_panel->resize(1500, 900);
        m_panel->show();
        m_context->setDatabase(m_db.get()); // the panel hears it from the context, and follows its change feed
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() > 0, 20000);
    }

    void cleanupTestCase()
    {
        m_ledgerTester.reset();
        m_listTester.reset();
        m_panel.reset();
        m_db.reset();
        Test::dropDatabase(m_config.database);
    }

    void firstWalletIsShownAndVerified()
    {
        QTRY_VERIFY(m_panel->walletId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->checkText().startsWith(u"✓ Verified"_s), 10000);
        QTRY_VERIFY(m_panel->ledgerModel()->rowCount() > 0);
        QCOMPARE(qint64(m_panel->ledgerModel()->rowCount()),
                 sql(u"SELECT least(count(*), 200) FROM wallet_ledger WHERE wallet_id = %1"_s.arg(m_panel->walletId()))
                     .toLongLong());
        // every movement names its cause
        for (int i = 0; i < m_panel->ledgerModel()->rowCount(); ++i)
            QVERIFY(!m_panel->ledgerModel()
                         ->index(i, int(WalletLedgerModel::Column::Cause))
                         .data()
                         .toString()
                         .isEmpty());
    }

    // More wallets than a page: the count is asked for after the first page, exact below 10,000.
    void countsTheWallets()
    {
        auto* model = m_panel->model();
        model->setPageSize(5);
        model->reload();
        QTRY_VERIFY(model->count().has_value());
        QCOMPARE(model->count()->kind, Db::RowCount::Kind::Exact);
        QCOMPARE(model->count()->value, sql(u"SELECT count(*) FROM wallets"_s).toLongLong());
        model->setPageSize(200);
        model->reload();
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 5);
    }

    void owedFilterAndJpyHaveNoMinorUnit()
    {
        m_panel->findChild<QCheckBox*>()->setChecked(false);
        auto* owes = m_panel->findChildren<QCheckBox*>().at(0);
        QCOMPARE(owes->text(), u"Owes money"_s);
        owes->setChecked(true);
        QTRY_VERIFY(m_panel->model()->query().filter.negative.value_or(false) && !m_panel->model()->isLoading());
        QVERIFY(m_panel->model()->rowCount() > 0);
        for (int i = 0; i < m_panel->model()->rowCount(); ++i)
            QVERIFY(m_panel->model()->rowAt(i)->available < 0);
        const int row = m_panel->model()->rowOfId(m_yen);
        QVERIFY(row >= 0);
        const QModelIndex owed = m_panel->model()->index(row, int(WalletsModel::Column::Owed));
        QCOMPARE(owed.data(WalletsModel::RawValueRole).toLongLong(), 2500);
        QCOMPARE(owed.data().toString(), u"2,500"_s); // JPY: no minor unit
        QCOMPARE(owed.data(WalletsModel::MoneyRole).value<Core::Money>().currency().code(), u"JPY"_s);
        QCOMPARE(m_panel->model()->index(row, int(WalletsModel::Column::Available)).data().toString(), u"-2,500"_s);
        owes->setChecked(false);
    }

    void brokenWalletHasARedBadgeAndASentence()
    {
        select(m_broken);
        const int row = m_panel->model()->rowOfId(m_broken);
        const QModelIndex check = m_panel->model()->index(row, int(WalletsModel::Column::Check));
        QCOMPARE(check.data(WalletsModel::StatusRole).toString(), u"broken"_s);
        QCOMPARE(check.data().toString(), u"Broken"_s);
        auto* badge = qobject_cast<Ui::StatusBadgeDelegate*>(m_panel->view()->itemDelegateForColumn(check.column()));
        QVERIFY(badge);
        QVERIFY(badge->entryFor(check));
        QCOMPARE(badge->entryFor(check)->tone, Core::StatusTone::Bad); // from Core::Status (WalletCheck)
        QVERIFY(check.data(Qt::ToolTipRole).toString().contains(u"differs from its last ledger movement"_s));
        QVERIFY2(m_panel->checkText().startsWith(u"⚠ Broken"_s), qPrintable(m_panel->checkText()));
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->checkText().contains(u"The sum of its 2 movements"_s), 10000);
        QVERIFY2(m_panel->checkText().contains(u"25.00"_s), qPrintable(m_panel->checkText()));
        QVERIFY(m_panel->banner()->isVisible());
        QCOMPARE(m_panel->banner()->type(), Ui::MessageBanner::Type::Warning);
        QVERIFY(m_panel->banner()->text().contains(u"1 wallet in this list"_s));
        if (qEnvironmentVariableIsSet("BURSAR_SCREENSHOT")) // e.g. for the README
            m_panel->grab().save(qEnvironmentVariable("BURSAR_SCREENSHOT"));

        auto* broken = m_panel->findChildren<QCheckBox*>().at(2);
        QCOMPARE(broken->text(), u"Broken only"_s);
        m_panel->findChild<QLineEdit*>(u"walletSearch"_s)->clear();
        broken->setChecked(true);
        QTRY_VERIFY(m_panel->model()->query().filter.broken.value_or(false) && !m_panel->model()->isLoading()
                    && m_panel->model()->query().filter.search.isEmpty());
        QCOMPARE(m_panel->model()->rowCount(), 1);
        QCOMPARE(m_panel->model()->rowAt(0)->id, m_broken);
        broken->setChecked(false);
    }

    void ledgerPagesToTheEndInTheView()
    {
        select(m_big);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->checkText().contains(u"1,000 movements add up"_s)
                                     || m_panel->checkText().contains(u"1000 movements add up"_s),
                                 10000);
        auto* ledger = m_panel->ledgerModel();
        QTRY_VERIFY(ledger->rowCount() == 200 && !ledger->isLoading());
        for (int guard = 0; guard < 50 && ledger->hasMore(); ++guard) {
            m_panel->ledgerView()->scrollToBottom();
            if (ledger->canFetchMore({}))
                ledger->fetchMore({});
            QTRY_VERIFY(!ledger->isLoading());
        }
        QCOMPARE(ledger->rowCount(), 1000);
        QSet<qint64> ids;
        for (int i = 0; i < ledger->rowCount(); ++i) {
            ids.insert(ledger->rowAt(i)->id);
            if (i > 0)
                QCOMPARE(ledger->rowAt(i - 1)->balanceBefore(), ledger->rowAt(i)->balanceAfter()); // newest first
        }
        QCOMPARE(ids.size(), 1000);
        // oldest first through the header (the whitelist has the time column only)
        m_panel->ledgerView()->horizontalHeader()->setSortIndicator(int(WalletLedgerModel::Column::Time), Qt::DescendingOrder);
        QTest::mouseClick(m_panel->ledgerView()->horizontalHeader()->viewport(), Qt::LeftButton, {},
                          QPoint(m_panel->ledgerView()->horizontalHeader()->sectionViewportPosition(0) + 5, 5));
        QTRY_VERIFY(!ledger->query().descending && !ledger->isLoading() && ledger->rowCount() > 0);
        QCOMPARE(ledger->rowAt(0)->balanceBefore(), 0);
    }

    void headerSortsByTheWhitelistOnly()
    {
        auto* header = m_panel->view()->horizontalHeader();
        const quint64 before = m_panel->model()->generation();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(int(WalletsModel::Column::Currency)) + 5, 5));
        QCOMPARE(m_panel->model()->generation(), before); // not sortable: nothing happens
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(int(WalletsModel::Column::Available)) + 5, 5));
        QTRY_VERIFY(m_panel->model()->query().sort == Db::WalletSort::Available && !m_panel->model()->isLoading());
        for (int i = 1; i < m_panel->model()->rowCount(); ++i)
            QVERIFY(m_panel->model()->rowAt(i - 1)->available * (m_panel->model()->query().descending ? -1 : 1)
                    <= m_panel->model()->rowAt(i)->available * (m_panel->model()->query().descending ? -1 : 1));
    }

    void aMovementElsewhereRefreshesTheRowTheLedgerAndTheCheck()
    {
        select(m_yen);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->checkText().startsWith(u"✓ Verified"_s), 10000);
        QTRY_COMPARE(m_panel->ledgerModel()->rowCount(), 2);
        const quint64 generation = m_panel->model()->generation();
        const quint64 ledgerGeneration = m_panel->ledgerModel()->generation();
        sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, description) "
            "VALUES (%1, 'adjustment', 4000, 'repaid by the seller')"_s.arg(m_yen));
        const int row = m_panel->model()->rowOfId(m_yen);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowAt(row)->available, qint64(1500), 10000);
        QCOMPARE(m_panel->model()->generation(), generation); // in place, no reset of the list
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->ledgerModel()->rowCount(), 3, 10000);
        QCOMPARE(m_panel->ledgerModel()->generation(), ledgerGeneration); // the movement joined in place
        auto* ledger = m_panel->ledgerModel(); // in the order the user chose (oldest first since the header click)
        QCOMPARE(ledger->rowAt(ledger->query().descending ? 0 : 2)->description, u"repaid by the seller"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(m_panel->checkText().contains(u"3 movements add up"_s),
                                  qPrintable(u"the check says: "_s + m_panel->checkText() + u" (wallet "_s
                                             + QString::number(m_panel->walletId()) + u", yen "_s
                                             + QString::number(m_yen) + u')'),
                                  10000);
        QVERIFY(!m_panel->model()->index(row, int(WalletsModel::Column::Owed)).data().isValid()); // owes nothing now
    }

    void aViewerIsToldWhy()
    {
        Test::psql(u"postgres"_s, u"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'twp_viewer') "
                                  "THEN CREATE ROLE twp_viewer LOGIN IN ROLE bursar_viewer; END IF; END $$"_s);
        Db::ConnectionConfig c = m_config;
        c.user = u"twp_viewer"_s;
        c.password.clear();
        Db::Database db(c);
        Test::await(db.open());
        Ui::ConsoleContext context(nullptr, nullptr);
        Ui::WalletsPanel panel(context);
        panel.show();
        context.setDatabase(&db);
        QTRY_VERIFY_WITH_TIMEOUT(panel.banner()->isVisible(), 10000);
        QCOMPARE(panel.banner()->type(), Ui::MessageBanner::Type::Error);
        QVERIFY2(panel.banner()->text().contains(u"finance and admin"_s), qPrintable(panel.banner()->text()));
        QCOMPARE(panel.model()->rowCount(), 0);
        context.setDatabase(nullptr);
    }
};

QTEST_MAIN(TestWalletsPanel)
#include "TestWalletsPanel.moc"
