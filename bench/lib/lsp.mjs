// A scripted LSP client for the real server: `node dist/server.js --stdio`, spoken to with vscode-jsonrpc.
// The client declares `workspace.configuration`, so the server pulls its settings; every pull is answered
// with `{ debounceMs: 0, ... }` (the section `xxgk-report`). Diagnostics are pushed (no pull capability).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN } from './build.mjs';
import { nowMs } from './util.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const SETTINGS = { template: 'auto', debounceMs: 0, locale: 'zh-cn', narrative: { enabled: true }, rules: {} };

const CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
  },
  window: { showDocument: { support: false } },
};

export function uriFor(name) {
  return pathToFileURL(join('/bench-virtual', name)).href;
}

/**
 * Starts the server and connects; `initialize` is not sent yet. `nodeArgs` go before the script; with `ipc` the
 * process also gets a Node IPC channel (used by bench/lib/heap-probe.cjs; the LSP stays on stdio).
 */
export function startServer({ script = BIN.server, settings = SETTINGS, nodeArgs = [], ipc = false } = {}) {
  const t0 = nowMs();
  const proc = spawn(process.execPath, [...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])] });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const logs = [];
  const waiters = new Map(); // `${uri}#${version}` -> resolve
  const latest = new Map(); // uri -> last params
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', (p) => logs.push(p));
  conn.onNotification('window/showMessage', (p) => logs.push(p));
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = nowMs();
    latest.set(p.uri, p);
    const key = `${p.uri}#${p.version}`;
    const w = waiters.get(key);
    if (w) {
      waiters.delete(key);
      w({ at, params: p });
    }
  });
  conn.listen();

  const server = {
    proc,
    conn,
    logs,
    spawnedAt: t0,
    get stderr() {
      return stderr;
    },
    async initialize() {
      const result = await conn.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'xxgk-report-bench' },
        locale: 'zh-cn',
        rootUri: null,
        capabilities: CAPABILITIES,
        initializationOptions: {},
        workspaceFolders: null,
      });
      await conn.sendNotification('initialized', {});
      return result;
    },
    /** A promise for the publishDiagnostics of `uri` at `version`, with its arrival time. Register before sending. */
    diagnostics(uri, version, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(`${uri}#${version}`);
          reject(new Error(`no publishDiagnostics for ${uri} version ${version} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(`${uri}#${version}`, (v) => {
          clearTimeout(timer);
          resolve(v);
        });
      });
    },
    lastDiagnostics(uri) {
      return latest.get(uri)?.diagnostics ?? [];
    },
    async open(uri, text, version = 1) {
      const wait = server.diagnostics(uri, version);
      const t = nowMs();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version, text } });
      const { at } = await wait;
      return at - t;
    },
    async close(uri) {
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    /** Sends one incremental change and resolves with the ms until the diagnostics of that version arrive. */
    async change(uri, version, contentChanges) {
      const wait = server.diagnostics(uri, version);
      const t = nowMs();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      const { at } = await wait;
      return at - t;
    },
    async timedRequest(method, params) {
      const t = nowMs();
      const result = await conn.sendRequest(method, params);
      return { ms: nowMs() - t, result };
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await conn.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      await new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          resolve();
        }, 3000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      conn.dispose();
    },
  };
  return server;
}

/** UTF-16 offset -> LSP position. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
