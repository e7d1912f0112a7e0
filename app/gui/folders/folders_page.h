// Placeholder: replaced by the real page.
#pragma once

#include <QWidget>

namespace xun::gui {

class AppServices;
class Localization;

class FoldersPage final : public QWidget {
  Q_OBJECT

 public:
  explicit FoldersPage(AppServices& services, QWidget* parent = nullptr);

};

}  // namespace xun::gui
