/** Runs the rules: resolves severities from options, honours suppressions, isolates failures. */
import type { ParseProblem, Report, TemplateId } from '../model/types';
import type { Template } from '../templates/schema';
import { parseReport } from '../model/parseReport';
import { mergeReports, reportStarts, shiftSpans } from '../model/consolidated';
import { builtinTemplates } from '../templates/load';
import { rules } from './index';
import type { CheckOptions, Finding, RuleContext } from './types';

export interface AnalyzeOptions extends CheckOptions {
  readonly templates?: ReadonlyMap<TemplateId, Template>;
  /**
   * Remember the results of the reports of a consolidated document, so the next call re-checks only the reports
   * whose text changed (default true: right for an editor; a batch run over many files passes false).
   */
  readonly reuse?: boolean;
}

export interface Analysis {
  readonly report: Report;
  readonly findings: Finding[];
}

/**
 * Parses and checks a report. Never throws. A document holding several reports one after another is checked
 * report by report (each with its own title, year, sections and tables); each report's result is remembered,
 * so editing one report of a long consolidated document re-checks only that report.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const starts = reportStarts(text);
  if (starts.length === 1) return analyzeOne(text, options);
  const reports: Report[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const part = partResult(text.slice(start, starts[i + 1] ?? text.length), start, options);
    reports.push(part.report);
    for (const f of part.findings) findings.push(f);
  }
  return { report: mergeReports(text, reports), findings };
}

function analyzeOne(text: string, options: AnalyzeOptions): Analysis {
  const templates = options.templates ?? builtinTemplates();
  const { report, problems } = parseReport(text, { templates, ...(options.template ? { template: options.template } : {}) });
  return { report, findings: runRules(report, options, templates, problems) };
}

interface PartEntry {
  readonly key: string;
  readonly own: Analysis;
  shifted?: { readonly offset: number; readonly result: Analysis };
}

/** Results of the reports of consolidated documents, by report text (most recently used last). */
const parts = new Map<string, PartEntry>();
let partChars = 0;
const MAX_PART_CHARS = 4 * 1024 * 1024;

function partResult(text: string, offset: number, options: AnalyzeOptions): Analysis {
  // Custom templates are not cached: their identity is not part of the key.
  if (options.templates || options.reuse === false) return shiftSpans(analyzeOne(text, options), offset);
  const key = JSON.stringify([options.template ?? null, options.narrative ?? null, options.rules ?? null]);
  let entry = parts.get(text);
  if (entry && entry.key === key) {
    parts.delete(text);
    parts.set(text, entry);
  } else {
    if (entry) partChars -= text.length;
    entry = { key, own: analyzeOne(text, options) };
    parts.set(text, entry);
    partChars += text.length;
    for (const [k] of parts) {
      if (partChars <= MAX_PART_CHARS) break;
      parts.delete(k);
      partChars -= k.length;
    }
  }
  if (!entry.shifted || entry.shifted.offset !== offset) entry.shifted = { offset, result: shiftSpans(entry.own, offset) };
  return entry.shifted.result;
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
