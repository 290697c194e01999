import type { Cell } from '../model/types';
import type { RawFinding, RuleDefinition } from './types';
import { columnName, rowName, tableViews, type TableView } from './support';
import { isSuppressed } from './run';

/** Blank cells listed in the related information of a table's finding; the count in the message is exact. */
const MAX_RELATED = 50;

/**
 * Value cells that are blank, `—` or `/`: missing, which is not the same as 0. One finding per table (a real
 * old-format table may have forty blank cells), on its first blank cell, with every blank cell as related
 * information. A directive that silences the rule at a cell leaves that cell out.
 */
const rule: RuleDefinition = {
  id: 'cell-missing',
  category: 'table',
  defaultSeverity: 'info',
  title: { zh: '单元格未填写', en: 'Cell left blank' },
  description: {
    zh: '应填数字的单元格为空或为“—”“/”。空白不等于 0，没有发生的事项应填 0。每张表报告一次，列出所有空格。',
    en: 'A cell that takes a figure is blank or holds "—" or "/". Blank is not zero: write 0 for nothing. Reported once per table, listing every blank cell.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const view of tableViews(ctx)) {
      const blank: { cell: Cell; row: string }[] = [];
      for (const row of view.table.rows) {
        const ind = row.indicator ? view.indicators.get(row.indicator) : undefined;
        if (!ind || ind.role !== 'value') continue;
        for (const cell of row.cells) {
          if (cell.state === 'missing' && !isSuppressed(ctx.report, rule.id, cell.span.start)) blank.push({ cell, row: ind.id });
        }
      }
      if (blank.length === 0) continue;
      const where = (b: { cell: Cell; row: string }) => place(view, b.row, b.cell.column);
      const first = where(blank[0]);
      const table = view.tt.title.replace(/^[一二三四五六七八九十]+、/, '');
      out.push({
        span: blank[0].cell.span,
        message: blank.length === 1
          ? { zh: `${first.zh}未填写；如无此类情况请填 0。`, en: `${first.en} is blank; write 0 if there were none.` }
          : {
            zh: `“${table}”中有 ${blank.length} 个应填数字的单元格未填写（第一个：${first.zh}）；空白不等于 0，如无此类情况请填 0。`,
            en: `${blank.length} cells of "${table}" that take a figure are blank (the first: ${first.en}); blank is not zero, write 0 if there were none.`,
          },
        related: blank.slice(0, MAX_RELATED).map((b) => {
          const p = where(b);
          return { span: b.cell.span, message: { zh: `未填写：${p.zh}`, en: `Blank: ${p.en}` } };
        }),
        data: { table: view.table.kind, count: blank.length, cells: blank.map((b) => `${b.row}:${b.cell.column}`) },
      });
    }
    return out;
  },
};

function place(view: TableView, row: string, column: string): { zh: string; en: string } {
  const many = view.table.columns.length > 1;
  return {
    zh: `“${rowName(view, row)}”${many ? `“${columnName(view, column)}”列` : ''}`,
    en: `"${rowName(view, row)}"${many ? ` column "${columnName(view, column)}"` : ''}`,
  };
}
export default rule;
