#pragma once

#include <QDialog>

class QFormLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Bursar::Ui {

// Asks for the reason of an audited request, with the request restated in words above it: a repair action
// (with a note, and who takes it over to hand it to a person), the resolution of a reconciliation
// difference, a reconciliation run. OK stays disabled until every required field is written; the words
// go to the request, which keeps them in the audit log.
//
//   ReasonDialog::Options o;
//   o.title = tr("Release …"); o.restatement = tr("The agent …"); o.okText = tr("Release the reservation");
//   auto* d = new ReasonDialog(o, this);
//   d->insertRow(tr("From:"), dateEdit);          // a field of the request's own, above the reason
//   connect(d, &QDialog::accepted, this, [d] { send(d->reason(), d->note()); });
class ReasonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReasonDialog)

public:
    struct Options
    {
        QString title;
        QString restatement;
        QString okText;
        QString reasonLabel;       // "Reason:" when empty
        QString reasonPlaceholder; // "Why (required; kept in the audit log)" when empty
        bool reasonRequired = true;
        bool withNote = false;
        bool withAssignee = false; // a required "Hand to:" field
    };

    ReasonDialog(const Options& options, QWidget* parent);

    void insertRow(const QString& label, QWidget* field);

    QString reason() const;
    QString note() const;
    QString assignee() const;
    QPushButton* okButton() const { return m_ok; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }
    QLineEdit* assigneeEdit() const { return m_assignee; }

private:
    void updateOk();

    bool m_reasonRequired;
    QFormLayout* m_form;
    QPlainTextEdit* m_reason;
    QLineEdit* m_note = nullptr;
    QLineEdit* m_assignee = nullptr;
    QPushButton* m_ok;
    int m_inserted = 0;
};

} // namespace Bursar::Ui
