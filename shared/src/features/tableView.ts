/**
 * The table view's data: every statistical table of a report as it was read, cell by cell, with what the checker
 * concluded about each cell (ok, wrong, blank, unreadable, recovered by inference), the value a finding computes for
 * it, the findings on it and what the hover says about it. Plain data an editor can draw without the core; the
 * locations are spans here and whatever the caller maps them to (`mapTableView`, e.g. LSP ranges).
 *
 * `compareTableViews` pairs this year's tables with last year's: the cells whose figures differ, and the carry-over
 * pair (this year's 上年结转 against last year's 结转下年度继续办理).
 */
import type { Cell, Report, Span, TableKind, TableLayout, TemplateId } from '../model/types';
import type { Finding, Severity } from '../rules/types';
import type { Template } from '../templates/schema';
import { reportCoverage, TABLE_LABELS, type CoverageState } from '../rules/coverage';
import { builtinTemplates } from '../templates/load';
import { formatNumber } from '../model/text';
import { hover } from './hover';
import { covers, indicatorOf, overlaps, pick, tableTemplate, type FeatureLocale } from './util';

/** What the view says of a cell. */
export type CellStatus = 'ok' | 'wrong' | 'empty' | 'inferred' | 'invalid';

export interface TableViewFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface TableViewCell<L = Span> {
  readonly column: string;
  /** The cell text as written. */
  readonly raw: string;
  readonly value?: number;
  readonly state: Cell['state'];
  readonly status: CellStatus;
  /** The figure was recovered from digits run together (the reader's inference), not read as written. */
  readonly inferred?: true;
  readonly range: L;
  /** The value a finding on the cell computes for it (the sum of the parts, the value its identities need). */
  readonly expected?: number;
  /** With `expected`: `写 12 / 算 15`, the figure written and the one computed. */
  readonly versus?: string;
  readonly findings: readonly TableViewFinding[];
  /** What the editor's hover says about the cell, as plain text. */
  readonly hover: string;
}

export interface TableViewRow<L = Span> {
  readonly indicator?: string;
  /** The label as written. */
  readonly label: string;
  /** `title` and `group` rows carry no figures in the official table; `unmatched` rows matched no indicator. */
  readonly role: 'value' | 'title' | 'group' | 'unmatched';
  readonly range: L;
  /** In the table's column order; a column the row does not have is absent from the list. */
  readonly cells: readonly TableViewCell<L>[];
  /** Findings on the label. */
  readonly findings: readonly TableViewFinding[];
}

export interface TableViewColumn {
  readonly id: string;
  /** The header as the format prints it. */
  readonly label: string;
  /** The header above it, for the columns printed under a shared heading (法人或其他组织, 行政复议…). */
  readonly group?: string;
}

export interface TableViewTable<L = Span> {
  /** Its place among the report's tables. */
  readonly index: number;
  readonly kind: TableKind;
  readonly template: TemplateId;
  readonly layout: TableLayout;
  /** The reviewers' short name (`表三（收到和处理申请）`). */
  readonly title: string;
  /** The caption the format prints. */
  readonly caption: string;
  readonly coverage: { readonly state: CoverageState; readonly cells?: { readonly read: number; readonly expected: number }; readonly missingRows?: readonly string[] };
  readonly range: L;
  readonly columns: readonly TableViewColumn[];
  readonly rows: readonly TableViewRow<L>[];
  /** Errors and warnings (infos and hints) on the table's cells and labels. */
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** One line: `表三（收到和处理申请）：已读取 · 2 处错误`. */
  readonly summary: string;
  /** Findings in the table that are on no cell or label (a table read in part, …). */
  readonly notes: readonly TableViewFinding[];
}

export interface TableViewData<L = Span> {
  readonly template?: TemplateId;
  readonly year?: number;
  readonly title?: string;
  readonly tables: readonly TableViewTable<L>[];
  /** Tables the format expects that no table was read for: unreadable, left blank or absent. */
  readonly unread: readonly { readonly kind: TableKind; readonly title: string; readonly state: CoverageState; readonly summary: string }[];
}

/** Columns printed under a shared heading in the official tables. */
export const COLUMN_GROUPS: Readonly<Record<string, { zh: string; en: string }>> = {
  biz: { zh: '法人或其他组织', en: 'Legal persons or other organisations' },
  res: { zh: '法人或其他组织', en: 'Legal persons or other organisations' },
  npo: { zh: '法人或其他组织', en: 'Legal persons or other organisations' },
  law: { zh: '法人或其他组织', en: 'Legal persons or other organisations' },
  oth: { zh: '法人或其他组织', en: 'Legal persons or other organisations' },
  rev: { zh: '行政复议', en: 'Administrative review' },
  lit1: { zh: '行政诉讼：未经复议直接起诉', en: 'Litigation without review' },
  lit2: { zh: '行政诉讼：复议后起诉', en: 'Litigation after review' },
};

const SERIOUS: ReadonlySet<Severity> = new Set(['error', 'warning']);

/** The report's tables as the view draws them. Never throws. */
export function tableView(
  report: Report,
  findings: readonly Finding[],
  locale: FeatureLocale = 'zh',
  templates: ReadonlyMap<TemplateId, Template> = builtinTemplates(),
): TableViewData {
  const coverage = reportCoverage(report, templates);
  const live = findings.filter((f) => !f.suppressed);
  const shown = (f: Finding): TableViewFinding => ({ ruleId: f.ruleId, severity: f.severity, message: pick(f.message, locale) });
  const tables: TableViewTable[] = report.tables.map((table, index) => {
    const template = templates.get(table.template);
    const tt = tableTemplate(template, table.kind);
    const inTable = live.filter((f) => covers(table.span, f.span));
    const placed = new Set<Finding>();
    const rows: TableViewRow[] = table.rows.map((row) => {
      const indicator = indicatorOf(tt, row.indicator);
      // A finding belongs to a cell it overlaps, as long as it stays within the row (a table-wide one does not).
      const onRow = inTable.filter((f) => covers(row.span, f.span) || covers(row.labelSpan, f.span));
      const cells = table.columns.flatMap((column): TableViewCell[] => {
        const cell = row.cells.find((c) => c.column === column);
        if (!cell) return [];
        const on = onRow.filter((f) => overlaps(f.span, cell.span));
        for (const f of on) placed.add(f);
        return [viewCell(report, cell, on, live, locale, templates, shown)];
      });
      const onLabel = onRow.filter((f) => !placed.has(f) && overlaps(f.span, row.labelSpan));
      for (const f of onLabel) placed.add(f);
      return {
        ...(row.indicator ? { indicator: row.indicator } : {}),
        label: row.label,
        role: indicator ? indicator.role : 'unmatched',
        range: row.labelSpan,
        cells,
        findings: onLabel.map(shown),
      };
    });
    const counts = {
      errors: inTable.filter((f) => f.severity === 'error').length,
      warnings: inTable.filter((f) => f.severity === 'warning').length,
      infos: inTable.filter((f) => f.severity === 'info' || f.severity === 'hint').length,
    };
    const c = coverage.tables.find((x) => x.kind === table.kind && x.span?.start === table.span.start) ?? coverage.tables.find((x) => x.kind === table.kind);
    const state: CoverageState = c?.state ?? 'read';
    const title = pick(TABLE_LABELS[table.kind], locale);
    return {
      index,
      kind: table.kind,
      template: table.template,
      layout: table.layout,
      title: capitalised(title, locale),
      caption: tt?.title ?? title,
      coverage: { state, ...(c?.cells ? { cells: c.cells } : {}), ...(c?.missingRows ? { missingRows: c.missingRows } : {}) },
      range: table.span,
      columns: table.columns.map((id) => {
        const column = tt?.columns.find((x) => x.id === id);
        const group = table.columns.length > 1 ? COLUMN_GROUPS[id.split('.')[0]] : undefined;
        return { id, label: column?.label || id, ...(group ? { group: pick(group, locale) } : {}) };
      }),
      rows,
      counts,
      summary: summaryLine(capitalised(title, locale), state, c?.cells, counts, locale),
      notes: inTable.filter((f) => !placed.has(f)).map(shown),
    };
  });
  const unread = coverage.tables
    .filter((c) => !report.tables.some((t) => t.kind === c.kind))
    .map((c) => {
      const title = capitalised(pick(TABLE_LABELS[c.kind], locale), locale);
      return { kind: c.kind, title, state: c.state, summary: summaryLine(title, c.state, c.cells, { errors: 0, warnings: 0 }, locale) };
    });
  return {
    ...(report.template ? { template: report.template } : {}),
    ...(report.year !== undefined ? { year: report.year } : {}),
    ...(report.title ? { title: report.title.text } : {}),
    tables,
    unread,
  };
}

function viewCell(
  report: Report, cell: Cell, on: readonly Finding[], all: readonly Finding[], locale: FeatureLocale,
  templates: ReadonlyMap<TemplateId, Template>, shown: (f: Finding) => TableViewFinding,
): TableViewCell {
  const inferred = (cell as Cell & { readonly inferred?: unknown }).inferred === true;
  const wrong = on.some((f) => SERIOUS.has(f.severity));
  const status: CellStatus = cell.state === 'invalid' ? 'invalid' : wrong ? 'wrong' : cell.state === 'missing' ? 'empty' : inferred ? 'inferred' : 'ok';
  // The value a sum or an identity computes for this cell: what "写 12 / 算 15" shows.
  const computing = on.find((f) => typeof f.expected === 'number' && covers(cell.span, f.span) && f.expected !== cell.value);
  const info = hover(report, cell.span.start, locale, all, templates, false);
  return {
    column: cell.column,
    raw: cell.raw,
    ...(cell.state === 'number' && cell.value !== undefined ? { value: cell.value } : {}),
    state: cell.state,
    status,
    ...(inferred ? { inferred: true as const } : {}),
    range: cell.span,
    ...(computing ? { expected: computing.expected as number, versus: writtenVersusComputed(cell.raw, computing.expected as number, locale) } : {}),
    findings: on.map(shown),
    hover: info && info.span.start === cell.span.start && info.span.end === cell.span.end ? plainText(info.markdown) : '',
  };
}

function capitalised(text: string, locale: FeatureLocale): string {
  if (locale !== 'en') return text;
  const bare = text.replace(/^the /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** `表三（收到和处理申请）：已读取 · 2 处错误` / `Table 3 (requests): read · 2 errors`. */
function summaryLine(
  title: string, state: CoverageState, cells: { readonly read: number; readonly expected: number } | undefined,
  counts: { readonly errors: number; readonly warnings: number }, locale: FeatureLocale,
): string {
  const zh = locale !== 'en';
  const read = cells ? `${cells.read}/${cells.expected}` : '';
  const what = {
    read: zh ? '已读取' : 'read',
    partial: zh ? `只读到 ${read} 格` : `read in part (${read} cells)`,
    unreadable: zh ? '未能读取' : 'could not be read',
    empty: zh ? '未填写' : 'blank',
    absent: zh ? '未找到' : 'not found',
  }[state];
  const parts = [what];
  if (counts.errors) parts.push(zh ? `${counts.errors} 处错误` : `${counts.errors} error${counts.errors > 1 ? 's' : ''}`);
  if (counts.warnings) parts.push(zh ? `${counts.warnings} 处警告` : `${counts.warnings} warning${counts.warnings > 1 ? 's' : ''}`);
  if (!counts.errors && !counts.warnings && (state === 'read' || state === 'partial')) parts.push(zh ? '未发现问题' : 'no problems');
  return `${title}${zh ? '：' : ': '}${parts.join(' · ')}`;
}

/** The hover's markdown as text for a tooltip: no emphasis marks, escapes or rules. */
export function plainText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => line.trim() !== '---')
    .map((line) => line.replace(/^_(.+)_$/, '$1').replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\`*_[\]<>#|])/g, '$1'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The same data with every location mapped by `f` (spans to an editor's ranges). */
export function mapTableView<A, B>(data: TableViewData<A>, f: (location: A) => B): TableViewData<B> {
  return {
    ...data,
    tables: data.tables.map((t) => ({
      ...t,
      range: f(t.range),
      rows: t.rows.map((r) => ({ ...r, range: f(r.range), cells: r.cells.map((c) => ({ ...c, range: f(c.range) })) })),
    })),
  };
}

/** What the comparison with last year's report marks. */
export interface TableComparison {
  /** Cells (`cellKey`) of this year's tables whose figure differs from last year's same cell. */
  readonly changedNow: readonly string[];
  /** The same cells in last year's tables. */
  readonly changedBefore: readonly string[];
  /** This year's 上年结转 against last year's 结转下年度继续办理, column by column. */
  readonly carryOver: readonly {
    readonly column: string;
    /** `cellKey` of this year's 上年结转 cell and last year's 结转下年度继续办理 cell. */
    readonly now: string;
    readonly before: string;
    readonly nowValue?: number;
    readonly beforeValue?: number;
    readonly equal: boolean;
  }[];
}

/** The key of a cell in the comparison: table index, row index and column. */
export function cellKey(table: number, row: number, column: string): string {
  return `${table}/${row}/${column}`;
}

/** 上年结转 this year, 结转下年度继续办理 last year: the same applications, open on 31 December of last year. */
const CARRIED_IN = 'R2';
const CARRIED_OUT = 'R4';

/**
 * Pairs this year's tables with last year's by kind, their rows by indicator (by the official label when the two
 * reports use different formats), and marks the cells whose figures differ and the carry-over pair.
 */
export function compareTableViews<A, B>(now: TableViewData<A>, before: TableViewData<B>): TableComparison {
  const changedNow: string[] = [];
  const changedBefore: string[] = [];
  const carryOver: TableComparison['carryOver'][number][] = [];
  const rowKey = (t: TableViewTable<unknown>, r: TableViewRow<unknown>): string | undefined => {
    if (!r.indicator) return undefined;
    const ind = indicatorOf(tableTemplate(builtinTemplates().get(t.template), t.kind), r.indicator);
    return ind ? ind.label.replace(/\s+/g, '') : r.indicator;
  };
  for (const t of now.tables) {
    const p = before.tables.find((x) => x.kind === t.kind);
    if (!p) continue;
    const sameTemplate = p.template === t.template;
    const prevRows = new Map<string, number>();
    p.rows.forEach((r, i) => {
      const k = sameTemplate ? r.indicator : rowKey(p, r);
      if (k && !prevRows.has(k)) prevRows.set(k, i);
    });
    t.rows.forEach((r, i) => {
      const k = sameTemplate ? r.indicator : rowKey(t, r);
      const j = k === undefined ? undefined : prevRows.get(k);
      if (j === undefined) return;
      for (const c of r.cells) {
        const d = p.rows[j].cells.find((x) => x.column === c.column);
        if (!d) continue;
        const same = c.value !== undefined && d.value !== undefined ? c.value === d.value : c.raw === d.raw;
        if (same) continue;
        changedNow.push(cellKey(t.index, i, c.column));
        changedBefore.push(cellKey(p.index, j, d.column));
      }
    });
    if (t.kind !== 'requests') continue;
    const inRow = t.rows.findIndex((r) => r.indicator === CARRIED_IN);
    const outRow = p.rows.findIndex((r) => r.indicator === CARRIED_OUT);
    if (inRow < 0 || outRow < 0) continue;
    for (const c of t.rows[inRow].cells) {
      const d = p.rows[outRow].cells.find((x) => x.column === c.column);
      if (!d) continue;
      carryOver.push({
        column: c.column,
        now: cellKey(t.index, inRow, c.column),
        before: cellKey(p.index, outRow, d.column),
        ...(c.value !== undefined ? { nowValue: c.value } : {}),
        ...(d.value !== undefined ? { beforeValue: d.value } : {}),
        equal: c.value !== undefined && c.value === d.value,
      });
    }
  }
  return { changedNow, changedBefore, carryOver };
}

/** `写 12 / 算 15`: the figure written and the one computed, for a cell that a sum or an identity gets wrong. */
function writtenVersusComputed(raw: string, expected: number, locale: FeatureLocale): string {
  const written = raw || '—';
  return locale === 'en' ? `written ${written} / computed ${formatNumber(expected)}` : `写 ${written} / 算 ${formatNumber(expected)}`;
}
