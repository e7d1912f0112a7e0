#!/usr/bin/env bash
# A Debian sid system beside the build, with Mesa 26's lavapipe (which implements
# VK_KHR_cooperative_matrix: subgroup scope, 8x8x8, f16 with f16/f32 accumulators, int8) and a
# Khronos validation layer 1.4.x that knows the extension, in which host-built (Debian 12)
# programs run under chroot. Debian 12's own Mesa 22.3 and validation layers 1.3.239 have neither.
#
#   scripts/coopmat-sysroot.sh prepare [PROGRAM...]
#       Creates the sysroot once (debootstrap --variant=minbase sid, then apt-get install of
#       lavapipe, the validation layer, vulkan-tools and the engine's runtime libraries) in
#       ${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}/sid-lavapipe, and reuses it when its
#       stamp file says it is complete. The libraries come from the host-built programs
#       themselves: the engine programs of the build tree (build/app/cli/xun-engine,
#       build/engine/src/bench/xun-bench-kernels) when they exist, and any PROGRAM given. A
#       library sid has under the host's package name comes from sid; one sid no longer has
#       (Debian 12's libicu72: sid has a newer ICU) is copied from the host's installed package,
#       unchanged, into /opt/xun-host-libs inside the sysroot, which the sysroot's ld.so.conf names.
#       Installs debootstrap on the host (apt-get) when it is missing. Prints timings and sizes.
#   scripts/coopmat-sysroot.sh run PROGRAM [ARGS...]
#       Runs PROGRAM inside the sysroot (chroot) with lavapipe as the only Vulkan driver and the
#       validation layer available. PROGRAM's build tree and source tree (from CMakeCache.txt, else
#       its git work tree), this repository, the current directory, /tmp, absolute paths named by
#       XUN_* variables and the paths in XUN_SYSROOT_BINDS (colon-separated) are bind-mounted at
#       the same absolute paths. The environment inside is a clean one (PATH, HOME=/root,
#       LANG=C.UTF-8, VK_DRIVER_FILES/VK_ICD_FILENAMES = sid's lvp_icd.json only, VK_LAYER_PATH)
#       plus what passes through: XUN_*, QT_*, MESA_*, LVP_*, LP_*, GALLIUM_*, VK_LOADER_DEBUG,
#       VK_LOADER_LAYERS_*, VK_INSTANCE_LAYERS, TERM, TZ, LC_ALL and the names in XUN_SYSROOT_ENV
#       (space-separated); the host's VK_ICD_FILENAMES, VK_LAYER_PATH, LD_LIBRARY_PATH do not.
#       The script's process becomes the program (signals, kill and the exit status are the
#       program's). A PROGRAM without a slash is looked up in the sysroot (e.g. vulkaninfo).
#   scripts/coopmat-sysroot.sh check
#       vulkaninfo --summary inside, whether VK_KHR_cooperative_matrix is listed, the cooperative
#       matrix features/properties, the configurations vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR
#       returns (a small probe compiled on the host with cc, run inside with the validation layer
#       on) and the package versions of Mesa and the validation layer.
#   scripts/coopmat-sysroot.sh ready            exit 0 when prepared, else 77 (CTest's skip code)
#   scripts/coopmat-sysroot.sh shell            an interactive shell inside, for looking around
#
# Needs: root for prepare (it re-runs itself with sudo when it is not root). run/check as root use
# a private mount namespace (unshare --mount): every mount (/proc, /dev, /sys, the binds) belongs
# to that namespace and disappears with the program, even when it is killed, and parallel runs
# (ctest -j) do not see each other's mounts. Not as root, run/check try an unprivileged user
# namespace (unshare --user --map-root-user), where the kernel allows it.
# Network: deb.debian.org (XUN_SID_MIRROR to change it), for prepare only.
# shellcheck disable=SC2016  # the dpkg-query formats are meant literally
set -euo pipefail

self="$(readlink -f "${BASH_SOURCE[0]}")"
repo="$(cd "$(dirname "$self")/.." && pwd)"
cache="${XUN_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/xun}"
root="$cache/sid-lavapipe"
stamp="$root/.xun-sysroot-complete"
mirror="${XUN_SID_MIRROR:-http://deb.debian.org/debian}"

# What sid must have besides the engine programs' own libraries (found from the programs).
# Qt Core and Test: the Qt Test suites that run here (ctest -R coop) link them; a suite built
# against Debian 12's Qt 6.4 runs on sid's newer Qt 6.
sid_packages=(mesa-vulkan-drivers vulkan-validationlayers vulkan-tools libvulkan1 libxxhash0 libqt6core6t64 libqt6test6)
# The libraries the engine links, for a prepare before anything is built (sonames; a version
# number the host's package decides, e.g. ICU, is found on the host).
engine_sonames=(libvulkan.so.1 libxxhash.so.0 libpcre2-8.so.0 libgomp.so.1 libblis.so.4 libstdc++.so.6 libgcc_s.so.1)
default_programs=("$repo/build/app/cli/xun-engine" "$repo/build/engine/src/bench/xun-bench-kernels")
host_libs=/opt/xun-host-libs

say() { printf 'coopmat-sysroot: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# ---------------------------------------------------------------------------------------------
# Inside a private mount namespace (the script runs itself as `__enter` under unshare): mount
# /proc, /dev, /sys and the binds into the sysroot, then chroot and exec the command there.
#   __enter ROOT CWD NBINDS BIND... NENV NAME=VALUE... COMMAND...
if [[ "${1:-}" == "__enter" ]]; then
  shift
  r="$1" cwd="$2"; shift 2
  n="$1"; shift; binds=("${@:1:n}"); shift "$n"
  n="$1"; shift; envs=("${@:1:n}"); shift "$n"
  mount -t proc proc "$r/proc" 2>/dev/null || mount --rbind /proc "$r/proc"
  mount --rbind /dev "$r/dev"
  mount --rbind /sys "$r/sys"
  for b in "${binds[@]}"; do
    if [[ -d "$b" ]]; then
      mkdir -p "$r$b" 2>/dev/null
    else
      mkdir -p "$(dirname "$r$b")" 2>/dev/null && { [[ -e "$r$b" ]] || : >"$r$b"; } 2>/dev/null
    fi || {
      echo "coopmat-sysroot: cannot create the mount point $r$b (not root?): create it once as root" >&2
      exit 125
    }
    mount --bind "$b" "$r$b"
  done
  exec chroot "$r" /usr/bin/env -i "${envs[@]}" /usr/bin/env --chdir="$cwd" "$@"
fi

# ---------------------------------------------------------------------------------------------
binds=()

# Adds a path to the binds unless a bound directory already holds it; drops binds it holds.
add_bind() {
  local p
  p="$(readlink -f "$1" 2>/dev/null)" || return 0
  [[ -e "$p" ]] || return 0
  case "$p" in
    /|/proc|/proc/*|/dev|/dev/*|/sys|/sys/*|/usr|/usr/*|/etc|/etc/*|/bin|/bin/*|/sbin|/sbin/*|/lib|/lib/*|/lib64|/lib64/*|/var|/opt|/root|/run|/boot) return 0 ;;
  esac
  case "$p/" in "$root"/*) return 0 ;; esac
  case "$root/" in "$p"/*) return 0 ;; esac  # a directory holding the sysroot (e.g. XUN_CACHE)
  local kept=() b
  for b in "${binds[@]}"; do
    case "$p/" in "$b"/*) return 0 ;; esac
    case "$b/" in "$p"/*) continue ;; esac
    kept+=("$b")
  done
  binds=("${kept[@]}" "$p")
}

# Adds the build and source trees around a program: the directory above it that has
# CMakeCache.txt and its CMAKE_HOME_DIRECTORY; else its git work tree; else its directory.
add_program_tree() {
  local program="$1" dir source
  dir="$(dirname "$(readlink -m "$program")")"  # -m: the program may not be built yet (set-up)
  local d="$dir"
  while [[ "$d" != "/" ]]; do
    if [[ -f "$d/CMakeCache.txt" ]]; then
      add_bind "$d"
      source="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$d/CMakeCache.txt")"
      [[ -n "$source" ]] && add_bind "$source"
      return
    fi
    d="$(dirname "$d")"
  done
  if source="$(git -C "$dir" rev-parse --show-toplevel 2>/dev/null)"; then add_bind "$source"; else add_bind "$dir"; fi
}

# lavapipe's ICD manifest inside the sysroot (nothing before Mesa is installed).
lvp_icd() {
  local f
  for f in "$root"/usr/share/vulkan/icd.d/lvp_icd*.json; do
    [[ -e "$f" ]] && { echo "${f#"$root"}"; return; }
  done
  return 0
}

# The environment inside: a clean one, lavapipe only, the validation layer's directory, and the
# variables the project reads.
inside_env() {
  local icd name
  icd="$(lvp_icd)"
  envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8)
  [[ -n "$icd" ]] && envs+=(VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd" VK_LAYER_PATH=/usr/share/vulkan/explicit_layer.d)
  while IFS= read -r name; do
    case "$name" in
      XUN_*|QT_*|MESA_*|LVP_*|LP_*|GALLIUM_*|VK_LOADER_DEBUG|VK_LOADER_LAYERS_*|VK_INSTANCE_LAYERS|TERM|TZ|LC_ALL|COLUMNS)
        envs+=("$name=${!name}") ;;
    esac
  done < <(compgen -e)
  for name in ${XUN_SYSROOT_ENV:-}; do
    [[ -v "$name" ]] && envs+=("$name=${!name}")
  done
  return 0
}

# enter CWD COMMAND...: runs COMMAND in the sysroot with the binds in `binds`. With
# enter_exec=1 this script's process becomes the command (run, shell: a signal or kill reaches it).
enter_exec=0
enter() {
  local cwd="$1"; shift
  local ns=(--mount --propagation private)
  if [[ "$(id -u)" -ne 0 ]]; then
    ns=(--user --map-root-user --mount --propagation private --pid --fork --kill-child)
  fi
  inside_env
  local launcher=()
  ((enter_exec)) && launcher=(exec)
  "${launcher[@]}" unshare "${ns[@]}" -- "$self" __enter "$root" "$cwd" "${#binds[@]}" "${binds[@]}" "${#envs[@]}" "${envs[@]}" "$@"
}

require_sysroot() {
  [[ -f "$stamp" ]] || die "no complete sysroot at $root: run scripts/coopmat-sysroot.sh prepare first"
}

# The working directory inside: the current one when it is bound, else /.
inside_cwd() {
  local here b
  here="$(pwd -P)"
  for b in "${binds[@]}"; do
    case "$here/" in "$b"/*) echo "$here"; return ;; esac
  done
  echo /
}

default_binds() {
  add_bind "$repo"
  add_bind /tmp
  add_bind "$(pwd -P)"
  local name p
  while IFS= read -r name; do
    [[ "$name" == XUN_* ]] || continue
    p="${!name}"
    [[ "$p" == /* && -e "$p" ]] && add_bind "$p"
  done < <(compgen -e)
  local IFS=:
  for p in ${XUN_SYSROOT_BINDS:-}; do add_bind "$p"; done
  return 0
}

# ---------------------------------------------------------------------------------------------
# prepare

# Unmounts whatever a killed debootstrap or chroot left mounted under a directory.
unmount_under() {
  local dir="$1" m
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$dir/" 'index($5 "/", d) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  if awk -v d="$dir/" 'index($5 "/", d) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    die "$dir still has mounts under it; not removing it"
  fi
}

# Runs a command in the sysroot as the package manager's environment (no project binds).
in_root() {
  binds=()
  enter / /usr/bin/env DEBIAN_FRONTEND=noninteractive "$@"
}

# soname -> host path, host package (the package that owns the file, through symlinks such as
# Debian's alternatives).
host_lib_path() { ldconfig -p | awk -v s="$1" '$1 == s && /x86-64/ && !done { print $NF; done = 1 }'; }
host_package_of() {
  local path="$1" pkg p
  for p in "$path" "$(readlink -f "$path")"; do
    pkg="$(dpkg -S "$p" 2>/dev/null | awk -F: 'NR == 1 { print $1 }')" && [[ -n "$pkg" ]] && { echo "$pkg"; return; }
    # /lib is /usr/lib on a merged-/usr system; dpkg knows one of the two spellings
    pkg="$(dpkg -S "${p/#\/lib\//\/usr\/lib\/}" 2>/dev/null | awk -F: 'NR == 1 { print $1 }')" && [[ -n "$pkg" ]] && { echo "$pkg"; return; }
    pkg="$(dpkg -S "${p/#\/usr\/lib\//\/lib\/}" 2>/dev/null | awk -F: 'NR == 1 { print $1 }')" && [[ -n "$pkg" ]] && { echo "$pkg"; return; }
  done
  return 1
}

# The sonames the programs need (recursively, as the host's loader resolves them), plus the
# engine's own list and the host's ICU.
wanted_sonames() {
  local program icu
  printf '%s\n' "${engine_sonames[@]}"
  icu="$(ldconfig -p | awk '$1 ~ /^libicuuc\.so\.[0-9]+$/ && /x86-64/ && !done { print $1; done = 1 }')"
  [[ -n "$icu" ]] && echo "$icu"
  for program in "$@"; do
    [[ -x "$program" ]] || continue
    ldd "$program" | awk '$2 == "=>" && $1 !~ /^(linux-vdso|ld-linux)/ { print $1 }'
  done
}

sysroot_has_soname() { in_root /usr/sbin/ldconfig -p | awk -v s="$1" '$1 == s { found = 1 } END { exit !found }'; }

# (No `exit` in an awk that reads a pipe, no `head`: with pipefail, the writer's SIGPIPE would
# fail the pipeline now and then.)

# Copies a host package's shared libraries, unchanged, into $host_libs/<package> inside the
# sysroot and names their directories in the sysroot's ld.so.conf.
copy_host_package() {
  local pkg="$1" f dir
  local dest="$root$host_libs/$pkg"
  rm -rf "$dest"; mkdir -p "$dest"
  while IFS= read -r f; do
    [[ -f "$f" || -L "$f" ]] || continue
    case "$f" in */lib/*.so*|*/lib64/*.so*) ;; *) continue ;; esac
    mkdir -p "$dest$(dirname "$f")"
    cp -a "$f" "$dest$f"
  done < <(dpkg -L "$pkg")
  dpkg-query -W -f='${Package} ${Version}\n' "$pkg" >"$dest/VERSION"
  while IFS= read -r dir; do
    echo "${dir#"$root"}"
  done < <(find "$dest" -name '*.so*' \( -type f -o -type l \) -printf '%h\n' | sort -u) >"$root/etc/ld.so.conf.d/zz-xun-host-libs-$pkg.conf"
  in_root /usr/sbin/ldconfig
}

# Installs what the programs need: from sid under the host package's name, else the host's files.
provide_libraries() {
  local sonames soname path pkg from_sid=() from_host=() missing=() absent=()
  mapfile -t sonames < <(wanted_sonames "$@" | awk '!seen[$0]++')
  for soname in "${sonames[@]}"; do
    sysroot_has_soname "$soname" || absent+=("$soname")
  done
  ((${#absent[@]})) || return 0
  say "not yet in the sysroot: ${absent[*]}"
  # prepare drops apt's package lists once it is done; a later prepare that needs more fetches them
  compgen -G "$root/var/lib/apt/lists/*_Packages" >/dev/null || in_root apt-get update -q >/dev/null 2>&1 ||
    die "apt-get update in the sysroot failed"
  for soname in "${absent[@]}"; do
    path="$(host_lib_path "$soname")"
    [[ -n "$path" ]] || { missing+=("$soname (not on the host)"); continue; }
    pkg="$(host_package_of "$path")" || { missing+=("$soname (no host package owns $path)"); continue; }
    pkg="${pkg%%,*}"
    if in_root apt-cache show --no-all-versions "$pkg" >/dev/null 2>&1; then
      from_sid+=("$pkg")
    else
      from_host+=("$pkg")
      say "$soname: sid has no package $pkg (the host's); copying the host's files"
    fi
  done
  ((${#missing[@]} == 0)) || die "cannot provide: ${missing[*]}"
  mapfile -t from_sid < <(printf '%s\n' "${from_sid[@]}" | awk 'NF && !seen[$0]++')
  mapfile -t from_host < <(printf '%s\n' "${from_host[@]}" | awk 'NF && !seen[$0]++')
  if ((${#from_sid[@]})); then
    say "installing from sid for the programs' libraries: ${from_sid[*]}"
    in_root apt-get install -y -q "${from_sid[@]}" >"$cache/sid-lavapipe.apt-libs.log" 2>&1 ||
      { tail -20 "$cache/sid-lavapipe.apt-libs.log" >&2; die "apt-get install in the sysroot failed"; }
  fi
  for pkg in "${from_host[@]}"; do
    copy_host_package "$pkg"
    say "copied from the host: $(cat "$root$host_libs/$pkg/VERSION") -> $host_libs/$pkg"
  done
  printf '%s\n' "${from_sid[@]}" >>"$root/.xun-libs-from-sid"
  printf '%s\n' "${from_host[@]}" >>"$root/.xun-libs-from-host"
}

# ldd of each program inside the sysroot: nothing may be missing.
verify_programs() {
  local program out bad=0
  for program in "$@"; do
    [[ -x "$program" ]] || { say "skipping the check of $program: not built"; continue; }
    binds=(); add_program_tree "$program"
    out="$(enter / /usr/bin/ldd "$(readlink -f "$program")" 2>&1)" || true
    if grep -q 'not found' <<<"$out"; then
      say "$program: missing inside the sysroot:"; grep 'not found' <<<"$out" >&2; bad=1
    else
      say "$program: all $(grep -c '=>' <<<"$out") libraries resolve inside the sysroot"
      grep "$host_libs" <<<"$out" | sed 's/^/    /' >&2 || true
    fi
  done
  return "$bad"
}

# The stamp: written last, so that its presence means the sysroot is complete.
write_stamp() {
  {
    echo "created: $1"
    echo "packages: ${sid_packages[*]}"
    echo "libs-from-sid: $(awk 'NF && !seen[$0]++' "$root/.xun-libs-from-sid" | paste -sd' ')"
    echo "libs-from-host: $(awk 'NF && !seen[$0]++' "$root/.xun-libs-from-host" | paste -sd' ')"
    in_root dpkg-query -W -f='version: ${Package} ${Version}\n' mesa-vulkan-drivers vulkan-validationlayers vulkan-tools libvulkan1 libc6
  } >"$stamp.tmp"
  mv "$stamp.tmp" "$stamp"
}

# Mount points for this repository's trees, so that run works without root too.
make_mount_points() {
  local b
  binds=(); add_bind "$repo"; add_bind /tmp; add_program_tree "${default_programs[0]}"
  for b in "${binds[@]}"; do mkdir -p "$root$b"; done
}

prepare() {
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "prepare needs root (debootstrap, chroot)"
    exec sudo -- env XUN_CACHE="$cache" XUN_SID_MIRROR="$mirror" "$self" prepare "$@"
  fi
  local programs=("${default_programs[@]}" "$@") t0 t
  t0="$(now)"
  mkdir -p "$cache"
  exec 9>"$cache/sid-lavapipe.lock"
  flock 9

  if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap on the host (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null; }
  fi

  if [[ -f "$stamp" ]]; then
    say "reusing $root ($(sed -n 's/^created: //p' "$stamp"))"
    provide_libraries "${programs[@]}"
    verify_programs "${programs[@]}"
    write_stamp "$(sed -n 's/^created: //p' "$stamp")"
    make_mount_points
    return
  fi

  if [[ ! -x "$root/usr/bin/apt-get" ]]; then
    local tmp="$root.partial"
    if [[ -e "$tmp" ]]; then
      say "removing an unfinished $tmp"
      unmount_under "$tmp"
      rm -rf --one-file-system "$tmp"
    fi
    say "debootstrap --variant=minbase sid $tmp $mirror"
    t="$(now)"
    debootstrap --variant=minbase sid "$tmp" "$mirror" >"$cache/sid-lavapipe.debootstrap.log" 2>&1 ||
      { unmount_under "$tmp"; tail -20 "$cache/sid-lavapipe.debootstrap.log" >&2; die "debootstrap failed (log: $cache/sid-lavapipe.debootstrap.log)"; }
    unmount_under "$tmp"
    mv "$tmp" "$root"
    say "debootstrap: $(elapsed "$t"), $(du -sh --one-file-system "$root" | cut -f1)"
  fi

  # apt in the sysroot: the unstable Release file may be past its Valid-Until; no recommends;
  # no documentation, manual pages or translations (dpkg leaves them out).
  cat >"$root/etc/apt/apt.conf.d/99xun" <<'EOF'
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
  cat >"$root/etc/dpkg/dpkg.cfg.d/99xun-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
EOF
  t="$(now)"
  in_root apt-get update -q >"$cache/sid-lavapipe.apt.log" 2>&1 ||
    { tail -20 "$cache/sid-lavapipe.apt.log" >&2; die "apt-get update in the sysroot failed"; }
  in_root apt-get install -y -q "${sid_packages[@]}" >>"$cache/sid-lavapipe.apt.log" 2>&1 ||
    { tail -20 "$cache/sid-lavapipe.apt.log" >&2; die "apt-get install in the sysroot failed (log: $cache/sid-lavapipe.apt.log)"; }
  say "apt-get update + install ${sid_packages[*]}: $(elapsed "$t")"

  t="$(now)"
  provide_libraries "${programs[@]}"
  in_root apt-get clean
  rm -rf "$root"/var/lib/apt/lists/*_Packages "$root"/var/lib/apt/lists/*_Translation-* 2>/dev/null || true
  say "engine libraries: $(elapsed "$t")"
  verify_programs "${programs[@]}" || die "some libraries are missing inside the sysroot (see above)"

  write_stamp "$(date -u +%Y-%m-%dT%H:%M:%SZ) from $mirror"
  make_mount_points
  sed 's/^/  /' "$stamp" >&2
  say "sysroot complete: $root, $(du -sh --one-file-system "$root" | cut -f1); prepare took $(elapsed "$t0")"
}

# ---------------------------------------------------------------------------------------------
# check

probe_source() {
  cat <<'EOF'
/* Lists vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR for each device, with the validation
 * layer on when present; counts the layer's messages. Builds against Debian 12's Vulkan headers,
 * which predate VK_KHR_cooperative_matrix, so it declares what it uses. */
#include <stdio.h>
#include <string.h>
#include <vulkan/vulkan.h>
#define COOPMAT_PROPERTIES_STYPE ((VkStructureType)1000506001)
typedef struct {
  VkStructureType sType; void* pNext; uint32_t MSize, NSize, KSize;
  int AType, BType, CType, ResultType; VkBool32 saturatingAccumulation; int scope;
} CoopmatProperties;
typedef VkResult (*GetCoopmat)(VkPhysicalDevice, uint32_t*, CoopmatProperties*);
static unsigned messages;
static VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT s,
    VkDebugUtilsMessageTypeFlagsEXT t, const VkDebugUtilsMessengerCallbackDataEXT* d, void* u) {
  (void)t; (void)u;
  if (s >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) { messages++; fprintf(stderr, "layer: %s\n", d->pMessage); }
  return VK_FALSE;
}
static const char* type_name(int t) {
  static const char* names[] = {"f16", "f32", "f64", "s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"};
  return t >= 0 && t <= 10 ? names[t] : "?";
}
int main(void) {
  uint32_t n = 0; VkLayerProperties layers[64]; int validation = 0;
  vkEnumerateInstanceLayerProperties(&n, NULL); if (n > 64) n = 64;
  vkEnumerateInstanceLayerProperties(&n, layers);
  for (uint32_t i = 0; i < n; i++) if (!strcmp(layers[i].layerName, "VK_LAYER_KHRONOS_validation")) {
    validation = 1;
    printf("validation layer: %s spec %u.%u.%u, implementation %u\n", layers[i].layerName, VK_VERSION_MAJOR(layers[i].specVersion),
           VK_VERSION_MINOR(layers[i].specVersion), VK_VERSION_PATCH(layers[i].specVersion), layers[i].implementationVersion);
  }
  const char* layer = "VK_LAYER_KHRONOS_validation"; const char* ext = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
  VkApplicationInfo app = {VK_STRUCTURE_TYPE_APPLICATION_INFO, NULL, "coopmat-probe", 1, NULL, 0, VK_MAKE_VERSION(1, 3, 0)};
  VkDebugUtilsMessengerCreateInfoEXT dm = {VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT, NULL, 0,
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
      VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT, on_message, NULL};
  VkInstanceCreateInfo ici = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, validation ? &dm : NULL, 0, &app,
                              validation ? 1u : 0u, &layer, validation ? 1u : 0u, &ext};
  VkInstance instance;
  if (vkCreateInstance(&ici, NULL, &instance) != VK_SUCCESS) { fprintf(stderr, "vkCreateInstance failed\n"); return 1; }
  GetCoopmat get = (GetCoopmat)vkGetInstanceProcAddr(instance, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
  VkPhysicalDevice devices[8]; uint32_t nd = 8;
  vkEnumeratePhysicalDevices(instance, &nd, devices);
  int status = 1;
  for (uint32_t d = 0; d < nd; d++) {
    VkPhysicalDeviceProperties p; vkGetPhysicalDeviceProperties(devices[d], &p);
    printf("device %u: %s (driver %u.%u.%u)\n", d, p.deviceName, VK_VERSION_MAJOR(p.driverVersion),
           VK_VERSION_MINOR(p.driverVersion), VK_VERSION_PATCH(p.driverVersion));
    uint32_t ne = 0; vkEnumerateDeviceExtensionProperties(devices[d], NULL, &ne, NULL);
    VkExtensionProperties e[512]; if (ne > 512) ne = 512;
    vkEnumerateDeviceExtensionProperties(devices[d], NULL, &ne, e);
    int has = 0; for (uint32_t i = 0; i < ne; i++) if (!strcmp(e[i].extensionName, "VK_KHR_cooperative_matrix")) has = 1;
    printf("  VK_KHR_cooperative_matrix: %s\n", has ? "yes" : "no");
    if (!has || !get) continue;
    uint32_t nc = 0; get(devices[d], &nc, NULL);
    CoopmatProperties c[64]; if (nc > 64) nc = 64;
    for (uint32_t i = 0; i < nc; i++) { memset(&c[i], 0, sizeof c[i]); c[i].sType = COOPMAT_PROPERTIES_STYPE; }
    get(devices[d], &nc, c);
    printf("  vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR: %u configurations (M x N x K, A B C Result, scope)\n", nc);
    for (uint32_t i = 0; i < nc; i++)
      printf("    %ux%ux%u  %s %s %s %s%s  %s\n", c[i].MSize, c[i].NSize, c[i].KSize, type_name(c[i].AType), type_name(c[i].BType),
             type_name(c[i].CType), type_name(c[i].ResultType), c[i].saturatingAccumulation ? " saturating" : "",
             c[i].scope == 3 ? "subgroup" : c[i].scope == 2 ? "workgroup" : c[i].scope == 1 ? "device" : c[i].scope == 5 ? "queue-family" : "?");
    status = 0;
  }
  vkDestroyInstance(instance, NULL);
  printf("validation layer messages (warning or error): %u\n", messages);
  return status;
}
EOF
}

check() {
  require_sysroot
  binds=(); add_bind /tmp
  echo "== sysroot: $root ($(du -sh --one-file-system "$root" 2>/dev/null | cut -f1))"
  sed 's/^/  /' "$stamp"
  echo
  echo "== vulkaninfo --summary (inside)"
  enter / vulkaninfo --summary 2>&1 || true
  echo
  local full
  full="$(enter / vulkaninfo 2>/dev/null)" || true
  if grep -q 'VK_KHR_cooperative_matrix' <<<"$full"; then
    echo "== VK_KHR_cooperative_matrix: listed"
    grep 'VK_KHR_cooperative_matrix' <<<"$full" | sort -u | sed 's/^ */  /'
  else
    echo "== VK_KHR_cooperative_matrix: NOT listed"
  fi
  echo
  echo "== vulkaninfo: cooperative matrix features and properties"
  awk '/^[[:space:]]*VkPhysicalDeviceCooperativeMatrix(Features|Properties)KHR/ { show = 1; print; next }
       show && /^[[:space:]]*$/ { show = 0; print ""; next }
       show { print }' <<<"$full"
  grep -n -m5 'VkCooperativeMatrixPropertiesKHR' <<<"$full" || true
  echo
  echo "== vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR (probe built on the host, run inside, validation on)"
  if command -v cc >/dev/null 2>&1 && [[ -f /usr/include/vulkan/vulkan.h ]]; then
    local probe_dir probe
    probe_dir="$(mktemp -d /tmp/coopmat-probe.XXXXXX)"
    probe="$probe_dir/coopmat-probe"
    if probe_source | cc -std=c11 -O1 -x c - -o "$probe" -lvulkan 2>"$probe_dir/cc.log"; then
      enter / "$probe" 2>&1 || true
    else
      cat "$probe_dir/cc.log"
    fi
    rm -rf "$probe_dir"
  else
    echo "  (skipped: needs cc and libvulkan-dev on the host)"
  fi
  echo
  echo "== packages (inside)"
  enter / dpkg-query -W -f='  ${Package} ${Version}\n' mesa-vulkan-drivers vulkan-validationlayers vulkan-tools libvulkan1 libc6 2>&1
  local layer_json
  for layer_json in "$root"/usr/share/vulkan/explicit_layer.d/*.json; do
    echo "  layer manifest ${layer_json#"$root"}: $(grep -o -m1 '"api_version"[^,]*' "$layer_json"), $(grep -o -m1 '"implementation_version"[^,]*' "$layer_json")"
  done
}

# ---------------------------------------------------------------------------------------------
run() {
  require_sysroot
  [[ $# -ge 1 ]] || die "usage: scripts/coopmat-sysroot.sh run PROGRAM [ARGS...]"
  local program="$1"; shift
  binds=()
  if [[ "$program" == */* ]]; then
    [[ "$program" == /* ]] || program="$(pwd -P)/$program"
    [[ -e "$program" ]] || die "$program: no such file (is the build tree being rebuilt?)"
    add_program_tree "$program"
    add_bind "$(dirname "$program")"
  fi
  default_binds
  enter_exec=1
  enter "$(inside_cwd)" "$program" "$@"
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  run) shift; run "$@" ;;
  check) shift; check "$@" ;;
  # For tests: exit 0 when the sysroot is complete, else 77 (CTest's skip code) with a reason.
  ready) [[ -f "$stamp" ]] || { echo "no cooperative-matrix sysroot at $root (scripts/coopmat-sysroot.sh prepare)"; exit 77; } ;;
  shell) shift; require_sysroot; binds=(); default_binds; enter_exec=1; enter "$(inside_cwd)" /bin/bash "$@" ;;
  *) sed -n '2,/^# Network/p' "$self" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
