// The French catalogue finds the messages of the non-QObject code (refund policy, refund errors,
// connection strings, money, Stripe): each file translates under the context lupdate files its
// strings under (Q_DECLARE_TR_FUNCTIONS), so bursar_fr.qm has them and they come back in French.
// Links bursar_ui, which embeds the .qm files at :/i18n (qt_add_translations in translations/).
#include "Translations.h"

#include "core/Money.h"
#include "core/Status.h"
#include "db/ConnectionConfig.h"
#include "db/Error.h"
#include "services/BooksVerification.h"
#include "services/RefundPolicy.h"
#include "services/RefundService.h"
#include "stripe/StripeConfig.h"
#include "stripe/StripeError.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {
QString malformedDsnError()
{
    QString error;
    Db::ConnectionConfig::parse(u"host=localhost port"_s, &error);
    return error;
}

QString refundReasonDuplicate()
{
    return Services::refundReasonText(Services::RefundReason::Duplicate);
}

QString refundBlocked()
{
    Services::RefundPreview p;
    p.publicId = u"ORD-0000042"_s;
    p.paymentStatus = u"pending"_s;
    return p.blockedText();
}

QString refundInputNoNote()
{
    Services::RefundPreview p;
    p.publicId = u"ORD-0000042"_s;
    p.currency = Core::Currency::of(u"EUR");
    p.refundable = Core::Money(5000, p.currency);
    return validateRefundInput(u"10.00"_s, u"  "_s, p, QLocale::c()).error;
}

QString refundErrorSecondApprover()
{
    return Db::Error::fromSqlError(QSqlError(u"QPSQL"_s,
                                             u"ERROR:  you requested refund 3\nHINT:  bursar:approver_is_requester\n(23514)"_s,
                                             QSqlError::StatementError, u"23514"_s))
        .message();
}

QString refundErrorRole()
{
    return Db::Error::fromSqlError(QSqlError(u"QPSQL"_s, u"ERROR:  permission denied for function x\n(42501)"_s,
                                             QSqlError::StatementError, u"42501"_s))
        .message();
}

QString tooManyDecimals(const char* currency, const char* amount)
{
    return Core::Money::parse(QString::fromLatin1(amount), Core::Currency::of(QString::fromLatin1(currency)),
                              QLocale::c())
        .error;
}
} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_french.load(u":/i18n/bursar_fr.qm"_s), "bursar_fr.qm is not embedded at :/i18n");
        QVERIFY(!m_french.isEmpty());
    }

    void cleanup() { QCoreApplication::removeTranslator(&m_french); }

    // (d) No translator: the source texts.
    void englishWithoutTranslator()
    {
        QCOMPARE(refundReasonDuplicate(), u"Duplicate charge"_s);
        QCOMPARE(refundBlocked(), u"Order ORD-0000042 cannot be refunded: its payment was never captured."_s);
        QCOMPARE(refundInputNoNote(), u"Write an internal note: why is this refund made?"_s);
        QCOMPARE(refundErrorSecondApprover(),
                 u"You requested this refund; another finance or admin user must approve or reject it."_s);
        QCOMPARE(refundErrorRole(), u"Your role may not do this."_s);
        QCOMPARE(malformedDsnError(),
                 u"The database connection string is malformed: \"port\" needs a value: write port=value."_s);
        QCOMPARE(tooManyDecimals("USD", "12.345"), u"USD has 2 decimal place(s); remove the extra digits."_s);
    }

    // (a) RefundPolicy.cpp: free functions and RefundPreview members, one context.
    void refundPolicyInFrench()
    {
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(refundReasonDuplicate(), u"Paiement en double"_s);
        QCOMPARE(Services::refundReasonText(Services::RefundReason::RequestedByCustomer),
                 u"Demandé par le client"_s);
        QCOMPARE(refundBlocked(),
                 u"La commande ORD-0000042 ne peut pas être remboursée : son paiement n’a jamais été capturé."_s);
        QCOMPARE(refundInputNoNote(), u"Rédigez une note interne : pourquoi ce remboursement ?"_s);
    }

    // (b) Error.cpp / ErrorCodes.cpp: rule codes and permission failures become translated words.
    void refundServiceErrorsInFrench()
    {
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(refundErrorSecondApprover(),
                 u"Vous avez demandé ce remboursement ; un autre utilisateur finance ou administrateur doit "
                 "l’approuver ou le rejeter."_s);
        QCOMPARE(refundErrorRole(), u"Votre rôle ne permet pas de faire cela."_s);
    }

    // BooksVerification.cpp: free tr() helpers under the context lupdate gives them (BooksCheck's).
    void booksCheckInFrench()
    {
        QCOMPARE(Services::BooksCheck::titleOf(u"wallet_balance"_s), u"Every wallet equals the sum of its ledger"_s);
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(Services::BooksCheck::titleOf(u"wallet_balance"_s),
                 u"Chaque portefeuille correspond à la somme de son grand livre"_s);
    }

    // (c) ConnectionConfig.cpp: the parser's message (free function) inside parse()'s (member).
    void connectionConfigInFrench()
    {
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(malformedDsnError(),
                 u"La chaîne de connexion à la base de données est mal formée : « port » attend une valeur : "
                 "écrivez port=valeur."_s);
        QString error;
        Db::ConnectionConfig::parse(u"host='localhost"_s, &error);
        QCOMPARE(error,
                 u"La chaîne de connexion à la base de données est mal formée : La valeur entre guillemets de "
                 "« host » n’est pas fermée."_s);
    }

    // Money.cpp: the decimal-places message is a numerus message with both French forms.
    void moneyPluralInFrench()
    {
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(tooManyDecimals("USD", "12.345"), u"USD a 2 décimales ; supprimez les chiffres en trop."_s);
        QCOMPARE(tooManyDecimals("KWD", "1.2345"), u"KWD a 3 décimales ; supprimez les chiffres en trop."_s);
        const char* source = "%1 has %n decimal place(s); remove the extra digits.";
        QCOMPARE(QCoreApplication::translate("Bursar::Core::Money", source, nullptr, 1).arg(u"XYZ"_s),
                 u"XYZ a 1 décimale ; supprimez les chiffres en trop."_s);
        QCOMPARE(QCoreApplication::translate("Bursar::Core::Money", source, nullptr, 0).arg(u"XYZ"_s),
                 u"XYZ a 0 décimale ; supprimez les chiffres en trop."_s);
    }

    // Stripe's files keep their contexts; their messages stay French.
    void stripeInFrench()
    {
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QVERIFY(Stripe::StripeConfig::keyProblem(u"pk_test_123"_s).startsWith(u"La clé Stripe configurée"_s));
        QVERIFY(Stripe::StripeError::timeout(u"x"_s).userMessage().startsWith(u"Stripe n’a pas répondu"_s));
    }

    // Status.cpp: every status has French words, told apart by kind ("Pending" of a refund and of an event).
    void statusesInFrench()
    {
        using Core::Status;
        using Core::StatusKind;
        QCOMPARE(Status::text(StatusKind::Payment, u"partially_refunded"), u"Part refunded"_s);
        QVERIFY(QCoreApplication::installTranslator(&m_french));
        QCOMPARE(Status::text(StatusKind::Payment, u"partially_refunded"), u"Remboursé en partie"_s);
        QCOMPARE(Status::text(StatusKind::Operation, u"failed"), u"Échouée"_s);
        QCOMPARE(Status::text(StatusKind::Refund, u"failed"), u"Échoué"_s);
        QCOMPARE(Status::text(StatusKind::Kyc, u"pending_verification"), u"Vérification en cours"_s);
        for (StatusKind kind : Status::kinds())
            for (const Status::Entry& e : Status::entries(kind))
                QVERIFY2(e.text() != QString::fromUtf8(e.source),
                         qPrintable(u"%1/%2 has no French words"_s.arg(Status::kindName(kind), e.code)));
    }

    // The console's own loader (the settings' language): French, then English with its plural forms.
    void installTranslations()
    {
        QCOMPARE(Ui::installTranslations(u"fr"_s), u"fr"_s);
        QCOMPARE(refundReasonDuplicate(), u"Paiement en double"_s);
        QVERIFY(refundErrorRole().startsWith(u"Votre rôle"_s));
        QVERIFY(malformedDsnError().startsWith(u"La chaîne de connexion"_s));
        QCOMPARE(Ui::installTranslations(u"en"_s), u"en"_s);
        QCOMPARE(refundReasonDuplicate(), u"Duplicate charge"_s);
        QCOMPARE(tooManyDecimals("USD", "12.345"), u"USD has 2 decimal places; remove the extra digits."_s);
    }

private:
    QTranslator m_french;
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
