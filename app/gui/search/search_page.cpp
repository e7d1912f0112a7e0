#include "search/search_page.h"

namespace xun::gui {

SearchPage::SearchPage(AppServices&, QWidget* parent) : QWidget(parent) {}

}  // namespace xun::gui
