import type { Span } from './model/types';
import type { Finding, TextEdit } from './rules/types';

/**
 * Applies non-overlapping edits to `text`. Edits that overlap an earlier one (by start offset)
 * or fall outside the text are skipped, so a bad edit can never scramble the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits]
    .filter((e) => Number.isInteger(e.span.start) && Number.isInteger(e.span.end) && e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end)
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) continue;
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** The edits of the first safe fix that changes the text, or [] when none is left. */
export function nextSafeFix(text: string, findings: readonly Finding[]): TextEdit[] {
  for (const f of findings) {
    if (f.suppressed) continue;
    const fix = f.fixes?.find((x) => x.safe);
    if (fix && fix.edits.some((e) => text.slice(e.span.start, e.span.end) !== e.newText)) return [...fix.edits];
  }
  return [];
}

export interface FixAllResult {
  /** The text after every fix. */
  readonly text: string;
  /** The same change as edits on the original text (one per changed cell), for an editor to apply. */
  readonly edits: readonly TextEdit[];
  /** How many fixes were applied. */
  readonly applied: number;
}

/**
 * "Fix all" to a fixpoint: apply one safe fix, check again, repeat, until no safe fix is left (at most
 * `maxRounds`). One fix per round, so two fixes never act on one identity in one pass: after each fix the next
 * is chosen from the findings of the text as it now is. Stops when a fix would overlap an earlier one in part,
 * or the text comes back to an earlier state.
 */
export function fixToFixpoint(text: string, findings: readonly Finding[], check: (text: string) => readonly Finding[], maxRounds = 100): FixAllResult {
  let current = text;
  let list = findings;
  /** Applied edits on the original text, sorted and disjoint. */
  let done: TextEdit[] = [];
  const seen = new Set<string>();
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const edits = nextSafeFix(current, list);
    if (edits.length === 0) break;
    const merged = mergeEdits(done, edits);
    if (!merged) break;
    const key = JSON.stringify(merged);
    if (seen.has(key)) break;
    seen.add(key);
    done = merged;
    current = applyEdits(current, edits);
    applied++;
    list = check(current);
  }
  return { text: current, edits: done, applied };
}

/** `edits` (on the text after `done`) folded into `done` (on the original), or undefined on a partial overlap. */
function mergeEdits(done: readonly TextEdit[], edits: readonly TextEdit[]): TextEdit[] | undefined {
  let out = [...done];
  for (const e of edits) {
    const mapped = toOriginal(out, e.span);
    if (!mapped) return undefined;
    if ('replace' in mapped) out = out.map((d) => (d === mapped.replace ? { span: d.span, newText: e.newText } : d));
    else out = [...out, { span: mapped.span, newText: e.newText }].sort((a, b) => a.span.start - b.span.start);
  }
  return out;
}

function toOriginal(done: readonly TextEdit[], span: Span): { span: Span } | { replace: TextEdit } | undefined {
  let delta = 0;
  for (const d of done) {
    const start = d.span.start + delta;
    const end = start + d.newText.length;
    if (span.end <= start && span.start < start) break;
    if (span.start >= end && span.end > end) {
      delta += d.newText.length - (d.span.end - d.span.start);
      continue;
    }
    if (span.start === start && span.end === end) return { replace: d };
    return undefined;
  }
  return { span: { start: span.start - delta, end: span.end - delta } };
}
