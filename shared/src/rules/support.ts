/** Shared helpers for the table rules: finding cells, evaluating template checks, building fixes. */
import type { Cell, Span, Table, TableRow } from '../model/types';
import type { Check, Indicator, TableTemplate, Template } from '../templates/schema';
import { formatNumber } from '../model/text';
import type { Fix, Localized, RawFinding, RelatedSpan, RuleContext } from './types';
import { repairFixes, sumIdentity } from './identities';

export interface TableView {
  readonly table: Table;
  readonly template: Template;
  readonly tt: TableTemplate;
  readonly rows: ReadonlyMap<string, TableRow>;
  readonly indicators: ReadonlyMap<string, Indicator>;
}

const viewCache = new WeakMap<object, { templates: RuleContext['templates']; views: TableView[] }>();

/** Per-report memo for derived data several rules need (keyed by the report and the templates used). */
export function memo<T>(cache: WeakMap<object, { templates: RuleContext['templates']; value: T }>, ctx: RuleContext, make: () => T): T {
  const hit = cache.get(ctx.report);
  if (hit && hit.templates === ctx.templates) return hit.value;
  const value = make();
  cache.set(ctx.report, { templates: ctx.templates, value });
  return value;
}

/** Every table of the report with its template table and rows by indicator id. */
export function tableViews(ctx: RuleContext): TableView[] {
  const hit = viewCache.get(ctx.report);
  if (hit && hit.templates === ctx.templates) return hit.views;
  const views = buildViews(ctx);
  viewCache.set(ctx.report, { templates: ctx.templates, views });
  return views;
}

function buildViews(ctx: RuleContext): TableView[] {
  const out: TableView[] = [];
  for (const table of ctx.report.tables) {
    const template = ctx.templates.get(table.template);
    const tt = template?.tables.find((t) => t.kind === table.kind);
    if (!template || !tt) continue;
    const rows = new Map<string, TableRow>();
    for (const r of table.rows) if (r.indicator && !rows.has(r.indicator)) rows.set(r.indicator, r);
    out.push({ table, template, tt, rows, indicators: new Map(tt.indicators.map((i) => [i.id, i])) });
  }
  return out;
}

export function cellIn(row: TableRow | undefined, column: string): Cell | undefined {
  return row?.cells.find((c) => c.column === column);
}

export function num(cell: Cell | undefined): number | undefined {
  return cell?.state === 'number' ? cell.value : undefined;
}

/** `（三）申请答复数` → `申请答复数` for messages: the label as printed, without numbering noise. */
export function rowName(view: TableView, id: string): string {
  const ind = view.indicators.get(id);
  const label = ind?.label ?? id;
  // Labels come from the templates (a few hundred strings, none a slice of a document): remembered.
  let name = rowNames.get(label);
  if (name === undefined) {
    if (rowNames.size >= 10_000) rowNames.clear();
    rowNames.set(label, (name = computeRowName(label)));
  }
  return name;
}

const rowNames = new Map<string, string>();

function computeRowName(label: string): string {
  return label.replace(/^[\s\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*/, '').replace(/^其中[:：]/, '').replace(/（[^）]*）$/, '');
}

export function columnName(view: TableView, column: string): string {
  return view.tt.columns.find((c) => c.id === column)?.label ?? column;
}

/** A quick fix that writes `value` into a number cell. */
export function setCellFix(cell: Cell, value: number, title: Localized, safe = true): Fix {
  return { title, edits: [{ span: cell.span, newText: formatNumber(value) }], safe };
}

export interface Operand {
  readonly id: string;
  readonly column: string;
  readonly cell?: Cell;
  /** The row is in the table (a part absent from the table belongs to another variant and is ignored). */
  readonly present: boolean;
}

export interface SumEvaluation {
  readonly view: TableView;
  readonly check: Check;
  /** The total's cell (rows axis: the total row in `column`; columns axis: the total column in `row`). */
  readonly total: Operand;
  readonly parts: readonly Operand[];
  /** Sum of the parts that are numbers. */
  readonly sum: number;
  /** Parts present in the table whose cell is blank or unreadable. */
  readonly missingParts: number;
  readonly column: string;
  readonly row?: TableRow;
}

const evaluationCache = new WeakMap<object, { templates: RuleContext['templates']; value: SumEvaluation[] }>();

/** Every `sum` check of the rule, over every table and column (or row). */
export function sumEvaluations(ctx: RuleContext, rule: string): SumEvaluation[] {
  return allSumEvaluations(ctx).filter((ev) => ev.check.kind === 'sum' && ev.check.rule === rule);
}

/**
 * Every `sum` and `title-sum` check of every table evaluated once per report, whatever rule reports on it: the
 * facts the sum rules, the identities, hover and inlay hints all read.
 */
export function allSumEvaluations(ctx: RuleContext): SumEvaluation[] {
  return memo(evaluationCache, ctx, () => {
    const out: SumEvaluation[] = [];
    for (const view of tableViews(ctx)) {
      for (const check of view.tt.checks) {
        if ((check.kind !== 'sum' && check.kind !== 'title-sum') || !check.total) continue;
        if (check.axis === 'rows') {
          const totalRow = view.rows.get(check.total);
          if (!totalRow) continue;
          for (const column of view.table.columns) {
            const totalCell = cellIn(totalRow, column);
            if (!totalCell) continue;
            const parts = check.parts.map((id) => operand(view, id, column));
            if (!parts.some((p) => p.present)) continue;
            out.push(evaluation(view, check, { id: check.total, column, cell: totalCell, present: true }, parts, column));
          }
        } else {
          for (const row of view.table.rows) {
            if (!row.indicator) continue;
            const ind = view.indicators.get(row.indicator);
            const cols = ind?.columns ?? view.table.columns;
            if (!cols.includes(check.total)) continue;
            const totalCell = cellIn(row, check.total);
            if (!totalCell) continue;
            const parts = check.parts.map((c) => {
              const cell = cellIn(row, c);
              return { id: row.indicator!, column: c, ...(cell ? { cell } : {}), present: cell !== undefined };
            });
            out.push(evaluation(view, check, { id: row.indicator, column: check.total, cell: totalCell, present: true }, parts, check.total, row));
          }
        }
      }
    }
    return out;
  });
}

function operand(view: TableView, id: string, column: string): Operand {
  const row = view.rows.get(id);
  const cell = cellIn(row, column);
  return { id, column, ...(cell ? { cell } : {}), present: row !== undefined || expectedButUnread(view, id) };
}

/**
 * A national value row of the format that the table should have but that was not read (a PDF page lost, a row the
 * reader could not place): an unknown part, like a blank cell, so a sum over it is only reported when the parts
 * that were read already exceed the total. A row of a local variant not in use is no part at all.
 */
function expectedButUnread(view: TableView, id: string): boolean {
  const ind = view.indicators.get(id);
  if (!ind || ind.role !== 'value' || ind.variant) return false;
  const usesVariant = view.table.rows.some((r) => r.indicator !== undefined && view.indicators.get(r.indicator)?.variant);
  return !usesVariant;
}

function evaluation(view: TableView, check: Check, total: Operand, parts: Operand[], column: string, row?: TableRow): SumEvaluation {
  let sum = 0;
  let missingParts = 0;
  for (const p of parts) {
    if (!p.present) continue;
    const v = num(p.cell);
    if (v === undefined) missingParts++;
    else sum += v;
  }
  return { view, check, total, parts, sum: round(sum), missingParts, column, ...(row ? { row } : {}) };
}

export function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** Related spans for the parts of a sum: each part's cell with its label. */
export function partsRelated(ev: SumEvaluation): RelatedSpan[] {
  const out: RelatedSpan[] = [];
  for (const p of ev.parts) {
    if (!p.cell) continue;
    const name = ev.check.axis === 'rows' ? rowName(ev.view, p.id) : columnName(ev.view, p.column);
    out.push({ span: p.cell.span, message: { zh: `分项：${name} = ${p.cell.raw || '（空）'}`, en: `Part: ${name} = ${p.cell.raw || '(blank)'}` } });
  }
  return out;
}

export function describeTotal(ev: SumEvaluation): Localized {
  if (ev.check.axis === 'rows') {
    const col = ev.view.table.columns.length > 1 ? `（${columnName(ev.view, ev.column)}列）` : '';
    const colEn = ev.view.table.columns.length > 1 ? ` (column ${columnName(ev.view, ev.column)})` : '';
    return { zh: `“${rowName(ev.view, ev.total.id)}”${col}`, en: `"${rowName(ev.view, ev.total.id)}"${colEn}` };
  }
  return {
    zh: `“${rowName(ev.view, ev.total.id)}”行“${columnName(ev.view, ev.column)}”列`,
    en: `"${columnName(ev.view, ev.column)}" of row "${rowName(ev.view, ev.total.id)}"`,
  };
}

/**
 * The standard finding for a total that disagrees with its parts: on the total's cell, with the
 * parts as related information and a fix that writes the sum (only when every part is a number).
 */
/** The rules that check template `sum` relations (a total against its parts). */
export const SUM_RULES: readonly string[] = ['sum-mismatch', 'sum-expected-mismatch', 'applicant-total-mismatch', 'outcome-total-mismatch', 'review-total-mismatch'];
export function sumMismatchFinding(ctx: RuleContext, ev: SumEvaluation, extra?: { severity?: RawFinding['severity'] }): RawFinding | undefined {
  const cell = ev.total.cell;
  const total = num(cell);
  if (!cell || total === undefined) return undefined;
  if (ev.missingParts > 0) {
    // Blank parts are unknown: only a known sum already above the total is certain.
    if (ev.sum <= total) return undefined;
  } else if (ev.sum === total) {
    return undefined;
  }
  const what = describeTotal(ev);
  const countTotal = !Number.isInteger(ev.sum) && (ev.view.indicators.get(ev.total.id)?.numeric ?? 'count') === 'count' && (ev.view.tt.columns.find((c) => c.id === ev.column)?.numeric ?? 'count') === 'count';
  const fixes = ev.missingParts === 0 ? sumFixes(ctx, ev, cell, countTotal) : [];
  const hint = ev.missingParts === 0 ? typoHint(total, ev.sum) : undefined;
  // One line with the numbers: what the total should be, from which parts, and what it is. The reason the parts
  // must add up is in the hover and on the rule's page.
  const values = ev.parts.filter((p) => p.present).map((p) => (num(p.cell) === undefined ? '—' : formatNumber(num(p.cell)!)));
  const terms = values.length <= 10 ? values.join('+') : undefined;
  if (ev.missingParts > 0) {
    return finding({
      zh: `${what.zh}为 ${formatNumber(total)}，但已填分项之和已达 ${formatNumber(ev.sum)}${terms ? `（${terms}）` : ''}，超过合计。`,
      en: `${what.en} is ${formatNumber(total)}, but the filled parts alone add up to ${formatNumber(ev.sum)}${terms ? ` (${terms})` : ''}.`,
    });
  }
  if (ev.check.strictness === 'at-least' && ev.sum < total) {
    // Outcomes may legitimately fall short of the total (cases not listed): say what differs, not what is wrong.
    return finding({
      zh: `${what.zh}为 ${formatNumber(total)}，而分项之和为 ${formatNumber(ev.sum)}${terms ? `（${terms}）` : ''}；若无未列情形，二者应相等。`,
      en: `${what.en} is ${formatNumber(total)}, while its parts add up to ${formatNumber(ev.sum)}${terms ? ` (${terms})` : ''}; unless some cases are not listed, they should be equal.`,
    });
  }
  return finding({
    zh: `${what.zh}应为 ${formatNumber(ev.sum)}（${terms ?? `${values.length}个分项之和`}），此处为 ${formatNumber(total)}。${hint ? hint.zh : ''}`,
    en: `${what.en} should be ${formatNumber(ev.sum)} (${terms ?? `the sum of ${values.length} parts`}), not ${formatNumber(total)}.${hint ? ` ${hint.en}` : ''}`,
  });

  function finding(message: Localized): RawFinding {
    return {
      span: cell!.span,
      message,
      expected: ev.sum,
      actual: total!,
      related: partsRelated(ev),
      fixes,
      data: { table: ev.view.table.kind, total: ev.total.id, column: ev.column, parts: ev.parts.map((p) => p.id + ':' + p.column) },
      ...(extra?.severity ? { severity: extra.severity } : {}),
    };
  }
}

/** The name of a cell of a sum for a fix title: the part's row (rows axis) or column (columns axis). */
function operandName(ev: SumEvaluation, cell: Cell): string {
  const p = ev.parts.find((x) => x.cell === cell);
  if (!p) return rowName(ev.view, ev.total.id);
  return ev.check.axis === 'rows' ? rowName(ev.view, p.id) : columnName(ev.view, p.column);
}

/**
 * The fixes of a wrong total: the unique single-cell repair (total or part) as the safe one, otherwise each
 * candidate as a choice; when no single cell repairs it, writing the sum into the total, never unasked.
 */
function sumFixes(ctx: RuleContext, ev: SumEvaluation, cell: Cell, countTotal: boolean): Fix[] {
  const id = sumIdentity(ev);
  const fixes = id ? repairFixes(ctx, id, (c) => operandName(ev, c), (c) => c === cell) : [];
  if (fixes.length === 0) {
    return [setCellFix(cell, ev.sum, { zh: `若分项正确：将合计改为 ${formatNumber(ev.sum)}`, en: `If the parts are right: change the total to ${formatNumber(ev.sum)}` }, false)];
  }
  // A fractional sum of counts means a part is itself wrong (cell-invalid): offer, never apply unasked.
  return countTotal ? fixes.map((f) => ({ ...f, safe: false })) : fixes;
}

/**
 * A hint when two numbers look like one typed wrong: two digits swapped (2831 ↔ 2381) or, from three digits
 * on, one digit different (119 ↔ 111). Small numbers differ by one digit all the time, so they get none.
 */
export function typoHint(actual: number, expected: number): Localized | undefined {
  if (!Number.isInteger(actual) || !Number.isInteger(expected) || actual < 0 || expected < 0 || actual === expected) return undefined;
  const a = String(actual);
  const b = String(expected);
  if (a.length !== b.length) return undefined;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 2 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) {
    return { zh: `疑似数字顺序颠倒（${a} ↔ ${b}）。`, en: `Looks like two digits swapped (${a} ↔ ${b}).` };
  }
  if (diff.length === 1 && a.length >= 3) return { zh: `疑似一位数字有误（${a} ↔ ${b}）。`, en: `Looks like one digit mistyped (${a} ↔ ${b}).` };
  return undefined;
}

export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
