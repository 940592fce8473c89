#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
std::unique_ptr<QTranslator>& appTranslator()
{
    static std::unique_ptr<QTranslator> t;
    return t;
}
std::unique_ptr<QTranslator>& qtTranslator()
{
    static std::unique_ptr<QTranslator> t;
    return t;
}
} // namespace

QStringList availableLanguages()
{
    return {u"en"_s, u"fr"_s};
}

QString languageName(const QString& code)
{
    if (code == u"fr"_s)
        return u"Français"_s;
    if (code == u"en"_s)
        return u"English"_s;
    return code;
}

QString installTranslations(const QString& language)
{
    QString lang = language.trimmed().toLower();
    if (lang.isEmpty() || !availableLanguages().contains(lang)) {
        const QString system = QLocale::system().name().section(u'_', 0, 0);
        lang = availableLanguages().contains(system) ? system : u"en"_s;
    }
    // Keep the system's number and date formats when it speaks the chosen language (fr_CA stays fr_CA).
    QLocale::setDefault(QLocale::system().name().section(u'_', 0, 0) == lang ? QLocale::system() : QLocale(lang));

    for (auto* slot : {&appTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
    auto app = std::make_unique<QTranslator>();
    if (app->load(u":/i18n/bursar_"_s + lang + u".qm"_s)) {
        QCoreApplication::installTranslator(app.get());
        appTranslator() = std::move(app);
    }
    auto qt = std::make_unique<QTranslator>();
    if (lang != u"en"_s && qt->load(u"qtbase_"_s + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    return lang;
}

} // namespace Bursar::Ui
