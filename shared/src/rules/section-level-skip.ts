import type { Section } from '../model/types';
import type { RawFinding, RuleDefinition } from './types';

/**
 * A `（1）` item directly under a `一、` or `（一）` heading... skips the `1.` level. (`一、` followed
 * by `1.` is so common in real reports that it is accepted.)
 */
const rule: RuleDefinition = {
  id: 'section-level-skip',
  category: 'structure',
  defaultSeverity: 'info',
  title: { zh: '标题层级跳级', en: 'Heading level skipped' },
  description: {
    zh: '公文标题层级依次为“一、”“（一）”“1.”“（1）”。“（1）”直接出现在“一、”或“（一）”之下、中间缺少“1.”一级时提示。“一、”之下直接用“1.”在实际报告中十分常见，不提示。',
    en: 'Heading levels run 一、 → （一） → 1. → （1）. A （1） item directly under 一、 or （一） skips the 1. level. 一、 followed by 1. is common in real reports and accepted.',
  },
  fixable: false,
  check(ctx) {
    const out: RawFinding[] = [];
    const visit = (list: readonly Section[], parentLevel: number) => {
      for (const s of list) {
        if (s.level === 4 && parentLevel <= 2 && s.ordinal === 1) {
          out.push({
            span: s.numberSpan,
            message: {
              zh: `“${s.numberText}”直接位于${parentLevel === 0 ? '文首' : parentLevel === 1 ? '“一、”级标题' : '“（一）”级标题'}之下，跳过了“1.”一级。`,
              en: `"${s.numberText}" sits directly under a level-${parentLevel} heading, skipping the "1." level.`,
            },
            data: { level: s.level, parentLevel },
          });
        }
        visit(s.children, s.level);
      }
    };
    visit(ctx.report.sections, 0);
    return out;
  },
};
export default rule;
