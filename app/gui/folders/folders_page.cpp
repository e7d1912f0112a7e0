#include "folders/folders_page.h"

namespace xun::gui {

FoldersPage::FoldersPage(AppServices&, QWidget* parent) : QWidget(parent) {}

}  // namespace xun::gui
