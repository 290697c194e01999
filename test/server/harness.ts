/**
 * A scripted LSP client for end-to-end tests: spawns the real bundled server
 * (`node dist/server.js --stdio`), speaks JSON-RPC over its stdio, answers the server's own
 * requests (configuration, applyEdit, showDocument, registrations) and keeps the documents it
 * opened in sync, so edits the server asks for are applied for real. Every wait is on a message,
 * never on a clock (a generous time-out only turns a hang into a failure).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ApplyWorkspaceEditParams, ClientCapabilities, Diagnostic, InitializeResult, PublishDiagnosticsParams, Range,
  ShowMessageParams, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (p.endsWith('.ts') || p.endsWith('.json')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;
/** Builds dist/server.js with the project's build script when it is missing or older than the sources. */
export function ensureServerBuilt(): void {
  if (built) return;
  const sources = Math.max(newestMtime(join(ROOT, 'server', 'src')), newestMtime(join(ROOT, 'shared', 'src')));
  if (!existsSync(SERVER) || statSync(SERVER).mtimeMs < sources) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = true;
}

/** Full client capabilities; `pull` switches diagnostics to `textDocument/diagnostic`. */
export function capabilities(options: { pull?: boolean; showDocument?: boolean; documentChanges?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      applyEdit: true,
      workspaceEdit: { documentChanges: options.documentChanges ?? true },
      didChangeConfiguration: { dynamicRegistration: true },
      diagnostics: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
      foldingRange: {},
      inlayHint: {},
      completion: { completionItem: { snippetSupport: false } },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    window: { showDocument: { support: options.showDocument ?? true }, workDoneProgress: false },
  };
}

interface Waiter<T> {
  readonly match: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

export interface StartOptions {
  readonly pull?: boolean;
  readonly locale?: string;
  readonly settings?: unknown;
  readonly initializationOptions?: unknown;
  readonly showDocument?: boolean;
  /** The workspace folder (a `file:` URI); none by default. */
  readonly rootUri?: string;
  readonly documentChanges?: boolean;
  /** `clientInfo.name` sent in initialize (none by default). */
  readonly clientName?: string;
}

export interface OpenDoc {
  uri: string;
  version: number;
  text: string;
}

/** Applies LSP text edits (line/character ranges) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Range['start']): number => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly docs = new Map<string, OpenDoc>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly shownDocuments: string[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: unknown;
  stderr = '';
  #diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  #messageWaiters: Waiter<ShowMessageParams>[] = [];
  initializeResult?: InitializeResult;

  private constructor(settings: unknown) {
    this.settings = settings;
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr?.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.#diagWaiters = this.#diagWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.#messageWaiters = this.#messageWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      this.configurationRequests.push(p);
      return p.items.map(() => this.settings ?? null);
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showDocument', (p: { uri: string }) => {
      this.shownDocuments.push(p.uri);
      return { success: true };
    });
    this.conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      for (const doc of this.docs.values()) {
        const edits = editsFor(p.edit, doc.uri);
        if (edits.length > 0) this.#replace(doc, applyTextEdits(doc.text, edits));
      }
      return { applied: true };
    });
    this.conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    ensureServerBuilt();
    const client = new LspClient(options.settings ?? { debounceMs: 0 });
    client.initializeResult = await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      ...(options.rootUri ? { workspaceFolders: [{ uri: options.rootUri, name: 'workspace' }] } : {}),
      capabilities: capabilities(options),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.clientName ? { clientInfo: { name: options.clientName, version: '1.0' } } : {}),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  /** The next publishDiagnostics for `uri` that satisfies `match` (already received ones count). */
  diagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    const seen = this.published.find((p) => p.uri === uri && match(p));
    if (seen) return Promise.resolve(seen);
    return this.#wait(this.#diagWaiters, (p) => p.uri === uri && match(p), timeoutMs, `diagnostics for ${uri}`);
  }

  /** The next publishDiagnostics for `uri` received after this call. */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return this.#wait(this.#diagWaiters, (p) => p.uri === uri && match(p), timeoutMs, `next diagnostics for ${uri}`);
  }

  message(match: (p: ShowMessageParams) => boolean, timeoutMs = 20_000): Promise<ShowMessageParams> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return this.#wait(this.#messageWaiters, match, timeoutMs, 'window/showMessage');
  }

  #wait<T>(list: Waiter<T>[], match: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstderr: ${this.stderr}\nlogs: ${this.logs.join('\n')}`)), timeoutMs);
      list.push({ match, resolve: (v) => { clearTimeout(timer); resolvePromise(v); } });
    });
  }

  async open(uri: string, text: string, languageId = 'xxgk-report', version = 1): Promise<OpenDoc> {
    const doc = { uri, version, text };
    this.docs.set(uri, doc);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return doc;
  }

  /** Sends one incremental change replacing `range` with `newText`. */
  async change(uri: string, range: Range, newText: string): Promise<OpenDoc> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    doc.text = applyTextEdits(doc.text, [{ range, newText }]);
    doc.version++;
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ range, text: newText }] });
    return doc;
  }

  #replace(doc: OpenDoc, text: string): void {
    const lines = doc.text.split('\n');
    const range: Range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
    void this.change(doc.uri, range, text);
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async notify(method: string, params: unknown): Promise<void> {
    await this.conn.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  async configurationChanged(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { 'xxgk-report': settings } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((r) => {
        const timer = setTimeout(() => { this.proc.kill(); r(); }, 2000);
        this.proc.once('exit', () => { clearTimeout(timer); r(); });
      });
    }
  }
}

/** Line/character of a UTF-16 offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

export function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  const off = (p: Range['start']): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(range.start), off(range.end));
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}
