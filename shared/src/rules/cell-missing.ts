import type { RawFinding, RuleDefinition } from './types';
import type { RuleContext } from './types';
import { columnName, memo, rowName, tableViews } from './support';
import totalMissing from './total-missing';

const cache = new WeakMap<object, { templates: RuleContext['templates']; value: Set<number> }>();

/** A value cell is blank, `—` or `/`: missing, which is not the same as 0. */
const rule: RuleDefinition = {
  id: 'cell-missing',
  category: 'table',
  defaultSeverity: 'info',
  title: { zh: '单元格未填写', en: 'Cell left blank' },
  description: {
    zh: '应填数字的单元格为空或为“—”“/”。空白不等于 0，没有发生的事项应填 0。',
    en: 'A cell that takes a figure is blank or holds "—" or "/". Blank is not zero: write 0 for nothing.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    // A blank total whose parts are filled is the total-missing rule's (sharper) finding.
    const totals = memo(cache, ctx, () => new Set(totalMissing.check(ctx).map((f) => f.span.start)));
    for (const view of tableViews(ctx)) {
      for (const row of view.table.rows) {
        const ind = row.indicator ? view.indicators.get(row.indicator) : undefined;
        if (!ind || ind.role !== 'value') continue;
        for (const cell of row.cells) {
          if (cell.state !== 'missing' || totals.has(cell.span.start)) continue;
          const col = view.table.columns.length > 1 ? `“${columnName(view, cell.column)}”` : '';
          const colEn = view.table.columns.length > 1 ? ` column "${columnName(view, cell.column)}"` : '';
          out.push({
            span: cell.span,
            message: {
              zh: `“${rowName(view, ind.id)}”${col}未填写；如无此类情况请填 0。`,
              en: `"${rowName(view, ind.id)}"${colEn} is blank; write 0 if there were none.`,
            },
            data: { row: ind.id, column: cell.column },
          });
        }
      }
    }
    return out;
  },
};
export default rule;
