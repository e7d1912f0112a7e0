#!/usr/bin/env bash
# Installs everything Xun needs to build and to pass its tests on Debian 12 (bookworm), starting
# from a machine that has nothing but the compilers. The package list lives here and only here:
# a find_package() or pkg_check_modules() added to the build needs its package added below.
#
# Run it as root, or as a user who may use sudo: it asks sudo for itself when it is not root.
#
# Then it runs scripts/build-glslang.sh, which builds glslang 15 and spirv-val (Debian 12's know
# no cooperative matrices) into ${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}/glslang-15.1.0,
# where the build finds them: for root (CI) /root/.cache/xun/glslang-15.1.0, unless XUN_CACHE or
# XDG_CACHE_HOME say otherwise; cache that folder between CI runs to skip the build (two minutes
# or more on two cores). Started by a user through sudo, it builds them as that user, in that
# user's cache folder. When that build fails the script warns and still succeeds: the project
# builds with Debian's glslang, without the cooperative-matrix kernels.
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
  # GLSL -> SPIR-V at build time, and spirv-val, which checks every module the build makes
  glslang-tools spirv-tools
  # scripts/build-glslang.sh (run below) builds glslang 15 and a newer spirv-val, which know
  # GL_KHR_cooperative_matrix, from Debian 13's sources: besides the build tools above it needs
  # python3 (glslang's and SPIRV-Tools' generated sources) and the Debian archive keys (the
  # private package lists it downloads are signed)
  python3 debian-archive-keyring
  # Running and testing: Mesa's lavapipe (Vulkan on the CPU), the Khronos validation layer
  # (every test runs with it), vulkaninfo
  mesa-vulkan-drivers vulkan-validationlayers vulkan-tools
  # scripts/coopmat-sysroot.sh (run below): a Debian sid system with Mesa 26's lavapipe, which
  # implements cooperative matrices, for `ctest -R coop`
  debootstrap
  # Screenshots of the running application for the README (scripts/screenshots.sh)
  xvfb xauth fonts-dejavu-core fonts-wqy-microhei
  # The service tests' clients (scripts/install-test-clients.sh, run below): the official openai
  # and MCP SDK npm packages, run by Node.js (Debian 12: 18.x; npm comes separately, below)
  nodejs
)

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    # The user's cache folder, for the glslang build below (sudo drops the environment).
    exec sudo -- env XUN_CACHE="${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}" \
      "$(readlink -f "${BASH_SOURCE[0]}")" "$@"
  fi
  echo "install-deps.sh: needs root: run it as root, or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
# Debian's nodejs leaves npm to its own package; NodeSource's nodejs, where a machine has it,
# bundles npm and conflicts with Debian's npm package, so npm is installed only when missing.
if ! command -v npm >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends npm
fi

# as_user <command...>: runs a set-up step as the user who asked for sudo (the cache folder is
# theirs), or as root.
as_user() {
  if [[ -n "${SUDO_USER:-}" && "$SUDO_USER" != root ]] && id -u "$SUDO_USER" >/dev/null 2>&1; then
    runuser -u "$SUDO_USER" -- env HOME="$(getent passwd "$SUDO_USER" | cut -d: -f6)" \
      ${XUN_CACHE:+XUN_CACHE="$XUN_CACHE"} "$@"
  else
    "$@"
  fi
}

# The npm clients of the service tests, into the cache folder (the registry is needed once).
as_user "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/install-test-clients.sh"

# glslang 15 and spirv-val for the cooperative-matrix kernels, as the user who asked for sudo (the
# folder is theirs) or as root.
if ! as_user "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/build-glslang.sh"; then
  cat >&2 <<'EOF'

install-deps.sh: WARNING: scripts/build-glslang.sh failed (its messages are above).
install-deps.sh: WARNING: the shaders will be compiled by Debian's glslang 12, which cannot compile
install-deps.sh: WARNING: GL_KHR_cooperative_matrix: the build leaves the cooperative-matrix kernels
install-deps.sh: WARNING: out (cmake says "GL_KHR_cooperative_matrix no"). Run the script again later.

EOF
fi

# A device that really implements VK_KHR_cooperative_matrix, for the tests (about 1.5 minutes and
# 0.5 GB once, in the same cache folder; root's, since it runs programs under chroot). Without it
# `ctest -R coop` skips its tests, so a failure here warns and the set-up goes on.
if ! "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/coopmat-sysroot.sh" prepare; then
  echo "install-deps.sh: WARNING: scripts/coopmat-sysroot.sh prepare failed: the coop tests will be skipped" >&2
fi
