#pragma once

#include "TablePanel.h"

#include "db/EventsRepository.h"

#include <QList>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <memory>

class QLabel;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace Bursar::Db {
struct Change;
class Database;
struct StaffMember;
}
namespace Bursar::Models {
class EventsModel;
}

namespace Bursar::Ui {

class ChoiceFilter;
class ConsoleContext;
class SinceFilter;
class TextFilter;

// Every Stripe event the Bursar agent stored (issue 12 item 2): paged newest first, filtered by type,
// processing status, account (platform or acct_…), object or event id and received time. Below, the
// selected event: what it is, why it failed or was skipped in words (the rule code's words from
// Db::Error, then the event's own sentence), and its payload as indented JSON with the fields that matter
// highlighted (id, type, account; the object's id, amount, currency, status, failure reason). The health
// figure of DOMAIN.md, event processing success over the last 24 h, stands above the list and turns the
// banner red below 95 %. Admin only: Replay (this event, the failed events of the filter, or every event
// since the filter's start) through Services::EventReplay on the database worker, audited by the server.
// Reads: Db::EventsRepository (stripe_events: SELECT for every staff role, 0009). Changes: the context's
// change feed (stripe_events rows refreshed in place, the health figure re-read).
class EventsPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPanel)

public:
    enum class ReplayScope { Selected, FailedInFilter, SinceFilterStart };
    Q_ENUM(ReplayScope)

    explicit EventsPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~EventsPanel() override;

    Models::EventsModel* model() const { return m_model; }
    qint64 eventRowId() const { return m_eventId; }
    QTextBrowser* payloadView() const { return m_payload; }
    QString reasonText() const;
    QString healthText() const;
    QToolButton* replayButton() const { return m_replay; }
    // The payload's highlighted fields of the shown event ("id", "data.object.amount", ...).
    QStringList highlightedFields() const { return m_highlighted; }
    const Db::EventHealth& health() const { return m_health; }

    // The payload (jsonb_pretty's text) as HTML, with the lines of the fields that matter highlighted;
    // the paths of those fields in *fields.
    static QString payloadHtml(const QString& pretty, QStringList* fields = nullptr);

public Q_SLOTS:
    void applyFilter();
    void showEventDetail(qint64 rowId);
    void showStatus(const QString& status); // clears the other filters
    // Without asking (the actions ask first). Admin only; the server checks again.
    void replay(ReplayScope scope);

Q_SIGNALS:
    void detailShown(qint64 rowId);
    void healthRead(const Db::EventHealth& health);
    void replayFinished(int events, const QString& error); // error empty on success

protected:
    void retranslate() override;

private:
    void useDatabase(Db::Database* database);
    void onChanges(const QList<Db::Change>& changes);
    void updateActions();
    void confirmReplay(ReplayScope scope);
    void readHealth();
    void showHealth();
    Db::EventFilter filterFromBar() const;

    QPointer<Db::Database> m_db;
    Models::EventsModel* m_model;
    TextFilter* m_object;
    TextFilter* m_account;
    ChoiceFilter* m_type;
    ChoiceFilter* m_status;
    SinceFilter* m_since;
    QToolButton* m_replay;
    QAction* m_replayOne;
    QAction* m_replayFailed;
    QAction* m_replaySince;
    QLabel* m_healthLabel;
    QLabel* m_title;
    QLabel* m_reason;
    QTextBrowser* m_payload;
    QTimer* m_healthTimer;
    QTimer* m_reloadTimer;
    qint64 m_eventId = 0;
    QString m_shownEventId; // evt_...
    QStringList m_highlighted;
    Db::EventHealth m_health;
    bool m_healthKnown = false;
    bool m_healthBanner = false;
    quint64 m_detailGeneration = 0;
    std::shared_ptr<std::atomic<quint64>> m_currentDetail = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Bursar::Ui
