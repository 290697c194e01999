/**
 * Fix-all to a fixpoint (shared/src/edits.ts fixToFixpoint, and the CLI's --fix loop): one safe fix per round,
 * re-checked after each; the edits it returns are on the original text; seeds asserted cell by cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, fixToFixpoint, type Finding, type Report } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { ROOT } from '../support/walk';

const seed = (prefix: string): string => {
  const dir = join(ROOT, 'test', 'fixtures', 'seeds');
  const name = ['000_82d47b6a6cde8053.txt', '004_74e3e29789819dcb.txt'].find((n) => n.startsWith(prefix))!;
  return readFileSync(join(dir, name), 'utf8');
};

function fixAll(text: string) {
  return fixToFixpoint(text, analyze(text, { reuse: false }).findings, (t) => analyze(t, { reuse: false }).findings);
}

/** Every table cell as `row label | column = raw`, in document order. */
function cells(report: Report): string[] {
  return report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => `${t.kind} ${r.label} | ${c.column} = ${c.raw}`)));
}

test('seed 000 and seed 004: fix-all changes no cell (no single-cell repair is certain)', () => {
  for (const p of ['000', '004']) {
    const text = seed(p);
    const r = fixAll(text);
    assert.equal(r.applied, 0, p);
    assert.deepEqual(r.edits, []);
    assert.equal(r.text, text);
  }
});

test('seed 000 with 收到申请数 typed 32: fix-all restores 31 and no other cell changes', () => {
  const original = seed('000');
  const typo = original.replace('(一) 收到申请数\t件\t31', '(一) 收到申请数\t件\t32');
  const r = fixAll(typo);
  assert.equal(r.applied, 1);
  assert.equal(r.text, original);
  assert.deepEqual(cells(analyze(r.text).report), cells(analyze(original).report));
  assert.equal(applyEdits(typo, r.edits), r.text);
  assert.deepEqual(r.edits.map((e) => [typo.slice(e.span.start, e.span.end), e.newText]), [['32', '31']]);
});

test('two typos in a 2021 draft: fix-all repairs both, one per round, with edits on the original text', () => {
  const fx = loadFixture(join(ROOT, 'test', 'fixtures', 'synthetic', 'gov2021-tabs.txt'));
  const { report } = analyze(fx.text, fx.options);
  const numbers = report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).filter((c) => c.state === 'number' && /^\d{1,4}$/.test(c.raw));
  // Cells whose typo alone fix-all restores, from different tables so that they share no identity.
  const restorable = numbers.filter((c) => {
    const t = fx.text.slice(0, c.span.start) + String(Number(c.raw) + 1) + fx.text.slice(c.span.end);
    return fixAll(t).text === fx.text;
  });
  const first = restorable[0];
  const second = restorable.find((c) => report.tables.find((t) => t.rows.some((r) => r.cells.includes(c))) !== report.tables.find((t) => t.rows.some((r) => r.cells.includes(first))));
  assert.ok(first && second, `restorable cells: ${restorable.length}`);
  const [a, b] = [first, second].sort((x, y) => x.span.start - y.span.start);
  // The later typo first, then the earlier one with a longer number, so the offsets of the second shift.
  let typo = fx.text.slice(0, b.span.start) + String(Number(b.raw) + 1) + fx.text.slice(b.span.end);
  typo = typo.slice(0, a.span.start) + String(Number(a.raw) + 1000) + typo.slice(a.span.end);
  const r = fixToFixpoint(typo, analyze(typo, fx.options).findings, (t) => analyze(t, fx.options).findings);
  assert.equal(r.text, fx.text);
  assert.equal(r.applied, 2);
  assert.equal(applyEdits(typo, r.edits), fx.text);
  assert.equal(r.edits.length, 2);
});

test('edits of later rounds are mapped back to the original text; a second fix of the same cell replaces the first', () => {
  const original = 'A 1 B 22 C 333';
  const finding = (start: number, end: number, newText: string): Finding => ({
    ruleId: 't', severity: 'error', span: { start, end }, message: { zh: '', en: '' }, fixes: [{ title: { zh: '', en: '' }, edits: [{ span: { start, end }, newText }], safe: true }],
  });
  // Round 1: "1" → "1000"; round 2 (offsets after round 1): "22" → "2"; round 3: "1000" → "7"; then nothing.
  const script = new Map<string, Finding[]>([
    ['A 1000 B 22 C 333', [finding(9, 11, '2')]],
    ['A 1000 B 2 C 333', [finding(2, 6, '7')]],
    ['A 7 B 2 C 333', []],
  ]);
  const r = fixToFixpoint(original, [finding(2, 3, '1000')], (t) => script.get(t) ?? []);
  assert.equal(r.text, 'A 7 B 2 C 333');
  assert.equal(r.applied, 3);
  assert.deepEqual(r.edits.map((e) => [original.slice(e.span.start, e.span.end), e.newText]), [['1', '7'], ['22', '2']]);
  assert.equal(applyEdits(original, r.edits), r.text);
});

test('fix-all stops when the fixes go round in a circle', () => {
  const flip = (t: string): Finding[] => [{
    ruleId: 't', severity: 'error', span: { start: 0, end: 1 }, message: { zh: '', en: '' },
    fixes: [{ title: { zh: '', en: '' }, edits: [{ span: { start: 0, end: 1 }, newText: t[0] === '1' ? '2' : '1' }], safe: true }],
  }];
  const r = fixToFixpoint('1', flip('1'), flip);
  assert.ok(r.applied <= 2, `${r.applied} rounds`);
});
