/** The server's own user-facing texts (rule messages come from the core). Chinese first. */
export type UiLocale = 'zh' | 'en';

export interface UiText {
  readonly zh: string;
  readonly en: string;
}

export const MSG = {
  tooLarge: {
    zh: '文档过大（{size} MB，超过 {limit} MB），已跳过 xxgk-report 检查，以免编辑器卡顿。',
    en: 'The document is too large ({size} MB, over {limit} MB); xxgk-report skipped checking it to keep the editor responsive.',
  },
  invalidSettings: {
    zh: 'xxgk-report 设置无效，已使用默认值：{details}',
    en: 'Invalid xxgk-report settings; defaults are used instead: {details}',
  },
  unknownRule: { zh: '未知规则“{id}”', en: 'unknown rule "{id}"' },
  viewRuleDoc: { zh: '查看规则说明：{id}', en: 'View rule documentation: {id}' },
  tooManyProblems: {
    zh: '还有 {hidden} 个问题未显示：每个文档最多显示 {max} 个（严重的优先），可在设置 xxgk-report.maxProblems 中调整。',
    en: '{hidden} more problems are not shown: at most {max} per document (the most severe first); see the setting xxgk-report.maxProblems.',
  },
  disableNextLine: { zh: '在下一行停用规则 {id}', en: 'Disable {id} for the next line' },
  disableTable: { zh: '在整张表停用规则 {id}（指令写在表格之前）', en: 'Disable {id} for this table (directive before the table)' },
  disableSection: { zh: '在本节停用规则 {id}', en: 'Disable {id} for this section' },
  disableFile: { zh: '在整个文件停用规则 {id}', en: 'Disable {id} for the whole file' },
  fixAll: { zh: '修复全部可安全修复的问题（xxgk-report）', en: 'Fix all safely fixable problems (xxgk-report)' },
  fixAllNone: { zh: '没有可自动修复的问题。', en: 'Nothing to fix automatically.' },
  fixAllDone: { zh: '已应用 {count} 处修复。', en: 'Applied {count} fixes.' },
  insertTablesNoDoc: { zh: '请先打开一个报告文件，再插入表格。', en: 'Open a report first, then insert the tables.' },
  sumHint: { zh: '分项之和为 {expected}，表中为 {actual}', en: 'The parts add up to {expected}; the table says {actual}' },
  ruleDocOpened: { zh: '规则说明：{href}', en: 'Rule documentation: {href}' },
} as const satisfies Record<string, UiText>;

/** The text in `locale` with `{name}` placeholders filled in. */
export function msg(text: UiText, locale: UiLocale, params: Readonly<Record<string, string | number>> = {}): string {
  return (locale === 'en' ? text.en : text.zh).replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}
