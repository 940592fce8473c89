#include "Status.h"

#include <QCoreApplication>
#include <iterator>

using namespace Qt::StringLiterals;

namespace Bursar::Core {

namespace {
constexpr const char* Context = "Bursar::Core::Status";

struct Words
{
    const char* source;
    const char* comment; // the kind: lupdate's disambiguation
};

struct Row
{
    StatusKind kind;
    const char* code;
    StatusTone tone;
    Words words;
};

struct KindInfo
{
    StatusKind kind;
    const char* name;
    const char* enumType;
};

const KindInfo Kinds[] = {
    {StatusKind::Payment, "payment", "payment_status"},
    {StatusKind::Fulfilment, "fulfilment", "fulfilment_status"},
    {StatusKind::PaymentIntent, "payment_intent", "payment_intent_status"},
    {StatusKind::Refund, "refund", "refund_status"},
    {StatusKind::Approval, "approval", "approval_state"},
    {StatusKind::Dispute, "dispute", "dispute_status"},
    {StatusKind::Payout, "payout", "payout_status"},
    {StatusKind::PayoutRun, "payout_run", "payout_run_status"},
    {StatusKind::Kyc, "kyc", "kyc_state"},
    {StatusKind::Event, "event", "event_status"},
    {StatusKind::Operation, "operation", "operation_state"},
    {StatusKind::LedgerKind, "ledger_kind", "ledger_kind"},
    {StatusKind::WalletCheck, "wallet_check", ""},
};

// One row per status, kinds in the order above and codes in the order of the schema's
// CREATE TYPE ... AS ENUM (tests/unit/TestStatus compares them with the migrations).
const Row Rows[] = {
    {StatusKind::Payment, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "payment status")},
    {StatusKind::Payment, "held", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Held", "payment status")},
    {StatusKind::Payment, "released", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Released", "payment status")},
    {StatusKind::Payment, "completed", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Completed", "payment status")},
    {StatusKind::Payment, "failed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed", "payment status")},
    {StatusKind::Payment, "refunded", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Refunded", "payment status")},
    {StatusKind::Payment, "partially_refunded", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Part refunded", "payment status")},
    {StatusKind::Payment, "disputed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Disputed", "payment status")},
    {StatusKind::Fulfilment, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "fulfilment status")},
    {StatusKind::Fulfilment, "processing", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Processing", "fulfilment status")},
    {StatusKind::Fulfilment, "shipped", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Shipped", "fulfilment status")},
    {StatusKind::Fulfilment, "delivered", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Delivered", "fulfilment status")},
    {StatusKind::Fulfilment, "confirmed", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Confirmed", "fulfilment status")},
    {StatusKind::Fulfilment, "cancelled", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Cancelled", "fulfilment status")},
    {StatusKind::PaymentIntent, "requires_payment_method", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Requires payment method", "payment intent status")},
    {StatusKind::PaymentIntent, "requires_confirmation", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Requires confirmation", "payment intent status")},
    {StatusKind::PaymentIntent, "requires_action", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Requires action", "payment intent status")},
    {StatusKind::PaymentIntent, "processing", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Processing", "payment intent status")},
    {StatusKind::PaymentIntent, "requires_capture", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Requires capture", "payment intent status")},
    {StatusKind::PaymentIntent, "canceled", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Canceled", "payment intent status")},
    {StatusKind::PaymentIntent, "succeeded", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Succeeded", "payment intent status")},
    {StatusKind::Refund, "not_submitted", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Not submitted", "refund status")},
    {StatusKind::Refund, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "refund status")},
    {StatusKind::Refund, "requires_action", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Requires action", "refund status")},
    {StatusKind::Refund, "succeeded", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Succeeded", "refund status")},
    {StatusKind::Refund, "failed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed", "refund status")},
    {StatusKind::Refund, "canceled", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Canceled", "refund status")},
    {StatusKind::Approval, "not_required", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Not required", "refund approval state")},
    {StatusKind::Approval, "awaiting_approval", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Awaiting approval", "refund approval state")},
    {StatusKind::Approval, "approved", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Approved", "refund approval state")},
    {StatusKind::Approval, "rejected", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Rejected", "refund approval state")},
    {StatusKind::Dispute, "warning_needs_response", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Inquiry: needs response", "dispute status")},
    {StatusKind::Dispute, "warning_under_review", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Inquiry: under review", "dispute status")},
    {StatusKind::Dispute, "warning_closed", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Inquiry closed", "dispute status")},
    {StatusKind::Dispute, "needs_response", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Needs response", "dispute status")},
    {StatusKind::Dispute, "under_review", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Under review", "dispute status")},
    {StatusKind::Dispute, "won", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Won", "dispute status")},
    {StatusKind::Dispute, "lost", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Lost", "dispute status")},
    {StatusKind::Payout, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "payout status")},
    {StatusKind::Payout, "in_transit", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "In transit", "payout status")},
    {StatusKind::Payout, "paid", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Paid", "payout status")},
    {StatusKind::Payout, "failed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed", "payout status")},
    {StatusKind::Payout, "canceled", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Canceled", "payout status")},
    {StatusKind::PayoutRun, "draft", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Draft", "payout run status")},
    {StatusKind::PayoutRun, "approved", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Approved", "payout run status")},
    {StatusKind::PayoutRun, "running", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Running", "payout run status")},
    {StatusKind::PayoutRun, "completed", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Completed", "payout run status")},
    {StatusKind::PayoutRun, "completed_with_failures", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Completed with failures", "payout run status")},
    {StatusKind::PayoutRun, "canceled", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Canceled", "payout run status")},
    {StatusKind::Kyc, "not_started", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Not started", "seller verification (KYC) state")},
    {StatusKind::Kyc, "incomplete", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Incomplete", "seller verification (KYC) state")},
    {StatusKind::Kyc, "pending_verification", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending verification", "seller verification (KYC) state")},
    {StatusKind::Kyc, "verified", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Verified", "seller verification (KYC) state")},
    {StatusKind::Kyc, "restricted", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Restricted", "seller verification (KYC) state")},
    {StatusKind::Kyc, "rejected", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Rejected", "seller verification (KYC) state")},
    {StatusKind::Event, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "Stripe event processing status")},
    {StatusKind::Event, "processing", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Processing", "Stripe event processing status")},
    {StatusKind::Event, "processed", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Processed", "Stripe event processing status")},
    {StatusKind::Event, "failed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed", "Stripe event processing status")},
    {StatusKind::Event, "skipped", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Skipped", "Stripe event processing status")},
    {StatusKind::Operation, "pending", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Pending", "journal operation state")},
    {StatusKind::Operation, "succeeded", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Succeeded", "journal operation state")},
    {StatusKind::Operation, "failed", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed", "journal operation state")},
    {StatusKind::Operation, "needs_attention", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Needs attention", "journal operation state")},
    {StatusKind::LedgerKind, "escrow_hold", StatusTone::Info, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Held in escrow", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "escrow_release", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Escrow released", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "refund_escrow", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Refund from escrow", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "refund_clawback", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Refund claw-back", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "dispute_freeze", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Dispute freeze", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "dispute_unfreeze", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Dispute unfreeze", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "dispute_loss", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Dispute lost", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "payout", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Payout", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "payout_failed_return", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Failed payout returned", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "adjustment", StatusTone::Neutral, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Adjustment", "kind of a wallet ledger movement")},
    {StatusKind::LedgerKind, "transfer_reversal", StatusTone::Warning, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Payout transfer reversed", "kind of a wallet ledger movement")},
    {StatusKind::WalletCheck, "ok", StatusTone::Good, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "OK", "wallet check: the balance matches the ledger, or a ledger row follows the previous one")},
    {StatusKind::WalletCheck, "broken", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Broken", "wallet check: the balance does not match the ledger, or the ledger does not start at zero or its chain breaks")},
    {StatusKind::WalletCheck, "chain_break", StatusTone::Bad, QT_TRANSLATE_NOOP3("Bursar::Core::Status", "Chain break", "wallet check of one ledger row: its balance before is not the previous row's balance after")},
};

struct Catalogue
{
    QList<StatusKind> kinds;
    QList<QList<Status::Entry>> entries; // by int(kind)
    QList<const KindInfo*> info;         // by int(kind)
};

const Catalogue& catalogue()
{
    static const Catalogue built = [] {
        Catalogue c;
        c.entries.resize(std::size(Kinds));
        c.info.resize(std::size(Kinds));
        for (const KindInfo& k : Kinds) {
            Q_ASSERT(int(k.kind) < int(std::size(Kinds)));
            c.kinds << k.kind;
            c.info[int(k.kind)] = &k;
        }
        for (const Row& r : Rows)
            c.entries[int(r.kind)] << Status::Entry{r.kind, QString::fromLatin1(r.code), r.tone, r.words.source, r.words.comment};
        return c;
    }();
    return built;
}
} // namespace

QString Status::Entry::text() const
{
    return QCoreApplication::translate(Context, source, comment);
}

const QList<StatusKind>& Status::kinds()
{
    return catalogue().kinds;
}

QString Status::kindName(StatusKind kind)
{
    const KindInfo* k = catalogue().info.value(int(kind));
    return k ? QString::fromLatin1(k->name) : QString();
}

std::optional<StatusKind> Status::kindFromName(QStringView name)
{
    for (const KindInfo& k : Kinds)
        if (name == QLatin1StringView(k.name))
            return k.kind;
    return std::nullopt;
}

QString Status::enumType(StatusKind kind)
{
    const KindInfo* k = catalogue().info.value(int(kind));
    return k ? QString::fromLatin1(k->enumType) : QString();
}

const QList<Status::Entry>& Status::entries(StatusKind kind)
{
    static const QList<Entry> none;
    const auto& all = catalogue().entries;
    return int(kind) >= 0 && int(kind) < all.size() ? all.at(int(kind)) : none;
}

QStringList Status::codes(StatusKind kind)
{
    QStringList codes;
    for (const Entry& e : entries(kind))
        codes << e.code;
    return codes;
}

const Status::Entry* Status::find(StatusKind kind, QStringView code)
{
    for (const Entry& e : entries(kind))
        if (e.code == code)
            return &e;
    return nullptr;
}

QString Status::text(StatusKind kind, QStringView code)
{
    const Entry* e = find(kind, code);
    return e ? e->text() : code.toString();
}

StatusTone Status::tone(StatusKind kind, QStringView code)
{
    const Entry* e = find(kind, code);
    return e ? e->tone : StatusTone::Neutral;
}

const Status::Entry* Status::ofRefund(QStringView refundStatus, QStringView operationState)
{
    if (operationState == u"needs_attention" || (operationState == u"pending" && refundStatus == u"not_submitted"))
        if (const Entry* e = find(StatusKind::Operation, operationState))
            return e;
    return find(StatusKind::Refund, refundStatus);
}

QString Status::toneName(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Neutral:
        return u"neutral"_s;
    case StatusTone::Good:
        return u"good"_s;
    case StatusTone::Warning:
        return u"warning"_s;
    case StatusTone::Bad:
        return u"bad"_s;
    case StatusTone::Info:
        return u"info"_s;
    }
    return {};
}

} // namespace Bursar::Core
