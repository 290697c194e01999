/**
 * Core bugs the robustness properties found and that are reported to the lead, each with a
 * regression test in regressions.test.ts (marked `todo` until fixed).
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

/** A digit run longer than Number.MAX_SAFE_INTEGER can hold exactly (16+ digits). */
export function hasHugeNumber(text: string): boolean {
  return /[0-9０-９]{16,}/.test(text);
}

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
    id: 'tables-share-span',
    summary: 'one malformed HTML table becomes two tables (requests + review) with the same span',
    matches: (v) => (v.property === 'model-consistency' && /\] tables \d+ \[.*overlap/.test(v.message)) || (v.property === 'outline' && /outline table .* not after its previous sibling/.test(v.message)),
  },
  {
    id: 'safe-fix-oscillation',
    summary: 'two table rules offer conflicting safe fixes for one cell, so --fix rewrites it back and forth',
    matches: (v, text) => v.property === 'safe-fixes' && /still offer a safe fix/.test(v.message) && safeFixesOscillate(text),
  },
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
  {
    id: 'huge-numbers',
    summary: 'cells beyond Number.MAX_SAFE_INTEGER are summed inexactly (or read as Infinity) and still get fixes',
    matches: (v, text) =>
      hasHugeNumber(text) &&
      (/value -?Infinity/.test(v.message) || v.property === 'safe-fixes' || v.property === 'fix-removes-finding' || /Infinity|\d{16,}/.test(v.message)),
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
