// The Orders panel offscreen against a real PostgreSQL: filter, search, select an order and open
// its detail, add a note, live refresh through NOTIFY, Ctrl+C, saved filters, CSV export.
#include "ConsoleContext.h"
#include "MessageBanner.h"
#include "OrderDetailPane.h"
#include "OrdersModel.h"
#include "OrdersPanel.h"
#include "DemoFixture.h"
#include "TestSupport.h"
#include "TextDelegate.h"
#include "Translations.h"

#include "core/Settings.h"
#include "db/Database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStaticText>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::OrdersModel;

class TestOrdersPanel : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;
    std::unique_ptr<Db::Database> m_db;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Ui::ConsoleContext> m_context;
    std::unique_ptr<Ui::OrdersPanel> m_panel;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BursarTest"_s);
        QCoreApplication::setApplicationName(u"TestOrdersPanel"_s);
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s); // as the console does: plurals come from the .qm
        m_config = Test::createDatabase(u"orders_gui"_s);
        Test::loadDemo(m_config.database, 1500, 30, 7);
        QVERIFY(!QTest::currentTestFailed());
        m_db = std::make_unique<Db::Database>(m_config);
        Test::await(m_db->open());
        m_settings = Core::Settings::temporary();
        m_context = std::make_unique<Ui::ConsoleContext>(m_settings.get(), nullptr);
        m_panel = std::make_unique<Ui::OrdersPanel>(*m_context);
        m_panel->resize(1600, 850);
        m_panel->show();
        m_context->setDatabase(m_db.get()); // as the main window does once the schema is checked
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() > 0, 20000);
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_context.reset();
        m_db.reset();
        Test::dropDatabase(m_config.database);
    }

    void filterByStatus()
    {
        auto* payment = m_panel->findChild<QComboBox*>(u"paymentFilter"_s);
        QVERIFY(payment);
        payment->setCurrentIndex(payment->findData(u"held"_s));
        QTRY_VERIFY(m_panel->model()->query().filter.paymentStatus == u"held"_s);
        QTRY_VERIFY(!m_panel->model()->isLoading() && m_panel->model()->rowCount() > 0);
        for (int i = 0; i < m_panel->model()->rowCount(); ++i)
            QCOMPARE(m_panel->model()->rowAt(i)->paymentStatus, u"held"_s);
        QTRY_VERIFY(m_panel->countText().contains(u"order"_s));
        payment->setCurrentIndex(0);
        QTRY_VERIFY(!m_panel->model()->query().filter.paymentStatus.has_value());
    }

    void typingIsDebouncedAndSearchFindsTheOrder()
    {
        const QString publicId = Test::psql(m_config.database, u"SELECT public_id FROM orders WHERE has_refund LIMIT 1"_s);
        const quint64 before = m_panel->model()->generation();
        QTest::keyClicks(m_panel->searchBox(), publicId); // 11 keystrokes, one query
        QTRY_VERIFY(m_panel->model()->query().filter.search == publicId);
        QVERIFY(m_panel->model()->generation() - before <= 2);
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        QCOMPARE(m_panel->model()->rowAt(0)->publicId, publicId);
        QTRY_VERIFY2(m_panel->countText().startsWith(u"1 order \u00b7"_s), qPrintable(m_panel->countText()));
    }

    void selectingOpensTheDetail()
    {
        QTableView* view = m_panel->view();
        view->setCurrentIndex(m_panel->model()->index(0, 1));
        auto* detail = m_panel->detailPane();
        QTRY_VERIFY(detail->isLoaded());
        QTRY_COMPARE(detail->detail().row.publicId, m_panel->model()->rowAt(0)->publicId);
        QVERIFY(detail->checkText().startsWith(u"✓"_s));
        QVERIFY(detail->timelineCount() > 2);
        QVERIFY(detail->dashboardUrl().startsWith(u"https://dashboard.stripe.com/test/payments/pi_"_s));
        m_context->setInstallationMode(u"live"_s);
        QVERIFY(detail->dashboardUrl().startsWith(u"https://dashboard.stripe.com/payments/pi_"_s));
        m_context->setInstallationMode(u"test"_s);
        if (qEnvironmentVariableIsSet("BURSAR_ORDERS_SCREENSHOT")) // README picture: the panel with an order open
            QVERIFY(m_panel->grab().save(qEnvironmentVariable("BURSAR_ORDERS_SCREENSHOT"), "PNG"));

        // Ctrl+C copies the id
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), detail->detail().row.publicId);
    }

    void addNoteAppearsInTimeline()
    {
        auto* detail = m_panel->detailPane();
        const int before = int(detail->detail().notes.size());
        detail->addNote(u"Customer called about the refund"_s);
        QTRY_COMPARE(detail->detail().notes.size(), before + 1);
        QCOMPARE(detail->detail().notes.first().body, u"Customer called about the refund"_s);
        QVERIFY(!detail->detail().notes.first().author.isEmpty());
    }

    // View > Refresh (the context's refreshRequested) re-reads the rows on show in place: no reset.
    void refreshReReadsTheRowsOnShow()
    {
        QTRY_VERIFY(!m_panel->model()->isLoading() && m_panel->model()->rowCount() > 0);
        QSignalSpy refreshed(m_panel->model(), &OrdersModel::rowsRefreshed);
        QSignalSpy reset(m_panel->model(), &QAbstractItemModel::modelReset);
        m_context->requestRefresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(reset.size(), 0);
    }

    void liveUpdateRefreshesTheRowInPlace()
    {
        const qint64 id = m_panel->model()->rowAt(0)->id;
        const QString old = m_panel->model()->rowAt(0)->fulfilmentStatus;
        const QString next = old == u"shipped"_s ? u"processing"_s : u"shipped"_s;
        Test::psql(m_config.database, u"UPDATE orders SET fulfilment_status = '%1' WHERE id = %2"_s.arg(next).arg(id));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowAt(0)->fulfilmentStatus, next, 10000);
        QCOMPARE(m_panel->view()->currentIndex().row(), 0); // selection kept
    }

    void savedFiltersRoundTrip()
    {
        m_panel->saveFilter(u"one order"_s);
        QVERIFY(m_panel->savedFilterNames().contains(u"one order"_s));
        m_panel->searchBox()->clear();
        m_panel->applyNow();
        QTRY_VERIFY(m_panel->model()->rowCount() > 1);
        QVERIFY(m_panel->loadFilter(u"one order"_s));
        QTRY_COMPARE(m_panel->model()->rowCount(), 1);
        m_panel->removeFilter(u"one order"_s);
        QVERIFY(!m_panel->savedFilterNames().contains(u"one order"_s));
    }

    void exportStreamsTheCurrentFilter()
    {
        m_panel->searchBox()->clear();
        auto* currency = m_panel->findChild<QComboBox*>(u"currencyFilter"_s);
        currency->setCurrentIndex(currency->findData(u"EUR"_s));
        m_panel->applyNow();
        const qint64 expected = Test::psql(m_config.database, u"SELECT count(*) FROM orders WHERE currency = 'EUR'"_s).toLongLong();
        QVERIFY(expected > 0);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"orders.csv"_s);
        bool done = false;
        qint64 rows = -1;
        connect(m_panel.get(), &Ui::OrdersPanel::exportFinished, this, [&](bool ok, qint64 n, const QString&) {
            done = true;
            rows = ok ? n : -1;
        });
        m_panel->exportCsv(path, true);
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(rows, expected);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size() - 2, expected); // header + trailing newline
        QVERIFY(lines.at(0).startsWith("order_id,public_id"));
        QVERIFY(lines.at(1).contains(",EUR,"));
    }

    // Cells are drawn from shaped lines kept between paints: plain text (an e-mail with '<' is not
    // markup), elided to the cell, and a line for another width or font is shaped anew.
    void cellLinesArePlainAndFitTheirCell()
    {
        const QFont font = m_panel->view()->font();
        using Ui::TextDelegate;
        const QString markup = u"<b>x</b>"_s;
        QVERIFY(TextDelegate::shapedLine(font, markup, 0, Qt::ElideNone).text() == markup);
        QCOMPARE(TextDelegate::shapedLine(font, markup, 0, Qt::ElideNone).size().width(),
                 qreal(QFontMetricsF(font).horizontalAdvance(markup)));
        const QString email = u"a.very.long.buyer.address.that.will.not.fit@example.com"_s;
        const QStaticText narrow = TextDelegate::shapedLine(font, email, 80, Qt::ElideRight);
        QVERIFY(narrow.size().width() <= 80);
        QVERIFY(narrow.text().endsWith(QChar(0x2026)));
        const QStaticText wide = TextDelegate::shapedLine(font, email, 2000, Qt::ElideRight);
        QCOMPARE(wide.text(), email);
        QFont bigger = font;
        bigger.setPointSizeF(font.pointSizeF() * 2);
        QVERIFY(TextDelegate::shapedLine(bigger, email, 2000, Qt::ElideRight).size().width() > wide.size().width() * 1.5);
    }

    // A page appended below the last visible row changes only the scroll range: the rows on screen are
    // not painted again (QTableView repaints its whole viewport on any change of the row count).
    void aPageAppendedBelowTheViewDoesNotRepaintIt()
    {
        auto* model = m_panel->model();
        model->setQuery(Db::OrderQuery{}); // all 1,500 orders
        QTRY_VERIFY(!model->isLoading() && model->rowCount() == model->pageSize());
        QTableView* view = m_panel->view();
        view->scrollToBottom();
        if (!model->isLoading())
            model->fetchMore({});
        QTRY_VERIFY2(!model->isLoading() && model->rowCount() == 2 * model->pageSize(), qPrintable(u"%1 rows, loading %2, more %3, filter empty %4"_s.arg(model->rowCount()).arg(model->isLoading()).arg(model->hasMore()).arg(model->query().filter.isEmpty())));
        QTest::qWait(100);
        struct PaintCounter : QObject
        {
            int paints = 0;
            bool eventFilter(QObject*, QEvent* e) override
            {
                paints += e->type() == QEvent::Paint;
                return false;
            }
        } counter;
        view->viewport()->installEventFilter(&counter);
        const int maximum = view->verticalScrollBar()->maximum();
        const int value = view->verticalScrollBar()->value();
        model->fetchMore({});
        QTRY_VERIFY(!model->isLoading() && model->rowCount() == 3 * model->pageSize());
        QTest::qWait(100);
        view->viewport()->removeEventFilter(&counter);
        QCOMPARE(counter.paints, 0);
        QVERIFY(view->verticalScrollBar()->maximum() > maximum);
        QCOMPARE(view->verticalScrollBar()->value(), value);
        // Scrolling onto the new rows shows them.
        view->scrollToBottom();
        QTRY_VERIFY(view->rowAt(view->viewport()->height() - 1) >= 2 * model->pageSize());
    }

    void hostileSearchShowsNoError()
    {
        m_panel->searchBox()->setText(u"'; DROP TABLE orders; -- Zoë 🚀"_s + QString(300, u'x'));
        m_panel->applyNow();
        QTRY_VERIFY(!m_panel->model()->isLoading());
        QTest::qWait(200);
        QVERIFY(!m_panel->banner()->isVisible() || !m_panel->banner()->text().contains(u"could not"_s));
        QCOMPARE(m_panel->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestOrdersPanel)
#include "TestOrdersPanel.moc"
