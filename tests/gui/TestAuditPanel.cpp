// The Audit log panel offscreen against a real PostgreSQL: its rows under QAbstractItemModelTester, a
// filter typed into the bar, the selected row's before and after side by side with the changed keys
// marked, the chain badge for the rows on screen (verified, then broken at the tampered row), the CSV
// export writing every row once, and "As of…" for an order.
#include "AuditModel.h"
#include "AuditPanel.h"
#include "ConsoleContext.h"
#include "DemoFixture.h"
#include "FilterBar.h"
#include "TestSupport.h"
#include "Translations.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::AuditModel;

class TestAuditPanel : public QObject
{
    Q_OBJECT

private:
    Test::DemoDatabase demo;
    std::unique_ptr<Ui::ConsoleContext> m_context;
    std::unique_ptr<Ui::AuditPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_planted = 0;

    QString sql(const QString& q) const { return demo.sql(q); }
    void type(const QString& key, const QString& text)
    {
        auto* edit = m_panel->findChild<QLineEdit*>(key);
        QVERIFY2(edit, qPrintable(key));
        edit->clear();
        QTest::keyClicks(edit, text);
        m_panel->filterBar()->applyNow();
    }
    void waitLoaded()
    {
        QVERIFY(QTest::qWaitFor([&] { return !m_panel->model()->isLoading(); }, 20000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s);
        QVERIFY(demo.init(u"audit_gui"_s, 800, 40, 5));
        // one row that changes two keys and keeps one
        sql(u"INSERT INTO audit_log (action, entity, entity_id, before, after, note) VALUES ('test.changed', 'seller', '1', "
            "'{\"kyc_state\": \"pending_verification\", \"name\": \"Old Name\", \"country\": \"FR\"}', "
            "'{\"kyc_state\": \"verified\", \"name\": \"New Name\", \"country\": \"FR\", \"vat\": \"FR123\"}', 'renamed')"_s);
        m_planted = demo.sqlInt(u"SELECT max(id) FROM audit_log"_s);
        m_context = std::make_unique<Ui::ConsoleContext>(nullptr, nullptr);
        m_panel = std::make_unique<Ui::AuditPanel>(*m_context);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model());
        m_panel->resize(1500, 900);
        m_panel->show();
        m_context->setDatabase(demo.db());
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() > 0, 20000);
    }

    void showsTheNewestRowsFirst()
    {
        waitLoaded();
        QCOMPARE(m_panel->model()->index(0, 0).data(AuditModel::IdRole).toLongLong(), m_planted);
        const QList<qint64> top = demo.sqlIds(u"SELECT id FROM audit_log ORDER BY at DESC, id DESC LIMIT 20"_s);
        QList<qint64> shown;
        for (int i = 0; i < 20; ++i)
            shown << m_panel->model()->index(i, 0).data(AuditModel::IdRole).toLongLong();
        QCOMPARE(shown, top);
        QCOMPARE(m_panel->model()->index(0, int(AuditModel::Column::Action)).data().toString(), u"test.changed"_s);
    }

    void filtersByActorAndAction()
    {
        type(u"auditActor"_s, u"demo_finance"_s);
        QTRY_COMPARE(m_panel->model()->query().filter.actor, u"demo_finance"_s);
        waitLoaded();
        QVERIFY(Test::pageToEnd(*m_panel->model()));
        QCOMPARE(Test::idsOf(*m_panel->model()),
                 demo.sqlIds(u"SELECT id FROM audit_log WHERE actor = 'demo_finance' ORDER BY at DESC, id DESC"_s));
        type(u"auditAction"_s, u"refund."_s);
        QTRY_COMPARE(m_panel->model()->query().filter.action, u"refund."_s);
        waitLoaded();
        QVERIFY(Test::pageToEnd(*m_panel->model()));
        QCOMPARE(Test::idsOf(*m_panel->model()),
                 demo.sqlIds(u"SELECT id FROM audit_log WHERE actor = 'demo_finance' AND action LIKE 'refund.%' "
                             "ORDER BY at DESC, id DESC"_s));
        QVERIFY(m_panel->model()->rowCount() > 0);
        m_panel->filterBar()->clearAll();
        QTRY_VERIFY(m_panel->model()->query().filter.isEmpty());
        waitLoaded();
    }

    void showsBeforeAndAfterSideBySide()
    {
        type(u"auditAction"_s, u"test.changed"_s);
        QTRY_COMPARE(m_panel->model()->query().filter.action, u"test.changed"_s);
        waitLoaded();
        QCOMPARE(m_panel->model()->rowCount(), 1);
        m_panel->view()->setCurrentIndex(m_panel->model()->index(0, 0));
        QTRY_COMPARE(m_panel->shownId(), m_planted);
        QTableWidget* t = m_panel->changesTable();
        QCOMPARE(t->rowCount(), 4); // country, kyc_state, name, vat
        QHash<QString, QStringList> rows;
        QSet<QString> marked;
        for (int i = 0; i < t->rowCount(); ++i) {
            rows.insert(t->item(i, 0)->text(), {t->item(i, 1)->text(), t->item(i, 2)->text()});
            if (t->item(i, 0)->data(Qt::UserRole).toBool())
                marked.insert(t->item(i, 0)->text());
            QCOMPARE(t->item(i, 1)->font().bold(), t->item(i, 0)->data(Qt::UserRole).toBool());
        }
        QCOMPARE(rows.value(u"kyc_state"_s), (QStringList{u"pending_verification"_s, u"verified"_s}));
        QCOMPARE(rows.value(u"name"_s), (QStringList{u"Old Name"_s, u"New Name"_s}));
        QCOMPARE(rows.value(u"country"_s), (QStringList{u"FR"_s, u"FR"_s}));
        QCOMPARE(rows.value(u"vat"_s), (QStringList{QString(), u"FR123"_s}));
        QCOMPARE(marked, (QSet<QString>{u"kyc_state"_s, u"name"_s, u"vat"_s}));
        QVERIFY(m_panel->findChild<QLabel*>(u"auditNote"_s)->text().contains(u"renamed"_s));
        m_panel->filterBar()->clearAll();
        QTRY_VERIFY(m_panel->model()->query().filter.isEmpty());
        waitLoaded();
    }

    void theChainBadgeFollowsTheRowsOnScreen()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->chainState(), u"verified"_s, 10000);
        const Db::AuditChainState st = m_panel->lastChain();
        QVERIFY(st.checked > 5);
        QVERIFY(m_panel->chainBadge()->text().contains(QString::number(st.toId)));
        // a superuser forges a row on screen: after a reload the badge names it
        const qint64 x = m_panel->model()->index(3, 0).data(AuditModel::IdRole).toLongLong();
        sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET actor = actor || '!' WHERE id = %1; "
            "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(x));
        QSignalSpy checked(m_panel.get(), &Ui::AuditPanel::chainChecked);
        m_panel->model()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->chainState(), u"broken"_s, 10000);
        QCOMPARE(m_panel->lastChain().firstBrokenId, x);
        QVERIFY2(m_panel->chainBadge()->text().contains(QString::number(x)), qPrintable(m_panel->chainBadge()->text()));
        QVERIFY(checked.size() >= 1 && !checked.last().at(0).toBool());
        // put it back; scrolled to the end and back, the badge is verified again
        sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET actor = left(actor, -1) WHERE id = %1; "
            "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(x));
        m_panel->model()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->chainState(), u"verified"_s, 10000);
        m_panel->view()->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->chainState(), u"verified"_s, 10000);
    }

    void exportsEveryRowOnce()
    {
        const qint64 expected = demo.sqlInt(u"SELECT count(*) FROM audit_log"_s);
        m_panel->setExportPageSize(97);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.csv"_s);
        QSignalSpy finished(m_panel.get(), &Ui::TablePanel::exportFinished);
        m_panel->exportCsv(path, true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(0).at(1).toLongLong(), expected);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray());
        QVERIFY(lines.takeFirst().startsWith("audit_id,at,actor,actor_role,action,entity,"));
        QCOMPARE(qint64(lines.size()), expected);
        QSet<qint64> ids;
        for (const QByteArray& line : std::as_const(lines))
            ids.insert(line.left(line.indexOf(',')).toLongLong());
        QCOMPARE(qint64(ids.size()), expected);
        QCOMPARE(ids, [&] {
            const QList<qint64> all = demo.sqlIds(u"SELECT id FROM audit_log"_s);
            return QSet<qint64>(all.cbegin(), all.cend());
        }());
        // the planted row's before and after as JSON, quoted
        for (const QByteArray& line : std::as_const(lines))
            if (line.startsWith(QByteArray(QByteArray::number(m_planted) + ',')))
                QVERIFY2(line.contains("\"{\"\"country\"\":\"\"FR\"\",\"\"kyc_state\"\":\"\"pending_verification\"\""),
                         line.constData());
    }

    void showsAnOrderAsOfAMoment()
    {
        const qint64 order = demo.sqlInt(u"SELECT order_id FROM audit_log WHERE action = 'refund.succeeded' ORDER BY id LIMIT 1"_s);
        QVERIFY(order > 0);
        type(u"auditOrder"_s, QString::number(order));
        QTRY_COMPARE(m_panel->model()->query().filter.order, QString::number(order));
        waitLoaded();
        m_panel->view()->setCurrentIndex(m_panel->model()->index(0, 0));
        Ui::AuditAsOfDialog* d = m_panel->openAsOf();
        QSignalSpy answered(d, &Ui::AuditAsOfDialog::answered);
        d->showAndAsk();
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000);
        QVERIFY(answered.first().at(0).toBool());
        const QString publicId = sql(u"SELECT public_id FROM orders WHERE id = %1"_s.arg(order));
        QVERIFY2(d->resultText().contains(publicId) && d->resultText().contains(u"payment_status"_s),
                 qPrintable(d->resultText()));
        d->close();
    }
};

QTEST_MAIN(TestAuditPanel)
#include "TestAuditPanel.moc"
