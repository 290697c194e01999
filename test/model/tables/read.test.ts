/**
 * Stage 8, the best reading (shared/src/model/tables/read.ts): the items of one anchor read by every variant of a
 * table kind (equal tables once), the best kept by score, the report year's format on a tie; a reading without a
 * figure is a table only when every national row is written out, blank (a draft to fill in).
 */
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { blankTables } from '../../../shared/src/index';
import type { TableKind, TableLayout } from '../../../shared/src/model/types';
import { arraySource } from '../../../shared/src/model/tables/items';
import { everyNationalRow, readBest, rowsSpan } from '../../../shared/src/model/tables/read';
import { budget, parseRows } from '../../../shared/src/model/tables/rows';
import { ALL, type Doc, doc, fixtureDoc, itemsOfLines, lineIndex, prepared, HEADER_3 } from './support';

const TABS = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');

beforeEach(() => {
  budget.left = 1_000_000;
});

function best(d: Doc, kind: TableKind, layout: TableLayout, preferred?: 'gov2014' | 'gov2019' | 'gov2021', fallback = false, from = 0, to = d.lines.length) {
  return readBest(ALL, [kind], arraySource(itemsOfLines(d, from, to, layout)), layout, false, fallback, preferred);
}

/** Table 三 of the tabs fixture with only the rows 2019 and 2021 share (no 其他处理 sub-rows, no 不予公开 …). */
function commonRows(): Doc {
  const from = lineIndex(TABS, HEADER_3);
  const keep = /^(（本列|自然人|商业企业|一、本年|二、上年|三、本年度办理结果|（二）部分|（七）|四、结转)/;
  return doc(TABS.lines.slice(from, from + 34).map((l) => l.text).filter((t) => keep.test(t)).join('\n'));
}

test('two formats reading a table equally well: the report year’s format wins; without a year, the newest', () => {
  const d = commonRows();
  assert.equal(d.lines.length, 9);
  for (const preferred of ['gov2019', 'gov2021'] as const) {
    const [t] = best(d, 'requests', 'tabs', preferred);
    assert.equal(t.template, preferred);
    assert.equal(t.rows.length, 7);
  }
  assert.equal(best(d, 'requests', 'tabs')[0].template, 'gov2021');
  // A format that has no such table takes no part.
  assert.equal(best(d, 'requests', 'tabs', 'gov2014')[0].template, 'gov2021');
});

test('a better reading beats the report year’s format', () => {
  const from = lineIndex(TABS, HEADER_3);
  const to = lineIndex(TABS, '四、政府信息公开行政复议');
  // 2021's 其他处理 has three sub-rows that 2019's table does not know.
  const [t] = best(TABS, 'requests', 'tabs', 'gov2019', false, from, to);
  assert.equal(t.template, 'gov2021');
  const r19 = parseRows(prepared('gov2019', 'requests'), arraySource(itemsOfLines(TABS, from, to, 'tabs')), 'tabs', false);
  const r21 = parseRows(prepared('gov2021', 'requests'), arraySource(itemsOfLines(TABS, from, to, 'tabs')), 'tabs', false);
  assert.ok(r21.score > r19.score, `${r21.score} > ${r19.score}`);
});

test('the table read: its kind, format, layout, columns, rows, its span from the anchor to its last cell', () => {
  const from = lineIndex(TABS, HEADER_3);
  const [t] = best(TABS, 'requests', 'tabs', 'gov2021', false, from, TABS.lines.length);
  assert.deepEqual([t.kind, t.template, t.layout], ['requests', 'gov2021', 'tabs']);
  assert.deepEqual(t.columns, ['np', 'biz', 'res', 'npo', 'law', 'oth', 'tot']);
  assert.equal(t.rows.length, 30);
  assert.equal(t.span.start, TABS.lines[from].start);
  const last = TABS.lines[lineIndex(TABS, '四、结转下年度继续办理')];
  assert.equal(t.span.end, last.end);
  assert.equal(t.lastLine, last.index);
  assert.deepEqual(rowsSpan(t.rows), { start: t.rows[0].labelSpan.start, end: last.end });
  assert.equal(rowsSpan([]), undefined);
});

test('variants with equal tables are read once', () => {
  // 表四 is the same table in 2019 and 2021: reading the kind costs what one reading costs.
  const from = lineIndex(TABS, '行政复议\t行政诉讼');
  const d = doc([...TABS.lines.slice(from, from + 3).map((l) => l.text), '3\t1\t0\t1\t5\t1\t0\t1\t0\t2\t2\t0\t0\t0\t2'].join('\n'));
  const items = () => arraySource(itemsOfLines(d, 0, d.lines.length, 'tabs'));
  parseRows(prepared('gov2021', 'review'), items(), 'tabs', false);
  const one = 1_000_000 - budget.left;
  budget.left = 1_000_000;
  const [t] = readBest(ALL, ['review'], items(), 'tabs', false, false, 'gov2019');
  assert.equal(1_000_000 - budget.left, one);
  // …and the reading is the report year's format.
  assert.equal(t.template, 'gov2019');
  assert.equal(t.rows[0].cells.length, 15);
});

test('a table with no figure is not read: labels whose figures were lost stay unread', () => {
  const d = commonRows();
  const labelsOnly = doc(d.lines.map((l) => l.text.split('\t')[0]).join('\n'));
  assert.deepEqual(best(labelsOnly, 'requests', 'cell-lines', 'gov2021'), []);
  const blanks = doc(d.lines.map((l) => l.text.replace(/\t\d+/g, '\t—')).join('\n'));
  assert.deepEqual(best(blanks, 'requests', 'tabs', 'gov2021'), []);
});

test('a blank official table (a draft to fill in) is read: every national row is there, each cell written out blank', () => {
  const draft = doc(blankTables('gov2021', 'pipes'));
  const starts = { active: lineIndex(draft, '二、主动公开'), requests: lineIndex(draft, '三、收到和处理'), review: lineIndex(draft, '四、政府信息公开行政复议') };
  const ends = { active: starts.requests, requests: starts.review, review: draft.lines.length };
  for (const kind of ['active', 'requests', 'review'] as const) {
    const [t] = best(draft, kind, 'pipes', 'gov2021', false, starts[kind] + 1, ends[kind]);
    assert.ok(t, `${kind} is read`);
    assert.equal(t.template, 'gov2021');
    const cells = t.rows.flatMap((r) => r.cells);
    assert.ok(cells.length > 0 && cells.every((c) => c.state === 'missing'), kind);
    assert.equal(everyNationalRow(prepared('gov2021', kind), t.rows), true);
  }
  // One national row left out: not the whole blank table, so not a table.
  const from = starts.requests + 1;
  const lines = draft.lines.slice(from, ends.requests).map((l) => l.text).filter((t) => !t.includes('（一）予以公开'));
  const partial = doc(lines.join('\n'));
  assert.deepEqual(best(partial, 'requests', 'pipes', 'gov2021'), []);
});

test('too few rows are no table: two rows with figures for an anchored table, four matched rows for a fallback anchor', () => {
  const from = lineIndex(TABS, '第二十条第（一）项');
  const twoRows = doc(TABS.lines.slice(from, from + 4).map((l) => l.text).join('\n'));
  // 第二十条第（一）项, 规章, 行政规范性文件: three matched rows, two with figures.
  assert.equal(best(twoRows, 'active', 'tabs', 'gov2021').length, 1);
  assert.equal(best(twoRows, 'active', 'tabs', 'gov2021', true).length, 0);
  const oneRow = doc(TABS.lines.slice(from, from + 3).map((l) => l.text).join('\n'));
  assert.equal(best(oneRow, 'active', 'tabs', 'gov2021').length, 0);
});
