#pragma once

#include "core/Money.h"
#include "db/Keyset.h"

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// The reads of the wallets aggregate, for finance (the views and bursar_wallet_verify of migration 0008
// are granted to bursar_finance; admin is a member). Each function comes twice, as in OrdersRepository:
// on a worker's Session, and on the Database returning a QFuture at once (models and panels).
//
//   WalletQuery q;
//   q.filter.negative = true;          // sellers who owe money
//   q.sort = WalletSort::Available;    // most owed first
//   WalletsRepository::page(db, q, std::nullopt, 200).then(this, [this](const WalletPage& p) { ... });
//   WalletsRepository::ledgerPage(db, {walletId}, std::nullopt, 200) ...  // newest movement first
//   WalletsRepository::verify(db, walletId) ...                          // the whole ledger, on the worker
//
// Every page is a keyset page (the last row's sort key, timestamps as epoch microseconds), never OFFSET.
// A list row carries its live check (balance against the last ledger row, the first row starting at zero,
// a chain break recorded by the ledger's trigger or sweep): WalletRow::broken() is never silently false
// for a wallet whose balance or chain the list can see is wrong; verify() reads the whole chain.

enum class WalletSort { Seller, Name, Available, Pending, Frozen };

struct WalletFilter
{
    std::optional<QString> currency;  // ISO code
    std::optional<QString> kycState;  // a kyc_state label (not_started ... rejected)
    std::optional<bool> negative;     // available < 0: the seller owes the platform
    std::optional<bool> frozen;       // frozen > 0: an open dispute holds funds
    std::optional<bool> broken;       // only (or no) broken wallets; scans every wallet's check
    QString search;                   // seller id, acct_..., or a part of the seller's name

    bool isEmpty() const;
    friend bool operator==(const WalletFilter&, const WalletFilter&) = default;
};

struct WalletQuery
{
    WalletFilter filter;
    WalletSort sort = WalletSort::Seller;
    bool descending = false;
    friend bool operator==(const WalletQuery&, const WalletQuery&) = default;
};

struct WalletRow
{
    qint64 id = 0;
    qint64 sellerId = 0;
    QString sellerName;
    QString stripeAccountId;
    QString kycState;
    QString currency;
    qint64 available = 0; // may be negative: money the seller owes
    qint64 pending = 0;   // held in escrow
    qint64 frozen = 0;    // frozen by open disputes
    qint64 updatedUs = 0;
    qint64 lastLedgerId = 0;    // 0: no movement yet
    qint64 lastMovementUs = 0;
    qint64 ledgerAvailable = 0; // the last ledger row's *_after (0 without rows)
    qint64 ledgerPending = 0;
    qint64 ledgerFrozen = 0;
    bool balanceDiffers = false; // the balance is not the last ledger row's *_after
    bool badStart = false;       // the first ledger row does not start at zero
    qint64 firstBreakId = 0;     // the first recorded chain break (ledger row id), 0 if none

    bool broken() const { return balanceDiffers || badStart || firstBreakId != 0; }
    qint64 owed() const { return available < 0 ? -available : 0; }
    qint64 total() const { return available + pending + frozen; }
    Core::Money money(qint64 minor) const;
};

struct WalletCursor
{
    QString sellerName;
    qint64 sellerId = 0;
    QString currency;
    qint64 value = 0; // available, pending or frozen, as sorted
    qint64 id = 0;
    static WalletCursor after(const WalletRow& row, WalletSort sort);
};

using WalletPage = KeysetPage<WalletRow>;

enum class LedgerCause { Order, Refund, Dispute, Payout, Adjustment };

struct LedgerRow
{
    qint64 id = 0;
    qint64 walletId = 0;
    QString kind; // a ledger_kind label
    QString currency;
    qint64 amountAvailable = 0, amountPending = 0, amountFrozen = 0;
    qint64 availableBefore = 0, availableAfter = 0;
    qint64 pendingBefore = 0, pendingAfter = 0;
    qint64 frozenBefore = 0, frozenAfter = 0;
    qint64 orderId = 0;
    QString orderPublicId;
    qint64 refundId = 0;
    QString stripeRefundId;
    qint64 disputeId = 0;
    QString stripeDisputeId;
    qint64 payoutId = 0;
    QString stripePayoutId;
    qint64 operationId = 0;
    QString description;
    QString createdBy;
    qint64 createdUs = 0; // epoch microseconds
    qint64 previousId = 0; // the row before it in the chain, 0 for the first
    bool chainBreak = false; // *_before differs from the previous row's *_after (or from zero)

    qint64 amount() const { return amountAvailable + amountPending + amountFrozen; }
    qint64 balanceBefore() const { return availableBefore + pendingBefore + frozenBefore; }
    qint64 balanceAfter() const { return availableAfter + pendingAfter + frozenAfter; }
    // What caused the movement: the most specific linked object (a refund's row also names its order).
    LedgerCause cause() const;
    // The cause's id as staff know it: ORD-..., re_..., dp_..., po_/tr_..., or the row's description.
    QString causeId() const;
    Core::Money money(qint64 minor) const;
};

enum class LedgerSort { Created }; // (created_at, id): the chain's order

struct LedgerQuery
{
    qint64 walletId = 0;
    std::optional<QString> kind; // a ledger_kind label
    LedgerSort sort = LedgerSort::Created;
    bool descending = true; // newest movement first
    friend bool operator==(const LedgerQuery&, const LedgerQuery&) = default;
};

struct LedgerCursor
{
    qint64 createdUs = 0;
    qint64 id = 0;
    static LedgerCursor after(const LedgerRow& row) { return {row.createdUs, row.id}; }
};

using LedgerPage = KeysetPage<LedgerRow>;

// One wallet's whole ledger against its balance (bursar_wallet_verify).
struct WalletVerification
{
    bool found = false;
    qint64 walletId = 0;
    QString currency;
    qint64 ledgerRows = 0;
    qint64 available = 0, pending = 0, frozen = 0;
    qint64 sumAvailable = 0, sumPending = 0, sumFrozen = 0;
    qint64 chainBreaks = 0;
    qint64 firstBreakId = 0;
    qint64 lastBreakId = 0;

    bool sumMatches() const { return available == sumAvailable && pending == sumPending && frozen == sumFrozen; }
    bool ok() const { return found && sumMatches() && chainBreaks == 0; }
};

class WalletsRepository
{
public:
    static WalletPage page(Session& s, const WalletQuery& query, const std::optional<WalletCursor>& after, int limit);
    // The wallets with these ids (any filter) and which of them match the query's filter.
    static RowsById<WalletRow> rowsByIds(Session& s, const WalletQuery& query, const QList<qint64>& ids);
    static RowsById<LedgerRow> ledgerRowsByIds(Session& s, const LedgerQuery& query, const QList<qint64>& ids);
    static LedgerPage ledgerPage(Session& s, const LedgerQuery& query, const std::optional<LedgerCursor>& after,
                                 int limit);
    static WalletVerification verify(Session& s, qint64 walletId);

    static QFuture<WalletPage> page(Database* db, const WalletQuery& query, const std::optional<WalletCursor>& after,
                                    int limit, Stale stale = {});
    // For the models: after is the previous page's last row (nullptr for the first page).
    static QFuture<WalletPage> page(Database* db, const WalletQuery& query, const WalletRow* after, int limit,
                                    Stale stale);
    static QFuture<LedgerPage> ledgerPage(Database* db, const LedgerQuery& query, const LedgerRow* after, int limit,
                                          Stale stale);
    static QFuture<RowsById<WalletRow>> rowsByIds(Database* db, const WalletQuery& query, const QList<qint64>& ids);
    // How many wallets match: exact up to 10,000 (the count above the list).
    static QFuture<RowCount> count(Database* db, const WalletFilter& filter, Stale stale = {});
    static QFuture<RowsById<LedgerRow>> ledgerRowsByIds(Database* db, const LedgerQuery& query,
                                                        const QList<qint64>& ids);
    static QFuture<LedgerPage> ledgerPage(Database* db, const LedgerQuery& query,
                                          const std::optional<LedgerCursor>& after, int limit, Stale stale = {});
    // A stale verification (the user has moved on before a worker took it) answers not found, without SQL.
    static QFuture<WalletVerification> verify(Database* db, qint64 walletId, Stale stale = {});

    static const QStringList& kycStates();
    static const QStringList& ledgerKinds();
};

} // namespace Bursar::Db

Q_DECLARE_TYPEINFO(Bursar::Db::WalletRow, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(Bursar::Db::LedgerRow, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Bursar::Db::WalletRow)
Q_DECLARE_METATYPE(Bursar::Db::LedgerRow)
