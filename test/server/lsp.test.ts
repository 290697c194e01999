/**
 * End-to-end tests of the real bundled language server (`node dist/server.js --stdio`) driven by
 * a scripted JSON-RPC client. Expectations about findings come from the core itself (`analyze`),
 * so these tests check the LSP layer: ranges, codes, links, actions, commands, settings, sync.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentDiagnosticReport, DocumentSymbol, FoldingRange, Hover, InlayHint,
  MarkupContent, Range,
} from 'vscode-languageserver-protocol';
import { analyze, blankTables, builtinTemplates, fixToFixpoint, rules, type Finding } from '../../shared/src/index';
import { LspClient, ROOT, applyTextEdits, codes, editsFor, positionAt, rangeOf, textAt } from './harness';
import { syntheticOriginal } from '../support/imported';

const SEED_PATH = join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt');
const SEED = readFileSync(SEED_PATH, 'utf8');
/** Seed 000 with 收到申请数 31 typed as 32: its parts and 申请办结数 both say 31, so restoring 31 is the one safe fix. */
const FIXABLE = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '000_82d47b6a6cde8053.txt'), 'utf8').replace('(一) 收到申请数\t件\t31', '(一) 收到申请数\t件\t32');
/** What fix-all gives on `text`, by the core alone (one safe fix per round, re-checked). */
const fixAllCore = (text: string) => fixToFixpoint(text, analyze(text).findings, (t) => analyze(t).findings);
const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');
const DOCS_BASE = `${pathToFileURL(join(ROOT, 'docs', 'rules')).href}/`;

const uri = (name: string): string => `file:///xxgk-test/${encodeURIComponent(name)}`;

/** Offset of `needle` after the first occurrence of `anchor`. */
function offsetAfter(text: string, anchor: string, needle: string): number {
  const a = text.indexOf(anchor);
  assert.ok(a >= 0, `anchor not found: ${anchor}`);
  const i = text.indexOf(needle, a + anchor.length);
  assert.ok(i >= 0, `needle not found after ${anchor}: ${needle}`);
  return i;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function findSymbol(symbols: readonly DocumentSymbol[], pred: (s: DocumentSymbol) => boolean): DocumentSymbol | undefined {
  for (const s of symbols) {
    if (pred(s)) return s;
    const inner = findSymbol(s.children ?? [], pred);
    if (inner) return inner;
  }
  return undefined;
}

function markdown(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

function diagnosticKey(d: Diagnostic): string {
  return `${String(d.code)}|${d.message}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

function noServerErrors(client: LspClient): void {
  const bad = client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l));
  assert.deepEqual(bad, [], `server logged errors:\n${bad.join('\n')}`);
}

describe('LSP: a 2014-format seed report (push diagnostics)', () => {
  let client: LspClient;
  const seedUri = pathToFileURL(SEED_PATH).href;
  const core = analyze(SEED);
  const sum = core.findings.find((f) => f.ruleId === 'sum-mismatch') as Finding;
  const c3Total = offsetAfter(SEED, '(三)申请答复数', '17');

  before(async () => {
    client = await LspClient.start();
    await client.open(seedUri, SEED);
  });
  after(async () => {
    noServerErrors(client);
    await client.stop();
  });

  test('advertises the capabilities', () => {
    const caps = client.initializeResult?.capabilities;
    assert.ok(caps);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.ok(caps.inlayHintProvider);
    assert.ok(caps.completionProvider);
    assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics for a client that does not pull');
    assert.deepEqual([...(caps.executeCommandProvider?.commands ?? [])].sort(), ['xxgk-report.fixAll', 'xxgk-report.insertTables', 'xxgk-report.showRuleDoc']);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  test('publishes one diagnostic per finding with code, range, link and related spans', async () => {
    const published = await client.diagnostics(seedUri, (p) => p.version === 1);
    assert.deepEqual(codes(published.diagnostics), core.findings.map((f) => f.ruleId).sort());
    assert.ok(sum, 'the seed has a sum-mismatch finding');
    assert.equal(sum.span.start, c3Total);
    const d = published.diagnostics.find((x) => x.code === 'sum-mismatch');
    assert.ok(d);
    assert.deepEqual(d.range, rangeOf(SEED, c3Total, c3Total + 2));
    assert.equal(textAt(SEED, d.range), '17');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'xxgk-report');
    assert.equal(d.message, sum.message.zh);
    assert.equal(d.codeDescription?.href, `${DOCS_BASE}sum-mismatch.md`);
    assert.equal(d.relatedInformation?.length, sum.related?.length);
    for (const [i, r] of (d.relatedInformation ?? []).entries()) {
      assert.equal(r.location.uri, seedUri);
      const span = sum.related?.[i]?.span;
      assert.ok(span);
      assert.deepEqual(r.location.range, rangeOf(SEED, span.start, span.end));
    }
    // Information shows as a hint by default (infoAsHint).
    const severities = { error: 1, warning: 2, info: 4, hint: 4 } as const;
    for (const f of core.findings) {
      const match = published.diagnostics.find((x) => x.code === f.ruleId && sameRange(x.range, rangeOf(SEED, f.span.start, f.span.end)));
      assert.ok(match, `diagnostic for ${f.ruleId}`);
      assert.equal(match.severity, severities[f.severity]);
    }
  });

  test('document symbols nest sections by level, with the table and its rows inside', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    const heading = '一、信息公开工作概况';
    const at = SEED.indexOf(heading);
    const first = symbols.find((s) => s.name === heading);
    assert.ok(first, 'top-level section');
    assert.deepEqual(first.selectionRange, rangeOf(SEED, at, at + heading.length));
    assert.deepEqual(first.range.start, positionAt(SEED, at));
    const sub = first.children?.find((s) => s.name === '(一)加强制度建设');
    assert.ok(sub, 'level-2 section under level 1');
    assert.ok(sub.children?.some((s) => s.name.startsWith('1、加强领导')), 'level-3 section under level 2');
    const table = findSymbol(symbols, (s) => s.kind === 23);
    assert.ok(table, 'a table symbol (Struct)');
    assert.equal(table.name, '政府信息公开情况统计表');
    const row = table.children?.find((s) => s.name === '(三)申请答复数');
    assert.ok(row, 'the C3 row under the table');
    assert.equal(row.kind, 8);
    assert.doesNotMatch(row.detail ?? '', /C3/, 'no indicator ids in the Outline');
    const c3Label = SEED.indexOf('(三)申请答复数');
    assert.deepEqual(row.selectionRange, rangeOf(SEED, c3Label, c3Label + '(三)申请答复数'.length));
  });

  test('hover on a total cell shows the computed sum against the stated value', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionAt(SEED, c3Total) });
    const text = markdown(h);
    assert.match(text, /申请答复数/);
    assert.match(text, /= \*\*29\*\*/);
    assert.match(text, /\*\*17\*\*/);
    assert.match(text, /应为 29（5\+17\+0\+0\+4\+0\+0\+3），此处为 17/);
    assert.doesNotMatch(text, /sum-mismatch|`C3`|gov2014/, 'no internal ids');
    assert.match(text, /政府信息公开情况统计表/);
    assert.deepEqual(h.range, rangeOf(SEED, c3Total, c3Total + 2));
  });

  test('hover on a row label shows what the indicator counts, its unit and template', async () => {
    const label = SEED.indexOf('(三)申请答复数');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionAt(SEED, label + 3) });
    const text = markdown(h);
    const indicator = builtinTemplates().get('gov2014')?.tables[0].indicators.find((i) => i.id === 'C3');
    assert.ok(indicator);
    assert.ok(text.includes(indicator.hover.zh.slice(0, 12)), text);
    assert.match(text, /单位：件/);
    assert.match(text, /2014—2018/);
  });

  test('hover on a narrative figure shows the table value it disagrees with', async () => {
    const figure = core.findings.find((f) => f.ruleId === 'figure-table-mismatch');
    assert.ok(figure);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionAt(SEED, figure.span.start) });
    const text = markdown(h);
    assert.ok(text.includes(figure.message.zh), text);
    assert.ok(text.includes(String(figure.expected)));
  });

  test('folding ranges cover sections and the table', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: seedUri } });
    const sectionLine = positionAt(SEED, SEED.indexOf('一、信息公开工作概况')).line;
    assert.ok(ranges.some((r) => r.startLine === sectionLine && r.endLine > sectionLine));
    const tableLine = positionAt(SEED, analyze(SEED).report.tables[0].span.start).line;
    assert.ok(ranges.some((r) => r.startLine === tableLine && r.endLine > tableLine + 50));
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });

  test('an inlay hint shows the computed sum next to the wrong total', async () => {
    const end = positionAt(SEED, SEED.length);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: seedUri }, range: { start: { line: 0, character: 0 }, end } });
    const hint = hints.find((h) => h.label === 'Σ=29');
    assert.ok(hint, JSON.stringify(hints));
    assert.deepEqual(hint.position, positionAt(SEED, c3Total + 2));
    assert.match(String(hint.tooltip), /29/);
  });

  test('completion offers indicator labels inside a table, nothing outside', async () => {
    const label = SEED.indexOf('(三)申请答复数');
    const inside = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: seedUri }, position: positionAt(SEED, label) });
    assert.ok(inside.some((i) => i.label === '（三）申请答复数'));
    const c3 = inside.find((i) => i.label === '（三）申请答复数');
    assert.match(c3?.detail ?? '', /件/);
    const outside = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: seedUri }, position: { line: 0, character: 0 } });
    assert.deepEqual(outside, []);
  });

  test('completion finds a label by any part of it: 答复 typed at a row start offers （三）申请答复数, not 收到申请数', async () => {
    const u = uri('complete-part.txt');
    const at = SEED.indexOf('(三)申请答复数');
    const lineStart = SEED.lastIndexOf('\n', at) + 1;
    // The row label replaced by what a user types: 答复.
    const text = SEED.slice(0, lineStart) + '答复' + SEED.slice(SEED.indexOf('\n', at));
    await client.open(u, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: positionAt(text, lineStart + 2) });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('（三）申请答复数'), labels.join(' '));
    assert.ok(!labels.includes('（一）收到申请数'));
    const c3 = items.find((i) => i.label === '（三）申请答复数')!;
    assert.ok(c3.filterText?.startsWith('答复'), 'the editor keeps it while the user types on');
    assert.deepEqual((c3.textEdit as { range: unknown }).range, { start: positionAt(text, lineStart), end: positionAt(text, lineStart + 2) });
  });

  test('code actions: preferred quick fix, rule documentation and suppressions', async () => {
    const published = await client.diagnostics(seedUri, (p) => p.version === 1);
    const d = published.diagnostics.find((x) => x.code === 'sum-mismatch');
    assert.ok(d);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: seedUri }, range: d.range, context: { diagnostics: [d] } });
    // Writing 29 would break 收到 = 办结 = 答复 = 17: offered as a choice with its condition, never preferred.
    assert.ok(!actions.some((a) => a.isPreferred), 'no preferred fix');
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title === '若分项正确：将合计改为 29');
    assert.ok(fix, `the conditional fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.diagnostics?.[0]?.code, 'sum-mismatch');
    const docAction = actions.find((a) => a.command?.command === 'xxgk-report.showRuleDoc');
    assert.ok(docAction);
    assert.equal(docAction.title, '查看规则说明：sum-mismatch');
    assert.deepEqual(docAction.command?.arguments, ['sum-mismatch', `${DOCS_BASE}sum-mismatch.md`]);
    const titles = actions.map((a) => a.title);
    // The total is a table cell: the directive goes before the table and covers all of it.
    assert.ok(titles.includes('在整张表停用规则 sum-mismatch（指令写在表格之前）'));
    assert.ok(!titles.includes('在下一行停用规则 sum-mismatch'));
    // The annexed statistics table stands outside the numbered sections: no section-wide suppression there.
    assert.ok(!titles.includes('在本节停用规则 sum-mismatch'));
    const inSection = published.diagnostics.find((x) => x.code === 'figure-table-mismatch');
    assert.ok(inSection);
    const sectionActions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: seedUri }, range: inSection.range, context: { diagnostics: [inSection] } });
    assert.ok(sectionActions.some((a) => a.title === '在本节停用规则 figure-table-mismatch'));
    assert.ok(titles.includes('在整个文件停用规则 sum-mismatch'));
    assert.ok(!actions.some((a) => a.kind?.startsWith('source')), 'no source actions unless asked for');
    // Suppressions come after the fixes.
    assert.ok(titles.indexOf(fix.title) < titles.indexOf('在整张表停用规则 sum-mismatch（指令写在表格之前）'));
  });

  test('the rule documentation command asks the client to show the page', async () => {
    const result = await client.request<{ href: string; shown: boolean }>('workspace/executeCommand', { command: 'xxgk-report.showRuleDoc', arguments: ['sum-mismatch'] });
    assert.equal(result.href, `${DOCS_BASE}sum-mismatch.md`);
    assert.equal(result.shown, true);
    assert.ok(client.shownDocuments.includes(result.href));
  });
});

describe('LSP: editing through code actions and commands', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    noServerErrors(client);
    await client.stop();
  });

  test('applying the quick fix removes exactly that diagnostic and changes only the cell', async () => {
    const u = uri('quickfix.txt');
    await client.open(u, DRAFT);
    const before1 = await client.diagnostics(u, (p) => p.version === 1);
    const d = before1.diagnostics.find((x) => x.code === 'applicant-total-mismatch');
    assert.ok(d);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit);
    assert.equal(fix.kind, 'quickfix');
    const edits = editsFor(fix.edit, u);
    assert.equal(edits.length, 1);
    const first = fix.edit.documentChanges?.[0];
    assert.equal(first && 'textDocument' in first ? first.textDocument.version : undefined, 1, 'a versioned edit');
    const doc = await client.change(u, edits[0].range, edits[0].newText);
    const row = DRAFT.indexOf('四、结转下年度继续办理');
    const cell = DRAFT.indexOf('\n', row) - 1;
    assert.equal(doc.text, `${DRAFT.slice(0, cell)}2${DRAFT.slice(cell + 1)}`);
    const after2 = await client.diagnostics(u, (p) => p.version === 2);
    const expected = before1.diagnostics.filter((x) => x !== d).map(diagnosticKey).sort();
    assert.deepEqual(after2.diagnostics.map(diagnosticKey).sort(), expected);
  });

  test('on the seed, the sum fix leaves every other diagnostic in place', async () => {
    const u = uri('quickfix-seed.txt');
    await client.open(u, SEED);
    const before1 = await client.diagnostics(u, (p) => p.version === 1);
    const d = before1.diagnostics.find((x) => x.code === 'sum-mismatch');
    assert.ok(d);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.title === '若分项正确：将合计改为 29');
    assert.ok(fix?.edit);
    const edit = editsFor(fix.edit, u)[0];
    const doc = await client.change(u, edit.range, edit.newText);
    const offset = offsetAfter(SEED, '(三)申请答复数', '17');
    assert.equal(doc.text, `${SEED.slice(0, offset)}29${SEED.slice(offset + 2)}`);
    const after2 = await client.diagnostics(u, (p) => p.version === 2);
    const now = new Set(after2.diagnostics.map(diagnosticKey));
    assert.ok(!after2.diagnostics.some((x) => x.code === 'sum-mismatch'));
    for (const old of before1.diagnostics) if (old !== d) assert.ok(now.has(diagnosticKey(old)), diagnosticKey(old));
    // What is new follows from the new value (e.g. 办结 17 vs 答复 29), exactly as the core reports it.
    assert.deepEqual(codes(after2.diagnostics), analyze(doc.text).findings.map((f) => f.ruleId).sort());
  });

  test('source.fixAll applies every safe fix', async () => {
    const u = uri('fixall-action.txt');
    await client.open(u, FIXABLE);
    await client.diagnostics(u, (p) => p.version === 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.ok(fixAllCore(FIXABLE).applied > 0);
    assert.equal(actions[0].kind, 'source.fixAll.xxgk-report');
    const edits = editsFor(actions[0].edit ?? {}, u);
    const fixed = applyTextEdits(FIXABLE, edits);
    assert.equal(fixed, fixAllCore(FIXABLE).text);
    assert.equal(fixAllCore(fixed).applied, 0, 'nothing safe is left');
    // A plain quick-fix request does not include it.
    const plain = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(!plain.some((a) => a.kind === 'source.fixAll.xxgk-report'));
  });

  test('the fixAll command applies the safe fixes through workspace/applyEdit', async () => {
    const u = uri('fixall-command.txt');
    await client.open(u, FIXABLE);
    await client.diagnostics(u, (p) => p.version === 1);
    const result = await client.request<{ applied: boolean; count: number }>('workspace/executeCommand', { command: 'xxgk-report.fixAll', arguments: [u] });
    assert.equal(result.applied, true);
    assert.equal(result.count, fixAllCore(FIXABLE).applied);
    const after2 = await client.diagnostics(u, (p) => p.version === 2);
    assert.ok(!after2.diagnostics.some((x) => x.code === 'sum-mismatch'));
    assert.equal(client.docs.get(u)?.text, fixAllCore(FIXABLE).text);
    assert.ok(client.docs.get(u)?.text.includes('(一) 收到申请数\t件\t31'));
  });

  test('fixAll on seed 004 changes nothing: 17 → 29 would break 收到 = 办结 = 答复 = 17', async () => {
    const u = uri('fixall-none.txt');
    await client.open(u, SEED);
    await client.diagnostics(u, (p) => p.version === 1);
    const result = await client.request<{ applied: boolean; count: number }>('workspace/executeCommand', { command: 'xxgk-report.fixAll', arguments: [u] });
    assert.equal(result.count, 0);
    assert.equal(client.docs.get(u)?.text, SEED);
  });

  test('a suppression action inserts a directive comment that silences the rule', async () => {
    const u = uri('suppress.txt');
    await client.open(u, DRAFT);
    const first = await client.diagnostics(u, (p) => p.version === 1);
    const d = first.diagnostics.find((x) => x.code === 'applicant-total-mismatch');
    assert.ok(d);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
    for (const [title, directive] of [
      ['在整张表停用规则 applicant-total-mismatch（指令写在表格之前）', '<!-- xxgk-disable-next-line applicant-total-mismatch -->\n'],
      ['在本节停用规则 applicant-total-mismatch', '三、收到和处理政府信息公开申请情况\n<!-- xxgk-disable applicant-total-mismatch -->\n'],
      ['在整个文件停用规则 applicant-total-mismatch', '年度报告\n<!-- xxgk-disable-file applicant-total-mismatch -->\n'],
    ]) {
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, title);
      const text = applyTextEdits(DRAFT, editsFor(action.edit, u));
      assert.ok(text.includes(directive), `${title}: ${JSON.stringify(directive)}`);
      assert.ok(!analyze(text).findings.some((f) => f.ruleId === 'applicant-total-mismatch'), `${title} silences the rule`);
      assert.ok(!analyze(text).findings.some((f) => f.ruleId === 'directive-ignored'), `${title}: the directive is where it takes effect`);
    }
    const nextLine = actions.find((a) => a.title.startsWith('在整张表停用规则'));
    const edit = editsFor(nextLine?.edit ?? {}, u)[0];
    await client.change(u, edit.range, edit.newText);
    const second = await client.diagnostics(u, (p) => p.version === 2);
    assert.ok(!second.diagnostics.some((x) => x.code === 'applicant-total-mismatch'));
    assert.equal(second.diagnostics.length, first.diagnostics.length - 1);
  });

  test('insertTables inserts the official blank tables at the position', async () => {
    const u = uri('insert.txt');
    const original = '标题\n\n正文。\n';
    await client.open(u, original);
    const result = await client.request<{ text: string; applied: boolean }>('workspace/executeCommand', {
      command: 'xxgk-report.insertTables', arguments: ['gov2021', 'pipes', u, { line: 1, character: 0 }],
    });
    assert.equal(result.applied, true);
    const body = blankTables('gov2021', 'pipes');
    assert.equal(result.text, body);
    assert.equal(client.docs.get(u)?.text, `标题\n\n${body.trimEnd()}\n\n正文。\n`);
    await client.diagnostics(u, (p) => p.version === 2);
  });

  test('insertTables without a document returns the text only; bad arguments are rejected', async () => {
    const tabs = await client.request<{ text: string; applied?: boolean }>('workspace/executeCommand', { command: 'xxgk-report.insertTables', arguments: [] });
    assert.equal(tabs.text, blankTables('gov2021', 'tabs'));
    assert.equal(tabs.applied, undefined);
    const old = await client.request<{ text: string }>('workspace/executeCommand', { command: 'xxgk-report.insertTables', arguments: [{ template: 'gov2014', layout: 'pipes' }] });
    assert.equal(old.text, blankTables('gov2014', 'pipes'));
    await assert.rejects(client.request('workspace/executeCommand', { command: 'xxgk-report.insertTables', arguments: ['gov1999', 'tabs'] }), (e: { code?: number }) => e.code === -32602);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'xxgk-report.fixAll', arguments: [42] }), (e: { code?: number }) => e.code === -32602);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'xxgk-report.nope', arguments: [] }), (e: { code?: number }) => e.code === -32602);
  });
});

describe('LSP: a 2021 draft with pull diagnostics and incremental edits', () => {
  let client: LspClient;
  const u = uri('draft-2021.txt');
  const core = analyze(DRAFT);

  before(async () => {
    client = await LspClient.start({ pull: true });
    await client.open(u, DRAFT);
  });
  after(async () => {
    noServerErrors(client);
    await client.stop();
  });

  test('advertises a diagnostic provider and answers pulls', async () => {
    assert.ok(client.initializeResult?.capabilities.diagnosticProvider);
    const report = await client.request<DocumentDiagnosticReport & { items: Diagnostic[]; resultId: string }>('textDocument/diagnostic', { textDocument: { uri: u } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.items), core.findings.map((f) => f.ruleId).sort());
    assert.ok(codes(report.items).includes('applicant-total-mismatch'));
    assert.ok(codes(report.items).includes('review-total-mismatch'));
    // Pull clients get no pushed diagnostics.
    assert.equal(client.published.filter((p) => p.uri === u).length, 0);
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: u }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged');
  });

  test('ranges count UTF-16 units: a character outside the BMP before the figure', async () => {
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
    const d = report.items.find((x) => x.code === 'figure-table-mismatch');
    assert.ok(d);
    assert.equal(textAt(DRAFT, d.range), '3');
    const line = DRAFT.split('\n')[d.range.start.line];
    assert.ok(line.startsWith('𠀀'));
    assert.equal(d.range.start.character, line.indexOf('结转3') + 2);
    assert.equal(d.range.start.character, Array.from(line.slice(0, line.indexOf('结转3') + 2)).length + 1, 'one more than the code point count');
  });

  test('the outline has the six parts with the tables under parts two to four', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(symbols.map((s) => s.name), [
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    for (const i of [1, 2, 3]) assert.equal(symbols[i].children?.filter((c) => c.kind === 23).length, 1, symbols[i].name);
    const requests = symbols[2].children?.find((c) => c.kind === 23);
    assert.ok(requests?.children?.some((r) => r.name === '（七）总计'));
  });

  test('hover on a multi-column cell names the column', async () => {
    const at = offsetAfter(DRAFT, '一、本年新收政府信息公开申请数量\t', '10');
    const text = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionAt(DRAFT, at) }));
    assert.match(text, /本年新收政府信息公开申请数量/);
    assert.match(text, /列：\*\*自然人\*\*/);
    assert.match(text, /数值：\*\*10\*\*/);
  });

  test('hover on a total column cell shows its row sum', async () => {
    const row = DRAFT.indexOf('四、结转下年度继续办理');
    const at = DRAFT.indexOf('\n', row) - 1;
    const text = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionAt(DRAFT, at) }));
    assert.match(text, /= \*\*2\*\*/);
    assert.match(text, /“结转下年度继续办理”行“总计”列应为 2/);
    assert.doesNotMatch(text, /applicant-total-mismatch/);
  });

  test('incremental edits are applied and re-checked', async () => {
    const row = DRAFT.indexOf('四、结转下年度继续办理');
    const at = DRAFT.indexOf('\n', row) - 1;
    assert.equal(DRAFT[at], '4');
    await client.change(u, rangeOf(DRAFT, at, at + 1), '2');
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
    assert.ok(!report.items.some((x) => x.code === 'applicant-total-mismatch'));
    assert.deepEqual(codes(report.items), analyze(client.docs.get(u)?.text ?? '').findings.map((f) => f.ruleId).sort());
    // A second edit in a later line: insert text before the figure, so its range moves.
    const doc = client.docs.get(u);
    assert.ok(doc);
    const fig = doc.text.indexOf('上年结转3件');
    await client.change(u, rangeOf(doc.text, fig, fig), '（含）');
    const moved = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
    const d = moved.items.find((x) => x.code === 'figure-table-mismatch');
    assert.ok(d);
    assert.equal(textAt(client.docs.get(u)?.text ?? '', d.range), '3');
  });
});

describe('LSP: plain text and Markdown are checked by content', () => {
  test('a report in a .txt or .md keeps its language and is checked; a memo is never touched', async () => {
    const client = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const report = uri('notes/seed.txt');
      await client.open(report, SEED, 'plaintext');
      const published = await client.diagnostics(report);
      assert.deepEqual(published.diagnostics.map((d) => d.message).sort(), analyze(SEED).findings.map((f) => f.message.zh).sort());
      const md = uri('notes/seed.md');
      await client.open(md, SEED, 'markdown');
      assert.ok((await client.diagnostics(md)).diagnostics.length > 0);
      // A memo that talks about the report, and a notice asking for it: nothing at all.
      for (const [name, text] of [
        ['memo.txt', '会议纪要\n\n一、总体情况\n今天讨论了三件事，收到申请数应为 3 件。\n\n（一）收到申请数 5 件\n'],
        ['notice.md', '# 关于报送2022年政府信息公开工作年度报告的通知\n\n各单位：请报送年度报告，包括总体情况、主动公开政府信息情况。\n'],
      ]) {
        const u = uri(`notes/${name}`);
        await client.open(u, text, name.endsWith('.md') ? 'markdown' : 'plaintext');
        assert.deepEqual((await client.diagnostics(u)).diagnostics, [], name);
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
        assert.deepEqual(symbols ?? [], [], `${name}: no outline`);
      }
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: formatting aligns pipe tables', () => {
  test('Format Document on a report aligns its tables; on a memo it does nothing; on type it aligns the table typed in', async () => {
    const client = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const text = syntheticOriginal('gov2021-pipes.md');
      const u = uri('pipes.md');
      await client.open(u, text, 'markdown');
      const edits = await client.request<{ range: { start: { line: number } }; newText: string }[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: true } });
      assert.ok(edits.length > 10);
      const lines = text.split('\n');
      assert.ok(edits.every((e) => lines[e.range.start.line].trim().startsWith('|') && e.newText.startsWith('|')));
      const memo = uri('memo-table.md');
      await client.open(memo, '会议纪要\n\n|a|自然人|\n|-|-|\n|1|2|\n', 'markdown');
      assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri: memo }, options: { tabSize: 4, insertSpaces: true } }), []);
      const row = lines.findIndex((l) => l.includes('一、本年新收'));
      const onType = await client.request<{ range: { start: { line: number } } }[]>('textDocument/onTypeFormatting', { textDocument: { uri: u }, position: { line: row + 1, character: 0 }, ch: '\n', options: { tabSize: 4, insertSpaces: true } });
      assert.ok(onType.length > 0 && onType.some((e) => e.range.start.line === row), 'the table of the row just finished');
      assert.ok(onType.length < edits.length, 'only that table');
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: locale', () => {
  test('Chinese by default, even for an English editor: the reports and their readers are Chinese', async () => {
    const client = await LspClient.start({ locale: 'en-US' });
    try {
      const u = uri('zh-default.txt');
      await client.open(u, SEED);
      const published = await client.diagnostics(u);
      assert.deepEqual(published.diagnostics.map((d) => d.message).sort(), analyze(SEED).findings.map((f) => f.message.zh).sort());
    } finally {
      await client.stop();
    }
  });

  test('English messages when the client locale is English and xxgk-report.locale is auto', async () => {
    const client = await LspClient.start({ locale: 'en-US', settings: { locale: 'auto', debounceMs: 0 } });
    try {
      const u = uri('en.txt');
      await client.open(u, SEED);
      const published = await client.diagnostics(u);
      const core = analyze(SEED).findings;
      assert.deepEqual(published.diagnostics.map((d) => d.message).sort(), core.map((f) => f.message.en).sort());
      const d = published.diagnostics.find((x) => x.code === 'sum-mismatch');
      assert.ok(d);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(actions.some((a) => a.title === 'View rule documentation: sum-mismatch'));
      assert.ok(actions.some((a) => a.title === 'Disable sum-mismatch for this table (directive before the table)'));
      const text = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: d.range.start }));
      assert.match(text, /Unit: 件/);
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });

  test('the locale setting overrides the client locale', async () => {
    const client = await LspClient.start({ locale: 'en', settings: { locale: 'zh-cn', debounceMs: 0 } });
    try {
      const u = uri('zh.txt');
      await client.open(u, SEED);
      const published = await client.diagnostics(u);
      assert.deepEqual(published.diagnostics.map((d) => d.message).sort(), analyze(SEED).findings.map((f) => f.message.zh).sort());
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: settings', () => {
  test('invalid settings fall back to defaults with one visible warning', async () => {
    const client = await LspClient.start({ settings: { template: 'gov1999', debounceMs: 'soon', rules: { 'sum-mismatch': 'loud', 'no-such-rule': 'error' }, narrative: { enabled: 'yes' } } });
    try {
      const a = uri('bad-settings-a.txt');
      const b = uri('bad-settings-b.txt');
      await client.open(a, SEED);
      const published = await client.diagnostics(a);
      assert.deepEqual(codes(published.diagnostics), analyze(SEED).findings.map((f) => f.ruleId).sort());
      const warning = await client.message((m) => m.type === 2);
      assert.match(warning.message, /xxgk-report\.template/);
      assert.match(warning.message, /xxgk-report\.debounceMs/);
      assert.match(warning.message, /sum-mismatch/);
      assert.match(warning.message, /no-such-rule/);
      await client.open(b, SEED);
      await client.diagnostics(b);
      assert.equal(client.messages.filter((m) => m.type === 2).length, 1, 'warned once');
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });

  test('rule severities and narrative checks follow the settings, and changes re-check', async () => {
    const client = await LspClient.start({ settings: { debounceMs: 0, rules: { 'sum-mismatch': 'off', 'figure-table-mismatch': 'hint' } } });
    try {
      const u = uri('rules.txt');
      await client.open(u, SEED);
      const first = await client.diagnostics(u);
      assert.ok(!first.diagnostics.some((d) => d.code === 'sum-mismatch'));
      const figures = first.diagnostics.filter((d) => d.code === 'figure-table-mismatch');
      assert.ok(figures.length > 0);
      assert.ok(figures.every((d) => d.severity === 4));
      await client.configurationChanged({ debounceMs: 0, narrative: { enabled: false } });
      const second = await client.nextDiagnostics(u);
      assert.ok(second.diagnostics.some((d) => d.code === 'sum-mismatch'));
      assert.ok(!second.diagnostics.some((d) => d.code === 'figure-table-mismatch'));
      await client.configurationChanged({ debounceMs: 0, template: 'gov2021' });
      const third = await client.nextDiagnostics(u);
      assert.deepEqual(codes(third.diagnostics), analyze(SEED, { template: 'gov2021', rules: {}, narrative: true }).findings.map((f) => f.ruleId).sort());
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: debouncing and stale versions (push)', () => {
  test('rapid edits publish only the latest version', async () => {
    const client = await LspClient.start({ settings: { debounceMs: 300 } });
    try {
      const u = uri('debounce.txt');
      await client.open(u, DRAFT);
      const first = await client.diagnostics(u, (p) => p.version === 1);
      assert.ok(first.diagnostics.length > 0);
      const waitNext = client.nextDiagnostics(u);
      const at = DRAFT.indexOf('上年结转3件') + 4;
      await client.change(u, rangeOf(DRAFT, at, at + 1), '5');
      const doc = client.docs.get(u);
      assert.ok(doc);
      await client.change(u, rangeOf(doc.text, at, at + 1), '2');
      const next = await waitNext;
      assert.equal(next.version, 3);
      assert.ok(!next.diagnostics.some((d) => d.code === 'figure-table-mismatch'));
      assert.ok(!client.published.some((p) => p.uri === u && p.version === 2));
      await client.close(u);
      const cleared = await client.nextDiagnostics(u);
      assert.deepEqual(cleared.diagnostics, []);
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('malformed and unknown requests get answers, and the server keeps serving', async () => {
    const u = uri('robust.txt');
    await client.open(u, SEED);
    await client.diagnostics(u);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: uri('not-open.txt') }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/hover', {}), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 42 } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 99999, character: 99999 } }), null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: u }, position: { line: -1, character: -5 } }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: null, context: null }), []);
    assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument: { uri: u } }), []);
    await assert.rejects(client.request('xxgk-report/no-such-method', {}), (e: { code?: number }) => e.code === -32601);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('never-opened.txt'), version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u }, contentChanges: 'garbage' });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.ok(symbols.length > 0);
    assert.equal(client.proc.exitCode, null);
    // The handlers' failures were caught and logged, not thrown at the connection.
    assert.ok(client.logs.some((l) => l.startsWith('xxgk-report: textDocument/hover failed')));
    client.logs.length = 0;
  });

  test('the size limit counts CRLF as one line break: the same text is checked whatever its line endings', async () => {
    const seed = SEED.replace(/\r\n?/g, '\n');
    const limited = await LspClient.start({ initializationOptions: { maxDocumentLength: seed.length } });
    try {
      const lf = uri('limit-lf.txt');
      const crlf = uri('limit-crlf.txt');
      await limited.open(lf, seed);
      await limited.open(crlf, seed.replace(/\n/g, '\r\n'));
      const a = (await limited.diagnostics(lf)).diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);
      const b = (await limited.diagnostics(crlf)).diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);
      assert.ok(a.length > 1 && !a.some((x) => x.startsWith('document-too-large')), a.join(', '));
      assert.deepEqual(b, a);
      const over = uri('limit-over.txt');
      await limited.open(over, `${seed}x`);
      assert.deepEqual((await limited.diagnostics(over)).diagnostics.map((d) => d.code), ['document-too-large']);
    } finally {
      await limited.stop();
    }
  });

  test('a document over 5 MB gets one information diagnostic instead of a full check', async () => {
    const u = uri('huge.txt');
    const line = '一、总体情况。本年度主动公开政府信息1200条，收到申请12件。\n';
    const huge = line.repeat(Math.ceil((5.2 * 1024 * 1024) / line.length));
    await client.open(u, huge);
    const published = await client.diagnostics(u);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0].code, 'document-too-large');
    assert.equal(published.diagnostics[0].severity, 3);
    assert.match(String(published.diagnostics[0].message), /文档过大/);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
    await client.close(u);
  });

  test('the workspace check reads closed files and publishes their diagnostics', async () => {
    const seeds = readdirSync(join(ROOT, 'test', 'fixtures', 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => pathToFileURL(join(ROOT, 'test', 'fixtures', 'seeds', f)).href);
    const missing = pathToFileURL(join(ROOT, 'test', 'fixtures', 'seeds', 'no-such-file.txt')).href;
    const result = await client.request<{ files: { uri: string; errors: number; warnings: number; failed?: string }[]; cancelled: boolean }>('xxgk-report/checkFiles', { uris: [...seeds, missing] });
    assert.equal(result.cancelled, false);
    assert.equal(result.files.length, seeds.length + 1);
    assert.ok(result.files.find((f) => f.uri === missing)?.failed);
    for (const s of seeds) {
      const published = await client.diagnostics(s);
      const text = readFileSync(new URL(s), 'utf8');
      assert.deepEqual(codes(published.diagnostics), analyze(text.replace(/^\uFEFF/, '')).findings.map((f) => f.ruleId).sort());
    }
    noServerErrors(client);
  });

  test('the workspace check: reports by name or content, every other file listed as not checked with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
    try {
      writeFileSync(join(dir, 'seed.txt'), SEED); // a report by its content, under a plain name
      writeFileSync(join(dir, 'README.md'), '# 项目说明\n\n这里放各单位的报告。\n');
      writeFileSync(join(dir, '某局2022年年度报告草稿.txt'), '还没写。\n'); // a report by its name
      const href = (n: string): string => pathToFileURL(join(dir, n)).href;
      const result = await client.request<{ files: { uri: string; errors: number; failed?: string; skipped?: boolean }[] }>('xxgk-report/checkFiles', { uris: ['seed.txt', 'README.md', '某局2022年年度报告草稿.txt'].map(href) });
      const by = (n: string) => result.files.find((f) => f.uri === href(n));
      assert.equal(by('seed.txt')?.failed, undefined);
      assert.equal(by('seed.txt')?.errors, analyze(SEED).findings.filter((f) => f.severity === 'error').length);
      assert.equal(by('README.md')?.skipped, true);
      assert.match(by('README.md')?.failed ?? '', /未识别为政府信息公开工作年度报告/);
      assert.equal(by('某局2022年年度报告草稿.txt')?.failed, undefined, 'named as a report: checked whatever it holds');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    noServerErrors(client);
  });

  test('the workspace check reads files as the CLI does: GB18030 decoded, a FIFO and /dev/zero not read, binary refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
    try {
      const seed = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt'), 'utf8');
      writeFileSync(join(dir, 'gb.txt'), iconv.encode(seed, 'gb18030'));
      execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
      symlinkSync('/dev/zero', join(dir, 'zero.txt'));
      writeFileSync(join(dir, 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
      const href = (n: string): string => pathToFileURL(join(dir, n)).href;
      const result = await client.request<{ files: { uri: string; errors: number; failed?: string; skipped?: boolean }[] }>('xxgk-report/checkFiles', { uris: ['gb.txt', 'fifo.txt', 'zero.txt', 'bin.txt'].map(href) });
      const by = (n: string) => result.files.find((f) => f.uri === href(n));
      assert.equal(by('gb.txt')?.failed, undefined);
      assert.equal(by('gb.txt')?.errors, analyze(seed).findings.filter((f) => f.severity === 'error').length);
      assert.match(by('fifo.txt')?.failed ?? '', /不是普通文件/);
      assert.match(by('zero.txt')?.failed ?? '', /不是普通文件/);
      assert.match(by('bin.txt')?.failed ?? '', /二进制/);
      assert.equal(by('bin.txt')?.skipped, undefined, 'a binary file is not skipped in silence: it could not be read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    noServerErrors(client);
  });
});

describe('LSP: every synthetic fixture survives a full round of requests', () => {
  const dir = join(ROOT, 'test', 'fixtures', 'synthetic');
  const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(txt|md)$/.test(f)) : [];
  test(`${files.length} synthetic files`, { skip: files.length === 0 ? 'no synthetic fixtures yet' : false }, async () => {
    const client = await LspClient.start();
    try {
      for (const f of files) {
        // Annotation lines (`%% expect …`) are for the rule harness, not part of the report.
        const text = readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => !l.startsWith('%%')).join('\n');
        const u = uri(`synthetic-${f}`);
        await client.open(u, text);
        const published = await client.diagnostics(u);
        assert.equal(published.diagnostics.length, analyze(text).findings.length, f);
        for (const d of published.diagnostics) assert.ok(d.range.start.line <= d.range.end.line, f);
        await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
        await client.request('textDocument/foldingRange', { textDocument: { uri: u } });
        const end = positionAt(text, text.length);
        await client.request('textDocument/inlayHint', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end } });
        await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: published.diagnostics } });
        await client.close(u);
      }
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: a cap on diagnostics per document', () => {
  test('at most maxProblems, errors first, and one line that says how many more there are', async () => {
    const client = await LspClient.start({ settings: { debounceMs: 0, maxProblems: 5 } });
    try {
      // Seed 004 (2 errors) with 30 more prose figures that contradict its table (warnings).
      const text = `${SEED}\n${'本年度共收到政府信息公开申请99件。\n'.repeat(30)}`;
      const all = analyze(text).findings;
      assert.ok(all.length > 30);
      const u = uri('capped.txt');
      await client.open(u, text);
      const published = await client.diagnostics(u, (p) => p.version === 1);
      assert.equal(published.diagnostics.length, 6);
      const more = published.diagnostics.filter((d) => d.code === 'too-many-problems');
      assert.equal(more.length, 1);
      assert.match(String(more[0].message), new RegExp(`还有 ${all.length - 5} 个问题未显示`));
      const shown = published.diagnostics.filter((d) => d.code !== 'too-many-problems');
      const errors = all.filter((f) => f.severity === 'error').length;
      assert.equal(shown.filter((d) => d.severity === 1).length, errors, 'every error is kept');
      await client.close(u);
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });
});

describe('LSP: information shown as hints', () => {
  const SEED2 = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '002_4c0596bc8ba7dc96.txt'), 'utf8');
  const infoRules = new Set(analyze(SEED2).findings.filter((f) => f.severity === 'info').map((f) => f.ruleId));

  test('by default an info finding is a hint (not in the Problems view); infoAsHint false lists it, a rule raised to warning is a warning', async () => {
    assert.ok(infoRules.has('cell-missing'), 'seed 002 has blank cells');
    const client = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const u = uri('hints.txt');
      await client.open(u, SEED2);
      let published = await client.diagnostics(u, (p) => p.version === 1);
      const ofRule = (rule: string): Diagnostic[] => published.diagnostics.filter((d) => d.code === rule);
      assert.ok(ofRule('cell-missing').length > 0);
      for (const rule of infoRules) for (const d of ofRule(rule)) assert.equal(d.severity, 4, `${rule} is a hint by default`);
      assert.ok(published.diagnostics.some((d) => d.severity === 1 || d.severity === 2), 'errors and warnings stay as they are');

      await client.configurationChanged({ debounceMs: 0, infoAsHint: false });
      published = await client.diagnostics(u, (p) => ofRuleIn(p.diagnostics, 'cell-missing').some((d) => d.severity === 3));
      for (const rule of infoRules) for (const d of ofRule(rule)) assert.equal(d.severity, 3, `${rule} listed with infoAsHint off`);

      // As VS Code sends it: `rules` filled with every rule's default, one raised to warning.
      await client.configurationChanged({ debounceMs: 0, rules: { ...Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity])), 'cell-missing': 'warning' } });
      published = await client.diagnostics(u, (p) => ofRuleIn(p.diagnostics, 'cell-missing').some((d) => d.severity === 2));
      assert.ok(ofRule('cell-missing').every((d) => d.severity === 2), 'a rule raised to warning is a warning');
      for (const rule of infoRules) if (rule !== 'cell-missing') for (const d of ofRule(rule)) assert.equal(d.severity, 4, `${rule} (info by default, and so in rules) is still a hint`);
      await client.close(u);
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });
});

function ofRuleIn(list: readonly Diagnostic[], rule: string): Diagnostic[] {
  return list.filter((d) => d.code === rule);
}

describe('LSP: hover and the diagnostics an editor shows itself', () => {
  const c3 = SEED.indexOf('17', SEED.indexOf('(三)申请答复数'));
  const hoverText = async (client: LspClient): Promise<string> => {
    const u = uri('hover-findings.txt');
    await client.open(u, SEED);
    await client.diagnostics(u, (p) => p.version === 1);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionAt(SEED, c3) });
    return (h.contents as MarkupContent).value;
  };

  test('VS Code shows the diagnostic above the hover: the hover gives the sum and the meaning, not the message again', async () => {
    const client = await LspClient.start({ clientName: 'Visual Studio Code' });
    try {
      const text = await hoverText(client);
      assert.match(text, /= \*\*29\*\*/, 'the sum is there');
      assert.match(text, /申请答复数/);
      assert.doesNotMatch(text, /此处为 17/, 'the finding is not repeated');
      noServerErrors(client);
    } finally {
      await client.stop();
    }
  });

  test('another editor (or hoverFindings: true) gets the finding in the hover too', async () => {
    for (const options of [{ clientName: 'Neovim' }, { clientName: 'Visual Studio Code', initializationOptions: { hoverFindings: true } }]) {
      const client = await LspClient.start(options);
      try {
        assert.match(await hoverText(client), /应为 29（5\+17\+0\+0\+4\+0\+0\+3），此处为 17/, JSON.stringify(options));
      } finally {
        await client.stop();
      }
    }
  });
});
