#include "ReasonDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

ReasonDialog::ReasonDialog(const Options& options, QWidget* parent)
    : QDialog(parent)
    , m_reasonRequired(options.reasonRequired)
    , m_form(new QFormLayout)
    , m_reason(new QPlainTextEdit(this))
{
    setObjectName(u"reasonDialog"_s);
    setWindowTitle(options.title);
    auto* layout = new QVBoxLayout(this);
    auto* what = new QLabel(options.restatement, this);
    what->setObjectName(u"reasonRestatement"_s);
    what->setWordWrap(true);
    layout->addWidget(what);
    m_reason->setObjectName(u"reason"_s);
    m_reason->setPlaceholderText(!options.reasonPlaceholder.isEmpty() ? options.reasonPlaceholder
                                 : m_reasonRequired                   ? tr("Why (required; kept in the audit log)")
                                                                      : tr("Why (kept in the audit log)"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_form->addRow(options.reasonLabel.isEmpty() ? tr("Reason:") : options.reasonLabel, m_reason);
    if (options.withAssignee) {
        m_assignee = new QLineEdit(this);
        m_assignee->setObjectName(u"assignee"_s);
        m_assignee->setPlaceholderText(tr("Login or name of the person (required)"));
        m_form->addRow(tr("Hand to:"), m_assignee);
        connect(m_assignee, &QLineEdit::textChanged, this, &ReasonDialog::updateOk);
    }
    if (options.withNote) {
        m_note = new QLineEdit(this);
        m_note->setObjectName(u"note"_s);
        m_form->addRow(tr("Note:"), m_note);
    }
    layout->addLayout(m_form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    if (!options.okText.isEmpty())
        m_ok->setText(options.okText);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &ReasonDialog::updateOk);
    updateOk();
}

void ReasonDialog::insertRow(const QString& label, QWidget* field)
{
    m_form->insertRow(m_inserted++, label, field);
}

QString ReasonDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}
QString ReasonDialog::note() const
{
    return m_note ? m_note->text().trimmed() : QString();
}
QString ReasonDialog::assignee() const
{
    return m_assignee ? m_assignee->text().trimmed() : QString();
}

void ReasonDialog::updateOk()
{
    m_ok->setEnabled((!m_reasonRequired || !reason().isEmpty()) && (!m_assignee || !assignee().isEmpty()));
}

} // namespace Bursar::Ui
