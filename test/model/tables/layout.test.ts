/**
 * Stage 4, layout (shared/src/model/tables/layout.ts): the lines after an anchor say how the table is written —
 * pipe rows, tab rows, space-aligned columns, or one cell per line with blank lines as separators or as empty cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout } from '../../../shared/src/model/tables/layout';
import { type Doc, doc, fixture, fixtureDoc, lineIndex, HEADER_3 } from './support';

/** The layout read from an anchor over the window `scanTables` uses (60 lines). */
function layoutAt(d: Doc, prefix: string): ReturnType<typeof detectLayout> {
  const from = lineIndex(d, prefix);
  return detectLayout(d.lines, from, Math.min(d.lines.length, from + 60));
}

test('pipe rows (Markdown)', () => {
  const d = fixtureDoc('test/fixtures/synthetic/gov2021-pipes.md');
  assert.deepEqual(layoutAt(d, `| ${HEADER_3}`), { layout: 'pipes', blankIsCell: false });
});

test('tab rows (copied out of Word)', () => {
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt'), HEADER_3), { layout: 'tabs', blankIsCell: false });
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/seeds/000_82d47b6a6cde8053.txt'), '统计指标\t'), { layout: 'tabs', blankIsCell: false });
  // One cell per line, each after a tab, many cells blank (温州 2018): still tab rows.
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/seeds/002_4c0596bc8ba7dc96.txt'), '\t统　计　指　标'), { layout: 'tabs', blankIsCell: false });
});

test('space-aligned columns (pdftotext -layout)', () => {
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/synthetic/gov2021-spaces.txt'), HEADER_3), { layout: 'spaces', blankIsCell: false });
});

test('one cell per line, blank lines between the cells: separators', () => {
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/synthetic/gov2021-blanklines.txt'), HEADER_3), { layout: 'cell-lines', blankIsCell: false });
  assert.deepEqual(layoutAt(fixtureDoc('test/fixtures/seeds/004_74e3e29789819dcb.txt'), '统计指标'), { layout: 'cell-lines', blankIsCell: false });
});

test('one cell per line, cells next to each other: a blank line is an empty cell', () => {
  const text = fixture('test/fixtures/synthetic/gov2021-cells.txt');
  // Plain pdftotext of a table with 规章's 本年废止件数 left empty: the empty cell is an empty line.
  const blankCell = text.replace('规章\n0\n0\n0\n', '规章\n0\n\n0\n');
  assert.notEqual(blankCell, text);
  assert.deepEqual(layoutAt(doc(blankCell), '第二十条第（一）项'), { layout: 'cell-lines', blankIsCell: true });
  assert.deepEqual(layoutAt(doc(text), HEADER_3), { layout: 'cell-lines', blankIsCell: true });
});

test('shares of the window: pipes at 40%, tabs at 40%, spaces at 30%, pipes before tabs; blank lines never count', () => {
  const cells = ['规章', '0', '0', '0', '行政规范性文件', '1', '0', '7', '行政许可', '263'];
  const at = (lines: string[]) => {
    const d = doc(lines.join('\n'));
    return detectLayout(d.lines, 0, d.lines.length).layout;
  };
  assert.equal(at(['| 规章 | 0 | 0 | 0 |', '| 行政规范性文件 | 1 | 0 | 7 |', ...cells.slice(0, 3)]), 'pipes');
  assert.equal(at(['| 规章 | 0 | 0 | 0 |', ...cells.slice(0, 4)]), 'cell-lines');
  assert.equal(at(['规章\t0\t0\t0', '行政规范性文件\t1\t0\t7', '', '', ...cells.slice(0, 3)]), 'tabs');
  assert.equal(at(['| 规章 | 0 | 0 | 0 |', '| 行政规范性文件 | 1 | 0 | 7 |', '行政许可\t263', '行政处罚\t41', '行政强制']), 'pipes');
  assert.equal(at(['规章      0      0      0', '行政规范性文件  1  0  7', '行政许可    263', ...cells.slice(0, 7)]), 'spaces');
  assert.equal(at(['规章      0      0      0', '行政规范性文件  1  0  7', ...cells.slice(0, 8)]), 'cell-lines');
  assert.deepEqual(detectLayout(doc('\n\n\n').lines, 0, 4), { layout: 'cell-lines', blankIsCell: false });
});
