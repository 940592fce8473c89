#include "RepairDriver.h"

#include "db/Database.h"
#include "db/Error.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPromise>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

Q_LOGGING_CATEGORY(lcRepair, "bursar.repair")

QString StripeView::foundName(Found f)
{
    switch (f) {
    case Found::Object:
        return u"object"_s;
    case Found::Nothing:
        return u"nothing"_s;
    case Found::Unknown:
        break;
    }
    return u"unknown"_s;
}

QJsonObject StripeView::toJson() const
{
    QJsonObject o{{u"found"_s, foundName(found)},
                  {u"looked_up_by"_s, lookedUpBy},
                  {u"summary"_s, summary},
                  {u"request_id"_s, requestId},
                  {u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    if (found == Found::Object) {
        o.insert(u"object"_s, object);
        o.insert(u"object_id"_s, objectId);
        o.insert(u"status"_s, status);
    }
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    return o;
}

struct RepairDriver::Target
{
    bool found = false;
    JournalOperation op;
    QString state;
};

namespace {
QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
QString json(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

RepairDriver::RepairDriver(Db::Database* db, OperationJournal* journal, QObject* parent)
    : QObject(parent)
    , m_db(db)
{
    journal->registerDriver(u"repair"_s, [this](const JournalOperation& op) { return redrive(op); });
}

RepairDriver::~RepairDriver() = default;

void RepairDriver::registerKind(const QString& kind, Repairable* driver)
{
    m_kinds.insert(kind, driver);
}

QFuture<RecoveryItem> RepairDriver::redrive(const JournalOperation& repair)
{
    const qint64 targetId = repair.request.value("operation"_L1).toInteger();
    return m_db
        ->run([targetId](Db::Session& s) {
            Target t;
            auto& q = s.exec(u"SELECT "_s + JournalOperation::columns() + u", state::text FROM operations WHERE id = ?"_s,
                             {targetId});
            if (q.next()) {
                t.found = true;
                t.op = JournalOperation::fromRow(q);
                t.state = q.value(10).toString();
            }
            return t;
        })
        .then(this, [this, repair](const Target& t) { return carryOut(repair, t); })
        .unwrap();
}

QFuture<RecoveryItem> RepairDriver::carryOut(const JournalOperation& repair, const Target& t)
{
    const QString action = repair.request.value("action"_L1).toString();
    qCInfo(lcRepair) << "repair" << repair.id << action << "of operation" << t.op.id << t.op.kind;
    if (!t.found)
        return finish(repair, t, StripeView{}, false, u"operation_not_found"_s, QString());
    Repairable* driver = m_kinds.value(t.op.kind);
    if (!driver)
        return finish(repair, t, StripeView{}, false, u"no_repair_driver"_s, t.op.kind);
    return driver->lookUp(t.op)
        .then(this,
              [this, repair, t, action](const StripeView& v) {
                  if (v.found == StripeView::Found::Unknown)
                      return finish(repair, t, v, false, u"stripe_unreachable"_s, v.error);
                  if (action == u"recheck"_s)
                      return finish(repair, t, v, false, u"rechecked"_s, v.summary);
                  if (action == u"mark_done"_s)
                      return v.found == StripeView::Found::Object
                          ? finish(repair, t, v, true, u"done_as_stripe_shows"_s, v.summary)
                          : finish(repair, t, v, false, u"stripe_shows_nothing"_s, v.summary);
                  if (action == u"release"_s)
                      return v.found == StripeView::Found::Nothing
                          ? finish(repair, t, v, true, u"released"_s, v.summary)
                          : finish(repair, t, v, false, u"stripe_has_object"_s, v.summary);
                  return finish(repair, t, v, false, u"bad_repair_action"_s, action);
              })
        .unwrap();
}

// One transaction: Stripe's view on the operation, the apply (when allowed), the repair's outcome and its
// audit row. A rule of the apply path that refuses (e.g. operation_in_flight) makes a second transaction
// that records the view and the refusal with that code.
QFuture<RecoveryItem> RepairDriver::finish(const JournalOperation& repair, const Target& t, const StripeView& view,
                                           bool apply, const QString& code, const QString& words)
{
    auto promise = std::make_shared<QPromise<RecoveryItem>>();
    promise->start();
    const QString action = repair.request.value("action"_L1).toString();
    const QString reason = repair.request.value("reason"_L1).toString();
    Repairable* driver = m_kinds.value(t.op.kind);
    const QString viewJson = json(view.toJson());
    const bool refusal = !apply && code != u"rechecked"_s;
    auto record = [repair, viewJson, view](Db::Session& s, const QString& outcome, const QString& c, const QString& w) {
        s.exec(u"SELECT bursar_repair_snapshot(?, ?::jsonb)"_s, {repair.id, viewJson});
        return s.scalar(u"SELECT bursar_repair_finish(?, ?, ?, ?, ?)"_s,
                        {repair.id, outcome, c, textOrNull(w), textOrNull(view.requestId)})
            .toString();
    };
    auto deliver = [promise, repair, t, action](RecoveryItem::Result result, const QString& detail,
                                                const QString& requestId) {
        RecoveryItem item;
        item.operationId = repair.id;
        item.kind = repair.kind;
        item.result = result;
        item.stripeRequestId = requestId;
        item.detail = tr("repair %1 (%2) of operation %3: %4").arg(repair.id).arg(action).arg(t.op.id).arg(detail);
        promise->addResult(item);
        promise->finish();
    };
    const QString outcome = refusal ? u"refused"_s : u"done"_s;
    m_db->transaction([record, apply, driver, repairId = repair.id, t, view, reason, outcome, code, words,
                       action](Db::Session& s) {
            if (apply) {
                s.exec(u"SELECT bursar_repair_reopen(?)"_s, {repairId});
                if (action == u"mark_done"_s)
                    driver->applyShown(s, t.op, view);
                else
                    driver->releaseUnsent(s, t.op, view, reason);
            }
            return record(s, outcome, code, words);
        })
        .then(this,
              [deliver, view, code, words](const QString& state) {
                  const QString detail = code + (words.isEmpty() ? QString() : u": "_s + words);
                  deliver(state == u"succeeded"_s ? RecoveryItem::Result::Succeeded : RecoveryItem::Result::Failed,
                          detail, view.requestId);
              })
        .onFailed(this, [this, deliver, record, view, promise](const Db::Error& e) {
            if (e.isConnectionLost() || e.code().isEmpty()) {
                // the repair stays pending: the journal re-drives it (the apply and the finish are idempotent)
                qCWarning(lcRepair) << "repair not recorded:" << e.serverText();
                deliver(e.isConnectionLost() ? RecoveryItem::Result::StillUnknown : RecoveryItem::Result::Error,
                        e.message(), view.requestId);
                return;
            }
            // a rule of the apply path refused: record Stripe's view and the refusal with that code
            m_db->transaction([record, code = e.code(), words = view.summary](Db::Session& s) {
                    return record(s, u"refused"_s, code, words);
                })
                .then(this, [deliver, view, e](const QString&) {
                    deliver(RecoveryItem::Result::Failed, e.code() + u": "_s + e.message(), view.requestId);
                })
                .onFailed(this, [deliver, view](const Db::Error& e2) {
                    deliver(e2.isConnectionLost() ? RecoveryItem::Result::StillUnknown : RecoveryItem::Result::Error,
                            e2.message(), view.requestId);
                });
        })
        .onFailed(this, [deliver, view](const std::exception& e) {
            deliver(RecoveryItem::Result::Error, QString::fromUtf8(e.what()), view.requestId);
        });
    return promise->future();
}

} // namespace Bursar::Services
