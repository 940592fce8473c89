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
    {"event_not_found", QT_TRANSLATE_NOOP("Bursar::Db::Error", "No Stripe event with this id is stored.")},
    {"replay_what", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                      "Say which events to replay: one event id, --failed, or --since a time.")},
    {"apply_error", QT_TRANSLATE_NOOP("Bursar::Db::Error",
                                      "The books refused this event; it stays failed until it is replayed.")},
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
