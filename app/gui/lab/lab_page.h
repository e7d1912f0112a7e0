// Placeholder: replaced by the real page.
#pragma once

#include <QWidget>

namespace xun::gui {

class AppServices;
class Localization;

class LabPage final : public QWidget {
  Q_OBJECT

 public:
  explicit LabPage(AppServices& services, QWidget* parent = nullptr);

};

}  // namespace xun::gui
