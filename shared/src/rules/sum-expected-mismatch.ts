import type { RuleDefinition } from './types';
import { num, sumEvaluations, sumMismatchFinding } from './support';

/**
 * A total that is expected, but not guaranteed, to equal its parts (不同意公开 and its reasons;
 * 行政复议/诉讼 and their outcomes). Parts above the total are certain errors; below, a warning.
 */
const rule: RuleDefinition = {
  id: 'sum-expected-mismatch',
  category: 'table',
  defaultSeverity: 'warning',
  title: { zh: '合计与分项之和可能不符', en: 'Total probably differs from its parts' },
  description: {
    zh: '按统计口径通常应等于分项之和的合计（如不同意公开答复数与各项理由、行政复议数量与各种结果）与分项之和不等。分项之和大于合计时必定有误，报为错误；小于合计时可能另有未列情形，报为警告。',
    en: 'A total that normally equals its parts (refusals and their reasons, appeals and their outcomes) does not. Parts above the total are certainly wrong (error); below it, cases may be unlisted (warning).',
  },
  fixable: true,
  check(ctx) {
    return sumEvaluations(ctx, 'sum-expected-mismatch').flatMap((ev) => {
      const total = num(ev.total.cell);
      if (total === undefined) return [];
      const above = ev.sum > total;
      // One part alone above the total is the subset rule's finding; do not say it twice.
      const subset = ev.view.tt.checks.some((c) => c.kind === 'subset' && c.total === ev.total.id);
      if (subset && ev.parts.some((p) => (num(p.cell) ?? 0) > total)) return [];
      const f = sumMismatchFinding(ctx, ev, above && ev.check.strictness === 'at-least' ? { severity: 'error' } : {});
      if (!f) return [];
      // When the parts may legitimately fall short, writing their sum into the total is not safe.
      const safe = ev.check.strictness === 'exact' || above;
      return [{ ...f, fixes: (f.fixes ?? []).map((x) => ({ ...x, safe: safe && x.safe })) }];
    });
  },
};
export default rule;
