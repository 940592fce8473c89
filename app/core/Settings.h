#pragma once

#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace Bursar::Core {

// Typed application settings; every key and its default are declared once (Settings.cpp, keyTable()).
// The environment wins over the stored value for the connection keys (BURSAR_DB, BURSAR_ROLE): read
// effective*() to get what the application should use, and isOverridden() to tell the user why a field
// has no effect.
//
//   Core::Settings settings;                                  // the user's settings (organisation/app names)
//   auto s = Core::Settings::temporary();                     // tests: a fresh temp file, removed with s
//   connect(&settings, &Core::Settings::databaseChanged, this, &X::reconnect);
//
// Secrets are never stored here. The console has no Stripe connection at all: only the Bursar agent
// (bursar-cli agent) holds the Stripe key and reaches Stripe.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    enum class Key {
        Database,        // libpq connection string or URL
        Role,            // "" (from the database), support, finance, admin, viewer
        Language,        // "" (system), "en", "fr"
        WindowGeometry,  // QByteArray from QWidget::saveGeometry
        WindowState,     // QByteArray from QMainWindow::saveState (toolbars and docks)
        LastPanel,       // id of the panel shown last
        // Per panel (the scope is the panel's id, e.g. "orders"): use the scoped value()/setValue().
        HeaderState,     // QByteArray from QHeaderView::saveState: column widths, order, hidden, sort
        SavedFilters,    // QVariantMap: filter name -> the filter bar's state (QVariantMap)
        Count
    };

    explicit Settings(QObject* parent = nullptr); // native QSettings for "Bursar"/"bursar"
    Settings(const QString& iniFile, QObject* parent); // an INI file (tests, portable setups)
    ~Settings() override;

    // A settings instance backed by a new temporary INI file that is deleted with it (tests).
    static std::unique_ptr<Settings> temporary(QObject* parent = nullptr);

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    // The environment variable that overrides a key, or an empty string.
    static QString environmentVariable(Key key);

    static bool isScoped(Key key); // a per-panel key: its name holds the scope
    QVariant value(Key key) const;      // stored value or the default (ignores the environment)
    QVariant value(Key key, const QString& scope) const;
    void setValue(Key key, const QString& scope, const QVariant& value); // emits changed(key)
    void setValue(Key key, const QVariant& value); // emits changed(key) and the per-key signal when it differs
    void reset(Key key);
    bool isOverridden(Key key) const;   // the environment variable of this key is set and not empty
    QVariant effectiveValue(Key key) const; // the environment first, then the stored value, then the default

    // Typed accessors (stored values).
    QString database() const { return value(Key::Database).toString(); }
    void setDatabase(const QString& v) { setValue(Key::Database, v); }
    QString role() const { return value(Key::Role).toString(); }
    void setRole(const QString& v) { setValue(Key::Role, v); }
    QString language() const { return value(Key::Language).toString(); }
    void setLanguage(const QString& v) { setValue(Key::Language, v); }
    QByteArray windowGeometry() const { return value(Key::WindowGeometry).toByteArray(); }
    void setWindowGeometry(const QByteArray& v) { setValue(Key::WindowGeometry, v); }
    QByteArray windowState() const { return value(Key::WindowState).toByteArray(); }
    void setWindowState(const QByteArray& v) { setValue(Key::WindowState, v); }
    QString lastPanel() const { return value(Key::LastPanel).toString(); }
    void setLastPanel(const QString& v) { setValue(Key::LastPanel, v); }

    QByteArray headerState(const QString& panel) const { return value(Key::HeaderState, panel).toByteArray(); }
    void setHeaderState(const QString& panel, const QByteArray& v) { setValue(Key::HeaderState, panel, v); }
    QVariantMap savedFilters(const QString& panel) const { return value(Key::SavedFilters, panel).toMap(); }
    void setSavedFilters(const QString& panel, const QVariantMap& v) { setValue(Key::SavedFilters, panel, v); }

    // What the application uses (environment first).
    QString effectiveDatabase() const { return effectiveValue(Key::Database).toString(); }
    QString effectiveRole() const { return effectiveValue(Key::Role).toString().trimmed().toLower(); }

    QString fileName() const;
    void sync();

Q_SIGNALS:
    void changed(Bursar::Core::Settings::Key key);
    void databaseChanged();
    void roleChanged();
    void languageChanged();

private:
    std::unique_ptr<QSettings> m_settings;
    QString m_tempFile; // removed in the destructor when set
};

} // namespace Bursar::Core
