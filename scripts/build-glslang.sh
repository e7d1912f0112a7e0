#!/usr/bin/env bash
# Builds the shader tools that GL_KHR_cooperative_matrix needs, which Debian 12 lacks:
#   - glslang 15.1.0+1.4.309.0 (glslangValidator): Debian 12's glslang-tools 12.0 cannot compile
#     GL_KHR_cooperative_matrix at all;
#   - SPIRV-Tools 2025.1 (spirv-val only): Debian 12's spirv-val (v2023.1) rejects the
#     CooperativeMatrixKHR capability, so it cannot check the modules glslang 15 makes.
# Both are what Debian 13 (trixie) packages, built from the upstream tarballs of trixie's source
# packages (glslang, spirv-tools, and spirv-headers for spirv-tools' build).
#
#   scripts/build-glslang.sh [--force]
#
# Download: a private apt configuration (its own sources list with only
# "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian
# trixie main", its own package lists and cache, in a temporary folder) is updated, and
# `apt-get source --print-uris` names each package's upstream tarball with its SHA-256 from the
# signed Sources index; apt-helper download-file fetches that tarball alone (the Debian packaging
# is not needed) and checks the hash. The machine's package sources, lists and installed packages
# are not touched. Build: CMake, Release, -j2 (glslang without optimizer, HLSL, tests or external
# sources; SPIRV-Tools' spirv-val target only). Install, outside the clone:
#
#   ${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}/glslang-15.1.0/bin/glslangValidator (-> glslang)
#   ${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}/glslang-15.1.0/bin/spirv-val
#
# where shaders/CMakeLists.txt looks first (cmake -DXUN_GLSLANG=... / -DXUN_SPIRV_VAL=... to
# choose others). As root with HOME=/root, as in CI, that is /root/.cache/xun/glslang-15.1.0; CMake
# computes the same path from the same variables, so configure in the same environment. A tool
# that is already there and works (it compiles, or validates, a cooperative-matrix shader) is not
# built again; when both are, the script only says where they are. --force builds both again.
#
# Runs as root or as any user: the private package lists need no root (as root, apt downloads as
# its _apt user as usual). Needs apt, tar, gzip, cmake, ninja, a C++ compiler, python3 and
# debian-archive-keyring (scripts/install-deps.sh installs them), and deb.debian.org
# (XUN_DEBIAN_MIRROR for another mirror). Two minutes on two idle cores (download 2 s, glslang
# 1 min, spirv-val 1 min; more when the cores are busy); XUN_BUILD_JOBS changes the -j2. Exits
# non-zero, saying why, when anything fails; the log is kept beside the folder (glslang-15.1.0.log).
set -euo pipefail

suite=trixie
# Upstream versions in the orig tarballs' names. glslang's tarball is the vulkan-sdk-1.4.309.0
# release: Debian calls it 15.1.0, its --version says 15.2.0.
glslang_upstream=15.1.0+1.4.309.0
spirv_tools_upstream=2025.1~rc1
spirv_headers_upstream=1.6.1+1.4.309.0
folder_version=15.1.0

mirror="${XUN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
keyring="${XUN_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}"
jobs="${XUN_BUILD_JOBS:-2}"
apt_helper=/usr/lib/apt/apt-helper

home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
cache="${XUN_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/xun}"
prefix="$cache/glslang-$folder_version"
glslang="$prefix/bin/glslangValidator"
spirv_val="$prefix/bin/spirv-val"
log="$cache/glslang-$folder_version.log"

say() { printf 'build-glslang: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f s", b - a }'; }

force=0
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (usage: scripts/build-glslang.sh [--force])" ;;
esac

# --- the checks: a glslang that compiles a cooperative-matrix shader for Vulkan 1.3, and a
# spirv-val that accepts the module ---
coopmat_shader() {
  cat <<'EOF'
#version 450
#extension GL_KHR_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
layout(local_size_x = 32) in;
layout(std430, binding = 0) buffer Data { float16_t data[]; };
void main() {
  coopmat<float16_t, gl_ScopeSubgroup, 16, 16, gl_MatrixUseA> a;
  coopMatLoad(a, data, 0, 16, gl_CooperativeMatrixLayoutRowMajor);
  coopMatStore(a, data, 256, 16, gl_CooperativeMatrixLayoutRowMajor);
}
EOF
}
checks="$(mktemp -d "${TMPDIR:-/tmp}/xun-glslang-check.XXXXXX")"
work=""
cleanup() { rm -rf "$checks" ${work:+"$work"}; }
trap cleanup EXIT

# compiles_coopmat GLSLANG: writes $checks/coopmat.spv.
compiles_coopmat() {
  [[ -x "$1" ]] && "$1" --version 2>/dev/null | grep -q '^Glslang Version:' &&
    coopmat_shader | "$1" -V --quiet --target-env vulkan1.3 --stdin -S comp -o "$checks/coopmat.spv" >/dev/null 2>&1
}
# validates_coopmat SPIRV_VAL: needs $checks/coopmat.spv.
validates_coopmat() {
  [[ -x "$1" && -f "$checks/coopmat.spv" ]] && "$1" --target-env vulkan1.3 "$checks/coopmat.spv" >/dev/null 2>&1
}

# Sets build_glslang and build_spirv_val; true when neither needs building.
up_to_date() {
  build_glslang=1 build_spirv_val=1
  [[ "$force" -eq 0 ]] || return 1
  if compiles_coopmat "$glslang"; then
    build_glslang=0
    validates_coopmat "$spirv_val" && build_spirv_val=0
  fi
  [[ "$build_glslang" -eq 0 && "$build_spirv_val" -eq 0 ]]
}
if up_to_date; then
  say "glslang and spirv-val are already built: $glslang, $spirv_val"
  exit 0
fi

# What the build needs, named by the package that provides it.
missing=()
for tool in apt-get:apt tar:tar gzip:gzip cmake:cmake ninja:ninja-build c++:g++ python3:python3 flock:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
[[ -x "$apt_helper" ]] || missing+=(apt)
[[ -r "$keyring" ]] || missing+=(debian-archive-keyring)
((${#missing[@]} == 0)) ||
  die "missing: ${missing[*]} (scripts/install-deps.sh installs them; or apt-get install ${missing[*]})"

mkdir -p "$cache" || die "cannot create $cache"
exec 9>"$cache/glslang-$folder_version.lock"
flock 9
# Another run may have built them while this one waited for the lock.
if up_to_date; then
  say "glslang and spirv-val are already built: $glslang, $spirv_val"
  exit 0
fi

t0="$(now)"
: >"$log"
work="$(mktemp -d "${TMPDIR:-/tmp}/xun-glslang.XXXXXX")"
fail() { say "error: $* (log: $log)"; tail -25 "$log" | sed 's/^/  | /' >&2; exit 1; }
step() { printf '\n=== %s\n' "$*" >>"$log"; }

# --- download ---
apt_dir="$work/apt"
download="$work/download"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d" "$download"
echo "deb-src [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
# Read after the machine's own configuration (its proxies still apply); the #clear lines drop the
# machine's update hooks (PackageKit, AppStream), which are about its own package lists.
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "$apt_dir/sources.list";
Dir::Etc::SourceParts "$apt_dir/sources.list.d";
Dir::State::Lists "$apt_dir/lists";
Dir::Cache "$apt_dir/cache";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
EOF
if [[ "$(id -u)" -eq 0 ]] && id _apt >/dev/null 2>&1; then
  # As root apt downloads as its unprivileged _apt user, who must reach and write these folders.
  chmod 755 "$work"
  chown _apt "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$download"
fi

# fetch PACKAGE UPSTREAM_VERSION: downloads PACKAGE's orig tarball into $download, prints its path.
fetch() {
  local package="$1" upstream="$2" line uri name size hash
  step "apt-get source --print-uris $package"
  apt-get -c "$apt_dir/apt.conf" -q source --print-uris "$package" >"$work/uris" 2>>"$log" ||
    fail "apt-get source --print-uris $package ($suite) failed"
  cat "$work/uris" >>"$log"
  line="$(grep -E "^'[^']*' ${package}_[^ ]*\.orig\.tar\.[a-z0-9]+ " "$work/uris" | head -1)" ||
    fail "$suite's $package source package has no upstream tarball"
  read -r uri name size hash <<<"$line"
  uri="${uri//\'/}"
  [[ "$name" == "${package}_${upstream}.orig.tar."* ]] ||
    fail "$suite's $package is $name, not $upstream: this script needs updating"
  [[ "$hash" == SHA256:* ]] || fail "no SHA-256 for $name in $suite's Sources index (got '$hash')"
  step "apt-helper download-file $uri"
  "$apt_helper" -c "$apt_dir/apt.conf" download-file "$uri" "$download/$name" "$hash" >>"$log" 2>&1 ||
    fail "downloading $uri failed"
  say "  $name ($((size / 1024)) KiB, $hash)"
  echo "$name $hash" >>"$work/fetched"
  printf '%s\n' "$download/$name"
}
# unpack TARBALL DIR
unpack() { { mkdir -p "$2" && tar -xf "$1" -C "$2" --strip-components=1 >>"$log" 2>&1; } || fail "unpacking $(basename "$1") failed"; }

say "downloading from $mirror $suite (private apt lists; log: $log)"
t="$(now)"
step "apt-get update (private lists: $apt_dir)"
apt-get -c "$apt_dir/apt.conf" -q update >>"$log" 2>&1 || fail "apt-get update of the private $suite source list failed"
if [[ "$build_glslang" -eq 1 ]]; then
  glslang_tarball="$(fetch glslang "$glslang_upstream")"
fi
if [[ "$build_spirv_val" -eq 1 ]]; then
  spirv_tools_tarball="$(fetch spirv-tools "$spirv_tools_upstream")"
  spirv_headers_tarball="$(fetch spirv-headers "$spirv_headers_upstream")"
fi
say "downloaded in $(elapsed "$t")"
mkdir -p "$prefix/bin"

# --- glslang: the standalone compiler only ---
if [[ "$build_glslang" -eq 1 ]]; then
  say "building glslang $glslang_upstream ($jobs jobs)"
  t="$(now)"
  unpack "$glslang_tarball" "$work/glslang"
  step "glslang: cmake"
  cmake -S "$work/glslang" -B "$work/glslang-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DENABLE_OPT=OFF -DENABLE_HLSL=OFF -DENABLE_SPVREMAPPER=OFF -DENABLE_GLSLANG_JS=OFF \
    -DGLSLANG_TESTS=OFF -DBUILD_EXTERNAL=OFF -DBUILD_SHARED_LIBS=OFF \
    >>"$log" 2>&1 || fail "glslang: cmake configure failed"
  step "glslang: build"
  cmake --build "$work/glslang-build" -j "$jobs" --target glslang-standalone >>"$log" 2>&1 ||
    fail "glslang: build failed"
  built="$work/glslang-build/StandAlone/glslang"
  compiles_coopmat "$built" || fail "the glslang just built cannot compile GL_KHR_cooperative_matrix"
  install -m 755 -s "$built" "$prefix/bin/.glslang.new"
  mv -f "$prefix/bin/.glslang.new" "$prefix/bin/glslang"
  ln -sfn glslang "$prefix/bin/glslangValidator"
  compiles_coopmat "$glslang" || fail "$glslang does not work once installed"
  say "built glslang in $(elapsed "$t"): $glslang ($("$glslang" --version | sed -n 's/^Glslang Version: //p'))"
fi

# --- SPIRV-Tools: spirv-val only, against trixie's SPIRV-Headers ---
if [[ "$build_spirv_val" -eq 1 ]]; then
  say "building spirv-val (SPIRV-Tools $spirv_tools_upstream, SPIRV-Headers $spirv_headers_upstream; $jobs jobs)"
  t="$(now)"
  unpack "$spirv_tools_tarball" "$work/spirv-tools"
  unpack "$spirv_headers_tarball" "$work/spirv-headers"
  step "spirv-tools: cmake"
  cmake -S "$work/spirv-tools" -B "$work/spirv-tools-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSPIRV-Headers_SOURCE_DIR="$work/spirv-headers" -DSPIRV_SKIP_TESTS=ON -DSPIRV_WERROR=OFF \
    -DSPIRV_BUILD_FUZZER=OFF -DBUILD_SHARED_LIBS=OFF \
    >>"$log" 2>&1 || fail "spirv-tools: cmake configure failed"
  step "spirv-tools: build spirv-val"
  cmake --build "$work/spirv-tools-build" -j "$jobs" --target spirv-val >>"$log" 2>&1 ||
    fail "spirv-tools: build failed"
  install -m 755 -s "$work/spirv-tools-build/tools/spirv-val" "$prefix/bin/.spirv-val.new"
  mv -f "$prefix/bin/.spirv-val.new" "$spirv_val"
  validates_coopmat "$spirv_val" || fail "$spirv_val rejects a GL_KHR_cooperative_matrix module"
  say "built spirv-val in $(elapsed "$t"): $spirv_val ($("$spirv_val" --version | head -1 | cut -d' ' -f1-2))"
fi

# Where each tool came from, beside it.
record() {
  { echo "Built by scripts/build-glslang.sh on $(date -u +%Y-%m-%d) from Debian $suite ($mirror):"
    grep -E "^($2)_" "$work/fetched" | sed 's/^/  /'; } >"$prefix/$1.source"
}
[[ "$build_glslang" -eq 0 ]] || record glslang glslang
[[ "$build_spirv_val" -eq 0 ]] || record spirv-val 'spirv-tools|spirv-headers'
say "done in $(elapsed "$t0"): $glslang, $spirv_val"
