// The table panel (ui/TablePanel, ui/FilterBar, ui/FilterWidget) through the Orders panel, offscreen
// against a real PostgreSQL: a filter narrows the rows on the server, a saved filter comes back,
// the header the user left is there again in a new panel, a CSV export of more rows than a page
// writes each row once, and cancel stops an export.
#include "ConsoleContext.h"
#include "FilterBar.h"
#include "FilterWidget.h"
#include "OrdersModel.h"
#include "OrdersPanel.h"
#include "RefundsModel.h"
#include "RefundsPanel.h"
#include "MoneyDelegate.h"
#include "StatusBadgeDelegate.h"
#include "DemoFixture.h"
#include "TestSupport.h"
#include "Translations.h"

#include "core/Settings.h"
#include "db/Database.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::OrdersModel;

// The least a list panel can be: a model and an id, nothing chosen per column.
class BarePanel final : public Ui::TablePanel
{
public:
    explicit BarePanel(Ui::ConsoleContext& context)
        : TablePanel(context, u"bare"_s, new OrdersModel, nullptr)
    {
        pagedModel()->setDatabase(context.database());
        static_cast<OrdersModel*>(pagedModel())->setQuery({});
    }
};

class TestTablePanel : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Ui::ConsoleContext> m_context;
    std::unique_ptr<Ui::OrdersPanel> m_panel;

    void openPanel()
    {
        m_panel.reset(); // the old one saves its header as it goes
        m_panel = std::make_unique<Ui::OrdersPanel>(*m_context);
        m_panel->resize(1600, 850);
        m_panel->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() > 0 && !m_panel->model()->isLoading(), 20000);
    }
    qint64 psqlCount(const QString& where)
    {
        return Test::psql(m_config.database, u"SELECT count(*) FROM orders WHERE "_s + where).trimmed().toLongLong();
    }
    template<typename F>
    F* filter(const QString& key)
    {
        return qobject_cast<F*>(m_panel->filterBar()->filter(key));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BursarTest"_s);
        QCoreApplication::setApplicationName(u"TestTablePanel"_s);
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s); // plurals from the .qm
        m_config = Test::createDatabase(u"table_panel_gui"_s);
        Test::loadDemo(m_config.database, 1500, 30, 11);
        QVERIFY(!QTest::currentTestFailed());
        m_db = std::make_unique<Db::Database>(m_config);
        Test::await(m_db->open());
        m_settings = Core::Settings::temporary();
        m_context = std::make_unique<Ui::ConsoleContext>(m_settings.get(), nullptr);
        m_context->setDatabase(m_db.get());
        openPanel();
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_context.reset();
        m_db.reset();
    }

    // The filter goes to the server: the rows are those PostgreSQL counts, not a view-side hiding.
    void aFilterNarrowsTheRowsOnTheServer()
    {
        auto* payment = filter<Ui::StatusChoiceFilter>(u"paymentFilter"_s);
        auto* currency = filter<Ui::CurrencyFilter>(u"currencyFilter"_s);
        QVERIFY(payment && currency);
        const quint64 before = m_panel->model()->generation();
        payment->comboBox()->setCurrentIndex(payment->comboBox()->findData(u"held"_s));
        currency->comboBox()->setCurrentIndex(currency->comboBox()->findData(u"EUR"_s));
        QTRY_VERIFY(m_panel->model()->query().filter.currency == u"EUR"_s);
        QVERIFY(m_panel->model()->generation() > before);
        QCOMPARE(m_panel->model()->query().filter.paymentStatus, std::optional<QString>(u"held"_s));
        QTRY_VERIFY(!m_panel->model()->isLoading());
        while (m_panel->model()->canFetchMore({})) {
            m_panel->model()->fetchMore({});
            QTRY_VERIFY(!m_panel->model()->isLoading());
        }
        const qint64 expected = psqlCount(u"payment_status = 'held' AND currency = 'EUR'"_s);
        QVERIFY(expected > 0);
        QCOMPARE(qint64(m_panel->model()->rowCount()), expected);
        for (int i = 0; i < m_panel->model()->rowCount(); ++i) {
            QCOMPARE(m_panel->model()->rowAt(i)->paymentStatus, u"held"_s);
            QCOMPARE(m_panel->model()->rowAt(i)->currency, u"EUR"_s);
        }
        QCOMPARE(m_panel->filterBar()->state().size(), 2);
        auto* clear = m_panel->findChild<QToolButton*>(u"clearFilters"_s);
        QVERIFY(clear->isVisible());
        clear->click();
        QTRY_VERIFY(m_panel->model()->query().filter.isEmpty());
        QVERIFY(!clear->isVisible());
        QVERIFY(!payment->isActive() && !currency->isActive());
    }

    // A named filter is kept in the typed settings, and recalling it fills the bar and applies it.
    void aSavedFilterIsRecalled()
    {
        auto* currency = filter<Ui::CurrencyFilter>(u"currencyFilter"_s);
        auto* refund = filter<Ui::TriStateFilter>(u"refundFilter"_s);
        currency->comboBox()->setCurrentIndex(currency->comboBox()->findData(u"USD"_s));
        refund->comboBox()->setCurrentIndex(2); // without refund
        m_panel->applyNow();
        QTRY_VERIFY(m_panel->model()->query().filter.hasRefund == std::optional(false));
        m_panel->saveFilter(u"USD, no refund"_s);
        QVERIFY(m_settings->savedFilters(u"orders"_s).contains(u"USD, no refund"_s));

        m_panel->filterBar()->clearAll();
        QTRY_VERIFY(m_panel->model()->query().filter.isEmpty());
        QVERIFY(m_panel->loadFilter(u"USD, no refund"_s));
        QCOMPARE(currency->code(), std::optional<QString>(u"USD"_s));
        QCOMPARE(refund->state(), std::optional(false));
        QCOMPARE(m_panel->model()->query().filter.currency, std::optional<QString>(u"USD"_s));
        QCOMPARE(m_panel->model()->query().filter.hasRefund, std::optional(false));
        QVERIFY(!m_panel->loadFilter(u"no such filter"_s));

        // another panel on the same settings lists it
        Ui::OrdersPanel other(*m_context);
        QVERIFY(other.savedFilterNames().contains(u"USD, no refund"_s));
        m_panel->removeFilter(u"USD, no refund"_s);
        QVERIFY(!m_panel->savedFilterNames().contains(u"USD, no refund"_s));
        m_panel->filterBar()->clearAll();
    }

    // Widths, order, hidden columns and the sort come back in a panel made anew.
    void theHeaderComesBackInANewPanel()
    {
        QHeaderView* header = m_panel->view()->horizontalHeader();
        const int seller = int(OrdersModel::Column::Seller);
        const int gross = int(OrdersModel::Column::Gross);
        const int currency = int(OrdersModel::Column::Currency);
        header->resizeSection(seller, 333);
        header->moveSection(header->visualIndex(gross), 0);
        m_panel->view()->setColumnHidden(currency, true);
        m_panel->view()->sortByColumn(gross, Qt::AscendingOrder);
        QTRY_VERIFY(m_panel->model()->query().sort == Db::OrderSort::Gross && !m_panel->model()->query().descending);

        openPanel(); // the old panel goes (and saves), a new one restores
        header = m_panel->view()->horizontalHeader();
        QCOMPARE(header->sectionSize(seller), 333);
        QCOMPARE(header->visualIndex(gross), 0);
        QVERIFY(m_panel->view()->isColumnHidden(currency));
        QCOMPARE(header->sortIndicatorSection(), gross);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(m_panel->model()->query().sort, Db::OrderSort::Gross);
        QVERIFY(!m_panel->model()->query().descending);

        // back to the defaults for the other tests
        m_settings->setHeaderState(u"orders"_s, {});
        openPanel();
    }

    // An export pages through the repository on the worker: more rows than a page, each once.
    void anExportOfMoreThanAPageWritesEveryRowOnce()
    {
        auto* currency = filter<Ui::CurrencyFilter>(u"currencyFilter"_s);
        currency->comboBox()->setCurrentIndex(currency->comboBox()->findData(u"USD"_s));
        m_panel->applyNow();
        QTRY_VERIFY(m_panel->model()->query().filter.currency == u"USD"_s);
        const qint64 expected = psqlCount(u"currency = 'USD'"_s);
        QVERIFY2(expected > 150, qPrintable(QString::number(expected)));
        m_panel->setExportPageSize(50); // several pages, and a last one that is not full
        QTemporaryDir dir;
        const QString path = dir.filePath(u"usd.csv"_s);
        QSignalSpy finished(m_panel.get(), &Ui::TablePanel::exportFinished);
        m_panel->exportCsv(path, true);
        QVERIFY(m_panel->isExporting());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(0).at(1).toLongLong(), expected);

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray()); // CRLF after the last record
        QCOMPARE(lines.takeFirst(), QByteArray("order_id,public_id,created_at,buyer_email,seller_id,seller,currency,gross,"
                                               "refunded,seller_net,payment_status,fulfilment_status,has_refund,"
                                               "has_dispute\r"));
        QCOMPARE(qint64(lines.size()), expected);
        QSet<qint64> ids;
        for (const QByteArray& line : std::as_const(lines)) {
            QVERIFY(line.endsWith('\r'));
            ids.insert(line.left(line.indexOf(',')).toLongLong());
            QVERIFY2(line.contains(",USD,"), line.constData());
        }
        QCOMPARE(qint64(ids.size()), expected); // none twice, none missing
        const QString sum = Test::psql(m_config.database, u"SELECT sum(id) FROM orders WHERE currency = 'USD'"_s).trimmed();
        qint64 total = 0;
        for (qint64 id : std::as_const(ids))
            total += id;
        QCOMPARE(QString::number(total), sum);
        // money as plain decimals: the first row's gross is its minor units over 100
        const QList<QByteArray> first = lines.first().split(',');
        const qint64 grossMinor = Test::psql(m_config.database,
                                             u"SELECT gross FROM orders WHERE id = "_s + QString::fromLatin1(first.at(0)))
                                      .trimmed()
                                      .toLongLong();
        QCOMPARE(first.at(7), QByteArray::number(grossMinor / 100) + '.' + QByteArray::number(grossMinor % 100).rightJustified(2, '0'));
    }

    // Refunds get the same export: every refund once, the amount as a plain decimal beside its currency.
    void refundsExportEveryRefund()
    {
        Ui::RefundsPanel refunds(*m_context);
        QTRY_VERIFY_WITH_TIMEOUT(refunds.model()->rowCount() > 0 && !refunds.model()->isLoading(), 20000);
        const qint64 expected = Test::psql(m_config.database, u"SELECT count(*) FROM refunds"_s).trimmed().toLongLong();
        QVERIFY(expected > 7);
        refunds.setExportPageSize(7);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"refunds.csv"_s);
        QSignalSpy finished(&refunds, &Ui::TablePanel::exportFinished);
        refunds.exportCsv(path, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(0).at(1).toLongLong(), expected);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        lines.removeLast();
        QVERIFY(lines.takeFirst().startsWith("refund_id,order_id,order_public_id,created_at,currency,amount,"));
        QSet<qint64> ids;
        for (const QByteArray& line : std::as_const(lines))
            ids.insert(line.left(line.indexOf(',')).toLongLong());
        QCOMPARE(qint64(ids.size()), expected);
        // a USD refund's amount: minor units / 100, exactly
        for (const QByteArray& line : std::as_const(lines)) {
            const QList<QByteArray> fields = line.split(',');
            if (fields.at(4) != "USD")
                continue;
            const qint64 minor = Test::psql(m_config.database,
                                            u"SELECT amount FROM refunds WHERE id = "_s + QString::fromLatin1(fields.at(0)))
                                     .trimmed()
                                     .toLongLong();
            QCOMPARE(fields.at(5), QByteArray::number(minor / 100) + '.' + QByteArray::number(minor % 100).rightJustified(2, '0'));
            break;
        }
    }

    // Delegates by role: a panel that names no column still shows money and status badges.
    void delegatesAreChosenByRole()
    {
        BarePanel bare(*m_context);
        QTRY_VERIFY_WITH_TIMEOUT(bare.pagedModel()->rowCount() > 0, 20000);
        QTableView* view = bare.view();
        QVERIFY(qobject_cast<Ui::MoneyDelegate*>(view->itemDelegateForColumn(int(OrdersModel::Column::Gross))));
        QVERIFY(qobject_cast<Ui::MoneyDelegate*>(view->itemDelegateForColumn(int(OrdersModel::Column::SellerNet))));
        QVERIFY(qobject_cast<Ui::StatusBadgeDelegate*>(view->itemDelegateForColumn(int(OrdersModel::Column::PaymentStatus))));
        QVERIFY(qobject_cast<Ui::StatusBadgeDelegate*>(view->itemDelegateForColumn(int(OrdersModel::Column::FulfilmentStatus))));
        QVERIFY(!view->itemDelegateForColumn(int(OrdersModel::Column::Buyer)));
    }

    // A language change reaches the panel, its tool row and each filter (QEvent::LanguageChange).
    void wordsFollowTheLanguage()
    {
        auto* saved = m_panel->findChild<QToolButton*>(u"savedFilters"_s);
        auto* currency = filter<Ui::CurrencyFilter>(u"currencyFilter"_s);
        QCOMPARE(saved->text(), u"Saved filters"_s);
        QCOMPARE(currency->comboBox()->itemText(0), u"Any currency"_s);
        QCOMPARE(Ui::installTranslations(u"fr"_s), u"fr"_s);
        QTRY_COMPARE(saved->text(), u"Filtres enregistrés"_s);
        QCOMPARE(currency->comboBox()->itemText(0), u"Toute devise"_s);
        QCOMPARE(m_panel->searchBox()->placeholderText().isEmpty(), false);
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s);
        QTRY_COMPARE(saved->text(), u"Saved filters"_s);
        QCOMPARE(currency->comboBox()->itemText(0), u"Any currency"_s);
    }

    // Cancel stops the worker between pages; the partial file goes and no file is left at the path.
    void cancelStopsAnExport()
    {
        m_panel->setExportPageSize(1); // a query per row: the export runs long enough to be stopped
        QTemporaryDir dir;
        const QString path = dir.filePath(u"canceled.csv"_s);
        QSignalSpy finished(m_panel.get(), &Ui::TablePanel::exportFinished);
        m_panel->filterBar()->clearAll(); // every order: a page per row runs well past the cancel below
        m_panel->exportCsv(path, true);
        QVERIFY(m_panel->isExporting());
        // at once: on a fast machine the whole export can end before a progress report (every 100 ms)
        m_panel->cancelExport();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!finished.at(0).at(0).toBool());
        QCOMPARE(finished.at(0).at(2).toString(), u"Export canceled."_s);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + u".part"_s));
        QVERIFY(!m_panel->isExporting());
        m_panel->setExportPageSize(2000);
    }
};

QTEST_MAIN(TestTablePanel)
#include "TestTablePanel.moc"
