/**
 * Culprit folding: when several findings (of one rule or of several) have the same safe fix, a one-cell change
 * that repairs them all, the cell that change writes is the culprit. The findings are folded into one finding
 * on that cell, which names it, keeps each original as related information and carries the one fix.
 *
 * This is a view over the rules' findings, done after every rule ran and suppressions were applied: the rules
 * themselves stay independent (switching a rule off removes only its own findings from the unfolded list), and
 * `fold: false` returns the unfolded list.
 */
import type { Cell, Span } from '../model/types';
import { columnName, rowName, tableViews } from './support';
import type { Finding, Fix, Localized, RelatedSpan, RuleContext, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The one-cell safe fix of a finding, if it has one. */
function culpritFix(f: Finding): Fix | undefined {
  const fix = f.fixes?.find((x) => x.safe);
  return fix && fix.edits.length === 1 ? fix : undefined;
}

const editKey = (fix: Fix): string => {
  const e = fix.edits[0];
  return `${e.span.start}:${e.span.end}:${e.newText}`;
};

/** Folds findings that share a safe one-cell fix; every other finding is returned as it was, in order. */
export function foldCulprits(ctx: RuleContext, findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const fix = culpritFix(f);
    if (!fix) continue;
    const k = editKey(fix);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  const folded = new Map<Finding, Finding | null>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const merged = mergeGroup(ctx, group);
    if (!merged) continue;
    folded.set(group[0], merged);
    for (const f of group.slice(1)) folded.set(f, null);
  }
  if (folded.size === 0) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const m = folded.get(f);
    if (m === undefined) out.push(f);
    else if (m !== null) out.push(m);
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}

function mergeGroup(ctx: RuleContext, group: readonly Finding[]): Finding | undefined {
  const fix = culpritFix(group[0])!;
  const edit = fix.edits[0];
  const cell = cellAt(ctx, edit.span);
  if (!cell) return undefined;
  const lead = [...group].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0];
  const value = edit.newText;
  const old = cell.raw || '（空）';
  const oldEn = cell.raw || '(blank)';
  const name = cellName(ctx, cell);
  const related: RelatedSpan[] = group.map((f) => ({ span: f.span, message: f.message }));
  // The other choices the folded findings offered (never applied unasked), once each.
  const seen = new Set([editKey(fix)]);
  const others: Fix[] = [];
  for (const f of group) {
    for (const x of f.fixes ?? []) {
      const k = x.edits.map((e) => `${e.span.start}:${e.span.end}:${e.newText}`).join('|');
      if (seen.has(k)) continue;
      seen.add(k);
      others.push({ ...x, safe: false });
    }
  }
  const message: Localized = {
    zh: `${name.zh}应为 ${value}，此处为 ${old}：${group.length} 处核对不符都指向此格，改此一格即全部成立。`,
    en: `${name.en} should be ${value}, not ${oldEn}: ${group.length} failing checks point at this cell, and changing it alone repairs them all.`,
  };
  return {
    ruleId: lead.ruleId,
    severity: lead.severity,
    span: cell.span,
    message,
    related,
    expected: Number(value),
    ...(cell.state === 'number' && cell.value !== undefined ? { actual: cell.value } : {}),
    fixes: [fix, ...others],
    data: { culprit: true, folded: group.map((f) => f.ruleId) },
  };
}

function cellAt(ctx: RuleContext, span: Span): Cell | undefined {
  for (const view of tableViews(ctx)) {
    for (const row of view.table.rows) {
      for (const c of row.cells) if (c.span.start === span.start && c.span.end === span.end) return c;
    }
  }
  return undefined;
}

/** `“收到申请数”` or `“本年新收…”行“自然人”列` when the table has several columns. */
function cellName(ctx: RuleContext, cell: Cell): Localized {
  for (const view of tableViews(ctx)) {
    for (const row of view.table.rows) {
      if (!row.cells.includes(cell)) continue;
      const r = row.indicator ? rowName(view, row.indicator) : row.label.trim();
      if (view.table.columns.length <= 1) return { zh: `“${r}”`, en: `"${r}"` };
      const c = columnName(view, cell.column);
      return { zh: `“${r}”行“${c}”列`, en: `"${c}" of row "${r}"` };
    }
  }
  return { zh: '此格', en: 'This cell' };
}

