import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, rowName, tableViews } from './support';
import { formatNumber } from '../model/text';

/** A 其中 (of which) row is larger than the row it is part of. */
const rule: RuleDefinition = {
  id: 'subset-exceeds-total',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '“其中”项大于其所属总数', en: '"Of which" row exceeds its total' },
  description: {
    zh: '“其中”项是上一项的一部分，不能大于上一项，例如主要负责同志参加新闻发布会次数不能超过新闻发布会总次数，不同意公开的某项理由不能超过不同意公开答复数。',
    en: 'An "of which" row is part of the row above it and cannot exceed it (e.g. press conferences attended by the head cannot exceed all press conferences).',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      for (const check of view.tt.checks) {
        if (check.rule !== rule.id || check.kind !== 'subset' || !check.total) continue;
        const totalRow = view.rows.get(check.total);
        for (const column of view.table.columns) {
          const totalCell = cellIn(totalRow, column);
          const total = num(totalCell);
          if (total === undefined || !totalCell) continue;
          for (const id of check.parts) {
            const cell = cellIn(view.rows.get(id), column);
            const v = num(cell);
            if (v === undefined || !cell || v <= total) continue;
            out.push({
              span: cell.span,
              message: {
                zh: `“${rowName(view, id)}”为 ${formatNumber(v)}，大于其所属的“${rowName(view, check.total)}” ${formatNumber(total)}。`,
                en: `"${rowName(view, id)}" is ${formatNumber(v)}, more than "${rowName(view, check.total)}" (${formatNumber(total)}) that it is part of.`,
              },
              expected: `<= ${formatNumber(total)}`,
              actual: v,
              related: [{ span: totalCell.span, message: { zh: `所属总数：${rowName(view, check.total)} = ${totalCell.raw}`, en: `Total: ${rowName(view, check.total)} = ${totalCell.raw}` } }],
              data: { part: id, total: check.total, column },
            });
          }
        }
      }
    }
    return out;
  },
};
export default rule;
