// Folders that hold tool output rather than a person's documents: version control data,
// dependencies, build output, caches and editor settings. The one list, used by the scanner.
#pragma once

#include <QStringList>
#include <QStringView>

namespace xun::core {

// Exact folder names, compared case-sensitively (a user's "Build Notes" folder is not skipped).
const QStringList& skipped_folder_names();

// True for a name in skipped_folder_names() or a CMake/IDE build folder ("cmake-build-debug").
bool is_skipped_folder(QStringView name);

}  // namespace xun::core
