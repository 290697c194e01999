/** The best reading of a table kind over every template variant, and what makes a reading a table. */
import type { Span, Table, TableKind, TableLayout, TableRow, TemplateId } from '../types';
import type { ItemSource } from './items';
import { type ParseResult, parseRows } from './rows';
import type { PreparedTable } from './templateIndex';

export function rowsSpan(rows: readonly TableRow[]): Span | undefined {
  if (rows.length === 0) return undefined;
  let start = rows[0].span.start;
  let end = rows[0].span.end;
  for (const r of rows) {
    if (r.span.start < start) start = r.span.start;
    if (r.span.end > end) end = r.span.end;
  }
  return { start, end };
}

export interface TableWithEnd extends Table {
  readonly lastLine: number;
}

/**
 * A blank official table (`| 规章 |  |  |  |`: a draft to fill in from `xxgk-report draft`, the inserted blank
 * tables) is read although it holds no figure: every national value row of the format is there with each of its
 * cells written out, blank. Its blank cells are then reported as blank (cell-missing), not the table as unread.
 * Labels whose figures were lost (a PDF's text layer) have no cells, and stay unread.
 */
export function everyNationalRow(pt: PreparedTable, rows: readonly TableRow[]): boolean {
  const byId = new Map(rows.map((r) => [r.indicator, r]));
  return pt.table.indicators.every((i) => {
    if (i.role !== 'value' || i.variant !== undefined) return true;
    const row = byId.get(i.id);
    return row !== undefined && row.cells.length >= (pt.table.kind === 'stats' ? 1 : (i.columns ?? pt.columnIds).length);
  });
}


/** Reads the items with every template table of the given kinds; keeps the best reading of each kind. */
export function readBest(
  all: readonly PreparedTable[],
  kinds: readonly TableKind[],
  items: ItemSource,
  layout: TableLayout,
  blankIsCell: boolean,
  fallback: boolean,
  preferred?: TemplateId,
): TableWithEnd[] {
  const out: TableWithEnd[] = [];
  for (const kind of kinds) {
    let best: { pt: PreparedTable; res: ParseResult } | undefined;
    const readings = new Map<string, ParseResult>();
    for (const pt of all) {
      if (pt.table.kind !== kind) continue;
      // Formats whose table is the same (the review table of 2019 and 2021) read the same: read once.
      let res = readings.get(pt.signature);
      if (!res) {
        res = parseRows(pt, items, layout, blankIsCell);
        readings.set(pt.signature, res);
      }
      // A reading without a figure counts only as a whole blank table of this format (a draft to fill in).
      if (res.withNumbers === 0 && !everyNationalRow(pt, res.rows)) continue;
      // Equal readings (the 2019 and 2021 application tables differ in one row): the report year's format wins.
      if (!best || res.score > best.res.score || (res.score === best.res.score && pt.template.id === preferred)) best = { pt, res };
    }
    if (!best) continue;
    const { pt, res } = best;
    const minRows = fallback ? 4 : kind === 'review' ? 1 : 2;
    if (res.matched < minRows || (res.withNumbers < (kind === 'review' ? 1 : Math.min(2, minRows)) && !everyNationalRow(pt, res.rows))) continue;
    const lastItem = items.get(Math.max(0, res.lastItem))!;
    const end = Math.max(lastItem.span.end, ...res.rows.map((r) => r.span.end));
    out.push({
      kind,
      template: pt.template.id as TemplateId,
      layout,
      span: { start: items.get(0)?.span.start ?? 0, end },
      columns: pt.table.columns.map((c) => c.id),
      rows: res.rows,
      lastLine: lastItem.line,
    });
  }
  return out;
}

