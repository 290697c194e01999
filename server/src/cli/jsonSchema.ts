/**
 * The schema of `xxgk-report check --format json`, version 1. Stable: fields are only ever added
 * (as optional) within a version; anything else bumps `version`.
 *
 * ```jsonc
 * {
 *   "version": 1,
 *   "files": [
 *     {
 *       "file": "reports/2019.txt",        // the path as given / found, relative to the working directory when given so
 *       "encoding": "utf-8",               // utf-8 | utf-8-bom | utf-16le | utf-16be | gb18030 | null (not decoded)
 *       "format": "pdf",                   // optional: html | docx | pdf when the file was converted (absent for text)
 *       "template": "gov2019",             // the template checked against (forced or detected), or null
 *       "findings": [
 *         {
 *           "rule": "table-sum",           // the rule id (docs/rules/<rule>.md)
 *           "severity": "error",           // error | warning | info | hint (after --rule overrides)
 *           "message": "…",                // in the --lang language
 *           "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 3 } },
 *                                          // 0-based lines; characters are UTF-16 code units (as LSP)
 *           "offset": { "start": 0, "end": 3 },
 *                                          // UTF-16 offsets into the decoded text (after the BOM; CRLF kept)
 *           "expected": 12, "actual": 13,  // optional: the value the report should have / has
 *           "related": [ { "range": {…}, "offset": {…}, "message": "…" } ],
 *           "fixes": [ { "title": "…", "safe": true, "edits": [ { "range": {…}, "offset": {…}, "newText": "12" } ] } ],
 *           "source": { "format": "pdf", "page": 3, "table": 2, "row": 5, "column": 3, "where": "第3页 表三（收到和处理申请）“（七）总计”行“自然人”列" }
 *                                          // optional, converted files: where the finding is in the original
 *                                          // (range and offset are then into the extracted text, `xxgk-report extract`)
 *         }
 *       ],
 *       "coverage": { "template": "gov2021", "verdict": "complete", "tables": [ { "kind": "requests", "state": "read", … } ] },
 *       "error": "…",                      // optional: why the file could not be read, decoded or converted (no findings then)
 *       "note": "…",                       // optional: why the file was skipped (empty, too large, not a report), or not fixed
 *       "fixed": 2,                        // optional, with --fix: the number of edits applied (or, with --dry-run, that would be)
 *       "diff": "--- a/…"                  // optional, with --fix --dry-run: the unified diff of the fixes
 *     }
 *   ],
 *   "summary": { "files": 1, "errors": 1, "warnings": 0, "infos": 0, "hints": 0, "unreadable": 0, "unchecked": 0, "skipped": 0, "fixed": 0 }
 * }
 * ```
 *
 * With `--fix`, findings, ranges and offsets describe the text after fixing (as written, or as it
 * would be written with `--dry-run`). With `--quiet`, only findings of severity `error` are listed
 * and counted. Files are listed in path order.
 */
import { z } from 'zod';
import { ReviewCoverageSchema } from '../../../shared/src/index';

export const JSON_FORMAT_VERSION = 1;

const Int = z.number().int().nonnegative();

export const PositionSchema = z.strictObject({ line: Int, character: Int });
export const RangeSchema = z.strictObject({ start: PositionSchema, end: PositionSchema });
export const OffsetSchema = z.strictObject({ start: Int, end: Int });

export const SeveritySchema = z.enum(['error', 'warning', 'info', 'hint']);
export const EncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030']);
export const TemplateIdSchema = z.enum(['gov2014', 'gov2019', 'gov2021']);

/** `file` is set for a place in another file: last year's report (`check --previous`), for the cross-year rules. */
export const RelatedSchema = z.strictObject({ range: RangeSchema, offset: OffsetSchema, message: z.string(), file: z.string().optional() });

export const EditSchema = z.strictObject({ range: RangeSchema, offset: OffsetSchema, newText: z.string() });

export const FixSchema = z.strictObject({ title: z.string(), safe: z.boolean(), edits: z.array(EditSchema) });

export const FormatSchema = z.enum(['html', 'docx', 'pdf']);

export const SourceSchema = z.strictObject({
  format: FormatSchema,
  page: Int.optional(),
  paragraph: Int.optional(),
  table: Int.optional(),
  row: Int.optional(),
  column: Int.optional(),
  /** The same in words, in the --lang language: `第4页 表三（收到和处理申请）“（七）总计”行“自然人”列`. */
  where: z.string(),
});

export const FindingSchema = z.strictObject({
  rule: z.string().min(1),
  severity: SeveritySchema,
  message: z.string(),
  range: RangeSchema,
  offset: OffsetSchema,
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string()]).optional(),
  related: z.array(RelatedSchema),
  fixes: z.array(FixSchema),
  /** With --report-suppressed: silenced by a directive in the report (not counted in the summary). */
  suppressed: z.literal(true).optional(),
  /** The culprit cell of several failing checks: the rules whose findings this one stands for (`related` has each). */
  folded: z.array(z.string()).optional(),
  /** Converted files: where the finding's start is in the original document (all numbers 1-based). */
  source: SourceSchema.optional(),
});

/**
 * What was read of each table the format expects: the same object as `review`'s (one schema). complete: every table
 * read; incomplete: some table read in part or not at all (its figures not checked); none: no table expected.
 */
export const CoverageSchema = ReviewCoverageSchema;

export const FileResultSchema = z.strictObject({
  file: z.string(),
  encoding: EncodingSchema.nullable(),
  /** Converted from a web page, Word or PDF (absent for text and Markdown files). */
  format: FormatSchema.optional(),
  template: TemplateIdSchema.nullable(),
  findings: z.array(FindingSchema),
  /** What was read of the report's tables (absent when the file could not be read). */
  coverage: CoverageSchema.optional(),
  error: z.string().optional(),
  note: z.string().optional(),
  fixed: Int.optional(),
  diff: z.string().optional(),
});

export const SummarySchema = z.strictObject({
  files: Int,
  errors: Int,
  warnings: Int,
  infos: Int,
  hints: Int,
  unreadable: Int,
  /** Files whose tables were not all read (coverage verdict incomplete): their figures were not all checked. */
  unchecked: Int,
  /** Files not checked at all and not errors: empty, too large, or text that is not a report. */
  skipped: Int,
  fixed: Int,
});

export const JsonReportSchema = z.strictObject({
  version: z.literal(JSON_FORMAT_VERSION),
  files: z.array(FileResultSchema),
  summary: SummarySchema,
});

export type JsonPosition = z.infer<typeof PositionSchema>;
export type JsonRange = z.infer<typeof RangeSchema>;
export type JsonFinding = z.infer<typeof FindingSchema>;
export type JsonFix = z.infer<typeof FixSchema>;
export type JsonFileResult = z.infer<typeof FileResultSchema>;
export type JsonCoverage = z.infer<typeof CoverageSchema>;
export type JsonSummary = z.infer<typeof SummarySchema>;
export type JsonReport = z.infer<typeof JsonReportSchema>;
