#!/usr/bin/env bash
# Installs everything Xun needs to build and to pass its tests on Debian 12 (bookworm), starting
# from a machine that has nothing but the compilers. The package list lives here and only here:
# a find_package() or pkg_check_modules() added to the build needs its package added below.
#
# Run it as root, or as a user who may use sudo: it asks sudo for itself when it is not root.
set -euo pipefail

packages=(
  # Build tools
  cmake ninja-build g++ ccache pkg-config xz-utils
  # Engine libraries: Vulkan headers and loader, PCRE2 (the tokenizer's split regex), ICU
  # (NFC), nlohmann-json, xxHash (model fingerprints)
  libvulkan-dev libpcre2-dev libicu-dev nlohmann-json3-dev libxxhash-dev
  # The CPU backend: BLIS (its matrix products; the OpenMP build, whose threads each product
  # can be given) and OpenMP (the threads, with the compiler's libgomp)
  libblis-dev libblis-openmp-dev
  # Application libraries: Qt 6 (Core, Xml, Concurrent, Widgets, Test, ...), SQLite, Poppler
  # (PDF), QuaZip (DOCX, ODT, EPUB), uchardet (text encodings)
  qt6-base-dev libsqlite3-dev libpoppler-qt6-dev libquazip1-qt6-dev libuchardet-dev
  # The desktop application: Qt Charts (it needs Qt OpenGL's CMake files), SVG icons, Linguist
  # (lupdate/lrelease for translations/*.ts), the X11 platform plugin
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libqt6svg6 qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-qpa-plugins
  # GLSL -> SPIR-V at build time
  glslang-tools
  # Running and testing: Mesa's lavapipe (Vulkan on the CPU), the Khronos validation layer
  # (every test runs with it), vulkaninfo
  mesa-vulkan-drivers vulkan-validationlayers vulkan-tools
  # Screenshots of the running application for the README (scripts/screenshots.sh)
  xvfb xauth fonts-dejavu-core fonts-wqy-microhei
)

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -- "$(readlink -f "${BASH_SOURCE[0]}")" "$@"
  fi
  echo "install-deps.sh: needs root: run it as root, or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
