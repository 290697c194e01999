import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, tableViews } from './support';

/** Old table: fees for applications were abolished from 1 April 2017 (财税〔2017〕20号). */
const rule: RuleDefinition = {
  id: 'fee-after-2017',
  category: 'table',
  defaultSeverity: 'info',
  title: { zh: '2017年4月后仍收取依申请公开费用', en: 'Application fees charged after April 2017' },
  description: {
    zh: '依申请公开信息的检索、复制、邮寄等费用自2017年4月1日起停止征收，2018年及以后的报告中“依申请公开信息收取的费用”一般应为 0。',
    en: 'Fees for searching, copying and posting requested information were abolished from 1 April 2017; reports for 2018 onwards should normally show 0.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    const year = ctx.report.year;
    if (year === undefined || year < 2018) return out;
    for (const view of tableViews(ctx)) {
      if (view.table.kind !== 'stats') continue;
      const cell = cellIn(view.rows.get('G'), 'value');
      const v = num(cell);
      if (!cell || v === undefined || v <= 0) continue;
      out.push({
        span: cell.span,
        message: { zh: `${year}年度报告的依申请公开收费为 ${cell.raw} 万元；该项收费自2017年4月1日起已停征。`, en: `The ${year} report shows application fees of ${cell.raw} (10k yuan); these fees were abolished from 1 April 2017.` },
        actual: v,
      });
    }
    return out;
  },
};
export default rule;
