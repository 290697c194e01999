/**
 * Culprit folding (shared/src/rules/fold.ts): findings that one safe single-cell change repairs together become
 * one finding on that cell, which names it, keeps each original as related information and carries the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, fixToFixpoint, type Finding } from '../../shared/src/index';
import { ROOT } from '../support/walk';

const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');
const ROW = '一、本年新收政府信息公开申请数量\t10\t1\t0\t0\t1\t0\t12';
/** 自然人 of 本年新收 typed 13 instead of 10: both the row's 总计 (12) and the balance 一+二 = （七）+四 disagree. */
const MUTATED = DRAFT.replace(ROW, ROW.replace('\t10\t', '\t13\t'));
const CELL = MUTATED.indexOf(ROW.replace('\t10\t', '\t13\t')) + ROW.indexOf('10');

const key = (f: Finding): string => `${f.ruleId}@${f.span.start}-${f.span.end}:${f.message.zh}`;

test('a mistyped part of two sums: one finding on that cell, naming it, with both sums as related and the fix', () => {
  assert.ok(MUTATED !== DRAFT);
  const unfolded = analyze(MUTATED, { reuse: false, fold: false }).findings;
  const sharing = unfolded.filter((f) => f.fixes?.some((x) => x.safe && x.edits.length === 1 && x.edits[0].span.start === CELL && x.edits[0].newText === '10'));
  assert.deepEqual(sharing.map((f) => f.ruleId).sort(), ['applicant-total-mismatch', 'request-balance-mismatch']);
  assert.ok(sharing.every((f) => f.span.start !== CELL), 'unfolded, neither finding is on the culprit cell');

  const folded = analyze(MUTATED, { reuse: false }).findings;
  const culprit = folded.filter((f) => f.span.start === CELL);
  assert.equal(culprit.length, 1);
  const c = culprit[0];
  assert.equal(c.severity, 'error');
  assert.equal(c.message.zh, '“本年新收政府信息公开申请数量”行“自然人”列应为 10，此处为 13：2 处核对不符都指向此格，改此一格即全部成立。');
  assert.match(c.message.en, /^"自然人" of row "本年新收政府信息公开申请数量" should be 10, not 13/);
  assert.deepEqual(c.related?.map((r) => r.message.zh).sort(), sharing.map((f) => f.message.zh).sort());
  assert.deepEqual(c.related?.map((r) => r.span.start).sort(), sharing.map((f) => f.span.start).sort());
  assert.equal(c.fixes?.[0]?.safe, true);
  assert.deepEqual(c.fixes?.[0]?.edits, [{ span: { start: CELL, end: CELL + 2 }, newText: '10' }]);
  assert.ok(c.fixes!.slice(1).every((x) => !x.safe), 'the other choices are offered, never applied unasked');
  // The folded findings are gone; every other finding is unchanged.
  const rest = new Set(unfolded.filter((f) => !sharing.includes(f)).map(key));
  assert.deepEqual(folded.filter((f) => f !== c).map(key).sort(), [...rest].sort());
  // Fix-all ends where it ends on the draft itself (whose own wrong 结转 total it also mends).
  const check = (t: string): Finding[] => analyze(t, { reuse: false }).findings;
  const fixed = applyEdits(MUTATED, fixToFixpoint(MUTATED, folded, check).edits);
  const fixedDraft = applyEdits(DRAFT, fixToFixpoint(DRAFT, check(DRAFT), check).edits);
  assert.ok(fixed === fixedDraft, 'fix-all puts 10 back and changes nothing else');
});

test('with one of the two rules off, the other rule reports on its own cell as before', () => {
  const off = analyze(MUTATED, { reuse: false, rules: { 'request-balance-mismatch': 'off' } }).findings;
  assert.equal(off.filter((f) => f.span.start === CELL).length, 0);
  const own = off.filter((f) => f.ruleId === 'applicant-total-mismatch').map(key);
  const unfolded = analyze(MUTATED, { reuse: false, fold: false }).findings.filter((f) => f.ruleId === 'applicant-total-mismatch').map(key);
  assert.deepEqual(own, unfolded);
  assert.ok(own.length >= 1);
});

test('every single-cell change of the draft: folding loses no finding and never folds findings with different fixes', () => {
  const { report } = analyze(DRAFT, { reuse: false });
  let folds = 0;
  for (const t of report.tables) {
    for (const r of t.rows) {
      for (const cell of r.cells) {
        if (cell.state !== 'number' || cell.value === undefined) continue;
        const text = DRAFT.slice(0, cell.span.start) + String(cell.value + 3) + DRAFT.slice(cell.span.end);
        const unfolded = analyze(text, { reuse: false, fold: false }).findings;
        const folded = analyze(text, { reuse: false }).findings;
        const shown = new Set(folded.map(key));
        for (const f of unfolded) {
          if (shown.has(key(f))) continue;
          const into = folded.find((c) => c.data?.['culprit'] && c.related?.some((x) => x.span.start === f.span.start && x.message.zh === f.message.zh));
          assert.ok(into, `${key(f)} is shown or folded`);
          const safe = f.fixes?.find((x) => x.safe);
          assert.deepEqual(safe?.edits, into.fixes?.[0]?.edits, 'folded only into a finding with the same safe fix');
        }
        for (const c of folded.filter((x) => x.data?.['culprit'])) {
          folds++;
          assert.ok((c.related?.length ?? 0) >= 2);
          // The culprit is the changed cell, and its fix puts the original value back.
          assert.equal(c.span.start, cell.span.start);
          assert.equal(c.fixes?.[0]?.edits[0]?.newText, String(cell.value));
        }
      }
    }
  }
  assert.ok(folds > 20, `folds seen: ${folds}`);
});
