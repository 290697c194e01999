/**
 * Page furniture between table rows (text copied out of a PDF): page numbers such as `-3-`, `— 2 —`,
 * `第 3 页 共 9 页` and pdftotext's bare page numbers at form feeds are never cells, so they raise nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { ROOT } from '../support/walk';

const FILES = [
  'test/fixtures/seeds/004_74e3e29789819dcb.txt', // one cell per line, blank-line separators
  'test/fixtures/synthetic/broken-percentage-mismatch-2.txt', // one cell per line, blank lines are empty cells
  'test/fixtures/synthetic/broken-outcome-total-mismatch-1.txt', // space-aligned columns
  'test/server/fixtures/draft-2021.txt', // tab rows
];

function load(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8').split('\n').filter((l) => !l.startsWith('%%')).join('\n');
}

const serious = (text: string): string[] =>
  analyze(text, { reuse: false }).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message.zh}`);

/** Line indices inside the report's tables. */
function tableLines(text: string): number[] {
  const { report } = analyze(text, { reuse: false });
  const out: number[] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    if (report.tables.some((t) => offset > t.span.start && offset < t.span.end)) out.push(i);
    offset += line.length + 1;
  });
  return out;
}

for (const rel of FILES) {
  test(`${rel.split('/').pop()}: a page number between any two rows changes no finding`, () => {
    const text = load(rel);
    const lines = text.split('\n');
    const before = serious(text);
    const inside = tableLines(text);
    assert.ok(inside.length > 20);
    const changed: string[] = [];
    for (const furniture of ['-3-', '— 2 —', '第 3 页 共 9 页', '·3·', '３／９', '\f- 4 -']) {
      for (let k = 2; k < inside.length; k += 9) {
        const i = inside[k];
        for (const inserted of [[furniture], ['', furniture, '']]) {
          const after = serious([...lines.slice(0, i), ...inserted, ...lines.slice(i)].join('\n'));
          const added = after.filter((f) => !before.includes(f));
          if (added.length) changed.push(`${JSON.stringify(inserted)} before line ${i + 1}: ${added[0]}`);
        }
      }
    }
    assert.deepEqual(changed, []);
  });

  test(`${rel.split('/').pop()}: pdftotext pages with bare page numbers at foot or head change no finding`, () => {
    const text = load(rel);
    const lines = text.split('\n');
    const before = serious(text);
    for (const per of [17, 29, 41]) {
      for (const style of ['foot', 'head'] as const) {
        const out: string[] = [];
        let page = 1;
        lines.forEach((line, i) => {
          out.push(line);
          if ((i + 1) % per !== 0) return;
          if (style === 'foot') out.push('', String(page));
          page++;
          out.push(style === 'head' ? `\f${page}` : '\f');
        });
        assert.ok(page > 2);
        const after = serious(out.join('\n'));
        assert.deepEqual(after.filter((f) => !before.includes(f)), [], `${per} lines a page, numbers at the ${style}`);
        assert.deepEqual(before.filter((f) => !after.includes(f)), [], `${per} lines a page, numbers at the ${style}: nothing lost`);
      }
    }
  });
}

test('a bare number that does not count the pages stays a cell', () => {
  // Seed 004 lists one cell per line; a page break after a cell that is not the page's number keeps the cell.
  const text = load('test/fixtures/seeds/004_74e3e29789819dcb.txt');
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^\s*17\s*$/.test(l));
  assert.ok(i > 0, 'the 17 of 收到申请数');
  const broken = [...lines.slice(0, i + 1), '\f', ...lines.slice(i + 1)].join('\n');
  assert.deepEqual(serious(broken), serious(text));
});
