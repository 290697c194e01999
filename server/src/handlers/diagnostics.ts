/**
 * Diagnostics. With a client that pulls (`textDocument/diagnostic`), the server answers those
 * requests and never pushes. Otherwise it pushes `textDocument/publishDiagnostics`, debounced
 * per URI, and drops a result whose document version is no longer current.
 */
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checked, ServerContext } from '../context';
import { toDiagnostic, tooLargeDiagnostic } from '../convert';
import { DEFAULT_SETTINGS } from '../settings';
import { msg, MSG, type UiLocale } from '../messages';

const RANK = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/**
 * The document's diagnostics: at most `maxProblems`, the most severe first (in document order within a
 * severity), and then one line that says how many more there are, so a cap is never a silent clean verdict.
 */
export function diagnosticsFor(ctx: ServerContext, checked: Checked): Diagnostic[] {
  const { doc, analysis, locale, settings, previous } = checked;
  if (analysis.skipped) return [tooLargeDiagnostic(analysis.skipped.size, ctx.maxLength, locale)];
  const findings = settings.infoAsHint ? analysis.findings.map((f) => (f.severity === 'info' ? { ...f, severity: 'hint' as const } : f)) : analysis.findings;
  const max = settings.maxProblems;
  if (findings.length <= max) return findings.map((f) => toDiagnostic(doc, f, locale, ctx.docsBase, previous));
  const shown = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map(({ f }) => toDiagnostic(doc, f, locale, ctx.docsBase, previous));
  return [...shown, moreDiagnostic(findings.length - max, max, locale)];
}

function moreDiagnostic(hidden: number, max: number, locale: UiLocale): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    source: 'xxgk-report',
    code: 'too-many-problems',
    message: msg(MSG.tooManyProblems, locale, { hidden: String(hidden), max: String(max) }),
  };
}

export interface DiagnosticsHandle {
  /** Re-check every open document (settings changed). */
  refreshAll(): void;
  /** Forget diagnostics pushed for a file that was not open (by the workspace check) once it opens. */
  notePushedForClosed(uri: string): void;
}

export function registerDiagnostics(ctx: ServerContext): DiagnosticsHandle {
  const { connection, documents } = ctx;
  const pushedForClosed = new Set<string>();
  // A second didOpen of an open URI replaces its text, possibly with the same version number. Registered
  // first, so the listeners below (pull or push) never see the old analysis.
  documents.onDidOpen(ctx.guard('didOpen', undefined, (e) => ctx.cache.delete(e.document.uri)));

  if (ctx.caps.pullDiagnostics) {
    // A result id per (version, settings generation) lets the client skip unchanged reports.
    let generation = 0;
    connection.languages.diagnostics.on(ctx.guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params) => {
      const checked = await ctx.check(params.textDocument.uri);
      if (!checked) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${checked.doc.version}:${generation}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsFor(ctx, checked) };
    }));
    documents.onDidOpen(ctx.guard('didOpen', undefined, (e) => {
      if (pushedForClosed.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }));
    return {
      refreshAll: () => {
        generation++;
        if (ctx.caps.diagnosticRefresh) void connection.languages.diagnostics.refresh().catch((e: unknown) => ctx.log('diagnostic refresh', e));
      },
      notePushedForClosed: (uri) => pushedForClosed.add(uri),
    };
  }

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounce = new Map<string, number>();

  const run = ctx.guard('publishDiagnostics', undefined, async (uri: string) => {
    const checked = await ctx.check(uri);
    if (!checked) return; // closed, or changed meanwhile (the newer version is scheduled)
    debounce.set(uri, checked.settings.debounceMs);
    const current = documents.get(uri);
    if (!current || current.version !== checked.doc.version) return;
    await connection.sendDiagnostics({ uri, version: checked.doc.version, diagnostics: diagnosticsFor(ctx, checked) });
  });

  const schedule = (doc: TextDocument, immediate: boolean): void => {
    const uri = doc.uri;
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    const delay = immediate ? 0 : debounce.get(uri) ?? DEFAULT_SETTINGS.debounceMs;
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void run(uri);
    }, delay));
  };

  // didOpen is followed by a content-change event for the same version; that one must not delay the first check.
  const justOpened = new Map<string, number>();
  documents.onDidOpen(ctx.guard('didOpen', undefined, (e) => {
    pushedForClosed.delete(e.document.uri);
    justOpened.set(e.document.uri, e.document.version);
    schedule(e.document, true);
  }));
  documents.onDidChangeContent(ctx.guard('didChange', undefined, (e) => {
    const opened = justOpened.get(e.document.uri);
    justOpened.delete(e.document.uri);
    if (opened === e.document.version) return;
    schedule(e.document, false);
  }));
  documents.onDidClose(ctx.guard('didClose', undefined, (e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    debounce.delete(uri);
    justOpened.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }));

  return {
    refreshAll: () => {
      for (const doc of documents.all()) schedule(doc, true);
    },
    notePushedForClosed: (uri) => pushedForClosed.add(uri),
  };
}
