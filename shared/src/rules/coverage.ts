/**
 * What the checker read of a report: for each statistical table the report's format expects, whether it was
 * `read` (every cell of the official rows found), `partial` (n of m cells), `unreadable` (the table's labels are in
 * the text but no table could be made of them: a one-line web dump, digits run together), `empty` (its labels are
 * there without a single figure: the blank official tables, just inserted) or `absent`.
 *
 * A clean verdict means every table was read and checked; an output that has a table that is not `read` says so.
 */
import type { Report, Span, Table, TableKind, TemplateId } from '../model/types';
import { builtinTemplates } from '../templates/load';
import type { TableTemplate, Template } from '../templates/schema';
import { foldWidth } from '../model/text';
import { memo, tableViews } from './support';
import type { Localized, RuleContext } from './types';

export type CoverageState = 'read' | 'partial' | 'unreadable' | 'empty' | 'absent';

export interface TableCoverage {
  readonly kind: TableKind;
  readonly template: TemplateId;
  readonly state: CoverageState;
  /** The table's caption as the format prints it. */
  readonly title: string;
  /** Cells of the official rows found, of those the format has (for a table that was found). */
  readonly cells?: { readonly read: number; readonly expected: number };
  /** The official rows (their labels) with cells that were not found, in template order. */
  readonly missingRows?: readonly string[];
  /**
   * Cells cut out of digits that ran together (a web page copied as text) by the table's own identities
   * (`Cell.inferred`): read, but their sums were used to read them, so they were not checked (推算, not 核对).
   */
  readonly inferred?: number;
  /** The table, or for an unreadable one the first of its labels in the text. */
  readonly span?: Span;
}

export interface Coverage {
  /** The format the expectation comes from: the detected template, else the one whose labels the text has. */
  readonly template?: TemplateId;
  readonly tables: readonly TableCoverage[];
  /**
   * `complete`: every expected table was read. `incomplete`: a table was read in part or not at all, or its cells
   * were inferred from digits run together (`TableCoverage.inferred`), or a report
   * (it has a title) has no table the checker could find: its figures were not all checked. `none`: no table is
   * expected (the text names no format and no table).
   */
  readonly verdict: 'complete' | 'incomplete' | 'none';
}

/** Short names of the tables in messages, as reviewers call them. */
export const TABLE_LABELS: Record<TableKind, Localized> = {
  stats: { zh: '统计表', en: 'the statistics table' },
  active: { zh: '表二（主动公开）', en: 'table 2 (proactive disclosure)' },
  requests: { zh: '表三（收到和处理申请）', en: 'table 3 (requests)' },
  review: { zh: '表四（行政复议、行政诉讼）', en: 'table 4 (review and litigation)' },
};

/** Labels this distinctive (normalised, at least this long) count as evidence that a table's text is present. */
const MIN_LABEL = 5;
/** Header words (结果维持, 本年制发件数) are shorter but as distinctive. */
const MIN_MARKER = 4;
/** Distinct labels of one table found outside every read table that make it "there but unreadable". */
const MIN_HITS = 3;

const cache = new WeakMap<object, { templates: RuleContext['templates']; value: Coverage }>();

export function coverage(ctx: RuleContext): Coverage {
  return memo(cache, ctx, () => compute(ctx));
}

function compute(ctx: RuleContext): Coverage {
  const { report } = ctx;
  const template = ctx.template ?? guessTemplate(ctx);
  if (!template) return { tables: [], verdict: report.title ? 'incomplete' : 'none' };
  const views = tableViews(ctx);
  // Folded and compacted only when a table was not read (its labels are looked for in the text).
  let folded: string | undefined;
  let compact: Compact | undefined;
  const outside = (at: number): boolean => !report.tables.some((t) => at >= t.span.start && at < t.span.end);
  const out: TableCoverage[] = [];
  for (const tt of template.tables) {
    const view = views.find((v) => v.table.kind === tt.kind && v.table.template === template.id) ?? views.find((v) => v.table.kind === tt.kind);
    if (view) {
      const cells = cellsRead(view.table, tt);
      const { missingRows, ...count } = cells;
      const inferred = view.table.rows.reduce((n, r) => n + r.cells.filter((c) => c.inferred).length, 0);
      out.push({
        kind: tt.kind, template: template.id, state: count.read >= count.expected ? 'read' : 'partial', title: tt.title, cells: count, span: view.table.span,
        ...(missingRows.length ? { missingRows } : {}), ...(inferred > 0 ? { inferred } : {}),
      });
      continue;
    }
    folded ??= foldWidth(report.text);
    compact ??= compacted(folded);
    const hit = labelHits(tt, compact, outside);
    // Labels with figures among them: a table that is there but could not be read. Labels without any figure
    // (the blank official tables just inserted) leave nothing to check yet.
    const unreadable = hit.count >= MIN_HITS && hit.first !== undefined && hit.last !== undefined && hasFigures(folded, hit.first.start, hit.last.end + FIGURE_REACH);
    const state = unreadable ? 'unreadable' : hit.count >= MIN_HITS ? 'empty' : 'absent';
    out.push({ kind: tt.kind, template: template.id, state, title: tt.title, ...(unreadable ? { span: hit.first } : {}) });
  }
  // Inferred cells were read by their identities, not checked against them: no clean verdict rests on them.
  const unread = out.some((t) => (t.state !== 'read' && t.state !== 'absent') || t.inferred) || (report.tables.length === 0 && report.title !== undefined);
  return { template: template.id, tables: out, verdict: unread ? 'incomplete' : out.some((t) => t.state === 'read') ? 'complete' : 'none' };
}

/** The coverage of a parsed report (as `analyze` returns it), against the built-in formats. */
export function reportCoverage(report: Report, templates: ReadonlyMap<TemplateId, Template> = builtinTemplates()): Coverage {
  const template = report.template ? templates.get(report.template) : undefined;
  return coverage({ report, templates, options: {}, ...(template ? { template } : {}) });
}

/** The cells of the format's national value rows that the table has (blank cells count: they were read as blank). */
function cellsRead(table: Table, tt: TableTemplate): { read: number; expected: number; missingRows: string[] } {
  let read = 0;
  let expected = 0;
  const missingRows: string[] = [];
  const variant = table.rows.some((r) => r.indicator && tt.indicators.find((i) => i.id === r.indicator)?.variant);
  for (const ind of tt.indicators) {
    if (ind.role !== 'value') continue;
    // A local variant of the old table replaces some national rows: only rows of the variant in use are expected.
    if (ind.variant && !table.rows.some((r) => r.indicator === ind.id)) continue;
    const columns = (ind.columns ?? tt.columns.map((c) => c.id)).filter((c) => table.columns.includes(c) || tt.columns.length === 1);
    const row = table.rows.find((r) => r.indicator === ind.id);
    if (!row && variant && !ind.variant) continue;
    expected += columns.length;
    const found = row ? columns.filter((c) => row.cells.some((x) => x.column === c)).length : 0;
    read += found;
    if (found < columns.length) missingRows.push(ind.label);
  }
  return { read, expected, missingRows };
}

function normalise(label: string): string {
  return foldWidth(label)
    .replace(/^[\s\u3000]*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、．])\s*/, '')
    .replace(/^其中[:：]/, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/\s+/g, '');
}

/** How many distinct labels of the table appear in the text outside the tables that were read, and the first. */
interface Compact {
  /**
   * The width-folded text without white space and digits, so a label wrapped over lines and between figures
   * (`本年新收政府信息` / `15 5 1` / `公开申请数量`) is whole.
   */
  readonly text: string;
  /** For each character of `text`, its offset in the report's text. */
  readonly at: Int32Array;
}

function compacted(folded: string): Compact {
  const at = new Int32Array(folded.length);
  let out = '';
  let n = 0;
  let runStart = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    // White space and figures: in a PDF's narrow columns a label is wrapped between the row's figures.
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || (c >= 48 && c <= 57);
    if (!space) {
      if (runStart < 0) runStart = i;
      at[n++] = i;
    } else if (runStart >= 0) {
      out += folded.slice(runStart, i);
      runStart = -1;
    }
  }
  return { text: out, at: at.subarray(0, n) };
}

const labelCache = new WeakMap<TableTemplate, readonly string[]>();

/** The distinct labels and header markers of a template table that a text showing the table would contain, once per table. */
function searchLabels(tt: TableTemplate): readonly string[] {
  let labels = labelCache.get(tt);
  if (!labels) {
    const all = [...tt.indicators.map((i) => normalise(i.label)).filter((l) => l.length >= MIN_LABEL), ...tt.headerMarkers.map((m) => foldWidth(m)).filter((m) => m.length >= MIN_MARKER)];
    labels = [...new Set(all.filter((l) => !/\d/.test(l)))];
    labelCache.set(tt, labels);
  }
  return labels;
}

function labelHits(tt: TableTemplate, compact: Compact, outside: (at: number) => boolean): { count: number; first?: Span; last?: Span } {
  let count = 0;
  let first: Span | undefined;
  let last: Span | undefined;
  for (const label of searchLabels(tt)) {
    const i = compact.text.indexOf(label);
    if (i < 0) continue;
    const at = compact.at[i];
    if (!outside(at)) continue;
    const end = compact.at[i + label.length - 1] + 1;
    count++;
    if (!first || at < first.start) first = { start: at, end };
    if (!last || at > last.start) last = { start: at, end };
  }
  return { count, ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** Characters after the last label in which the table's figures may still stand. */
const FIGURE_REACH = 400;

/** At least three digits of figures between `start` and `end` (list numbers such as `1.` and `2、` left out). */
function hasFigures(folded: string, start: number, end: number): boolean {
  const re = /\d+(?![\d.、．])/g;
  re.lastIndex = start;
  let n = 0;
  for (let m = re.exec(folded); m && m.index < end; m = re.exec(folded)) if ((n += m[0].length) >= 3) return true;
  return false;
}

/** With no detected format: the one whose table labels the text has most of, if it has enough of them. */
function guessTemplate(ctx: RuleContext): Template | undefined {
  const compact = compacted(foldWidth(ctx.report.text));
  let best: { template: Template; hits: number } | undefined;
  for (const template of ctx.templates.values()) {
    const hits = template.tables.reduce((n, tt) => n + labelHits(tt, compact, () => true).count, 0);
    if (hits >= MIN_HITS && (!best || hits > best.hits)) best = { template, hits };
  }
  return best?.template;
}
