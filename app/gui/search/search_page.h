// Placeholder: replaced by the real page.
#pragma once

#include <QWidget>

namespace xun::gui {

class AppServices;
class Localization;

class SearchPage final : public QWidget {
  Q_OBJECT

 public:
  explicit SearchPage(AppServices& services, QWidget* parent = nullptr);
  void focusQuery() {}
};

}  // namespace xun::gui
