// The Stripe resources of the emulator: routing of validated requests to handlers, and the handlers.
#include "Emulator.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Bursar::Emulator {

namespace {

const QSet<QString> kZeroDecimal{u"bif"_s, u"clp"_s, u"djf"_s, u"gnf"_s, u"jpy"_s, u"kmf"_s, u"krw"_s, u"mga"_s,
                                 u"pyg"_s, u"rwf"_s, u"vnd"_s, u"vuv"_s, u"xaf"_s, u"xof"_s, u"xpf"_s};
const QSet<QString> kThreeDecimal{u"bhd"_s, u"jod"_s, u"kwd"_s, u"omr"_s, u"tnd"_s};
const QSet<QString> kWholeAsTwoDecimal{u"isk"_s, u"ugx"_s};
const QSet<QString> kOtherCurrencies{
    u"usd"_s, u"eur"_s, u"gbp"_s, u"cad"_s, u"aud"_s, u"chf"_s, u"sek"_s, u"nok"_s, u"dkk"_s, u"nzd"_s,
    u"sgd"_s, u"hkd"_s, u"mxn"_s, u"brl"_s, u"pln"_s, u"czk"_s, u"huf"_s, u"ron"_s, u"bgn"_s, u"inr"_s,
    u"idr"_s, u"myr"_s, u"php"_s, u"thb"_s, u"twd"_s, u"ils"_s, u"zar"_s, u"aed"_s, u"sar"_s, u"try"_s};

bool knownCurrency(const QString& c)
{
    return kZeroDecimal.contains(c) || kThreeDecimal.contains(c) || kWholeAsTwoDecimal.contains(c)
        || kOtherCurrencies.contains(c);
}

int exponentOf(const QString& c)
{
    if (kZeroDecimal.contains(c))
        return 0;
    if (kThreeDecimal.contains(c))
        return 3;
    return 2;
}

qint64 minimumCharge(const QString& c)
{
    static const QHash<QString, qint64> table{{u"usd"_s, 50}, {u"eur"_s, 50}, {u"gbp"_s, 30}, {u"jpy"_s, 50},
                                              {u"cad"_s, 50}, {u"aud"_s, 50}, {u"chf"_s, 50}, {u"sek"_s, 300},
                                              {u"nok"_s, 300}, {u"dkk"_s, 250}, {u"mxn"_s, 1000},
                                              {u"isk"_s, 10000}, {u"ugx"_s, 100000}};
    if (table.contains(c))
        return table.value(c);
    switch (exponentOf(c)) {
    case 0: return 50;
    case 3: return 500;
    default: return 50;
    }
}

qint64 maximumAmount(const QString& c)
{
    if (c == "idr"_L1)
        return 999999999999LL;
    if (c == "inr"_L1)
        return 999999999LL;
    return 99999999LL;
}

// Emulator fee rule, the same as Bursar's default currency_settings (0001_core.sql): 2.9 % (rounded half up)
// + 30 minor units for two-decimal currencies, 2.9 % + 100 for three-decimal ones, 3.6 % + 0 for zero-decimal
// ones; the dispute fee is 15 major units in every currency.
qint64 cardFee(qint64 amount, const QString& c)
{
    switch (exponentOf(c)) {
    case 0: return (amount * 36 + 500) / 1000;
    case 3: return (amount * 29 + 500) / 1000 + 100;
    default: return (amount * 29 + 500) / 1000 + 30;
    }
}

qint64 disputeFee(const QString& c)
{
    switch (exponentOf(c)) {
    case 0: return 15;
    case 3: return 15000;
    default: return 1500;
    }
}

struct TestCard
{
    const char* key;
    const char* brand;
    const char* last4;
    const char* funding;
    const char* code;      // failure code ("" = succeeds)
    const char* decline;   // decline_code
    const char* message;
    const char* special;   // dispute | inquiry | refund_fail | bypass | ""
};

const TestCard kCards[] = {
    {"visa", "visa", "4242", "credit", "", "", "", ""},
    {"visa_debit", "visa", "5556", "debit", "", "", "", ""},
    {"mastercard", "mastercard", "4444", "credit", "", "", "", ""},
    {"amex", "amex", "8431", "credit", "", "", "", ""},
    {"chargeDeclined", "visa", "0002", "credit", "card_declined", "generic_decline", "Your card was declined.", ""},
    {"chargeDeclinedInsufficientFunds", "visa", "9995", "credit", "card_declined", "insufficient_funds",
     "Your card has insufficient funds.", ""},
    {"chargeDeclinedLostCard", "visa", "9987", "credit", "card_declined", "lost_card", "Your card was declined.", ""},
    {"chargeDeclinedStolenCard", "visa", "9979", "credit", "card_declined", "stolen_card",
     "Your card was declined.", ""},
    {"chargeDeclinedExpiredCard", "visa", "0069", "credit", "expired_card", "expired_card",
     "Your card has expired.", ""},
    {"chargeDeclinedIncorrectCvc", "visa", "0127", "credit", "incorrect_cvc", "incorrect_cvc",
     "Your card's security code is incorrect.", ""},
    {"chargeDeclinedProcessingError", "visa", "0119", "credit", "processing_error", "processing_error",
     "An error occurred while processing your card. Try again in a little bit.", ""},
    {"createDispute", "visa", "0259", "credit", "", "", "", "dispute"},
    {"createDisputeInquiry", "visa", "1976", "credit", "", "", "", "inquiry"},
    {"refundFail", "visa", "5126", "credit", "", "", "", "refund_fail"},
    {"bypassPending", "visa", "0077", "credit", "", "", "", "bypass"},
};

const TestCard* cardByKey(const QString& key)
{
    for (const TestCard& c : kCards)
        if (key == QLatin1StringView(c.key))
            return &c;
    return nullptr;
}

const TestCard* cardByLast4(const QString& last4)
{
    for (const TestCard& c : kCards)
        if (last4 == QLatin1StringView(c.last4))
            return &c;
    return nullptr;
}

QJsonValue str(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString formatAmount(qint64 amount, const QString& currency)
{
    const int e = exponentOf(currency);
    if (e == 0)
        return QString::number(amount) + u' ' + currency;
    qint64 div = 1;
    for (int i = 0; i < e; ++i)
        div *= 10;
    return QString::number(amount / div) + u'.' + QString::number(amount % div).rightJustified(e, u'0') + u' '
        + currency;
}

// Dotted paths of every leaf in a params object: individual[dob][day] -> individual.dob.day.
void leafPaths(const QJsonValue& v, const QString& prefix, QStringList* out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            leafPaths(it.value(), prefix.isEmpty() ? it.key() : prefix + u'.' + it.key(), out);
        if (o.isEmpty())
            out->append(prefix);
        return;
    }
    out->append(prefix);
}

QJsonObject deepMerge(QJsonObject base, const QJsonObject& patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!base.contains(it.key()))
            continue; // keep the response shape: only known fields
        if (it.value().isObject() && base.value(it.key()).isObject())
            base.insert(it.key(), deepMerge(base.value(it.key()).toObject(), it.value().toObject()));
        else if (!it.value().isObject())
            base.insert(it.key(), it.value().isString() && it.value().toString().isEmpty()
                                      ? QJsonValue(QJsonValue::Null)
                                      : it.value());
    }
    return base;
}

QJsonObject changedAttributes(const QJsonObject& before, const QJsonObject& after)
{
    QJsonObject prev;
    for (auto it = after.begin(); it != after.end(); ++it)
        if (before.value(it.key()) != it.value())
            prev.insert(it.key(), before.contains(it.key()) ? before.value(it.key()) : QJsonValue(QJsonValue::Null));
    return prev;
}

const QStringList kBaseRequirements{u"business_profile.mcc"_s,     u"business_profile.url"_s,
                                    u"external_account"_s,         u"individual.dob.day"_s,
                                    u"individual.dob.month"_s,     u"individual.dob.year"_s,
                                    u"individual.first_name"_s,    u"individual.last_name"_s,
                                    u"individual.ssn_last_4"_s,    u"tos_acceptance.date"_s,
                                    u"tos_acceptance.ip"_s};

const QStringList kDisabledReasons{u"requirements.past_due"_s, u"requirements.pending_verification"_s,
                                   u"listed"_s,        u"platform_paused"_s,
                                   u"rejected.fraud"_s, u"rejected.listed"_s,
                                   u"rejected.terms_of_service"_s, u"rejected.other"_s,
                                   u"under_review"_s,  u"other"_s};

// Dispute evidence fields that take a file id (the others are text).
const QStringList kEvidenceFileFields{u"cancellation_policy"_s,       u"customer_communication"_s,
                                      u"customer_signature"_s,        u"duplicate_charge_documentation"_s,
                                      u"receipt"_s,                   u"refund_policy"_s,
                                      u"service_documentation"_s,     u"shipping_documentation"_s,
                                      u"uncategorized_file"_s};

// File purposes: accepted formats, size limit, expiry and whether the file can be downloaded / linked
// (Stripe's file upload guide, 2023; the terminal splash screen's size limit is an emulator assumption).
struct FilePurpose
{
    const char* purpose;
    const char* types;      // space-separated `type` values accepted
    qint64 maxBytes;
    qint64 expirySeconds;   // 0 = never
    bool downloadable;
};
constexpr qint64 kMiB = 1024 * 1024;
const FilePurpose kFilePurposes[] = {
    {"account_requirement", "pdf jpg png", 16 * kMiB, 0, false},
    {"additional_verification", "pdf jpg png", 16 * kMiB, 0, false},
    {"business_icon", "jpg png gif", 512 * 1024, 0, true},
    {"business_logo", "jpg png gif", 512 * 1024, 0, true},
    {"customer_signature", "jpg png svg", 4 * kMiB, 7 * 86400, true},
    {"dispute_evidence", "pdf jpg png", 5 * kMiB, 274 * 86400, true},
    {"identity_document", "pdf jpg png", 16 * kMiB, 0, false},
    {"pci_document", "pdf", 16 * kMiB, 0, true},
    {"tax_document_user_upload", "pdf csv jpg png xlsx docx", 16 * kMiB, 0, true},
    {"terminal_reader_splashscreen", "png jpg gif", 16 * kMiB, 0, true},
};

const FilePurpose* filePurpose(const QString& purpose)
{
    for (const FilePurpose& f : kFilePurposes)
        if (purpose == QLatin1StringView(f.purpose))
            return &f;
    return nullptr;
}

// The file's format from its first bytes, then its name and declared content type.
QString detectFileType(const QByteArray& data, const QString& fileName, const QByteArray& contentType)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return u"png"_s;
    if (data.startsWith("\xff\xd8\xff"))
        return u"jpg"_s;
    if (data.startsWith("%PDF-"))
        return u"pdf"_s;
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return u"gif"_s;
    const QByteArray head = data.left(1024).trimmed().toLower();
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg")))
        return u"svg"_s;
    const QString ext = fileName.section(u'.', -1).toLower();
    if (data.startsWith("PK\x03\x04") && (ext == "xlsx"_L1 || ext == "docx"_L1))
        return ext;
    if (ext == "csv"_L1 || contentType.startsWith("text/csv"))
        return u"csv"_s;
    return QString();
}

QString payoutFailureMessage(const QString& code)
{
    static const QHash<QString, QString> messages{
        {u"account_closed"_s, u"The bank account has been closed."_s},
        {u"account_frozen"_s, u"The bank account has been frozen."_s},
        {u"bank_account_restricted"_s, u"The bank account has restrictions on either the type, or the number, of "
                                        u"payouts allowed."_s},
        {u"bank_ownership_changed"_s, u"The destination bank account is no longer valid because its branch has "
                                      u"changed ownership."_s},
        {u"could_not_process"_s, u"The bank could not process this payout."_s},
        {u"debit_not_authorized"_s, u"Debit transactions are not approved on the bank account."_s},
        {u"declined"_s, u"The bank has declined this transfer."_s},
        {u"incorrect_account_holder_address"_s, u"The bank notified us that the bank account holder address on "
                                                 u"file is incorrect."_s},
        {u"incorrect_account_holder_name"_s, u"The bank notified us that the bank account holder name on file is "
                                             u"incorrect."_s},
        {u"incorrect_account_holder_tax_id"_s, u"The bank notified us that the bank account holder tax ID on file "
                                               u"is incorrect."_s},
        {u"insufficient_funds"_s, u"Your Stripe account has insufficient funds to cover the payout."_s},
        {u"invalid_account_number"_s, u"The routing number seems correct, but the account number is invalid."_s},
        {u"invalid_currency"_s, u"The bank was unable to process this payout because of its currency."_s},
        {u"no_account"_s, u"The bank account details on file are probably incorrect. No bank account could be "
                          u"located with those details."_s},
        {u"unsupported_card"_s, u"The bank no longer supports payouts to this card."_s}};
    return messages.value(code, u"The payout failed."_s);
}

const QStringList kPayoutFailureCodes{u"account_closed"_s, u"account_frozen"_s, u"bank_account_restricted"_s,
                                      u"bank_ownership_changed"_s, u"could_not_process"_s,
                                      u"debit_not_authorized"_s, u"declined"_s,
                                      u"incorrect_account_holder_address"_s, u"incorrect_account_holder_name"_s,
                                      u"incorrect_account_holder_tax_id"_s, u"insufficient_funds"_s,
                                      u"invalid_account_number"_s, u"invalid_currency"_s, u"no_account"_s,
                                      u"unsupported_card"_s};

QString defaultCurrencyFor(const QString& country)
{
    static const QHash<QString, QString> table{{u"US"_s, u"usd"_s}, {u"GB"_s, u"gbp"_s}, {u"JP"_s, u"jpy"_s},
                                               {u"CA"_s, u"cad"_s}, {u"AU"_s, u"aud"_s}, {u"CH"_s, u"chf"_s},
                                               {u"SE"_s, u"sek"_s}, {u"NO"_s, u"nok"_s}, {u"DK"_s, u"dkk"_s},
                                               {u"NZ"_s, u"nzd"_s}, {u"SG"_s, u"sgd"_s}, {u"HK"_s, u"hkd"_s},
                                               {u"MX"_s, u"mxn"_s}, {u"BR"_s, u"brl"_s}, {u"PL"_s, u"pln"_s}};
    return table.value(country, u"eur"_s);
}

} // namespace

bool isPayoutFailureCode(const QString& code)
{
    return kPayoutFailureCodes.contains(code);
}

// ---------------------------------------------------------------------------------------------
// Helpers

std::optional<ApiResponse> Emulator::checkAmount(qint64 amount, const QString& currency, const QString& param,
                                                 bool checkMinimum) const
{
    if (amount <= 0)
        return error(400, u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                     u"This value must be greater than or equal to 1."_s, param);
    if (checkMinimum && amount < minimumCharge(currency))
        return error(400, u"invalid_request_error"_s, u"amount_too_small"_s,
                     u"Amount must be at least "_s + formatAmount(minimumCharge(currency), currency), param);
    if (amount > maximumAmount(currency))
        return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                     u"Amount must be no more than "_s + formatAmount(maximumAmount(currency), currency), param);
    if (kThreeDecimal.contains(currency) && amount % 10 != 0)
        return error(400, u"invalid_request_error"_s, u"invalid_amount"_s,
                     u"Amounts in "_s + currency.toUpper()
                         + u" must be a multiple of 10 (the last decimal digit must be 0)."_s,
                     param);
    if (kWholeAsTwoDecimal.contains(currency) && amount % 100 != 0)
        return error(400, u"invalid_request_error"_s, u"invalid_amount"_s,
                     u"Amounts in "_s + currency.toUpper() + u" must be whole units (a multiple of 100)."_s, param);
    return std::nullopt;
}

std::optional<ApiResponse> Emulator::checkMetadata(const ApiContext& ctx) const
{
    const QJsonValue md = ctx.params.value("metadata"_L1);
    if (!md.isObject())
        return std::nullopt;
    const QJsonObject o = md.toObject();
    if (o.size() > 50)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"You can only specify up to 50 keys in metadata."_s, u"metadata"_s);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().size() > 40)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"Metadata keys can have a maximum length of 40 characters."_s,
                         u"metadata["_s + it.key() + u']');
        if (it.key().contains(u'[') || it.key().contains(u']'))
            return error(400, u"invalid_request_error"_s, QString(),
                         u"Metadata keys may not contain '[' or ']'."_s, u"metadata["_s + it.key() + u']');
        if (it.value().toString().size() > 500)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"Metadata values can have a maximum length of 500 characters."_s,
                         u"metadata["_s + it.key() + u']');
    }
    return std::nullopt;
}

QJsonObject Emulator::mergedMetadata(const QJsonObject& current, const ApiContext& ctx) const
{
    if (!ctx.params.contains("metadata"_L1))
        return current;
    const QJsonValue md = ctx.params.value("metadata"_L1);
    if (!md.isObject())
        return QJsonObject(); // metadata= clears everything
    QJsonObject out = current;
    const QJsonObject o = md.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().toString().isEmpty())
            out.remove(it.key());
        else
            out.insert(it.key(), it.value().toString());
    }
    return out;
}

QJsonObject Emulator::createBalanceTransaction(qint64 amount, qint64 fee, const QString& currency,
                                               const QString& type, const QString& category,
                                               const QString& source, const QString& description,
                                               const QString& owner, qint64 availableOn)
{
    QJsonArray feeDetails;
    if (fee != 0)
        feeDetails.append(QJsonObject{{u"amount"_s, fee},
                                      {u"application"_s, QJsonValue(QJsonValue::Null)},
                                      {u"currency"_s, currency},
                                      {u"description"_s, u"Stripe processing fees"_s},
                                      {u"type"_s, u"stripe_fee"_s}});
    const bool available = availableOn <= now();
    QJsonObject bt{{u"id"_s, newId(u"txn_"_s)},
                   {u"object"_s, u"balance_transaction"_s},
                   {u"amount"_s, amount},
                   {u"available_on"_s, availableOn},
                   {u"created"_s, now()},
                   {u"currency"_s, currency},
                   {u"description"_s, str(description)},
                   {u"exchange_rate"_s, QJsonValue(QJsonValue::Null)},
                   {u"fee"_s, fee},
                   {u"fee_details"_s, feeDetails},
                   {u"net"_s, amount - fee},
                   {u"reporting_category"_s, category},
                   {u"source"_s, str(source)},
                   {u"status"_s, available ? u"available"_s : u"pending"_s},
                   {u"type"_s, type}};
    put(u"balance_transaction"_s, bt, owner);
    if (!available)
        schedule(availableOn, u"bt"_s, bt.value("id"_L1).toString());
    return bt;
}

qint64 Emulator::availableBalance(const QString& owner, const QString& currency) const
{
    qint64 sum = 0;
    const QStringList ids = m_order.value(u"balance_transaction"_s);
    for (const QString& id : ids) {
        if (m_owner.value(id) != owner)
            continue;
        const QJsonObject bt = m_objects.value(id);
        if (bt.value("currency"_L1).toString() == currency && bt.value("status"_L1).toString() == "available"_L1)
            sum += bt.value("net"_L1).toInteger();
    }
    return sum;
}

QString Emulator::resolveCard(const QString& pm) const
{
    QString key;
    if (pm.startsWith("pm_card_"_L1))
        key = pm.mid(8);
    else if (pm.startsWith("tok_"_L1))
        key = pm.mid(4);
    else
        return m_pmCards.value(pm);
    return cardByKey(key) ? key : QString();
}

QString Emulator::disputeForCharge(const QString& chargeId) const
{
    const QStringList ids = m_order.value(u"dispute"_s);
    for (qsizetype i = ids.size() - 1; i >= 0; --i)
        if (m_objects.value(ids.at(i)).value("charge"_L1).toString() == chargeId)
            return ids.at(i);
    return QString();
}

// ---------------------------------------------------------------------------------------------
// Routing

ApiResponse Emulator::dispatch(const ApiContext& ctx)
{
    const QString& t = ctx.templ;
    const QString& m = ctx.method;
    const QJsonObject& p = ctx.params;
    auto param = [&](const char* name) { return p.value(QLatin1StringView(name)).toString(); };
    auto retrieve = [&](const QString& type, const QString& label, const QString& id) -> ApiResponse {
        if (!visible(id, type, ctx.account))
            return notFound(label, id);
        return objectResponse(ctx, get(id));
    };
    auto pathId = [&](const char* name) { return ctx.pathParams.value(QLatin1StringView(name)); };
    auto eq = [&](const QJsonObject& o, const char* field, const char* paramName) {
        const QString want = param(paramName);
        return want.isEmpty() || o.value(QLatin1StringView(field)).toString() == want;
    };

    if (t == "/v1/charges"_L1) {
        if (m == "POST"_L1)
            return createCharge(ctx);
        return list(ctx, u"charge"_s, u"/v1/charges"_s, [&](const QJsonObject& o) {
            return eq(o, "payment_intent", "payment_intent") && eq(o, "transfer_group", "transfer_group")
                && eq(o, "customer", "customer");
        });
    }
    if (t == "/v1/charges/{charge}"_L1)
        return m == "POST"_L1 ? updateCharge(ctx) : retrieve(u"charge"_s, u"charge"_s, pathId("charge"));
    if (t == "/v1/payment_intents"_L1) {
        if (m == "POST"_L1)
            return createPaymentIntent(ctx);
        return list(ctx, u"payment_intent"_s, u"/v1/payment_intents"_s,
                    [&](const QJsonObject& o) { return eq(o, "customer", "customer"); });
    }
    if (t == "/v1/payment_intents/{intent}"_L1)
        return m == "POST"_L1 ? updatePaymentIntent(ctx)
                              : retrieve(u"payment_intent"_s, u"payment_intent"_s, pathId("intent"));
    if (t == "/v1/payment_intents/{intent}/capture"_L1)
        return capturePaymentIntent(ctx);
    if (t == "/v1/payment_intents/{intent}/cancel"_L1)
        return cancelPaymentIntent(ctx);
    if (t == "/v1/refunds"_L1) {
        if (m == "POST"_L1)
            return createRefund(ctx);
        return list(ctx, u"refund"_s, u"/v1/refunds"_s, [&](const QJsonObject& o) {
            return eq(o, "charge", "charge") && eq(o, "payment_intent", "payment_intent");
        });
    }
    if (t == "/v1/refunds/{refund}"_L1)
        return m == "POST"_L1 ? updateRefund(ctx) : retrieve(u"refund"_s, u"refund"_s, pathId("refund"));
    if (t == "/v1/refunds/{refund}/cancel"_L1)
        return cancelRefund(ctx);
    if (t == "/v1/disputes"_L1)
        return list(ctx, u"dispute"_s, u"/v1/disputes"_s, [&](const QJsonObject& o) {
            return eq(o, "charge", "charge") && eq(o, "payment_intent", "payment_intent");
        });
    if (t == "/v1/disputes/{dispute}"_L1)
        return m == "POST"_L1 ? updateDispute(ctx) : retrieve(u"dispute"_s, u"dispute"_s, pathId("dispute"));
    if (t == "/v1/disputes/{dispute}/close"_L1)
        return closeDispute(ctx);
    if (t == "/v1/accounts"_L1) {
        if (m == "POST"_L1)
            return createAccount(ctx);
        return list(ctx, u"account"_s, u"/v1/accounts"_s, nullptr);
    }
    if (t == "/v1/accounts/{account}"_L1) {
        if (m == "POST"_L1)
            return updateAccount(ctx);
        if (m == "DELETE"_L1)
            return deleteAccount(ctx);
        return retrieve(u"account"_s, u"account"_s, pathId("account"));
    }
    if (t == "/v1/account_links"_L1)
        return createAccountLink(ctx);
    if (t == "/v1/transfers"_L1) {
        if (m == "POST"_L1)
            return createTransfer(ctx);
        return list(ctx, u"transfer"_s, u"/v1/transfers"_s, [&](const QJsonObject& o) {
            return eq(o, "destination", "destination") && eq(o, "transfer_group", "transfer_group");
        });
    }
    if (t == "/v1/transfers/{transfer}"_L1)
        return m == "POST"_L1 ? updateTransfer(ctx) : retrieve(u"transfer"_s, u"transfer"_s, pathId("transfer"));
    if (t == "/v1/transfers/{id}/reversals"_L1) {
        if (m == "POST"_L1)
            return createReversal(ctx);
        const QString tr = pathId("id");
        if (!visible(tr, u"transfer"_s, ctx.account))
            return notFound(u"transfer"_s, tr);
        return list(ctx, u"transfer_reversal"_s, u"/v1/transfers/"_s + tr + u"/reversals"_s,
                    [&](const QJsonObject& o) { return o.value("transfer"_L1).toString() == tr; });
    }
    if (t == "/v1/transfers/{transfer}/reversals/{id}"_L1) {
        const QString tr = pathId("transfer");
        const QString id = pathId("id");
        if (!visible(id, u"transfer_reversal"_s, ctx.account) || get(id).value("transfer"_L1).toString() != tr)
            return notFound(u"transfer_reversal"_s, id);
        return m == "POST"_L1 ? updateReversal(ctx) : objectResponse(ctx, get(id));
    }
    if (t == "/v1/payouts"_L1) {
        if (m == "POST"_L1)
            return createPayout(ctx);
        return list(ctx, u"payout"_s, u"/v1/payouts"_s, [&](const QJsonObject& o) {
            return eq(o, "status", "status") && eq(o, "destination", "destination");
        });
    }
    if (t == "/v1/payouts/{payout}"_L1)
        return m == "POST"_L1 ? updatePayout(ctx) : retrieve(u"payout"_s, u"payout"_s, pathId("payout"));
    if (t == "/v1/payouts/{payout}/cancel"_L1)
        return cancelPayout(ctx);
    if (t == "/v1/balance"_L1)
        return balance(ctx);
    if (t == "/v1/balance_transactions"_L1)
        return list(ctx, u"balance_transaction"_s, u"/v1/balance_transactions"_s, [&](const QJsonObject& o) {
            return eq(o, "currency", "currency") && eq(o, "type", "type") && eq(o, "source", "source");
        });
    if (t == "/v1/balance_transactions/{id}"_L1)
        return retrieve(u"balance_transaction"_s, u"balance transaction"_s, pathId("id"));
    if (t == "/v1/events"_L1) {
        const QString type = param("type");
        const QJsonArray types = p.value("types"_L1).toArray();
        if (!type.isEmpty() && !types.isEmpty())
            return error(400, u"invalid_request_error"_s, QString(),
                         u"You may only specify one of these parameters: type, types."_s, u"types"_s);
        if (types.size() > 20)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"You may pass at most 20 types."_s, u"types"_s);
        auto typeMatches = [](const QString& pattern, const QString& value) {
            if (pattern.endsWith(u'*'))
                return value.startsWith(pattern.left(pattern.size() - 1));
            return pattern == value;
        };
        return list(ctx, u"event"_s, u"/v1/events"_s, [&](const QJsonObject& o) {
            const QString et = o.value("type"_L1).toString();
            if (!type.isEmpty() && !typeMatches(type, et))
                return false;
            if (!types.isEmpty()) {
                for (const QJsonValue& v : types)
                    if (typeMatches(v.toString(), et))
                        return true;
                return false;
            }
            return true;
        });
    }
    if (t == "/v1/events/{id}"_L1)
        return retrieve(u"event"_s, u"event"_s, pathId("id"));
    if (t == "/v1/files"_L1 && m == "POST"_L1)
        return createFile(ctx);
    if (t == "/v1/files"_L1)
        return list(ctx, u"file"_s, u"/v1/files"_s,
                    [&](const QJsonObject& o) { return eq(o, "purpose", "purpose"); });
    return error(404, u"invalid_request_error"_s, QString(),
                 u"Unrecognized request URL ("_s + m + u": "_s + ctx.path + u")."_s);
}

// ---------------------------------------------------------------------------------------------
// Charges and payment intents

QJsonObject Emulator::makeCharge(const ApiContext& ctx, qint64 amount, const QString& currency,
                                 const QString& cardKey, const QString& paymentMethodId, bool capture,
                                 const QString& paymentIntent)
{
    const TestCard* card = cardByKey(cardKey);
    if (!card)
        card = cardByKey(u"visa"_s);
    const bool failed = *card->code != '\0';
    const QString special = QString::fromLatin1(card->special);
    QJsonObject ch = fixture(u"charge"_s);
    const QString id = newId(u"ch_"_s);
    ch.remove(u"refunds"_s); // not included since API version 2022-11-15 unless expanded
    ch.insert(u"id"_s, id);
    ch.insert(u"amount"_s, amount);
    ch.insert(u"amount_captured"_s, failed || !capture ? 0 : amount);
    ch.insert(u"amount_refunded"_s, 0);
    ch.insert(u"application_fee_amount"_s, ctx.params.contains("application_fee_amount"_L1)
                                               ? ctx.params.value("application_fee_amount"_L1)
                                               : QJsonValue(QJsonValue::Null));
    ch.insert(u"balance_transaction"_s, QJsonValue(QJsonValue::Null));
    ch.insert(u"billing_details"_s, QJsonObject{{u"address"_s, QJsonObject{{u"city"_s, QJsonValue::Null},
                                                                            {u"country"_s, QJsonValue::Null},
                                                                            {u"line1"_s, QJsonValue::Null},
                                                                            {u"line2"_s, QJsonValue::Null},
                                                                            {u"postal_code"_s, QJsonValue::Null},
                                                                            {u"state"_s, QJsonValue::Null}}},
                                                {u"email"_s, QJsonValue::Null},
                                                {u"name"_s, QJsonValue::Null},
                                                {u"phone"_s, QJsonValue::Null}});
    ch.insert(u"calculated_statement_descriptor"_s, u"BURSAR"_s);
    ch.insert(u"captured"_s, !failed && capture);
    ch.insert(u"created"_s, now());
    ch.insert(u"currency"_s, currency);
    ch.insert(u"customer"_s, str(ctx.params.value("customer"_L1).toString()));
    ch.insert(u"description"_s, str(ctx.params.value("description"_L1).toString()));
    ch.insert(u"disputed"_s, false);
    ch.insert(u"failure_code"_s, failed ? QJsonValue(QString::fromLatin1(card->code)) : QJsonValue());
    ch.insert(u"failure_message"_s, failed ? QJsonValue(QString::fromLatin1(card->message)) : QJsonValue());
    ch.insert(u"fraud_details"_s, QJsonObject());
    ch.insert(u"livemode"_s, false);
    ch.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    ch.insert(u"outcome"_s,
              failed ? QJsonObject{{u"network_status"_s, u"declined_by_network"_s},
                                   {u"reason"_s, QString::fromLatin1(card->decline)},
                                   {u"risk_level"_s, u"normal"_s},
                                   {u"risk_score"_s, 40},
                                   {u"seller_message"_s,
                                    u"The bank did not return any further details with this decline."_s},
                                   {u"type"_s, u"issuer_declined"_s}}
                     : QJsonObject{{u"network_status"_s, u"approved_by_network"_s},
                                   {u"reason"_s, QJsonValue::Null},
                                   {u"risk_level"_s, u"normal"_s},
                                   {u"risk_score"_s, 32},
                                   {u"seller_message"_s, u"Payment complete."_s},
                                   {u"type"_s, u"authorized"_s}});
    ch.insert(u"paid"_s, !failed);
    ch.insert(u"payment_intent"_s, str(paymentIntent));
    ch.insert(u"payment_method"_s, paymentMethodId);
    QJsonObject details = fixture(u"charge"_s).value("payment_method_details"_L1).toObject();
    QJsonObject cardDetails = details.value("card"_L1).toObject();
    cardDetails.insert(u"brand"_s, QString::fromLatin1(card->brand));
    cardDetails.insert(u"network"_s, QString::fromLatin1(card->brand));
    cardDetails.insert(u"last4"_s, QString::fromLatin1(card->last4));
    cardDetails.insert(u"funding"_s, QString::fromLatin1(card->funding));
    cardDetails.insert(u"exp_year"_s, 2034);
    cardDetails.insert(u"fingerprint"_s, QString(u"emu"_s + QString::fromLatin1(card->last4) + u"Fp"_s));
    details.insert(u"card"_s, cardDetails);
    ch.insert(u"payment_method_details"_s, details);
    ch.insert(u"receipt_email"_s, str(ctx.params.value("receipt_email"_L1).toString()));
    ch.insert(u"receipt_url"_s, QString(u"https://pay.stripe.com/receipts/payment/emulator_"_s + id));
    ch.insert(u"refunded"_s, false);
    ch.insert(u"status"_s, failed ? u"failed"_s : u"succeeded"_s);
    ch.insert(u"transfer_data"_s, QJsonValue::Null);
    ch.insert(u"transfer_group"_s, str(ctx.params.value("transfer_group"_L1).toString()));
    ch.insert(u"statement_descriptor"_s, str(ctx.params.value("statement_descriptor"_L1).toString()));
    ch.insert(u"statement_descriptor_suffix"_s,
              str(ctx.params.value("statement_descriptor_suffix"_L1).toString()));
    ch.insert(u"on_behalf_of"_s, str(ctx.params.value("on_behalf_of"_L1).toString()));
    if (!failed && capture) {
        const qint64 availableOn = special == "bypass"_L1 ? now() : now() + m_config.availableDelay;
        const QJsonObject bt = createBalanceTransaction(amount, cardFee(amount, currency), currency, u"charge"_s,
                                                        u"charge"_s, id, ch.value("description"_L1).toString(),
                                                        ctx.account, availableOn);
        ch.insert(u"balance_transaction"_s, bt.value("id"_L1));
    }
    put(u"charge"_s, ch, ctx.account);
    emitEvent(failed ? u"charge.failed"_s : u"charge.succeeded"_s, ch, {}, ctx.account, &ctx);
    if (!failed && capture) {
        if (special == "dispute"_L1)
            schedule(now(), u"dispute_create"_s, id); // "shortly after": before the next request is served
        else if (special == "inquiry"_L1)
            schedule(now(), u"inquiry_create"_s, id);
    }
    return ch;
}

ApiResponse Emulator::createCharge(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    if (!p.contains("amount"_L1))
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s, u"Missing required param: amount."_s,
                     u"amount"_s);
    if (!p.contains("currency"_L1))
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s,
                     u"Missing required param: currency."_s, u"currency"_s);
    const QString currency = p.value("currency"_L1).toString().toLower();
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency, u"currency"_s);
    const qint64 amount = p.value("amount"_L1).toInteger();
    if (auto e = checkAmount(amount, currency, u"amount"_s, true))
        return *e;
    const QString source = p.value("source"_L1).toString();
    if (source.isEmpty()) {
        if (!p.value("customer"_L1).toString().isEmpty())
            return notFound(u"customer"_s, p.value("customer"_L1).toString(), u"customer"_s);
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s,
                     u"Must provide source or customer."_s, u"source"_s);
    }
    const QString cardKey = resolveCard(source);
    if (cardKey.isEmpty())
        return error(400, u"invalid_request_error"_s, u"resource_missing"_s,
                     u"No such token: '"_s + source + u"'"_s, u"source"_s);
    const bool capture = !p.contains("capture"_L1) || p.value("capture"_L1).toBool();
    const QString cardId = newId(u"card_"_s);
    const QJsonObject ch = makeCharge(ctx, amount, currency, cardKey, cardId, capture, QString());
    if (ch.value("status"_L1).toString() == "failed"_L1) {
        ApiResponse r = error(402, u"card_error"_s, ch.value("failure_code"_L1).toString(),
                              ch.value("failure_message"_L1).toString());
        QJsonObject e = r.body.value("error"_L1).toObject();
        e.insert(u"charge"_s, ch.value("id"_L1));
        e.insert(u"decline_code"_s, ch.value("outcome"_L1).toObject().value("reason"_L1));
        r.body.insert(u"error"_s, e);
        return r;
    }
    return objectResponse(ctx, ch);
}

ApiResponse Emulator::updateCharge(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"charge"_s);
    if (!visible(id, u"charge"_s, ctx.account))
        return notFound(u"charge"_s, id);
    const QJsonObject before = get(id);
    QJsonObject ch = before;
    const QJsonObject& p = ctx.params;
    for (const char* f : {"description", "receipt_email", "transfer_group"})
        if (p.contains(QLatin1StringView(f)))
            ch.insert(QLatin1StringView(f), str(p.value(QLatin1StringView(f)).toString()));
    if (p.contains("fraud_details"_L1) && p.value("fraud_details"_L1).isObject())
        ch.insert(u"fraud_details"_s, p.value("fraud_details"_L1));
    ch.insert(u"metadata"_s, mergedMetadata(ch.value("metadata"_L1).toObject(), ctx));
    update(ch);
    const QJsonObject prev = changedAttributes(before, ch);
    if (!prev.isEmpty())
        emitEvent(u"charge.updated"_s, ch, prev, ownerOf(id), &ctx);
    return objectResponse(ctx, ch);
}

ApiResponse Emulator::createPaymentIntent(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    const QString currency = p.value("currency"_L1).toString().toLower();
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency, u"currency"_s);
    const qint64 amount = p.value("amount"_L1).toInteger();
    if (auto e = checkAmount(amount, currency, u"amount"_s, true))
        return *e;
    const QString pm = p.value("payment_method"_L1).toString();
    QString cardKey;
    if (!pm.isEmpty()) {
        cardKey = resolveCard(pm);
        if (cardKey.isEmpty())
            return notFound(u"PaymentMethod"_s, pm, u"payment_method"_s);
    }
    const bool confirm = p.value("confirm"_L1).toBool();
    if (confirm && pm.isEmpty())
        return error(400, u"invalid_request_error"_s, u"payment_intent_unexpected_state"_s,
                     u"You cannot confirm this PaymentIntent because it's missing a payment method. You can "
                     u"either update the PaymentIntent with a payment method and then confirm it again, or "
                     u"confirm it again directly with a payment method."_s);
    const QString captureMethod = p.contains("capture_method"_L1) ? p.value("capture_method"_L1).toString()
                                                                   : u"automatic"_s;
    QJsonObject pi = fixture(u"payment_intent"_s);
    const QString id = newId(u"pi_"_s);
    QString pmId;
    if (!pm.isEmpty()) {
        pmId = pm.startsWith("pm_card_"_L1) || pm.startsWith("tok_"_L1) ? newId(u"pm_"_s) : pm;
        m_pmCards.insert(pmId, cardKey);
    }
    pi.insert(u"id"_s, id);
    pi.insert(u"amount"_s, amount);
    pi.insert(u"amount_capturable"_s, 0);
    pi.insert(u"amount_received"_s, 0);
    pi.insert(u"application_fee_amount"_s, p.contains("application_fee_amount"_L1)
                                               ? p.value("application_fee_amount"_L1)
                                               : QJsonValue(QJsonValue::Null));
    pi.insert(u"canceled_at"_s, QJsonValue::Null);
    pi.insert(u"cancellation_reason"_s, QJsonValue::Null);
    pi.insert(u"capture_method"_s, captureMethod);
    pi.insert(u"client_secret"_s, QString(id + u"_secret_"_s + newId(QString(), 25)));
    pi.insert(u"confirmation_method"_s,
              p.contains("confirmation_method"_L1) ? p.value("confirmation_method"_L1).toString() : u"automatic"_s);
    pi.insert(u"created"_s, now());
    pi.insert(u"currency"_s, currency);
    pi.insert(u"customer"_s, str(p.value("customer"_L1).toString()));
    pi.insert(u"description"_s, str(p.value("description"_L1).toString()));
    pi.insert(u"livemode"_s, false);
    pi.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    pi.insert(u"on_behalf_of"_s, str(p.value("on_behalf_of"_L1).toString()));
    pi.insert(u"payment_method"_s, str(pmId));
    pi.insert(u"receipt_email"_s, str(p.value("receipt_email"_L1).toString()));
    pi.insert(u"statement_descriptor"_s, str(p.value("statement_descriptor"_L1).toString()));
    pi.insert(u"statement_descriptor_suffix"_s, str(p.value("statement_descriptor_suffix"_L1).toString()));
    pi.insert(u"transfer_group"_s, str(p.value("transfer_group"_L1).toString()));
    pi.insert(u"status"_s, pm.isEmpty() ? u"requires_payment_method"_s : u"requires_confirmation"_s);
    QJsonArray types;
    const QJsonArray requested = p.value("payment_method_types"_L1).toArray();
    for (const QJsonValue& v : requested)
        types.append(v);
    if (types.isEmpty())
        types.append(u"card"_s);
    pi.insert(u"payment_method_types"_s, types);
    put(u"payment_intent"_s, pi, ctx.account);
    emitEvent(u"payment_intent.created"_s, pi, {}, ctx.account, &ctx);
    if (confirm)
        return confirmPaymentIntent(ctx, pi, cardKey);
    return objectResponse(ctx, pi);
}

ApiResponse Emulator::confirmPaymentIntent(const ApiContext& ctx, QJsonObject pi, const QString& cardKey)
{
    const qint64 amount = pi.value("amount"_L1).toInteger();
    const QString currency = pi.value("currency"_L1).toString();
    const bool manual = pi.value("capture_method"_L1).toString() == "manual"_L1;
    const QString pmId = pi.value("payment_method"_L1).toString();
    const QJsonObject ch =
        makeCharge(ctx, amount, currency, cardKey, pmId, !manual, pi.value("id"_L1).toString());
    pi.insert(u"latest_charge"_s, ch.value("id"_L1));
    if (ch.value("status"_L1).toString() == "failed"_L1) {
        const QJsonObject pmObject{{u"id"_s, pmId}, {u"object"_s, u"payment_method"_s}, {u"type"_s, u"card"_s}};
        QJsonObject lastError{{u"charge"_s, ch.value("id"_L1)},
                              {u"code"_s, ch.value("failure_code"_L1)},
                              {u"decline_code"_s, ch.value("outcome"_L1).toObject().value("reason"_L1)},
                              {u"doc_url"_s, QString(u"https://stripe.com/docs/error-codes/"_s
                                                 + ch.value("failure_code"_L1).toString().replace(u'_', u'-'))},
                              {u"message"_s, ch.value("failure_message"_L1)},
                              {u"payment_method"_s, pmObject},
                              {u"type"_s, u"card_error"_s}};
        pi.insert(u"status"_s, u"requires_payment_method"_s);
        pi.insert(u"last_payment_error"_s, lastError);
        pi.insert(u"payment_method"_s, QJsonValue::Null);
        update(pi);
        emitEvent(u"payment_intent.payment_failed"_s, pi, {}, ctx.account, &ctx);
        QJsonObject e = lastError;
        e.insert(u"payment_intent"_s, expand(pi, {}, ctx.account));
        ApiResponse r;
        r.status = 402;
        r.body = QJsonObject{{u"error"_s, e}};
        return r;
    }
    pi.insert(u"last_payment_error"_s, QJsonValue::Null);
    if (manual) {
        pi.insert(u"status"_s, u"requires_capture"_s);
        pi.insert(u"amount_capturable"_s, amount);
        update(pi);
        emitEvent(u"payment_intent.amount_capturable_updated"_s, pi, {}, ctx.account, &ctx);
    } else {
        pi.insert(u"status"_s, u"succeeded"_s);
        pi.insert(u"amount_received"_s, amount);
        update(pi);
        emitEvent(u"payment_intent.succeeded"_s, pi, {}, ctx.account, &ctx);
    }
    return objectResponse(ctx, pi);
}

ApiResponse Emulator::updatePaymentIntent(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"intent"_s);
    if (!visible(id, u"payment_intent"_s, ctx.account))
        return notFound(u"payment_intent"_s, id);
    QJsonObject pi = get(id);
    const QJsonObject& p = ctx.params;
    const QString status = pi.value("status"_L1).toString();
    const bool mutableState = status == "requires_payment_method"_L1 || status == "requires_confirmation"_L1
        || status == "requires_action"_L1;
    for (const char* f : {"amount", "currency", "payment_method", "capture_method"}) {
        if (p.contains(QLatin1StringView(f)) && !mutableState)
            return error(400, u"invalid_request_error"_s, u"payment_intent_unexpected_state"_s,
                         u"You cannot update "_s + QLatin1StringView(f) + u" on a PaymentIntent with status "_s
                             + status + u'.',
                         QString::fromLatin1(f));
    }
    const QString currency = p.contains("currency"_L1) ? p.value("currency"_L1).toString().toLower()
                                                        : pi.value("currency"_L1).toString();
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency, u"currency"_s);
    if (p.contains("amount"_L1)) {
        if (auto e = checkAmount(p.value("amount"_L1).toInteger(), currency, u"amount"_s, true))
            return *e;
        pi.insert(u"amount"_s, p.value("amount"_L1));
    }
    pi.insert(u"currency"_s, currency);
    if (p.contains("payment_method"_L1)) {
        const QString pm = p.value("payment_method"_L1).toString();
        const QString key = resolveCard(pm);
        if (key.isEmpty())
            return notFound(u"PaymentMethod"_s, pm, u"payment_method"_s);
        const QString pmId = pm.startsWith("pm_card_"_L1) || pm.startsWith("tok_"_L1) ? newId(u"pm_"_s) : pm;
        m_pmCards.insert(pmId, key);
        pi.insert(u"payment_method"_s, pmId);
        pi.insert(u"status"_s, u"requires_confirmation"_s);
    }
    for (const char* f : {"description", "receipt_email", "statement_descriptor", "statement_descriptor_suffix",
                          "transfer_group", "capture_method"})
        if (p.contains(QLatin1StringView(f)))
            pi.insert(QLatin1StringView(f), str(p.value(QLatin1StringView(f)).toString()));
    pi.insert(u"metadata"_s, mergedMetadata(pi.value("metadata"_L1).toObject(), ctx));
    update(pi);
    return objectResponse(ctx, pi);
}

ApiResponse Emulator::capturePaymentIntent(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"intent"_s);
    if (!visible(id, u"payment_intent"_s, ctx.account))
        return notFound(u"payment_intent"_s, id);
    QJsonObject pi = get(id);
    const QString status = pi.value("status"_L1).toString();
    if (status != "requires_capture"_L1)
        return error(400, u"invalid_request_error"_s, u"payment_intent_unexpected_state"_s,
                     u"This PaymentIntent could not be captured because it has a status of "_s + status
                         + u". Only a PaymentIntent with one of the following statuses may be captured: "
                           u"requires_capture."_s);
    const qint64 capturable = pi.value("amount_capturable"_L1).toInteger();
    const qint64 amount = ctx.params.contains("amount_to_capture"_L1)
        ? ctx.params.value("amount_to_capture"_L1).toInteger()
        : capturable;
    if (amount > capturable)
        return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                     u"The amount to capture ("_s + QString::number(amount)
                         + u") is greater than the amount capturable ("_s + QString::number(capturable) + u")."_s,
                     u"amount_to_capture"_s);
    const QString currency = pi.value("currency"_L1).toString();
    if (auto e = checkAmount(amount, currency, u"amount_to_capture"_s, false))
        return *e;
    const QString chargeId = pi.value("latest_charge"_L1).toString();
    QJsonObject ch = get(chargeId);
    const QJsonObject chBefore = ch;
    const QString special = QString::fromLatin1(
        cardByLast4(ch.value("payment_method_details"_L1).toObject().value("card"_L1).toObject().value("last4"_L1).toString())
            ? cardByLast4(ch.value("payment_method_details"_L1).toObject().value("card"_L1).toObject().value("last4"_L1).toString())->special
            : "");
    const QJsonObject bt = createBalanceTransaction(amount, cardFee(amount, currency), currency, u"charge"_s,
                                                    u"charge"_s, chargeId, ch.value("description"_L1).toString(),
                                                    ownerOf(chargeId),
                                                    special == "bypass"_L1 ? now() : now() + m_config.availableDelay);
    ch.insert(u"captured"_s, true);
    ch.insert(u"amount_captured"_s, amount);
    ch.insert(u"balance_transaction"_s, bt.value("id"_L1));
    update(ch);
    emitEvent(u"charge.captured"_s, ch, changedAttributes(chBefore, ch), ownerOf(chargeId), &ctx);
    pi.insert(u"status"_s, u"succeeded"_s);
    pi.insert(u"amount_received"_s, amount);
    pi.insert(u"amount_capturable"_s, 0);
    pi.insert(u"metadata"_s, mergedMetadata(pi.value("metadata"_L1).toObject(), ctx));
    update(pi);
    emitEvent(u"payment_intent.succeeded"_s, pi, {}, ctx.account, &ctx);
    if (special == "dispute"_L1)
        schedule(now(), u"dispute_create"_s, chargeId);
    else if (special == "inquiry"_L1)
        schedule(now(), u"inquiry_create"_s, chargeId);
    return objectResponse(ctx, pi);
}

ApiResponse Emulator::cancelPaymentIntent(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"intent"_s);
    if (!visible(id, u"payment_intent"_s, ctx.account))
        return notFound(u"payment_intent"_s, id);
    QJsonObject pi = get(id);
    const QString status = pi.value("status"_L1).toString();
    static const QStringList cancellable{u"requires_payment_method"_s, u"requires_capture"_s,
                                         u"requires_confirmation"_s, u"requires_action"_s, u"processing"_s};
    if (!cancellable.contains(status))
        return error(400, u"invalid_request_error"_s, u"payment_intent_unexpected_state"_s,
                     u"You cannot cancel this PaymentIntent because it has a status of "_s + status
                         + u". Only a PaymentIntent with one of the following statuses may be canceled: "_s
                         + cancellable.join(u", "_s) + u'.');
    if (status == "requires_capture"_L1) {
        const QString chargeId = pi.value("latest_charge"_L1).toString();
        QJsonObject ch = get(chargeId);
        const QJsonObject before = ch;
        ch.insert(u"amount_refunded"_s, ch.value("amount"_L1));
        ch.insert(u"refunded"_s, true);
        update(ch);
        emitEvent(u"charge.refunded"_s, ch, changedAttributes(before, ch), ownerOf(chargeId), &ctx);
    }
    pi.insert(u"status"_s, u"canceled"_s);
    pi.insert(u"amount_capturable"_s, 0);
    pi.insert(u"canceled_at"_s, now());
    pi.insert(u"cancellation_reason"_s, ctx.params.contains("cancellation_reason"_L1)
                                            ? ctx.params.value("cancellation_reason"_L1)
                                            : QJsonValue(u"requested_by_customer"_s));
    update(pi);
    emitEvent(u"payment_intent.canceled"_s, pi, {}, ctx.account, &ctx);
    return objectResponse(ctx, pi);
}

// ---------------------------------------------------------------------------------------------
// Refunds

ApiResponse Emulator::createRefund(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    QString chargeId = p.value("charge"_L1).toString();
    const QString piId = p.value("payment_intent"_L1).toString();
    if (chargeId.isEmpty() && piId.isEmpty())
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s,
                     u"One of the following params should be provided for this request: payment_intent or charge."_s,
                     u"charge"_s);
    if (!piId.isEmpty()) {
        if (!visible(piId, u"payment_intent"_s, ctx.account))
            return notFound(u"payment_intent"_s, piId, u"payment_intent"_s);
        const QJsonObject pi = get(piId);
        const QString latest = pi.value("latest_charge"_L1).toString();
        if (pi.value("status"_L1).toString() != "succeeded"_L1 || latest.isEmpty())
            return error(400, u"invalid_request_error"_s, u"charge_not_refundable"_s,
                         u"This PaymentIntent does not have a successful charge to refund."_s, u"payment_intent"_s);
        if (!chargeId.isEmpty() && chargeId != latest)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The charge "_s + chargeId + u" does not belong to PaymentIntent "_s + piId + u'.',
                         u"charge"_s);
        chargeId = latest;
    }
    if (!visible(chargeId, u"charge"_s, ctx.account))
        return notFound(u"charge"_s, chargeId, u"charge"_s);
    QJsonObject ch = get(chargeId);
    const QJsonObject chBefore = ch;
    if (ch.value("status"_L1).toString() != "succeeded"_L1 || !ch.value("captured"_L1).toBool())
        return error(400, u"invalid_request_error"_s, u"charge_not_refundable"_s,
                     u"Charge "_s + chargeId + u" cannot be refunded: it has not succeeded or is not captured."_s,
                     u"charge"_s);
    const QString disputeId = disputeForCharge(chargeId);
    if (!disputeId.isEmpty()) {
        const QString ds = get(disputeId).value("status"_L1).toString();
        if (ds == "needs_response"_L1 || ds == "under_review"_L1)
            return error(400, u"invalid_request_error"_s, u"charge_disputed"_s,
                         u"Charge "_s + chargeId + u" has been charged back; cannot issue a refund."_s, u"charge"_s);
    }
    const qint64 captured = ch.value("amount_captured"_L1).toInteger();
    const qint64 refunded = ch.value("amount_refunded"_L1).toInteger();
    const qint64 remaining = captured - refunded;
    const QString currency = ch.value("currency"_L1).toString();
    if (remaining <= 0 || ch.value("refunded"_L1).toBool())
        return error(400, u"invalid_request_error"_s, u"charge_already_refunded"_s,
                     u"Charge "_s + chargeId + u" has already been refunded."_s, u"charge"_s);
    const qint64 amount = p.contains("amount"_L1) ? p.value("amount"_L1).toInteger() : remaining;
    if (amount <= 0)
        return error(400, u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                     u"This value must be greater than or equal to 1."_s, u"amount"_s);
    if (amount > remaining)
        return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                     u"Refund amount ("_s + formatAmount(amount, currency)
                         + u") is greater than unrefunded amount on charge ("_s + formatAmount(remaining, currency)
                         + u")"_s,
                     u"amount"_s);
    if (p.contains("currency"_L1) && p.value("currency"_L1).toString().toLower() != currency)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"The currency of the refund must match the currency of the charge ("_s + currency + u")."_s,
                     u"currency"_s);
    const QJsonObject metadata = mergedMetadata(QJsonObject(), ctx);
    const QString magic = metadata.value("emulator_refund"_L1).toString();
    const TestCard* card = cardByLast4(
        ch.value("payment_method_details"_L1).toObject().value("card"_L1).toObject().value("last4"_L1).toString());
    const bool refundFailCard = card && QLatin1StringView(card->special) == "refund_fail"_L1;
    const bool pending = m_config.refundDelay > 0 || magic == "pending"_L1 || magic == "fail"_L1 || refundFailCard;
    const QString owner = ownerOf(chargeId);
    const QString id = newId(u"re_"_s);
    const QJsonObject bt = createBalanceTransaction(-amount, 0, currency, u"refund"_s, u"refund"_s, id,
                                                    u"REFUND FOR CHARGE ("_s + chargeId + u')', owner, now());
    QJsonObject re = fixture(u"refund"_s);
    re.insert(u"id"_s, id);
    re.insert(u"amount"_s, amount);
    re.insert(u"balance_transaction"_s, bt.value("id"_L1));
    re.insert(u"charge"_s, chargeId);
    re.insert(u"created"_s, now());
    re.insert(u"currency"_s, currency);
    re.insert(u"metadata"_s, metadata);
    re.insert(u"payment_intent"_s, ch.value("payment_intent"_L1));
    re.insert(u"reason"_s, p.contains("reason"_L1) ? p.value("reason"_L1) : QJsonValue(QJsonValue::Null));
    re.insert(u"receipt_number"_s, QJsonValue::Null);
    re.insert(u"source_transfer_reversal"_s, QJsonValue::Null);
    re.insert(u"transfer_reversal"_s, QJsonValue::Null);
    re.insert(u"status"_s, pending ? u"pending"_s : u"succeeded"_s);
    if (p.contains("instructions_email"_L1))
        re.insert(u"instructions_email"_s, p.value("instructions_email"_L1));
    put(u"refund"_s, re, owner);
    ch.insert(u"amount_refunded"_s, refunded + amount);
    ch.insert(u"refunded"_s, refunded + amount >= captured);
    update(ch);
    emitEvent(u"refund.created"_s, re, {}, owner, &ctx);
    emitEvent(u"charge.refunded"_s, ch, changedAttributes(chBefore, ch), owner, &ctx);
    if (pending) {
        const qint64 delay = m_config.refundDelay > 0 ? m_config.refundDelay : 5;
        schedule(now() + delay, u"refund"_s, id);
    }
    return objectResponse(ctx, re);
}

void Emulator::settleRefund(const QString& refundId)
{
    QJsonObject re = get(refundId);
    if (re.value("status"_L1).toString() != "pending"_L1)
        return;
    const QJsonObject before = re;
    const QString chargeId = re.value("charge"_L1).toString();
    QJsonObject ch = get(chargeId);
    const TestCard* card = cardByLast4(
        ch.value("payment_method_details"_L1).toObject().value("card"_L1).toObject().value("last4"_L1).toString());
    const bool fail = re.value("metadata"_L1).toObject().value("emulator_refund"_L1).toString() == "fail"_L1
        || (card && QLatin1StringView(card->special) == "refund_fail"_L1);
    const QString owner = ownerOf(refundId);
    if (fail) {
        const qint64 amount = re.value("amount"_L1).toInteger();
        const QJsonObject bt = createBalanceTransaction(amount, 0, re.value("currency"_L1).toString(),
                                                        u"refund_failure"_s, u"refund_failure"_s, refundId,
                                                        u"REFUND FAILURE FOR CHARGE ("_s + chargeId + u')', owner,
                                                        now());
        re.insert(u"status"_s, u"failed"_s);
        re.insert(u"failure_reason"_s, u"expired_or_canceled_card"_s);
        re.insert(u"failure_balance_transaction"_s, bt.value("id"_L1));
        if (!ch.isEmpty()) {
            const QJsonObject chBefore = ch;
            ch.insert(u"amount_refunded"_s, qMax<qint64>(0, ch.value("amount_refunded"_L1).toInteger() - amount));
            ch.insert(u"refunded"_s, false);
            update(ch);
            emitEvent(u"charge.refund.updated"_s, re, changedAttributes(before, re), owner, nullptr);
            Q_UNUSED(chBefore);
        }
    } else {
        re.insert(u"status"_s, u"succeeded"_s);
    }
    update(re);
    emitEvent(u"refund.updated"_s, re, changedAttributes(before, re), owner, nullptr);
}

ApiResponse Emulator::updateRefund(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"refund"_s);
    if (!visible(id, u"refund"_s, ctx.account))
        return notFound(u"refund"_s, id);
    const QJsonObject before = get(id);
    QJsonObject re = before;
    re.insert(u"metadata"_s, mergedMetadata(re.value("metadata"_L1).toObject(), ctx));
    update(re);
    const QJsonObject prev = changedAttributes(before, re);
    if (!prev.isEmpty())
        emitEvent(u"refund.updated"_s, re, prev, ownerOf(id), &ctx);
    return objectResponse(ctx, re);
}

ApiResponse Emulator::cancelRefund(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"refund"_s);
    if (!visible(id, u"refund"_s, ctx.account))
        return notFound(u"refund"_s, id);
    const QString status = get(id).value("status"_L1).toString();
    return error(400, u"invalid_request_error"_s, QString(),
                 u"Refund "_s + id + u" cannot be canceled because it has a status of "_s + status
                     + u". Only refunds with a status of requires_action can be canceled."_s);
}

// ---------------------------------------------------------------------------------------------
// Disputes

QString Emulator::createDispute(const QString& chargeId, bool inquiry, const QString& reason)
{
    const QString existing = disputeForCharge(chargeId);
    if (!existing.isEmpty())
        return existing;
    QJsonObject ch = get(chargeId);
    const QJsonObject chBefore = ch;
    const QString owner = ownerOf(chargeId);
    const QString currency = ch.value("currency"_L1).toString();
    const qint64 amount = ch.value("amount_captured"_L1).toInteger() - ch.value("amount_refunded"_L1).toInteger();
    const QString id = newId(u"dp_"_s);
    QJsonArray bts;
    if (!inquiry)
        bts.append(createBalanceTransaction(-amount, disputeFee(currency), currency, u"adjustment"_s, u"dispute"_s,
                                            id, u"Chargeback withdrawal for "_s + chargeId, owner, now()));
    QJsonObject dp = fixture(u"dispute"_s);
    dp.insert(u"id"_s, id);
    dp.insert(u"amount"_s, amount);
    dp.insert(u"balance_transactions"_s, bts);
    dp.insert(u"charge"_s, chargeId);
    dp.insert(u"created"_s, now());
    dp.insert(u"currency"_s, currency);
    dp.insert(u"evidence_details"_s, QJsonObject{{u"due_by"_s, now() + 7 * 86400},
                                                 {u"has_evidence"_s, false},
                                                 {u"past_due"_s, false},
                                                 {u"submission_count"_s, 0}});
    dp.insert(u"is_charge_refundable"_s, inquiry);
    dp.insert(u"livemode"_s, false);
    dp.insert(u"metadata"_s, QJsonObject());
    dp.insert(u"payment_intent"_s, ch.value("payment_intent"_L1));
    const QString brand = ch.value("payment_method_details"_L1).toObject().value("card"_L1).toObject().value(
        "brand"_L1).toString();
    dp.insert(u"payment_method_details"_s,
              QJsonObject{{u"card"_s, QJsonObject{{u"brand"_s, brand.isEmpty() ? u"visa"_s : brand},
                                                  {u"network_reason_code"_s, u"10.4"_s}}},
                          {u"type"_s, u"card"_s}});
    dp.insert(u"reason"_s, reason);
    dp.insert(u"status"_s, inquiry ? u"warning_needs_response"_s : u"needs_response"_s);
    put(u"dispute"_s, dp, owner);
    ch.insert(u"disputed"_s, true);
    update(ch);
    emitEvent(u"charge.dispute.created"_s, dp, {}, owner, nullptr);
    if (!inquiry)
        emitEvent(u"charge.dispute.funds_withdrawn"_s, dp, {}, owner, nullptr);
    return id;
}

ApiResponse Emulator::updateDispute(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"dispute"_s);
    if (!visible(id, u"dispute"_s, ctx.account))
        return notFound(u"dispute"_s, id);
    const QJsonObject before = get(id);
    QJsonObject dp = before;
    const QString status = dp.value("status"_L1).toString();
    const QJsonObject& p = ctx.params;
    const bool touchesEvidence = p.contains("evidence"_L1) || p.contains("submit"_L1);
    if (touchesEvidence) {
        if (status != "needs_response"_L1 && status != "warning_needs_response"_L1)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"This dispute is already "_s + (status.contains("under_review"_L1) ? u"under review"_s
                                                                                          : u"closed"_s)
                             + u" (status "_s + status + u"); evidence can no longer be updated."_s,
                         u"evidence"_s);
        QJsonObject details = dp.value("evidence_details"_L1).toObject();
        const qint64 dueBy = details.value("due_by"_L1).toInteger();
        if (dueBy > 0 && now() > dueBy)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The deadline for responding to this dispute has passed."_s, u"evidence"_s);
        QJsonObject evidence = dp.value("evidence"_L1).toObject();
        if (p.value("evidence"_L1).isObject()) {
            const QJsonObject patch = p.value("evidence"_L1).toObject();
            if (auto e = checkEvidenceFiles(patch, ctx.account))
                return *e;
            for (auto it = patch.begin(); it != patch.end(); ++it)
                evidence.insert(it.key(), str(it.value().toString()));
        } else if (p.contains("evidence"_L1)) {
            for (auto it = evidence.begin(); it != evidence.end(); ++it)
                it.value() = QJsonValue::Null;
        }
        qint64 textSize = 0;
        bool hasEvidence = false;
        for (auto it = evidence.begin(); it != evidence.end(); ++it) {
            if (!kEvidenceFileFields.contains(it.key()))
                textSize += it.value().toString().size();
            hasEvidence = hasEvidence || !it.value().isNull();
        }
        if (textSize > 150000)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The combined evidence text exceeds 150,000 characters."_s, u"evidence"_s);
        dp.insert(u"evidence"_s, evidence);
        details.insert(u"has_evidence"_s, hasEvidence);
        const bool submit = !p.contains("submit"_L1) || p.value("submit"_L1).toBool();
        if (submit) {
            details.insert(u"submission_count"_s, details.value("submission_count"_L1).toInteger() + 1);
            dp.insert(u"status"_s, status == "warning_needs_response"_L1 ? u"warning_under_review"_s
                                                                         : u"under_review"_s);
            dp.insert(u"is_charge_refundable"_s, false);
            schedule(now() + m_config.disputeDelay, u"dispute"_s, id);
        }
        dp.insert(u"evidence_details"_s, details);
    }
    dp.insert(u"metadata"_s, mergedMetadata(dp.value("metadata"_L1).toObject(), ctx));
    update(dp);
    const QJsonObject prev = changedAttributes(before, dp);
    if (!prev.isEmpty())
        emitEvent(u"charge.dispute.updated"_s, dp, prev, ownerOf(id), &ctx);
    return objectResponse(ctx, dp);
}

void Emulator::decideDispute(const QString& disputeId)
{
    QJsonObject dp = get(disputeId);
    const QString status = dp.value("status"_L1).toString();
    if (status != "under_review"_L1 && status != "warning_under_review"_L1)
        return;
    QString text;
    const QJsonObject evidence = dp.value("evidence"_L1).toObject();
    for (auto it = evidence.begin(); it != evidence.end(); ++it)
        text += it.value().toString() + u'\n';
    bool won = false;
    if (text.contains("winning_evidence"_L1))
        won = true;
    else if (!text.contains("losing_evidence"_L1))
        return; // as in Stripe test mode, other evidence leaves the dispute under review
    const QJsonObject before = dp;
    const bool inquiry = status == "warning_under_review"_L1;
    const QString owner = ownerOf(disputeId);
    if (inquiry) {
        dp.insert(u"status"_s, u"warning_closed"_s);
    } else if (won) {
        const QString currency = dp.value("currency"_L1).toString();
        const qint64 amount = dp.value("amount"_L1).toInteger();
        QJsonArray bts = dp.value("balance_transactions"_L1).toArray();
        bts.append(createBalanceTransaction(amount + disputeFee(currency), 0, currency, u"adjustment"_s,
                                            u"dispute_reversal"_s, disputeId,
                                            u"Chargeback reversal for "_s + dp.value("charge"_L1).toString(), owner,
                                            now()));
        dp.insert(u"balance_transactions"_s, bts);
        dp.insert(u"status"_s, u"won"_s);
    } else {
        dp.insert(u"status"_s, u"lost"_s);
    }
    update(dp);
    emitEvent(u"charge.dispute.closed"_s, dp, changedAttributes(before, dp), owner, nullptr);
    if (won && !inquiry)
        emitEvent(u"charge.dispute.funds_reinstated"_s, dp, {}, owner, nullptr);
}

ApiResponse Emulator::closeDispute(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"dispute"_s);
    if (!visible(id, u"dispute"_s, ctx.account))
        return notFound(u"dispute"_s, id);
    const QJsonObject before = get(id);
    QJsonObject dp = before;
    const QString status = dp.value("status"_L1).toString();
    if (status != "needs_response"_L1 && status != "warning_needs_response"_L1)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"This dispute cannot be closed because it has a status of "_s + status + u'.');
    dp.insert(u"status"_s, status == "warning_needs_response"_L1 ? u"warning_closed"_s : u"lost"_s);
    dp.insert(u"is_charge_refundable"_s, false);
    update(dp);
    emitEvent(u"charge.dispute.closed"_s, dp, changedAttributes(before, dp), ownerOf(id), &ctx);
    return objectResponse(ctx, dp);
}

// ---------------------------------------------------------------------------------------------
// Accounts

bool Emulator::setAccountRequirements(const QString& accountId, const QString& state, const QString& reason,
                                      QString* errorText)
{
    QJsonObject acct = get(accountId);
    if (acct.value("object"_L1).toString() != "account"_L1) {
        *errorText = u"no such account "_s + accountId;
        return false;
    }
    const QJsonObject before = acct;
    QJsonObject req = acct.value("requirements"_L1).toObject();
    QJsonArray due;
    QStringList pending;
    QJsonArray currentlyDue = req.value("currently_due"_L1).toArray();
    if (currentlyDue.isEmpty())
        currentlyDue = QJsonArray::fromStringList(kBaseRequirements);
    QJsonValue disabled = QJsonValue::Null;
    QJsonValue deadline = QJsonValue::Null;
    QJsonArray past;
    QJsonArray pendingArr;
    QJsonArray errors;
    QString capStatus = u"active"_s;
    bool detailsSubmitted = true;
    if (state == "incomplete"_L1) {
        // New requirements on an enabled account: due by a deadline, the account stays enabled meanwhile.
        due = currentlyDue;
        deadline = now() + 14 * 86400;
        detailsSubmitted = false;
    } else if (state == "new"_L1) {
        // Freshly created (internal, not offered by the control endpoint): nothing enabled until provided.
        due = currentlyDue;
        past = currentlyDue;
        disabled = u"requirements.past_due"_s;
        capStatus = u"inactive"_s;
        detailsSubmitted = false;
    } else if (state == "past_due"_L1) {
        due = currentlyDue;
        past = currentlyDue;
        disabled = u"requirements.past_due"_s;
        capStatus = u"inactive"_s;
        detailsSubmitted = false;
        if (!reason.isEmpty())
            errors.append(QJsonObject{{u"code"_s, reason},
                                      {u"reason"_s, u"The information provided could not be verified."_s},
                                      {u"requirement"_s, currentlyDue.first()}});
    } else if (state == "pending_verification"_L1) {
        pendingArr = QJsonArray{u"individual.verification.document"_s};
        disabled = u"requirements.pending_verification"_s;
        capStatus = u"pending"_s;
    } else if (state == "verified"_L1) {
        // everything empty
    } else if (state == "disabled"_L1) {
        const QString r = reason.isEmpty() ? u"rejected.other"_s : reason;
        if (!kDisabledReasons.contains(r)) {
            *errorText = u"unknown disabled reason "_s + r + u"; one of "_s + kDisabledReasons.join(u", "_s);
            return false;
        }
        disabled = r;
        capStatus = u"inactive"_s;
    } else {
        *errorText = u"state must be one of incomplete, past_due, pending_verification, verified, disabled"_s;
        return false;
    }
    req.insert(u"alternatives"_s, QJsonArray());
    req.insert(u"current_deadline"_s, deadline);
    req.insert(u"currently_due"_s, due);
    req.insert(u"disabled_reason"_s, disabled);
    req.insert(u"errors"_s, errors);
    req.insert(u"eventually_due"_s, due);
    req.insert(u"past_due"_s, past);
    req.insert(u"pending_verification"_s, pendingArr);
    acct.insert(u"requirements"_s, req);
    const bool enabled = past.isEmpty() && disabled.isNull();
    acct.insert(u"charges_enabled"_s, enabled);
    acct.insert(u"payouts_enabled"_s, enabled);
    acct.insert(u"details_submitted"_s, detailsSubmitted);
    QJsonObject caps = acct.value("capabilities"_L1).toObject();
    for (auto it = caps.begin(); it != caps.end(); ++it)
        it.value() = capStatus;
    acct.insert(u"capabilities"_s, caps);
    update(acct);
    const QJsonObject prev = changedAttributes(before, acct);
    if (!prev.isEmpty())
        emitEvent(u"account.updated"_s, acct, prev, accountId, nullptr);
    return true;
}

ApiResponse Emulator::createAccount(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    if (!ctx.account.isEmpty())
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Connected accounts cannot create other accounts (Stripe-Account header given)."_s);
    if (!p.contains("type"_L1))
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s,
                     u"Missing required param: type."_s, u"type"_s);
    const QString type = p.value("type"_L1).toString();
    const QString country = p.contains("country"_L1) ? p.value("country"_L1).toString().toUpper() : u"US"_s;
    QString currency = p.contains("default_currency"_L1) ? p.value("default_currency"_L1).toString().toLower()
                                                         : defaultCurrencyFor(country);
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency,
                     u"default_currency"_s);
    QJsonObject a = fixture(u"account"_s);
    const QString id = newId(u"acct_"_s, 16);
    a.insert(u"id"_s, id);
    a.insert(u"type"_s, type);
    a.insert(u"country"_s, country);
    a.insert(u"default_currency"_s, currency);
    a.insert(u"created"_s, now());
    a.insert(u"email"_s, str(p.value("email"_L1).toString()));
    a.insert(u"business_type"_s, str(p.value("business_type"_L1).toString()));
    a.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    a.insert(u"controller"_s, QJsonObject{{u"is_controller"_s, true}, {u"type"_s, u"application"_s}});
    a.insert(u"external_accounts"_s, QJsonObject{{u"object"_s, u"list"_s},
                                                 {u"data"_s, QJsonArray()},
                                                 {u"has_more"_s, false},
                                                 {u"url"_s, QString(u"/v1/accounts/"_s + id + u"/external_accounts"_s)}});
    if (p.value("business_profile"_L1).isObject())
        a.insert(u"business_profile"_s,
                 deepMerge(a.value("business_profile"_L1).toObject(), p.value("business_profile"_L1).toObject()));
    if (p.value("tos_acceptance"_L1).isObject())
        a.insert(u"tos_acceptance"_s,
                 deepMerge(a.value("tos_acceptance"_L1).toObject(), p.value("tos_acceptance"_L1).toObject()));
    QJsonObject caps;
    const QJsonObject requested = p.value("capabilities"_L1).toObject();
    for (auto it = requested.begin(); it != requested.end(); ++it)
        if (it.value().toObject().value("requested"_L1).toBool())
            caps.insert(it.key(), u"inactive"_s);
    if (caps.isEmpty())
        caps = QJsonObject{{u"card_payments"_s, u"inactive"_s}, {u"transfers"_s, u"inactive"_s}};
    a.insert(u"capabilities"_s, caps);
    // Requirements: the base list minus what the create call already provided.
    QStringList provided;
    for (auto it = p.begin(); it != p.end(); ++it)
        leafPaths(it.value(), it.key(), &provided);
    QJsonArray due;
    for (const QString& r : kBaseRequirements)
        if (!provided.contains(r))
            due.append(r);
    QJsonObject req = a.value("requirements"_L1).toObject();
    req.insert(u"currently_due"_s, due);
    req.insert(u"eventually_due"_s, due);
    a.insert(u"requirements"_s, req);
    a.insert(u"future_requirements"_s, QJsonObject{{u"alternatives"_s, QJsonArray()},
                                                   {u"current_deadline"_s, QJsonValue::Null},
                                                   {u"currently_due"_s, QJsonArray()},
                                                   {u"disabled_reason"_s, QJsonValue::Null},
                                                   {u"errors"_s, QJsonArray()},
                                                   {u"eventually_due"_s, QJsonArray()},
                                                   {u"past_due"_s, QJsonArray()},
                                                   {u"pending_verification"_s, QJsonArray()}});
    put(u"account"_s, a, QString());
    QString err;
    // Silent initial state (no event for the creation itself, as in Stripe). A new account with requirements
    // due is not enabled yet: Stripe lists them as past due as well (no deadline), disabled_reason
    // requirements.past_due, charges_enabled/payouts_enabled false, until they are provided.
    setAccountRequirements(id, due.isEmpty() ? u"verified"_s : u"new"_s, QString(), &err);
    QStringList evts = m_order.value(u"event"_s);
    if (!evts.isEmpty() && get(evts.last()).value("type"_L1).toString() == "account.updated"_L1
        && get(evts.last()).value("account"_L1).toString() == id) {
        m_objects.remove(evts.last());
        m_owner.remove(evts.last());
        m_order[u"event"_s].removeLast();
    }
    return objectResponse(ctx, get(id));
}

ApiResponse Emulator::updateAccount(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"account"_s);
    if (!visible(id, u"account"_s, ctx.account))
        return notFound(u"account"_s, id);
    const QJsonObject before = get(id);
    QJsonObject a = before;
    const QJsonObject& p = ctx.params;
    for (const char* f : {"email", "business_type"})
        if (p.contains(QLatin1StringView(f)))
            a.insert(QLatin1StringView(f), str(p.value(QLatin1StringView(f)).toString()));
    if (p.contains("default_currency"_L1)) {
        const QString c = p.value("default_currency"_L1).toString().toLower();
        if (!knownCurrency(c))
            return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + c,
                         u"default_currency"_s);
        a.insert(u"default_currency"_s, c);
    }
    for (const char* f : {"business_profile", "tos_acceptance", "settings"})
        if (p.value(QLatin1StringView(f)).isObject())
            a.insert(QLatin1StringView(f), deepMerge(a.value(QLatin1StringView(f)).toObject(),
                                                     p.value(QLatin1StringView(f)).toObject()));
    const QJsonObject requested = p.value("capabilities"_L1).toObject();
    QJsonObject caps = a.value("capabilities"_L1).toObject();
    for (auto it = requested.begin(); it != requested.end(); ++it) {
        if (it.value().toObject().value("requested"_L1).toBool()) {
            if (!caps.contains(it.key()))
                caps.insert(it.key(), a.value("charges_enabled"_L1).toBool() ? u"active"_s : u"inactive"_s);
        } else {
            caps.remove(it.key());
        }
    }
    a.insert(u"capabilities"_s, caps);
    a.insert(u"metadata"_s, mergedMetadata(a.value("metadata"_L1).toObject(), ctx));
    // Provided fields leave the requirement lists.
    QStringList provided;
    for (auto it = p.begin(); it != p.end(); ++it)
        leafPaths(it.value(), it.key(), &provided);
    QJsonObject req = a.value("requirements"_L1).toObject();
    bool listsChanged = false;
    for (const char* list : {"currently_due", "eventually_due", "past_due"}) {
        QJsonArray kept;
        const QJsonArray arr = req.value(QLatin1StringView(list)).toArray();
        for (const QJsonValue& v : arr)
            if (!provided.contains(v.toString()))
                kept.append(v);
        listsChanged = listsChanged || kept.size() != arr.size();
        req.insert(QLatin1StringView(list), kept);
    }
    a.insert(u"requirements"_s, req);
    update(a);
    if (listsChanged && req.value("currently_due"_L1).toArray().isEmpty()
        && req.value("past_due"_L1).toArray().isEmpty()) {
        const QString dr = req.value("disabled_reason"_L1).toString();
        if (dr.isEmpty() || dr == "requirements.past_due"_L1) {
            QString err;
            setAccountRequirements(id, u"verified"_s, QString(), &err);
            // setAccountRequirements emitted account.updated relative to the merged object; re-emit below
            a = get(id);
            QStringList evts = m_order.value(u"event"_s);
            if (!evts.isEmpty() && get(evts.last()).value("type"_L1).toString() == "account.updated"_L1) {
                m_objects.remove(evts.last());
                m_owner.remove(evts.last());
                m_order[u"event"_s].removeLast();
            }
        }
    }
    const QJsonObject prev = changedAttributes(before, a);
    if (!prev.isEmpty())
        emitEvent(u"account.updated"_s, a, prev, id, &ctx);
    return objectResponse(ctx, a);
}

ApiResponse Emulator::deleteAccount(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"account"_s);
    if (!visible(id, u"account"_s, ctx.account))
        return notFound(u"account"_s, id);
    m_objects.remove(id);
    m_order[u"account"_s].removeAll(id);
    ApiResponse r;
    r.body = QJsonObject{{u"id"_s, id}, {u"object"_s, u"account"_s}, {u"deleted"_s, true}};
    return r;
}

ApiResponse Emulator::createAccountLink(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    const QString acct = p.value("account"_L1).toString();
    for (const char* f : {"refresh_url", "return_url"})
        if (p.value(QLatin1StringView(f)).toString().isEmpty())
            return error(400, u"invalid_request_error"_s, u"parameter_missing"_s,
                         u"Missing required param: "_s + QLatin1StringView(f) + u'.', QString::fromLatin1(f));
    if (!visible(acct, u"account"_s, ctx.account))
        return notFound(u"account"_s, acct, u"account"_s);
    const QString type = p.value("type"_L1).toString();
    if (type != "account_onboarding"_L1 && type != "account_update"_L1)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Invalid type: must be one of account_onboarding or account_update"_s, u"type"_s);
    if (type == "account_update"_L1 && get(acct).value("type"_L1).toString() != "custom"_L1)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"You cannot create `account_update` type Account Links for Express or Standard accounts."_s,
                     u"type"_s);
    ApiResponse r;
    r.body = QJsonObject{{u"object"_s, u"account_link"_s},
                         {u"created"_s, now()},
                         {u"expires_at"_s, now() + 300},
                         {u"url"_s, QString(u"https://connect.stripe.com/setup/c/"_s + acct + u'/' + newId(QString(), 12))}};
    return r;
}

// ---------------------------------------------------------------------------------------------
// Transfers and reversals

ApiResponse Emulator::createTransfer(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    if (!p.contains("amount"_L1))
        return error(400, u"invalid_request_error"_s, u"parameter_missing"_s, u"Missing required param: amount."_s,
                     u"amount"_s);
    const QString currency = p.value("currency"_L1).toString().toLower();
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency, u"currency"_s);
    const qint64 amount = p.value("amount"_L1).toInteger();
    if (auto e = checkAmount(amount, currency, u"amount"_s, false))
        return *e;
    const QString dest = p.value("destination"_L1).toString();
    if (!visible(dest, u"account"_s, QString()))
        return notFound(u"destination"_s, dest, u"destination"_s);
    const QJsonObject destAcct = get(dest);
    if (!destAcct.value("payouts_enabled"_L1).toBool() && !destAcct.value("charges_enabled"_L1).toBool())
        return error(400, u"invalid_request_error"_s, u"insufficient_capabilities_for_transfer"_s,
                     u"Your destination account needs to have at least one of the following capabilities enabled: "
                     u"transfers, crypto_transfers, legacy_payments"_s,
                     u"destination"_s);
    const QString source = p.value("source_transaction"_L1).toString();
    if (!source.isEmpty()) {
        if (!visible(source, u"charge"_s, ctx.account))
            return notFound(u"charge"_s, source, u"source_transaction"_s);
        const QJsonObject ch = get(source);
        if (ch.value("status"_L1).toString() != "succeeded"_L1)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The source_transaction charge has not succeeded."_s, u"source_transaction"_s);
        if (ch.value("currency"_L1).toString() != currency)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The currency of source_transaction's balance transaction ("_s
                             + ch.value("currency"_L1).toString() + u") must be the same as the transfer currency ("_s
                             + currency + u")."_s,
                         u"currency"_s);
        qint64 already = 0;
        const QStringList ids = m_order.value(u"transfer"_s);
        for (const QString& tid : ids) {
            const QJsonObject tr = get(tid);
            if (tr.value("source_transaction"_L1).toString() == source)
                already += tr.value("amount"_L1).toInteger() - tr.value("amount_reversed"_L1).toInteger();
        }
        if (already + amount > ch.value("amount_captured"_L1).toInteger())
            return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                         u"Transfers using this transaction as a source must not exceed the source amount of "_s
                             + formatAmount(ch.value("amount_captured"_L1).toInteger(), currency) + u'.',
                         u"amount"_s);
    } else if (availableBalance(ctx.account, currency) < amount) {
        return error(400, u"invalid_request_error"_s, u"balance_insufficient"_s,
                     u"You have insufficient available funds in your Stripe account. Try adding funds directly to "
                     u"your available balance by creating Charges using the 4000000000000077 test card."_s);
    }
    const QString id = newId(u"tr_"_s);
    const QString py = newId(u"py_"_s);
    const QJsonObject bt = createBalanceTransaction(-amount, 0, currency, u"transfer"_s, u"transfer"_s, id,
                                                    p.value("description"_L1).toString(), ctx.account, now());
    createBalanceTransaction(amount, 0, currency, u"payment"_s, u"charge"_s, py, QString(), dest, now());
    QJsonObject tr = fixture(u"transfer"_s);
    tr.insert(u"id"_s, id);
    tr.insert(u"amount"_s, amount);
    tr.insert(u"amount_reversed"_s, 0);
    tr.insert(u"balance_transaction"_s, bt.value("id"_L1));
    tr.insert(u"created"_s, now());
    tr.insert(u"currency"_s, currency);
    tr.insert(u"description"_s, str(p.value("description"_L1).toString()));
    tr.insert(u"destination"_s, dest);
    tr.insert(u"destination_payment"_s, py);
    tr.insert(u"livemode"_s, false);
    tr.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    tr.insert(u"reversals"_s, QJsonObject{{u"object"_s, u"list"_s},
                                          {u"data"_s, QJsonArray()},
                                          {u"has_more"_s, false},
                                          {u"url"_s, QString(u"/v1/transfers/"_s + id + u"/reversals"_s)}});
    tr.insert(u"reversed"_s, false);
    tr.insert(u"source_transaction"_s, str(source));
    tr.insert(u"source_type"_s, p.contains("source_type"_L1) ? p.value("source_type"_L1).toString() : u"card"_s);
    tr.insert(u"transfer_group"_s, str(p.value("transfer_group"_L1).toString()));
    put(u"transfer"_s, tr, ctx.account);
    emitEvent(u"transfer.created"_s, tr, {}, ctx.account, &ctx);
    return objectResponse(ctx, tr);
}

ApiResponse Emulator::updateTransfer(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"transfer"_s);
    if (!visible(id, u"transfer"_s, ctx.account))
        return notFound(u"transfer"_s, id);
    const QJsonObject before = get(id);
    QJsonObject tr = before;
    if (ctx.params.contains("description"_L1))
        tr.insert(u"description"_s, str(ctx.params.value("description"_L1).toString()));
    tr.insert(u"metadata"_s, mergedMetadata(tr.value("metadata"_L1).toObject(), ctx));
    update(tr);
    const QJsonObject prev = changedAttributes(before, tr);
    if (!prev.isEmpty())
        emitEvent(u"transfer.updated"_s, tr, prev, ownerOf(id), &ctx);
    return objectResponse(ctx, tr);
}

ApiResponse Emulator::createReversal(const ApiContext& ctx)
{
    const QString trId = ctx.pathParams.value(u"id"_s);
    if (!visible(trId, u"transfer"_s, ctx.account))
        return notFound(u"transfer"_s, trId);
    QJsonObject tr = get(trId);
    const QJsonObject before = tr;
    const qint64 remaining = tr.value("amount"_L1).toInteger() - tr.value("amount_reversed"_L1).toInteger();
    const QString currency = tr.value("currency"_L1).toString();
    if (remaining <= 0)
        return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                     u"Transfer "_s + trId + u" has already been fully reversed."_s, u"amount"_s);
    const qint64 amount = ctx.params.contains("amount"_L1) ? ctx.params.value("amount"_L1).toInteger() : remaining;
    if (amount <= 0)
        return error(400, u"invalid_request_error"_s, u"parameter_invalid_integer"_s,
                     u"This value must be greater than or equal to 1."_s, u"amount"_s);
    if (amount > remaining)
        return error(400, u"invalid_request_error"_s, u"amount_too_large"_s,
                     u"Reversal amount ("_s + formatAmount(amount, currency)
                         + u") is greater than the amount remaining on the transfer ("_s
                         + formatAmount(remaining, currency) + u")."_s,
                     u"amount"_s);
    const QString owner = ownerOf(trId);
    const QString id = newId(u"trr_"_s);
    const QString pyr = newId(u"pyr_"_s);
    const QJsonObject bt = createBalanceTransaction(amount, 0, currency, u"transfer_refund"_s,
                                                    u"transfer_reversal"_s, id, QString(), owner, now());
    createBalanceTransaction(-amount, 0, currency, u"payment_refund"_s, u"refund"_s, pyr, QString(),
                             tr.value("destination"_L1).toString(), now());
    QJsonObject rv = fixture(u"transfer_reversal"_s);
    rv.insert(u"id"_s, id);
    rv.insert(u"amount"_s, amount);
    rv.insert(u"balance_transaction"_s, bt.value("id"_L1));
    rv.insert(u"created"_s, now());
    rv.insert(u"currency"_s, currency);
    rv.insert(u"destination_payment_refund"_s, pyr);
    rv.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    rv.insert(u"source_refund"_s, QJsonValue::Null);
    rv.insert(u"transfer"_s, trId);
    put(u"transfer_reversal"_s, rv, owner);
    const qint64 reversed = tr.value("amount_reversed"_L1).toInteger() + amount;
    tr.insert(u"amount_reversed"_s, reversed);
    tr.insert(u"reversed"_s, reversed >= tr.value("amount"_L1).toInteger());
    QJsonArray data;
    const QStringList ids = m_order.value(u"transfer_reversal"_s);
    int total = 0;
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        if (get(ids.at(i)).value("transfer"_L1).toString() != trId)
            continue;
        if (++total <= 10)
            data.append(get(ids.at(i)));
    }
    tr.insert(u"reversals"_s, QJsonObject{{u"object"_s, u"list"_s},
                                          {u"data"_s, data},
                                          {u"has_more"_s, total > 10},
                                          {u"url"_s, QString(u"/v1/transfers/"_s + trId + u"/reversals"_s)}});
    update(tr);
    emitEvent(u"transfer.reversed"_s, tr, changedAttributes(before, tr), owner, &ctx);
    return objectResponse(ctx, rv);
}

ApiResponse Emulator::updateReversal(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"id"_s);
    QJsonObject rv = get(id);
    rv.insert(u"metadata"_s, mergedMetadata(rv.value("metadata"_L1).toObject(), ctx));
    update(rv);
    return objectResponse(ctx, rv);
}

// ---------------------------------------------------------------------------------------------
// Payouts and balance

ApiResponse Emulator::createPayout(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    const QString currency = p.value("currency"_L1).toString().toLower();
    if (!knownCurrency(currency))
        return error(400, u"invalid_request_error"_s, QString(), u"Invalid currency: "_s + currency, u"currency"_s);
    const qint64 amount = p.value("amount"_L1).toInteger();
    if (auto e = checkAmount(amount, currency, u"amount"_s, false))
        return *e;
    if ((currency == "huf"_L1 || currency == "twd"_L1) && amount % 100 != 0)
        return error(400, u"invalid_request_error"_s, u"invalid_amount"_s,
                     u"Payouts in "_s + currency.toUpper() + u" must be a multiple of 100."_s, u"amount"_s);
    if (!ctx.account.isEmpty() && !get(ctx.account).value("payouts_enabled"_L1).toBool())
        return error(400, u"invalid_request_error"_s, u"payouts_not_allowed"_s,
                     u"Payouts have been disabled on this account. Check the account's requirements."_s);
    if (availableBalance(ctx.account, currency) < amount)
        return error(400, u"invalid_request_error"_s, u"balance_insufficient"_s,
                     u"You have insufficient funds in your Stripe account for this transfer. Your card balance is "
                     u"too low."_s);
    const QString method = p.contains("method"_L1) ? p.value("method"_L1).toString() : u"standard"_s;
    QString failure = p.value("metadata"_L1).toObject().value("emulator_failure_code"_L1).toString();
    if (!failure.isEmpty() && !kPayoutFailureCodes.contains(failure))
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Unknown emulator_failure_code "_s + failure, u"metadata[emulator_failure_code]"_s);
    if (failure.isEmpty() && !m_payoutFailNext.isEmpty())
        failure = m_payoutFailNext.takeFirst();
    const QString id = newId(u"po_"_s);
    const QJsonObject bt = createBalanceTransaction(-amount, 0, currency, u"payout"_s, u"payout"_s, id,
                                                    u"STRIPE PAYOUT"_s, ctx.account, now());
    QJsonObject po = fixture(u"payout"_s);
    po.insert(u"id"_s, id);
    po.insert(u"amount"_s, amount);
    po.insert(u"arrival_date"_s, method == "instant"_L1 ? now() : now() + 2 * 86400);
    po.insert(u"automatic"_s, false);
    po.insert(u"balance_transaction"_s, bt.value("id"_L1));
    po.insert(u"created"_s, now());
    po.insert(u"currency"_s, currency);
    po.insert(u"description"_s, str(p.value("description"_L1).toString()));
    po.insert(u"destination"_s,
              p.contains("destination"_L1) ? p.value("destination"_L1).toString()
                                           : u"ba_"_s + (ctx.account.isEmpty() ? u"platform"_s : ctx.account.mid(5)));
    po.insert(u"failure_balance_transaction"_s, QJsonValue::Null);
    po.insert(u"failure_code"_s, QJsonValue::Null);
    po.insert(u"failure_message"_s, QJsonValue::Null);
    po.insert(u"livemode"_s, false);
    po.insert(u"metadata"_s, mergedMetadata(QJsonObject(), ctx));
    po.insert(u"method"_s, method);
    po.insert(u"original_payout"_s, QJsonValue::Null);
    po.insert(u"reconciliation_status"_s, u"not_applicable"_s);
    po.insert(u"reversed_by"_s, QJsonValue::Null);
    po.insert(u"source_type"_s, p.contains("source_type"_L1) ? p.value("source_type"_L1).toString() : u"card"_s);
    po.insert(u"statement_descriptor"_s, str(p.value("statement_descriptor"_L1).toString()));
    po.insert(u"status"_s, u"pending"_s);
    po.insert(u"type"_s, u"bank_account"_s);
    put(u"payout"_s, po, ctx.account);
    if (!failure.isEmpty())
        m_payoutFailures.insert(id, failure);
    emitEvent(u"payout.created"_s, po, {}, ctx.account, &ctx);
    schedule(now() + m_config.payoutTransitDelay, u"payout"_s, id);
    return objectResponse(ctx, po);
}

void Emulator::advancePayout(const QString& payoutId)
{
    QJsonObject po = get(payoutId);
    const QJsonObject before = po;
    const QString status = po.value("status"_L1).toString();
    const QString owner = ownerOf(payoutId);
    if (status == "pending"_L1) {
        po.insert(u"status"_s, u"in_transit"_s);
        update(po);
        emitEvent(u"payout.updated"_s, po, changedAttributes(before, po), owner, nullptr);
        schedule(now() + m_config.payoutPaidDelay, u"payout"_s, payoutId);
        return;
    }
    if (status != "in_transit"_L1)
        return;
    QString failure = m_payoutFailures.take(payoutId);
    if (failure.isEmpty())
        failure = po.value("metadata"_L1).toObject().value("emulator_failure_code"_L1).toString();
    if (failure.isEmpty()) {
        po.insert(u"status"_s, u"paid"_s);
        po.insert(u"reconciliation_status"_s, u"completed"_s);
        update(po);
        emitEvent(u"payout.updated"_s, po, changedAttributes(before, po), owner, nullptr);
        emitEvent(u"payout.paid"_s, po, {}, owner, nullptr);
        return;
    }
    const QJsonObject bt = createBalanceTransaction(po.value("amount"_L1).toInteger(), 0,
                                                    po.value("currency"_L1).toString(), u"payout_failure"_s,
                                                    u"payout_reversal"_s, payoutId, u"Payout failure"_s, owner, now());
    po.insert(u"status"_s, u"failed"_s);
    po.insert(u"failure_code"_s, failure);
    po.insert(u"failure_message"_s, payoutFailureMessage(failure));
    po.insert(u"failure_balance_transaction"_s, bt.value("id"_L1));
    update(po);
    emitEvent(u"payout.updated"_s, po, changedAttributes(before, po), owner, nullptr);
    emitEvent(u"payout.failed"_s, po, {}, owner, nullptr);
}

ApiResponse Emulator::updatePayout(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"payout"_s);
    if (!visible(id, u"payout"_s, ctx.account))
        return notFound(u"payout"_s, id);
    const QJsonObject before = get(id);
    QJsonObject po = before;
    po.insert(u"metadata"_s, mergedMetadata(po.value("metadata"_L1).toObject(), ctx));
    update(po);
    const QJsonObject prev = changedAttributes(before, po);
    if (!prev.isEmpty())
        emitEvent(u"payout.updated"_s, po, prev, ownerOf(id), &ctx);
    return objectResponse(ctx, po);
}

ApiResponse Emulator::cancelPayout(const ApiContext& ctx)
{
    const QString id = ctx.pathParams.value(u"payout"_s);
    if (!visible(id, u"payout"_s, ctx.account))
        return notFound(u"payout"_s, id);
    const QJsonObject before = get(id);
    QJsonObject po = before;
    if (po.value("status"_L1).toString() != "pending"_L1)
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Payout "_s + id + u" cannot be canceled because it has a status of "_s
                         + po.value("status"_L1).toString() + u". Only pending payouts can be canceled."_s);
    const QJsonObject bt = createBalanceTransaction(po.value("amount"_L1).toInteger(), 0,
                                                    po.value("currency"_L1).toString(), u"payout_cancel"_s,
                                                    u"payout_reversal"_s, id, u"Payout cancellation"_s, ownerOf(id),
                                                    now());
    po.insert(u"status"_s, u"canceled"_s);
    po.insert(u"failure_balance_transaction"_s, bt.value("id"_L1));
    update(po);
    m_payoutFailures.remove(id);
    emitEvent(u"payout.canceled"_s, po, changedAttributes(before, po), ownerOf(id), &ctx);
    return objectResponse(ctx, po);
}

ApiResponse Emulator::balance(const ApiContext& ctx)
{
    QMap<QString, std::pair<qint64, qint64>> sums; // currency -> (available, pending)
    const QStringList ids = m_order.value(u"balance_transaction"_s);
    for (const QString& id : ids) {
        if (m_owner.value(id) != ctx.account)
            continue;
        const QJsonObject bt = m_objects.value(id);
        auto& s = sums[bt.value("currency"_L1).toString()];
        if (bt.value("status"_L1).toString() == "available"_L1)
            s.first += bt.value("net"_L1).toInteger();
        else
            s.second += bt.value("net"_L1).toInteger();
    }
    if (sums.isEmpty()) {
        const QString c = ctx.account.isEmpty() ? u"usd"_s : get(ctx.account).value("default_currency"_L1).toString();
        sums.insert(c.isEmpty() ? u"usd"_s : c, {0, 0});
    }
    QJsonArray available;
    QJsonArray pending;
    QJsonArray reserved;
    for (auto it = sums.begin(); it != sums.end(); ++it) {
        available.append(QJsonObject{{u"amount"_s, it->first},
                                     {u"currency"_s, it.key()},
                                     {u"source_types"_s, QJsonObject{{u"card"_s, it->first}}}});
        pending.append(QJsonObject{{u"amount"_s, it->second},
                                   {u"currency"_s, it.key()},
                                   {u"source_types"_s, QJsonObject{{u"card"_s, it->second}}}});
        reserved.append(QJsonObject{{u"amount"_s, 0}, {u"currency"_s, it.key()}});
    }
    QJsonObject b{{u"object"_s, u"balance"_s},
                  {u"available"_s, available},
                  {u"pending"_s, pending},
                  {u"livemode"_s, false}};
    if (ctx.account.isEmpty())
        b.insert(u"connect_reserved"_s, reserved);
    ApiResponse r;
    r.body = b;
    return r;
}

// ---------------------------------------------------------------------------------------------
// Files

ApiResponse Emulator::createFile(const ApiContext& ctx)
{
    const QJsonObject& p = ctx.params;
    const QString purpose = p.value("purpose"_L1).toString();
    // The spec marks the purpose enum x-stripeBypassValidation (Stripe may add purposes), so the
    // validator lets others through; creating a file with a purpose outside the request schema's enum
    // is refused as Stripe does.
    const QJsonArray creatable = m_spec->document()
                                     .value("paths"_L1).toObject()
                                     .value("/v1/files"_L1).toObject()
                                     .value("post"_L1).toObject()
                                     .value("requestBody"_L1).toObject()
                                     .value("content"_L1).toObject()
                                     .value("multipart/form-data"_L1).toObject()
                                     .value("schema"_L1).toObject()
                                     .value("properties"_L1).toObject()
                                     .value("purpose"_L1).toObject()
                                     .value("enum"_L1).toArray();
    const FilePurpose* rules = filePurpose(purpose);
    if (!creatable.contains(purpose) || !rules) {
        QStringList names;
        for (const QJsonValue& v : creatable)
            names.append(v.toString());
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Invalid purpose: must be one of "_s + names.join(u", "_s), u"purpose"_s);
    }
    const qint64 size = ctx.fileContent.size();
    if (size == 0)
        return error(400, u"invalid_request_error"_s, QString(), u"The file you uploaded is empty."_s, u"file"_s);
    if (size > rules->maxBytes) {
        const QString limit = rules->maxBytes >= kMiB ? QString::number(rules->maxBytes / kMiB) + u" MB"_s
                                                      : QString::number(rules->maxBytes / 1024) + u" KB"_s;
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Files with purpose '"_s + purpose + u"' can be at most "_s + limit + u"; this one has "_s
                         + QString::number(size) + u" bytes."_s,
                     u"file"_s);
    }
    const QString type = detectFileType(ctx.fileContent, ctx.fileName, ctx.fileContentType);
    const QStringList allowed = QString::fromLatin1(rules->types).split(u' ');
    if (!allowed.contains(type))
        return error(400, u"invalid_request_error"_s, QString(),
                     u"Files with purpose '"_s + purpose + u"' must be one of these formats: "_s
                         + allowed.join(u", "_s) + u"; the uploaded file is "_s
                         + (type.isEmpty() ? u"not one of them"_s : type) + u'.',
                     u"file"_s);
    const QString id = newId(u"file_"_s);
    QJsonArray links;
    const QJsonObject linkData = p.value("file_link_data"_L1).toObject();
    if (linkData.value("create"_L1).toBool()) {
        if (!rules->downloadable)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"File links cannot be created for files with purpose '"_s + purpose + u"'."_s,
                         u"file_link_data[create]"_s);
        const QJsonValue expiresAt = linkData.contains("expires_at"_L1) ? linkData.value("expires_at"_L1)
                                                                         : QJsonValue(QJsonValue::Null);
        if (expiresAt.isDouble() && expiresAt.toInteger() <= now())
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The link expiry must be in the future."_s, u"file_link_data[expires_at]"_s);
        QJsonObject linkMetadata;
        const QJsonObject md = linkData.value("metadata"_L1).toObject();
        for (auto it = md.begin(); it != md.end(); ++it)
            if (!it.value().toString().isEmpty())
                linkMetadata.insert(it.key(), it.value().toString());
        const QString linkId = newId(u"link_"_s);
        links.append(QJsonObject{{u"id"_s, linkId},
                                 {u"object"_s, u"file_link"_s},
                                 {u"created"_s, now()},
                                 {u"expired"_s, false},
                                 {u"expires_at"_s, expiresAt},
                                 {u"file"_s, id},
                                 {u"livemode"_s, false},
                                 {u"metadata"_s, linkMetadata},
                                 {u"url"_s, QString(u"https://files.stripe.com/links/emulator_"_s + linkId)}});
    }
    QJsonObject f{{u"id"_s, id},
                  {u"object"_s, u"file"_s},
                  {u"created"_s, now()},
                  {u"expires_at"_s, rules->expirySeconds > 0 ? QJsonValue(now() + rules->expirySeconds)
                                                              : QJsonValue(QJsonValue::Null)},
                  {u"filename"_s, str(ctx.fileName)},
                  {u"links"_s, QJsonObject{{u"object"_s, u"list"_s},
                                           {u"data"_s, links},
                                           {u"has_more"_s, false},
                                           {u"url"_s, QString(u"/v1/file_links?file="_s + id)}}},
                  {u"purpose"_s, purpose},
                  {u"size"_s, size},
                  {u"title"_s, QJsonValue::Null},
                  {u"type"_s, type},
                  {u"url"_s, rules->downloadable
                                 ? QJsonValue(QString(u"https://files.stripe.com/v1/files/"_s + id + u"/contents"_s))
                                 : QJsonValue(QJsonValue::Null)}};
    put(u"file"_s, f, ctx.account);
    emitEvent(u"file.created"_s, f, {}, ctx.account, &ctx);
    return objectResponse(ctx, f);
}

// Evidence fields that take a file must name an uploaded file of this account meant for disputes.
std::optional<ApiResponse> Emulator::checkEvidenceFiles(const QJsonObject& evidence, const QString& account) const
{
    for (auto it = evidence.begin(); it != evidence.end(); ++it) {
        if (!kEvidenceFileFields.contains(it.key()))
            continue;
        const QString fileId = it.value().toString();
        if (fileId.isEmpty())
            continue; // unsets the field
        const QString param = u"evidence["_s + it.key() + u']';
        if (!visible(fileId, u"file"_s, account))
            return error(400, u"invalid_request_error"_s, u"resource_missing"_s,
                         u"No such file upload: '"_s + fileId + u"'"_s, param);
        const QString purpose = get(fileId).value("purpose"_L1).toString();
        const bool ok = purpose == "dispute_evidence"_L1
            || (it.key() == "customer_signature"_L1 && purpose == "customer_signature"_L1);
        if (!ok)
            return error(400, u"invalid_request_error"_s, QString(),
                         u"The file '"_s + fileId + u"' was uploaded with purpose '"_s + purpose
                             + u"'; dispute evidence needs a file with purpose 'dispute_evidence'."_s,
                         param);
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// After loading a state file: rebuild what is not stored (balance transactions the file leaves out,
// pending transitions, the dispute flag on charges).

void Emulator::deriveAfterLoad()
{
    const qint64 t = now();
    auto hasBt = [this](const QJsonValue& id) {
        return id.isString() && get(id.toString()).value("object"_L1).toString() == "balance_transaction"_L1;
    };
    const QStringList charges = m_order.value(u"charge"_s);
    for (const QString& id : charges) {
        QJsonObject ch = get(id);
        if (ch.value("status"_L1).toString() == "succeeded"_L1 && ch.value("captured"_L1).toBool()
            && !hasBt(ch.value("balance_transaction"_L1))) {
            const qint64 amount = ch.value("amount_captured"_L1).toInteger();
            const QString currency = ch.value("currency"_L1).toString();
            const QJsonObject bt = createBalanceTransaction(amount, cardFee(amount, currency), currency, u"charge"_s,
                                                            u"charge"_s, id, ch.value("description"_L1).toString(),
                                                            ownerOf(id), ch.value("created"_L1).toInteger());
            ch.insert(u"balance_transaction"_s, bt.value("id"_L1));
            update(ch);
        }
    }
    const QStringList refunds = m_order.value(u"refund"_s);
    QHash<QString, qint64> refundedByCharge;
    for (const QString& id : refunds) {
        const QJsonObject re = get(id);
        const QString st = re.value("status"_L1).toString();
        if (st != "failed"_L1 && st != "canceled"_L1)
            refundedByCharge[re.value("charge"_L1).toString()] += re.value("amount"_L1).toInteger();
    }
    for (auto it = refundedByCharge.begin(); it != refundedByCharge.end(); ++it) {
        QJsonObject ch = get(it.key());
        if (ch.value("object"_L1).toString() != "charge"_L1
            || ch.value("amount_refunded"_L1).toInteger() >= it.value())
            continue;
        ch.insert(u"amount_refunded"_s, it.value());
        ch.insert(u"refunded"_s, it.value() >= ch.value("amount_captured"_L1).toInteger());
        update(ch);
    }
    for (const QString& id : refunds) {
        QJsonObject re = get(id);
        const QString st = re.value("status"_L1).toString();
        if ((st == "succeeded"_L1 || st == "pending"_L1) && !hasBt(re.value("balance_transaction"_L1))) {
            const QJsonObject bt = createBalanceTransaction(-re.value("amount"_L1).toInteger(), 0,
                                                            re.value("currency"_L1).toString(), u"refund"_s,
                                                            u"refund"_s, id, QString(), ownerOf(id),
                                                            re.value("created"_L1).toInteger());
            re.insert(u"balance_transaction"_s, bt.value("id"_L1));
            update(re);
        }
        if (st == "pending"_L1)
            schedule(qMax(t, re.value("created"_L1).toInteger() + qMax<qint64>(m_config.refundDelay, 5)),
                     u"refund"_s, id);
    }
    const QStringList disputes = m_order.value(u"dispute"_s);
    for (const QString& id : disputes) {
        QJsonObject dp = get(id);
        const QString st = dp.value("status"_L1).toString();
        const QString chargeId = dp.value("charge"_L1).toString();
        QJsonObject ch = get(chargeId);
        if (!ch.isEmpty() && !ch.value("disputed"_L1).toBool()) {
            ch.insert(u"disputed"_s, true);
            update(ch);
        }
        QJsonObject evidence = fixture(u"dispute"_s).value("evidence"_L1).toObject();
        const QJsonObject given = dp.value("evidence"_L1).toObject();
        for (auto it = given.begin(); it != given.end(); ++it)
            evidence.insert(it.key(), it.value());
        dp.insert(u"evidence"_s, evidence);
        update(dp);
        if (!st.startsWith("warning"_L1) && dp.value("balance_transactions"_L1).toArray().isEmpty()) {
            const QString currency = dp.value("currency"_L1).toString();
            const qint64 amount = dp.value("amount"_L1).toInteger();
            QJsonArray bts{createBalanceTransaction(-amount, disputeFee(currency), currency, u"adjustment"_s,
                                                    u"dispute"_s, id, u"Chargeback withdrawal for "_s + chargeId,
                                                    ownerOf(id), dp.value("created"_L1).toInteger())};
            // a dispute already won gave the amount and the fee back, as decideDispute does
            if (st == "won"_L1)
                bts.append(createBalanceTransaction(amount + disputeFee(currency), 0, currency, u"adjustment"_s,
                                                    u"dispute_reversal"_s, id, u"Chargeback reversal for "_s + chargeId,
                                                    ownerOf(id), dp.value("created"_L1).toInteger()));
            dp.insert(u"balance_transactions"_s, bts);
            update(dp);
        }
        if (st == "under_review"_L1 || st == "warning_under_review"_L1)
            schedule(t + m_config.disputeDelay, u"dispute"_s, id);
    }
    const QStringList transfers = m_order.value(u"transfer"_s);
    for (const QString& id : transfers) {
        QJsonObject tr = get(id);
        if (!tr.contains("reversals"_L1))
            tr.insert(u"reversals"_s, QJsonObject{{u"object"_s, u"list"_s},
                                                  {u"data"_s, QJsonArray()},
                                                  {u"has_more"_s, false},
                                                  {u"url"_s, QString(u"/v1/transfers/"_s + id + u"/reversals"_s)}});
        if (!hasBt(tr.value("balance_transaction"_L1))) {
            const qint64 amount = tr.value("amount"_L1).toInteger();
            const QString currency = tr.value("currency"_L1).toString();
            const QJsonObject bt = createBalanceTransaction(-amount, 0, currency, u"transfer"_s, u"transfer"_s, id,
                                                            QString(), ownerOf(id), tr.value("created"_L1).toInteger());
            tr.insert(u"balance_transaction"_s, bt.value("id"_L1));
            const QString dest = tr.value("destination"_L1).toString();
            if (!dest.isEmpty())
                createBalanceTransaction(amount, 0, currency, u"payment"_s, u"charge"_s,
                                         tr.value("destination_payment"_L1).toString(), QString(), dest,
                                         tr.value("created"_L1).toInteger());
        }
        update(tr);
    }
    const QStringList payouts = m_order.value(u"payout"_s);
    for (const QString& id : payouts) {
        QJsonObject po = get(id);
        const QString st = po.value("status"_L1).toString();
        if (!hasBt(po.value("balance_transaction"_L1))) {
            const QJsonObject bt = createBalanceTransaction(-po.value("amount"_L1).toInteger(), 0,
                                                            po.value("currency"_L1).toString(), u"payout"_s,
                                                            u"payout"_s, id, u"STRIPE PAYOUT"_s, ownerOf(id),
                                                            po.value("created"_L1).toInteger());
            po.insert(u"balance_transaction"_s, bt.value("id"_L1));
            update(po);
        }
        if (st == "pending"_L1 || st == "in_transit"_L1)
            schedule(t + (st == "pending"_L1 ? m_config.payoutTransitDelay : m_config.payoutPaidDelay), u"payout"_s,
                     id);
    }
    const QStringList bts = m_order.value(u"balance_transaction"_s);
    for (const QString& id : bts) {
        const QJsonObject bt = get(id);
        if (bt.value("status"_L1).toString() == "pending"_L1)
            schedule(bt.value("available_on"_L1).toInteger(), u"bt"_s, id);
    }
}

} // namespace Bursar::Emulator
