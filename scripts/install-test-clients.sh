#!/usr/bin/env bash
# Installs the client libraries the service tests drive `xun serve` and `xun mcp` with: the
# official `openai` npm package and the official MCP TypeScript SDK, at the versions that
# tests/clients/package-lock.json pins. They are not our code: the tests use them as a user's
# tools would.
#
#   scripts/install-test-clients.sh
#
# Installs into ${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}/test-clients (outside the clone;
# root's in CI), where tests/clients/CMakeLists.txt looks (-DXUN_TEST_CLIENTS=<node_modules> to
# choose another). `npm ci` runs only when the lock file differs from the installed copy, so a
# second run costs nothing. Needs node and npm (scripts/install-deps.sh installs them) and the npm
# registry; 15 s and 45 MB.
set -euo pipefail

source_dir="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../tests/clients"
cache="${XUN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xun}"
target="$cache/test-clients"

if [[ -d "$target/node_modules" ]] && cmp -s "$source_dir/package-lock.json" "$target/package-lock.json"; then
  echo "install-test-clients.sh: up to date in $target/node_modules"
  exit 0
fi

mkdir -p "$target"
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$target/"
(cd "$target" && npm ci --no-audit --no-fund --loglevel=error)
echo "install-test-clients.sh: installed in $target/node_modules"
