import type { RawFinding, RuleDefinition } from './types';
import { normalizeLabel } from '../model/text';

/** 2019/2021 formats: one of the six required parts has no top-level heading. */
const rule: RuleDefinition = {
  id: 'required-section-missing',
  category: 'structure',
  defaultSeverity: 'warning',
  title: { zh: '缺少规定的组成部分', en: 'Required part missing' },
  description: {
    zh: '2019年起的年度报告格式规定报告由六部分组成：总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况，其他需要报告的事项。缺少其中某一部分的一级标题时提示。',
    en: 'From 2019 the report has six parts: overview; proactive disclosure; applications received and handled; administrative review and litigation; main problems and improvements; other matters. A part without a top-level heading is reported.',
  },
  fixable: false,
  check(ctx) {
    const tpl = ctx.template;
    if (!tpl || tpl.requiredSections.length === 0) return [];
    const top = ctx.report.sections.filter((s) => s.level === 1);
    // A draft with no numbered parts yet (or only a fragment) is not judged.
    if (top.length < 3) return [];
    const titles = top.map((s) => normalizeLabel(s.title));
    const anchor = ctx.report.title?.span ?? top[0].headingSpan;
    const out: RawFinding[] = [];
    for (const req of tpl.requiredSections) {
      const found = titles.some((t) => req.titles.some((x) => normalizeLabel(x) === t) || req.keywords.some((k) => t.includes(normalizeLabel(k))));
      if (found) continue;
      out.push({
        span: anchor,
        message: {
          zh: `报告缺少第${req.ordinal}部分“${req.titles[0]}”（${tpl.name.zh}规定的组成部分）。`,
          en: `The report lacks part ${req.ordinal}, "${req.titles[0]}", which the ${tpl.name.en} requires.`,
        },
        expected: req.titles[0],
        data: { ordinal: req.ordinal },
      });
    }
    return out;
  },
};
export default rule;
