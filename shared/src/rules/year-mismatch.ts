import type { RawFinding, RuleDefinition } from './types';

/** The title year and the statistical period disagree (a text carried over from another year). */
const rule: RuleDefinition = {
  id: 'year-mismatch',
  category: 'narrative',
  defaultSeverity: 'warning',
  narrative: true,
  title: { zh: '报告年度与统计期限不一致', en: 'Report year and statistical period disagree' },
  description: {
    zh: '标题中的报告年度与正文写明的统计期限（某年1月1日至12月31日）应为同一年，否则多为沿用上年文本未改。',
    en: 'The year in the title and the statistical period (1 January to 31 December of a year) must be the same year; a difference usually means last year\'s text was reused.',
  },
  fixable: true,
  check(ctx) {
    const r = ctx.report;
    const out: RawFinding[] = [];
    if (!r.titleYear || !r.period) return out;
    const y = r.titleYear.year;
    const wrong = [r.period.start, r.period.end].filter((m, i, all) => m.year !== y && all.findIndex((x) => x.span.start === m.span.start) === i);
    // `2022年1月1日至2022年12月31日` under a 2023 title is one slip, reported once and fixed in both places.
    const groups = wrong.length === 2 && wrong[0].year === wrong[1].year ? [wrong] : wrong.map((m) => [m]);
    for (const group of groups) {
      const m = group[0];
      out.push({
        span: m.span,
        message: {
          zh: `统计期限写的是 ${m.year} 年，而标题为 ${y} 年度报告。`,
          en: `The statistical period says ${m.year}, but the title is the ${y} report.`,
        },
        expected: y,
        actual: m.year,
        related: [{ span: r.titleYear.span, message: { zh: `标题年度：${y}`, en: `Title year: ${y}` } }],
        fixes: [{ title: { zh: `改为 ${y}`, en: `Change to ${y}` }, edits: group.map((g) => ({ span: g.span, newText: String(y) })), safe: false }],
      });
    }
    return out;
  },
};
export default rule;
