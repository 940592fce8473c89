#pragma once

#include "OperationJournal.h"

#include <QFuture>
#include <QJsonObject>
#include <QString>

namespace Bursar::Db {
class Session;
}

namespace Bursar::Services {

// What Stripe says now about one journal operation: its object (found by the id Bursar knows, or by
// metadata[bursar_operation]), that Stripe has none, or that Stripe could not be asked.
struct StripeView
{
    enum class Found { Object, Nothing, Unknown };
    Found found = Found::Unknown;
    QJsonObject object;  // Stripe's object as it is now (Found::Object)
    QString objectId;    // re_..., po_..., ...
    QString status;      // the object's status (succeeded, pending, failed, ...)
    QString lookedUpBy;  // how it was looked up, for people: "GET /v1/refunds/re_…", "metadata[bursar_operation]=…"
    QString summary;     // one line for people: "refund re_… succeeded, 12.00 USD"
    QString requestId;   // Stripe's request id of the look-up
    QString error;       // Found::Unknown: why Stripe could not be asked

    QJsonObject toJson() const; // stored on the operation (operations.stripe_view)
    static QString foundName(Found f); // object, nothing, unknown
};

// What a journal driver gives the repair centre (RepairDriver) for its kind: a look-up at Stripe that
// changes nothing, and two ways of writing only what Stripe shows, through the driver's normal, idempotent
// apply path. A new kind (payouts, dispute evidence) implements it and registers with RepairDriver; the
// repair centre itself knows no kind.
//
// applyShown() and releaseUnsent() run on the database worker inside the repair's transaction (the
// operation has been locked and reopened by bursar_repair_reopen; bursar_repair_finish follows); they may
// use only their arguments, never the driver's members, and throw Db::Error to refuse.
class Repairable
{
public:
    virtual ~Repairable() = default;

    // Asks Stripe for the operation's object. Never writes anything, at Stripe or in the books.
    virtual QFuture<StripeView> lookUp(const JournalOperation& op) = 0;
    // Stripe's object shows the operation happened (view.found == Object): record Stripe's outcome.
    virtual void applyShown(Db::Session& s, const JournalOperation& op, const StripeView& view) const = 0;
    // Stripe shows nothing for the operation (view.found == Nothing): fail it and free what it reserved.
    virtual void releaseUnsent(Db::Session& s, const JournalOperation& op, const StripeView& view,
                               const QString& reason) const = 0;
};

} // namespace Bursar::Services
