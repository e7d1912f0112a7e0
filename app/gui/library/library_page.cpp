#include "library/library_page.h"

namespace xun::gui {

LibraryPage::LibraryPage(AppServices&, QWidget* parent) : QWidget(parent) {}

}  // namespace xun::gui
