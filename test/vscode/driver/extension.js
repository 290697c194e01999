// Test-only driver for code-server (scripts/e2e/run.sh). Does nothing unless the harness set
//   XXGK_E2E_RESULTS   where to write the JSON results,
//   XXGK_E2E_SUITE     the compiled suite's index.js (out-vscode/suite/index.js), and optionally
//   XXGK_E2E_WORKSPACE the folder whose window runs the suite (other windows stay idle).
// It runs the mocha suite in this extension host once and writes the results atomically.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS extension entry point */
'use strict';
const fs = require('fs');
const path = require('path');

exports.activate = async function activate() {
  const results = process.env.XXGK_E2E_RESULTS;
  const suite = process.env.XXGK_E2E_SUITE;
  if (!results || !suite) return;
  const vscode = require('vscode');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const want = process.env.XXGK_E2E_WORKSPACE;
  if (want && (!folder || path.resolve(folder.uri.fsPath) !== path.resolve(want))) return;
  const claim = `${results}.started`;
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: 'wx' }); // once, even if the page reloads
  } catch {
    return;
  }
  let out;
  try {
    out = await require(suite).runSuite();
  } catch (e) {
    out = { passed: 0, failed: 1, pending: 0, durationMs: 0, tests: [{ title: 'load the suite', state: 'failed', error: String(e && e.stack || e) }] };
  }
  fs.writeFileSync(`${results}.tmp`, JSON.stringify(out, null, 2));
  fs.renameSync(`${results}.tmp`, results);
};

exports.deactivate = function deactivate() {};
