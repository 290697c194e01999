/**
 * HTML tables for the web-page reader (`html.ts`).
 *
 * A data table becomes one line per row, its cells joined by tabs, with `rowspan`/`colspan` expanded into the
 * exact grid so every value stands in its own column. A merged cell is written in the first grid column and row
 * it covers; in the header rows (the rows before the first one holding a figure or a `—`/`/` mark) it is also
 * repeated in every other column and row it spans, so each column reads its full header (自然人, 总计 over two
 * rows; 行政复议 over five columns). In value rows the spanned cells stay empty: a repeated row label
 * (`三、本年度办理结果` spanning twenty rows) would be read as a label of every row. Leading empty cells are
 * indentation for the table reader, so the value rows read exactly like the tab layout of a pasted draft.
 *
 * Inside a cell, paragraphs and `<br>` join with nothing between Chinese characters (a wrapped label stays
 * whole: `5.要求行政机关确认或重新` + `出具已获取信息`) and with one space otherwise.
 *
 * A table whose cells hold other tables, headings or lists, or long runs of text, or that has a single cell, lays
 * out the page rather than holding data (old CMS pages wrap the content in such tables): the reader renders its
 * cells as blocks (`isLayoutTable`), so the data tables inside are read as tables.
 *
 * Both renderings of merged header cells (repeated, or only in the first column) read the same on every fixture
 * (the table reader skips header words); repeating them is the form `types.ts` documents for every reader.
 */
import type { HtmlElement } from './html';

export interface GridRow {
  /** 1-based row of the grid (counting every `tr` of the table). */
  readonly index: number;
  /** Offset of the row's `<tr>`. */
  readonly offset: number;
  /** One text per grid column, no tabs or line breaks inside. */
  readonly cells: readonly string[];
}

export interface TableGrid {
  readonly caption: string;
  readonly captionOffset: number;
  /** Rows with at least one non-empty cell. */
  readonly rows: readonly GridRow[];
  /** Images inside the cells (not read). */
  readonly images: number;
}

/** What the page reader knows: which elements are dropped, and the text of a cell (one line, no tabs). */
export interface TableContext {
  readonly dropped: (el: HtmlElement) => boolean;
  readonly cellText: (el: HtmlElement) => string;
}

type Dropped = TableContext['dropped'];

const SECTIONS = new Set(['thead', 'tbody', 'tfoot']);

function elements(el: HtmlElement): HtmlElement[] {
  return el.children.filter((c): c is HtmlElement => typeof c !== 'string');
}

/** The table's own rows (those of nested tables excluded). */
function ownRows(table: HtmlElement, dropped: Dropped): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const c of elements(table)) {
    if (dropped(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (SECTIONS.has(c.name)) for (const r of elements(c)) if (r.name === 'tr' && !dropped(r)) rows.push(r);
  }
  return rows;
}

function ownCells(tr: HtmlElement, dropped: Dropped): HtmlElement[] {
  return elements(tr).filter((c) => (c.name === 'td' || c.name === 'th') && !dropped(c));
}

function hasDescendant(el: HtmlElement, test: (e: HtmlElement) => boolean, dropped: Dropped): boolean {
  for (const c of elements(el)) {
    if (dropped(c)) continue;
    if (test(c) || hasDescendant(c, test, dropped)) return true;
  }
  return false;
}

/** Longest run of text a data cell holds (the longest official label is under 50 characters). */
const MAX_DATA_CELL = 300;

/** Whether the table lays out the page (its cells are regions holding blocks) rather than holding data. */
export function isLayoutTable(table: HtmlElement, { dropped, cellText }: TableContext): boolean {
  const cells = ownRows(table, dropped).flatMap((r) => ownCells(r, dropped));
  if (cells.length <= 1) return true;
  const structural = (e: HtmlElement) => e.name === 'table' || /^h[1-6]$/.test(e.name) || e.name === 'ul' || e.name === 'ol';
  return cells.some((c) => hasDescendant(c, structural, dropped) || cellText(c).length > MAX_DATA_CELL);
}

function span(el: HtmlElement, name: string, max: number): number {
  const v = parseInt(el.attrs[name] ?? '', 10);
  if (!Number.isFinite(v) || v < 1) return name === 'rowspan' && v === 0 ? max : 1;
  return Math.min(v, max);
}

interface Slot {
  readonly text: string;
  /** The slot is the merged cell's first row and column. */
  readonly origin: boolean;
}

/** A figure or an explicit “none” mark: the row holds values, not headers. */
function isValue(text: string): boolean {
  return /^[-+]?[\d０-９][\d０-９,，.．]*%?$/.test(text) || /^[—–\-/／]+$/.test(text);
}

/** Widest grid laid out (official tables have at most 15 columns); cells beyond it are not read. */
const MAX_COLUMNS = 200;

/** Lays the cells of the rows out in the grid `rowspan`/`colspan` define. */
function layOut(rows: readonly HtmlElement[], { dropped, cellText }: TableContext): Slot[][] {
  const grid: Slot[][] = rows.map(() => []);
  rows.forEach((tr, y) => {
    let x = 0;
    for (const cell of ownCells(tr, dropped)) {
      while (grid[y][x]) x++;
      if (x >= MAX_COLUMNS) break;
      const rs = span(cell, 'rowspan', rows.length - y);
      const cs = span(cell, 'colspan', MAX_COLUMNS - x);
      const text = cellText(cell);
      for (let dy = 0; dy < rs; dy++) for (let dx = 0; dx < cs; dx++) grid[y + dy][x + dx] = { text, origin: dy === 0 && dx === 0 };
      x += cs;
    }
  });
  return grid;
}

function countImages(el: HtmlElement, dropped: Dropped): number {
  let n = 0;
  for (const c of elements(el)) if (!dropped(c)) n += (c.name === 'img' ? 1 : 0) + countImages(c, dropped);
  return n;
}

/** The grid of a data table. */
export function tableGrid(table: HtmlElement, ctx: TableContext): TableGrid {
  const { dropped, cellText } = ctx;
  const rows = ownRows(table, dropped);
  const grid = layOut(rows, ctx);
  const width = Math.max(0, ...grid.map((r) => r.length));
  const firstValueRow = grid.findIndex((r) => r.some((s) => s && s.origin && isValue(s.text)));
  const headerRows = firstValueRow < 0 ? grid.length : firstValueRow;
  const out: GridRow[] = [];
  grid.forEach((slots, y) => {
    const cells: string[] = [];
    for (let x = 0; x < width; x++) {
      const s = slots[x];
      cells.push(s && (s.origin || y < headerRows) ? s.text : '');
    }
    if (cells.some((c) => c !== '')) out.push({ index: y + 1, offset: rows[y].start, cells });
  });
  const caption = elements(table).find((c) => c.name === 'caption' && !dropped(c));
  return {
    caption: caption ? cellText(caption) : '',
    captionOffset: caption?.start ?? table.start,
    rows: out,
    images: rows.reduce((n, r) => n + countImages(r, dropped), 0),
  };
}
