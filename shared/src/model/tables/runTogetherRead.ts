/**
 * Run-together tables: a web page copied as text, the space between cells lost. Rows are read like any other
 * layout, then their digit runs are split by the table's identities (`runSplit.ts`); only a unique solution is kept.
 */
import type { Cell, Span, Table, TableKind, TableRow, TemplateId } from '../types';
import { type Line, compactLine } from '../lines';
import { stripSpaces, hasCjk, foldWidth } from '../text';
import { type Item, type ItemSource, arraySource, compactText, memoFlag, normOf } from './items';
import { hasRunHint, runTogetherItems } from './readers/runTogether';
import { type ParseResult, budget, brokenRuns, MAX_TABLE_ITEMS, MAX_TABLE_LINES, parseRows, pendingRuns } from './rows';
import { type MarkerIndex, type PreparedTable, type StartWords, markerIndex, markersIn, startWords } from './templateIndex';
import { solveSplits, type Chunk, type Constraint, type SplitRow, type Term } from './runSplit';

/** Lines read after the last line with a run, for the rows of a table one per line. */
export const RUN_WINDOW_AFTER = 80;
/** Lines before the first run where the table's header may stand. */
export const RUN_WINDOW_BEFORE = 12;
/** Items of one window at most (a 1 MB paste holds far fewer table items than this). */
export const MAX_RUN_ITEMS = 400_000;
/** Readings that find no table, tried per table kind and window before giving up on it. */
export const MAX_RUN_ATTEMPTS = 64;
/** Share of the format's value rows a run-together reading must have found to be that table. */
export const MIN_RUN_ROW_SHARE = 0.6;

/**
 * Finds tables whose cells ran together on lines no other reading took: a window of lines around each run of
 * digits is tokenised once (`runTogetherItems`), every header word or first label of a table kind in it is tried as
 * the table's start, and a reading is kept only when its runs split into cells in exactly one way that satisfies
 * every identity of the table (`solveRunTogether`). Otherwise the table stays unread, and coverage says so.
 */
export function runTogetherPass(
  lines: readonly Line[],
  all: readonly PreparedTable[],
  tables: Table[],
  regions: Span[],
  htmlLines: ReadonlySet<number>,
  lineOf: (offset: number) => number,
  preferred?: TemplateId,
): void {
  const covered = new Set<number>(htmlLines);
  for (const r of regions) for (let l = lineOf(r.start); l <= lineOf(Math.max(r.start, r.end - 1)); l++) covered.add(l);
  const hint = (j: number): boolean => !covered.has(j) && lines[j].text.length >= 8 && hasRunHint(lines[j].text);
  const kinds = [...new Set(all.map((pt) => pt.table.kind))];
  const words = startWords(all);
  const markers = markerIndex(all);
  let done = 0;
  for (let li = 0; li < lines.length && budget.left > 0; li++) {
    if (!hint(li)) continue;
    let from = li;
    while (from > done && li - from < RUN_WINDOW_BEFORE && !covered.has(from - 1)) from--;
    let last = li;
    let to = li + 1;
    while (to < lines.length && !covered.has(to) && to - from < MAX_TABLE_LINES && to <= last + RUN_WINDOW_AFTER) {
      if (hint(to)) last = to;
      to++;
    }
    done = to;
    li = to - 1;
    // No line of the window shows a table's header word or first label (a phone number in prose): no table starts
    // here, so the window is not tokenised. Every item's compact text is part of its line's, so none is lost.
    if (!windowShowsStart(lines, from, to, words, markers)) continue;
    const items: Item[] = [];
    for (let j = from; j < to && items.length < MAX_RUN_ITEMS; j++) for (const it of runTogetherItems(lines[j])) items.push(it);
    for (const t of readRunTogether(all, kinds, items, preferred)) {
      tables.push(t);
      regions.push(t.span);
    }
  }
}

function windowShowsStart(lines: readonly Line[], from: number, to: number, words: StartWords, markers: MarkerIndex): boolean {
  for (let j = from; j < to; j++) {
    const compact = compactLine(lines[j]);
    if (markersIn(markers, compact).includes(1) || words.firsts.some((f) => compact.includes(f))) return true;
  }
  return false;
}

export function readRunTogether(all: readonly PreparedTable[], kinds: readonly TableKind[], items: readonly Item[], preferred?: TemplateId): Table[] {
  const out: Table[] = [];
  const taken: Span[] = [];
  // Every kind's start words at once: an item that shows none of them is no kind's start (tested once per item).
  const { markers: allMarkers, firsts: allFirsts } = startWords(all);
  const anyStart = (it: Item): boolean => {
    const compact = compactOf(it);
    return compact !== '' && (allMarkers.some((m) => compact.includes(m)) || allFirsts.some((f) => compact.includes(f) && normOf(it) === f));
  };
  for (const kind of kinds) {
    const pts = all.filter((pt) => pt.table.kind === kind);
    const markers = [...new Set(pts.flatMap((pt) => pt.markers).filter((m) => m.length >= 2))];
    const firsts = [...new Set(pts.flatMap((pt) => pt.keys.find((k) => k.ind.role === 'value')?.norms ?? []))];
    let attempts = 0;
    let after = -1;
    for (let a = 0; a < items.length && attempts < MAX_RUN_ATTEMPTS && budget.left > 0; a++) {
      const it = items[a];
      if (a <= after || it.value.kind !== 'text' || !memoFlag(it, 64, anyStart)) continue;
      const compact = compactOf(it);
      if (compact === '' || (!markers.some((m) => compact.includes(m)) && !firsts.some((f) => compact.includes(f) && normOf(it) === f))) continue;
      if (taken.some((s) => it.span.start >= s.start && it.span.start < s.end)) continue;
      attempts++;
      const source = arraySource(items.slice(a, a + MAX_TABLE_ITEMS));
      const read = readRunTogetherAt(pts, source, preferred);
      if (read.table) {
        out.push(read.table);
        taken.push(read.table.span);
        attempts--;
      }
      // A table that is there but does not solve is not read from a later start inside it (a part of it might solve).
      if (read.table || read.there) after = a + Math.max(0, read.lastItem);
    }
  }
  return out;
}

/** The reading of one start: each format's reading, best first, until one solves. */
export function readRunTogetherAt(pts: readonly PreparedTable[], items: ItemSource, preferred?: TemplateId): { table?: Table; lastItem: number; there: boolean } {
  const readings: { pt: PreparedTable; res: ParseResult }[] = [];
  const seen = new Set<string>();
  for (const pt of pts) {
    if (seen.has(pt.signature)) continue;
    seen.add(pt.signature);
    readings.push({ pt, res: parseRows(pt, items, 'run-together', false) });
  }
  readings.sort((x, y) => y.res.score - x.res.score || Number(y.pt.template.id === preferred) - Number(x.pt.template.id === preferred));
  let there = false;
  let lastItem = -1;
  for (const { pt, res } of readings) {
    const solved = solveRunTogether(pt, res, items);
    if (solved === 'not-this-table') continue;
    lastItem = Math.max(lastItem, res.lastItem);
    if (solved === 'unsolved') {
      there = true;
      continue;
    }
    const first = items.get(0)!;
    const end = Math.max(...solved.map((r) => r.span.end));
    return {
      table: { kind: pt.table.kind, template: pt.template.id as TemplateId, layout: 'run-together', span: { start: first.span.start, end }, columns: pt.table.columns.map((c) => c.id), rows: solved },
      lastItem: res.lastItem,
      there,
    };
  }
  return { lastItem, there };
}

/** The item's text width-folded without spaces, '' for text without ideographs (never a header or a label). */
export function compactOf(it: Item): string {
  return hasCjk(it.text) ? compactText(it) : '';
}

/** A value item of a run-together row as a chunk for the splitter, or undefined for a word where figures belong. */
export function toChunk(it: Item): Chunk | undefined {
  const v = it.value;
  const folded = foldWidth(it.text);
  if ((v.kind === 'number' || v.kind === 'overlong') && /^\d+$/.test(folded)) return { kind: 'digits', digits: folded, start: it.span.start };
  if (v.kind === 'number') return { kind: 'number', value: v.value, start: it.span.start + v.numberStart, end: it.span.start + v.numberEnd, raw: it.text };
  if (v.kind === 'missing') return { kind: 'missing', start: it.span.start, end: it.span.end, raw: it.text };
  return undefined;
}

/**
 * The rows of a run-together reading with their cells, when the reading is this table (most of its value rows, no
 * figures on rows it does not know, no 小计 column the format lacks) and its runs split in exactly one way that
 * satisfies every check of the table: sums along rows and columns, the balance, title rows, "of which" rows.
 */
export function solveRunTogether(pt: PreparedTable, res: ParseResult, items: ItemSource): TableRow[] | 'not-this-table' | 'unsolved' {
  const byInd = new Map<string, TableRow>();
  // Figures that cannot be placed: on a row no label names, after other words, beyond the row's cells.
  let stray = false;
  for (const r of res.rows) {
    if (brokenRuns.has(r) || (!r.indicator && (pendingRuns.get(r)?.length ?? 0) > 0)) stray = true;
    if (r.indicator && !byInd.has(r.indicator)) byInd.set(r.indicator, r);
  }
  const national = pt.table.indicators.filter((i) => i.role === 'value' && !i.variant);
  const runsOf = (id: string): number => {
    const row = byInd.get(id);
    return row ? (pendingRuns.get(row)?.length ?? 0) : 0;
  };
  const found = national.filter((i) => runsOf(i.id) > 0).length;
  if (found === 0 || found < Math.ceil(national.length * MIN_RUN_ROW_SHARE)) return 'not-this-table';
  if (stray) return 'unsolved';
  // A header with a 小计 column has one more cell per row than the format: never split into the format's columns.
  const firstLabel = Math.min(...res.rows.map((r) => r.labelSpan.start));
  for (let i = 0; ; i++) {
    const it = items.get(i);
    if (!it || it.span.start >= firstLabel) break;
    if (stripSpaces(it.text).includes('小计')) return 'unsolved';
  }
  const inds = pt.table.indicators;
  const index = new Map(inds.map((ind, i) => [ind.id, i]));
  const usesVariant = res.rows.some((r) => r.indicator && inds[index.get(r.indicator)!]?.variant);
  const splitRows: SplitRow[] = [];
  for (const ind of inds) {
    const row = byInd.get(ind.id);
    const columns = ind.columns && ind.columns.length > 0 ? ind.columns : pt.columnIds;
    if (!row) {
      splitRows.push({ columns });
      continue;
    }
    const chunks: Chunk[] = [];
    for (const it of pendingRuns.get(row) ?? []) {
      const c = toChunk(it);
      if (!c) return 'unsolved';
      chunks.push(c);
    }
    splitRows.push({ columns, chunks });
  }
  // A row of another variant, or a national row the variant in use replaces, is no part at all.
  const part = (id: string): number | undefined => {
    const i = index.get(id);
    if (i === undefined) return undefined;
    const ind = inds[i];
    if (!byInd.has(id) && (ind.variant || (usesVariant && ind.role === 'value'))) return undefined;
    return i;
  };
  const constraints: Constraint[] = [];
  const add = (terms: (Term | undefined)[], relation: 'eq' | 'ge'): void => {
    if (terms[0] === undefined) return;
    constraints.push({ terms: terms.filter((t): t is Term => t !== undefined), relation });
  };
  const term = (id: string, column: string, coef: 1 | -1): Term | undefined => {
    const row = part(id);
    return row === undefined ? undefined : { row, column, coef };
  };
  for (const check of pt.table.checks) {
    if (check.kind === 'balance') {
      for (const c of pt.columnIds) {
        const terms = [...check.left.map((id) => term(id, c, 1)), ...check.right.map((id) => term(id, c, -1))];
        if (terms.every((t) => t !== undefined)) add(terms, 'eq');
      }
    } else if (check.kind === 'subset' && check.total) {
      for (const c of pt.columnIds) for (const p of check.parts) add([term(check.total, c, 1), term(p, c, -1)], 'ge');
    } else if (check.total && check.axis === 'columns') {
      inds.forEach((ind) => {
        for (const p of [check.total!, ...check.parts]) if (!(ind.columns ?? pt.columnIds).includes(p)) return;
        add([term(ind.id, check.total!, 1), ...check.parts.map((p) => term(ind.id, p, -1))], 'eq');
      });
    } else if (check.total) {
      // Sums down the rows (at-least sums too: a shortfall is reported as well, so none may be built in).
      for (const c of pt.columnIds) add([term(check.total, c, 1), ...check.parts.map((p) => term(p, c, -1))], 'eq');
    }
  }
  const solved = solveSplits(splitRows, constraints);
  if (solved.kind !== 'unique') return 'unsolved';
  return res.rows.map((r) => {
    if (!r.indicator) return r;
    const cells: Cell[] = solved.rows[index.get(r.indicator)!].map((c) => ({
      column: c.column,
      raw: c.raw,
      span: { start: c.start, end: c.end },
      state: c.value === undefined ? 'missing' : 'number',
      ...(c.value === undefined ? {} : { value: c.value }),
      ...(c.inferred ? { inferred: true as const } : {}),
    }));
    const end = cells.length > 0 ? Math.max(r.labelSpan.end, cells[cells.length - 1].span.end) : r.labelSpan.end;
    return { ...r, cells, span: { start: r.labelSpan.start, end } };
  });
}
