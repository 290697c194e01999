import type { RuleDefinition } from './types';

/**
 * Not a check of the report: the id under which the checker reports its own failures (a rule that
 * threw, a parser error), so that one broken rule never hides the others or crashes an editor.
 */
const rule: RuleDefinition = {
  id: 'checker-error',
  category: 'template',
  defaultSeverity: 'error',
  title: { zh: '检查程序内部错误', en: 'Internal checker error' },
  description: {
    zh: '某条规则或解析过程在这份文本上出错。其余规则照常运行；请将此文本反馈给维护者。',
    en: 'A rule or the parser failed on this text. All other rules still ran; please report the text to the maintainers.',
  },
  fixable: false,
  check() {
    return [];
  },
};
export default rule;
