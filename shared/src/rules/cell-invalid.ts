import type { RawFinding, RuleDefinition } from './types';
import { rowName, tableViews } from './support';

/** A cell where a count belongs holds words, a negative number or a fraction. */
const rule: RuleDefinition = {
  id: 'cell-invalid',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '单元格不是有效数字', en: 'Cell is not a valid figure' },
  description: {
    zh: '计数栏只能填写非负整数；金额栏可为小数；只有“本年增/减”可为负数。文字、负数或小数出现在计数栏时报错。',
    en: 'Count cells take whole non-negative numbers; money cells may be decimal; only "increase/decrease this year" may be negative. Words, negative numbers or fractions in a count cell are errors.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      for (const row of view.table.rows) {
        const ind = row.indicator ? view.indicators.get(row.indicator) : undefined;
        if (!ind) continue;
        for (const cell of row.cells) {
          const col = view.tt.columns.find((c) => c.id === cell.column);
          const kind = ind.numeric !== 'count' ? ind.numeric : col?.numeric ?? 'count';
          const name = rowName(view, ind.id);
          if (cell.state === 'invalid') {
            out.push({
              span: cell.span,
              message: { zh: `“${name}”栏应填写数字，这里是“${cell.raw}”。`, en: `"${name}" needs a number; it holds "${cell.raw}".` },
              actual: cell.raw,
              data: { row: ind.id, column: cell.column },
            });
          } else if (cell.state === 'number' && cell.value !== undefined) {
            if (cell.value < 0 && kind !== 'signed') {
              out.push({
                span: cell.span,
                message: { zh: `“${name}”不能为负数（${cell.raw}）。`, en: `"${name}" cannot be negative (${cell.raw}).` },
                actual: cell.value,
                data: { row: ind.id, column: cell.column },
              });
            } else if (!Number.isInteger(cell.value) && kind !== 'decimal') {
              out.push({
                span: cell.span,
                message: { zh: `“${name}”是计数，应为整数（${cell.raw}）。`, en: `"${name}" is a count and must be a whole number (${cell.raw}).` },
                actual: cell.value,
                data: { row: ind.id, column: cell.column },
              });
            }
          }
        }
      }
    }
    return out;
  },
};
export default rule;
