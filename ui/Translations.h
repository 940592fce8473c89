#pragma once

#include <QString>
#include <QStringList>

namespace Bursar::Ui {

// Loads the console's translations (embedded at :/i18n by qt_add_translations) and Qt's own,
// replacing the ones installed before; widgets then receive QEvent::LanguageChange and retranslate.
// language: "en", "fr", or empty for the system locale. Returns the language actually used.
QString installTranslations(const QString& language);

// The languages the console ships: code and native name ("fr", "Français").
QStringList availableLanguages();
QString languageName(const QString& code);

} // namespace Bursar::Ui
