/**
 * The only module that knows both the core's plain data (UTF-16 offsets, findings, outline
 * nodes) and LSP's shapes (line/character ranges, diagnostics, code actions, symbols).
 */
import {
  CodeAction, CodeActionKind, CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind,
  SymbolKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type Position, type Range,
  type SymbolInformation, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ruleDocUrl,
  type CompletionItem as CoreCompletion, type Finding, type Fix, type HoverInfo, type OutlineNode, type Report, type Severity,
  type Span, type TextEdit as CoreEdit,
} from '../../shared/src/index';
import { msg, MSG, type UiLocale } from './messages';

export const SOURCE = 'xxgk-report';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export function toRange(doc: TextDocument, span: Span): Range {
  const length = doc.getText().length;
  const start = clampOffset(span.start, length);
  const end = Math.max(start, clampOffset(span.end, length));
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toPosition(doc: TextDocument, offset: number): Position {
  return doc.positionAt(clampOffset(offset, doc.getText().length));
}

/** The offset of an LSP position; positions past a line end or the text end are clamped, never thrown on. */
export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

export function toOffsets(doc: TextDocument, range: Range): Span {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

function clampOffset(n: number, length: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(Math.max(0, Math.trunc(n)), length);
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function pickText(text: { readonly zh: string; readonly en: string }, locale: UiLocale): string {
  return (locale === 'en' ? text.en : text.zh) || text.zh || text.en;
}

/** What a diagnostic carries back to code actions, so a stale one can be recognised. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly version: number;
}

/**
 * A finding as an LSP diagnostic. Related spans in last year's report (`inPrevious`) point into `previous`'s
 * document; without it they are left out.
 */
export function toDiagnostic(doc: TextDocument, finding: Finding, locale: UiLocale, docsBase: string | undefined, previous?: { readonly uri: string; readonly doc: TextDocument }): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.span),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId, docsBase) },
    source: SOURCE,
    message: pickText(finding.message, locale),
    data: { ruleId: finding.ruleId, version: doc.version } satisfies DiagnosticData,
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related
      .filter((r) => !r.inPrevious || previous)
      .map((r) => {
        const where = r.inPrevious && previous ? previous : { uri: doc.uri, doc };
        return { location: { uri: where.uri, range: toRange(where.doc, r.span) }, message: pickText(r.message, locale) };
      });
  }
  return diagnostic;
}

/** The single diagnostic shown instead of a full check for a huge document. */
export function tooLargeDiagnostic(size: number, limit: number, locale: UiLocale): Diagnostic {
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'document-too-large',
    source: SOURCE,
    message: msg(MSG.tooLarge, locale, { size: mb(size), limit: mb(limit) }),
  };
}

export function toTextEdits(doc: TextDocument, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
}

/** A workspace edit for one document, versioned when the client supports `documentChanges`. */
export function toWorkspaceEdit(doc: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

export function fixToAction(doc: TextDocument, fix: Fix, diagnostic: Diagnostic, locale: UiLocale, preferred: boolean, versioned: boolean): CodeAction {
  const action = CodeAction.create(pickText(fix.title, locale), toWorkspaceEdit(doc, toTextEdits(doc, fix.edits), versioned), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (preferred) action.isPreferred = true;
  return action;
}

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  table: SymbolKind.Struct,
  row: SymbolKind.Field,
};

export function toDocumentSymbols(doc: TextDocument, nodes: readonly OutlineNode[]): DocumentSymbol[] {
  return nodes.map((node) => {
    const range = toRange(doc, node.span);
    let selectionRange = toRange(doc, node.selectionSpan);
    if (!within(selectionRange, range)) selectionRange = { start: range.start, end: range.start };
    const symbol: DocumentSymbol = {
      name: node.name.trim() || '—',
      kind: SYMBOL_KIND[node.kind],
      range,
      selectionRange,
      children: toDocumentSymbols(doc, node.children),
    };
    if (node.detail) symbol.detail = node.detail;
    return symbol;
  });
}

/** The flat form for clients without hierarchical symbol support. */
export function toSymbolInformation(doc: TextDocument, nodes: readonly OutlineNode[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const node of nodes) {
    const name = node.name.trim() || '—';
    out.push({
      name,
      kind: SYMBOL_KIND[node.kind],
      location: { uri: doc.uri, range: toRange(doc, node.span) },
      ...(container ? { containerName: container } : {}),
    });
    out.push(...toSymbolInformation(doc, node.children, name));
  }
  return out;
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function toHover(doc: TextDocument, info: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: toRange(doc, info.span) };
}

/** Folding ranges for sections and tables: from the heading line to the last non-blank line. */
export function toFoldingRanges(doc: TextDocument, report: Report): FoldingRange[] {
  const text = doc.getText();
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (span: Span): void => {
    const start = doc.positionAt(Math.min(span.start, text.length)).line;
    let endOffset = Math.min(span.end, text.length);
    while (endOffset > span.start && /\s/.test(text[endOffset - 1] ?? '')) endOffset--;
    const end = doc.positionAt(endOffset).line;
    const key = `${start}:${end}`;
    if (end > start && !seen.has(key)) {
      seen.add(key);
      out.push({ startLine: start, endLine: end, kind: 'region' });
    }
  };
  const walk = (sections: Report['sections']): void => {
    for (const s of sections) {
      add(s.span);
      walk(s.children);
    }
  };
  walk(report.sections);
  for (const table of report.tables) add(table.span);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

export function toCompletionItem(item: CoreCompletion, range: Range | undefined): CompletionItem {
  const out: CompletionItem = {
    label: item.label,
    kind: CompletionItemKind.Field,
    detail: item.detail,
    documentation: { kind: MarkupKind.PlainText, value: item.documentation },
    insertTextFormat: InsertTextFormat.PlainText,
    sortText: item.sortText,
    filterText: item.label,
  };
  if (range) out.textEdit = { range, newText: item.insertText };
  else out.insertText = item.insertText;
  return out;
}
