// The one table from Bursar's rule codes (HINT 'bursar:<code>' in the migrations' RAISE statements) to
// the words staff read. A new rule in SQL gets its code here; tests/unit/TestErrorCodes checks that every
// code the migrations raise has words.
#include "Error.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
struct Entry
{
    const char* code;
    const char* text;
};

// QT_TRANSLATE_NOOP marks them for lupdate; textForCode translates at the time of use.
constexpr Entry kCodes[] = {
    {"note_required", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Write a note: say why (it is kept in the audit log).")},
    {"note_too_long", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The note is too long: keep it under 10,000 characters.")},
    {"amount_not_positive", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Enter an amount greater than zero.")},
    {"reason_required", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Choose a reason for the refund.")},
    {"not_refundable_status",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "This order cannot be refunded in its current payment state.")},
    {"disputed", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                   "The charge has a dispute and Stripe refuses refunds on disputed charges; respond "
                                   "to the dispute instead.")},
    {"no_charge", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The order has no captured charge to refund.")},
    {"refund_exceeds_refundable",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "The refund would exceed what is still refundable on this order (another refund may have been "
                       "requested meanwhile). Reopen the order to see the current amount.")},
    {"approver_is_requester",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "You requested this refund; another finance or admin user must approve or reject it.")},
    {"not_awaiting_approval",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "This refund is no longer awaiting approval (someone else may have decided it).")},
    {"not_approved", QT_TRANSLATE_NOOP("Bursar::Db::Error", "This refund was not approved.")},
    {"already_submitted", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                            "This refund reached Stripe already; only Stripe's answer can change it.")},
    {"already_succeeded",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "This refund succeeded already; Stripe's later answer contradicts it.")},
    {"stripe_refund_mismatch",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Stripe's answer names another refund than the books; a person must look.")},
    {"bad_idempotency_key",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "The idempotency key must be 8 to 255 characters long; leave it out and Bursar makes one.")},
    {"staff_inactive", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                         "Your staff account is disabled: you may read, but not change anything. Ask "
                                         "an admin.")},
    {"not_staff", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                    "This login has no staff account in Bursar, so it may only read. Ask an admin to "
                                    "add you.")},
    {"not_a_staff_login", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Your role may not do this.")},
    {"agent_only", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                     "Only the Bursar agent may do this; staff request it and the agent carries it "
                                     "out.")},
    {"forbidden", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Your role may not do this.")},
    {"bad_verify_kind", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                          "A verification run is manual, or the agent's nightly run.")},
    {"order_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The order does not exist.")},
    {"refund_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The refund does not exist.")},
    {"open_dispute", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The order has an open dispute; its escrow stays held.")},
    {"not_in_escrow", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The order is not held in escrow.")},
    {"audit_chain_missing",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The audit chain is missing: run bursar-cli migrate on this database.")},
    {"bad_agent_id", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The agent reported itself without an id.")},
    // Stripe events (0009); stripe_events.error_code holds these for failed and skipped events
    {"bad_account", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Events belong to the platform or to a Connect account (acct_...).")},
    {"malformed_event", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                          "Stripe's event lacks fields Bursar needs (an id, an amount, a status); it "
                                          "stays failed and visible.")},
    {"unknown_object", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                         "The event concerns a Stripe object these books do not hold; it was skipped.")},
    {"event_not_handled", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Bursar does not follow this type of event.")},
    {"currency_mismatch",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The event's currency differs from the order's; a person must look.")},
    {"transfer_mismatch",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "Stripe's transfer differs from the books' payout (amount, currency or account); a person "
                       "must look.")},
    {"event_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "No Stripe event with this id is stored.")},
    {"replay_what", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                      "Say which events to replay: one event id, --failed, or --since a time.")},
    {"apply_error", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                      "The books refused this event; it stays failed until it is replayed.")},
    // reconciliation (0015_reconcile.sql, services/ReconcileDriver)
    {"reconcile_since_future", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Reconcile from a date in the past.")},
    {"reconcile_since_too_old",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Reconcile at most 400 days back; choose a later date.")},
    {"reconcile_text_too_long",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The reason or the note is too long (2,000 characters at most).")},
    {"bad_resolution",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A difference is resolved as fixed or as accepted.")},
    {"resolution_note_required",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Say how the difference was resolved: the note is kept in the audit log.")},
    {"difference_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "There is no such reconciliation difference.")},
    {"difference_resolved",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "This difference is resolved already; reload the list.")},
    {"difference.charge_missing_in_books",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Stripe holds a charge the books do not know")},
    {"difference.charge_missing_at_stripe",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The books hold a charge Stripe does not list")},
    {"difference.charge_amount", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The charge's amount differs")},
    {"difference.charge_captured",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Captured at Stripe but not in the books, or the other way round")},
    {"difference.charge_refunded", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The charge's refunded total differs")},
    {"difference.refund_missing_in_books",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A refund at Stripe is not in the books (made outside Bursar?)")},
    {"difference.refund_missing_at_stripe",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The books hold a refund Stripe does not list")},
    {"difference.refund_amount", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The refund's amount differs")},
    {"difference.refund_status", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The refund's status differs")},
    {"difference.dispute_missing_in_books",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A dispute at Stripe is not in the books")},
    {"difference.dispute_missing_at_stripe",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The books hold a dispute Stripe does not list")},
    {"difference.dispute_amount", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The disputed amount differs")},
    {"difference.dispute_status", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The dispute's status differs")},
    {"difference.dispute_fee", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The dispute fee differs")},
    {"difference.transfer_missing_in_books",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A transfer at Stripe is not a payout in the books")},
    {"difference.transfer_missing_at_stripe",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The books hold a transfer Stripe does not list")},
    {"difference.transfer_amount", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The transfer's amount differs")},
    {"difference.transfer_reversed", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The transfer's reversed total differs")},
    {"difference.payout_missing_in_books",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A payout at Stripe is not in the books")},
    {"difference.payout_missing_at_stripe",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The books hold a payout Stripe does not list")},
    {"difference.payout_amount", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The payout's amount differs")},
    {"difference.payout_status", QT_TRANSLATE_NOOP("Bursar::Db::Error", "The payout's status differs")},
    {"difference.fees",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Stripe's processing fees differ from the fees the books assumed")},
    {"repair.replay_events",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Replay the object's Stripe events (Events panel), then reconcile again")},
    {"repair.repair_centre",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Open the repair centre: re-check the operation at Stripe")},
    {"repair.investigate",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Investigate at Stripe and in the books; resolve with a note")},
    {"repair.fee_settings",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Check the currency's processor fee in the settings against Stripe's pricing")},
    // the state of a reconciliation difference (resolution; the Reconciliation panel)
    {"resolution.open", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Open")},
    {"resolution.fixed", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Fixed")},
    {"resolution.accepted", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Accepted")},
    {"resolution.no_longer_differs", QT_TRANSLATE_NOOP("Bursar::Db::Error", "No longer differs")},
    // the repair centre (0013_repair.sql, services/RepairDriver)
    {"repair_reason_required",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Give a reason for the repair: it is kept in the audit log.")},
    {"repair_text_too_long",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The reason (2,000 characters) or the note (10,000) is too long.")},
    {"bad_repair_action", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                            "Unknown repair action: re-check, mark done, release or assign.")},
    {"operation_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "There is no such journal operation.")},
    {"operation_not_stuck",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "This operation is not in the repair centre any more: it settled, or the agent is still "
                       "working on it within its lease.")},
    {"assignee_required", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Say who takes the operation over.")},
    {"repair_in_progress",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "A repair of this operation is being carried out; wait for its outcome.")},
    {"operation_settled",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The operation settled meanwhile; there is nothing left to repair.")},
    {"operation_in_flight",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "An agent is sending this operation right now and its request may still reach Stripe; nothing "
                       "was released. Re-check when its lease has run out.")},
    {"repair_not_applied",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Stripe's outcome could not settle the operation; it stays open.")},
    {"stripe_amount_mismatch",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "Stripe's object is for another amount than the operation reserved; a person must look.")},
    {"stripe_shows_nothing",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "Refused: Stripe has nothing for this operation, so it cannot be marked done.")},
    {"stripe_has_object",
     QT_TRANSLATE_NOOP("Bursar::Db::Error",
                       "Refused: Stripe has this operation's object, so its reservation cannot be released. Mark it "
                       "done instead.")},
    {"stripe_unreachable",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Stripe could not be asked; nothing changed. Try the repair again.")},
    {"no_repair_driver",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "The agent cannot repair operations of this kind yet; hand it to a person.")},
    {"rechecked", QT_TRANSLATE_NOOP("Bursar::Db::Error", "Re-checked at Stripe: what Stripe says now is shown.")},
    {"done_as_stripe_shows",
     QT_TRANSLATE_NOOP("Bursar::Db::Error", "Done: the books now record what Stripe shows.")},
    {"released", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                   "Released: Stripe has nothing for this operation, and what it reserved is free.")},
};
} // namespace

QString Error::textForCode(const QString& code)
{
    if (code.isEmpty())
        return {};
    for (const Entry& e : kCodes)
        if (code == QLatin1StringView(e.code))
            return QCoreApplication::translate("Bursar::Db::Error", e.text);
    return {};
}

} // namespace Bursar::Db
