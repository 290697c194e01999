import type { RawFinding, RuleDefinition } from './types';
import { cellIn, columnName, num, round, rowName, tableViews } from './support';
import { formatNumber } from '../model/text';

/**
 * A figure written on a title row or a group label (一、主动公开情况, （三）不予公开), which the
 * official table leaves empty. Where it can be compared, says whether it equals the rows beneath.
 */
const rule: RuleDefinition = {
  id: 'title-row-value',
  category: 'table',
  defaultSeverity: 'info',
  title: { zh: '标题行填写了数字', en: 'Figure on a title row' },
  description: {
    zh: '统计表中的标题行（如“一、主动公开情况”）或分组行（如“（三）不予公开”）本身不填数。若填了数字，应与其下各项之和一致，且不得计入总计；不一致时报为警告。',
    en: 'Title rows (e.g. "1. Proactive disclosure") and group labels (e.g. "(3) Not disclosed") carry no figure in the official table. A figure there should at least equal the rows beneath it (a warning when it does not) and must not be counted in totals.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      for (const row of view.table.rows) {
        const ind = row.indicator ? view.indicators.get(row.indicator) : undefined;
        if (!ind || ind.role === 'value') continue;
        const check = view.tt.checks.find((c) => c.kind === 'title-sum' && c.total === ind.id);
        // One finding per row: at the first cell that disagrees with the rows beneath it, else at the first figure.
        let first: { cell: (typeof row.cells)[number]; v: number; sum?: number } | undefined;
        let differing: typeof first;
        for (const cell of row.cells) {
          const v = num(cell);
          if (v === undefined) continue;
          let sum: number | undefined;
          if (check) {
            const vals = check.parts.filter((p) => view.rows.has(p)).map((p) => num(cellIn(view.rows.get(p), cell.column)));
            if (vals.length > 0) sum = round(vals.reduce<number>((s, x) => s + (x ?? 0), 0));
            // Blank parts make the sum a lower bound: only a bound above the figure is a certain difference.
            if (vals.some((x) => x === undefined) && sum !== undefined && sum < v) sum = undefined;
          }
          const entry = { cell, v, ...(sum !== undefined ? { sum } : {}) };
          if (!first) first = entry;
          if (!differing && sum !== undefined && sum !== v) differing = entry;
        }
        const at = differing ?? first;
        if (!at) continue;
        const name = rowName(view, ind.id);
        const col = view.table.columns.length > 1 ? `“${columnName(view, at.cell.column)}”列` : '';
        const colEn = view.table.columns.length > 1 ? ` in column "${columnName(view, at.cell.column)}"` : '';
        const { v, sum } = at;
        out.push({
          span: at.cell.span,
          severity: differing && ind.role === 'group' ? 'warning' : 'info',
          message: {
            zh: `“${name}”是标题行，官方表格中不填数，这里${col}填了 ${formatNumber(v)}` +
              (sum === undefined ? '。' : differing ? `，与其下各项之和 ${formatNumber(sum)} 不一致。` : `（等于其下各项之和）。`),
            en: `"${name}" is a title row that the official table leaves empty; it holds ${formatNumber(v)}${colEn}` +
              (sum === undefined ? '.' : differing ? `, which differs from the sum of the rows beneath it (${formatNumber(sum)}).` : ' (equal to the sum of the rows beneath it).'),
          },
          ...(sum !== undefined ? { expected: sum } : {}),
          actual: v,
          data: { row: ind.id, column: at.cell.column },
        });
      }
    }
    return out;
  },
};
export default rule;
