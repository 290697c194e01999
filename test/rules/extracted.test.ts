/**
 * Text extracted from a rendered PDF of a synthetic report (test/fixtures/extracted, made with Chromium and
 * pdftotext): what could not be read is said, and the layout's debris raises nothing false.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, reportCoverage } from '../../shared/src/index';
import { ROOT } from '../support/walk';

const DIR = join(ROOT, 'test', 'fixtures', 'extracted');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

function check(name: string) {
  const text = read(name);
  const { report, findings } = analyze(text, { reuse: false });
  const coverage = reportCoverage(report);
  const states = Object.fromEntries(coverage.tables.map((t) => [t.kind, t.state]));
  return { text, findings, coverage, states };
}

for (const name of ['gov2021-pipes.pdftotext.txt', 'gov2021-pipes.pdftotext-layout.txt']) {
  test(`${name}: no structure warning and no invalid cell from the layout`, () => {
    const { findings } = check(name);
    const structure = findings.filter((f) => f.ruleId.startsWith('section-') || f.ruleId === 'cell-invalid');
    assert.deepEqual(structure.map((f) => `${f.ruleId}@${f.span.start}`), []);
  });

  test(`${name}: the tables not read are named, and the verdict is incomplete`, () => {
    const { findings, coverage, states } = check(name);
    assert.equal(coverage.verdict, 'incomplete');
    assert.equal(states.requests, 'unreadable');
    assert.equal(states.review, 'unreadable');
    const unread = findings.filter((f) => f.ruleId === 'table-unread' && f.severity === 'warning');
    assert.equal(unread.length, 2);
  });
}

test('plain pdftotext: the active-disclosure table is read in part, -layout reads it whole', () => {
  const plain = check('gov2021-pipes.pdftotext.txt').coverage.tables.find((t) => t.kind === 'active');
  const layout = check('gov2021-pipes.pdftotext-layout.txt').coverage.tables.find((t) => t.kind === 'active');
  assert.equal(plain?.state, 'partial');
  assert.ok(plain?.cells && plain.cells.read > 0 && plain.cells.read < plain.cells.expected);
  assert.equal(layout?.state, 'read');
});

test('a list marker moved away from its item is not a skipped number, a real skip still is', () => {
  const { text } = check('gov2021-pipes.pdftotext.txt');
  // Without the stray `1.` lines, the unnumbered first items make `2.` a skip again.
  const without = text.replace(/^1\.\n/gm, '');
  assert.notEqual(without, text);
  const skips = analyze(without, { reuse: false }).findings.filter((f) => f.ruleId === 'section-number-sequence');
  assert.ok(skips.length >= 1, 'a list that starts at 2. without any 1. is reported');
});
