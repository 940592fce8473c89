#include "SettingsDialog.h"
#include "ui_SettingsDialog.h"

#include "Translations.h"

#include "core/Settings.h"
#include "db/Database.h"
#include "db/IdentityRepository.h"

#include <QApplication>
#include <QPointer>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Key = Core::Settings::Key;

SettingsDialog::SettingsDialog(Core::Settings* settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::SettingsDialog>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    setObjectName(u"settingsDialog"_s);
    m_ui->connectionHint->setStyleSheet(u"color: palette(dark);"_s);
    m_ui->stripeNote->setStyleSheet(u"color: palette(dark);"_s);
    m_ui->environmentNote->setStyleSheet(u"color: #b26a00;"_s);
    for (QLabel* l : {m_ui->connectionError, m_ui->testResult})
        l->hide();

    retranslate();
    m_ui->connection->setText(m_settings->database());
    m_ui->role->setCurrentIndex(std::max(0, m_ui->role->findData(m_settings->role())));
    m_ui->language->setCurrentIndex(std::max(0, m_ui->language->findData(m_settings->language())));

    connect(m_ui->connection, &QLineEdit::textChanged, this, [this] { validateConnection(); });
    connect(m_ui->testConnection, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    validateConnection();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setMessage(QLabel* label, const QString& text, bool error)
{
    label->setText(text);
    label->setStyleSheet(error ? u"color: #c62828;"_s : u"color: #2e7d32;"_s);
    label->setVisible(!text.isEmpty());
}

bool SettingsDialog::validateConnection()
{
    const QString text = m_ui->connection->text();
    if (text.trimmed().isEmpty() && m_settings->isOverridden(Key::Database)) {
        setMessage(m_ui->connectionError, {}, false);
        return true;
    }
    QString error;
    const Db::ConnectionConfig config = Db::ConnectionConfig::parse(text, &error);
    if (error.isEmpty() && !config.password.isEmpty())
        // The settings file is plain text: a password there would be a secret on disk.
        error = tr("Remove the password: it would be saved in the settings file in plain text. Put it in "
                   "~/.pgpass or the PGPASSWORD environment variable, or give the whole string in BURSAR_DB.");
    setMessage(m_ui->connectionError, error, true);
    return error.isEmpty();
}

void SettingsDialog::testConnection()
{
    QString error;
    QString text = m_ui->connection->text();
    if (text.trimmed().isEmpty() && m_settings->isOverridden(Key::Database))
        text = m_settings->effectiveDatabase();
    Db::ConnectionConfig config = Db::ConnectionConfig::parse(text, &error);
    if (!error.isEmpty()) {
        setMessage(m_ui->testResult, error, true);
        Q_EMIT connectionTested(false, error);
        return;
    }
    config.role = m_ui->role->currentData().toString();
    config.applicationName = u"bursar-settings-test"_s;
    m_ui->testConnection->setEnabled(false);
    setMessage(m_ui->testResult, tr("Connecting…"), false);
    m_ui->testResult->setStyleSheet(u"color: palette(dark);"_s);

    // The temporary database outlives the dialog if the dialog closes first: it is deleted (on the
    // GUI thread, by qApp) when its answer arrives, which connect_timeout bounds.
    auto* db = new Db::Database(config, Db::Database::Options{1, std::chrono::milliseconds(0)});
    const quint64 generation = ++m_testGeneration;
    QPointer<SettingsDialog> self(this);
    auto done = [self, generation](bool ok, const QString& message) {
        if (!self || generation != self->m_testGeneration)
            return;
        self->m_ui->testConnection->setEnabled(true);
        const QString oneLine = message.simplified(); // libpq's messages carry line breaks and tabs
        self->setMessage(self->m_ui->testResult, oneLine, !ok);
        Q_EMIT self->connectionTested(ok, oneLine);
    };
    Db::IdentityRepository::probe(db, false)
        .then(qApp,
              [db, done](const Db::ServerProbe& r) {
                  db->deleteLater();
                  done(true, r.schema ? tr("Connected as %1 to PostgreSQL %2.").arg(r.user, r.serverVersion)
                                      : tr("Connected as %1 to PostgreSQL %2, but the database has no Bursar tables "
                                           "yet: run \"bursar-cli migrate\".")
                                            .arg(r.user, r.serverVersion));
              })
        .onFailed(qApp,
                  [db, done](const Db::Error& e) {
                      db->deleteLater();
                      done(false, e.message());
                  })
        .onFailed(qApp, [db, done] {
            db->deleteLater();
            done(false, tr("The connection test failed."));
        });
}

void SettingsDialog::accept()
{
    if (!validateConnection())
        return;
    const QString role = m_ui->role->currentData().toString();
    m_connectionChanged = m_ui->connection->text().trimmed() != m_settings->database() || role != m_settings->role();
    m_settings->setDatabase(m_ui->connection->text().trimmed());
    m_settings->setRole(role);
    m_settings->setLanguage(m_ui->language->currentData().toString());
    QDialog::accept();
}

void SettingsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        const QString role = m_ui->role->currentData().toString();
        const QString language = m_ui->language->currentData().toString();
        m_ui->retranslateUi(this);
        retranslate();
        m_ui->role->setCurrentIndex(std::max(0, m_ui->role->findData(role)));
        m_ui->language->setCurrentIndex(std::max(0, m_ui->language->findData(language)));
    }
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslate()
{
    m_ui->role->clear();
    m_ui->role->addItem(tr("From the database user"), QString());
    //: staff role
    m_ui->role->addItem(tr("Support"), u"support"_s);
    //: staff role
    m_ui->role->addItem(tr("Finance"), u"finance"_s);
    //: staff role
    m_ui->role->addItem(tr("Administrator"), u"admin"_s);
    //: staff role (read only)
    m_ui->role->addItem(tr("Viewer"), u"viewer"_s);
    m_ui->language->clear();
    m_ui->language->addItem(tr("System language"), QString());
    for (const QString& code : availableLanguages())
        m_ui->language->addItem(languageName(code), code);

    QStringList notes;
    for (Key k : {Key::Database, Key::Role})
        if (m_settings->isOverridden(k))
            notes << Core::Settings::environmentVariable(k);
    m_ui->environmentNote->setText(
        notes.isEmpty() ? QString()
                        : tr("Set in the environment, and used instead of the values here: %1.")
                              .arg(notes.join(u", "_s)));
    m_ui->environmentNote->setVisible(!notes.isEmpty());
}

} // namespace Bursar::Ui
