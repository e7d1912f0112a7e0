#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/*.png) from the running application under
# Xvfb, with the tiny fixture models. Needs a build with tests (cmake --build build) and the
# packages from install-deps.sh (xvfb, xauth, fonts).
#   scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" -j2 --target gui_screenshots
export XUN_TEST_DATA="$build/tests/testdata" XUN_TEST_SOURCE_DATA="$root/tests/data"
export QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/gui/gui_screenshots" "$root/docs/screenshots"
