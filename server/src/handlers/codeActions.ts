/**
 * `textDocument/codeAction`: one quick fix per fix of a finding under the cursor (the first safe
 * one preferred), "view rule documentation", suppression comments for the next line, the
 * section and the file, and `source.fixAll.xxgk-report` with every safe fix.
 */
import { CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Finding, type Report, type Section, type Span, type TextEdit } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { FIX_ALL_KIND, fixToAction, toDiagnostic, toOffsets, toPosition, toTextEdits, toWorkspaceEdit } from '../convert';
import { msg, MSG, type UiLocale } from '../messages';

export const SHOW_RULE_DOC = 'xxgk-report.showRuleDoc';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(ctx.guard('textDocument/codeAction', [] as (CodeAction | Command)[], async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    if (!checked || checked.analysis.skipped) return [];
    return codeActions(ctx, checked.doc, checked.analysis.report, checked.analysis.findings, params, checked.locale, () => ctx.fixAll(checked).edits);
  }));
}

function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind !== FIX_ALL_KIND && !kind.startsWith(`${CodeActionKind.Source}.`);
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(
  ctx: ServerContext, doc: TextDocument, report: Report, findings: readonly Finding[], params: CodeActionParams, locale: UiLocale,
  fixAllEdits: () => readonly TextEdit[],
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const versioned = ctx.caps.documentChanges;

  if (wanted(only, FIX_ALL_KIND)) {
    const edits = fixAllEdits();
    if (edits.length > 0) {
      const action = CodeAction.create(msg(MSG.fixAll, locale), toWorkspaceEdit(doc, toTextEdits(doc, edits), versioned), FIX_ALL_KIND);
      actions.push(action);
    }
  }
  if (!wanted(only, CodeActionKind.QuickFix)) return actions;

  const range = toOffsets(doc, params.range);
  const here = findings.filter((f) => f.span.start <= range.end && range.start <= f.span.end);
  const docShown = new Set<string>();
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const finding of here) {
    const diagnostic = toDiagnostic(doc, finding, locale, ctx.docsBase);
    const fixes = finding.fixes ?? [];
    // Preferred (applied by "Auto Fix" without a menu) only when the core calls the fix safe.
    const preferredIndex = fixes.findIndex((f) => f.safe);
    fixes.forEach((fix, i) => {
      if (fix.edits.length > 0) actions.push(fixToAction(doc, fix, diagnostic, locale, i === preferredIndex, versioned));
    });
    if (!docShown.has(finding.ruleId)) {
      docShown.add(finding.ruleId);
      actions.push(docAction(ctx, finding.ruleId, diagnostic, locale));
    }
    const key = `${finding.ruleId}@${toPosition(doc, finding.span.start).line}`;
    if (!suppressed.has(key)) {
      suppressed.add(key);
      suppressions.push(...suppressionActions(doc, report, finding, diagnostic, locale, versioned));
    }
  }
  // Suppressions last: fixing comes before silencing.
  actions.push(...dedupe(suppressions));
  return actions;
}

function docAction(ctx: ServerContext, ruleId: string, diagnostic: Diagnostic, locale: UiLocale): CodeAction {
  const title = msg(MSG.viewRuleDoc, locale, { id: ruleId });
  const action = CodeAction.create(title, { title, command: SHOW_RULE_DOC, arguments: [ruleId, ruleDocUrl(ruleId, ctx.docsBase)] }, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStartAt(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

/** The offset just after the line break that ends the line holding `offset` (or the text end). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function innermostSection(sections: readonly Section[], offset: number): Section | undefined {
  for (const s of sections) {
    if (offset >= s.span.start && offset < s.span.end) return innermostSection(s.children, offset) ?? s;
  }
  return undefined;
}

function insertion(doc: TextDocument, at: number, line: string, locale: UiLocale, title: { zh: string; en: string }, id: string, diagnostic: Diagnostic, versioned: boolean): CodeAction {
  const text = doc.getText();
  const eol = eolOf(text);
  const needsBreakBefore = at === text.length && at > 0 && text[at - 1] !== '\n';
  const newText = `${needsBreakBefore ? eol : ''}${line}${eol}`;
  const span: Span = { start: at, end: at };
  const action = CodeAction.create(msg(title, locale, { id }), toWorkspaceEdit(doc, toTextEdits(doc, [{ span, newText }]), versioned), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

function suppressionActions(doc: TextDocument, report: Report, finding: Finding, diagnostic: Diagnostic, locale: UiLocale, versioned: boolean): CodeAction[] {
  const text = doc.getText();
  const id = finding.ruleId;
  const out: CodeAction[] = [];
  // Between the rows of a table a directive has no effect: before the table, it covers the whole table.
  const table = report.tables.find((t) => finding.span.start >= t.span.start && finding.span.start <= t.span.end);
  out.push(table
    ? insertion(doc, lineStartAt(text, table.span.start), `<!-- xxgk-disable-next-line ${id} -->`, locale, MSG.disableTable, id, diagnostic, versioned)
    : insertion(doc, lineStartAt(text, finding.span.start), `<!-- xxgk-disable-next-line ${id} -->`, locale, MSG.disableNextLine, id, diagnostic, versioned));
  const section = innermostSection(report.sections, finding.span.start);
  if (section) {
    out.push(insertion(doc, nextLineStart(text, section.headingSpan.end), `<!-- xxgk-disable ${id} -->`, locale, MSG.disableSection, id, diagnostic, versioned));
  }
  out.push(insertion(doc, fileDirectiveOffset(report, text), `<!-- xxgk-disable-file ${id} -->`, locale, MSG.disableFile, id, diagnostic, versioned));
  return out;
}

/** After the title line when the report starts with one (so the title stays the first line), else the very top. */
function fileDirectiveOffset(report: Report, text: string): number {
  const firstContent = text.search(/\S/);
  if (report.title && firstContent >= 0 && lineStartAt(text, report.title.span.start) === lineStartAt(text, firstContent)) {
    return nextLineStart(text, report.title.span.start);
  }
  return 0;
}

function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.title}|${JSON.stringify(a.edit)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
