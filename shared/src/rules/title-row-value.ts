import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, round, rowName, tableViews } from './support';
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
        for (const cell of row.cells) {
          const v = num(cell);
          if (v === undefined) continue;
          const check = view.tt.checks.find((c) => c.kind === 'title-sum' && c.total === ind.id);
          let sum: number | undefined;
          if (check) {
            const vals = check.parts.filter((p) => view.rows.has(p)).map((p) => num(cellIn(view.rows.get(p), cell.column)));
            if (vals.length > 0 && vals.every((x) => x !== undefined || true)) sum = round(vals.reduce<number>((s, x) => s + (x ?? 0), 0));
            if (vals.some((x) => x === undefined) && sum !== undefined && sum < v) sum = undefined;
          }
          const differs = sum !== undefined && sum !== v;
          const name = rowName(view, ind.id);
          out.push({
            span: cell.span,
            severity: differs && ind.role === 'group' ? 'warning' : 'info',
            message: {
              zh: `“${name}”是标题行，官方表格中不填数，这里填了 ${formatNumber(v)}` +
                (sum === undefined ? '。' : differs ? `，与其下各项之和 ${formatNumber(sum)} 不一致。` : `（等于其下各项之和）。`),
              en: `"${name}" is a title row that the official table leaves empty; it holds ${formatNumber(v)}` +
                (sum === undefined ? '.' : differs ? `, which differs from the sum of the rows beneath it (${formatNumber(sum)}).` : ' (equal to the sum of the rows beneath it).'),
            },
            ...(sum !== undefined ? { expected: sum } : {}),
            actual: v,
            data: { row: ind.id, column: cell.column },
          });
        }
      }
    }
    return out;
  },
};
export default rule;
