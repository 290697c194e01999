/** `textDocument/inlayHint`: the computed sum next to a total that disagrees with it. */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver/node';
import { formatNumber, ruleById, SUM_RULES, type Finding } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toOffsets, toPosition } from '../convert';
import { msg, MSG } from '../messages';

/** Rules whose `expected` is the sum of the parts of the cell they point at (what `Σ=` promises). */
const SUM_HINT_RULES = new Set([...SUM_RULES, 'total-missing']);

/** Findings whose `expected` is a computed sum, which an inlay hint can show next to the total. */
export function isSumFinding(f: Finding): boolean {
  // A culprit cell's finding carries the value to write, not a sum.
  if (f.data?.['culprit']) return false;
  if (typeof f.expected !== 'number' || (typeof f.actual !== 'number' && f.ruleId !== 'total-missing')) return false;
  return SUM_HINT_RULES.has(f.ruleId) && ruleById(f.ruleId) !== undefined;
}

export function registerInlayHints(ctx: ServerContext): void {
  ctx.connection.languages.inlayHint.on(ctx.guard('textDocument/inlayHint', [] as InlayHint[], async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    if (!checked) return [];
    const { doc, analysis, locale } = checked;
    const range = toOffsets(doc, params.range);
    const hints: InlayHint[] = [];
    const seen = new Set<number>();
    for (const f of analysis.findings) {
      if (!isSumFinding(f) || f.span.end < range.start || f.span.start > range.end || seen.has(f.span.end)) continue;
      seen.add(f.span.end);
      const expected = formatNumber(f.expected as number);
      hints.push({
        position: toPosition(doc, f.span.end),
        label: `Σ=${expected}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: msg(MSG.sumHint, locale, { expected, actual: typeof f.actual === 'number' ? formatNumber(f.actual) : '—' }),
      });
    }
    return hints;
  }));
}

