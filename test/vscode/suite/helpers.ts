/** Helpers for the extension-host suite: fixture copies, waiting for diagnostics by event, small readers. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'xxgk-report.xxgk-report';
export const LANGUAGE = 'xxgk-report';
export const SOURCE = 'xxgk-report';
/** Fixtures of the repo: out-vscode/suite/ → test/fixtures/ (overridable for odd layouts). */
export const FIXTURES = process.env.XXGK_E2E_FIXTURES ?? path.resolve(__dirname, '..', '..', 'test', 'fixtures');
export const TIMEOUT_MS = Number(process.env.XXGK_E2E_WAIT_MS ?? 30_000);

let work: string | undefined;
/** A fresh folder for this run, inside the opened workspace folder if there is one. */
export function workDir(): string {
  if (!work) {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
    work = fs.mkdtempSync(path.join(root, 'xxgk-e2e-'));
  }
  return work;
}

export function seedPath(prefix: string): string {
  const dir = path.join(FIXTURES, 'seeds');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.txt'));
  assert.ok(name, `seed ${prefix} not found in ${dir}`);
  return path.join(dir, name);
}

/**
 * Copies a fixture into the work folder under a report-like name (so the extension's
 * `filenamePatterns` give it the `xxgk-report` language, as for a user) and opens it in an editor.
 * Each call makes a new copy in its own folder, so tests never share a document.
 */
let copies = 0;
export async function openCopy(source: string, name: string): Promise<vscode.TextEditor> {
  // A fresh file per call: rewriting a file that an editor has open would reload it under the test.
  const dir = path.join(workDir(), String(++copies).padStart(2, '0'));
  fs.mkdirSync(dir);
  const target = path.join(dir, name);
  fs.copyFileSync(source, target);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describe(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]}`).join(', ');
}

/**
 * Resolves with the extension's diagnostics for `uri` as soon as `predicate` holds: checked now,
 * then on every `onDidChangeDiagnostics` for that URI. No fixed sleeps; a timeout only for failure.
 */
export function waitForDiagnostics(
  uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      subscription.dispose();
      clearTimeout(timer);
    };
    const check = (): void => {
      if (settled) return;
      const ds = ours(uri);
      if (predicate(ds)) {
        finish();
        resolve(ds);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${describe(ours(uri))}`));
    }, timeoutMs);
    check();
  });
}

/** Waits for a configuration change event that touches `section`. */
export function waitForConfiguration(section: string, timeoutMs = TIMEOUT_MS): { done: Promise<void>; dispose(): void } {
  let subscription: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(section)) resolve();
    });
    timer = setTimeout(() => reject(new Error(`timed out waiting for a change of ${section}`)), timeoutMs);
  });
  return { done, dispose: () => { subscription?.dispose(); if (timer) clearTimeout(timer); } };
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function flattenSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flattenSymbols(s.children)]);
}

export interface Expected {
  readonly rule: string;
  /** 0-based line in the text without annotation lines. */
  readonly line: number;
  readonly covered: string;
  /** 1-based occurrence of `covered` on the line (substring search). */
  readonly occurrence: number;
}

/**
 * A synthetic fixture (test/fixtures/synthetic, see its README) without its `%%` annotation lines,
 * and the findings its `%% expect <rule> @-<n> "<text>" [#k]` lines announce.
 */
export function annotatedFixture(name: string): { path: string; text: string; expected: Expected[] } {
  const file = path.join(FIXTURES, 'synthetic', name);
  assert.ok(fs.existsSync(file), `fixture ${file} is missing`);
  const raw = fs.readFileSync(file, 'utf8');
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const content: string[] = [];
  const expected: Expected[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (!line.startsWith('%%')) {
      content.push(line);
      continue;
    }
    const m = /^%% expect (\S+) @-(\d+) "(.*)"(?:\s+#(\d+))?\s*$/.exec(line);
    if (m) expected.push({ rule: m[1], line: content.length - Number(m[2]), covered: m[3], occurrence: Number(m[4] ?? 1) });
  }
  return { path: file, text: content.join(eol), expected };
}

/** The range an expectation names in `doc`. */
export function expectedRange(doc: vscode.TextDocument, e: Expected): vscode.Range {
  const text = doc.lineAt(e.line).text;
  let at = -1;
  for (let k = 0; k < e.occurrence; k++) at = text.indexOf(e.covered, at + 1);
  assert.ok(at >= 0, `"${e.covered}" #${e.occurrence} not found on line ${e.line + 1}: ${text}`);
  return new vscode.Range(e.line, at, e.line, at + e.covered.length);
}
