/**
 * Stage 5, the layout readers (shared/src/model/tables/readers/): a line of a pipe, tab, space-aligned or
 * one-cell-per-line table, an HTML `<table>` and a run-together line each become cell items whose span, cut out of
 * the source, is the cell as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endsLikeValue, lineItems } from '../../../shared/src/model/tables/readers/lines';
import { htmlEntity, htmlItems, visibleText } from '../../../shared/src/model/tables/readers/html';
import { hasRunHint, runTogetherItems } from '../../../shared/src/model/tables/readers/runTogether';
import type { TableLayout } from '../../../shared/src/model/types';
import type { Item } from '../../../shared/src/model/tables/items';
import { type Doc, assertSpans, collapsed, fixtureDoc, lineIndex, lineStarting, oneLine, texts } from './support';

const PIPES = fixtureDoc('test/fixtures/synthetic/gov2021-pipes.md');
const TABS = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');
const SPACES = fixtureDoc('test/fixtures/synthetic/gov2021-spaces.txt');
const CELLS = fixtureDoc('test/fixtures/synthetic/gov2021-cells.txt');
const HTML = fixtureDoc('test/fixtures/synthetic/gov2021-html.txt');
const LAYOUT = fixtureDoc('test/fixtures/extracted/gov2021-pipes.pdftotext-layout.txt');
const SEED_002 = fixtureDoc('test/fixtures/seeds/002_4c0596bc8ba7dc96.txt');
const SEED_003 = fixtureDoc('test/fixtures/seeds/003_ffaee79ddffb64b7.txt');

/** The items of the first line of `d` starting with `prefix`, read in `layout`, each span checked against the source. */
function cellsOf(d: Doc, prefix: string, layout: TableLayout): Item[] {
  const items = lineItems(lineStarting(d, prefix), layout, false);
  assertSpans(d.text, items);
  return items;
}

const numbers = (items: readonly Item[]): (number | string)[] => items.map((it) => (it.value.kind === 'number' ? it.value.value : it.value.kind));

test('pipes: a Markdown row is its cells, each span in the document holding the cell', () => {
  const line = lineStarting(PIPES, '| 行政规范性文件 |');
  const items = lineItems(line, 'pipes', false);
  assert.deepEqual(texts(items), ['行政规范性文件', '2', '3', '14']);
  assert.deepEqual(numbers(items), ['text', 2, 3, 14]);
  assert.ok(items.every((it) => it.line === line.index && it.span.start >= line.start && it.span.end <= line.end));
  assertSpans(PIPES.text, items);
});

test('pipes: the empty cells of spanned label columns are empty items where they stand; the separator row has none', () => {
  const line = lineStarting(PIPES, '|  | （七）总计 |');
  const items = lineItems(line, 'pipes', false);
  assert.deepEqual(texts(items), ['', '（七）总计', '', '16', '4', '1', '1', '1', '0', '23']);
  for (const it of items.filter((x) => x.text === '')) {
    assert.equal(it.span.start, it.span.end);
    assert.equal(it.value.kind, 'missing');
    assert.ok(it.span.start > line.start && it.span.end < line.end);
  }
  assertSpans(PIPES.text, items);
  assert.deepEqual(lineItems(lineStarting(PIPES, '|---|'), 'pipes', false), []);
  // A pipe row is read as one whatever the layout detected around it.
  assert.deepEqual(texts(lineItems(line, 'cell-lines', false)), texts(items));
});

test('tabs: cells between tabs; leading tabs are indentation, not cells', () => {
  const items = cellsOf(TABS, '三、本年度办理结果\t', 'tabs');
  assert.deepEqual(texts(items), ['三、本年度办理结果', '（一）予以公开', '14', '4', '0', '1', '1', '0', '20']);
  // Copied out of a web page with the label indented by a tab and no-break spaces (温州 2018).
  const indented = lineStarting(SEED_002, '\t\u00a0\u00a0\u00a0\u00a0其中：主动公开规范性文件数');
  const [label, ...rest] = lineItems(indented, 'tabs', false);
  assert.equal(rest.length, 0);
  assert.equal(label.text, '其中：主动公开规范性文件数');
  assert.equal(label.span.start, indented.start + 5);
  assertSpans(SEED_002.text, [label]);
});

test('tabs: a line holding only a tab is one empty cell; an empty line is none', () => {
  // 一、主动公开情况 is a title row: its unit and figure cells are left empty, one tab each.
  const j = lineIndex(SEED_003, '\t一、主动公开情况');
  const tabOnly = SEED_003.lines[j + 1];
  assert.equal(tabOnly.text, '\t');
  const items = lineItems(tabOnly, 'tabs', false);
  assert.equal(items.length, 1);
  assert.equal(items[0].text, '');
  assert.equal(items[0].value.kind, 'missing');
  assert.deepEqual(items[0].span, { start: tabOnly.end, end: tabOnly.end });
  const empty = SEED_003.lines.find((l) => l.text === '');
  assert.ok(empty);
  assert.deepEqual(lineItems(empty, 'tabs', false), []);
});

test('spaces: runs of two or more spaces separate the cells of a pdftotext -layout row', () => {
  const items = cellsOf(SPACES, '三、本年度办理结果  （一）予以公开', 'spaces');
  assert.deepEqual(texts(items), ['三、本年度办理结果', '（一）予以公开', '22', '6', '0', '0', '2', '1', '31']);
  assert.deepEqual(texts(cellsOf(SPACES, '                    （二）部分公开', 'spaces')), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '4', '1', '0', '0', '0', '0', '5']);
});

test('spaces: a label followed by single-space values becomes the label and one item per value', () => {
  // pdftotext -layout of a Chromium-printed table: one space after the label, wider gaps after.
  assert.deepEqual(texts(cellsOf(LAYOUT, '行政规范性文件 2', 'spaces')), ['行政规范性文件', '2', '3', '14']);
  const tight = oneLine('（一）予以公开 5 0 0 1 0 0 6');
  const t = lineItems(tight, 'spaces', false);
  assert.deepEqual(texts(t), ['（一）予以公开', '5', '0', '0', '1', '0', '0', '6']);
  assert.deepEqual(t.map((it) => it.span.start), [0, 8, 10, 12, 14, 16, 18, 20]);
  // Blank markers split off as values too; full-width digits stay as written, read as numbers.
  assert.deepEqual(texts(lineItems(oneLine('8.属于行政查询事项 0 — /'), 'spaces', false)), ['8.属于行政查询事项', '0', '—', '/']);
  const wide = lineItems(oneLine('行政许可　１６０７'), 'spaces', false);
  assert.deepEqual(numbers(wide), ['text', 1607]);
  assert.equal(wide[1].text, '１６０７');
});

test('spaces: figures inside a parenthesis left open (a label wrapped mid-note) stay in the label', () => {
  const items = lineItems(oneLine('（二）部分公开（区分处理的 3 1'), 'spaces', false);
  assert.deepEqual(texts(items), ['（二）部分公开（区分处理的 3 1']);
  assert.equal(endsLikeValue('23'), true);
  assert.equal(endsLikeValue('——'), true);
  assert.equal(endsLikeValue('２３'), true);
  assert.equal(endsLikeValue('数量'), false);
});

test('cell-lines: a line is one cell; a blank line is an empty cell only where blank lines are cells', () => {
  const fee = lineStarting(CELLS, '58.32');
  const [cell, ...rest] = lineItems(fee, 'cell-lines', false);
  assert.equal(rest.length, 0);
  assert.deepEqual(numbers([cell]), [58.32]);
  assertSpans(CELLS.text, [cell]);
  const blank = oneLine('');
  assert.deepEqual(lineItems(blank, 'cell-lines', false), []);
  const asCell = lineItems(blank, 'cell-lines', true);
  assert.equal(asCell.length, 1);
  assert.equal(asCell[0].value.kind, 'missing');
});

test('html: the cells of a pasted table, entities and nested <p><span> decoded, each span the cell in the source', () => {
  const start = HTML.text.indexOf('<table');
  const end = HTML.text.indexOf('</table>', start) + '</table>'.length;
  const items = htmlItems(HTML.text, start, end, HTML.lineOf);
  assert.deepEqual(texts(items.slice(0, 13)), ['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '0', '行政规范性文件', '5', '2', '38']);
  // `信息内容&nbsp;`: the entity is white space, trimmed; `<p …><span …>0</span></p>`: the span is the digit.
  assertSpans(HTML.text, items);
  for (const it of items) assert.equal(it.line, HTML.lineOf(it.span.start));
  assert.equal(items[1].line, lineIndex(HTML, '  <td>信息内容&nbsp;</td>'));
  assert.ok(items.every((it) => it.span.start > start && it.span.end < end));
});

test('html: a <br /> in a cell reads as a space, and the span covers the cell as written', () => {
  const start = HTML.text.indexOf('<table', HTML.text.indexOf('三、收到和处理政府信息公开申请情况'));
  const end = HTML.text.indexOf('</table>', start) + '</table>'.length;
  const [note] = htmlItems(HTML.text, start, end, HTML.lineOf);
  assert.equal(note.text, '（本列数据的勾稽关系为：第一项加第二项之和， 等于第三项加第四项之和）');
  assert.equal(HTML.text.slice(note.span.start, note.span.end), '（本列数据的勾稽关系为：第一项加第二项之和，<br />等于第三项加第四项之和）');
});

test('html: an empty cell is an empty item inside its tag; entities decode', () => {
  const h = '<table><tr><td><p><span>规章</span></p></td><td>&nbsp;1&nbsp;</td><td></td><th>总&amp;计</th></tr></table>';
  const items = htmlItems(h, 0, h.length, () => 0);
  assert.deepEqual(texts(items), ['规章', '1', '', '总&计']);
  assert.equal(h.slice(items[1].span.start, items[1].span.end), '1');
  assert.equal(items[2].span.start, items[2].span.end);
  assert.equal(h.slice(items[2].span.start - 4, items[2].span.start), '<td>');
  assert.deepEqual(htmlEntity('a&nbsp;b', 1), [' ', 6]);
  assert.deepEqual(htmlEntity('&#x4e00;', 0), ['一', 8]);
  assert.deepEqual(htmlEntity('&#19968;', 0), ['一', 8]);
  assert.deepEqual(htmlEntity('&AMP;', 0), ['&', 5]);
  assert.equal(htmlEntity('&bogus;', 0), undefined);
  const p = '<p>总&amp;计</p>';
  assert.deepEqual(visibleText(p, 0, p.length), { chars: '总&计 ', offsets: [3, 4, 9, 10] });
});

test('run-together: labels and digit runs of a web page dump, cut where a label numbering starts', () => {
  const from = lineIndex(TABS, '三、本年度办理结果\t');
  const line = oneLine(collapsed(TABS, from, from + 2));
  assert.equal(line.text, '三、本年度办理结果（一）予以公开144011020（二）部分公开（区分处理的，只计这一情形，不计其他情形）3100004');
  const items = runTogetherItems(line);
  assert.deepEqual(texts(items), ['三、本年度办理结果', '（一）予以公开', '144011020', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '3100004']);
  assert.deepEqual(numbers(items).slice(2, 3), [144011020]);
  assertSpans(line.text, items);
});

test('run-together: a digit before `.` and a label is that label numbering; decimals and thousands are one number', () => {
  const rows = runTogetherItems(oneLine('1.属于国家秘密00000002.其他法律行政法规禁止公开0000000'));
  assert.deepEqual(texts(rows), ['1.属于国家秘密', '0000000', '2.其他法律行政法规禁止公开', '0000000']);
  const active = runTogetherItems(oneLine('行政事业性收费127.6行政许可1,607第二十条第（一）项'));
  assert.deepEqual(texts(active), ['行政事业性收费', '127.6', '行政许可', '1,607', '第二十条第（一）项']);
  assert.deepEqual(numbers(active), ['text', 127.6, 'text', 1607, 'text']);
  // Digits in a short parenthesis belong to the label (计1条); `第（一）项` is not cut after 第.
  const stats = runTogetherItems(oneLine('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）条5065'));
  assert.deepEqual(texts(stats), ['（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）条', '5065']);
});

test('run-together hint: a label (or closing parenthesis) right before seven digits or more', () => {
  assert.equal(hasRunHint('（一）予以公开1020300'), true);
  assert.equal(hasRunHint('（一）予以公开102030'), false);
  assert.equal(hasRunHint('（二）部分公开（区分处理的，只计这一情形，不计其他情形）3100004'), true);
  assert.equal(hasRunHint('联系电话：0577-88888888'), false);
  assert.equal(hasRunHint('12345678'), false);
});
