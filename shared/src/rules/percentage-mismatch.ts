import type { Figure } from '../model/types';
import type { RawFinding, RuleDefinition } from './types';
import { formatNumber } from '../model/text';
import { clauseBefore, matchFigures, resolveTarget } from './narrative';
import { tableViews } from './support';

const MAX_LOOKBACK = 40;
const COUNT_UNITS = new Set(['件', '条', '次', '篇', '人次', '人', '个', '项', '起']);

/** `予以公开 120 件，占 35.2%`: the share does not follow from the counts. */
const rule: RuleDefinition = {
  id: 'percentage-mismatch',
  category: 'narrative',
  defaultSeverity: 'warning',
  narrative: true,
  title: { zh: '百分比与数字不符', en: 'Percentage does not match its counts' },
  description: {
    zh: '正文中“占X%”的比例与其前面的件数和总数（同一句中的总数，或表中的本年办结、本年新收总数）算出的比例不一致。只在能确定分子和分母时检查。',
    en: 'A share "占X%" does not follow from the count before it and a total (a total in the same sentence, or the table\'s concluded or received total). Checked only when both are known.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    const text = ctx.report.text;
    const figs = ctx.report.figures;
    const views = tableViews(ctx);
    const matched = new Map(matchFigures(ctx).map((m) => [m.figure, m]));
    for (let i = 0; i < figs.length; i++) {
      const p = figs[i];
      if (p.unit !== '%' || p.approx !== 'exact') continue;
      const clause = clauseBefore(text, p);
      if (!/(?:占|占比|比例|比重)[^，。；]{0,16}$/.test(clause) && !/^占/.test(clause)) continue;
      // The count: the nearest exact count figure before, in the same sentence.
      let count: Figure | undefined;
      let countAt = -1;
      for (let j = i - 1; j >= 0 && i - j <= MAX_LOOKBACK && figs[j].sentenceSpan.start === p.sentenceSpan.start; j--) {
        if (COUNT_UNITS.has(figs[j].unit) && figs[j].approx === 'exact') { count = figs[j]; countAt = j; break; }
      }
      if (!count) continue;
      const c = count;
      const dens: { value: number; from: string; fromEn: string }[] = [];
      // Totals stated earlier in the same sentence (a bounded look-back keeps huge one-sentence pastes linear).
      for (let j = countAt - 1; j >= 0 && countAt - j <= MAX_LOOKBACK && figs[j].sentenceSpan.start === p.sentenceSpan.start; j--) {
        const f = figs[j];
        if (f.sentenceSpan.start !== p.sentenceSpan.start || f === c || f.unit !== c.unit || f.approx !== 'exact' || f.value <= c.value) continue;
        if (f.span.start > c.span.start) continue;
        dens.push({ value: f.value, from: `同句中的总数 ${f.raw}${f.unit}`, fromEn: `the total ${f.raw} in the same sentence` });
      }
      const m = matched.get(c);
      // The table's totals are also fair denominators (办结 total, 新收, 新收+结转), whatever the sentence says.
      if (m && m.resolved.view.table.kind === 'requests') {
        for (const [rows, zh, en] of [[['R3.7'], '本年办结总数', 'applications concluded'], [['R1'], '本年新收申请数', 'applications received'], [['R1', 'R2'], '本年新收与上年结转之和', 'received plus carried over']] as const) {
          const r = resolveTarget(views, { kind: 'requests', rows: [...rows], column: 'tot' });
          if (r && r.value > 0) dens.push({ value: r.value, from: `${zh} ${formatNumber(r.value)}`, fromEn: `${en} (${formatNumber(r.value)})` });
        }
      }
      if (dens.length === 0) continue;
      const decimals = (p.raw.split('.')[1] ?? '').length;
      const step = Math.pow(10, -decimals);
      const fits = (d: number) => {
        const exact = (c.value / d) * 100;
        return Math.abs(exact - p.value) <= step / 2 + 1e-9 || (exact >= p.value && exact < p.value + step);
      };
      if (dens.some((d) => fits(d.value))) continue;
      const d = dens[0];
      const right = Math.round((c.value / d.value) * 100 * Math.pow(10, decimals)) / Math.pow(10, decimals);
      const rightText = right.toFixed(decimals);
      out.push({
        span: p.numberSpan,
        message: {
          zh: `${c.raw}${c.unit}占${d.from}的比例应为 ${rightText}%，正文写的是 ${p.raw}%。`,
          en: `${c.raw} out of ${d.fromEn} is ${rightText}%, but the text says ${p.raw}%.`,
        },
        expected: Number(rightText),
        actual: p.value,
        related: [{ span: c.numberSpan, message: { zh: `分子：${c.raw}${c.unit}`, en: `Count: ${c.raw}` } }],
        fixes: [{ title: { zh: `改为 ${rightText}`, en: `Change to ${rightText}` }, edits: [{ span: p.numberSpan, newText: rightText }], safe: false }],
      });
    }
    return out;
  },
};
export default rule;
