#include "StatusFilter.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace Bursar::Ui {

void fillStatusCombo(QComboBox* combo, Core::StatusKind kind, const QString& anyText)
{
    const QSignalBlocker block(combo);
    const QVariant selected = combo->currentData();
    combo->clear();
    combo->addItem(anyText, QString());
    for (const Core::Status::Entry& e : Core::Status::entries(kind))
        combo->addItem(e.text(), e.code);
    combo->setCurrentIndex(std::max(0, selected.toString().isEmpty() ? 0 : combo->findData(selected)));
}

} // namespace Bursar::Ui
