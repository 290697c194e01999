/** What the cross-year rules share: last year's report seen through the same table views as this year's. */
import type { RuleContext } from '../rules/types';
import { tableViews, type TableView } from '../rules/support';
import type { TableKind } from '../model/types';

/** The rule context of last year's report (`options.previous`), or undefined when there is none. */
export function previousContext(ctx: RuleContext): RuleContext | undefined {
  const previous = ctx.options.previous;
  if (!previous) return undefined;
  const template = previous.template ? ctx.templates.get(previous.template) : undefined;
  return { report: previous, templates: ctx.templates, options: {}, ...(template ? { template } : {}) };
}

/** This year's and last year's view of the table `kind`, when both reports have one. */
export function viewPair(ctx: RuleContext, kind: TableKind): { now: TableView; before: TableView; last: RuleContext } | undefined {
  const last = previousContext(ctx);
  if (!last) return undefined;
  const now = tableViews(ctx).find((v) => v.table.kind === kind);
  const before = tableViews(last).find((v) => v.table.kind === kind);
  return now && before ? { now, before, last } : undefined;
}

/** `2023年度报告` for messages: the year of last year's report, or `上年报告`. */
export function previousName(ctx: RuleContext): { zh: string; en: string } {
  const y = ctx.options.previous?.year;
  return y === undefined ? { zh: '上年报告', en: "last year's report" } : { zh: `${y}年度报告`, en: `the ${y} report` };
}
