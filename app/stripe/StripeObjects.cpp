#include "StripeObjects.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

namespace {

// Reads fields of one JSON object, recording the first problem as "<path>.<field>: <what>".
class Reader
{
public:
    Reader(const QJsonObject& object, QString path, QString* error)
        : m_o(object)
        , m_path(std::move(path))
        , m_error(error)
    {
    }

    bool ok() const { return m_error->isEmpty(); }
    QString pathOf(const QString& key) const { return m_path % u'.' % key; }
    void fail(const QString& key, const QString& what)
    {
        if (m_error->isEmpty())
            *m_error = pathOf(key) % u": "_s % what;
    }

    void expectType(const QString& type)
    {
        const QString actual = str(u"object"_s);
        if (ok() && actual != type)
            fail(u"object"_s, u"expected \""_s % type % u"\", got \""_s % actual % u'"');
    }

    bool present(const QString& key) const { return m_o.contains(key); }
    bool nonNull(const QString& key) const { return m_o.contains(key) && !m_o.value(key).isNull(); }

    QString str(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            fail(key, u"missing required field"_s);
        else if (!v.isString())
            fail(key, u"expected a string"_s);
        return v.toString();
    }
    std::optional<QString> optStr(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isString()) {
            fail(key, u"expected a string or null"_s);
            return std::nullopt;
        }
        return v.toString();
    }
    // Must be present (Stripe always sends it) but may be null.
    std::optional<QString> nullableStr(const QString& key)
    {
        if (!present(key)) {
            fail(key, u"missing required field"_s);
            return std::nullopt;
        }
        return optStr(key);
    }

    // An expandable reference: the id string, or the expanded object's id.
    std::optional<QString> optId(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (v.isString())
            return v.toString();
        if (v.isObject() && v.toObject().value("id"_L1).isString())
            return v.toObject().value("id"_L1).toString();
        fail(key, u"expected an id or an expanded object"_s);
        return std::nullopt;
    }
    QString id(const QString& key)
    {
        if (!nonNull(key)) {
            fail(key, present(key) ? u"must not be null"_s : u"missing required field"_s);
            return {};
        }
        return optId(key).value_or(QString());
    }
    std::optional<QString> nullableId(const QString& key)
    {
        if (!present(key)) {
            fail(key, u"missing required field"_s);
            return std::nullopt;
        }
        return optId(key);
    }

    std::optional<qint64> optInt(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
        const qint64 i = v.isDouble() ? v.toInteger(sentinel) : sentinel;
        if (i == sentinel) {
            fail(key, u"expected an integer"_s);
            return std::nullopt;
        }
        return i;
    }
    qint64 integer(const QString& key)
    {
        if (!nonNull(key)) {
            fail(key, present(key) ? u"must not be null"_s : u"missing required field"_s);
            return 0;
        }
        return optInt(key).value_or(0);
    }

    std::optional<double> optNumber(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble()) {
            fail(key, u"expected a number or null"_s);
            return std::nullopt;
        }
        return v.toDouble();
    }

    bool boolean(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            fail(key, u"missing required field"_s);
        else if (!v.isBool())
            fail(key, u"expected a boolean"_s);
        return v.toBool();
    }
    // Absent or null means fallback (for flags the spec does not mark required).
    bool optBool(const QString& key, bool fallback = false)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            fail(key, u"expected a boolean"_s);
        return v.toBool(fallback);
    }

    QDateTime time(const QString& key) { return QDateTime::fromSecsSinceEpoch(integer(key), Qt::UTC); }
    std::optional<QDateTime> optTime(const QString& key, bool zeroIsNull = false)
    {
        const auto v = optInt(key);
        if (!v || (zeroIsNull && *v == 0))
            return std::nullopt;
        return QDateTime::fromSecsSinceEpoch(*v, Qt::UTC);
    }

    Core::Currency currency(const QString& key = u"currency"_s)
    {
        const QString code = str(key);
        if (!ok())
            return {};
        auto c = Core::Currency::fromCode(code);
        if (!c) {
            fail(key, u"not an ISO currency code: \""_s % code % u'"');
            return {};
        }
        return *c;
    }
    Core::Money money(const QString& key, const Core::Currency& currency)
    {
        return Core::Money(integer(key), currency);
    }

    QJsonObject object(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            fail(key, u"missing required field"_s);
        else if (!v.isObject())
            fail(key, u"expected an object"_s);
        return v.toObject();
    }
    std::optional<QJsonObject> optObject(const QString& key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            fail(key, u"expected an object or null"_s);
            return std::nullopt;
        }
        return v.toObject();
    }
    QJsonArray array(const QString& key, bool required)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, v.isNull() ? u"must not be null"_s : u"missing required field"_s);
            return {};
        }
        if (!v.isArray())
            fail(key, u"expected an array"_s);
        return v.toArray();
    }
    QStringList stringList(const QString& key)
    {
        QStringList out;
        const QJsonArray a = array(key, false);
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                fail(key % u'[' % QString::number(i) % u']', u"expected a string"_s);
                return {};
            }
            out.append(a.at(i).toString());
        }
        return out;
    }
    Metadata metadata()
    {
        Metadata out;
        const auto obj = optObject(u"metadata"_s);
        if (!obj)
            return out;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            if (!it.value().isString()) {
                fail(u"metadata."_s % it.key(), u"expected a string"_s);
                return {};
            }
            out.insert(it.key(), it.value().toString());
        }
        return out;
    }

    Reader child(const QJsonObject& o, const QString& key) const { return Reader(o, pathOf(key), m_error); }
    QString* errorSink() const { return m_error; }

private:
    QJsonObject m_o;
    QString m_path;
    QString* m_error;
};

template<typename T>
Parsed<T> finish(T&& value, const QString& error)
{
    if (!error.isEmpty())
        return {std::nullopt, error};
    return {std::forward<T>(value), QString()};
}

BalanceTransaction readBalanceTransaction(Reader& r)
{
    BalanceTransaction t;
    r.expectType(u"balance_transaction"_s);
    t.id = r.str(u"id"_s);
    const auto cur = r.currency();
    t.amount = r.money(u"amount"_s, cur);
    t.fee = r.money(u"fee"_s, cur);
    t.net = r.money(u"net"_s, cur);
    const QJsonArray fees = r.array(u"fee_details"_s, true);
    for (qsizetype i = 0; i < fees.size() && r.ok(); ++i) {
        const QString key = u"fee_details["_s % QString::number(i) % u']';
        if (!fees.at(i).isObject()) {
            r.fail(key, u"expected an object"_s);
            break;
        }
        Reader f = r.child(fees.at(i).toObject(), key);
        FeeDetail d;
        d.amount = f.money(u"amount"_s, f.currency());
        d.type = f.str(u"type"_s);
        d.application = f.optId(u"application"_s);
        d.description = f.optStr(u"description"_s);
        t.feeDetails.append(d);
    }
    t.status = r.str(u"status"_s);
    t.type = r.str(u"type"_s);
    t.reportingCategory = r.str(u"reporting_category"_s);
    t.source = r.optId(u"source"_s);
    t.description = r.optStr(u"description"_s);
    t.exchangeRate = r.optNumber(u"exchange_rate"_s);
    t.availableOn = r.time(u"available_on"_s);
    t.created = r.time(u"created"_s);
    return t;
}

TransferReversal readTransferReversal(Reader& r)
{
    TransferReversal v;
    r.expectType(u"transfer_reversal"_s);
    v.id = r.str(u"id"_s);
    v.amount = r.money(u"amount"_s, r.currency());
    v.transfer = r.id(u"transfer"_s);
    v.balanceTransaction = r.optId(u"balance_transaction"_s);
    v.destinationPaymentRefund = r.optId(u"destination_payment_refund"_s);
    v.sourceRefund = r.optId(u"source_refund"_s);
    v.metadata = r.metadata();
    v.created = r.time(u"created"_s);
    return v;
}

AccountRequirements readRequirements(Reader& r)
{
    AccountRequirements q;
    q.currentlyDue = r.stringList(u"currently_due"_s);
    q.eventuallyDue = r.stringList(u"eventually_due"_s);
    q.pastDue = r.stringList(u"past_due"_s);
    q.pendingVerification = r.stringList(u"pending_verification"_s);
    q.currentDeadline = r.optTime(u"current_deadline"_s);
    q.disabledReason = r.optStr(u"disabled_reason"_s);
    const QJsonArray errors = r.array(u"errors"_s, false);
    for (qsizetype i = 0; i < errors.size() && r.ok(); ++i) {
        const QString key = u"errors["_s % QString::number(i) % u']';
        if (!errors.at(i).isObject()) {
            r.fail(key, u"expected an object"_s);
            break;
        }
        Reader e = r.child(errors.at(i).toObject(), key);
        RequirementError re;
        re.code = e.str(u"code"_s);
        re.reason = e.str(u"reason"_s);
        re.requirement = e.str(u"requirement"_s);
        q.errors.append(re);
    }
    return q;
}

QList<BalanceAmount> readBalanceAmounts(Reader& r, const QString& key, bool required)
{
    QList<BalanceAmount> out;
    const QJsonArray a = r.array(key, required);
    for (qsizetype i = 0; i < a.size() && r.ok(); ++i) {
        const QString k = key % u'[' % QString::number(i) % u']';
        if (!a.at(i).isObject()) {
            r.fail(k, u"expected an object"_s);
            break;
        }
        Reader b = r.child(a.at(i).toObject(), k);
        BalanceAmount amount;
        amount.amount = b.money(u"amount"_s, b.currency());
        if (const auto types = b.optObject(u"source_types"_s)) {
            Reader t = b.child(*types, u"source_types"_s);
            for (const QString& name : types->keys())
                amount.sourceTypes.insert(name, t.integer(name));
        }
        out.append(amount);
    }
    return out;
}

} // namespace

const QStringList& DisputeEvidence::textFields()
{
    static const QStringList fields = {
        u"access_activity_log"_s, u"billing_address"_s, u"cancellation_policy_disclosure"_s,
        u"cancellation_rebuttal"_s, u"customer_email_address"_s, u"customer_name"_s, u"customer_purchase_ip"_s,
        u"duplicate_charge_explanation"_s, u"duplicate_charge_id"_s, u"product_description"_s,
        u"refund_policy_disclosure"_s, u"refund_refusal_explanation"_s, u"service_date"_s, u"shipping_address"_s,
        u"shipping_carrier"_s, u"shipping_date"_s, u"shipping_tracking_number"_s, u"uncategorized_text"_s};
    return fields;
}

const QStringList& DisputeEvidence::fileFields()
{
    static const QStringList fields = {
        u"cancellation_policy"_s, u"customer_communication"_s, u"customer_signature"_s,
        u"duplicate_charge_documentation"_s, u"receipt"_s, u"refund_policy"_s, u"service_documentation"_s,
        u"shipping_documentation"_s, u"uncategorized_file"_s};
    return fields;
}

Parsed<Charge> parseCharge(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"charge"_s, &error);
    Charge c;
    r.expectType(u"charge"_s);
    c.id = r.str(u"id"_s);
    const auto cur = r.currency();
    c.amount = r.money(u"amount"_s, cur);
    c.amountCaptured = r.money(u"amount_captured"_s, cur);
    c.amountRefunded = r.money(u"amount_refunded"_s, cur);
    c.status = r.str(u"status"_s);
    c.captured = r.boolean(u"captured"_s);
    c.paid = r.boolean(u"paid"_s);
    c.refunded = r.boolean(u"refunded"_s);
    c.disputed = r.boolean(u"disputed"_s);
    c.livemode = r.boolean(u"livemode"_s);
    c.paymentIntent = r.optId(u"payment_intent"_s);
    c.balanceTransaction = r.optId(u"balance_transaction"_s);
    c.customer = r.optId(u"customer"_s);
    c.description = r.optStr(u"description"_s);
    c.failureCode = r.optStr(u"failure_code"_s);
    c.failureMessage = r.optStr(u"failure_message"_s);
    c.transferGroup = r.optStr(u"transfer_group"_s);
    c.paymentMethod = r.optStr(u"payment_method"_s);
    c.metadata = r.metadata();
    c.created = r.time(u"created"_s);
    return finish(std::move(c), error);
}

Parsed<PaymentIntent> parsePaymentIntent(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"payment_intent"_s, &error);
    PaymentIntent p;
    r.expectType(u"payment_intent"_s);
    p.id = r.str(u"id"_s);
    const auto cur = r.currency();
    p.amount = r.money(u"amount"_s, cur);
    p.amountCapturable = Core::Money(r.optInt(u"amount_capturable"_s).value_or(0), cur);
    p.amountReceived = Core::Money(r.optInt(u"amount_received"_s).value_or(0), cur);
    p.status = r.str(u"status"_s);
    p.captureMethod = r.str(u"capture_method"_s);
    p.confirmationMethod = r.str(u"confirmation_method"_s);
    if (!r.present(u"payment_method_types"_s))
        r.fail(u"payment_method_types"_s, u"missing required field"_s);
    p.paymentMethodTypes = r.stringList(u"payment_method_types"_s);
    p.livemode = r.boolean(u"livemode"_s);
    p.latestCharge = r.optId(u"latest_charge"_s);
    p.paymentMethod = r.optId(u"payment_method"_s);
    p.customer = r.optId(u"customer"_s);
    p.description = r.optStr(u"description"_s);
    p.cancellationReason = r.optStr(u"cancellation_reason"_s);
    p.canceledAt = r.optTime(u"canceled_at"_s);
    p.transferGroup = r.optStr(u"transfer_group"_s);
    if (const auto err = r.optObject(u"last_payment_error"_s)) {
        Reader e = r.child(*err, u"last_payment_error"_s);
        PaymentError pe;
        pe.type = e.optStr(u"type"_s);
        pe.code = e.optStr(u"code"_s);
        pe.declineCode = e.optStr(u"decline_code"_s);
        pe.message = e.optStr(u"message"_s);
        p.lastPaymentError = pe;
    }
    p.metadata = r.metadata();
    p.created = r.time(u"created"_s);
    return finish(std::move(p), error);
}

Parsed<Refund> parseRefund(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"refund"_s, &error);
    Refund f;
    r.expectType(u"refund"_s);
    f.id = r.str(u"id"_s);
    f.amount = r.money(u"amount"_s, r.currency());
    f.charge = r.nullableId(u"charge"_s);
    f.paymentIntent = r.optId(u"payment_intent"_s);
    f.status = r.optStr(u"status"_s);
    f.reason = r.optStr(u"reason"_s);
    f.failureReason = r.optStr(u"failure_reason"_s);
    f.balanceTransaction = r.optId(u"balance_transaction"_s);
    f.failureBalanceTransaction = r.optId(u"failure_balance_transaction"_s);
    f.transferReversal = r.optId(u"transfer_reversal"_s);
    f.sourceTransferReversal = r.optId(u"source_transfer_reversal"_s);
    f.receiptNumber = r.optStr(u"receipt_number"_s);
    f.description = r.optStr(u"description"_s);
    f.metadata = r.metadata();
    f.created = r.time(u"created"_s);
    return finish(std::move(f), error);
}

Parsed<Dispute> parseDispute(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"dispute"_s, &error);
    Dispute d;
    r.expectType(u"dispute"_s);
    d.id = r.str(u"id"_s);
    d.amount = r.money(u"amount"_s, r.currency());
    d.charge = r.id(u"charge"_s);
    d.paymentIntent = r.optId(u"payment_intent"_s);
    d.reason = r.str(u"reason"_s);
    d.status = r.str(u"status"_s);
    d.isChargeRefundable = r.boolean(u"is_charge_refundable"_s);
    d.livemode = r.boolean(u"livemode"_s);

    const QJsonObject evidence = r.object(u"evidence"_s);
    if (r.ok()) {
        Reader e = r.child(evidence, u"evidence"_s);
        for (const QString& name : DisputeEvidence::textFields())
            if (auto v = e.optStr(name))
                d.evidence.fields.insert(name, *v);
        for (const QString& name : DisputeEvidence::fileFields())
            if (auto v = e.optId(name))
                d.evidence.fields.insert(name, *v);
    }
    const QJsonObject details = r.object(u"evidence_details"_s);
    if (r.ok()) {
        Reader e = r.child(details, u"evidence_details"_s);
        if (!e.present(u"due_by"_s))
            e.fail(u"due_by"_s, u"missing required field"_s);
        d.evidenceDetails.dueBy = e.optTime(u"due_by"_s, true);
        d.evidenceDetails.hasEvidence = e.boolean(u"has_evidence"_s);
        d.evidenceDetails.pastDue = e.boolean(u"past_due"_s);
        d.evidenceDetails.submissionCount = e.integer(u"submission_count"_s);
    }
    const QJsonArray bts = r.array(u"balance_transactions"_s, true);
    for (qsizetype i = 0; i < bts.size() && r.ok(); ++i) {
        const QString key = u"balance_transactions["_s % QString::number(i) % u']';
        if (!bts.at(i).isObject()) {
            r.fail(key, u"expected an object"_s);
            break;
        }
        Reader b = r.child(bts.at(i).toObject(), key);
        d.balanceTransactions.append(readBalanceTransaction(b));
    }
    d.metadata = r.metadata();
    d.created = r.time(u"created"_s);
    return finish(std::move(d), error);
}

Parsed<Account> parseAccount(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"account"_s, &error);
    Account a;
    r.expectType(u"account"_s);
    a.id = r.str(u"id"_s);
    a.type = r.optStr(u"type"_s);
    a.country = r.optStr(u"country"_s);
    a.defaultCurrency = r.optStr(u"default_currency"_s);
    a.email = r.optStr(u"email"_s);
    a.businessType = r.optStr(u"business_type"_s);
    a.chargesEnabled = r.optBool(u"charges_enabled"_s);
    a.payoutsEnabled = r.optBool(u"payouts_enabled"_s);
    a.detailsSubmitted = r.optBool(u"details_submitted"_s);
    if (const auto caps = r.optObject(u"capabilities"_s)) {
        Reader c = r.child(*caps, u"capabilities"_s);
        for (const QString& name : caps->keys())
            a.capabilities.insert(name, c.str(name));
    }
    if (const auto req = r.optObject(u"requirements"_s)) {
        Reader q = r.child(*req, u"requirements"_s);
        a.requirements = readRequirements(q);
    }
    if (const auto req = r.optObject(u"future_requirements"_s)) {
        Reader q = r.child(*req, u"future_requirements"_s);
        a.futureRequirements = readRequirements(q);
    }
    a.metadata = r.metadata();
    a.created = r.optTime(u"created"_s);
    return finish(std::move(a), error);
}

Parsed<AccountLink> parseAccountLink(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"account_link"_s, &error);
    AccountLink l;
    r.expectType(u"account_link"_s);
    l.url = r.str(u"url"_s);
    l.created = r.time(u"created"_s);
    l.expiresAt = r.time(u"expires_at"_s);
    return finish(std::move(l), error);
}

Parsed<TransferReversal> parseTransferReversal(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"transfer_reversal"_s, &error);
    auto v = readTransferReversal(r);
    return finish(std::move(v), error);
}

Parsed<Transfer> parseTransfer(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"transfer"_s, &error);
    Transfer t;
    r.expectType(u"transfer"_s);
    t.id = r.str(u"id"_s);
    const auto cur = r.currency();
    t.amount = r.money(u"amount"_s, cur);
    t.amountReversed = r.money(u"amount_reversed"_s, cur);
    t.reversed = r.boolean(u"reversed"_s);
    t.livemode = r.boolean(u"livemode"_s);
    t.destination = r.optId(u"destination"_s);
    t.destinationPayment = r.optId(u"destination_payment"_s);
    t.balanceTransaction = r.optId(u"balance_transaction"_s);
    t.sourceTransaction = r.optId(u"source_transaction"_s);
    t.sourceType = r.optStr(u"source_type"_s);
    t.transferGroup = r.optStr(u"transfer_group"_s);
    t.description = r.optStr(u"description"_s);
    const QJsonObject reversals = r.object(u"reversals"_s);
    if (r.ok()) {
        Reader l = r.child(reversals, u"reversals"_s);
        const QJsonArray data = l.array(u"data"_s, true);
        t.reversalsHasMore = l.boolean(u"has_more"_s);
        for (qsizetype i = 0; i < data.size() && l.ok(); ++i) {
            const QString key = u"data["_s % QString::number(i) % u']';
            if (!data.at(i).isObject()) {
                l.fail(key, u"expected an object"_s);
                break;
            }
            Reader rv = l.child(data.at(i).toObject(), key);
            t.reversals.append(readTransferReversal(rv));
        }
    }
    t.metadata = r.metadata();
    t.created = r.time(u"created"_s);
    return finish(std::move(t), error);
}

Parsed<Payout> parsePayout(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"payout"_s, &error);
    Payout p;
    r.expectType(u"payout"_s);
    p.id = r.str(u"id"_s);
    p.amount = r.money(u"amount"_s, r.currency());
    p.arrivalDate = r.time(u"arrival_date"_s);
    p.automatic = r.boolean(u"automatic"_s);
    p.livemode = r.boolean(u"livemode"_s);
    p.status = r.str(u"status"_s);
    p.type = r.str(u"type"_s);
    p.method = r.str(u"method"_s);
    p.reconciliationStatus = r.str(u"reconciliation_status"_s);
    p.sourceType = r.str(u"source_type"_s);
    p.destination = r.optId(u"destination"_s);
    p.failureCode = r.optStr(u"failure_code"_s);
    p.failureMessage = r.optStr(u"failure_message"_s);
    p.failureBalanceTransaction = r.optId(u"failure_balance_transaction"_s);
    p.balanceTransaction = r.optId(u"balance_transaction"_s);
    p.statementDescriptor = r.optStr(u"statement_descriptor"_s);
    p.description = r.optStr(u"description"_s);
    p.originalPayout = r.optId(u"original_payout"_s);
    p.reversedBy = r.optId(u"reversed_by"_s);
    p.metadata = r.metadata();
    p.created = r.time(u"created"_s);
    return finish(std::move(p), error);
}

Parsed<Balance> parseBalance(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"balance"_s, &error);
    Balance b;
    r.expectType(u"balance"_s);
    b.available = readBalanceAmounts(r, u"available"_s, true);
    b.pending = readBalanceAmounts(r, u"pending"_s, true);
    b.connectReserved = readBalanceAmounts(r, u"connect_reserved"_s, false);
    b.instantAvailable = readBalanceAmounts(r, u"instant_available"_s, false);
    b.livemode = r.boolean(u"livemode"_s);
    return finish(std::move(b), error);
}

Parsed<BalanceTransaction> parseBalanceTransaction(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"balance_transaction"_s, &error);
    auto t = readBalanceTransaction(r);
    return finish(std::move(t), error);
}

Parsed<Event> parseEvent(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"event"_s, &error);
    Event e;
    r.expectType(u"event"_s);
    e.id = r.str(u"id"_s);
    e.type = r.str(u"type"_s);
    e.created = r.time(u"created"_s);
    e.livemode = r.boolean(u"livemode"_s);
    e.pendingWebhooks = r.integer(u"pending_webhooks"_s);
    e.apiVersion = r.optStr(u"api_version"_s);
    e.account = r.optStr(u"account"_s);
    const QJsonObject data = r.object(u"data"_s);
    if (r.ok()) {
        Reader d = r.child(data, u"data"_s);
        e.object = d.object(u"object"_s);
        e.previousAttributes = d.optObject(u"previous_attributes"_s);
    }
    if (json.value("request"_L1).isString()) {
        // Before API version 2017-05-25 request was a plain id string.
        e.requestId = r.optStr(u"request"_s);
    } else if (const auto request = r.optObject(u"request"_s)) {
        Reader q = r.child(*request, u"request"_s);
        e.requestId = q.optStr(u"id"_s);
        e.requestIdempotencyKey = q.optStr(u"idempotency_key"_s);
    }
    return finish(std::move(e), error);
}

Parsed<File> parseFile(const QJsonObject& json)
{
    QString error;
    Reader r(json, u"file"_s, &error);
    File f;
    r.expectType(u"file"_s);
    f.id = r.str(u"id"_s);
    f.purpose = r.str(u"purpose"_s);
    f.size = r.integer(u"size"_s);
    f.filename = r.optStr(u"filename"_s);
    f.title = r.optStr(u"title"_s);
    f.type = r.optStr(u"type"_s);
    f.url = r.optStr(u"url"_s);
    f.expiresAt = r.optTime(u"expires_at"_s);
    f.created = r.time(u"created"_s);
    return finish(std::move(f), error);
}

} // namespace Bursar::Stripe
