/**
 * Small helpers shared by the editor-neutral features: locale picking, template look-up and
 * "what is at this offset" queries over the report model. Pure; no editor or IO imports.
 */
import type { Cell, Figure, Report, Span, Table, TableKind, TableRow, TemplateId } from '../model/types';
import type { Template, TableTemplate, Indicator, Column } from '../templates/schema';
import { builtinTemplates } from '../templates/load';

/** The two UI languages. */
export type FeatureLocale = 'zh' | 'en';

export function pick(text: { readonly zh: string; readonly en: string } | undefined, locale: FeatureLocale): string {
  if (!text) return '';
  return (locale === 'en' ? text.en : text.zh) || text.zh || text.en;
}

let cachedTemplates: ReadonlyMap<TemplateId, Template> | undefined;

/** The built-in templates, loaded once. Never throws: a broken template set yields an empty map. */
export function templates(): ReadonlyMap<TemplateId, Template> {
  if (!cachedTemplates) {
    try {
      cachedTemplates = builtinTemplates();
    } catch {
      return new Map();
    }
  }
  return cachedTemplates;
}

export function templateById(id: TemplateId | undefined): Template | undefined {
  return id ? templates().get(id) : undefined;
}

export function tableTemplate(template: Template | undefined, kind: TableKind): TableTemplate | undefined {
  return template?.tables.find((t) => t.kind === kind);
}

export function indicatorOf(tt: TableTemplate | undefined, id: string | undefined): Indicator | undefined {
  return id === undefined ? undefined : tt?.indicators.find((i) => i.id === id);
}

export function columnOf(tt: TableTemplate | undefined, id: string): Column | undefined {
  return tt?.columns.find((c) => c.id === id);
}

/** Names of the table kinds, used when the template has no title for a table. */
export const TABLE_KIND_NAMES: Record<TableKind, { zh: string; en: string }> = {
  stats: { zh: '政府信息公开情况统计表', en: 'Statistics table' },
  active: { zh: '主动公开政府信息情况', en: 'Proactive disclosure' },
  requests: { zh: '收到和处理政府信息公开申请情况', en: 'Requests received and handled' },
  review: { zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative review and litigation' },
};

/** A readable name for a table: the template's title, else the kind's name. */
export function tableName(table: Table, locale: FeatureLocale): string {
  const tt = tableTemplate(templateById(table.template), table.kind);
  if (locale === 'zh' && tt?.title) return tt.title;
  return pick(TABLE_KIND_NAMES[table.kind], locale) || tt?.title || table.kind;
}

/** `start <= offset < end`, or `offset === start` for an empty span; with `inclusiveEnd` also `offset === end`. */
export function contains(span: Span, offset: number, inclusiveEnd = false): boolean {
  if (offset < span.start) return false;
  if (offset < span.end) return true;
  return offset === span.end && (inclusiveEnd || span.start === span.end);
}

export function covers(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

export interface TableHit {
  readonly table: Table;
  readonly row?: TableRow;
  readonly cell?: Cell;
  /** True when the offset is on the row's label. */
  readonly onLabel: boolean;
}

/** The table, row and cell at `offset` (cells are checked before labels; the cell end is inclusive). */
export function tableAt(report: Report, offset: number): TableHit | undefined {
  for (const table of report.tables) {
    if (!contains(table.span, offset, true)) continue;
    for (const row of table.rows) {
      for (const cell of row.cells) {
        if (contains(cell.span, offset, true)) return { table, row, cell, onLabel: false };
      }
      if (contains(row.labelSpan, offset, true)) return { table, row, onLabel: true };
    }
    return { table, onLabel: false };
  }
  return undefined;
}

export function figureAt(report: Report, offset: number): Figure | undefined {
  return report.figures.find((f) => contains(f.span, offset, true));
}

/** Escapes characters that markdown would treat as markup in report text. */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Formats a number without float noise (`0.1 + 0.2` → `0.3`). */
/** The core's formatter, so a number reads the same in a message and in a hover. */
export { formatNumber } from '../model/text';
