import type { RuleDefinition } from './types';
import { sumEvaluations, sumMismatchFinding } from './support';
import { rowsWithWrongTotal } from './applicant-total-mismatch';

/** 2019/2021 application table: （七）总计 is not the sum of every outcome row, in some column. */
const rule: RuleDefinition = {
  id: 'outcome-total-mismatch',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '办理结果“（七）总计”与各项结果之和不符', en: 'Outcome total differs from the outcome rows' },
  description: {
    zh: '“三、本年度办理结果”中，“（七）总计”在每一列都应等于（一）至（六）各项（含全部分项）之和，每件申请只计入一种结果。',
    en: 'Under "results this year", the total (7) must equal the sum of every outcome row (1)–(6) with all sub-rows, in every column: each application has exactly one outcome.',
  },
  fixable: true,
  check(ctx) {
    const rowTotalsWrong = rowsWithWrongTotal(ctx);
    return sumEvaluations(ctx, 'outcome-total-mismatch').flatMap((ev) => {
      // A wrong 总计 cell already reported on its own row explains this column's failure.
      if (ev.column === 'tot' && [ev.total.id, ...ev.parts.map((p) => p.id)].some((id) => rowTotalsWrong.has(id))) return [];
      return sumMismatchFinding(ctx, ev) ?? [];
    });
  },
};
export default rule;
