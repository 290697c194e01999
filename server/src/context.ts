/**
 * What every handler needs: the connection, the open documents, the cache, the settings and
 * the client's capabilities; plus `guard`, which keeps any exception from reaching the
 * connection (logged, answered with a harmless fallback).
 */
import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyReport, type Analysis, type DocumentCache } from './documentCache';
import { toCheckOptions, type Settings, type SettingsStore } from './settings';
import type { UiLocale } from './messages';
import { analyze, crossYearEnabled, crossYearFindings, withCrossYear, fixToFixpoint, looksLikeReport, parseReport, type Finding, type FixAllResult, type Report } from '../../shared/src/index';
import { PreviousFinder, type PreviousReport } from './crossYear';
import { fileVerdict } from './files';

/** Documents in this language are reports by the user's choice (file name or language mode). */
const REPORT_LANGUAGE = 'xxgk-report';

/**
 * Whether the checker looks at a document: one in the report language, or a plain-text or Markdown document whose
 * content is a report. A memo stays untouched (no diagnostics, outline, formatting).
 */
export function isReportDocument(doc: TextDocument): boolean {
  return doc.languageId === REPORT_LANGUAGE || looksLikeReport(doc.getText());
}

export interface ClientCaps {
  /** The client pulls diagnostics (`textDocument/diagnostic`); the server then never pushes. */
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly inlayHintRefresh: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly documentChanges: boolean;
  readonly showDocument: boolean;
  readonly configuration: boolean;
  readonly configurationChangeDynamic: boolean;
  /** The client watches files for the server when asked (`workspace/didChangeWatchedFiles` registration). */
  readonly watchedFilesDynamic: boolean;
  /** The client shows a diagnostic (with its related information) in the hover itself, as VS Code does. */
  readonly diagnosticsInHover: boolean;
}

export interface Checked {
  readonly doc: TextDocument;
  /** The document is checked: a report by its language, its content or `xxgk-report.files`. */
  readonly isReport: boolean;
  /** With the cross-year findings when last year's report (`previous`) is known. */
  readonly analysis: Analysis;
  /** Last year's report of the same body, which the cross-year findings' related locations point into. */
  readonly previous?: PreviousReport;
  readonly settings: Settings;
  readonly locale: UiLocale;
}

export class ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: DocumentCache;
  readonly settings: SettingsStore;
  readonly caps: ClientCaps;
  /** Base URL of the rule pages (a `file:` URL of the installed `docs/rules/` when present). */
  readonly docsBase: string;
  readonly maxLength: number;
  /** The workspace folders' local paths. */
  readonly roots: readonly string[];
  /** Finds last year's report of an open report among the open documents and the workspace's files. */
  readonly previous: PreviousFinder;
  /** Cross-year findings by URI, for the document version and last year's text they were computed for. */
  readonly #cross = new Map<string, { readonly version: number; readonly key: string; readonly findings: readonly Finding[] }>();
  /** Called when the workspace index finds (or loses) reports: re-check the open documents. */
  onPreviousChanged: () => void = () => undefined;

  constructor(init: {
    connection: Connection; documents: TextDocuments<TextDocument>; cache: DocumentCache; settings: SettingsStore;
    caps: ClientCaps; docsBase: string; maxLength: number; roots?: () => readonly string[];
  }) {
    this.connection = init.connection;
    this.documents = init.documents;
    this.cache = init.cache;
    this.settings = init.settings;
    this.caps = init.caps;
    this.docsBase = init.docsBase;
    this.maxLength = init.maxLength;
    this.roots = init.roots?.() ?? [];
    this.previous = new PreviousFinder({
      documents: init.documents,
      reportOf: (doc) => this.cache.peek(doc.uri, doc.version)?.report,
      roots: () => this.roots,
      onChange: () => this.onPreviousChanged(),
      log: (where, e) => this.log(where, e),
    });
  }

  /** A document's parsed report: the cached one when this version was checked, else parsed now. */
  reportOf(doc: TextDocument): Report {
    return this.cache.peek(doc.uri, doc.version)?.report ?? parseReport(doc.getText()).report;
  }

  /**
   * The analysis of the document's current version, or undefined when the document is not open
   * (or changed while its settings were being fetched: the newer version gets its own request).
   */
  async check(uri: unknown): Promise<Checked | undefined> {
    if (typeof uri !== 'string') return undefined;
    const before = this.documents.get(uri);
    if (!before) return undefined;
    const settings = await this.settings.get(uri);
    const doc = this.documents.get(uri);
    if (!doc || doc.version !== before.version) return undefined;
    const text = doc.getText();
    const locale = this.settings.localeOf(settings);
    if (!this.isReport(doc, settings)) return { doc, isReport: false, analysis: { uri, version: doc.version, report: emptyReport(text), findings: [] }, settings, locale };
    const options = toCheckOptions(settings);
    const analysis = this.cache.get(uri, doc.version, text, options);
    const cross = await this.withPrevious(analysis, options);
    if (this.documents.get(uri)?.version !== doc.version) return undefined;
    return { doc, isReport: true, settings, locale, ...cross };
  }

  /** Whether the checker looks at `doc`: `xxgk-report.files` first, then its language or content. */
  isReport(doc: TextDocument, settings: Settings): boolean {
    const verdict = fileVerdict(doc.uri, settings.files, this.roots);
    return verdict === 'exclude' ? false : verdict === 'include' ? true : isReportDocument(doc);
  }

  /**
   * `analysis` with the cross-year findings added when last year's report of the same body is known (and some
   * cross-year rule is on), and that report.
   */
  async withPrevious(analysis: Analysis, options: ReturnType<typeof toCheckOptions>): Promise<{ analysis: Analysis; previous?: PreviousReport }> {
    if (analysis.skipped || !crossYearEnabled(options)) return { analysis };
    const previous = await this.previous.find(analysis.uri, analysis.report);
    if (!previous) return { analysis };
    return { analysis: { ...analysis, findings: this.#withCrossYear(analysis, previous, options) }, previous };
  }

  /** The document's findings with the cross-year ones added, in document order. */
  #withCrossYear(analysis: Analysis, previous: PreviousReport, options: ReturnType<typeof toCheckOptions>): Finding[] {
    const key = JSON.stringify([previous.key, options]);
    let hit = this.#cross.get(analysis.uri);
    if (!hit || hit.version !== analysis.version || hit.key !== key) {
      hit = { version: analysis.version, key, findings: crossYearFindings(analysis.report, previous.report, options) };
      this.#cross.set(analysis.uri, hit);
    }
    return withCrossYear(analysis.findings, hit.findings);
  }

  /** Forget what was computed for a closed document. */
  forget(uri: string): void {
    this.#cross.delete(uri);
  }

  /** "Fix all" on a checked document: one safe fix at a time, re-checked after each, until none is left. */
  fixAll(checked: Checked): FixAllResult {
    const options = { ...toCheckOptions(checked.settings), reuse: false };
    return fixToFixpoint(checked.doc.getText(), checked.analysis.findings, (text) => analyze(text, options).findings);
  }

  log(where: string, e: unknown): void {
    const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    try {
      this.connection.console.error(`xxgk-report: ${where} failed: ${detail}`);
    } catch {
      // The connection itself is gone; nothing left to tell.
    }
  }

  /** Wraps a handler so an exception is logged and answered with `fallback` (protocol errors pass through). */
  guard<P extends unknown[], R>(where: string, fallback: R, fn: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
    return async (...args: P): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        this.log(where, e);
        return fallback;
      }
    };
  }
}
