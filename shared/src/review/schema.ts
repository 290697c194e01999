/**
 * The data of `xxgk-report review`: one entry per report of a set of files (a consolidated file gives several),
 * with what was read of its tables, its findings (cross-year ones included, against last year's report of the
 * same body), its tables as grids and the indicators the set's charts compare. The HTML page, the CSV overview
 * and `--format json` are all made from this one object. Version 1: fields are only ever added (as optional).
 */
import { z } from 'zod';

export const REVIEW_FORMAT_VERSION = 1;

const Int = z.number().int().nonnegative();
const Severity = z.enum(['error', 'warning', 'info', 'hint']);
const TemplateId = z.enum(['gov2014', 'gov2019', 'gov2021']);
const TableKind = z.enum(['stats', 'active', 'requests', 'review']);

/** The line text around a span: `before` + `text` (the span, at most a line) + `after`. */
export const ExcerptSchema = z.strictObject({ before: z.string(), text: z.string(), after: z.string() });

export const ReviewRelatedSchema = z.strictObject({
  message: z.string(),
  /** The file the span is in: this report's, or last year's for a cross-year finding. */
  file: z.string(),
  /** The entry (`ReviewReport.id`) of that report. */
  report: z.string(),
  /** 1-based line and UTF-16 column in that file's (extracted) text. */
  line: Int,
  column: Int,
  /** In last year's report (`previous`). */
  inPrevious: z.literal(true).optional(),
  /** Converted files: the place in the original (page, official table cell). */
  where: z.string().optional(),
  excerpt: ExcerptSchema.optional(),
});

export const ReviewFindingSchema = z.strictObject({
  rule: z.string().min(1),
  severity: Severity,
  message: z.string(),
  /** 1-based line and UTF-16 column in the file's (extracted) text, as `check` prints them. */
  line: Int,
  column: Int,
  where: z.string().optional(),
  excerpt: ExcerptSchema.optional(),
  /** A rule that compares the report with last year's. */
  crossYear: z.literal(true).optional(),
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string()]).optional(),
  related: z.array(ReviewRelatedSchema),
});

/** Why a cell is marked in the grid: a finding points at it, it is blank, its figure was inferred, it is not a number. */
export const CellMarkSchema = z.enum(['wrong', 'empty', 'inferred', 'invalid']);

export const ReviewCellSchema = z.strictObject({
  column: z.string(),
  raw: z.string(),
  value: z.number().optional(),
  mark: CellMarkSchema.optional(),
  /** The worst severity among the findings on the cell (with `mark: wrong`). */
  severity: Severity.optional(),
  /** Indices into the report's `findings`. */
  findings: z.array(Int).optional(),
});

export const ReviewTableSchema = z.strictObject({
  kind: TableKind,
  template: TemplateId,
  /** `表三（收到和处理申请）`. */
  title: z.string(),
  columns: z.array(z.strictObject({ id: z.string(), label: z.string(), group: z.string().optional() })),
  rows: z.array(z.strictObject({
    indicator: z.string().optional(),
    label: z.string(),
    /** `title`/`group` rows carry no figures in the official table. */
    role: z.enum(['value', 'title', 'group', 'unmatched']),
    line: Int,
    cells: z.array(ReviewCellSchema),
  })),
});

export const ReviewCoverageSchema = z.strictObject({
  template: TemplateId.nullable(),
  verdict: z.enum(['complete', 'incomplete', 'none']),
  tables: z.array(z.strictObject({
    kind: TableKind,
    state: z.enum(['read', 'partial', 'unreadable', 'empty', 'absent']),
    title: z.string(),
    cells: z.strictObject({ read: Int, expected: Int }).optional(),
    missingRows: z.array(z.string()).optional(),
    /** Cells recovered from digits run together by the table's own identities (read, not checked). */
    inferred: Int.optional(),
  })),
});

/**
 * `reject` 需退回修改 (errors), `revise` 建议修改 (warnings), `clean` 未发现问题 (only when every table the format
 * expects was read and checked), `incomplete` 未完整核对 (no error or warning, but a table not read in full),
 * `unchecked` 未检查 (not a report, empty, too large), `unreadable` 无法读取.
 */
export const VerdictSchema = z.enum(['reject', 'revise', 'clean', 'incomplete', 'unchecked', 'unreadable']);

export const ReviewReportSchema = z.strictObject({
  /** Unique in the set: the anchor of its details (`r12`). */
  id: z.string(),
  file: z.string(),
  /** 1-based place in a file holding several reports, with `parts` their number. */
  part: Int.optional(),
  parts: Int.optional(),
  /** How the report is named: `file#2`, or the file for a file of one report. */
  name: z.string(),
  title: z.string().optional(),
  body: z.string().optional(),
  year: Int.optional(),
  template: TemplateId.nullable(),
  format: z.enum(['html', 'docx', 'pdf']).optional(),
  /** Why the file could not be read (a row all the same: never dropped). */
  error: z.string().optional(),
  /** Why it was not checked (empty, not a report). */
  note: z.string().optional(),
  coverage: ReviewCoverageSchema.optional(),
  counts: z.strictObject({ errors: Int, warnings: Int, infos: Int, hints: Int }),
  verdict: VerdictSchema,
  pairing: z.strictObject({
    /** `paired`: compared with `previous`; `no-identity`: no body or no year found; `no-earlier`: no earlier report of the body in the set. */
    state: z.enum(['paired', 'no-identity', 'no-earlier', 'not-checked']),
    previous: z.strictObject({ report: z.string(), file: z.string(), name: z.string(), year: Int }).optional(),
  }),
  /** The set's compared indicators (absent when the cells are not there). Rates are 0–1. */
  metrics: z.strictObject({
    requests: z.number().optional(),
    concludedRate: z.number().optional(),
    correctionRate: z.number().optional(),
  }),
  findings: z.array(ReviewFindingSchema),
  tables: z.array(ReviewTableSchema),
});

export const ReviewDataSchema = z.strictObject({
  version: z.literal(REVIEW_FORMAT_VERSION),
  lang: z.enum(['zh', 'en']),
  reports: z.array(ReviewReportSchema),
  /** Findings per rule over the set (not suppressed, every severity), most first. */
  rules: z.array(z.strictObject({ rule: z.string(), title: z.string(), count: Int, errors: Int, warnings: Int, infos: Int, hints: Int })),
  summary: z.strictObject({
    files: Int,
    reports: Int,
    errors: Int,
    warnings: Int,
    infos: Int,
    hints: Int,
    unreadable: Int,
    /** Not checked at all: empty, too large, not a report. */
    skipped: Int,
    /** Reports whose tables were not all read. */
    unchecked: Int,
    /** Reports compared with last year's. */
    paired: Int,
  }),
});

export type ReviewExcerpt = z.infer<typeof ExcerptSchema>;
export type ReviewRelated = z.infer<typeof ReviewRelatedSchema>;
export type ReviewFinding = z.infer<typeof ReviewFindingSchema>;
export type ReviewCell = z.infer<typeof ReviewCellSchema>;
export type ReviewTable = z.infer<typeof ReviewTableSchema>;
export type ReviewCoverage = z.infer<typeof ReviewCoverageSchema>;
export type ReviewVerdict = z.infer<typeof VerdictSchema>;
export type ReviewReport = z.infer<typeof ReviewReportSchema>;
export type ReviewData = z.infer<typeof ReviewDataSchema>;
