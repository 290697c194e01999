/**
 * Every fix offered on every fixture is applied: it edits only its span, its finding disappears,
 * and nothing unrelated appears. Safe fixes applied repeatedly converge: no safe fix is left to offer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, fixToFixpoint, type Finding } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';

const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic', 'test/fixtures/rules'].map((d) => join(ROOT, d)).filter(existsSync);

/** A finding's identity that survives edits elsewhere: rule, line and covered text. */
function key(text: string, f: Finding): string {
  const line = text.slice(0, f.span.start).split(/\r\n|\n|\r/).length;
  return `${f.ruleId}@${line}:${text.slice(f.span.start, f.span.end)}`;
}

let offered = 0;
for (const dir of dirs) {
  for (const file of fixtureFiles(dir)) {
    const rel = file.slice(ROOT.length + 1);
    const fx = loadFixture(file);
    const before = analyze(fx.text, fx.options).findings;
    before.forEach((f, i) => {
      (f.fixes ?? []).forEach((fix, j) => {
        offered++;
        test(`fix: ${rel} #${i} ${f.ruleId} (${fix.title.en})`, () => {
          const after = applyEdits(fx.text, fix.edits);
          // Only the named spans changed.
          const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
          let pos = 0;
          let apos = 0;
          for (const e of sorted) {
            assert.equal(after.slice(apos, apos + (e.span.start - pos)), fx.text.slice(pos, e.span.start));
            apos += e.span.start - pos + e.newText.length;
            pos = e.span.end;
          }
          assert.equal(after.slice(apos), fx.text.slice(pos));
          const res = analyze(after, fx.options).findings;
          const start = sorted[0].span.start;
          assert.ok(!res.some((g) => g.ruleId === f.ruleId && g.span.start === start && g.message.zh === f.message.zh), 'the finding is gone');
          // Consequences are allowed (a corrected total can expose the next identity, the text may quote the old
          // figure), but a fix never creates findings of an unrelated kind.
          const old = new Set(before.map((g) => key(fx.text, g)));
          const related = f.ruleId.startsWith('section-') ? /^section-/ : /mismatch|missing|title-row-value|replies-concluded-differ/;
          const fresh = res.filter((g) => !old.has(key(after, g)) && !related.test(g.ruleId));
          assert.deepEqual(fresh.map((g) => `${key(after, g)} ${g.message.zh}`), [], `fix ${j} of ${f.ruleId} introduced unrelated findings`);
        });
      });
    });
    test(`fix all safe: ${rel}`, () => {
      const fixedRules = new Set(before.filter((f) => f.fixes?.some((x) => x.safe)).map((f) => f.ruleId));
      const text = fixToFixpoint(fx.text, before, (t) => analyze(t, fx.options).findings).text;
      const left = analyze(text, fx.options).findings.filter((f) => fixedRules.has(f.ruleId) && f.fixes?.some((x) => x.safe));
      assert.deepEqual(left.map((f) => key(text, f)), []);
    });
  }
}

test('fixtures offer fixes to test', () => {
  assert.ok(offered > 0);
});
