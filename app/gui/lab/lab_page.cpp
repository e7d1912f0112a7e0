#include "lab/lab_page.h"

namespace xun::gui {

LabPage::LabPage(AppServices&, QWidget* parent) : QWidget(parent) {}

}  // namespace xun::gui
