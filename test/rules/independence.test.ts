/**
 * Rules share facts, not findings: switching one rule off removes exactly that rule's findings and changes
 * no other rule's, on every fixture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, rules, type Finding } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';

const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic'].map((d) => join(ROOT, d)).filter(existsSync);
const key = (f: Finding): string => `${f.ruleId}@${f.span.start}-${f.span.end}:${f.message.zh}`;

for (const dir of dirs) {
  for (const file of fixtureFiles(dir)) {
    const rel = file.slice(ROOT.length + 1);
    test(`switching one rule off changes only that rule: ${rel}`, () => {
      const fx = loadFixture(file);
      const all = analyze(fx.text, { ...fx.options, reuse: false, fold: false }).findings;
      const leaks: string[] = [];
      for (const r of rules) {
        if (r.id === 'checker-error') continue;
        const off = analyze(fx.text, { ...fx.options, reuse: false, fold: false, rules: { ...fx.options.rules, [r.id]: 'off' } }).findings;
        const expected = all.filter((f) => f.ruleId !== r.id).map(key).sort();
        const actual = off.map(key).sort();
        const gained = actual.filter((k) => !expected.includes(k));
        const lost = expected.filter((k) => !actual.includes(k));
        if (gained.length || lost.length) leaks.push(`${r.id} off: +${gained.join(' | ')} -${lost.join(' | ')}`);
      }
      assert.deepEqual(leaks, []);
    });
  }
}
