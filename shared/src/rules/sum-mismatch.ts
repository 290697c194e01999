import type { RuleDefinition } from './types';
import { sumEvaluations, sumMismatchFinding } from './support';

/** A total that the table defines as the exact sum of its parts (a true partition) does not equal it. */
const rule: RuleDefinition = {
  id: 'sum-mismatch',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '合计与分项之和不符', en: 'Total differs from the sum of its parts' },
  description: {
    zh: '统计表中一项合计（如收到申请数、申请办结数、申请答复数、工作人员数）必须等于其各分项之和，但二者不相等。',
    en: 'A total that must equal the sum of its parts (applications received, concluded, answered; staff) does not.',
  },
  fixable: true,
  check(ctx) {
    return sumEvaluations(ctx, 'sum-mismatch').flatMap((ev) => sumMismatchFinding(ctx, ev) ?? []);
  },
};
export default rule;
