#include "settings/settings_page.h"

namespace xun::gui {

SettingsPage::SettingsPage(AppServices&, Localization&, QWidget* parent) : QWidget(parent) {}

}  // namespace xun::gui
