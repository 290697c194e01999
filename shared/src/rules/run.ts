/** Runs the rules: resolves severities from options, honours suppressions, isolates failures. */
import type { ParseProblem, Report, TemplateId } from '../model/types';
import type { Template } from '../templates/schema';
import { parseReport } from '../model/parseReport';
import { mergeReports, reportStarts, shiftSpans } from '../model/consolidated';
import { builtinTemplates } from '../templates/load';
import { detach } from '../model/text';
import { rules } from './index';
import { foldCulprits } from './fold';
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
  // Last year's report belongs to one body; the reports of a consolidated document are several bodies'.
  const perPart: AnalyzeOptions = options.previous ? { ...options, previous: undefined } : options;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const part = partResult(text.slice(start, starts[i + 1] ?? text.length), start, perPart);
    reports.push(part.report);
    for (const f of part.findings) findings.push(f);
  }
  if (options.reuse !== false && !options.templates) trimParts(starts.length);
  return { report: mergeReports(text, reports), findings };
}

function analyzeOne(text: string, options: AnalyzeOptions): Analysis {
  const templates = options.templates ?? builtinTemplates();
  const { report, problems } = parseReport(text, { templates, ...(options.template ? { template: options.template } : {}) });
  return { report, findings: runRules(report, options, templates, problems) };
}

interface PartEntry {
  /** The detached copy of the report's text this entry is stored under. */
  readonly text: string;
  readonly key: string;
  readonly own: Analysis;
  shifted?: { readonly offset: number; readonly result: Analysis };
}

/** Results of the reports of consolidated documents, by report text (most recently used last). */
const parts = new Map<string, PartEntry>();
let partChars = 0;
/** An analysis weighs several times its text, so the cap on text is only a backstop for huge documents. */
const MAX_PART_CHARS = 4 * 1024 * 1024;
/**
 * Reports not used by the latest call that stay cached: the previous versions of an edited report (so that
 * undo is instant) and the reports of another consolidated document checked in turn. Beyond this every
 * keystroke would add one analysis that nothing reads again.
 */
const EXTRA_PARTS = 16;

/** After a call that used `used` entries (now the last ones): evict the least recently used beyond the budget. */
function trimParts(used: number): void {
  for (const [k] of parts) {
    if (parts.size <= used + EXTRA_PARTS && partChars <= MAX_PART_CHARS) break;
    parts.delete(k);
    partChars -= k.length;
  }
}

function partResult(text: string, offset: number, options: AnalyzeOptions): Analysis {
  // Custom templates are not cached: their identity is not part of the key.
  if (options.templates || options.reuse === false) return shiftSpans(analyzeOne(text, options), offset);
  const key = JSON.stringify([options.template ?? null, options.narrative ?? null, options.rules ?? null, options.fold ?? null, options.reportSuppressed ?? null]);
  let entry = parts.get(text);
  if (entry && entry.key === key) {
    parts.delete(text);
    parts.set(entry.text, entry);
  } else {
    if (entry) {
      partChars -= text.length;
      parts.delete(text);
    }
    // `text` is a slice of the whole document: cache (and analyse) a detached copy, so neither the key nor the
    // report's strings keep this version of the document alive after the next keystroke replaces it.
    const own = detach(text);
    entry = { text: own, key, own: analyzeOne(own, options) };
    parts.set(own, entry);
    partChars += own.length;
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
  const kept = options.reportSuppressed
    ? findings.map((f) => (suppressed(report, f) ? { ...f, suppressed: true as const } : f))
    : findings.filter((f) => !suppressed(report, f));
  return sortFindings(options.fold === false ? kept : foldCulprits(ctx, kept));
}

function suppressed(report: Report, f: Finding): boolean {
  return isSuppressed(report, f.ruleId, f.span.start);
}

/** Whether a directive in the report silences `ruleId` at `offset` (for rules that sum up many places in one finding). */
export function isSuppressed(report: Report, ruleId: string, offset: number): boolean {
  return report.suppressions.some((s) => !s.ignored && (s.rules.length === 0 || s.rules.includes(ruleId)) && offset >= s.span.start && offset <= s.span.end);
}

/** Findings in the order `analyze` gives them: by place in the text, then by rule. Sorts `list` in place. */
export function sortFindings(list: Finding[]): Finding[] {
  return list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}
