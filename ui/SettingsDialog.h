#pragma once

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui {
class SettingsDialog;
}
namespace Bursar::Core {
class Settings;
}
namespace Bursar::Db {
class Database;
}

namespace Bursar::Ui {

// Connection settings: the database (checked with ConnectionConfig::parse as you type, and
// "Test connection" opens a temporary Database without blocking), the role, and the language (applied
// at once). Values set by BURSAR_* variables are shown but win anyway. There is nothing about Stripe
// to set: the console never reaches Stripe; the Bursar agent does, with its own key.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(Core::Settings* settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    // After accept(): whether the database or the role changed (the caller reconnects).
    bool connectionChanged() const { return m_connectionChanged; }

    void accept() override;
    void testConnection();

Q_SIGNALS:
    void connectionTested(bool ok, const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    bool validateConnection();
    void retranslate();
    void setMessage(QLabel* label, const QString& text, bool error);

    std::unique_ptr<::Ui::SettingsDialog> m_ui;
    Core::Settings* m_settings;
    Db::Database* m_testDb = nullptr;
    quint64 m_testGeneration = 0;
    bool m_connectionChanged = false;
};

} // namespace Bursar::Ui
