/**
 * Splitting run-together digits back into cells by the table's own arithmetic. A web page copied as text loses the
 * space between cells: `（一）予以公开1020300` is seven cells, 1|0|2|0|3|0|0. For each row the digit runs are split
 * into the row's column count (no leading zeros except a lone 0), every split is checked against the row's own
 * identities (总计 = the applicant columns), and the rows are then solved together against the identities between
 * rows (三（七）总计 = its outcome rows, 一+二 = 三（七）+四). Only a unique solution is accepted; the search is
 * bounded and gives up beyond its budget. Pure: no template or report types, only rows, chunks and constraints.
 */

/** What stands in a row where its values belong, in order. */
export type Chunk =
  /** A run of digits that may hold one or more cells (ASCII digits; `start` is the offset of the first). */
  | { readonly kind: 'digits'; readonly digits: string; readonly start: number }
  /** One number written so that it cannot be split (`127.6`, `1,607`): exactly one cell. */
  | { readonly kind: 'number'; readonly value: number; readonly start: number; readonly end: number; readonly raw: string }
  /** A blank marker (`—`, `/`): exactly one missing cell. */
  | { readonly kind: 'missing'; readonly start: number; readonly end: number; readonly raw: string };

export interface SplitRow {
  readonly columns: readonly string[];
  /** Undefined or empty: the row's cells are unknown (a row not in the text). */
  readonly chunks?: readonly Chunk[];
}

/** One cell of a solution: its place in the text, its value (undefined: missing) and whether it was split off a run. */
export interface SplitCell {
  readonly column: string;
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly value?: number;
  /** Cut out of a run of digits that held more than one cell. */
  readonly inferred: boolean;
}

export interface Term {
  readonly row: number;
  readonly column: string;
  readonly coef: 1 | -1;
}

/**
 * Σ coef·value = 0 (`eq`) or ≥ 0 (`ge`). A cell that is missing, or in a row with no chunks, is an unknown
 * non-negative amount: the constraint then only needs to be satisfiable (a total with a blank part is at least the
 * known parts), as the sum rules read it.
 */
export interface Constraint {
  readonly terms: readonly Term[];
  readonly relation: 'eq' | 'ge';
}

export type SplitResult =
  | { readonly kind: 'unique'; readonly rows: readonly (readonly SplitCell[])[] }
  /** No split satisfies the identities (the table has an error, or cells were lost). */
  | { readonly kind: 'none' }
  /** More than one split satisfies them. */
  | { readonly kind: 'ambiguous' }
  /** A run of several cells with no identity on them: any split would be a guess. */
  | { readonly kind: 'unconstrained' }
  /** The search went beyond its budget. */
  | { readonly kind: 'budget' };

/** Digits one cell may have (beyond 15 a count is not held exactly). */
const MAX_CELL_DIGITS = 15;
/** Row splits kept per row after its own identities: more, and the row is hopeless to solve jointly. */
const MAX_ROW_CANDIDATES = 4096;
/** Search steps of one table (row splits and joint assignments together). */
const DEFAULT_BUDGET = 400_000;

interface Budget {
  left: number;
}

/** A row split: one value per column (undefined = missing) with its cells. */
interface Candidate {
  readonly values: readonly (number | undefined)[];
  readonly cells: readonly SplitCell[];
}

/** Solves the rows against the constraints: the unique split, or why there is none. */
export function solveSplits(rows: readonly SplitRow[], constraints: readonly Constraint[], budgetSteps = DEFAULT_BUDGET): SplitResult {
  const budget: Budget = { left: budgetSteps };
  const colIndex = rows.map((r) => new Map(r.columns.map((c, i) => [c, i])));
  // Terms on columns a row does not have are dropped (the template's row has no such cell).
  const cons = constraints
    .map((c) => ({ relation: c.relation, terms: c.terms.filter((t) => t.row >= 0 && t.row < rows.length && colIndex[t.row].has(t.column)) }))
    .filter((c) => c.terms.length >= 2);
  const local = rows.map(() => [] as typeof cons);
  const cross: typeof cons = [];
  for (const c of cons) {
    const r = c.terms[0].row;
    if (c.terms.every((t) => t.row === r)) local[r].push(c);
    else cross.push(c);
  }
  // A run of several cells must be tied down by some identity on every one of its columns.
  const constrained = rows.map(() => new Set<string>());
  for (const c of cons) for (const t of c.terms) constrained[t.row].add(t.column);
  for (let r = 0; r < rows.length; r++) {
    const chunks = rows[r].chunks ?? [];
    if (chunks.length > 0 && chunks.length < rows[r].columns.length && rows[r].columns.some((c) => !constrained[r].has(c))) return { kind: 'unconstrained' };
  }

  const candidates: (Candidate[] | undefined)[] = [];
  for (let r = 0; r < rows.length; r++) {
    const chunks = rows[r].chunks ?? [];
    if (chunks.length === 0) {
      candidates.push(undefined);
      continue;
    }
    const list = rowCandidates(rows[r], chunks, local[r], colIndex[r], budget);
    if (list === 'budget') return { kind: 'budget' };
    if (list.length === 0) return { kind: 'none' };
    candidates.push(list);
  }
  return joint(rows, candidates, cross, colIndex, budget);
}

/** Every split of one row's chunks into its columns that satisfies the row's own constraints. */
function rowCandidates(row: SplitRow, chunks: readonly Chunk[], cons: readonly { relation: 'eq' | 'ge'; terms: readonly Term[] }[], colIndex: ReadonlyMap<string, number>, budget: Budget): Candidate[] | 'budget' {
  const n = row.columns.length;
  if (chunks.length > n) return [];
  let chars = 0;
  for (const c of chunks) chars += c.kind === 'digits' ? c.digits.length : 1;
  if (chars < n) return [];
  // A total whose parts all come before it is not enumerated: its digits must spell the parts' sum.
  const forced = new Map<number, number[]>();
  for (const c of cons) {
    if (c.relation !== 'eq') continue;
    const plus = c.terms.filter((t) => t.coef === 1);
    if (plus.length !== 1) continue;
    const total = colIndex.get(plus[0].column)!;
    const parts = c.terms.filter((t) => t.coef === -1).map((t) => colIndex.get(t.column)!);
    if (parts.every((p) => p < total) && !forced.has(total)) forced.set(total, parts);
  }
  const out: Candidate[] = [];
  const values: (number | undefined)[] = new Array(n);
  const cells: SplitCell[] = new Array(n);
  let overflow = false;
  // Cells left to fill must fit what is left: at least one cell per chunk, at most one per character.
  const charsFrom: number[] = new Array(chunks.length + 1).fill(0);
  for (let k = chunks.length - 1; k >= 0; k--) charsFrom[k] = charsFrom[k + 1] + (chunks[k].kind === 'digits' ? (chunks[k] as { digits: string }).digits.length : 1);

  const visit = (col: number, k: number, pos: number): void => {
    if (overflow) return;
    if (--budget.left < 0) {
      overflow = true;
      return;
    }
    if (col === n) {
      if (k !== chunks.length) return;
      if (cons.every((c) => satisfiable(c.terms, c.relation, (t) => values[colIndex.get(t.column)!], () => undefined))) {
        if (out.length >= MAX_ROW_CANDIDATES) {
          overflow = true;
          return;
        }
        out.push({ values: values.slice(), cells: cells.slice() });
      }
      return;
    }
    if (k >= chunks.length) return;
    const leftCols = n - col;
    const chunk = chunks[k];
    const leftChars = charsFrom[k] - pos;
    if (leftCols > leftChars || leftCols < chunks.length - k) return;
    if (chunk.kind !== 'digits') {
      values[col] = chunk.kind === 'number' ? chunk.value : undefined;
      cells[col] = { column: row.columns[col], start: chunk.start, end: chunk.end, raw: chunk.raw, ...(chunk.kind === 'number' ? { value: chunk.value } : {}), inferred: false };
      visit(col + 1, k + 1, 0);
      return;
    }
    const d = chunk.digits;
    const rest = d.length - pos;
    // The columns after this one need a character each.
    const maxLen = Math.min(MAX_CELL_DIGITS, rest, leftChars - (leftCols - 1));
    const emit = (len: number): void => {
      const raw = d.slice(pos, pos + len);
      if (len > 1 && raw.charCodeAt(0) === 48) return;
      const value = Number(raw);
      values[col] = value;
      cells[col] = { column: row.columns[col], start: chunk.start + pos, end: chunk.start + pos + len, raw, value, inferred: !(pos === 0 && len === d.length) };
      if (len === rest) visit(col + 1, k + 1, 0);
      else visit(col + 1, k, pos + len);
    };
    const parts = forced.get(col);
    if (parts && parts.every((p) => values[p] !== undefined)) {
      let sum = 0;
      for (const p of parts) sum += values[p]!;
      const s = String(sum);
      if (s.length <= rest && d.startsWith(s, pos)) emit(s.length);
      return;
    }
    if (d.charCodeAt(pos) === 48) {
      emit(1);
      return;
    }
    for (let len = 1; len <= maxLen; len++) emit(len);
  };
  visit(0, 0, 0);
  return overflow ? 'budget' : out;
}

/**
 * Whether a constraint can hold: known terms summed, unknown ones (missing cells, rows not read) free non-negative
 * amounts, and terms of rows not yet assigned within [lo, hi].
 */
function satisfiable(
  terms: readonly Term[],
  relation: 'eq' | 'ge',
  value: (t: Term) => number | undefined | null,
  range: (t: Term) => readonly [number, number] | undefined,
): boolean {
  let lo = 0;
  let hi = 0;
  for (const t of terms) {
    const v = value(t);
    if (v === null) {
      // Not assigned yet: its range.
      const r = range(t)!;
      if (t.coef === 1) {
        lo += r[0];
        hi += r[1];
      } else {
        lo -= r[1];
        hi -= r[0];
      }
    } else if (v === undefined) {
      if (t.coef === 1) hi = Infinity;
      else lo = -Infinity;
    } else {
      lo += t.coef * v;
      hi += t.coef * v;
    }
  }
  const eps = 1e-9;
  return relation === 'eq' ? lo <= eps && hi >= -eps : hi >= -eps;
}

/** The rows together: a backtracking search over the rows' candidates, pruned by the ranges of the rows left. */
function joint(
  rows: readonly SplitRow[],
  candidates: readonly (Candidate[] | undefined)[],
  cons: readonly { relation: 'eq' | 'ge'; terms: readonly Term[] }[],
  colIndex: readonly ReadonlyMap<string, number>[],
  budget: Budget,
): SplitResult {
  // Value range of every (row, column) over its candidates; a missing cell makes the upper end unbounded.
  const ranges = candidates.map((list, r) => {
    if (!list) return undefined;
    return rows[r].columns.map((_, ci) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const c of list) {
        const v = c.values[ci];
        if (v === undefined) {
          lo = Math.min(lo, 0);
          hi = Infinity;
        } else {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      return [lo, hi] as const;
    });
  });
  const byRow = rows.map(() => [] as number[]);
  cons.forEach((c, i) => {
    for (const r of new Set(c.terms.map((t) => t.row))) byRow[r].push(i);
  });
  const order = candidates.map((l, r) => ({ r, n: l?.length ?? 0 })).filter((x) => x.n > 0).sort((a, b) => a.n - b.n || a.r - b.r).map((x) => x.r);
  const chosen: (Candidate | undefined)[] = rows.map(() => undefined);
  const value = (t: Term): number | undefined | null => {
    if (!candidates[t.row]) return undefined;
    const c = chosen[t.row];
    return c ? c.values[colIndex[t.row].get(t.column)!] : null;
  };
  const range = (t: Term) => ranges[t.row]![colIndex[t.row].get(t.column)!];
  let found: Candidate[] | undefined;
  let count = 0;
  let overflow = false;
  const visit = (i: number): void => {
    if (count >= 2 || overflow) return;
    if (i === order.length) {
      count++;
      if (count === 1) found = chosen.map((c) => c!);
      return;
    }
    const r = order[i];
    for (const cand of candidates[r]!) {
      if (--budget.left < 0) {
        overflow = true;
        return;
      }
      chosen[r] = cand;
      if (byRow[r].every((ci) => satisfiable(cons[ci].terms, cons[ci].relation, value, range))) visit(i + 1);
      if (count >= 2 || overflow) break;
    }
    chosen[r] = undefined;
  };
  // Constraints on rows none of which has chunks only: nothing to decide (their cells are all unknown).
  visit(0);
  if (overflow) return { kind: 'budget' };
  if (count === 0) return { kind: 'none' };
  if (count > 1) return { kind: 'ambiguous' };
  return { kind: 'unique', rows: rows.map((_, r) => (candidates[r] ? found![r].cells : [])) };
}
