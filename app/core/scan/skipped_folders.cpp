#include "scan/skipped_folders.h"

namespace xun::core {

const QStringList& skipped_folder_names() {
  static const QStringList names = {
      // Version control
      ".git",
      ".hg",
      ".svn",
      ".bzr",
      "CVS",
      "_darcs",
      ".jj",
      // Dependencies
      "node_modules",
      "bower_components",
      ".venv",
      "venv",
      "site-packages",
      ".bundle",
      "Pods",
      // Build output
      "build",
      "dist",
      "target",
      ".gradle",
      ".next",
      ".nuxt",
      "DerivedData",
      ".terraform",
      // Caches
      "__pycache__",
      ".cache",
      ".mypy_cache",
      ".pytest_cache",
      ".ruff_cache",
      ".tox",
      ".ccache",
      // Editors and IDEs
      ".idea",
      ".vscode",
      ".vs",
      // System folders on removable drives
      "$RECYCLE.BIN",
      "System Volume Information",
      "lost+found",
      ".Trash",
      ".Trashes",
  };
  return names;
}

bool is_skipped_folder(QStringView name) {
  return skipped_folder_names().contains(name) || name.startsWith(u"cmake-build-");
}

}  // namespace xun::core
