/**
 * Stage 2, page furniture (shared/src/model/tables/furniture.ts): bare numbers at pdftotext's page breaks (form
 * feeds) are page numbers when they count the pages, and cells when they do not; `-3-`, `— 2 —`, `第 3 页 共 9 页`
 * are furniture anywhere; blank lines padding furniture hold no cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../../shared/src/model/lines';
import { MAX_UNNUMBERED_PAGES, besideFurniture, furnitureAt, pageNumberLines } from '../../../shared/src/model/tables/furniture';
import { fixture } from './support';

/** Plain pdftotext of a Chromium-printed PDF: ten form feeds, no page numbers printed. */
const EXTRACTED = fixture('test/fixtures/extracted/gov2021-pipes.pdftotext.txt').split('\n');

/**
 * The extracted text with a number printed on page breaks: at the foot of the page ending there (`n`, then the
 * `\f` line) or at the head of the next (`\fn`). `number(page)` is the number printed on that page, or undefined.
 */
function numbered(place: 'foot' | 'head', number: (page: number) => number | undefined): { lines: ReturnType<typeof splitLines>; printed: number[] } {
  const out: string[] = [];
  const printed: number[] = [];
  let page = 1;
  for (const l of EXTRACTED) {
    if (!l.startsWith('\f')) {
      out.push(l);
      continue;
    }
    const n = number(place === 'foot' ? page : page + 1);
    if (n !== undefined && place === 'foot') {
      printed.push(out.length);
      out.push(String(n));
    }
    if (n !== undefined && place === 'head') {
      printed.push(out.length);
      out.push(`\f${n}`, l.slice(1));
    } else {
      out.push(l);
    }
    page++;
  }
  return { lines: splitLines(out.join('\n')), printed };
}

test('bare numbers at the page breaks of a Chromium-printed PDF are cells: they do not count the pages', () => {
  const lines = splitLines(EXTRACTED.join('\n'));
  const feet = lines.filter((_, j) => lines[j + 2]?.text.startsWith('\f')).map((l) => l.text);
  // The last cell of a page is often a bare figure (14, 2, 0 …): none is the page's number.
  assert.ok(feet.filter((t) => /^\d+$/.test(t)).length >= 5, feet.join(' '));
  assert.deepEqual([...pageNumberLines(lines)], []);
});

test('page numbers at the foot of each page, counting the pages, are found on their lines', () => {
  const { lines, printed } = numbered('foot', (page) => page);
  assert.equal(printed.length, 10);
  assert.deepEqual([...pageNumberLines(lines)].sort((a, b) => a - b), printed);
  for (const j of printed) assert.equal(furnitureAt(lines, pageNumberLines(lines), j), true);
});

test('page numbers at the head of the next page (`\\f7`) are found too', () => {
  const { lines, printed } = numbered('head', (page) => page);
  assert.deepEqual([...pageNumberLines(lines)].sort((a, b) => a - b), printed);
  assert.ok(printed.every((j) => lines[j].text.startsWith('\f')));
});

test('a cover page not counted: numbers one less than the page are page numbers; beyond the few front pages not', () => {
  const cover = numbered('foot', (page) => (page > 1 ? page - 1 : undefined));
  assert.equal(cover.printed.length, 9);
  assert.deepEqual([...pageNumberLines(cover.lines)].sort((a, b) => a - b), cover.printed);
  const skip = MAX_UNNUMBERED_PAGES + 1;
  const far = numbered('foot', (page) => (page > skip ? page - skip : undefined));
  assert.ok(far.printed.length * 2 >= 10);
  assert.deepEqual([...pageNumberLines(far.lines)], []);
  // Numbers that run ahead of the pages are no count either.
  const ahead = numbered('foot', (page) => page + 1);
  assert.deepEqual([...pageNumberLines(ahead.lines)], []);
});

test('page numbers must be on half the page breaks at least', () => {
  const half = numbered('foot', (page) => (page % 2 === 0 ? page : undefined));
  assert.equal(half.printed.length, 5);
  assert.deepEqual([...pageNumberLines(half.lines)].sort((a, b) => a - b), half.printed);
  const few = numbered('foot', (page) => (page % 3 === 0 ? page : undefined));
  assert.equal(few.printed.length, 3);
  assert.deepEqual([...pageNumberLines(few.lines)], []);
});

test('one page break: a bare figure that is not the page number stays a cell; the page number 1 does not', () => {
  // One cell per line (table 二 of a plain pdftotext copy), broken after 规章's cells.
  const cell = splitLines(['规章', '0', '0', '3', '\f行政规范性文件', '1', '0', '7'].join('\n'));
  assert.deepEqual([...pageNumberLines(cell)], []);
  assert.equal(furnitureAt(cell, pageNumberLines(cell), 3), false);
  const page = splitLines(['规章', '0', '0', '0', '', '1', '\f行政规范性文件', '1', '0', '7'].join('\n'));
  assert.deepEqual([...pageNumberLines(page)], [5]);
  // A form feed that is itself furniture (`\f- 2 -`) leaves the page without a number at its foot.
  const dashed = splitLines(['规章', '0', '0', '1', '\f- 2 -', '行政规范性文件'].join('\n'));
  assert.deepEqual([...pageNumberLines(dashed)], []);
  assert.equal(furnitureAt(dashed, new Set(), 4), true);
});

test('printed page furniture is furniture on any line; a bare number only where it counts the pages', () => {
  const lines = splitLines(['- 3 -', '— 2 —', '第 3 页 共 9 页', '3', '3/9', '（一）予以公开'].join('\n'));
  assert.deepEqual(lines.map((_, j) => furnitureAt(lines, new Set(), j)), [true, true, true, false, true, false]);
  assert.equal(furnitureAt(lines, new Set([3]), 3), true);
});

test('blank lines padding a page number hold no cell; a page number tight against a cell leaves the blank cells alone', () => {
  const padded = splitLines(['0', '', '- 3 -', '', '1'].join('\n'));
  assert.deepEqual([1, 3].map((j) => besideFurniture(padded, new Set(), j)), [true, true]);
  const tight = splitLines(['0', '', '- 3 -', '7', '', '0'].join('\n'));
  assert.deepEqual([1, 4].map((j) => besideFurniture(tight, new Set(), j)), [false, false]);
  // A bare page number counts only once it is known to be one.
  const bare = splitLines(['0', '', '4', '', '1'].join('\n'));
  assert.equal(besideFurniture(bare, new Set(), 1), false);
  assert.equal(besideFurniture(bare, new Set([2]), 1), true);
});
