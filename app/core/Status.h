#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Bursar::Core {

// Every status Bursar shows, in one place: each kind is one PostgreSQL enum of the schema
// (resources/sql/migrations), each value has its code (the enum label), its words for people and
// a tone for the badge. Badges, filter combo boxes, detail panes and exports all read it here;
// nothing else spells a status out.
//
//   Status::text(StatusKind::Payment, u"partially_refunded")   // "Part refunded" (translated)
//   Status::tone(StatusKind::Refund, u"failed")                // Tone::Bad
//   for (const Status::Entry& e : Status::entries(StatusKind::Dispute)) combo->addItem(e.text(), e.code);
//
// Words are translated under the context "Bursar::Core::Status" with the kind as disambiguation
// ("Pending" of a payment and of a payout may read differently in another language).
enum class StatusKind {
    Payment,       // payment_status: the order's escrow lifecycle
    Fulfilment,    // fulfilment_status
    PaymentIntent, // payment_intent_status: Stripe's PaymentIntent
    Refund,        // refund_status: Stripe's, plus not_submitted
    Approval,      // approval_state of a refund
    Dispute,       // dispute_status: Stripe's
    Payout,        // payout_status: payouts and transfers
    PayoutRun,     // payout_run_status
    Kyc,           // kyc_state: the derived state of a seller's Connect account
    Event,         // event_status: processing of a Stripe event
    Operation,     // operation_state: a journal row
    LedgerKind,    // ledger_kind: what moved a seller's wallet (a kind of movement, not a lifecycle)
    WalletCheck,   // Bursar's own (no enum): a wallet's balance against its ledger, a ledger row's chain
};

// good: done as hoped; info: under way, nothing to do; warning: someone should look;
// bad: failed or lost; neutral: nothing to say (not started, not required, cancelled on purpose).
enum class StatusTone { Neutral, Good, Warning, Bad, Info };

class Status
{
public:
    struct Entry
    {
        StatusKind kind;
        QString code;        // the enum label, as stored
        StatusTone tone;
        const char* source;  // English words (untranslated); text() translates them
        const char* comment; // the disambiguation lupdate files them under (the kind)
        QString text() const;
    };

    static const QList<StatusKind>& kinds();
    // "payment", "fulfilment", "payment_intent", "refund", ... (stable; settings and tests use them)
    static QString kindName(StatusKind kind);
    static std::optional<StatusKind> kindFromName(QStringView name);
    // The PostgreSQL enum type holding the codes: "payment_status", "kyc_state", ...; empty for a kind
    // Bursar derives itself (WalletCheck: computed by the wallet views, no enum in the schema).
    static QString enumType(StatusKind kind);

    // The entries of a kind in the schema's order (the lifecycle order).
    static const QList<Entry>& entries(StatusKind kind);
    static QStringList codes(StatusKind kind);
    static const Entry* find(StatusKind kind, QStringView code);

    // Translated words for a code; the code itself when it is not known (a newer schema).
    static QString text(StatusKind kind, QStringView code);
    // The tone of a code; Neutral when it is not known.
    static StatusTone tone(StatusKind kind, QStringView code);
    static QString toneName(StatusTone tone); // "neutral", "good", "warning", "bad", "info"

    // The one status a refund shows: its journal row's state while the Bursar agent has it (pending and
    // not yet at Stripe) or a person must look at it (needs_attention); otherwise its own refund status.
    static const Entry* ofRefund(QStringView refundStatus, QStringView operationState);
};

} // namespace Bursar::Core
