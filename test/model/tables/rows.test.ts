/**
 * Stage 7b, rows (shared/src/model/tables/rows.ts): the items after an anchor read against one template table — a
 * matched label opens a row, the values after it are its cells by the row's columns; a row whose cells cannot be
 * told apart (more figures than columns, a short row where blank cells vanished) keeps none.
 */
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableLayout, TableRow } from '../../../shared/src/model/types';
import { arraySource, makeItem } from '../../../shared/src/model/tables/items';
import { budget, columnsOf, headerOrder, parseRows, toCell } from '../../../shared/src/model/tables/rows';
import type { PreparedTable } from '../../../shared/src/model/tables/templateIndex';
import { type Doc, doc, fixture, fixtureDoc, itemsOfLines, lineIndex, prepared, HEADER_3 } from './support';

const TABS = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');
const PIPES = fixtureDoc('test/fixtures/synthetic/gov2021-pipes.md');
const SEED_000 = fixtureDoc('test/fixtures/seeds/000_82d47b6a6cde8053.txt');

// parseRows spends the scan's work budget (scanTables sets it per scan).
beforeEach(() => {
  budget.left = 1_000_000;
});

function read(pt: PreparedTable, d: Doc, from: number, to: number, layout: TableLayout, blankIsCell = false) {
  return parseRows(pt, arraySource(itemsOfLines(d, from, to, layout, blankIsCell)), layout, blankIsCell);
}

function row(rows: readonly TableRow[], id: string): TableRow {
  const r = rows.find((x) => x.indicator === id);
  assert.ok(r, `row ${id}`);
  return r;
}

const values = (r: TableRow): (number | string)[] => r.cells.map((c) => (c.state === 'number' ? c.value! : c.state));

test('tab rows of table 三: each matched label opens a row, its figures become cells by column, spans on the digits', () => {
  const from = lineIndex(TABS, HEADER_3);
  const to = lineIndex(TABS, '四、政府信息公开行政复议');
  const res = read(prepared('gov2021', 'requests'), TABS, from, to, 'tabs');
  assert.equal(res.rows.length, 30);
  assert.ok(res.rows.every((r) => r.indicator !== undefined));
  assert.deepEqual(values(row(res.rows, 'R1')), [35, 8, 0, 1, 2, 1, 47]);
  assert.deepEqual(row(res.rows, 'R1').cells.map((c) => c.column), ['np', 'biz', 'res', 'npo', 'law', 'oth', 'tot']);
  // `（三）不予公开⇥1.属于国家秘密⇥0…`: the group label keeps no cell, the row on its line takes them.
  assert.deepEqual(row(res.rows, 'R3.3').cells, []);
  assert.deepEqual(values(row(res.rows, 'R3.3.1')), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(row(res.rows, 'R3.7')), [36, 8, 0, 1, 2, 1, 48]);
  for (const r of res.rows) {
    assert.equal(TABS.text.slice(r.labelSpan.start, r.labelSpan.end), r.label);
    for (const c of r.cells) assert.equal(TABS.text.slice(c.span.start, c.span.end), c.raw);
  }
  const matched = 30;
  const withNumbers = res.rows.filter((r) => r.cells.some((c) => c.state === 'number')).length;
  assert.deepEqual([res.matched, res.withNumbers, res.score], [matched, withNumbers, withNumbers * 3 + matched]);
  // The last item of the table is 四、结转下年度继续办理's 总计.
  const items = itemsOfLines(TABS, from, to, 'tabs');
  assert.equal(items[res.lastItem].text, '3');
  assert.equal(items[res.lastItem].line, lineIndex(TABS, '四、结转下年度继续办理'));
});

/** Table 三 of the tabs fixture with the row of （一）予以公开 written as `written`. */
function withR31(written: string) {
  const d = doc(fixture('test/fixtures/synthetic/gov2021-tabs.txt').replace('（一）予以公开\t14\t4\t0\t1\t1\t0\t20', written));
  assert.ok(d.text.includes(written));
  return read(prepared('gov2021', 'requests'), d, lineIndex(d, HEADER_3), lineIndex(d, '四、政府信息公开行政复议'), 'tabs').rows;
}

test('a row with more figures than columns keeps no cells; the rows around it keep theirs', () => {
  const rows = withR31('（一）予以公开\t14\t4\t0\t1\t1\t0\t20\t5');
  assert.deepEqual(row(rows, 'R3.1').cells, []);
  assert.deepEqual(values(row(rows, 'R3.2')), [3, 1, 0, 0, 0, 0, 4]);
  assert.deepEqual(values(row(rows, 'R2')), [3, 1, 0, 0, 0, 0, 4]);
  // A stray figure after empty trailing cells (extra columns copied out of Word) is one too many as well.
  assert.deepEqual(row(withR31('（一）予以公开\t14\t4\t0\t1\t1\t0\t20\t\t\t\t\t5'), 'R3.1').cells, []);
  // Empty trailing cells alone are no figures: the row keeps its seven.
  assert.deepEqual(values(row(withR31('（一）予以公开\t14\t4\t0\t1\t1\t0\t20\t\t'), 'R3.1')), [14, 4, 0, 1, 1, 0, 20]);
});

test('pipe rows: the empty cells of spanned label columns are not values', () => {
  const res = read(prepared('gov2021', 'requests'), PIPES, lineIndex(PIPES, `| ${HEADER_3}`), lineIndex(PIPES, '## 四、'), 'pipes');
  assert.equal(res.rows.length, 30);
  assert.deepEqual(values(row(res.rows, 'R3.7')), [16, 4, 1, 1, 1, 0, 23]);
  assert.deepEqual(values(row(res.rows, 'R3.3.2')), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(row(res.rows, 'R1')), [15, 5, 1, 1, 1, 0, 23]);
});

test('the old statistics table: a unit column before the value, shared labels in table order', () => {
  const from = lineIndex(SEED_000, '统计指标\t');
  const res = read(prepared('gov2014', 'stats'), SEED_000, from, from + 76, 'tabs');
  const a1 = row(res.rows, 'A1');
  assert.equal(a1.unit, '条');
  assert.deepEqual(a1.cells.map((c) => [c.column, c.value]), [['value', 5065]]);
  assert.equal(SEED_000.text.slice(a1.cells[0].span.start, a1.cells[0].span.end), '5065');
  assert.deepEqual([row(res.rows, 'B2.3').unit, values(row(res.rows, 'B2.3'))], ['篇', [9]]);
  assert.deepEqual([row(res.rows, 'I3').unit, values(row(res.rows, 'I3'))], ['人次', [102]]);
  // 一、主动公开情况⇥⇥: a title row, its empty cell missing, no unit.
  assert.deepEqual([row(res.rows, 'A').unit, values(row(res.rows, 'A'))], [undefined, ['missing']]);
  // (三) 其他情形数 stands three times: under 四, 五 and 六, each its own row.
  const others = res.rows.filter((r) => r.label === '(三) 其他情形数').map((r) => r.indicator);
  assert.deepEqual(others, ['D3', 'E3', 'F3']);
  assert.deepEqual(values(row(res.rows, 'K')), [34]);
});

test('statistics rows: a unit with no value is a missing cell; a value with its unit written in is a number', () => {
  const d = doc(['统计指标\t单位\t统计数', '三、依申请公开情况\t\t', '(一) 收到申请数\t件\t', '1. 当面申请数\t件\t2件', '2. 传真申请数\t件\t若干'].join('\n'));
  const res = read(prepared('gov2014', 'stats'), d, 0, d.lines.length, 'tabs');
  assert.deepEqual([row(res.rows, 'C1').unit, values(row(res.rows, 'C1'))], ['件', ['missing']]);
  const c11 = row(res.rows, 'C1.1');
  assert.deepEqual(values(c11), [2]);
  assert.equal(d.text.slice(c11.cells[0].span.start, c11.cells[0].span.end), '2');
  assert.deepEqual(values(row(res.rows, 'C1.2')), ['invalid']);
});

test('one cell per line: a row short of cells cannot be placed unless blank lines are its empty cells', () => {
  const pt = prepared('gov2021', 'active');
  const short = doc(['规章', '0', '0', '行政规范性文件', '1', '0', '7'].join('\n'));
  const res = read(pt, short, 0, short.lines.length, 'cell-lines');
  assert.deepEqual(row(res.rows, 'X1.1').cells, []);
  assert.deepEqual(values(row(res.rows, 'X1.2')), [1, 0, 7]);
  const blank = doc(['规章', '0', '', '0', '行政规范性文件', '1', '0', '7'].join('\n'));
  const withBlank = read(pt, blank, 0, blank.lines.length, 'cell-lines', true);
  assert.deepEqual(values(row(withBlank.rows, 'X1.1')), [0, 'missing', 0]);
  assert.deepEqual(row(withBlank.rows, 'X1.1').cells.map((c) => c.column), ['made', 'repealed', 'current']);
});

test('a word where a figure belongs is an invalid cell of its row', () => {
  const d = doc(['规章\t0\t无\t若干', '行政规范性文件\t1\t0\t7'].join('\n'));
  const res = read(prepared('gov2021', 'active'), d, 0, d.lines.length, 'tabs');
  assert.deepEqual(values(row(res.rows, 'X1.1')), [0, 'missing', 'invalid']);
  assert.deepEqual(values(row(res.rows, 'X1.2')), [1, 0, 7]);
});

test('a header with a 小计 column: the columns follow it, the subtotal is read past', () => {
  const pt = prepared('gov2021', 'requests');
  assert.deepEqual(headerOrder(pt, ['np', 'sub']), ['np', 'biz', 'res', 'npo', 'law', 'oth', 'sub', 'tot']);
  assert.equal(headerOrder(pt, ['np', 'tot']), undefined);
  assert.equal(headerOrder(prepared('gov2021', 'active'), ['sub']), undefined);
  const from = lineIndex(TABS, HEADER_3);
  const lines = TABS.lines.slice(from, from + 4).map((l) => l.text);
  lines[1] = '自然人\t法人或其他组织\t小计\t总计';
  lines[3] = '一、本年新收政府信息公开申请数量\t35\t8\t0\t1\t2\t1\t12\t47';
  const d = doc(lines.join('\n'));
  const res = read(pt, d, 0, d.lines.length, 'tabs');
  const r1 = row(res.rows, 'R1');
  assert.deepEqual(r1.cells.map((c) => `${c.column}=${c.value}`), ['np=35', 'biz=8', 'res=0', 'npo=1', 'law=2', 'oth=1', 'tot=47']);
});

test('a row’s columns: its own where the template names them, else the table’s', () => {
  const active = prepared('gov2021', 'active');
  assert.deepEqual(columnsOf(active, active.keys[1]), ['made', 'repealed', 'current']);
  assert.deepEqual(columnsOf(active, active.keys.find((k) => k.ind.id === 'X8.1')), ['fee']);
  const requests = prepared('gov2021', 'requests');
  assert.deepEqual(columnsOf(requests, undefined), requests.columnIds);
  assert.deepEqual(columnsOf(requests, requests.keys[0], ['np', 'sub']), ['np', 'sub']);
});

test('table 四: a row of figures without a label is its one row', () => {
  const from = lineIndex(TABS, '结果维持\t');
  const d = doc([...TABS.lines.slice(from, from + 2).map((l) => l.text), '3\t1\t0\t1\t5\t1\t0\t1\t0\t2\t2\t0\t0\t0\t2'].join('\n'));
  const res = read(prepared('gov2021', 'review'), d, 0, d.lines.length, 'tabs');
  assert.equal(res.rows.length, 1);
  assert.equal(res.rows[0].indicator, 'T4');
  assert.equal(res.rows[0].label, '');
  assert.deepEqual(values(res.rows[0]), [3, 1, 0, 1, 5, 1, 0, 1, 0, 2, 2, 0, 0, 0, 2]);
  assert.equal(res.rows[0].cells[14].column, 'lit2.total');
});

test('the prose after a table ends it; unmatched rows after the last matched one are dropped', () => {
  const from = lineIndex(TABS, '第二十条第（一）项');
  const res = read(prepared('gov2021', 'active'), TABS, from, TABS.lines.length, 'tabs');
  assert.equal(res.rows.length, 10);
  assert.equal(res.rows[res.rows.length - 1].indicator, 'X8.1');
  assert.deepEqual(values(row(res.rows, 'X8.1')), [127.6]);
  assert.ok(res.rows.every((r) => r.indicator !== undefined));
});

test('a cell from an item: the number span is the digits only; blanks are missing, words invalid', () => {
  assert.deepEqual(toCell('value', makeItem('x 12件', 1, 5, 0)), { column: 'value', raw: '12件', span: { start: 2, end: 4 }, state: 'number', value: 12 });
  assert.deepEqual(toCell('np', makeItem('—', 0, 1, 0)), { column: 'np', raw: '—', span: { start: 0, end: 1 }, state: 'missing' });
  assert.deepEqual(toCell('np', makeItem('若干', 0, 2, 0)), { column: 'np', raw: '若干', span: { start: 0, end: 2 }, state: 'invalid' });
});

test('reading stops when the scan’s work budget is spent', () => {
  const from = lineIndex(TABS, HEADER_3);
  budget.left = 20;
  const res = read(prepared('gov2021', 'requests'), TABS, from, from + 30, 'tabs');
  assert.ok(res.rows.length < 5, `${res.rows.length} rows`);
  assert.ok(budget.left < 0);
});
