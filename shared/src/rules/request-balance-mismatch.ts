import type { RawFinding, RuleDefinition } from './types';
import { cellIn, columnName, num, rowName, round, tableViews } from './support';
import { balanceIdentity, repairFixes } from './identities';
import type { Cell } from '../model/types';
import { formatNumber } from '../model/text';
import { rowsWithWrongTotal } from './applicant-total-mismatch';

/** 2019/2021 application table: 一 + 二 ≠ （七）总计 + 四 in some column (the identity printed in the table). */
const rule: RuleDefinition = {
  id: 'request-balance-mismatch',
  category: 'table',
  defaultSeverity: 'error',
  title: { zh: '申请数量勾稽关系不平衡', en: 'Application table does not balance' },
  description: {
    zh: '表头注明的勾稽关系：每一列都须满足“一、本年新收”+“二、上年结转”=“（七）总计”+“四、结转下年度继续办理”。',
    en: 'The identity printed in the table header: in every column, new this year + carried over from last year = concluded total (7) + carried over to next year.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    const rowTotalsWrong = rowsWithWrongTotal(ctx);
    for (const view of tableViews(ctx)) {
      for (const check of view.tt.checks) {
        if (check.rule !== rule.id || check.kind !== 'balance') continue;
        const ids = [...check.left, ...check.right];
        if (!ids.every((id) => view.rows.has(id))) continue;
        for (const column of view.table.columns) {
          if (column === 'tot' && ids.some((id) => rowTotalsWrong.has(id))) continue;
          const vals = ids.map((id) => num(cellIn(view.rows.get(id), column)));
          if (vals.some((v) => v === undefined)) continue;
          const left = round(check.left.reduce((s, _id, i) => s + vals[i]!, 0));
          const right = round(check.right.reduce((s, _id, i) => s + vals[check.left.length + i]!, 0));
          if (left === right) continue;
          const lastId = check.right[check.right.length - 1];
          const cell = cellIn(view.rows.get(lastId), column)!;
          const identity = balanceIdentity(view, check, column)!;
          const nameOf = (c: Cell): string => rowName(view, ids[identity.terms.findIndex((t) => t.cell === c)]);
          const col = columnName(view, column);
          // The rows by their printed numbers, as the table's own header states the identity (一+二 = （七）+四);
          // the rows' names are in the related information and the reason in hover and on the rule's page.
          const side = (list: readonly string[], from: number, en = false): string => {
            const terms = list.map((_id, i) => formatNumber(vals[from + i]!)).join('+');
            return `${list.map((id) => numbering(view, id)).join('+')} = ${formatNumber(from === 0 ? left : right)}${en ? ` (${terms})` : `（${terms}）`}`;
          };
          out.push({
            span: cell.span,
            message: {
              zh: `“${col}”列不平衡：${side(check.left, 0)}，而${side(check.right, check.left.length)}。`,
              en: `Column "${col}" does not balance: ${side(check.left, 0, true)}, but ${side(check.right, check.left.length, true)}.`,
            },
            expected: left,
            actual: right,
            related: ids.map((id) => {
              const c = cellIn(view.rows.get(id), column)!;
              return { span: c.span, message: { zh: `${rowName(view, id)} = ${c.raw}`, en: `${rowName(view, id)} = ${c.raw}` } };
            }),
            // The unique cell whose change balances the column and keeps its row and column sums true, if any.
            fixes: repairFixes(ctx, identity, nameOf, () => false),
            data: { column, left, right },
          });
        }
      }
    }
    return out;
  },
};
export default rule;

/** `一、本年新收…` → `一`, `（七）总计` → `（七）`: the number the row is printed with, else its name. */
function numbering(view: Parameters<typeof rowName>[0], id: string): string {
  const label = view.indicators.get(id)?.label ?? id;
  const m = /^[\s\u3000]*(?:([一二三四五六七八九十]+)、|([（(][一二三四五六七八九十]+[）)]))/.exec(label);
  return m ? (m[1] ?? m[2].replace('(', '（').replace(')', '）')) : rowName(view, id);
}
