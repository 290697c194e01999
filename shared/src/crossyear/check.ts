/** Running only the cross-year rules on a report already parsed (an editor adds them to its cached analysis). */
import type { Report } from '../model/types';
import { rules } from '../rules/index';
import { runRules, sortFindings } from '../rules/run';
import type { CheckOptions, Finding, SeveritySetting } from '../rules/types';

/** The ids of the rules that compare a report with last year's. */
export const CROSS_YEAR_RULES: readonly string[] = rules.filter((r) => r.category === 'crossyear').map((r) => r.id);

/** Whether `options` leave any cross-year rule on (when none is, nobody needs to look for last year's report). */
export function crossYearEnabled(options: CheckOptions): boolean {
  return CROSS_YEAR_RULES.some((id) => options.rules?.[id] !== 'off' && !(options.narrative === false && rules.find((r) => r.id === id)?.narrative));
}

/**
 * The findings of the cross-year rules on `report` against `previous`, with the report's own suppressions and
 * the severities of `options`; every other rule is left out.
 */
export function crossYearFindings(report: Report, previous: Report, options: CheckOptions = {}): Finding[] {
  const only: Record<string, SeveritySetting> = {};
  for (const r of rules) {
    const own = options.rules?.[r.id];
    if (r.category !== 'crossyear' && r.id !== 'checker-error') only[r.id] = 'off';
    else if (own) only[r.id] = own;
  }
  return runRules(report, { ...options, rules: only, previous });
}

/** A report's findings with its cross-year ones added, in the order `analyze` gives them. */
export function withCrossYear(findings: readonly Finding[], cross: readonly Finding[]): Finding[] {
  return cross.length === 0 ? [...findings] : sortFindings([...findings, ...cross]);
}
