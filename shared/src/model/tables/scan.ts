/**
 * The table pipeline: HTML tables by their tags, then every anchor line read in its layout, then run-together
 * windows on the lines nothing claimed. Each table claims its span (`TableScan.regions`).
 */
import type { Span, Table, TableKind, TableLayout, TemplateId } from '../types';
import type { Template } from '../../templates/schema';
import { type Line, isBlank, leadingWs } from '../lines';
import { type Item, arraySource, compactText } from './items';
import { anchorKinds, lineSource } from './anchors';
import { besideFurniture, furnitureAt, pageNumberLines } from './furniture';
import { detectLayout } from './layout';
import { htmlItems } from './readers/html';
import { lineItems } from './readers/lines';
import { type TableWithEnd, readBest, rowsSpan } from './read';
import { budget, MAX_TABLE_LINES } from './rows';
import { runTogetherPass } from './runTogetherRead';
import { preparedAll } from './templateIndex';

export interface TableScan {
  readonly tables: Table[];
  /** The spans the tables claim: nothing inside one is a heading, a prose figure or a cell of another table. */
  readonly regions: Span[];
}

/** Finds and reads every official table in the text. */
export function scanTables(
  text: string,
  lines: readonly Line[],
  templates: readonly Template[],
  lineOf: (offset: number) => number,
  preferred?: TemplateId,
): TableScan {
  const all = preparedAll(templates);
  budget.left = 200_000 + 20 * lines.length;
  const tables: Table[] = [];
  const regions: Span[] = [];

  // HTML tables first: their extent is given by the tags.
  const htmlRe = /<table\b[\s\S]*?<\/table\s*>/gi;
  const htmlLines = new Set<number>();
  let hm: RegExpExecArray | null;
  while ((hm = htmlRe.exec(text)) !== null) {
    const start = hm.index;
    const end = start + hm[0].length;
    const items = htmlItems(text, start, end, lineOf);
    const kinds = new Set<TableKind>();
    for (const it of items) {
      const n = compactText(it);
      for (const pt of all) if (pt.markers.some((m) => m.length >= 2 && n.includes(m) && n.length <= m.length + 40)) kinds.add(pt.table.kind);
    }
    if (kinds.size === 0) for (const pt of all) kinds.add(pt.table.kind);
    const found = readBest(all, [...kinds], arraySource(items), 'html', false, false, preferred);
    for (let l = lineOf(start); l <= lineOf(end); l++) htmlLines.add(l);
    regions.push({ start, end });
    // One pasted <table> normally holds one official table; if it reads as several, each keeps the span of its
    // own rows (never two tables on one span), and readings that overlap an earlier one are dropped.
    const own = found
      .map(({ lastLine: _l, ...t }) => ({ ...t, span: rowsSpan(t.rows) ?? { start, end } }))
      .sort((a, b) => b.rows.length - a.rows.length);
    const kept: Table[] = [];
    for (const t of own) if (!kept.some((k) => k.span.start < t.span.end && t.span.start < k.span.end)) kept.push(t);
    if (kept.length === 1) kept[0] = { ...kept[0], span: { start, end } };
    for (const t of kept) tables.push(t);
  }

  const htmlSorted = [...htmlLines].sort((a, b) => a - b);
  // Lines are tokenised once per layout and reused by every anchor that reads them.
  // One array per layout (and blank-line reading), indexed by line.
  const itemCache = new Map<string, (Item[] | undefined)[]>();
  const pageNumbers = text.includes('\f') ? pageNumberLines(lines) : new Set<number>();
  const itemsOf = (j: number, layout: TableLayout, blankIsCell: boolean): Item[] => {
    const k = blankIsCell ? `${layout}:1` : layout;
    let byLine = itemCache.get(k);
    if (!byLine) itemCache.set(k, (byLine = []));
    let its = byLine[j];
    if (!its) {
      // A page number between two rows, and the blank lines around it where blanks are cells, hold no cell.
      its = furnitureAt(lines, pageNumbers, j) || (blankIsCell && isBlank(lines[j]) && besideFurniture(lines, pageNumbers, j)) ? [] : lineItems(lines[j], layout, blankIsCell);
      byLine[j] = its;
    }
    return its;
  };
  for (let li = 0; li < lines.length && budget.left > 0; li++) {
    if (htmlLines.has(li)) continue;
    const cands = anchorKinds(lines[li], all);
    if (cands.length === 0) continue;
    let stop = Math.min(lines.length, li + MAX_TABLE_LINES);
    const nextHtml = htmlSorted.find((j) => j > li);
    if (nextHtml !== undefined && nextHtml < stop) stop = nextHtml;
    const { layout, blankIsCell } = detectLayout(lines, li, Math.min(stop, li + 60));
    const items = lineSource(li, stop, (j) => itemsOf(j, layout, blankIsCell));
    let best: { table: Table; lastLine: number } | undefined;
    for (const cand of cands) {
      const r = readBest(all, [cand.kind], items, layout, blankIsCell, cand.fallback, preferred)[0];
      if (!r) continue;
      const lastLine = (r as TableWithEnd).lastLine;
      if (!best || r.rows.length > best.table.rows.length) best = { table: r, lastLine };
    }
    if (!best) continue;
    const first = lines[li];
    const lead = leadingWs(first.text);
    const start = first.start + lead;
    const span = { start, end: Math.max(start, best.table.span.end) };
    const { lastLine: _lastLine, ...table } = best.table as TableWithEnd;
    tables.push({ ...table, span });
    regions.push(span);
    li = Math.max(li, best.lastLine);
  }
  runTogetherPass(lines, all, tables, regions, htmlLines, lineOf, preferred);
  tables.sort((a, b) => a.span.start - b.span.start);
  regions.sort((a, b) => a.start - b.start);
  return { tables, regions };
}
