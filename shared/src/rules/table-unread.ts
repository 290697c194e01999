import type { RawFinding, RuleDefinition } from './types';
import { coverage, TABLE_LABELS } from './coverage';

/** Rows named in a partial table's message; the rest are counted. */
const NAMED_ROWS = 2;

/**
 * A table the format expects that the checker could not read, or read only in part: its figures were not
 * checked, and the report must not look clean because of it. A report that names none of its tables at all
 * (tables pasted as pictures, say) gets one finding on its title.
 */
const rule: RuleDefinition = {
  id: 'table-unread',
  category: 'table',
  defaultSeverity: 'warning',
  title: { zh: '统计表未能读取', en: 'Table not read' },
  description: {
    zh: '报告格式要求的统计表在文中有其栏目，却无法还原成表格（如网页复制成一行、数字粘连），或只读到部分单元格：这些数字未经核对。',
    en: 'A table the format requires has its labels in the text but could not be turned into a table (a web page copied as one line, digits run together), or only part of its cells were found: those figures were not checked.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    const cov = coverage(ctx);
    for (const t of cov.tables) {
      const name = TABLE_LABELS[t.kind];
      if (t.state === 'unreadable' && t.span) {
        out.push({
          span: t.span,
          message: { zh: `${name.zh}未能读取：本表数字未核对。`, en: `${cap(name.en)} could not be read: its figures were not checked.` },
          data: { table: t.kind, state: t.state },
        });
      } else if (t.inferred && t.span) {
        // Read by the table's own identities: said, so that its sums holding is not taken for a check.
        out.push({
          span: { start: t.span.start, end: t.span.start },
          severity: 'info',
          message: {
            zh: `${name.zh}原文数字连写，其中 ${t.inferred} 个单元格由表内勾稽关系推算：本表合计关系未独立核对。`,
            en: `${cap(name.en)} has its figures run together: ${t.inferred} cells were inferred from the table's own identities, so its totals were not checked independently.`,
          },
          data: { table: t.kind, state: 'inferred', inferred: t.inferred },
        });
      }
      if (t.state === 'partial' && t.cells && t.span) {
        const rows = t.missingRows ?? [];
        const named = rows.slice(0, NAMED_ROWS).map((r) => `“${r}”`).join('、');
        const more = rows.length > NAMED_ROWS ? `等 ${rows.length} 行` : '';
        out.push({
          span: { start: t.span.start, end: t.span.start },
          severity: 'info',
          message: {
            zh: `${name.zh}只读到 ${t.cells.read}/${t.cells.expected} 个单元格${named ? `，未读到${named}${more}` : ''}：这些数字未核对。`,
            en: `Only ${t.cells.read} of ${t.cells.expected} cells of ${name.en} were found${rows.length ? ` (not found: ${rows.slice(0, NAMED_ROWS).join(', ')}${rows.length > NAMED_ROWS ? `, ${rows.length - NAMED_ROWS} more rows` : ''})` : ''}: those figures were not checked.`,
          },
          expected: t.cells.expected,
          actual: t.cells.read,
          data: { table: t.kind, state: t.state },
        });
      }
    }
    const title = ctx.report.title;
    if (title && ctx.report.tables.length === 0 && cov.tables.every((t) => t.state === 'absent')) {
      // Tables whose labels are there without figures (just inserted, not filled in) are not "not found".
      out.push({
        span: title.span,
        message: {
          zh: '未找到统计表：本报告的表格数字未核对（表格可能是图片，或排版无法识别）。',
          en: 'No statistics table found: the report\'s table figures were not checked (the tables may be pictures, or laid out in a way the checker cannot read).',
        },
        data: { state: 'no-tables' },
      });
    }
    return out;
  },
};
export default rule;

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
