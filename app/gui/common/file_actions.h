// What a user can do with a result's file: open it with the system's application, show it in
// the system's file manager, copy its path. The first two start other programs, so they are
// std::functions that tests replace with ones that only record the call. When no program takes
// the file (no desktop, no application for the type), `failed` hears why, in words for the
// window to show: the user would otherwise see nothing happen.
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
  // Each says whether a program took the file.
  std::function<bool(const QString& path)> open = openWithSystem;
  std::function<bool(const QString& path)> reveal = showInFileManager;
  std::function<void(const QString& message)> failed;

  // QDesktopServices: the application the desktop associates with the file.
  static bool openWithSystem(const QString& path);
  // Selects the file in Explorer (Windows) or the Finder (macOS); elsewhere opens its folder.
  static bool showInFileManager(const QString& path);
  static void copyPath(const QString& path);  // to the clipboard

  // What Open and Show in folder do: `open` or `reveal`, then `failed` with why if they could not.
  void openFile(const QString& path) const;
  void showInFolder(const QString& path) const;

  // Adds Open, Show in folder and Copy path for `path` to `menu`.
  void addTo(QMenu& menu, const QString& path) const;
};

}  // namespace xun::gui
