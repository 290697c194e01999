import type { RuleDefinition } from './types';
import type { RuleContext } from './types';
import { memo, sumEvaluations, sumMismatchFinding } from './support';

const cache = new WeakMap<object, { templates: RuleContext['templates']; value: Set<string> }>();

/** Rows of the application table whose 总计 cell disagrees with its applicant columns (their failures explain column sums too). */
export function rowsWithWrongTotal(ctx: RuleContext): Set<string> {
  return memo(cache, ctx, () => new Set(rule.check(ctx).map((f) => String((f.data as { total?: string })?.total))));
}

/** 2019/2021 application table: a row's 总计 is not the sum of its six applicant columns. */
const rule: RuleDefinition = {
  id: 'applicant-total-mismatch',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '申请情况表“总计”列与各申请人列之和不符', en: 'Application table: total column differs from the applicant columns' },
  description: {
    zh: '“收到和处理政府信息公开申请情况”表中，每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。',
    en: 'In the table of applications received and handled, each row\'s total must equal the sum of its six applicant columns.',
  },
  fixable: true,
  check(ctx) {
    return sumEvaluations(ctx, 'applicant-total-mismatch').flatMap((ev) => sumMismatchFinding(ctx, ev) ?? []);
  },
};
export default rule;
