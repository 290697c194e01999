import type { RawFinding, RuleDefinition } from './types';
import { cellIn, columnName, num, tableViews } from './support';
import { previousName, viewPair } from '../crossyear/support';

/**
 * This year's 上年结转 (R2) must equal last year's 结转下年度继续办理 (R4), column by column: both count the
 * applications open on 31 December of last year.
 */
const rule: RuleDefinition = {
  id: 'carryover-mismatch',
  category: 'crossyear',
  defaultSeverity: 'error',
  title: { zh: '上年结转与上年报告的结转下年度不一致', en: "Carry-over differs from last year's report" },
  description: {
    zh: '本年“二、上年结转政府信息公开申请数量”应逐列等于上年报告“四、结转下年度继续办理”：两者都是上年12月31日尚未办结的申请。只在有同一机关上年报告时检查。',
    en: 'This year\'s "applications carried over from last year" must equal, column by column, last year\'s "carried over to next year": both count the applications open on 31 December of last year. Checked only when last year\'s report of the same body is known.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    const previous = ctx.options.previous;
    if (!previous) return out;
    const now = tableViews(ctx).find((v) => v.table.kind === 'requests');
    const r2 = now?.rows.get('R2');
    if (!now || !r2 || !r2.cells.some((c) => c.state === 'number')) return out;
    const last = previousName(ctx);
    const pair = viewPair(ctx, 'requests');
    const r4 = pair?.before.rows.get('R4');
    // Last year's report has the table (it is on a format with a carry-over row) but it was not read: say that the
    // carry-over was not compared, rather than nothing. An old-format report has no such row: nothing to say.
    if (!pair || !r4 || !r4.cells.some((c) => c.state === 'number')) {
      if (previous.template === 'gov2014' || (previous.year !== undefined && previous.year < 2019)) return out;
      out.push({
        span: r2.labelSpan,
        severity: 'info',
        message: {
          zh: `${last.zh}的“结转下年度继续办理”未能读取：上年结转未与上年报告核对。`,
          en: `${last.en}'s "carried over to next year" could not be read: the carry-over was not compared with it.`,
        },
        data: { previousYear: previous.year, unread: true },
      });
      return out;
    }
    for (const column of pair.now.tt.columns) {
      const cell = cellIn(r2, column.id);
      const before = cellIn(r4, column.id);
      const a = num(cell);
      const b = num(before);
      if (a === undefined || b === undefined || a === b || !cell || !before) continue;
      const col = columnName(pair.now, column.id);
      out.push({
        span: cell.span,
        message: {
          zh: `上年结转（${col}）为 ${a}，而${last.zh}“结转下年度继续办理”为 ${b}。`,
          en: `Carried over from last year (${col}): ${a}; ${last.en} carried over to this year: ${b}.`,
        },
        expected: b,
        actual: a,
        related: [{ span: before.span, inPrevious: true, message: { zh: `${last.zh}：结转下年度继续办理（${col}）= ${before.raw}`, en: `${last.en}: carried over to next year (${col}) = ${before.raw}` } }],
        // Not safe: the carry-over also enters this year's balance (一 + 二 = 三（七）+ 四), and last year's
        // report may be the wrong one.
        fixes: [{ title: { zh: `改为 ${b}（与${last.zh}一致）`, en: `Change to ${b} (as in ${last.en})` }, edits: [{ span: cell.span, newText: String(b) }], safe: false }],
        data: { column: column.id, previousYear: ctx.options.previous?.year },
      });
    }
    return out;
  },
};
export default rule;
