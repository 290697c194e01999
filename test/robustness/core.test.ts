/**
 * Property tests of the report core on hostile input (see invariants.ts for the properties and
 * arbitraries.ts for the edits). Seeded and bounded so that `npm test` stays fast and
 * reproducible: FC_SEED=<n> picks another seed, FC_RUNS=<factor> multiplies the number of runs.
 * `npm run fuzz` runs the same properties on many more cases.
 *
 * A case that trips over a bug already reported to the lead (known.ts) is counted and shown as a
 * diagnostic instead of failing, so a known bug never hides a new one.
 */
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { caseArb, buildText, editsArb, fragment, type Case } from './arbitraries';
import { corpus } from './corpus';
import {
  checkAll, checkAnalysis, checkApplyEdits, checkOfferedFixes, checkSafeFixRounds, timeBoundMs, Violation,
} from './invariants';
import { knownIssue } from './known';
import { CheckWorker } from './timed';

const SEED = Number(process.env.FC_SEED ?? 20_240_917);
const SCALE = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** Long lines in the random tests; the 100,000-character lines have their own test below (and `npm run fuzz`). */
const MAX_LONG_LINE = 4000;

/** Runs `check` on `numRuns` cases; known bugs are counted, anything else fails with a replayable case. */
function property(t: TestContext, numRuns: number, arb: fc.Arbitrary<Case>, check: (text: string, c: Case) => void, seedOffset: number): void {
  const known = new Map<string, number>();
  fc.assert(
    fc.property(arb, (c) => {
      const text = buildText(c);
      try {
        check(text, c);
      } catch (e) {
        const k = knownIssue(e, text);
        if (!k) throw e;
        known.set(k.id, (known.get(k.id) ?? 0) + 1);
      }
    }),
    { seed: SEED + seedOffset, numRuns, endOnFailure: true },
  );
  for (const [id, n] of known) t.diagnostic(`known issue "${id}" (reported to lead, regressions.test.ts) hit by ${n} of ${numRuns} cases`);
}

describe('the unmodified corpus', () => {
  for (const entry of corpus()) {
    test(`${entry.name}: every property, every offered fix`, () => {
      checkAll(entry.text, { maxFixes: Number.POSITIVE_INFINITY });
    });
  }

  test('every report with CRLF, CR, mixed line endings and a BOM', () => {
    for (const entry of corpus()) {
      const lines = entry.text.split(/\r\n|\r|\n/);
      const variants = [
        lines.join('\r\n'),
        lines.join('\r'),
        lines.map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join(''),
        `\ufeff${entry.text}`,
      ];
      for (const text of variants) {
        const a = checkAnalysis(text);
        checkSafeFixRounds(text, a.findings);
      }
    }
  });
});

describe('mutated reports (fast-check)', () => {
  const arb = caseArb({ maxLongLine: MAX_LONG_LINE });

  test('parse/analyze never throw; spans valid, model consistent, outline nests; time bound', (t) => {
    property(t, runs(200), arb, (text) => {
      checkAnalysis(text);
    }, 1);
  });

  test('applying any offered fix changes only its span and removes its finding', (t) => {
    property(t, runs(120), arb, (text, c) => {
      const a = checkAnalysis(text, { timing: false });
      checkOfferedFixes(text, a.findings, { maxFixes: 3, pick: c.fixPick });
    }, 2);
  });

  test('safe fixes, applied round after round (at most 3), leave no safe fix and touch only their spans', (t) => {
    property(t, runs(120), arb, (text) => {
      const a = checkAnalysis(text, { timing: false });
      checkSafeFixRounds(text, a.findings);
    }, 3);
  });

  test('random text from scratch (no report underneath)', (t) => {
    const scratch = fc.array(fragment, { maxLength: 40 }).map((parts): Case => ({
      base: '', fixPick: 0, ops: [{ kind: 'insert', at: 0, text: parts.join('') }],
    }));
    property(t, runs(200), scratch, (text) => {
      checkAll(text, { maxFixes: 2 });
    }, 4);
  });
});

describe('applyEdits', () => {
  test('overlapping, reversed, out-of-range, NaN and infinite edits never throw and never lose text outside valid edits', () => {
    fc.assert(fc.property(editsArb(), ({ text, edits }) => {
      checkApplyEdits(text, edits);
    }), { seed: SEED + 5, numRuns: runs(500) });
  });

  test('examples', () => {
    checkApplyEdits('abcdef', [{ span: { start: 1, end: 4 }, newText: 'X' }, { span: { start: 2, end: 3 }, newText: 'Y' }]);
    checkApplyEdits('abcdef', [{ span: { start: 4, end: 2 }, newText: 'X' }, { span: { start: -1, end: 2 }, newText: 'Y' }, { span: { start: 5, end: 99 }, newText: 'Z' }]);
    checkApplyEdits('abc', [{ span: { start: Number.NaN, end: 1 }, newText: 'X' }, { span: { start: 1, end: Number.POSITIVE_INFINITY }, newText: 'Y' }]);
    checkApplyEdits('', [{ span: { start: 0, end: 0 }, newText: 'X' }, { span: { start: 0, end: 0 }, newText: 'Y' }]);
  });
});

describe('lines of 100,000 characters (on a worker thread with a time limit)', () => {
  const worker = new CheckWorker();
  after(() => worker.close());
  const PATTERNS = [
    'x', '0', '1 ', '1\t', '12 ', '一', '一、', '（一）', '1.', '1.2.', '| 1 ', '|', '||', '<td>1</td>', '<td>', '<tr><td>', '　', ' ', '\t',
    '约100余件', '2021年', '，共', '。', '%', '1,', '(((', '（', '\ud800', '\udc00', '😀', '𝟏', '万元', '收到申请数', '—', '<!--',
    '<!-- xxgk-disable -->', '&nbsp;', '<td rowspan="99">', '\u0000', '\u2028', '\ufeff', '共六个部分', '2017年1月1日起至',
  ];
  const MULTILINE = [
    '1\n', '一、标题\n', '（一）收到申请数\t件\t1\n', '1\t2\t3\n', '| 1 | 2 |\n', '<tr><td>1</td></tr>\n', 'a  1  2  3\n', '\r', '\r\n', '合计\t1\n',
  ];
  const repeat = (p: string, n: number): string => p.repeat(Math.ceil(n / p.length)).slice(0, n);
  const cases = [
    ...PATTERNS.map((p) => ({ name: `one line of ${JSON.stringify(p)}`, text: repeat(p, 100_000) })),
    ...MULTILINE.map((p) => ({ name: `100,000 characters of ${JSON.stringify(p)} lines`, text: repeat(p, 100_000) })),
    { name: 'a seed with one 100,000-character line in its middle', text: (() => { const s = corpus()[0].text; const m = s.indexOf('\n', s.length >> 1); return `${s.slice(0, m + 1)}${repeat('本机关', 100_000)}\n${s.slice(m + 1)}`; })() },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const bound = timeBoundMs(c.text.length);
      const r = await worker.run({ text: c.text, mode: 'analysis' }, 3 * bound + 3000);
      if (r.kind === 'timeout') assert.fail(`no answer after ${r.wallMs} ms (bound ${bound.toFixed(0)} ms)`);
      if (r.kind === 'violation') throw new Violation(r.property, r.message);
    });
  }
});
