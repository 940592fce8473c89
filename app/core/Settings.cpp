#include "Settings.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryFile>

#include <array>

using namespace Qt::StringLiterals;

namespace Bursar::Core {

namespace {
struct KeyInfo
{
    QString name;
    QVariant defaultValue;
    QString environment;
};

// The one place where keys, defaults and their environment overrides are declared.
const std::array<KeyInfo, size_t(Settings::Key::Count)>& keyTable()
{
    static const std::array<KeyInfo, size_t(Settings::Key::Count)> table = {{
        {u"connection/database"_s, QString(), u"BURSAR_DB"_s},
        {u"connection/role"_s, QString(), u"BURSAR_ROLE"_s},
        {u"ui/language"_s, QString(), QString()},
        {u"window/geometry"_s, QByteArray(), QString()},
        {u"window/state"_s, QByteArray(), QString()},
        {u"window/lastPanel"_s, u"overview"_s, QString()},
        {u"panels/%1/header"_s, QByteArray(), QString()},
        {u"panels/%1/savedFilters"_s, QVariantMap(), QString()},
    }};
    return table;
}

const KeyInfo& info(Settings::Key key)
{
    return keyTable().at(size_t(key));
}
} // namespace

Settings::Settings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
}

Settings::Settings(const QString& iniFile, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

Settings::~Settings()
{
    m_settings.reset();
    if (!m_tempFile.isEmpty())
        QFile::remove(m_tempFile);
}

std::unique_ptr<Settings> Settings::temporary(QObject* parent)
{
    QTemporaryFile file(QDir::tempPath() + u"/bursar-settings-XXXXXX.ini"_s);
    file.setAutoRemove(false);
    if (!file.open())
        qFatal("cannot create a temporary settings file in %s", qPrintable(QDir::tempPath()));
    const QString path = file.fileName();
    file.close();
    auto s = std::make_unique<Settings>(path, parent);
    s->m_tempFile = path;
    return s;
}

QString Settings::keyName(Key key)
{
    return info(key).name;
}

QVariant Settings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

QString Settings::environmentVariable(Key key)
{
    return info(key).environment;
}

bool Settings::isScoped(Key key)
{
    return info(key).name.contains(u"%1"_s);
}

QVariant Settings::value(Key key, const QString& scope) const
{
    const KeyInfo& k = info(key);
    QVariant v = m_settings->value(k.name.arg(scope), k.defaultValue);
    if (k.defaultValue.isValid() && v.metaType() != k.defaultValue.metaType())
        v.convert(k.defaultValue.metaType());
    return v;
}

void Settings::setValue(Key key, const QString& scope, const QVariant& v)
{
    if (value(key, scope) == v)
        return;
    const QString name = info(key).name.arg(scope);
    if (v == defaultValue(key))
        m_settings->remove(name);
    else
        m_settings->setValue(name, v);
    Q_EMIT changed(key);
}

QVariant Settings::value(Key key) const
{
    const KeyInfo& k = info(key);
    QVariant v = m_settings->value(k.name, k.defaultValue);
    if (k.defaultValue.isValid() && v.metaType() != k.defaultValue.metaType())
        v.convert(k.defaultValue.metaType());
    return v;
}

void Settings::setValue(Key key, const QVariant& v)
{
    if (value(key) == v)
        return;
    if (v == defaultValue(key))
        m_settings->remove(keyName(key));
    else
        m_settings->setValue(keyName(key), v);
    Q_EMIT changed(key);
    switch (key) {
    case Key::Database:
        Q_EMIT databaseChanged();
        break;
    case Key::Role:
        Q_EMIT roleChanged();
        break;
    case Key::Language:
        Q_EMIT languageChanged();
        break;
    case Key::WindowGeometry:
    case Key::WindowState:
    case Key::LastPanel:
    case Key::HeaderState:
    case Key::SavedFilters:
    case Key::Count:
        break;
    }
}

void Settings::reset(Key key)
{
    setValue(key, defaultValue(key));
}

bool Settings::isOverridden(Key key) const
{
    const QString& env = info(key).environment;
    return !env.isEmpty() && !qEnvironmentVariable(env.toUtf8().constData()).trimmed().isEmpty();
}

QVariant Settings::effectiveValue(Key key) const
{
    if (isOverridden(key))
        return qEnvironmentVariable(info(key).environment.toUtf8().constData()).trimmed();
    return value(key);
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace Bursar::Core
