// Placeholder: replaced by the real page.
#pragma once

#include <QWidget>

namespace xun::gui {

class AppServices;
class Localization;

class SettingsPage final : public QWidget {
  Q_OBJECT

 public:
  SettingsPage(AppServices& services, Localization& localization, QWidget* parent = nullptr);
};

}  // namespace xun::gui
