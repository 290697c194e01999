import type { RawFinding, RuleDefinition } from './types';
import { repetition } from '../crossyear/repeated';
import { previousName } from '../crossyear/support';

/** Above this share of copied prose the report is called a copy of last year's. */
export const REPEATED_SHARE = 0.5;
/** Reports with less prose than this (normalised characters over all sentences) are too short to judge. */
const MIN_SENTENCES = 8;

/** Most of this year's prose is last year's, sentence for sentence (evaluators deduct points for it). */
const rule: RuleDefinition = {
  id: 'repeated-text',
  category: 'crossyear',
  defaultSeverity: 'warning',
  title: { zh: '正文大量沿用上年报告', en: "Most of the text is copied from last year's report" },
  description: {
    zh: '本年报告正文中有一半以上（按字数）的句子与同一机关上年报告逐句相同（年份已换算），评议时通常扣分。只在有同一机关上年报告时检查。',
    en: 'More than half of this year\'s prose (by characters) is, sentence for sentence, last year\'s report of the same body (years advanced); evaluators deduct points for it. Checked only when last year\'s report is known.',
  },
  fixable: false,
  narrative: true,
  check(ctx) {
    const out: RawFinding[] = [];
    const previous = ctx.options.previous;
    if (!previous) return out;
    const rep = repetition(ctx.report, previous);
    if (rep.sentences < MIN_SENTENCES || rep.share <= REPEATED_SHARE) return out;
    const pct = Math.round(rep.share * 100);
    const last = previousName(ctx);
    const span = ctx.report.title?.span ?? rep.copied[0].span;
    out.push({
      span,
      message: {
        zh: `正文约 ${pct}% 与${last.zh}相同（${rep.sentences} 句中 ${rep.copied.length} 句逐句相同）。`,
        en: `About ${pct}% of the text is the same as ${last.en} (${rep.copied.length} of ${rep.sentences} sentences).`,
      },
      actual: `${pct}%`,
      expected: `≤ ${Math.round(REPEATED_SHARE * 100)}%`,
      related: rep.copied.slice(0, 3).map((s) => ({ span: s.span, message: { zh: `与${last.zh}相同的句子`, en: `A sentence from ${last.en}` } })),
      data: { share: rep.share, copied: rep.copied.length, sentences: rep.sentences },
    });
    return out;
  },
};
export default rule;
