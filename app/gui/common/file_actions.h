// What a user can do with a result's file: open it with the system's application, show it in
// the system's file manager, copy its path. The first two start other programs, so they are
// std::functions that tests replace with ones that only record the call.
#pragma once

#include <functional>

#include <QCoreApplication>
#include <QString>

class QMenu;
class QObject;

namespace xun::gui {

struct FileActions {
  Q_DECLARE_TR_FUNCTIONS(xun::gui::FileActions)

 public:
  std::function<void(const QString& path)> open = openWithSystem;
  std::function<void(const QString& path)> reveal = showInFileManager;

  // QDesktopServices: the application the desktop associates with the file.
  static void openWithSystem(const QString& path);
  // Selects the file in Explorer (Windows) or the Finder (macOS); elsewhere opens its folder.
  static void showInFileManager(const QString& path);
  static void copyPath(const QString& path);  // to the clipboard

  // Adds Open, Show in folder and Copy path for `path` to `menu`.
  void addTo(QMenu& menu, const QString& path) const;
};

}  // namespace xun::gui
