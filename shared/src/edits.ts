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

/** The edits of the first safe fix of each finding, without overlaps (earlier findings win). */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => out.some((o) => e.span.start < o.span.end && o.span.start < e.span.end || (e.span.start === o.span.start && e.span.end === o.span.end)))) continue;
    out.push(...fix.edits);
  }
  return out;
}
