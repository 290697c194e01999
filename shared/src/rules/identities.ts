/**
 * Every arithmetic fact of a report that ties cells together, computed once per report: the template's sums
 * (a total and its parts), the balance of the application table, the old table's 收到 = 办结 = 答复, and each prose
 * figure that names cells. A fix rule asks here which single-cell changes would repair a failing identity
 * without breaking any other that involves the cell, and offers a fix as safe only when that change is unique
 * (or repairs strictly more failing identities than any other: the culprit cell).
 */
import type { Cell } from '../model/types';
import { formatNumber } from '../model/text';
import { matchFigures } from './narrative';
import { SUM_RULES, cellIn, memo, num, round, sumEvaluations, tableViews, type SumEvaluation, type TableView } from './support';
import type { Check } from '../templates/schema';
import type { Fix, Localized, RuleContext } from './types';

export interface Term {
  readonly cell: Cell;
  readonly coef: 1 | -1;
}

/** Σ coef·value(cell) − constant is 0 (`eq`) or at least 0 (`ge`). */
export interface Identity {
  readonly terms: readonly Term[];
  readonly constant: number;
  readonly relation: 'eq' | 'ge';
  readonly source: 'sum' | 'balance' | 'equal' | 'prose';
}

export type Verdict = 'holds' | 'fails' | 'incomplete';

function residual(id: Identity, override?: { cell: Cell; value: number }): number | undefined {
  let r = -id.constant;
  for (const t of id.terms) {
    const v = override && t.cell === override.cell ? override.value : num(t.cell);
    if (v === undefined) return undefined;
    r += t.coef * v;
  }
  return round(r);
}

/** How far from holding: |residual| for an equation, the shortfall for an inequality. */
function distance(id: Identity, override?: { cell: Cell; value: number }): number {
  const r = residual(id, override) ?? 0;
  return id.relation === 'eq' ? Math.abs(r) : Math.max(0, -r);
}

export function verdict(id: Identity, override?: { cell: Cell; value: number }): Verdict {
  const r = residual(id, override);
  if (r === undefined) return 'incomplete';
  return (id.relation === 'eq' ? r === 0 : r >= 0) ? 'holds' : 'fails';
}

/** The identity a sum evaluation states: total − Σ present parts = 0 (or ≥ 0 when parts may fall short). */
export function sumIdentity(ev: SumEvaluation): Identity | undefined {
  if (!ev.total.cell) return undefined;
  const terms: Term[] = [{ cell: ev.total.cell, coef: 1 }];
  for (const p of ev.parts) {
    if (!p.present) continue;
    if (!p.cell) return undefined;
    terms.push({ cell: p.cell, coef: -1 });
  }
  return { terms, constant: 0, relation: ev.check.strictness === 'at-least' ? 'ge' : 'eq', source: 'sum' };
}

/** The identity a `balance` check states in one column: Σ left − Σ right = 0, when every cell is in the table. */
export function balanceIdentity(view: TableView, check: Check, column: string): Identity | undefined {
  const terms: Term[] = [];
  for (const [ids, coef] of [[check.left, 1], [check.right, -1]] as const) {
    for (const rid of ids) {
      const cell = cellIn(view.rows.get(rid), column);
      if (!cell) return undefined;
      terms.push({ cell, coef });
    }
  }
  return { terms, constant: 0, relation: 'eq', source: 'balance' };
}

const cache = new WeakMap<object, { templates: RuleContext['templates']; value: Identity[] }>();

/** Every identity of the report (complete or not). */
export function identities(ctx: RuleContext): Identity[] {
  return memo(cache, ctx, () => {
    const out: Identity[] = [];
    for (const rule of SUM_RULES) {
      for (const ev of sumEvaluations(ctx, rule)) {
        const id = sumIdentity(ev);
        if (id) out.push(id);
      }
    }
    for (const view of tableViews(ctx)) {
      for (const check of view.tt.checks) {
        if (check.kind !== 'balance') continue;
        for (const column of view.table.columns) {
          const id = balanceIdentity(view, check, column);
          if (id) out.push(id);
        }
      }
      if (view.table.kind === 'stats') {
        // 收到申请数, 申请办结数 and 申请答复数 normally count the same applications. These only weigh on fixes
        // (no finding says 收到 ≠ 办结): a change must not break them where they hold.
        for (const [x, y] of [['C1', 'C2'], ['C2', 'C3']]) {
          const a = cellIn(view.rows.get(x), 'value');
          const b = cellIn(view.rows.get(y), 'value');
          if (a && b) out.push({ terms: [{ cell: a, coef: 1 }, { cell: b, coef: -1 }], constant: 0, relation: 'eq', source: 'equal' });
        }
      }
    }
    if (ctx.options.narrative !== false) {
      for (const m of matchFigures(ctx)) {
        const f = m.figure;
        if (f.approx === 'about') continue;
        // A figure that agrees with another cell the author may mean ties no cell down.
        if (m.alternatives.some((a) => (f.approx === 'exact' ? a.value === f.value : f.approx === 'more' ? a.value >= f.value : a.value <= f.value))) continue;
        const sign = f.approx === 'less' ? -1 : 1;
        out.push({
          terms: m.resolved.cells.map((cell) => ({ cell, coef: sign })),
          constant: sign * f.value,
          relation: f.approx === 'exact' ? 'eq' : 'ge',
          source: 'prose',
        });
      }
    }
    return out;
  });
}

const byCellCache = new WeakMap<object, { templates: RuleContext['templates']; value: Map<Cell, Identity[]> }>();

function identitiesByCell(ctx: RuleContext): Map<Cell, Identity[]> {
  return memo(byCellCache, ctx, () => {
    const map = new Map<Cell, Identity[]>();
    for (const id of identities(ctx)) {
      for (const t of id.terms) {
        const list = map.get(t.cell);
        if (list) list.push(id);
        else map.set(t.cell, [id]);
      }
    }
    return map;
  });
}

export interface Repair {
  readonly cell: Cell;
  readonly value: number;
  /** Failing identities this change repairs; it breaks none that held. */
  readonly repairs: number;
}

/** The value of `cell` that makes `id` hold (as an equation), or undefined when it is not a count. */
function solve(id: Identity, cell: Cell): number | undefined {
  const r = residual(id);
  const term = id.terms.find((t) => t.cell === cell);
  const old = num(cell);
  if (r === undefined || !term || old === undefined) return undefined;
  const value = round(old - r / term.coef);
  // Counts stay whole; an identity over amounts with decimals (fees) may need a fractional value.
  const fractional = id.terms.some((x) => !Number.isInteger(num(x.cell) ?? 0)) || !Number.isInteger(id.constant);
  return value >= 0 && (fractional || Number.isInteger(value)) ? value : undefined;
}

/**
 * The single-cell changes that make the failing identity `target` hold and break no identity involving the
 * changed cell that held before (one that failed before may still fail, but not further from true).
 * Each cell appears once.
 */
export function repairs(ctx: RuleContext, target: Identity): Repair[] {
  if (verdict(target) !== 'fails') return [];
  const byCell = identitiesByCell(ctx);
  const out: Repair[] = [];
  for (const t of target.terms) {
    if (out.some((r) => r.cell === t.cell)) continue;
    const value = solve(target, t.cell);
    if (value === undefined) continue;
    const touching = new Set([...(byCell.get(t.cell) ?? []), target]);
    const change = { cell: t.cell, value };
    let repaired = 0;
    let breaks = false;
    for (const id of touching) {
      const before = verdict(id);
      const after = verdict(id, change);
      if (before === 'holds' && after === 'fails') breaks = true;
      if (before === 'fails' && after === 'holds') repaired++;
      // A failing identity may stay failing, but not move further from true (a cell the prose quotes as 15
      // is not "repaired" from 17 to 5).
      if (before === 'fails' && after === 'fails' && distance(id, change) > distance(id)) breaks = true;
    }
    if (breaks || verdict(target, change) !== 'holds') continue;
    out.push({ cell: t.cell, value, repairs: repaired });
  }
  return out;
}

/**
 * Whether writing `value` into `cell` (a blank total, say) breaks no identity through it: each one either holds
 * afterwards or still lacks a figure. Only then is filling it in safe to apply unasked.
 */
export function keepsIdentities(ctx: RuleContext, cell: Cell, value: number): boolean {
  const change = { cell, value };
  return (identitiesByCell(ctx).get(cell) ?? []).every((id) => verdict(id, change) !== 'fails');
}

/**
 * The repair that can be applied unasked: the only one, or the one that repairs strictly more failing
 * identities than any other (the cell two failing sums share).
 */
export function safeRepair(list: readonly Repair[]): Repair | undefined {
  if (list.length === 0) return undefined;
  const best = Math.max(...list.map((r) => r.repairs));
  const top = list.filter((r) => r.repairs === best);
  if (top.length !== 1) return undefined;
  return list.length === 1 || best >= 2 ? top[0] : undefined;
}

/**
 * Fixes for a failing identity: the safe repair alone (preferred), or every candidate as a choice with its
 * condition ("若分项正确：…"), titled by `name(cell)`. `isTotal` tells which cell is the identity's total.
 */
export function repairFixes(ctx: RuleContext, target: Identity, name: (cell: Cell) => string, isTotal: (cell: Cell) => boolean): Fix[] {
  const list = repairs(ctx, target);
  const safe = safeRepair(list);
  const fix = (r: Repair, isSafe: boolean): Fix => ({ title: repairTitle(r, name(r.cell), isTotal(r.cell), isSafe, list.length), edits: [{ span: r.cell.span, newText: formatNumber(r.value) }], safe: isSafe });
  if (safe) return [fix(safe, true), ...list.filter((r) => r !== safe).map((r) => fix(r, false))];
  return list.map((r) => fix(r, false));
}

function repairTitle(r: Repair, name: string, total: boolean, safe: boolean, candidates: number): Localized {
  const v = formatNumber(r.value);
  const change = total ? { zh: `将合计改为 ${v}`, en: `Change the total to ${v}` } : { zh: `将“${name}”改为 ${v}`, en: `Change "${name}" to ${v}` };
  if (safe || candidates === 1) return change;
  return total
    ? { zh: `若分项正确：${change.zh}`, en: `If the parts are right: ${change.en}` }
    : { zh: `若其余各格正确：${change.zh}`, en: `If the other cells are right: ${change.en}` };
}
