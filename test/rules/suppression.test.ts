/**
 * Suppression directives count only where a reader sees them and where they belong: not between the rows of
 * a table, not beyond column 200 of a line. Those are reported by directive-ignored and silence nothing; a
 * next-line directive right before a table covers the table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { ROOT } from '../support/walk';

const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt'), 'utf8');
const rulesOf = (text: string): string[] => analyze(text).findings.map((f) => f.ruleId);
const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

test('a directive hidden beyond column 200 silences nothing and is reported', () => {
  const first = SEED.indexOf('\n', SEED.indexOf('一、')) ;
  const hidden = `${SEED.slice(0, first)}${'　'.repeat(300)}<!-- xxgk-disable-file -->${SEED.slice(first)}`;
  const findings = analyze(hidden).findings;
  assert.ok(findings.some((f) => f.ruleId === 'sum-mismatch'), 'the file is still checked');
  const ignored = findings.filter((f) => f.ruleId === 'directive-ignored');
  assert.equal(ignored.length, 1);
  assert.equal(hidden.slice(ignored[0].span.start, ignored[0].span.end), '<!-- xxgk-disable-file -->');
  assert.match(ignored[0].message.zh, /第 200 列之后/);
  // The same directive at the start of its own line works.
  const visible = `${SEED.slice(0, first)}\n<!-- xxgk-disable-file -->${SEED.slice(first)}`;
  assert.deepEqual(rulesOf(visible), []);
});

test('a directive between the rows of a table silences nothing and is reported; the table reads the same', () => {
  const { report, findings } = analyze(SEED);
  const sum = findings.find((f) => f.ruleId === 'sum-mismatch')!;
  const at = lineStart(SEED, sum.span.start);
  const inside = `${SEED.slice(0, at)}<!-- xxgk-disable-next-line sum-mismatch -->\n${SEED.slice(at)}`;
  const after = analyze(inside);
  assert.ok(after.findings.some((f) => f.ruleId === 'sum-mismatch'), 'not silenced');
  const ignored = after.findings.filter((f) => f.ruleId === 'directive-ignored');
  assert.equal(ignored.length, 1);
  assert.match(ignored[0].message.zh, /位于表格之内/);
  const cells = (r: typeof report) => r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${row.indicator}:${c.raw}`)));
  assert.deepEqual(cells(after.report), cells(report));
});

test('a next-line directive on the line before a table covers the whole table', () => {
  const { report, findings } = analyze(SEED);
  const sum = findings.find((f) => f.ruleId === 'sum-mismatch')!;
  const table = report.tables.find((t) => sum.span.start >= t.span.start && sum.span.start <= t.span.end)!;
  const at = lineStart(SEED, table.span.start);
  const before = `${SEED.slice(0, at)}<!-- xxgk-disable-next-line sum-mismatch subset-exceeds-total -->\n${SEED.slice(at)}`;
  const left = rulesOf(before);
  assert.ok(!left.includes('sum-mismatch') && !left.includes('subset-exceeds-total'), left.join(', '));
  assert.ok(!left.includes('directive-ignored'));
  assert.ok(left.includes('declared-part-count'), 'findings outside the table stay');
});

test('a next-line directive above a table\'s caption line covers the table too', () => {
  const { report } = analyze(SEED);
  const table = report.tables[0];
  const at = lineStart(SEED, table.span.start);
  const captioned = `${SEED.slice(0, at)}<!-- xxgk-disable-next-line sum-mismatch -->\n附表：政府信息公开情况统计表\n\n${SEED.slice(at)}`;
  assert.ok(!rulesOf(captioned).includes('sum-mismatch'));
});
