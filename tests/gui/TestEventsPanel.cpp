// The Events panel offscreen against a real PostgreSQL, with events stored and applied by the agent's own
// functions (as t_agent): rows show under QAbstractItemModelTester, the status filter, the detail with its
// payload and the fields that matter highlighted, the failure in words, the health figure red below 95 %,
// Replay only for admin (and working: audited, the event pending again), and the status bar's counter of
// failed events appearing when an event fails and opening the panel filtered to failed events.
#include "ConsoleContext.h"
#include "EventsModel.h"
#include "EventsPanel.h"
#include "EventsStatusLabel.h"
#include "MessageBanner.h"
#include "RefundFixture.h"
#include "TestSupport.h"
#include "Translations.h"

#include "db/Database.h"
#include "db/Error.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Models::EventsModel;

namespace {
QString q(const QString& s)
{
    return u"'"_s + QString(s).replace(u"'"_s, u"''"_s) + u"'"_s;
}
} // namespace

class TestEventsPanel : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    QString m_charge;
    int m_seq = 0;
    std::unique_ptr<Db::Database> m_adminDb, m_supportDb;
    std::unique_ptr<Ui::ConsoleContext> m_admin, m_support;
    std::unique_ptr<Ui::EventsPanel> m_panel, m_supportPanel;
    std::unique_ptr<Ui::EventsStatusLabel> m_counter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // Stores and applies events as the agent does; good = a charge the books hold, else a malformed one.
    void storeAndApply(int good, int bad)
    {
        QJsonArray page;
        for (int i = 0; i < good + bad; ++i) {
            const bool ok = i < good;
            QJsonObject obj;
            if (ok)
                obj = {{u"id"_s, m_charge}, {u"object"_s, u"charge"_s}, {u"amount"_s, 4200}, {u"currency"_s, u"usd"_s},
                       {u"status"_s, u"succeeded"_s}};
            page.append(QJsonObject{{u"id"_s, u"evt_gui%1"_s.arg(++m_seq)},
                                    {u"object"_s, u"event"_s},
                                    {u"type"_s, ok ? u"charge.succeeded"_s : u"refund.updated"_s},
                                    {u"created"_s, 1767225600 + m_seq},
                                    {u"livemode"_s, false},
                                    {u"data"_s, ok ? QJsonObject{{u"object"_s, obj}} : QJsonObject{}}});
        }
        QString err;
        const QString json = QString::fromUtf8(QJsonDocument(page).toJson(QJsonDocument::Compact));
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_store('platform', %1::jsonb)"_s.arg(q(json)), &err), 0);
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_pending(1000)"_s, &err), 0);
    }

    std::unique_ptr<Ui::ConsoleContext> context(Db::Database* db)
    {
        auto c = std::make_unique<Ui::ConsoleContext>(nullptr, nullptr);
        c->setDatabase(db);
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s);
        QString error;
        QVERIFY2(fx.init(u"evgui"_s, &error), qPrintable(error));
        m_charge = fx.createOrder(4200, u"USD"_s).chargeId;
        storeAndApply(40, 0); // all applied: healthy, nothing failed
        m_adminDb = std::make_unique<Db::Database>(fx.as(u"t_admin"_s));
        m_supportDb = std::make_unique<Db::Database>(fx.as(u"t_support"_s));
        Test::await(m_adminDb->open());
        Test::await(m_supportDb->open());
        m_admin = context(m_adminDb.get());
        m_support = context(m_supportDb.get());
        QTRY_VERIFY_WITH_TIMEOUT(m_admin->hasStaff() && m_support->hasStaff(), 10000);
        QVERIFY(m_admin->staff().isAdmin);
        QVERIFY(!m_support->staff().isAdmin);
        m_panel = std::make_unique<Ui::EventsPanel>(*m_admin);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model());
        m_panel->resize(1400, 900);
        m_panel->show();
        m_supportPanel = std::make_unique<Ui::EventsPanel>(*m_support);
        m_supportPanel->show();
        m_counter = std::make_unique<Ui::EventsStatusLabel>(*m_admin);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->rowCount() == 40 && !m_panel->model()->isLoading(), 20000);
    }

    void cleanupTestCase()
    {
        m_counter.reset();
        m_tester.reset();
        m_panel.reset();
        m_supportPanel.reset();
        m_admin.reset();
        m_support.reset();
        m_adminDb.reset();
        m_supportDb.reset();
    }

    void rowsShowAndTheDetailHasThePayload()
    {
        EventsModel* m = m_panel->model();
        const QModelIndex first = m->index(0, int(EventsModel::Column::Event));
        QCOMPARE(first.data().toString(), u"evt_gui40"_s); // newest first (same receipt: the higher id)
        QCOMPARE(m->index(0, int(EventsModel::Column::Status)).data(EventsModel::StatusRole).toString(), u"processed"_s);
        QCOMPARE(m->index(0, int(EventsModel::Column::Type)).data().toString(), u"charge.succeeded"_s);
        QCOMPARE(m->index(0, int(EventsModel::Column::Account)).data().toString(), u"platform"_s);
        // the first row is shown: its payload, indented, with the fields that matter highlighted
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->payloadView()->toPlainText().contains(u"\"evt_gui40\""_s), 10000);
        const QString text = m_panel->payloadView()->toPlainText();
        QVERIFY2(text.contains(u"\n    \"id\": \"evt_gui40\""_s), qPrintable(text));
        const QStringList hl = m_panel->highlightedFields();
        for (const QString& f : {u"id"_s, u"type"_s, u"data.object.id"_s, u"data.object.amount"_s,
                                 u"data.object.currency"_s, u"data.object.status"_s})
            QVERIFY2(hl.contains(f), qPrintable(hl.join(u", "_s)));
        QVERIFY(!hl.contains(u"created"_s));
        QVERIFY(m_panel->payloadView()->toHtml().contains(u"4200"_s));
        QTRY_VERIFY(m_panel->healthText().contains(u"100.0"_s));
        QVERIFY(!m_panel->health().critical());
        QVERIFY(m_counter->isHidden()); // nothing failed
    }

    void payloadHighlightingFollowsThePath()
    {
        QStringList fields;
        const QString html = Ui::EventsPanel::payloadHtml(
            u"{\n    \"id\": \"evt_1\",\n    \"data\": {\n        \"object\": {\n            \"id\": \"re_1\",\n"
            "            \"metadata\": {\n                \"id\": \"nested\"\n            },\n"
            "            \"amount\": 500,\n            \"items\": [\n                {\n                    \"id\": \"x\"\n"
            "                }\n            ],\n            \"failure_reason\": \"lost_or_stolen_card\"\n        }\n    },\n"
            "    \"type\": \"refund.failed\"\n}"_s,
            &fields);
        QCOMPARE(fields, (QStringList{u"id"_s, u"data.object.id"_s, u"data.object.amount"_s,
                                      u"data.object.failure_reason"_s, u"type"_s}));
        QVERIFY(html.contains(u"&quot;nested&quot;"_s));
    }

    void replayOnlyForAdmin()
    {
        QVERIFY(m_panel->replayButton()->isVisibleTo(m_panel.get()));
        QVERIFY(m_panel->replayButton()->isEnabled());
        QVERIFY(!m_supportPanel->replayButton()->isVisibleTo(m_supportPanel.get()));
        // support asking anyway (no button): refused before SQL, and the server would refuse too
        QSignalSpy refused(m_supportPanel.get(), &Ui::EventsPanel::replayFinished);
        m_supportPanel->replay(Ui::EventsPanel::ReplayScope::FailedInFilter);
        QCOMPARE(refused.count(), 1);
        QVERIFY(!refused.at(0).at(1).toString().isEmpty());
        // admin: the selected event back to pending, audited
        QSignalSpy done(m_panel.get(), &Ui::EventsPanel::replayFinished);
        const qint64 audits = fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.replay_requested'"_s);
        m_panel->replay(Ui::EventsPanel::ReplayScope::Selected);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(done.at(0).at(0).toInt(), 1);
        QCOMPARE(done.at(0).at(1).toString(), QString());
        QCOMPARE(fx.sql(u"SELECT processing_status FROM stripe_events WHERE event_id = 'evt_gui40'"_s), u"pending"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.replay_requested' "
                           "AND actor = 't_admin'"_s),
                 audits + 1);
        // the change feed brings the new status into the row
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->index(0, int(EventsModel::Column::Status))
                                      .data(EventsModel::StatusRole).toString(),
                                  u"pending"_s, 10000);
        QString err;
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_apply_pending(10)"_s, &err), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->index(0, int(EventsModel::Column::Status))
                                      .data(EventsModel::StatusRole).toString(),
                                  u"processed"_s, 10000);
    }

    void counterAppearsWhenEventsFailAndOpensThemFiltered()
    {
        QSignalSpy counted(m_counter.get(), &Ui::EventsStatusLabel::counted);
        storeAndApply(0, 3); // three malformed events: failed
        QTRY_VERIFY_WITH_TIMEOUT(m_counter->failed() == 3 && !m_counter->isHidden(), 15000);
        QVERIFY2(m_counter->text().contains(u"3 event"_s) && m_counter->text().contains(u"failed"_s), qPrintable(m_counter->text()));
        // the new rows come in at the top through the change feed
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 43, 10000);
        // the health figure: 3 failed of 43, still above 95 %? 93 %: critical, the banner red
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->health().failed == 3, 10000);
        QVERIFY(m_panel->health().critical());
        QCOMPARE(m_panel->banner()->type(), Ui::MessageBanner::Type::Error);
        QVERIFY(!m_panel->banner()->isHidden());
        // a click opens the panel filtered to failed events
        QTest::mouseClick(m_counter.get(), Qt::LeftButton);
        QCOMPARE(m_panel->model()->query().filter.status, std::optional<QString>(u"failed"_s));
        QCOMPARE(m_panel->findChild<QComboBox*>(u"eventStatus"_s)->currentData().toString(), u"failed"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->model()->isLoading() && m_panel->model()->rowCount() == 3, 10000);
        // the failed event's reason in words
        m_panel->view()->setCurrentIndex(m_panel->model()->index(1, 0));
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->reasonText().contains(Db::Error::textForCode(u"malformed_event"_s)), 10000);
        QVERIFY(m_panel->reasonText().startsWith(u"⚠"_s));
        // the status filter by the combo: back to any, all rows
        auto* combo = m_panel->findChild<QComboBox*>(u"eventStatus"_s);
        combo->setCurrentIndex(combo->findData(u"processed"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->model()->isLoading() && m_panel->model()->rowCount() == 40
                                     && m_panel->model()->query().filter.status == std::optional<QString>(u"processed"_s),
                                 10000);
        // replaying the failed ones (admin) and the agent failing them again keeps the counter
        QSignalSpy done(m_panel.get(), &Ui::EventsPanel::replayFinished);
        combo->setCurrentIndex(0);
        m_panel->replay(Ui::EventsPanel::ReplayScope::FailedInFilter);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(done.at(0).at(0).toInt(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(m_counter->failed(), qint64(0), 15000);
        QVERIFY(m_counter->isHidden());
    }
};

QTEST_MAIN(TestEventsPanel)
#include "TestEventsPanel.moc"
