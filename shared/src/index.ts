/**
 * The public API of the report core. Editors, the CLI and tests import only from here.
 * Everything is pure: strings in, plain data out; nothing here throws on any input text.
 */
export type {
  Span, TemplateId, Approximation, Figure, SectionLevel, Section, Cell, TableRow, TableKind, TableLayout,
  Table, YearMention, Report, Suppression, ParseProblem,
} from './model/types';
export type {
  Severity, SeveritySetting, Localized, TextEdit, Fix, RelatedSpan, RawFinding, Finding, RuleContext,
  RuleCategory, RuleDefinition, CheckOptions,
} from './rules/types';
export type { Template, TableTemplate, Indicator, Column, Check, LocalizedText } from './templates/schema';
export { Template as TemplateSchema, TemplateFile as TemplateFileSchema } from './templates/schema';
export { parseReport } from './model/parseReport';
export { analyze, runRules, type AnalyzeOptions, type Analysis } from './rules/run';
export { rules, ruleById } from './rules/index';
export { SUM_RULES } from './rules/support';
export { builtinTemplates, loadTemplates } from './templates/load';
export { applyEdits, fixToFixpoint, nextSafeFix, type FixAllResult } from './edits';
export { localize, toLocale, type Locale } from './l10n';
export { outline, type OutlineNode } from './features/outline';
export { hover, type HoverInfo } from './features/hover';
export {
  tableView, mapTableView, compareTableViews, cellKey, plainText, type TableViewData, type TableViewTable, type TableViewRow,
  type TableViewCell, type TableViewColumn, type TableViewFinding, type TableComparison, type CellStatus,
} from './features/tableView';
export { blankTables } from './features/blankTables';
export { completions, type CompletionItem } from './features/completions';
export { RULE_DOCS_BASE, ruleDocUrl } from './docs';
export { formatNumber } from './model/text';
export { reportCoverage, TABLE_LABELS, type Coverage, type CoverageState, type TableCoverage } from './rules/coverage';
export type { SourceFormat, SourceLocation, SourceLine, ImportedText, ImportRefusal, ImportResult } from './import/types';
export { detectFormat, refusalFor, REPORT_EXTENSIONS, type DetectedFormat } from './import/detect';
export { sourceAt, describeSource, cellPlace, type SourceCell, type CellPlace } from './import/locate';
export { toMarkdownDraft } from './import/draft';
export { readDocx } from './import/docx';
export { readHtml, sniffHtmlCharset } from './import/html';
export { foldRadicals } from './import/radicals';
export { looksLikeReport, isNotAReport } from './features/recognise';
export { alignPipeTables, displayWidth } from './features/formatting';
export { reportIdentity, bodyKey, findPrevious, type ReportIdentity } from './crossyear/identity';
export { repetition, sentences, type Repetition, type Sentence } from './crossyear/repeated';
export {
  nextYearDraft, templateForYear, PREVIOUS_TEXT_MARK, type NextDraft, type NextDraftOptions, type NextDraftSummary, type CarriedCell,
} from './crossyear/nextDraft';
export { crossYearFindings, crossYearEnabled, withCrossYear, CROSS_YEAR_RULES } from './crossyear/check';
export { reportStarts } from './model/consolidated';
export * from './review/index';
