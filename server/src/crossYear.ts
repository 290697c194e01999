/**
 * Last year's report for a document in the editor: the report of the same body (by normalised title) for the year
 * before, found among the open documents and the report files of the workspace folders (any format the checker
 * reads). The workspace is indexed in the background — each file read once and remembered by its size and
 * modification time — so a check never waits for it; when the index changes, the open documents are re-checked.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findPrevious, parseReport, reportIdentity, reportStarts, type Report, type ReportIdentity } from '../../shared/src/index';
import { collectFiles } from './cli/walk';
import { nodeFsImpl } from './cli/io';
import { readReportFile } from './import/load';
import { extractedUri, originalUri } from './import/virtual';

export interface PreviousReport {
  /** The URI its diagnostics and related locations use (a converted file's read-only extracted text). */
  readonly uri: string;
  readonly doc: TextDocument;
  readonly report: Report;
  /** Changes whenever last year's text does: part of the cache key of this year's cross-year findings. */
  readonly key: string;
}

interface Indexed {
  readonly size: number;
  readonly mtimeMs: number;
  readonly id: ReportIdentity;
}

/** Files beyond this many are not indexed (a workspace of reports, not a disk). */
const MAX_FILES = 3000;
/** The workspace is listed again at most this often. */
const RELIST_MS = 5_000;

/** The open documents, as the finder needs them. */
interface Documents {
  all(): TextDocument[];
}

export class PreviousFinder {
  readonly #documents: Documents;
  readonly #reportOf: (doc: TextDocument) => Report | undefined;
  readonly #roots: () => readonly string[];
  readonly #onChange: () => void;
  readonly #log: (where: string, e: unknown) => void;
  readonly #index = new Map<string, Indexed>();
  #building: Promise<void> | undefined;
  #listedAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The last report loaded from disk for a match, so a re-check does not read and parse it again. */
  #loaded: { path: string; mtimeMs: number; size: number; previous: PreviousReport } | undefined;

  constructor(init: { documents: Documents; reportOf: (doc: TextDocument) => Report | undefined; roots: () => readonly string[]; onChange: () => void; log: (where: string, e: unknown) => void }) {
    this.#documents = init.documents;
    this.#reportOf = init.reportOf;
    this.#roots = init.roots;
    this.#onChange = init.onChange;
    this.#log = init.log;
  }

  /**
   * Last year's report for `report` (the document at `uri`), if it is known now. Starts indexing the workspace
   * when it was not indexed lately; a report found by that is given on the next check (the finder asks for one).
   */
  async find(uri: string, report: Report): Promise<PreviousReport | undefined> {
    // A consolidated document holds several bodies' reports: no one last year's report.
    if (reportStarts(report.text).length > 1) return undefined;
    const id = identityOf(report, uri);
    if (!id.key || id.year === undefined) return undefined;
    this.#refresh();
    const open = this.#documents.all().filter((d) => d.uri !== uri && sourceOf(d.uri) !== sourceOf(uri));
    const fromOpen = findPrevious(id, open.flatMap((d) => {
      // Only open documents already checked as reports: parsing every other open file on each keystroke would not do.
      const r = this.#reportOf(d);
      return r ? [{ id: identityOf(r, d.uri), item: { d, r } }] : [];
    }));
    if (fromOpen) return { uri: fromOpen.d.uri, doc: fromOpen.d, report: fromOpen.r, key: `${fromOpen.d.uri}@${fromOpen.d.version}` };
    const self = sourceOf(uri);
    const openSources = new Set(open.map((d) => sourceOf(d.uri)));
    const file = findPrevious(id, [...this.#index].filter(([p]) => p !== self && !openSources.has(p)).map(([p, e]) => ({ id: e.id, item: p })));
    return file ? this.#load(file) : undefined;
  }

  /** Re-lists the workspace in the background when the last listing is old (or `force`). */
  #refresh(force = false): void {
    if (this.#building) return;
    const wait = RELIST_MS - (Date.now() - this.#listedAt);
    if (!force && wait > 0) {
      // Listed a moment ago: list again once the interval is over, so a file added meanwhile is found even if
      // nothing is checked after it (the index then asks for the open documents to be checked again).
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#refresh();
      }, wait);
      this.#timer.unref?.();
      return;
    }
    this.#listedAt = Date.now();
    this.#building = this.#build()
      .catch((e: unknown) => this.#log('indexing the workspace for last year\'s reports', e))
      .finally(() => {
        this.#building = undefined;
      });
  }

  /** Files of the workspace were created, changed or deleted (the client watches them): index again now. */
  changed(): void {
    this.#listedAt = -Infinity;
    if (this.#building) {
      // The running listing may have missed the change: one more after it.
      void this.#building.then(() => this.#refresh(true));
      return;
    }
    this.#refresh(true);
  }

  /** For tests and the compare command: waits for a running index. */
  async settled(): Promise<void> {
    this.#refresh(true);
    await this.#building;
  }

  async #build(): Promise<void> {
    const roots = this.#roots();
    if (roots.length === 0) return;
    const entries = collectFiles(roots, nodeFsImpl, roots[0]).filter((e) => !e.error).slice(0, MAX_FILES);
    let changed = false;
    const seen = new Set<string>();
    for (const e of entries) {
      seen.add(e.abs);
      const st = await stat(e.abs).catch(() => undefined);
      if (!st?.isFile()) continue;
      const old = this.#index.get(e.abs);
      if (old && old.size === st.size && old.mtimeMs === st.mtimeMs) continue;
      const report = await readReport(e.abs);
      const id = report ? reportIdentity(report, path.basename(e.abs)) : {};
      this.#index.set(e.abs, { size: st.size, mtimeMs: st.mtimeMs, id });
      if (id.key && id.year !== undefined) changed = true;
      // Let requests through between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const p of [...this.#index.keys()]) {
      if (!seen.has(p)) {
        this.#index.delete(p);
        changed = true;
      }
    }
    if (changed) this.#onChange();
  }

  async #load(file: string): Promise<PreviousReport | undefined> {
    const st = await stat(file).catch(() => undefined);
    if (!st) return undefined;
    const hit = this.#loaded;
    if (hit && hit.path === file && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.previous;
    const read = await readReportFile(file);
    if (read.kind !== 'text' && read.kind !== 'imported') return undefined;
    const fileUri = pathToFileURL(file).href;
    const uri = read.kind === 'imported' ? extractedUri(fileUri) : fileUri;
    const doc = TextDocument.create(uri, 'xxgk-report', 0, read.text);
    const previous: PreviousReport = { uri, doc, report: parseReport(read.text).report, key: `${uri}@${st.mtimeMs}:${st.size}` };
    this.#loaded = { path: file, mtimeMs: st.mtimeMs, size: st.size, previous };
    return previous;
  }
}

/** A report's identity, computed once per parsed report (each check asks it of every open document). */
const identities = new WeakMap<Report, ReportIdentity>();

function identityOf(report: Report, uri: string): ReportIdentity {
  let id = identities.get(report);
  if (!id) {
    id = reportIdentity(report, baseName(uri));
    identities.set(report, id);
  }
  return id;
}

async function readReport(file: string): Promise<Report | undefined> {
  try {
    const read = await readReportFile(file);
    return read.kind === 'text' || read.kind === 'imported' ? parseReport(read.text).report : undefined;
  } catch {
    return undefined;
  }
}

/** The file a URI shows (a converted file's original), as a path; the URI itself for other schemes. */
function sourceOf(uri: string): string {
  const file = originalUri(uri) ?? uri;
  try {
    return file.startsWith('file:') ? fileURLToPath(file) : file;
  } catch {
    return file;
  }
}

function baseName(uri: string): string {
  return path.basename(decodeURIComponent((originalUri(uri) ?? uri).replace(/[?#].*$/, '')));
}
