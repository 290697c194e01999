/**
 * Core bugs the robustness properties found and that are reported to the lead, each with a
 * regression test in regressions.test.ts (marked `todo` until fixed). Fixed so far (entries
 * removed): tables-share-span, safe-fix-oscillation, huge-numbers (16+ digits), figures-quadratic.
 *
 * A random property that trips over one of these counts the case as "known" instead of failing,
 * so that a known bug does not hide a new one; `npm run fuzz` lists them separately.
 * When a bug is fixed: remove its `todo` in regressions.test.ts and its entry here.
 */
import { analyze, applyEdits, safeFixEdits } from '../../shared/src/index';
import { Violation } from './invariants';

export interface KnownIssue {
  /** Matches the regression test's name in regressions.test.ts. */
  readonly id: string;
  readonly summary: string;
  readonly matches: (v: Violation, text: string) => boolean;
}

/** ≥ 10,000 characters of white space or 。：；，* followed by something else: what makes `/[…]+$/` quadratic. */
const TRAILING_RUN = /[ \t\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff:：。；;,，*]{10000,}[^\s\u3000\u00a0:：。；;,，*]/;

/** Safe fixes that write a cell, then write the same cell back to another value in a later round. */
export function safeFixesOscillate(text: string, rounds = 6): boolean {
  let current = text;
  const history = new Map<string, string[]>();
  for (let round = 0; round < rounds; round++) {
    const edits = safeFixEdits(analyze(current).findings);
    if (edits.length === 0) return false;
    for (const e of edits) {
      const key = `${e.span.start}`;
      const seen = history.get(key) ?? [];
      if (seen.length > 0 && seen[seen.length - 1] !== e.newText && seen.includes(e.newText)) return true;
      seen.push(e.newText);
      history.set(key, seen);
    }
    const next = applyEdits(current, edits);
    if (next === current) return false;
    current = next;
  }
  return false;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    id: 'leading-tabs-quadratic',
    summary: 'a table line starting with tens of thousands of tabs: lineItems() drops the leading empty fields with Array#shift, one at a time (quadratic)',
    matches: (v, text) => v.property === 'time-bound' && /(?:^|[\n\r])\t{10000,}/.test(text),
  },
  {
    id: 'trailing-run-regex',
    summary: 'regexes like /[\\s\\u3000]+$/ backtrack quadratically on a long run of spaces (or 。) that is not at the line end: headings, the title, row labels, cells',
    matches: (v, text) => v.property === 'time-bound' && TRAILING_RUN.test(text),
  },
];

/** The known issue a failure belongs to, if any. */
export function knownIssue(e: unknown, text: string): KnownIssue | undefined {
  if (!(e instanceof Violation)) return undefined;
  return KNOWN_ISSUES.find((k) => {
    try {
      return k.matches(e, text);
    } catch {
      return false;
    }
  });
}
