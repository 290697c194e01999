/**
 * Tables whose digits ran together (a web page copied as text: `（一）予以公开1020300（二）部分公开…`): read back by
 * the table's own identities when exactly one split satisfies them (shared/src/model/tables/runSplit.ts, the run-together
 * reading in shared/src/model/tables/), otherwise reported as unreadable; never a wrong value accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, hover, reportCoverage, type Report, type Table } from '../../shared/src/index';
import { solveSplits, type Constraint } from '../../shared/src/model/tables/runSplit';
import { builtinTemplates } from '../../shared/src/templates/load';
import { ROOT } from '../support/walk';

const SUM_RULES = ['sum-mismatch', 'sum-expected-mismatch', 'applicant-total-mismatch', 'outcome-total-mismatch', 'review-total-mismatch', 'request-balance-mismatch', 'title-row-value', 'subset-exceeds-total'];
const COLS = ['np', 'biz', 'res', 'npo', 'law', 'oth', 'tot'];

/** A report as a CMS page's text dump: one line, the white space and the cell borders between cells gone. */
function collapse(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !(/^\s*\|?[\s:|-]+\|?\s*$/.test(l) && l.includes('-')))
    .map((l) => l.replace(/[\t| ]+/g, ''))
    .join('');
}

function fixture(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

/** Cell values by `indicator/column` (figures only: a blank title-row cell of a pipe table has no run to read). */
function values(t: Table): Map<string, number | undefined> {
  const m = new Map<string, number | undefined>();
  for (const r of t.rows) for (const c of r.cells) if (r.indicator && c.state === 'number') m.set(`${r.indicator}/${c.column}`, c.value);
  return m;
}

function table(report: Report, kind: Table['kind']): Table | undefined {
  return report.tables.find((t) => t.kind === kind);
}

test('a one-line dump of a 2021 report: tables 三 and 四 read back cell for cell, every split cell marked inferred', () => {
  const original = fixture('test/fixtures/synthetic/gov2021-tabs.txt');
  const before = analyze(original, { reuse: false });
  const dump = collapse(original);
  assert.equal(dump.includes('\n'), false);
  const after = analyze(dump, { reuse: false });
  for (const kind of ['requests', 'review'] as const) {
    const a = table(before.report, kind)!;
    const b = table(after.report, kind);
    assert.ok(b, `${kind} is read from the dump`);
    assert.equal(b.layout, 'run-together');
    assert.deepEqual([...values(b)], [...values(a)], `${kind}: the same cells with the same values`);
    assert.ok(b.rows.flatMap((r) => r.cells).every((c) => c.inferred === true));
    // Each cell's span holds its digits in the dump.
    for (const r of b.rows) for (const c of r.cells) assert.equal(Number(dump.slice(c.span.start, c.span.end)), c.value);
  }
  // 表二's three-column rows have no identity to split them by: unreadable, said, never guessed.
  const cov = reportCoverage(after.report);
  assert.deepEqual(cov.tables.map((t) => [t.kind, t.state, t.inferred ?? 0]), [['active', 'unreadable', 0], ['requests', 'read', 175], ['review', 'read', 15]]);
  assert.equal(cov.verdict, 'incomplete', 'inferred cells are not a clean verdict');
  assert.deepEqual(after.findings.filter((f) => SUM_RULES.includes(f.ruleId)), []);
  const notes = after.findings.filter((f) => f.ruleId === 'table-unread').map((f) => `${f.severity} ${f.message.zh}`);
  assert.deepEqual(notes, [
    'warning 表二（主动公开）未能读取：本表数字未核对。',
    'info 表三（收到和处理申请）原文数字连写，其中 175 个单元格由表内勾稽关系推算：本表合计关系未独立核对。',
    'info 表四（行政复议、行政诉讼）原文数字连写，其中 15 个单元格由表内勾稽关系推算：本表合计关系未独立核对。',
  ]);
});

test('one row per line, digits run together: read the same way', () => {
  const original = fixture('test/fixtures/synthetic/gov2021-tabs.txt');
  const rows = original.split('\n').map((l) => l.replace(/\t/g, '')).join('\n');
  const { report } = analyze(rows, { reuse: false });
  const before = analyze(original, { reuse: false }).report;
  assert.deepEqual([...values(table(report, 'requests')!)], [...values(table(before, 'requests')!)]);
  assert.deepEqual([...values(table(report, 'review')!)], [...values(table(before, 'review')!)]);
});

test('every gov2019/gov2021 fixture collapsed: each of tables 三 and 四 read back exactly, or unreadable', () => {
  const files = [
    'test/fixtures/synthetic/gov2021-tabs.txt', 'test/fixtures/synthetic/gov2021-spaces.txt', 'test/fixtures/synthetic/gov2021-cells.txt',
    'test/fixtures/synthetic/gov2021-blanklines.txt', 'test/fixtures/synthetic/gov2021-pipes.md', 'test/fixtures/synthetic/gov2019-tabs.txt',
    'test/fixtures/synthetic/gov2019-pipes.md', 'test/fixtures/synthetic/broken-request-balance-mismatch-1.txt',
    'test/fixtures/synthetic/broken-applicant-total-mismatch-1.txt', 'test/fixtures/synthetic/broken-outcome-total-mismatch-1.txt',
    'test/fixtures/synthetic/broken-review-total-mismatch-1.txt', 'test/server/fixtures/draft-2021.txt',
  ];
  let recovered = 0;
  for (const file of files) {
    const original = fixture(file).replace(/^%%.*$/gm, '');
    const before = analyze(original, { reuse: false });
    const after = analyze(collapse(original), { reuse: false });
    const cov = reportCoverage(after.report);
    for (const kind of ['requests', 'review'] as const) {
      const a = table(before.report, kind);
      const b = table(after.report, kind);
      if (!a) continue;
      if (b) {
        recovered++;
        // Only a table whose identities hold can be read back; then exactly as written.
        assert.deepEqual([...values(b)], [...values(a)], `${file} ${kind}`);
        assert.deepEqual(before.findings.filter((f) => SUM_RULES.includes(f.ruleId) && f.data?.table === kind).map((f) => f.ruleId), [], `${file} ${kind}: read back although its sums fail`);
      } else {
        assert.equal(cov.tables.find((t) => t.kind === kind)?.state, 'unreadable', `${file} ${kind}`);
      }
    }
    assert.notEqual(cov.verdict, 'complete', file);
    assert.deepEqual(after.findings.filter((f) => SUM_RULES.includes(f.ruleId)).map((f) => f.message.zh), [], file);
  }
  assert.ok(recovered >= 8, `recovered ${recovered}`);
});

test('a draft whose sums fail cannot be split to fit: unreadable, not an error finding', () => {
  // The 2021 draft's 四、结转下年度继续办理 row is 2 0 0 0 0 0 4 (its total wrong): no split of 2000004 adds up.
  const dump = collapse(fixture('test/server/fixtures/draft-2021.txt'));
  const { report, findings } = analyze(dump, { reuse: false });
  assert.equal(table(report, 'requests'), undefined);
  assert.equal(reportCoverage(report).tables.find((t) => t.kind === 'requests')?.state, 'unreadable');
  assert.ok(findings.some((f) => f.ruleId === 'table-unread' && f.message.zh === '表三（收到和处理申请）未能读取：本表数字未核对。'));
  assert.deepEqual(findings.filter((f) => SUM_RULES.includes(f.ruleId)), []);
});

// ---------------------------------------------------------------------------------------------
// The splitter

const rowTotal = (row: number): Constraint => ({ relation: 'eq', terms: [{ row, column: 'tot', coef: 1 }, ...COLS.slice(0, 6).map((column) => ({ row, column, coef: -1 as const }))] });
const digits = (s: string, start = 0) => [{ kind: 'digits' as const, digits: s, start }];

test('splitter: a row total alone splits 1020306; 101000011 has two splits that add up', () => {
  const one = solveSplits([{ columns: COLS, chunks: digits('1020306') }], [rowTotal(0)]);
  assert.equal(one.kind, 'unique');
  assert.deepEqual(one.kind === 'unique' && one.rows[0].map((c) => c.value), [1, 0, 2, 0, 3, 0, 6]);
  // 10|1|0|0|0|0|11 and 1|0|10|0|0|0|11 both add up.
  assert.equal(solveSplits([{ columns: COLS, chunks: digits('101000011') }], [rowTotal(0)]).kind, 'ambiguous');
  // 2000004: no split adds up.
  assert.equal(solveSplits([{ columns: COLS, chunks: digits('2000004') }], [rowTotal(0)]).kind, 'none');
  // A run of several cells with no identity on them is never split by its length alone.
  assert.equal(solveSplits([{ columns: ['a', 'b', 'c'], chunks: digits('000') }], []).kind, 'unconstrained');
});

test('splitter: a row ambiguous alone is decided by the column sums; two rows that can trade splits stay ambiguous', () => {
  // Rows 0 and 1 are the parts, row 2 their total, column by column.
  const colSums: Constraint[] = COLS.map((column) => ({ relation: 'eq', terms: [{ row: 2, column, coef: 1 }, { row: 0, column, coef: -1 }, { row: 1, column, coef: -1 }] }));
  const cons = [rowTotal(0), rowTotal(1), rowTotal(2), ...colSums];
  // Row 0 = 10|1|0|0|0|0|11 (or 1|0|10|…); row 1 = 2|0|0|0|0|0|2; total 12|1|0|0|0|0|13 decides row 0.
  const r = solveSplits([{ columns: COLS, chunks: digits('101000011') }, { columns: COLS, chunks: digits('2000002') }, { columns: COLS, chunks: digits('121000013') }], cons);
  assert.equal(r.kind, 'unique');
  assert.deepEqual(r.kind === 'unique' && r.rows[0].map((c) => c.value), [10, 1, 0, 0, 0, 0, 11]);
  assert.deepEqual(r.kind === 'unique' && r.rows[0].map((c) => [c.start, c.end]), [[0, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7], [7, 9]]);
  // Both parts 101000011: each may be either split, as long as the other takes the other one.
  const both = solveSplits([{ columns: COLS, chunks: digits('101000011') }, { columns: COLS, chunks: digits('101000011') }, { columns: COLS, chunks: digits('1111000022') }], cons);
  assert.equal(both.kind, 'ambiguous');
});

test('splitter: separated chunks, blanks and a budget', () => {
  // `10 2030 6` is three chunks of the row: 10|2|0|3|0|… cannot be, the chunks hold 1, 4 and 2 cells.
  const chunks = [{ kind: 'digits' as const, digits: '1', start: 0 }, { kind: 'digits' as const, digits: '02030', start: 2 }, { kind: 'digits' as const, digits: '6', start: 8 }];
  const r = solveSplits([{ columns: COLS, chunks }], [rowTotal(0)]);
  assert.equal(r.kind, 'unique');
  assert.deepEqual(r.kind === 'unique' && r.rows[0].map((c) => [c.value, c.inferred]), [[1, false], [0, true], [2, true], [0, true], [3, true], [0, true], [6, false]]);
  // A blank part: the total is at least the known parts.
  const blank = [{ kind: 'missing' as const, start: 0, end: 1, raw: '—' }, ...digits('020306', 1)];
  const b = solveSplits([{ columns: COLS, chunks: blank }], [rowTotal(0)]);
  assert.deepEqual(b.kind === 'unique' && b.rows[0].map((c) => c.value), [undefined, 0, 2, 0, 3, 0, 6]);
  // Forty digits of nonzero figures over seven columns: given up, not searched for ever.
  assert.equal(solveSplits([{ columns: COLS, chunks: digits('1234567891234567891234567891234567891234') }], [rowTotal(0)], 50).kind, 'budget');
});

// ---------------------------------------------------------------------------------------------
// Generated tables

const T3 = builtinTemplates().get('gov2021')!.tables.find((t) => t.kind === 'requests')!;
const OUTCOMES = T3.checks.find((c) => c.rule === 'outcome-total-mismatch')!.parts;

/** A 2021 application table as values per value row (seven columns, totals included), its identities holding. */
function makeTable(outcome: readonly (readonly number[])[], carried: readonly number[], next: readonly number[]): Map<string, number[]> {
  const withTotal = (v: readonly number[]) => [...v, v.reduce((a, b) => a + b, 0)];
  const rows = new Map<string, number[]>();
  OUTCOMES.forEach((id, i) => rows.set(id, withTotal(outcome[i])));
  const r37 = [0, 1, 2, 3, 4, 5].map((c) => OUTCOMES.reduce((s, id) => s + rows.get(id)![c], 0));
  rows.set('R3.7', withTotal(r37));
  // 一 + 二 = 三（七）+ 四, column by column: 二 at most what 三（七）+ 四 leaves.
  const r2 = carried.map((v, c) => Math.min(v, r37[c] + next[c]));
  rows.set('R2', withTotal(r2));
  rows.set('R4', withTotal(next));
  rows.set('R1', withTotal(r37.map((v, c) => v + next[c] - r2[c])));
  return rows;
}

function dumpOf(rows: ReadonlyMap<string, readonly number[]>): string {
  const cells = T3.indicators.map((ind) => ind.label + (rows.get(ind.id)?.join('') ?? '')).join('');
  return `某县人民政府办公室2023年政府信息公开工作年度报告一、总体情况本年度依法办理政府信息公开申请。三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计${cells}五、存在的主要问题及改进情况无。`;
}

test('a generated table: one row decided only by the column sums; two rows that can trade splits: unreadable', () => {
  const zero = [0, 0, 0, 0, 0, 0];
  const outcome = OUTCOMES.map(() => zero);
  // 予以公开 10|1|0|0|0|0|11 runs as 101000011, also 1|0|10|0|0|0|11 alone; 总计 and 一 decide it.
  const one = makeTable(outcome.map((v, i) => (i === 0 ? [10, 1, 0, 0, 0, 0] : i === 1 ? [2, 0, 0, 0, 0, 0] : v)), zero, zero);
  const text = dumpOf(one);
  assert.ok(text.includes('（一）予以公开101000011'));
  const { report, findings } = analyze(text, { reuse: false });
  const t = table(report, 'requests');
  assert.ok(t, 'read');
  assert.deepEqual(t.rows.find((r) => r.indicator === 'R3.1')!.cells.map((c) => c.value), [10, 1, 0, 0, 0, 0, 11]);
  for (const [id, v] of one) assert.deepEqual(t.rows.find((r) => r.indicator === id)?.cells.map((c) => c.value), v, id);
  assert.deepEqual(findings.filter((f) => SUM_RULES.includes(f.ruleId)), []);
  // 予以公开 and 部分公开 both 101000011: either may be 10|1|… while the other is 1|0|10|…: two solutions.
  const two = makeTable(outcome.map((v, i) => (i === 0 ? [10, 1, 0, 0, 0, 0] : i === 1 ? [1, 0, 10, 0, 0, 0] : v)), zero, zero);
  const r2 = analyze(dumpOf(two), { reuse: false });
  assert.equal(table(r2.report, 'requests'), undefined);
  assert.equal(reportCoverage(r2.report).tables.find((x) => x.kind === 'requests')?.state, 'unreadable');
  assert.ok(r2.findings.some((f) => f.ruleId === 'table-unread' && f.message.zh.startsWith('表三（收到和处理申请）未能读取')));
});

test('hover on an inferred cell says so, in both languages; the table hover says 推算', () => {
  const dump = collapse(fixture('test/fixtures/synthetic/gov2021-tabs.txt'));
  const { report, findings } = analyze(dump, { reuse: false });
  const t = table(report, 'requests')!;
  const cell = t.rows.find((r) => r.indicator === 'R1')!.cells[0];
  assert.equal(cell.inferred, true);
  assert.match(hover(report, cell.span.start, 'zh', findings)!.markdown, /此数字由表内勾稽关系推算（原文数字连写）/);
  assert.match(hover(report, cell.span.start, 'en', findings)!.markdown, /inferred from the table's own identities/);
  const header = hover(report, t.span.start, 'zh', findings);
  assert.match(header?.markdown ?? '', /其中 175 格由表内勾稽关系推算/);
});

test('property: random valid tables collapsed are read back exactly or reported unreadable, never a wrong value', () => {
  const small = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.integer({ min: 10, max: 120 }) });
  const row = fc.array(small, { minLength: 6, maxLength: 6 });
  let read = 0;
  let unread = 0;
  fc.assert(
    fc.property(fc.array(row, { minLength: OUTCOMES.length, maxLength: OUTCOMES.length }), row, row, (outcome, carried, next) => {
      const rows = makeTable(outcome, carried, next);
      const { report, findings } = analyze(dumpOf(rows), { reuse: false });
      assert.deepEqual(findings.filter((f) => SUM_RULES.includes(f.ruleId)), []);
      const t = table(report, 'requests');
      if (!t) {
        unread++;
        assert.equal(reportCoverage(report).tables.find((x) => x.kind === 'requests')?.state, 'unreadable');
        return;
      }
      read++;
      for (const [id, v] of rows) assert.deepEqual(t.rows.find((r) => r.indicator === id)?.cells.map((c) => c.value), v, id);
    }),
    { numRuns: 80, seed: 20240611 },
  );
  // Most small tables are recovered; the rest are said to be unreadable.
  assert.ok(read > unread, `read ${read}, unreadable ${unread}`);
  if (process.env.XXGK_VERBOSE) console.log(`read ${read}, unreadable ${unread}`);
});
