/**
 * Reading rows: the items after an anchor are matched against one template table; each matched label opens a row
 * and the value items that follow become its cells, placed by the row's columns.
 */
import type { Cell, Span, TableLayout, TableRow } from '../types';
import { type Item, type ItemSource, compactText, itemHasNumbering, itemIsNote, itemLooksNarrative, normOf } from './items';
import { matchIndicator, matchRunTogether } from './match';
import { type IndicatorKey, type PreparedTable, otherKindMarkers, UNIT_WORDS } from './templateIndex';

export interface RowDraft {
  key?: IndicatorKey;
  label: string;
  labelSpan: Span;
  values: Item[];
  unit?: string;
  invalid: Item[];
  /** Value cells beyond the row's columns: the columns cannot be told apart, so the row keeps none. */
  overflow: number;
  /** The physical line of the label (cells on the same line of a delimited layout belong to the row). */
  line: number;
  /** Index of the row's last item so far (run-together cells must follow each other). */
  last?: number;
}

export interface ParseResult {
  readonly rows: TableRow[];
  /** Index of the last item that belongs to the table. */
  readonly lastItem: number;
  readonly score: number;
  readonly matched: number;
  readonly withNumbers: number;
}

export function columnsOf(pt: PreparedTable, key: IndicatorKey | undefined, order?: readonly string[]): readonly string[] {
  if (key?.ind.columns && key.ind.columns.length > 0) return key.ind.columns;
  return order ?? pt.columnIds;
}

/**
 * Column ids when the header shows a 小计 (subtotal of 法人或其他组织) column that the official table does not
 * have: it stands after 其他 and before 总计. (Header reading order is no guide: multi-row headers put 总计 in the first row.)
 */
export function headerOrder(pt: PreparedTable, seen: readonly string[]): string[] | undefined {
  if (pt.table.kind !== 'requests' || !seen.includes('sub')) return undefined;
  const ids = pt.table.columns.map((c) => c.id);
  const tot = ids.indexOf('tot');
  return tot < 0 ? undefined : [...ids.slice(0, tot), 'sub', ...ids.slice(tot)];
}

/** The value items of run-together rows, split into cells only when the whole table is solved (`solveRunTogether`). */
export const pendingRuns = new WeakMap<TableRow, readonly Item[]>();
/** Run-together rows with figures that could not be theirs (after other words, or more than the row holds). */
export const brokenRuns = new WeakSet<TableRow>();

export function finishRow(pt: PreparedTable, d: RowDraft, layout: TableLayout, blankIsCell: boolean, order?: readonly string[]): TableRow {
  const cols = columnsOf(pt, d.key, order);
  const cells: Cell[] = [];
  let unit = d.unit;
  if (layout === 'run-together') {
    const row: TableRow = {
      indicator: d.key ? d.key.ind.id : undefined,
      label: d.label,
      labelSpan: d.labelSpan,
      unit: undefined,
      cells,
      span: { start: d.labelSpan.start, end: Math.max(d.labelSpan.end, ...d.values.map((v) => v.span.end)) },
    };
    pendingRuns.set(row, d.values.filter((v) => v.text !== ''));
    if (d.overflow > 0) brokenRuns.add(row);
    return row;
  }
  if (pt.table.kind === 'stats') {
    // [unit?, value]: a unit word (or an empty unit cell) before the value.
    let vals = d.values;
    if (vals.length >= 2) {
      const u = vals[0];
      if (UNIT_WORDS.has(u.text) || u.text === '' || u.value.kind === 'missing') {
        unit = u.text || unit;
        vals = vals.slice(1);
      }
    } else if (vals.length === 1 && UNIT_WORDS.has(vals[0].text) && vals[0].value.kind !== 'number' && vals[0].text !== '/' && vals[0].text !== '-') {
      unit = vals[0].text;
      vals = [];
    }
    const v = vals[0];
    if (v) cells.push(toCell(cols[0], v));
    else if (d.invalid[0]) cells.push(toCell(cols[0], d.invalid[0]));
  } else {
    // Empty cells of a spanned label column (`| | （七）总计 | | 16 |…`) or trailing empty cells are not values:
    // the values are d.values[a, b).
    const vals = d.values;
    let a = 0;
    let b = vals.length;
    while (b - a > cols.length && vals[a].text === '') a++;
    while (b - a > cols.length && vals[b - 1].text === '') b--;
    const n = b - a;
    // When blanks vanish from the layout, a short row cannot be placed column by column; nor can a row with
    // more values than columns (an extra 小计 column, a stray figure): keep no cells rather than guess.
    const ambiguous = (layout === 'cell-lines' && !blankIsCell && n > 0 && n < cols.length) || n > cols.length || d.overflow > 0;
    if (!ambiguous) {
      for (let i = 0; i < cols.length && i < n; i++) if (cols[i] !== 'sub') cells.push(toCell(cols[i], vals[a + i]));
    }
  }
  const last = cells.length > 0 ? cells[cells.length - 1].span.end : d.values.length > 0 ? d.values[d.values.length - 1].span.end : d.labelSpan.end;
  // One object shape for every row (optional fields set to undefined) keeps property access monomorphic.
  const firstStart = cells.length > 0 ? cells[0].span.start : d.labelSpan.start;
  return {
    indicator: d.key ? d.key.ind.id : undefined,
    label: d.label,
    labelSpan: d.labelSpan,
    unit: unit || undefined,
    cells,
    span: { start: d.labelSpan.start < firstStart ? d.labelSpan.start : firstStart, end: last > d.labelSpan.end ? last : d.labelSpan.end },
  };
}

export function toCell(column: string, it: Item): Cell {
  const v = it.value;
  if (v.kind === 'number') {
    return {
      column,
      raw: it.text,
      span: { start: it.span.start + v.numberStart, end: it.span.start + v.numberEnd },
      state: 'number',
      value: v.value,
    };
  }
  if (v.kind === 'missing') return { column, raw: it.text, span: it.span, state: 'missing' };
  return { column, raw: it.text, span: it.span, state: 'invalid' };
}

export function parseRows(pt: PreparedTable, items: ItemSource, layout: TableLayout, blankIsCell: boolean): ParseResult {
  const rows: TableRow[] = [];
  const used = new Set<number>();
  let cursor = 0;
  let current: RowDraft | undefined;
  let lastGood = -1;
  let unmatchedRun = 0;
  let stray = 0;
  let matched = 0;
  let withNumbers = 0;
  let unmatchedRows = 0;
  const otherMarkers = otherKindMarkers(pt);
  const seenHeader: string[] = [];
  let order: string[] | undefined;
  const columnByLabel = pt.columnByLabel;
  const expected = (d: RowDraft | undefined) => (d ? (pt.table.kind === 'stats' ? 2 : columnsOf(pt, d.key, order).length) : 0);
  const runTogether = layout === 'run-together';

  const close = (i: number) => {
    if (!current) return;
    const row = finishRow(pt, current, layout, blankIsCell, order);
    rows.push(row);
    if (current.key) {
      matched++;
      // Figures on a value row are evidence of the right format; figures on a group label are not.
      if (current.key.ind.role === 'value' && (row.cells.some((c) => c.state === 'number') || (pendingRuns.get(row)?.length ?? 0) > 0)) withNumbers++;
      lastGood = Math.max(lastGood, i);
    } else {
      unmatchedRows++;
    }
    current = undefined;
  };

  let i = 0;
  let sinceMatch = 0;
  // No official table has more than a few hundred cells: a reading that runs on for thousands is not a table,
  // and one that goes on for long without a single known row label has left the table (or never entered one).
  for (; i < MAX_TABLE_ITEMS; i++) {
    if (stray > 16 || ++sinceMatch > MAX_ITEMS_WITHOUT_ROW || --budget.left < 0) break;
    const it = items.get(i);
    if (!it) break;
    if (it.value.kind !== 'text') {
      if (!current && pt.table.kind === 'review' && (it.value.kind === 'number' || (runTogether && it.value.kind === 'overlong') || blankPipeRow(items, i, pt.columnIds.length))) {
        const key = pt.keys[0];
        current = { key, label: '', labelSpan: { start: it.span.start, end: it.span.start }, values: [], invalid: [], overflow: 0, line: it.line, last: i - 1 };
        used.add(key.index);
      }
      const room = current ? expected(current) + (pt.table.kind === 'stats' ? 0 : 4) : 0;
      if (runTogether && current && current.last !== i - 1) {
        // Run-together cells follow their label or each other; figures after other words (prose, a header) are not the row's.
        if (it.text !== '') current.overflow++;
        continue;
      }
      if (runTogether && current) current.last = i;
      if (current && current.values.length < room) {
        // Multi-column rows keep a few surplus items: leading/trailing empty cells are trimmed when the row closes.
        current.values.push(it);
        if (current.key && current.values.length <= expected(current)) lastGood = i;
      } else if (current?.key && pt.table.kind !== 'stats' && it.text !== '') {
        current.overflow++;
        stray++;
      } else if (it.text !== '') {
        stray++;
        if (stray > 16) break;
      }
      continue;
    }
    const key = matchIndicator(pt, it, cursor, used) ?? (runTogether ? matchRunTogether(pt, it, cursor, used) : undefined);
    if (key) {
      sinceMatch = 0;
      close(i - 1);
      current = { key, label: it.text, labelSpan: it.span, values: [], invalid: [], overflow: 0, line: it.line, last: i };
      used.add(key.index);
      cursor = key.index + 1;
      unmatchedRun = 0;
      stray = 0;
      lastGood = i;
      continue;
    }
    if (pt.table.kind === 'stats' && current && UNIT_WORDS.has(it.text) && current.values.length < expected(current)) {
      current.values.push(it);
      continue;
    }
    const norm = normOf(it);
    if (matched === 0 && columnByLabel.has(norm)) {
      seenHeader.push(columnByLabel.get(norm)!);
      order = headerOrder(pt, seenHeader);
    }
    if (itemIsNote(it) || pt.headerWords.has(norm) || norm === '') {
      if (current?.key && itemIsNote(it)) lastGood = Math.max(lastGood, i);
      continue;
    }
    if (matched > 0 && otherMarkers.length > 0) {
      const compact = compactText(it);
      if (otherMarkers.some((m) => compact.includes(m))) break;
    }
    if (runTogether && !/[。！？；，,;]/.test(norm) && pt.markers.some((m) => m.length >= 2 && compactText(it).includes(m))) {
      // Header words run together (`申请人情况自然人法人或其他组织…总计`): the header, not a row.
      continue;
    }
    // (Width folding keeps the length: the compact text is as long as the text without spaces.)
    const sameRow = layout !== 'cell-lines' && current !== undefined && it.line === current.line && compactText(it).length <= 30;
    if (!runTogether && current && current.values.length < expected(current) && (compactText(it).length <= 4 || sameRow) && !itemHasNumbering(it)) {
      // A word where a number belongs: an invalid cell.
      if (pt.table.kind === 'stats') current.invalid.push(it);
      else current.values.push(it);
      if (current.key) lastGood = i;
      continue;
    }
    if (itemLooksNarrative(it)) break;
    close(i - 1);
    unmatchedRun++;
    if (unmatchedRun >= 3) break;
    current = { label: it.text, labelSpan: it.span, values: [], invalid: [], overflow: 0, line: it.line, last: i };
  }
  close(i - 1);
  // Drop unmatched rows after the last matched one: they belong to what follows the table.
  while (rows.length > 0 && rows[rows.length - 1].indicator === undefined) rows.pop();
  return { rows, lastItem: lastGood, score: withNumbers * 3 + matched - unmatchedRows * 2, matched, withNumbers };
}

/**
 * Work budget of one scan, in item visits. Real reports use a tiny fraction of it; a pathological paste
 * (thousands of header lines) stops looking for more tables instead of taking minutes.
 */
export const budget = { left: 0 };

export const MAX_TABLE_LINES = 2500;
export const MAX_ITEMS_WITHOUT_ROW = 150;
export const MAX_TABLE_ITEMS = 4000;


/** The item at `i` starts a row of at least `columns` cells, every one of them blank (the review table's one row, blank). */
function blankPipeRow(items: ItemSource, i: number, columns: number): boolean {
  const it = items.get(i);
  if (!it || it.text !== '' || items.get(i - 1)?.line === it.line) return false;
  let n = 0;
  for (let j = i; ; j++) {
    const next = items.get(j);
    if (!next || next.line !== it.line) break;
    if (next.text !== '') return false;
    n++;
  }
  return n >= columns;
}

