import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, tableViews } from './support';

/** Old table: 申请办结数 and 申请答复数 normally count the same applications. */
const rule: RuleDefinition = {
  id: 'replies-concluded-differ',
  category: 'table',
  defaultSeverity: 'warning',
  title: { zh: '申请办结数与申请答复数不一致', en: 'Concluded and answered applications differ' },
  description: {
    zh: '旧版统计表中“申请办结数”与“申请答复数”统计的通常是同一批申请，两者一般相等；不相等时请核对。',
    en: 'In the old table "applications concluded" and "applications answered" normally count the same applications and are equal.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      if (view.table.kind !== 'stats') continue;
      const c2 = cellIn(view.rows.get('C2'), 'value');
      const c3 = cellIn(view.rows.get('C3'), 'value');
      const a = num(c2);
      const b = num(c3);
      if (a === undefined || b === undefined || a === b || !c2 || !c3) continue;
      out.push({
        span: c3.span,
        message: { zh: `申请答复数为 ${b}，而申请办结数为 ${a}，二者通常相等。`, en: `Applications answered: ${b}; applications concluded: ${a}. They are normally equal.` },
        expected: a, actual: b,
        related: [{ span: c2.span, message: { zh: `申请办结数 = ${c2.raw}`, en: `Applications concluded = ${c2.raw}` } }],
      });
    }
    return out;
  },
};
export default rule;
