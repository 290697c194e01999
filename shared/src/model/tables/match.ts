/** Matching a cell item to a template indicator by its label (never by position). */
import { type Item, normOf } from './items';
import { labelNumbering } from '../text';
import type { IndicatorKey, PreparedTable } from './templateIndex';

export function matchIndicator(pt: PreparedTable, it: Item, cursor: number, used: ReadonlySet<number>): IndicatorKey | undefined {
  const norm = normOf(it);
  if (norm === '') return undefined;
  const keys = pt.byNorm.get(norm);
  if (!keys) return undefined;
  const numbering = norm.length <= 2 ? labelNumbering(it.text) : '';
  let behind: IndicatorKey | undefined;
  for (const k of keys) {
    // Very short labels (`总计`, `其他`) are also column heads: they match only with their numbering.
    if (norm.length <= 2 && k.numbering !== numbering) continue;
    if (k.index >= cursor) return k;
    if (!used.has(k.index) && !behind) behind = k;
  }
  return behind;
}

/** Unit words a run-together label may end with (`（一）收到申请数件3`). */
export const RUN_UNITS = ['人次', '万元', '条', '件', '次', '个', '人', '篇', '元', '期', '份', '项', '家', '场'];

/**
 * Looser matching for run-together text, where a label may carry the unit cell after it (`收到申请数件`) or the
 * header words before it (`现行有效件数规章`): the label with a unit word dropped, else the longest indicator label
 * (three characters at least, or one without numbering) the text ends with, after nothing that reads as prose.
 */
export function matchRunTogether(pt: PreparedTable, it: Item, cursor: number, used: ReadonlySet<number>): IndicatorKey | undefined {
  const norm = normOf(it);
  if (norm === '' || norm.length > 120) return undefined;
  for (const u of RUN_UNITS) {
    if (norm.length > u.length + 1 && norm.endsWith(u)) {
      const keys = pt.byNorm.get(norm.slice(0, -u.length));
      const k = keys && pick(keys);
      if (k) return k;
    }
  }
  let best: IndicatorKey[] = [];
  let bestLen = 0;
  for (const k of pt.keys) {
    for (const kn of k.norms) {
      if (kn.length <= bestLen || kn.length >= norm.length || !norm.endsWith(kn)) continue;
      if (kn.length < 3 && k.numbering !== '') continue;
      const prefix = norm.slice(0, norm.length - kn.length);
      if (prefix.length > 60 || /[。，；！？,;:：]/.test(prefix)) continue;
      best = [k];
      bestLen = kn.length;
    }
    if (bestLen > 0 && best[0] !== k && k.norms.some((kn) => kn.length === bestLen && norm.endsWith(kn))) best.push(k);
  }
  return best.length ? pick(best) : undefined;

  function pick(keys: readonly IndicatorKey[]): IndicatorKey | undefined {
    let behind: IndicatorKey | undefined;
    for (const k of keys) {
      if (k.index >= cursor) return k;
      if (!used.has(k.index) && !behind) behind = k;
    }
    return behind;
  }
}

