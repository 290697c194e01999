import type { RuleDefinition } from './types';
import { DIRECTIVE_MAX_COLUMN } from '../model/parseReport';

/**
 * A suppression directive that has no effect: inside a table (between its rows), or so far to the right on its
 * line that a reader would not see it (a directive hidden there must not silence a whole file).
 */
const rule: RuleDefinition = {
  id: 'directive-ignored',
  category: 'structure',
  defaultSeverity: 'warning',
  title: { zh: '注释指令未生效', en: 'Directive has no effect' },
  description: {
    zh: `停用规则的注释指令写在表格之内，或写在一行的第 ${DIRECTIVE_MAX_COLUMN} 列之后，因此不生效。`,
    en: `A directive that switches rules off is inside a table, or beyond column ${DIRECTIVE_MAX_COLUMN} of its line, and has no effect.`,
  },
  fixable: false,
  check(ctx) {
    return ctx.report.suppressions.flatMap((s) => {
      if (!s.ignored) return [];
      return [{
        span: s.directiveSpan,
        message: s.ignored === 'in-table'
          ? { zh: '此注释指令位于表格之内，不生效：请把它移到表格之前的一行（作用于整张表）。', en: 'This directive is inside a table and has no effect: move it to the line before the table (it then covers the whole table).' }
          : { zh: `此注释指令在本行第 ${DIRECTIVE_MAX_COLUMN} 列之后，读者看不到，因此不生效：请把它单独写成一行。`, en: `This directive is beyond column ${DIRECTIVE_MAX_COLUMN} of its line, where a reader would not see it, so it has no effect: put it on a line of its own.` },
        data: { reason: s.ignored },
      }];
    });
  },
};
export default rule;
