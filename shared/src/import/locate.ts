/** From an offset in extracted text back to where it came from in the original document. */
import type { Report, TemplateId } from '../model/types';
import type { Template } from '../templates/schema';
import { TABLE_LABELS } from '../rules/coverage';
import type { ImportedText, SourceLocation } from './types';

export interface SourceCell extends SourceLocation {
  /** For a table row: the cell, 1-based, in grid order. */
  readonly column?: number;
}

/** The origin of the line holding `offset`, with the cell for a table row; undefined before the first line. */
export function sourceAt(imported: Pick<ImportedText, 'lines'>, offset: number): SourceCell | undefined {
  const lines = imported.lines;
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const line = lines[found];
  if (!line.cells || line.cells.length === 0) return line.source;
  let column = 1;
  for (let i = 0; i < line.cells.length; i++) if (line.cells[i] <= offset) column = i + 1;
  return { ...line.source, column };
}

/** The official table, row and column of a cell, as a reader of the report names them. */
export interface CellPlace {
  /** `表三（收到和处理申请）`. */
  readonly table: { readonly zh: string; readonly en: string };
  /** The row's label as written, e.g. `（七）总计`. */
  readonly row: string;
  /** The column's label, e.g. `自然人`; absent for a table of one value per row. */
  readonly column?: string;
}

/** The table cell (or row label) at `offset` in the report's text, named as the official table names it. */
export function cellPlace(report: Report, templates: ReadonlyMap<TemplateId, Template>, offset: number): CellPlace | undefined {
  const table = report.tables.find((t) => offset >= t.span.start && offset < t.span.end);
  const row = table?.rows.find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!table || !row) return undefined;
  const cell = row.cells.find((c) => offset >= c.span.start && offset <= c.span.end);
  const columns = templates.get(table.template)?.tables.find((t) => t.kind === table.kind)?.columns ?? [];
  const column = cell && columns.length > 1 ? columns.find((c) => c.id === cell.column)?.label : undefined;
  return { table: TABLE_LABELS[table.kind], row: row.label.replace(/\s+/g, ''), ...(column ? { column } : {}) };
}

/**
 * `第3页 表三（收到和处理申请）“（七）总计”行“自然人”列` — a place a person can find in the original: the page or
 * paragraph, then the official table's cell when the finding is on one (else the table, row and column counted in
 * the document, `表格2第5行第3列`).
 */
export function describeSource(s: SourceCell, lang: 'zh' | 'en', place?: CellPlace): string {
  const zh: string[] = [];
  const en: string[] = [];
  if (s.page !== undefined) {
    zh.push(`第${s.page}页`);
    en.push(`page ${s.page}`);
  }
  if (place) {
    zh.push(`${place.table.zh}“${place.row}”行` + (place.column ? `“${place.column}”列` : ''));
    en.push(`${place.table.en}, row "${place.row}"` + (place.column ? `, column "${place.column}"` : ''));
  } else if (s.table !== undefined) {
    zh.push(`表格${s.table}` + (s.row !== undefined ? `第${s.row}行` : '') + (s.column !== undefined ? `第${s.column}列` : ''));
    en.push(`table ${s.table}` + (s.row !== undefined ? `, row ${s.row}` : '') + (s.column !== undefined ? `, column ${s.column}` : ''));
  } else if (s.paragraph !== undefined) {
    zh.push(`第${s.paragraph}段`);
    en.push(`paragraph ${s.paragraph}`);
  }
  return lang === 'zh' ? zh.join(' ') : en.join(', ');
}
