import type { RuleDefinition } from './types';

/**
 * The report compared with last year's is not the next year's: both name the same year (last year's text
 * reused, or the wrong file), or years are skipped.
 */
const rule: RuleDefinition = {
  id: 'period-not-consecutive',
  category: 'crossyear',
  defaultSeverity: 'warning',
  title: { zh: '报告年度不是上年报告的下一年', en: "Report year is not the year after last year's report" },
  description: {
    zh: '与上年报告对比时，本报告的年度（标题或统计期限）应正好是上年报告年度的下一年；同一年度或相隔多年，多为沿用旧文本未改年份或选错了文件。',
    en: "When compared with last year's report, this report's year (title or statistical period) must be the year right after it; the same year or a gap usually means old text with the year unchanged, or the wrong file.",
  },
  fixable: false,
  check(ctx) {
    const previous = ctx.options.previous;
    const year = ctx.report.year;
    if (!previous || previous.year === undefined || year === undefined || year === previous.year + 1) return [];
    const where = ctx.report.titleYear ?? ctx.report.period?.start;
    const span = where?.span ?? ctx.report.title?.span ?? { start: 0, end: 0 };
    const same = year === previous.year;
    return [{
      span,
      message: same
        ? { zh: `本报告与所对比的上年报告都是 ${year} 年度。`, en: `This report and the report it is compared with are both for ${year}.` }
        : { zh: `本报告为 ${year} 年度，所对比的上年报告为 ${previous.year} 年度，不是相邻两年。`, en: `This report is for ${year}; the report it is compared with is for ${previous.year}: not consecutive years.` },
      expected: previous.year + 1,
      actual: year,
      ...(previous.titleYear ?? previous.period ? { related: [{ span: (previous.titleYear ?? previous.period!.start).span, inPrevious: true as const, message: { zh: `上年报告年度：${previous.year}`, en: `Year of last year's report: ${previous.year}` } }] } : {}),
    }];
  },
};
export default rule;
