import type { RuleDefinition } from './types';
import { sumEvaluations, sumMismatchFinding } from './support';

/** 2019/2021 review and litigation table: a group's 总计 is not 维持+纠正+其他+尚未审结. */
const rule: RuleDefinition = {
  id: 'review-total-mismatch',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '复议诉讼表“总计”与各项结果之和不符', en: 'Review/litigation table: total differs from its outcomes' },
  description: {
    zh: '“政府信息公开行政复议、行政诉讼情况”表中，行政复议、未经复议直接起诉、复议后起诉三组各自的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。',
    en: 'In the administrative review and litigation table, each group\'s total (review; suit without review; suit after review) must equal upheld + corrected + other + pending.',
  },
  fixable: true,
  check(ctx) {
    return sumEvaluations(ctx, 'review-total-mismatch').flatMap((ev) => sumMismatchFinding(ctx, ev) ?? []);
  },
};
export default rule;
