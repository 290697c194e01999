/**
 * A fix must not write an error in. For every number cell of every fixture table, typed wrong (one more, one
 * less, a digit dropped), fix-all run to its fixpoint either restores the original text or leaves the mutated
 * text as it is: it never "repairs" the report into a third state, and it never adds a finding.
 * Fixtures with arithmetic findings of their own are left out: a typo beside an existing error is ambiguous.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, fixToFixpoint, type CheckOptions } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';

const ARITHMETIC = /^(sum-mismatch|sum-expected-mismatch|applicant-total-mismatch|outcome-total-mismatch|review-total-mismatch|request-balance-mismatch|subset-exceeds-total|total-missing|cell-invalid)$/;
const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic'].map((d) => join(ROOT, d)).filter(existsSync);

/** Fix-all as `--fix`, the editor's "fix all" and source.fixAll do it: one safe fix per round, to a fixpoint. */
function fixAll(text: string, options: CheckOptions): string {
  const check = (t: string) => analyze(t, { ...options, reuse: false }).findings;
  return fixToFixpoint(text, check(text), check).text;
}

function mutations(raw: string): string[] {
  const v = Number(raw);
  const out = new Set([String(v + 1), v > 0 ? String(v - 1) : '', raw.length > 1 ? raw.slice(1) : '']);
  out.delete('');
  out.delete(raw);
  return [...out];
}

let files = 0;
for (const dir of dirs) {
  for (const file of fixtureFiles(dir)) {
    const rel = file.slice(ROOT.length + 1);
    const fx = loadFixture(file);
    const { report } = analyze(fx.text, fx.options);
    // Only drafts without arithmetic errors of their own: a typo next to an existing error is ambiguous by nature.
    if (fixAll(fx.text, fx.options) !== fx.text) continue;
    if (analyze(fx.text, fx.options).findings.some((f) => ARITHMETIC.test(f.ruleId))) continue;
    const cells = report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).filter((c) => c.state === 'number' && /^\d{1,6}$/.test(c.raw));
    if (cells.length === 0) continue;
    files++;
    test(`single-cell typos, fix-all restores or leaves: ${rel} (${cells.length} cells)`, (t) => {
      const wrong: string[] = [];
      let restored = 0;
      let tried = 0;
      const baseline = new Set(analyze(fx.text, fx.options).findings.map((f) => `${f.ruleId}:${f.message.zh}`));
      for (const cell of cells) {
        for (const typo of mutations(cell.raw)) {
          tried++;
          const mutated = fx.text.slice(0, cell.span.start) + typo + fx.text.slice(cell.span.end);
          const fixed = fixAll(mutated, fx.options);
          if (fixed === fx.text) restored++;
          if (fixed === fx.text || fixed === mutated) continue;
          const at = fx.text.slice(0, cell.span.start).split('\n').length;
          const fresh = analyze(fixed, fx.options).findings.filter((f) => !baseline.has(`${f.ruleId}:${f.message.zh}`)).map((f) => f.ruleId);
          wrong.push(`L${at} ${cell.raw}→${typo}: fix-all wrote a third text (new findings: ${fresh.join(', ') || 'none'})`);
        }
      }
      t.diagnostic(`${tried} typos: fix-all restored ${restored}, left ${tried - restored - wrong.length} for the user to choose`);
      assert.deepEqual(wrong, []);
    });
  }
}

test('the mutation corpus is not empty', () => {
  assert.ok(files >= 10, `${files} fixtures`);
});
