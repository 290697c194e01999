import type { RuleDefinition } from './types';

/** The introduction says the report has N parts, but the body has a different number of 一、 headings. */
const rule: RuleDefinition = {
  id: 'declared-part-count',
  category: 'structure',
  defaultSeverity: 'warning',
  title: { zh: '声明的部分数与实际不符', en: 'Declared number of parts is wrong' },
  description: {
    zh: '导语中写明报告“共N个部分”“包括……等N个部分”，但正文一级标题（一、二、三、……）的数量与之不同。',
    en: 'The introduction says the report has N parts, but the body has a different number of top-level headings (一、二、三、…).',
  },
  fixable: false,
  check(ctx) {
    const d = ctx.report.declaredParts;
    if (!d) return [];
    const top = ctx.report.sections.filter((s) => s.level === 1);
    if (top.length === 0 || top.length === d.count) return [];
    const last = top[top.length - 1];
    return [{
      span: d.span,
      message: {
        zh: `导语称报告共 ${d.count} 个部分，但正文有 ${top.length} 个一级标题（${top[0].numberText}至${last.numberText}）。`,
        en: `The introduction announces ${d.count} parts, but the body has ${top.length} top-level headings (${top[0].numberText} to ${last.numberText}).`,
      },
      expected: top.length,
      actual: d.count,
      related: top.map((s) => ({ span: s.numberSpan, message: { zh: `一级标题：${s.numberText}${s.title}`, en: `Top-level heading: ${s.numberText}${s.title}` } })),
    }];
  },
};
export default rule;
