/**
 * Core bugs the robustness properties found and that are reported to the lead, each with a
 * regression test in regressions.test.ts (marked `todo` until fixed). Fixed so far (entries
 * removed): tables-share-span, safe-fix-oscillation, huge-numbers, figures-quadratic, leading-tabs-quadratic,
 * trailing-run-regex, applyEdits-fractional.
 *
 * A random property that trips over one of these counts the case as "known" instead of failing,
 * so that a known bug does not hide a new one; `npm run fuzz` lists them separately.
 * When a bug is fixed: remove its `todo` in regressions.test.ts and its entry here.
 */
import { analyze, applyEdits, nextSafeFix } from '../../shared/src/index';
import { Violation } from './invariants';

export interface KnownIssue {
  /** Matches the regression test's name in regressions.test.ts. */
  readonly id: string;
  readonly summary: string;
  readonly matches: (v: Violation, text: string) => boolean;
}

/** Safe fixes that write a cell, then write the same cell back to another value in a later round. */
export function safeFixesOscillate(text: string, rounds = 12): boolean {
  let current = text;
  const history = new Map<string, string[]>();
  for (let round = 0; round < rounds; round++) {
    const edits = nextSafeFix(current, analyze(current).findings);
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

export const KNOWN_ISSUES: readonly KnownIssue[] = [];

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
