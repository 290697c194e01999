import type { RawFinding, RuleDefinition } from './types';
import { formatNumber } from '../model/text';
import { columnName, rowName, typoHint } from './support';
import { matchFigures } from './narrative';

/** A figure in the prose disagrees with the table cell it names. Approximate figures are only checked as bounds. */
const rule: RuleDefinition = {
  id: 'figure-table-mismatch',
  category: 'narrative',
  defaultSeverity: 'warning',
  narrative: true,
  title: { zh: '正文数字与表格不一致', en: 'Figure in the text differs from the table' },
  description: {
    zh: '正文中明确指向某项统计指标的数字（如“收到政府信息公开申请31件”）与统计表中对应单元格的数字不同。每一处提及都会检查；带“余、多、近”的约数只在明显超出范围时提示，带“约、左右”的不比较。',
    en: 'A figure in the text that names an indicator (e.g. "31 applications received") differs from the table cell. Every mention is checked; figures with 余/多/近 are checked only as bounds, and 约/左右 figures are not compared.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const m of matchFigures(ctx)) {
      const { figure, resolved } = m;
      const v = resolved.value;
      if (figure.approx === 'about') continue;
      if (figure.approx === 'exact' && (figure.value === v || m.alternatives.some((a) => a.value === figure.value))) continue;
      if (figure.approx === 'more' && (v >= figure.value || m.alternatives.some((a) => a.value >= figure.value))) continue;
      if (figure.approx === 'less' && (v <= figure.value || m.alternatives.some((a) => a.value <= figure.value))) continue;
      const cellDesc = resolved.cells.length === 1
        ? { zh: '表中对应单元格', en: 'the table cell' }
        : { zh: `表中对应的 ${resolved.cells.length} 个单元格之和`, en: `the sum of ${resolved.cells.length} table cells` };
      const written = ctx.report.text.slice(figure.span.start, figure.span.end);
      const bound = figure.approx === 'more' ? { zh: '（约数，表中数字应不小于此数）', en: ' (an approximation: the table should be at least this)' }
        : figure.approx === 'less' ? { zh: '（约数，表中数字应不大于此数）', en: ' (an approximation: the table should be at most this)' } : { zh: '', en: '' };
      const np = resolved.view.table.kind === 'requests' && resolved.cells.length === 1 && resolved.cells[0].column === 'tot'
        ? npNote(resolved, figure.value) : { zh: '', en: '' };
      const hint = figure.approx === 'exact' ? typoHint(figure.value, v) : undefined;
      out.push({
        span: figure.numberSpan,
        message: {
          zh: `正文写“${m.mapping.name.zh}”为“${written}”${bound.zh}，而${cellDesc.zh}为 ${formatNumber(v)}。${hint ? hint.zh : ''}${np.zh}`,
          en: `The text gives ${m.mapping.name.en} as "${written}"${bound.en}, but ${cellDesc.en} says ${formatNumber(v)}.${hint ? ` ${hint.en}` : ''}${np.en ? ' ' + np.en : ''}`,
        },
        expected: v,
        actual: figure.value,
        related: resolved.cells.map((c) => {
          const row = resolved.view.table.rows.find((r) => r.cells.includes(c));
          const rn = row?.indicator ? rowName(resolved.view, row.indicator) : '';
          const cn = resolved.view.table.columns.length > 1 ? `（${columnName(resolved.view, c.column)}）` : '';
          return { span: c.span, message: { zh: `表格：${rn}${cn} = ${c.raw}`, en: `Table: ${rn}${cn} = ${c.raw}` } };
        }),
        fixes: figure.approx === 'exact'
          ? [{ title: { zh: `按表格改为 ${formatNumber(v)}`, en: `Use the table's ${formatNumber(v)}` }, edits: [{ span: figure.numberSpan, newText: formatNumber(v) }], safe: false }]
          : [],
        data: { indicator: m.mapping.target.rows.join('+'), column: m.mapping.target.column, approx: figure.approx },
      });
    }
    return out;
  },
};

/** Authors sometimes quote only the 自然人 column: say so when the figure equals it. */
function npNote(resolved: { view: import('./support').TableView; cells: readonly import('../model/types').Cell[] }, value: number): { zh: string; en: string } {
  const row = resolved.view.table.rows.find((r) => r.cells.includes(resolved.cells[0]));
  const np = row?.cells.find((c) => c.column === 'np');
  if (np?.state === 'number' && np.value === value) {
    return { zh: '正文数字等于“自然人”一列，而非“总计”。', en: 'The text matches the natural-person column, not the total.' };
  }
  return { zh: '', en: '' };
}
export default rule;
