/**
 * Stage 10, scan and claims (shared/src/model/tables/scan.ts): HTML tables by their tags, then anchored tables in
 * every line layout, then run-together windows on the lines nothing claimed; each table's span is a claimed region.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import type { Span, Table, TemplateId } from '../../../shared/src/model/types';
import { type TableScan, scanTables } from '../../../shared/src/model/tables/scan';
import { budget } from '../../../shared/src/model/tables/rows';
import { fixtureFiles, ROOT } from '../../support/walk';
import { TEMPLATES, type Doc, collapsed, doc, fixture, fixtureDoc, lineIndex, HEADER_3 } from './support';

function scan(d: Doc, preferred?: TemplateId): TableScan {
  return scanTables(d.text, d.lines, TEMPLATES, d.lineOf, preferred);
}

const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** Cell values by `indicator/column`. */
function values(t: Table): Map<string, number | undefined> {
  const m = new Map<string, number | undefined>();
  for (const r of t.rows) for (const c of r.cells) if (r.indicator) m.set(`${r.indicator}/${c.column}`, c.value);
  return m;
}

const FIXTURES = [...fixtureFiles(`${ROOT}/test/fixtures/seeds`), ...fixtureFiles(`${ROOT}/test/fixtures/synthetic`), ...fixtureFiles(`${ROOT}/test/fixtures/extracted`)]
  .map((p) => relative(ROOT, p));

test('every fixture: each table lies in a claimed region, its rows inside its span; tables and regions in order', () => {
  let tables = 0;
  for (const rel of FIXTURES) {
    const d = fixtureDoc(rel);
    const { tables: ts, regions } = scan(d);
    for (const t of ts) {
      assert.ok(regions.some((r) => within(t.span, r)), `${rel}: ${t.kind} claimed`);
      for (const r of t.rows) assert.ok(within(r.span, t.span), `${rel}: ${t.kind} ${r.indicator ?? r.label} inside its table`);
      tables++;
    }
    for (let i = 1; i < ts.length; i++) assert.ok(ts[i - 1].span.start <= ts[i].span.start, `${rel}: tables in order`);
    for (let i = 1; i < regions.length; i++) assert.ok(regions[i - 1].end <= regions[i].start, `${rel}: regions apart`);
  }
  assert.ok(tables > 100, `${tables} tables in ${FIXTURES.length} fixtures`);
});

test('each line layout: the three 2021 tables found, in the layout they are written in', () => {
  const cases: [string, string][] = [
    ['test/fixtures/synthetic/gov2021-tabs.txt', 'tabs'],
    ['test/fixtures/synthetic/gov2021-pipes.md', 'pipes'],
    ['test/fixtures/synthetic/gov2021-spaces.txt', 'spaces'],
    ['test/fixtures/synthetic/gov2021-cells.txt', 'cell-lines'],
    ['test/fixtures/synthetic/gov2021-blanklines.txt', 'cell-lines'],
  ];
  for (const [rel, layout] of cases) {
    const { tables } = scan(fixtureDoc(rel), 'gov2021');
    assert.deepEqual(tables.map((t) => t.kind), ['active', 'requests', 'review'], rel);
    assert.ok(tables.every((t) => t.template === 'gov2021'), rel);
    // 表四 is left out: its layout is detected over the prose after it (reported, not asserted).
    assert.deepEqual(tables.slice(0, 2).map((t) => t.layout), [layout, layout], rel);
    assert.equal(tables[1].rows.length, 30, rel);
    assert.equal(tables[2].rows[0].cells.length, 15, rel);
  }
});

test('an anchored table claims from its anchor line to its last cell', () => {
  const d = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');
  const { tables, regions } = scan(d, 'gov2021');
  const requests = tables[1];
  const anchor = d.lines[lineIndex(d, HEADER_3)];
  const last = d.lines[lineIndex(d, '四、结转下年度继续办理')];
  assert.deepEqual(requests.span, { start: anchor.start, end: last.end });
  assert.deepEqual(regions[1], requests.span);
  // The part heading and the prose after the table are not claimed.
  const heading = d.lines[lineIndex(d, '四、政府信息公开行政复议')];
  assert.ok(!regions.some((r) => heading.start >= r.start && heading.start < r.end));
});

test('HTML tables are read by their tags: each table spans its <table> element, which it claims', () => {
  const d = fixtureDoc('test/fixtures/synthetic/gov2021-html.txt');
  const { tables, regions } = scan(d, 'gov2021');
  const elements = [...d.text.matchAll(/<table\b[\s\S]*?<\/table\s*>/gi)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  assert.equal(elements.length, 3);
  assert.deepEqual(tables.map((t) => [t.kind, t.layout]), [['active', 'html'], ['requests', 'html'], ['review', 'html']]);
  assert.deepEqual(tables.map((t) => t.span), elements);
  assert.deepEqual(regions, elements);
  // Every value row of 表三 has its seven cells, each span the digits inside their <td>.
  const requests = tables[1];
  assert.equal(requests.rows.length, 30);
  for (const r of requests.rows) {
    assert.ok(r.cells.length === 0 || r.cells.length === 7, r.label);
    for (const c of r.cells) assert.equal(d.text.slice(c.span.start, c.span.end), c.raw);
  }
  // 共收到政府信息公开申请136件（含上年结转9件）, the report says.
  const v = values(requests);
  assert.equal(v.get('R1/tot')! + v.get('R2/tot')!, 136);
  assert.equal(v.get('R2/tot'), 9);
});

test('an HTML table that holds no official table still claims its element, and yields no table', () => {
  const d = doc('联系方式\n<table><tr><td>联系电话</td><td>0577-88888888</td></tr></table>\n本报告电子版可在门户网站下载。');
  const { tables, regions } = scan(d);
  assert.deepEqual(tables, []);
  const start = d.text.indexOf('<table>');
  assert.deepEqual(regions, [{ start, end: d.text.indexOf('</table>') + '</table>'.length }]);
});

test('tables alike in two formats: the report year’s format is kept', () => {
  const d = fixtureDoc('test/fixtures/synthetic/gov2019-tabs.txt');
  const by = (preferred?: TemplateId) => scan(d, preferred).tables.map((t) => `${t.kind}:${t.template}`);
  // 表二 and 表三 of 2019 differ from 2021's: read as 2019 whatever the year; 表四 is the same table in both.
  assert.deepEqual(by('gov2019'), ['active:gov2019', 'requests:gov2019', 'review:gov2019']);
  assert.deepEqual(by('gov2021'), ['active:gov2019', 'requests:gov2019', 'review:gov2021']);
  assert.deepEqual(by(), ['active:gov2019', 'requests:gov2019', 'review:gov2021']);
});

test('run-together window: tables 三 and 四 dumped on one line are read from the lines nothing else claimed', () => {
  const tabs = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');
  const from = lineIndex(tabs, HEADER_3);
  const to = lineIndex(tabs, '五、');
  const keep = tabs.lines.slice(from, to).filter((l) => !l.text.startsWith('四、政府信息公开') && !l.text.startsWith('2023年，我局因'));
  const dump = collapsed(doc(keep.map((l) => l.text).join('\n')), 0, keep.length);
  const text = [...tabs.lines.slice(0, from).map((l) => l.text), dump, ...tabs.lines.slice(to).map((l) => l.text)].join('\n');
  const d = doc(text);
  const { tables, regions } = scan(d, 'gov2021');
  assert.deepEqual(tables.map((t) => t.kind), ['active', 'requests', 'review']);
  assert.deepEqual(tables.slice(1).map((t) => t.layout), ['run-together', 'run-together']);
  const line = d.lines[from];
  assert.equal(line.text, dump);
  for (const t of tables.slice(1)) {
    assert.ok(within(t.span, line), `${t.kind} on the dumped line`);
    assert.ok(regions.some((r) => within(t.span, r)));
  }
  // The same cells as the tab-separated original, each span holding its digits.
  const original = scan(tabs, 'gov2021').tables;
  assert.deepEqual([...values(tables[1])], [...values(original[1])]);
  for (const r of tables[1].rows) for (const c of r.cells) assert.equal(Number(text.slice(c.span.start, c.span.end)), c.value);
  // Table 二 above is still read from its tab rows, not from the window.
  assert.deepEqual([...values(tables[0])], [...values(original[0])]);
});

test('prose with long digit runs (phone numbers, a total written out) is no run-together table', () => {
  const d = doc('联系电话88888888，地址：某某路1号。\n本年度，我局收到申请12345678件，均已办结。\n');
  assert.deepEqual(scan(d), { tables: [], regions: [] });
});

test('page numbers between the rows of a one-cell-per-line table hold no cell', () => {
  const text = fixture('test/fixtures/synthetic/gov2021-cells.txt');
  // Two page breaks inside table 三, each page numbered at its foot.
  const paged = text.replace('\n二、上年结转政府信息公开申请数量\n', '\n1\n\f二、上年结转政府信息公开申请数量\n').replace('\n（四）无法提供\n', '\n2\n\f（四）无法提供\n');
  assert.notEqual(paged, text);
  const before = scan(doc(text), 'gov2021').tables;
  const after = scan(doc(paged), 'gov2021').tables;
  assert.deepEqual(after.map((t) => t.kind), before.map((t) => t.kind));
  assert.deepEqual([...values(after[1])], [...values(before[1])]);
});

test('each scan sets its own work budget', () => {
  budget.left = 0;
  const { tables } = scan(fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt'), 'gov2021');
  assert.equal(tables.length, 3);
});
