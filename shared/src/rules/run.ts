/** Runs the rules: resolves severities from options, honours suppressions, isolates failures. */
import type { ParseProblem, Report, TemplateId } from '../model/types';
import type { Template } from '../templates/schema';
import { parseReport } from '../model/parseReport';
import { builtinTemplates } from '../templates/load';
import { rules } from './index';
import type { CheckOptions, Finding, RuleContext } from './types';

export interface AnalyzeOptions extends CheckOptions {
  readonly templates?: ReadonlyMap<TemplateId, Template>;
}

/** Parses and checks a report. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): { report: Report; findings: Finding[] } {
  const templates = options.templates ?? builtinTemplates();
  const { report, problems } = parseReport(text, { templates, ...(options.template ? { template: options.template } : {}) });
  return { report, findings: runRules(report, options, templates, problems) };
}

export function runRules(
  report: Report,
  options: CheckOptions = {},
  templates: ReadonlyMap<TemplateId, Template> = builtinTemplates(),
  problems: readonly ParseProblem[] = [],
): Finding[] {
  const template = report.template ? templates.get(report.template) : undefined;
  const ctx: RuleContext = { report, templates, options, ...(template ? { template } : {}) };
  const internal = options.rules?.['checker-error'];
  const findings: Finding[] = internal === 'off' ? [] : problems.map((p) => ({ ruleId: 'checker-error', severity: internal ?? 'error', span: p.span, message: p.message }));
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    if (rule.narrative && options.narrative === false) continue;
    try {
      for (const raw of rule.check(ctx)) {
        findings.push({ ...raw, ruleId: rule.id, severity: setting ?? raw.severity ?? rule.defaultSeverity });
      }
    } catch (e) {
      if (options.rules?.['checker-error'] === 'off') continue;
      findings.push({
        ruleId: 'checker-error',
        severity: options.rules?.['checker-error'] ?? 'error',
        span: { start: 0, end: 0 },
        message: {
          zh: `规则 ${rule.id} 在此文本上运行出错（${(e as Error)?.message ?? e}），其余规则不受影响。`,
          en: `Rule ${rule.id} failed on this text (${(e as Error)?.message ?? e}); the other rules still ran.`,
        },
        data: { rule: rule.id },
      });
    }
  }
  return sortFindings(findings.filter((f) => !suppressed(report, f)));
}

function suppressed(report: Report, f: Finding): boolean {
  return report.suppressions.some(
    (s) => (s.rules.length === 0 || s.rules.includes(f.ruleId)) && f.span.start >= s.span.start && f.span.start <= s.span.end,
  );
}

function sortFindings(list: Finding[]): Finding[] {
  return list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}
