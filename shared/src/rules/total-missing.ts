import type { RawFinding, RuleDefinition } from './types';
import { describeTotal, partsRelated, setCellFix, SUM_RULES, sumEvaluations } from './support';
import { keepsIdentities } from './identities';
import { formatNumber } from '../model/text';

/** A total cell is left blank while its parts carry figures. */
const rule: RuleDefinition = {
  id: 'total-missing',
  category: 'table',
  defaultSeverity: 'warning',
  title: { zh: '合计未填写', en: 'Total left blank' },
  description: {
    zh: '分项已填写数字，但对应的合计（总数、总计）栏为空。空白不等于 0，应填写合计。',
    en: 'The parts carry figures but their total is blank. A blank is not zero: fill in the total.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const r of SUM_RULES) {
      for (const ev of sumEvaluations(ctx, r)) {
        const cell = ev.total.cell;
        if (!cell || cell.state !== 'missing') continue;
        if (!ev.parts.some((p) => p.cell?.state === 'number' && (p.cell.value ?? 0) !== 0)) continue;
        const what = describeTotal(ev);
        const complete = ev.missingParts === 0;
        out.push({
          span: cell.span,
          message: {
            zh: `${what.zh}未填写，而其分项已填写（${complete ? '分项之和为 ' : '已填分项之和为 '}${formatNumber(ev.sum)}）。`,
            en: `${what.en} is blank while its parts are filled in (${complete ? 'they add up to ' : 'the filled parts add up to '}${formatNumber(ev.sum)}).`,
          },
          expected: complete ? ev.sum : undefined,
          related: partsRelated(ev),
          fixes: complete ? [setCellFix(cell, ev.sum, { zh: `填入合计 ${formatNumber(ev.sum)}`, en: `Fill in the total ${formatNumber(ev.sum)}` }, keepsIdentities(ctx, cell, ev.sum))] : [],
          data: { total: ev.total.id, column: ev.column },
        });
      }
    }
    return out;
  },
};
export default rule;
