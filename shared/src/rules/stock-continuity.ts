import type { RawFinding, RuleDefinition } from './types';
import { cellIn, num, rowName } from './support';
import { previousName, viewPair } from '../crossyear/support';
import { formatNumber } from '../model/text';

/**
 * Stock figures of 主动公开 carried from last year's report. 2021 format: 现行有效(N) is about 现行有效(N−1) +
 * 本年制发(N) − 本年废止(N) (info only: documents also lapse or are amended), and 本年废止(N) cannot exceed
 * 现行有效(N−1) + 本年制发(N) (warning). 2019 format: 上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1) (info).
 */
const rule: RuleDefinition = {
  id: 'stock-continuity',
  category: 'crossyear',
  defaultSeverity: 'info',
  title: { zh: '主动公开存量与上年报告不衔接', en: "Active-disclosure stock does not follow from last year's report" },
  description: {
    zh: '主动公开表中的存量数字应与上年报告衔接：2021年格式的“现行有效件数”约等于上年现行有效加本年制发减本年废止（文件也会因到期失效、修改而变化，故只作提示），本年废止不能超过上年现行有效加本年制发（警告）；2019年格式的“上一年项目数量”应等于上年报告的上一年项目数量加本年增/减（提示）。',
    en: 'Stock figures of the active-disclosure table should follow from last year\'s report: in the 2021 format "currently in force" is about last year\'s in force plus made minus repealed this year (documents also lapse or are amended, so only an info), and repealed cannot exceed last year\'s in force plus made (warning); in the 2019 format "items last year" should equal last year\'s items plus last year\'s change (info).',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    const pair = viewPair(ctx, 'active');
    if (!pair || pair.now.template.id !== pair.before.template.id) return out;
    const last = previousName(ctx);
    for (const [id, row] of pair.now.rows) {
      const before = pair.before.rows.get(id);
      if (!before) continue;
      const name = rowName(pair.now, id);
      if (pair.now.template.id === 'gov2021') {
        const current = cellIn(row, 'current');
        const made = num(cellIn(row, 'made'));
        const repealed = cellIn(row, 'repealed');
        const prevCurrent = cellIn(before, 'current');
        const p = num(prevCurrent);
        if (p === undefined || made === undefined || !prevCurrent) continue;
        const r = num(repealed);
        if (r !== undefined && repealed && r > p + made) {
          out.push({
            span: repealed.span,
            severity: 'warning',
            message: {
              zh: `${name}本年废止 ${r} 件，多于${last.zh}现行有效 ${p} 件与本年制发 ${made} 件之和 ${p + made}。`,
              en: `${name}: ${r} repealed this year, more than ${last.en}'s ${p} in force plus ${made} made this year (${p + made}).`,
            },
            expected: `≤ ${p + made}`,
            actual: r,
            related: [{ span: prevCurrent.span, inPrevious: true, message: { zh: `${last.zh}：${name}现行有效 = ${prevCurrent.raw}`, en: `${last.en}: ${name} in force = ${prevCurrent.raw}` } }],
          });
          continue;
        }
        const c = num(current);
        if (c === undefined || r === undefined || !current) continue;
        const expected = p + made - r;
        if (c === expected) continue;
        out.push({
          span: current.span,
          message: {
            zh: `${name}现行有效 ${c} 件；按${last.zh}现行有效 ${p} + 本年制发 ${made} − 本年废止 ${r} 应约为 ${expected} 件（文件到期失效、修改也会使其不同，请核对）。`,
            en: `${name}: ${c} in force; ${last.en}'s ${p} + ${made} made − ${r} repealed gives ${expected} (lapsed or amended documents also change it; please check).`,
          },
          expected,
          actual: c,
          related: [{ span: prevCurrent.span, inPrevious: true, message: { zh: `${last.zh}：${name}现行有效 = ${prevCurrent.raw}`, en: `${last.en}: ${name} in force = ${prevCurrent.raw}` } }],
        });
      } else if (pair.now.template.id === 'gov2019') {
        const prev = cellIn(row, 'prev');
        const a = num(prev);
        const lastPrev = cellIn(before, 'prev');
        const b = num(lastPrev);
        const d = num(cellIn(before, 'delta'));
        if (a === undefined || b === undefined || d === undefined || !prev || !lastPrev) continue;
        const expected = b + d;
        if (a === expected) continue;
        out.push({
          span: prev.span,
          message: {
            zh: `${name}上一年项目数量为 ${a}；按${last.zh}上一年项目数量 ${b} 加本年增/减 ${d >= 0 ? '+' : ''}${formatNumber(d)} 应为 ${expected}。`,
            en: `${name}: ${a} items last year; ${last.en}'s ${b} items plus its change ${formatNumber(d)} gives ${expected}.`,
          },
          expected,
          actual: a,
          related: [{ span: lastPrev.span, inPrevious: true, message: { zh: `${last.zh}：${name}上一年项目数量 = ${lastPrev.raw}`, en: `${last.en}: ${name} items last year = ${lastPrev.raw}` } }],
        });
      }
    }
    return out;
  },
};
export default rule;
