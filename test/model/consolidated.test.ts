import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { reportStarts } from '../../shared/src/model/consolidated';
import { ROOT } from '../support/walk';

const seed = (name: string) => readFileSync(join(ROOT, 'test/fixtures/seeds', name), 'utf8');
const A = seed('004_74e3e29789819dcb.txt');
const B = seed('001_65d192663e1ca53a.txt');
const C = seed('000_82d47b6a6cde8053.txt');

function keys(text: string, findings: { ruleId: string; span: { start: number; end: number } }[]): string[] {
  return findings.map((f) => `${f.ruleId}@${f.span.start}:${text.slice(f.span.start, f.span.end)}`).sort();
}

test('a single report is one report', () => {
  for (const t of [A, B, C]) assert.deepEqual(reportStarts(t), [0]);
});

test('reports pasted one after another are checked one by one, at their own offsets', () => {
  const joined = `${A}\n\n${C}`;
  const starts = reportStarts(joined);
  assert.equal(starts.length, 2);
  assert.ok(joined.slice(starts[1]).startsWith('山东省质量技术监督局'));
  const whole = analyze(joined, { reuse: false });
  const expected = [
    ...keys(A, analyze(A).findings),
    ...analyze(C).findings.map((f) => `${f.ruleId}@${f.span.start + A.length + 2}:${C.slice(f.span.start, f.span.end)}`),
  ].sort();
  assert.deepEqual(keys(joined, whole.findings), expected);
  // Each report keeps its own year and its own sections.
  assert.equal(whole.report.sections.filter((s) => s.level === 1).length, 8 + 6);
});

test('editing one report of a consolidated document reuses the other reports’ results', () => {
  const joined = `${C}\n\n${A}`;
  const first = analyze(joined);
  const edited = joined.replace('(三)申请答复数\n\n17', '(三)申请答复数\n\n29');
  assert.notEqual(edited, joined);
  const second = analyze(edited);
  const cEnd = reportStarts(joined)[1];
  const before = first.findings.filter((f) => f.span.start < cEnd);
  const after = second.findings.filter((f) => f.span.start < cEnd);
  assert.ok(before.length > 0);
  assert.equal(after.length, before.length);
  after.forEach((f, i) => assert.equal(f, before[i], 'the first report’s findings are the same objects'));
  assert.ok(!second.findings.some((f) => f.ruleId === 'sum-mismatch'), 'the edit fixed the second report');
});
