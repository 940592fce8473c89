#pragma once

#include "core/Money.h"
#include "db/Keyset.h"
#include "db/WalletsRepository.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Bursar::Db {

class Database;
class Session;

// The reads of the audit log panel, for finance and admin (the view audit_entries of migration 0011;
// the chain through bursar_audit_verify of 0007). Each read comes twice, as in WalletsRepository: on a
// worker's Session, and on the Database returning a QFuture at once (models and panels).
//
//   AuditQuery q;
//   q.filter.sellerId = 42;                  // every row about the seller's orders, wallets, payouts
//   q.filter.action = u"refund."_s;          // a prefix ending with '.' (or '*'): every refund action
//   AuditRepository::page(db, q, nullptr, 200, {}).then(this, [](const AuditPage& p) { ... });
//   AuditRepository::verifyRows(db, idsOnScreen) ...   // the chain's state for the rows shown
//   AuditRepository::orderAsOf(db, orderId, atUs) ...   // the order's status and money then
//   AuditRepository::walletAsOf(db, walletId, atUs) ... // the wallet's balances then, and the rows since
//
// Pages are keyset pages on (at, id), (actor, at, id), (action, at, id) or id, never OFFSET; timestamps
// travel as epoch microseconds. Filters are typed and whitelisted; nothing typed is pasted into SQL.

enum class AuditSort { Time, Id, Actor, Action };

struct AuditFilter
{
    QString actor;                 // a login, exactly
    QString action;                // exactly, or a prefix when it ends with '.' or '*' ("refund.")
    std::optional<QString> entity; // one of entities()
    QString entityId;              // with entity: that object's id
    QString order;                 // an order: ORD-... or its numeric id
    std::optional<qint64> sellerId; // rows about the seller's orders, wallets, payouts or the seller
    std::optional<qint64> fromUs;  // at >= from (epoch microseconds)
    std::optional<qint64> toUs;    // at < to

    bool isEmpty() const;
    friend bool operator==(const AuditFilter&, const AuditFilter&) = default;
};

struct AuditQuery
{
    AuditFilter filter;
    AuditSort sort = AuditSort::Time;
    bool descending = true; // newest first
    friend bool operator==(const AuditQuery&, const AuditQuery&) = default;
};

struct AuditRow
{
    qint64 id = 0;
    qint64 atUs = 0; // epoch microseconds
    QString actor;
    QString actorRole;
    QString action;
    QString entity;
    QString entityId;
    qint64 orderId = 0;
    QString orderPublicId;
    qint64 sellerId = 0;
    bool hasAmount = false;
    qint64 amount = 0;
    QString currency;
    QJsonObject before;
    QJsonObject after;
    QString stripeRequestId;
    qint64 operationId = 0;
    QString note;

    std::optional<Core::Money> money() const;
    // Keys of before and after, sorted, each once.
    QStringList keys() const;
    // The keys whose value differs between before and after (present on one side only counts).
    QStringList changedKeys() const;
};

struct AuditCursor
{
    qint64 atUs = 0;
    qint64 id = 0;
    QString text; // actor or action, as sorted
    static AuditCursor after(const AuditRow& row, AuditSort sort);
};

using AuditPage = KeysetPage<AuditRow>;

// The hash chain's state for some audit rows (the rows on screen).
struct AuditChainState
{
    qint64 fromId = 0;      // the rows checked: ids in [fromId, toId] (range) or the given ids
    qint64 toId = 0;
    qint64 checked = 0;
    qint64 firstBrokenId = 0; // 0: every row checked holds
    QString problem;          // not_chained, chain_broken, content_changed (bursar_audit_verify's codes)
    bool range = false;       // checked the whole id range (bursar_audit_verify), not only the given ids

    bool ok() const { return firstBrokenId == 0; }
};

// One field of an order as it was: its value, and where the value comes from.
struct AsOfField
{
    QString key;         // payment_status, fulfilment_status, refunded_amount, ...
    QString value;       // as text (an enum label, or minor units for money)
    qint64 sourceId = 0; // the audit row whose `before` gave it; 0: the order now (no change recorded since)
    bool changedSince = false; // its value now differs
    QString valueNow;
};

// An order at a moment, reconstructed from its audit rows: for each field, the `before` of the first
// audit row after the moment that records it, else its value now (no recorded change since).
struct OrderAsOf
{
    bool found = false;
    bool existed = false; // created at or before the moment
    qint64 orderId = 0;
    QString publicId;
    QString currency;
    qint64 atUs = 0;
    qint64 createdUs = 0;
    QList<AsOfField> fields;      // in fieldKeys() order
    QList<AuditRow> rowsBefore;   // its audit rows at or before the moment, oldest first (at most 500)
    QList<AuditRow> rowsAfter;    // its audit rows after the moment, oldest first (at most 500)

    const AsOfField* field(const QString& key) const;
    static const QStringList& fieldKeys();
    static bool isMoneyField(const QString& key);
};

// A wallet at a moment, from its ledger: the balances after the last movement at or before it (zero
// before the first), and the movements since.
struct WalletAsOf
{
    bool found = false;
    qint64 walletId = 0;
    qint64 sellerId = 0;
    QString currency;
    qint64 atUs = 0;
    qint64 lastLedgerId = 0; // the movement the balances are after; 0: none yet
    qint64 available = 0, pending = 0, frozen = 0;
    qint64 availableNow = 0, pendingNow = 0, frozenNow = 0;
    QList<LedgerRow> rowsAfter; // oldest first (at most 500)
    bool moreAfter = false;
    qint64 sumAfterAvailable = 0, sumAfterPending = 0, sumAfterFrozen = 0; // of every movement since
    qint64 rowsAfterCount = 0;

    // Then plus every movement since equals now (false when the ledger does not add up).
    bool addsUp() const
    {
        return available + sumAfterAvailable == availableNow && pending + sumAfterPending == pendingNow
            && frozen + sumAfterFrozen == frozenNow;
    }
    Core::Money money(qint64 minor) const;
};

class AuditRepository
{
public:
    static AuditPage page(Session& s, const AuditQuery& query, const std::optional<AuditCursor>& after, int limit);
    static RowsById<AuditRow> rowsByIds(Session& s, const AuditQuery& query, const QList<qint64>& ids);
    static RowCount count(Session& s, const AuditFilter& filter);
    // The chain for these rows: the whole id range [min, max] through bursar_audit_verify when it spans at
    // most rangeLimit ids, else each of the rows against the row before it in the chain.
    static AuditChainState verifyRows(Session& s, const QList<qint64>& ids, qint64 rangeLimit = 20000);
    static AuditChainState verifyRange(Session& s, qint64 fromId, qint64 toId);
    static OrderAsOf orderAsOf(Session& s, qint64 orderId, qint64 atUs);
    static WalletAsOf walletAsOf(Session& s, qint64 walletId, qint64 atUs);
    // An order's id from ORD-... or digits; 0 when there is none.
    static qint64 orderIdOf(Session& s, const QString& order);

    static QStringList csvHeader();
    static qint64 exportCsv(Session& s, const AuditQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                            const std::function<void(qint64)>& progress, int pageSize = 2000);

    static QFuture<AuditPage> page(Database* db, const AuditQuery& query, const AuditRow* after, int limit,
                                   Stale stale);
    static QFuture<RowsById<AuditRow>> rowsByIds(Database* db, const AuditQuery& query, const QList<qint64>& ids);
    static QFuture<RowCount> count(Database* db, const AuditFilter& filter, Stale stale = {});
    // A stale check (the view scrolled on before a worker took it) answers an empty state without SQL.
    static QFuture<AuditChainState> verifyRows(Database* db, const QList<qint64>& ids, Stale stale = {});
    static QFuture<OrderAsOf> orderAsOf(Database* db, const QString& order, qint64 atUs);
    static QFuture<WalletAsOf> walletAsOf(Database* db, qint64 walletId, qint64 atUs);
    static QFuture<qint64> exportCsvFile(Database* db, const AuditQuery& query, const QString& path,
                                         std::shared_ptr<std::atomic_bool> cancel,
                                         std::function<void(qint64)> progress, int pageSize = 2000);

    static const QStringList& entities();
};

} // namespace Bursar::Db

Q_DECLARE_METATYPE(Bursar::Db::AuditRow)
