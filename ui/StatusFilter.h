#pragma once

#include "core/Status.h"

class QComboBox;

namespace Bursar::Ui {

// Fills a filter combo box with "any" (no data) and every status of a kind from the catalogue
// (Core::Status: the translated words as text, the code as item data), keeping the selected code.
// Call it again on QEvent::LanguageChange.
void fillStatusCombo(QComboBox* combo, Core::StatusKind kind, const QString& anyText);

} // namespace Bursar::Ui
