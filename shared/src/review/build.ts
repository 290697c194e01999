/**
 * Shaping checked reports into the review data (`schema.ts`): identities and pairing with last year's report,
 * locations and excerpts, tables as grids with their marked cells, the indicators the charts compare, verdicts and
 * the set's totals. Pure: the caller reads and checks the files and passes the results in.
 */
import type { Report, Span, Table, TemplateId } from '../model/types';
import type { Finding, Severity } from '../rules/types';
import type { Template } from '../templates/schema';
import { reportIdentity, type ReportIdentity } from '../crossyear/identity';
import { ruleById } from '../rules/index';
import { TABLE_LABELS, reportCoverage, type Coverage } from '../rules/coverage';
import { builtinTemplates } from '../templates/load';
import { localize } from '../l10n';
import { COLUMN_GROUPS } from '../features/tableView';
import {
  REVIEW_FORMAT_VERSION, type ReviewCell, type ReviewCoverage, type ReviewData, type ReviewExcerpt, type ReviewFinding,
  type ReviewRelated, type ReviewReport, type ReviewTable, type ReviewVerdict,
} from './schema';

export type ReviewLang = 'zh' | 'en';

/** One report of a file, checked: what `reviewEntry` shapes. */
export interface ReviewInput {
  readonly file: string;
  /** 1-based place of the report in its file, of `parts`. */
  readonly part: number;
  readonly parts: number;
  /** The report (offsets into its own text). */
  readonly report: Report;
  /** Its findings, cross-year ones included; suppressed ones are left out of the review. */
  readonly findings: readonly Finding[];
  /** 0-based line of the report's first line in the file's text. */
  readonly lineOffset: number;
  /** For a converted file: the place in the original of an offset into the report's text. */
  readonly locate?: (offset: number) => string | undefined;
  readonly format?: 'html' | 'docx' | 'pdf';
  /** Why it was not checked (text that is not a report). */
  readonly note?: string;
}

/** A file that gave no report: unreadable (`error`) or not checked (`note`). */
export interface ReviewStub {
  readonly file: string;
  readonly error?: string;
  readonly note?: string;
  readonly format?: 'html' | 'docx' | 'pdf';
}

const TEMPLATES = builtinTemplates();

/** The file's base name (either separator). */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Who issued the report and for which year; the file name names the body only for a file of one report. */
export function reviewIdentity(input: Pick<ReviewInput, 'file' | 'parts' | 'report'>): ReportIdentity {
  return reportIdentity(input.report, input.parts === 1 ? baseName(input.file) : undefined);
}

/**
 * For each report, the index of its previous report: the same body (`key`) and the latest earlier year (the
 * first such in input order when several have it). Reports without a body or a year get none.
 */
export function pairReports(ids: readonly ReportIdentity[]): (number | undefined)[] {
  const byKey = new Map<string, number[]>();
  ids.forEach((id, i) => {
    if (!id.key || id.year === undefined) return;
    const list = byKey.get(id.key);
    if (list) list.push(i);
    else byKey.set(id.key, [i]);
  });
  return ids.map((id) => {
    if (!id.key || id.year === undefined) return undefined;
    let best: number | undefined;
    for (const j of byKey.get(id.key) ?? []) {
      const y = ids[j].year!;
      if (y < id.year && (best === undefined || y > ids[best].year!)) best = j;
    }
    return best;
  });
}

// ---------------------------------------------------------------- locations

const lineStartsCache = new WeakMap<Report, Int32Array>();

function lineStarts(report: Report): Int32Array {
  let starts = lineStartsCache.get(report);
  if (!starts) {
    const list = [0];
    const t = report.text;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) list.push(i + 1);
    starts = Int32Array.from(list);
    lineStartsCache.set(report, starts);
  }
  return starts;
}

function lineOf(report: Report, offset: number): number {
  const starts = lineStarts(report);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column of `offset` in the file. */
function position(input: ReviewInput, offset: number): { line: number; column: number } {
  const line = lineOf(input.report, offset);
  return { line: input.lineOffset + line + 1, column: offset - lineStarts(input.report)[line] + 1 };
}

const EXCERPT_SIDE = 30;
const EXCERPT_SPAN = 60;

/** The line text around `span` (tabs between table cells shown as `│`). */
function excerpt(report: Report, span: Span): ReviewExcerpt | undefined {
  const text = report.text;
  if (span.start > text.length) return undefined;
  const line = lineOf(report, span.start);
  const starts = lineStarts(report);
  const lineStart = starts[line];
  let lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  if (lineEnd > lineStart && text[lineEnd - 1] === '\r') lineEnd--;
  const hitEnd = Math.min(span.end, lineEnd, span.start + EXCERPT_SPAN);
  const clean = (s: string) => s.replace(/\t+/g, ' │ ').replace(/\r/g, '');
  const from = Math.max(lineStart, span.start - EXCERPT_SIDE);
  const to = Math.min(lineEnd, hitEnd + EXCERPT_SIDE);
  return {
    before: (from > lineStart ? '…' : '') + clean(text.slice(from, span.start)),
    text: clean(text.slice(span.start, Math.max(span.start, hitEnd))),
    after: clean(text.slice(Math.max(span.start, hitEnd), to)) + (to < lineEnd ? '…' : ''),
  };
}

// ---------------------------------------------------------------- tables

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && (outer.start !== outer.end || inner.start === outer.start);
}

function grid(input: ReviewInput, table: Table, findings: readonly Finding[], lang: ReviewLang): ReviewTable {
  const tt = TEMPLATES.get(table.template)?.tables.find((t) => t.kind === table.kind);
  const columns = table.columns.map((id) => {
    const label = tt?.columns.find((c) => c.id === id)?.label ?? id;
    const group = table.columns.length > 1 ? COLUMN_GROUPS[id.split('.')[0]] : undefined;
    return { id, label, ...(group ? { group: group[lang] } : {}) };
  });
  const rows = table.rows.map((row) => {
    const ind = row.indicator ? tt?.indicators.find((i) => i.id === row.indicator) : undefined;
    const role: ReviewTable['rows'][number]['role'] = !ind ? 'unmatched' : ind.role === 'title' ? 'title' : ind.role === 'group' ? 'group' : 'value';
    const cells: ReviewCell[] = row.cells.map((cell) => {
      const on: number[] = [];
      let worst: Severity | undefined;
      findings.forEach((f, i) => {
        if (!within(f.span, cell.span)) return;
        on.push(i);
        if (!worst || RANK[f.severity] > RANK[worst]) worst = f.severity;
      });
      const inferred = (cell as { readonly inferred?: unknown }).inferred === true;
      // A title or group row has no figures in the official table: its blank cells are not missing ones.
      const blank = cell.state === 'missing' && role === 'value';
      const mark = on.length ? 'wrong' : cell.state === 'invalid' ? 'invalid' : inferred ? 'inferred' : blank ? 'empty' : undefined;
      return {
        column: cell.column,
        raw: cell.raw,
        ...(cell.value !== undefined ? { value: cell.value } : {}),
        ...(mark ? { mark } : {}),
        ...(worst ? { severity: worst } : {}),
        ...(on.length ? { findings: on } : {}),
      };
    });
    return { ...(row.indicator ? { indicator: row.indicator } : {}), label: row.label.replace(/\s+/g, ' ').trim(), role, line: position(input, row.labelSpan.start).line, cells };
  });
  return { kind: table.kind, template: table.template, title: TABLE_LABELS[table.kind][lang], columns, rows };
}

// ---------------------------------------------------------------- indicators

function cellValue(report: Report, kind: Table['kind'], indicator: string, column: string): number | undefined {
  for (const t of report.tables) {
    if (t.kind !== kind) continue;
    const v = t.rows.find((r) => r.indicator === indicator)?.cells.find((c) => c.column === column)?.value;
    if (v !== undefined) return v;
  }
  return undefined;
}

function sum(values: (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : (values as number[]).reduce((a, b) => a + b, 0);
}

function rate(num: number | undefined, den: number | undefined): number | undefined {
  return num === undefined || den === undefined || den <= 0 ? undefined : num / den;
}

/**
 * 申请数 (new requests: table 3 row 一 总计, old table 收到申请数), 办结率 (concluded ÷ new + carried over: 三（七）总计
 * ÷ (一 + 二); old table 申请办结数 ÷ 收到申请数) and the review-and-litigation correction rate (结果纠正 ÷ 总计 over
 * review and both kinds of suit; old table 被依法纠错数 ÷ 行政复议数 + 行政诉讼数).
 */
export function reviewMetrics(report: Report): ReviewReport['metrics'] {
  const template: TemplateId | undefined = report.template;
  let requests: number | undefined;
  let concludedRate: number | undefined;
  let correctionRate: number | undefined;
  if (template === 'gov2014') {
    const v = (id: string) => cellValue(report, 'stats', id, 'value');
    requests = v('C1');
    concludedRate = rate(v('C2'), requests);
    correctionRate = rate(sum([v('D2'), v('E2')]), sum([v('D'), v('E')]));
  } else if (template === 'gov2019' || template === 'gov2021') {
    const r = (id: string) => cellValue(report, 'requests', id, 'tot');
    requests = r('R1');
    concludedRate = rate(r('R3.7'), sum([requests, r('R2')]));
    const t = (col: string) => cellValue(report, 'review', 'T4', col);
    correctionRate = rate(sum(['rev', 'lit1', 'lit2'].map((g) => t(`${g}.fix`))), sum(['rev', 'lit1', 'lit2'].map((g) => t(`${g}.total`))));
  }
  return {
    ...(requests !== undefined ? { requests } : {}),
    ...(concludedRate !== undefined ? { concludedRate } : {}),
    ...(correctionRate !== undefined ? { correctionRate } : {}),
  };
}

// ---------------------------------------------------------------- entries

/** A coverage as plain data (what `check --format json` and the review print). */
export function plainCoverage(c: Coverage): ReviewCoverage {
  return {
    template: c.template ?? null,
    verdict: c.verdict,
    tables: c.tables.map((t) => ({
      kind: t.kind,
      state: t.state,
      title: t.title,
      ...(t.cells ? { cells: { ...t.cells } } : {}),
      ...(t.missingRows ? { missingRows: [...t.missingRows] } : {}),
      ...(t.inferred ? { inferred: t.inferred } : {}),
    })),
  };
}

function coverageOf(report: Report): ReviewCoverage {
  return plainCoverage(reportCoverage(report, TEMPLATES as ReadonlyMap<TemplateId, Template>));
}

/** Related spans listed per finding, beyond those in last year's report (all of which are kept). */
const MAX_RELATED = 3;

export function entryName(file: string, part: number, parts: number): string {
  return parts > 1 ? `${file}#${part}` : file;
}

function verdictOf(counts: ReviewReport['counts'], coverage: ReviewCoverage | undefined, note: string | undefined): ReviewVerdict {
  if (note !== undefined) return 'unchecked';
  if (counts.errors) return 'reject';
  if (counts.warnings) return 'revise';
  // Clean only when every table the format expects was read in full: anything else left figures unchecked.
  const complete = coverage !== undefined && coverage.tables.length > 0 && coverage.tables.every((t) => t.state === 'read');
  return complete ? 'clean' : 'incomplete';
}

export interface PreviousEntry {
  readonly input: ReviewInput;
  /** Its `ReviewReport.id`. */
  readonly id: string;
  readonly year: number;
}

/** One report's entry: its findings located, its tables as grids, its verdict and indicators. */
export function reviewEntry(input: ReviewInput, identity: ReportIdentity, id: string, lang: ReviewLang, previous?: PreviousEntry, pairing?: ReviewReport['pairing']['state']): ReviewReport {
  const { report } = input;
  const findings = input.findings.filter((f) => !f.suppressed);
  const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else if (f.severity === 'info') counts.infos++;
    else counts.hints++;
  }
  const coverage = input.note === undefined ? coverageOf(report) : undefined;
  const located: ReviewFinding[] = findings.map((f) => {
    const crossYear = ruleById(f.ruleId)?.category === 'crossyear';
    const related: ReviewRelated[] = [];
    let others = 0;
    for (const r of f.related ?? []) {
      const inPrev = r.inPrevious === true && previous !== undefined;
      if (!inPrev && !crossYear && others++ >= MAX_RELATED) continue;
      const where = inPrev ? previous.input : input;
      const ex = excerpt(where.report, r.span);
      const place = where.locate?.(r.span.start);
      related.push({
        message: localize(r.message, lang),
        file: where.file,
        report: inPrev ? previous.id : id,
        ...position(where, r.span.start),
        ...(inPrev ? { inPrevious: true as const } : {}),
        ...(place ? { where: place } : {}),
        ...(ex ? { excerpt: ex } : {}),
      });
    }
    const ex = excerpt(report, f.span);
    const place = input.locate?.(f.span.start);
    return {
      rule: f.ruleId,
      severity: f.severity,
      message: localize(f.message, lang),
      ...position(input, f.span.start),
      ...(place ? { where: place } : {}),
      ...(ex ? { excerpt: ex } : {}),
      ...(crossYear ? { crossYear: true as const } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      related,
    };
  });
  const state = input.note !== undefined ? 'not-checked' : previous ? 'paired' : (pairing ?? (identity.key && identity.year !== undefined ? 'no-earlier' : 'no-identity'));
  return {
    id,
    file: input.file,
    ...(input.parts > 1 ? { part: input.part, parts: input.parts } : {}),
    name: entryName(input.file, input.part, input.parts),
    ...(report.title ? { title: report.title.text.trim() } : {}),
    ...(identity.body ? { body: identity.body } : {}),
    ...(identity.year !== undefined ? { year: identity.year } : {}),
    template: report.template ?? null,
    ...(input.format ? { format: input.format } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(coverage ? { coverage } : {}),
    counts,
    verdict: verdictOf(counts, coverage, input.note),
    pairing: {
      state,
      ...(previous ? { previous: { report: previous.id, file: previous.input.file, name: entryName(previous.input.file, previous.input.part, previous.input.parts), year: previous.year } } : {}),
    },
    metrics: input.note === undefined ? reviewMetrics(report) : {},
    findings: located,
    tables: input.note === undefined ? report.tables.map((t) => grid(input, t, findings, lang)) : [],
  };
}

/** The entry of a file that gave no report. */
export function stubEntry(stub: ReviewStub, id: string): ReviewReport {
  return {
    id,
    file: stub.file,
    name: stub.file,
    template: null,
    ...(stub.format ? { format: stub.format } : {}),
    ...(stub.error !== undefined ? { error: stub.error } : {}),
    ...(stub.note !== undefined ? { note: stub.note } : {}),
    counts: { errors: 0, warnings: 0, infos: 0, hints: 0 },
    verdict: stub.error !== undefined ? 'unreadable' : 'unchecked',
    pairing: { state: 'not-checked' },
    metrics: {},
    findings: [],
    tables: [],
  };
}

/** The whole set: entries in order, findings per rule, totals. */
export function reviewData(reports: readonly ReviewReport[], files: number, lang: ReviewLang): ReviewData {
  const perRule = new Map<string, { count: number; errors: number; warnings: number; infos: number; hints: number }>();
  const summary = { files, reports: 0, errors: 0, warnings: 0, infos: 0, hints: 0, unreadable: 0, skipped: 0, unchecked: 0, paired: 0 };
  for (const r of reports) {
    if (r.error !== undefined) summary.unreadable++;
    else if (r.note !== undefined) summary.skipped++;
    else summary.reports++;
    if (r.coverage?.verdict === 'incomplete') summary.unchecked++;
    if (r.pairing.state === 'paired') summary.paired++;
    summary.errors += r.counts.errors;
    summary.warnings += r.counts.warnings;
    summary.infos += r.counts.infos;
    summary.hints += r.counts.hints;
    for (const f of r.findings) {
      const e = perRule.get(f.rule) ?? { count: 0, errors: 0, warnings: 0, infos: 0, hints: 0 };
      e.count++;
      if (f.severity === 'error') e.errors++;
      else if (f.severity === 'warning') e.warnings++;
      else if (f.severity === 'info') e.infos++;
      else e.hints++;
      perRule.set(f.rule, e);
    }
  }
  const rules = [...perRule]
    .map(([rule, e]) => ({ rule, title: localize(ruleById(rule)?.title ?? { zh: rule, en: rule }, lang), ...e }))
    .sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
  return { version: REVIEW_FORMAT_VERSION, lang, reports: [...reports], rules, summary };
}
