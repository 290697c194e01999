/**
 * Hover texts: what a table row counts, its unit and template, the meaning of a column, the
 * computed sum of a total cell, and the table value behind a figure in the prose.
 */
import type { Cell, Figure, Report, Section, Span, Table, TableRow, TemplateId } from '../model/types';
import { reportCoverage, TABLE_LABELS } from '../rules/coverage';
import type { Finding, RuleContext } from '../rules/types';
import type { TableTemplate, Template } from '../templates/schema';
import { allSumEvaluations, num, round, rowName, tableViews } from '../rules/support';
import { matchFigures } from '../rules/narrative';
import { identities } from '../rules/identities';
import { builtinTemplates } from '../templates/load';
import {
  columnOf, figureAt, formatNumber, indicatorOf, md, overlaps, pick, tableAt, tableName, tableTemplate, templateById,
  type FeatureLocale,
} from './util';

export interface HoverInfo {
  /** The text the hover is about: a cell, a row label or a figure. */
  readonly span: Span;
  /** Markdown, in the requested language. */
  readonly markdown: string;
}

const T = {
  unit: { zh: '单位', en: 'Unit' },
  parent: { zh: '上级指标', en: 'Under' },
  column: { zh: '列', en: 'Column' },
  value: { zh: '数值', en: 'Value' },
  missing: { zh: '未填写（空白不等于 0）', en: 'not filled in (blank is not 0)' },
  invalid: { zh: '不是有效数字', en: 'not a valid number' },
  template: { zh: '模板', en: 'Template' },
  table: { zh: '表格', en: 'Table' },
  sum: { zh: '分项之和', en: 'Sum of the parts' },
  stated: { zh: '表中数值', en: 'Stated' },
  agrees: { zh: '一致', en: 'agrees' },
  differs: { zh: '不一致', en: 'differs' },
  partsMissing: { zh: '部分分项未填写', en: 'some parts are blank' },
  expected: { zh: '应为', en: 'expected' },
  actual: { zh: '实为', en: 'found' },
  figure: { zh: '正文数字', en: 'Figure in the text' },
  approx: { zh: '约数', en: 'approximate' },
  unmatched: { zh: '未匹配到模板指标', en: 'not matched to a template indicator' },
  balance: { zh: '勾稽关系', en: 'Balance' },
  inTable: { zh: '表中对应', en: 'In the table' },
  inferred: { zh: '此数字由表内勾稽关系推算（原文数字连写）', en: 'This figure was inferred from the table\'s own identities (the original runs the figures together)' },
} as const;

const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '⛔', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/** The hover at `offset`, or undefined when there is nothing to say. Never throws. */
export function hover(
  report: Report,
  offset: number,
  locale: FeatureLocale = 'zh',
  findings: readonly Finding[] = [],
  templates: ReadonlyMap<TemplateId, Template> = builtinTemplates(),
  /** Include the findings at the offset (false for an editor that shows diagnostics in the hover itself). */
  showFindings = true,
): HoverInfo | undefined {
  const shown = showFindings ? findings : [];
  const ctx: RuleContext = { report, templates, options: {} };
  try {
    const hit = tableAt(report, offset);
    if (hit?.row) {
      return hit.cell
        ? cellHover(ctx, hit.table, hit.row, hit.cell, locale, shown)
        : labelHover(hit.table, hit.row, locale, shown);
    }
    const figure = figureAt(report, offset);
    if (figure) return figureHover(ctx, figure, locale, shown);
    // A table's header, or the heading of the section that holds tables: what was read of them.
    if (hit) return coverageHover(report, templates, [hit.table], hit.table.span, locale);
    const heading = headingAt(report.sections, offset);
    if (heading) {
      const tables = report.tables.filter((t) => t.span.start >= heading.span.start && t.span.start < heading.span.end);
      if (tables.length > 0) return coverageHover(report, templates, tables, heading.headingSpan, locale);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function headingAt(sections: readonly Section[], offset: number): Section | undefined {
  for (const s of sections) {
    if (offset >= s.headingSpan.start && offset <= s.headingSpan.end) return s;
    if (offset >= s.span.start && offset < s.span.end) return headingAt(s.children, offset);
  }
  return undefined;
}

/** `表三（收到和处理申请）：已读取 175/175 格` — what the checker read of these tables, so a reader knows what was checked. */
function coverageHover(report: Report, templates: ReadonlyMap<TemplateId, Template>, tables: readonly Table[], span: Span, locale: FeatureLocale): HoverInfo | undefined {
  const coverage = reportCoverage(report, templates);
  const lines: string[] = [];
  for (const table of tables) {
    const c = coverage.tables.find((x) => x.kind === table.kind);
    if (!c) continue;
    const name = md(pick(TABLE_LABELS[c.kind], locale));
    const cells = c.cells ? `${c.cells.read}/${c.cells.expected}` : '';
    const missing = c.missingRows?.length ? (locale === 'en' ? `; not found: ${c.missingRows.map(md).join(', ')}` : `；未读到：${c.missingRows.map((r) => `“${md(r)}”`).join('、')}`) : '';
    if (c.inferred) {
      // Cells cut out of digits run together: read by the table's identities, so not checked against them.
      lines.push(locale === 'en'
        ? `**${name}**: ${cells} cells, ${c.inferred} of them inferred from the table's identities (figures run together in the original); its totals not checked independently${missing}`
        : `**${name}**：${cells} 格，其中 ${c.inferred} 格由表内勾稽关系推算（原文数字连写），合计关系未独立核对${missing}`);
      continue;
    }
    lines.push(c.state === 'read'
      ? (locale === 'en' ? `**${name}**: read, ${cells} cells; every figure checked` : `**${name}**：已读取 ${cells} 格，数字均已核对`)
      : (locale === 'en' ? `**${name}**: read in part, ${cells} cells${missing}; those figures are not checked` : `**${name}**：只读到 ${cells} 格${missing}，这些数字未核对`));
  }
  return lines.length ? { span, markdown: lines.join('\n\n') } : undefined;
}

function t(key: keyof typeof T, locale: FeatureLocale): string {
  return pick(T[key], locale);
}

/** `单位：件` / `Unit: 件`. */
function kv(key: keyof typeof T, value: string, locale: FeatureLocale): string {
  return `${t(key, locale)}${locale === 'en' ? ': ' : '：'}${value}`;
}

function paren(text: string, locale: FeatureLocale): string {
  return locale === 'en' ? ` (${text})` : `（${text}）`;
}

/** The heading lines shared by label and cell hovers: indicator name, what it counts, unit, parent. */
function rowLines(table: Table, row: TableRow, tt: TableTemplate | undefined, locale: FeatureLocale): string[] {
  const indicator = indicatorOf(tt, row.indicator);
  const lines: string[] = [];
  const name = indicator?.label || row.label.trim() || tableName(table, locale);
  lines.push(`**${md(name)}**`);
  if (indicator) {
    lines.push('', md(pick(indicator.hover, locale)));
    const unit = indicator.unit || row.unit;
    const facts: string[] = [];
    if (unit && unit !== '——') facts.push(kv('unit', md(unit), locale));
    const parent = indicatorOf(tt, indicator.parent);
    if (parent) facts.push(kv('parent', md(parent.label), locale));
    if (facts.length) lines.push('', facts.join(' · '));
  } else if (row.label.trim()) {
    lines.push('', `_${t('unmatched', locale)}_`);
  }
  return lines;
}

function footer(table: Table, template: Template | undefined, locale: FeatureLocale): string {
  const name = template ? pick(template.name, locale) : table.template;
  return `${kv('table', md(tableName(table, locale)), locale)} · ${kv('template', md(name), locale)}`;
}

function findingLines(findings: readonly Finding[], span: Span, locale: FeatureLocale): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    if (!overlaps(f.span, span)) continue;
    // The message already carries the numbers; no rule id (the editor shows the diagnostic's code itself).
    lines.push(`${SEVERITY_ICON[f.severity] ?? ''} ${md(pick(f.message, locale))}`.trim());
  }
  return lines;
}

function labelHover(table: Table, row: TableRow, locale: FeatureLocale, findings: readonly Finding[]): HoverInfo {
  const template = templateById(table.template);
  const tt = tableTemplate(template, table.kind);
  const lines = rowLines(table, row, tt, locale);
  const notes = findingLines(findings, row.labelSpan, locale);
  if (notes.length) lines.push('', ...notes.flatMap((n) => ['', n]).slice(1));
  lines.push('', '---', footer(table, template, locale));
  return { span: row.labelSpan, markdown: lines.join('\n') };
}

function cellHover(ctx: RuleContext, table: Table, row: TableRow, cell: Cell, locale: FeatureLocale, findings: readonly Finding[]): HoverInfo {
  const template = templateById(table.template);
  const tt = tableTemplate(template, table.kind);
  // The sum first (what the reader came for), then what is wrong, then what the indicator counts.
  const covering = findings.filter((f) => overlaps(f.span, cell.span));
  const lines: string[] = [];
  const sums = tt ? totalLines(ctx, cell, locale, covering) : [];
  if (sums.length) lines.push(...sums, '');
  const notes = findingLines(covering, cell.span, locale);
  if (notes.length) lines.push(...notes.flatMap((n) => ['', n]).slice(1), '', '---', '');
  lines.push(...rowLines(table, row, tt, locale));
  if (table.columns.length > 1 || (tt && tt.columns.length > 1)) {
    const column = columnOf(tt, cell.column);
    const label = column?.label || cell.column;
    lines.push('', `${kv('column', `**${md(label)}**`, locale)}${column ? ` — ${md(pick(column.hover, locale))}` : ''}`);
  }
  // The value, unless the sum line already states it.
  if (!sums.some((l) => l.includes(t('stated', locale)))) {
    const value = cell.state === 'number' && cell.value !== undefined
      ? `**${formatNumber(cell.value)}**`
      : cell.state === 'missing' ? t('missing', locale) : `${t('invalid', locale)}${paren(md(cell.raw), locale)}`;
    lines.push('', kv('value', value, locale));
  }
  if (cell.inferred) lines.push('', `_${t('inferred', locale)}_`);
  lines.push('', '---', footer(table, template, locale));
  return { span: cell.span, markdown: lines.join('\n') };
}

/**
 * For a cell that is the total of a sum (or in a row of a balance), the computed value against the stated one,
 * from the same evaluations the rules use.
 */
function totalLines(ctx: RuleContext, cell: Cell, locale: FeatureLocale, covering: readonly Finding[]): string[] {
  const lines: string[] = [];
  const ev = allSumEvaluations(ctx).find((e) => e.total.cell === cell && e.parts.some((p) => p.present));
  if (ev) {
    const present = ev.parts.filter((p) => p.present);
    const stated = num(cell);
    const terms = present.map((p) => (num(p.cell) === undefined ? '—' : formatNumber(num(p.cell)!))).join(' + ');
    const ok = stated !== undefined && stated === ev.sum;
    const verdict = stated === undefined ? '' : ok ? ` ✓ ${t('agrees', locale)}` : ` ✗ ${t('differs', locale)}`;
    lines.push(`${kv('sum', `${terms} = **${formatNumber(ev.sum)}**`, locale)}${locale === 'en' ? '; ' : '；'}${kv('stated', stated === undefined ? '—' : `**${formatNumber(stated)}**`, locale)}${verdict}`);
    if (ev.missingParts > 0) lines.push('', `_${t('partsMissing', locale)}_`);
    // The reason once: a finding on this cell already says it.
    const reason = pick(ev.check.reason, locale);
    if (reason && !covering.some((f) => pick(f.message, locale).includes(reason))) lines.push('', `_${md(reason)}_`);
    return lines;
  }
  const balance = identities(ctx).find((id) => id.source === 'balance' && id.terms.some((x) => x.cell === cell));
  if (!balance) {
    // A part of an "of which" relation: why it cannot exceed its total.
    const row = tableViews(ctx).flatMap((v) => v.table.rows.filter((r) => r.cells.includes(cell)).map((r) => ({ v, r })))[0];
    const subset = row?.r.indicator ? row.v.tt.checks.find((c) => c.kind === 'subset' && c.parts.includes(row.r.indicator!)) : undefined;
    const why = subset ? pick(subset.reason, locale) : '';
    if (why) lines.push(`_${md(why)}_`);
    return lines;
  }
  const view = tableViews(ctx).find((v) => v.table.rows.some((r) => r.cells.includes(cell)));
  if (!view) return lines;
  const side = (coef: 1 | -1): { name: string; value: number | undefined } => {
    const terms = balance.terms.filter((x) => x.coef === coef);
    let value: number | undefined = 0;
    for (const x of terms) value = value === undefined || num(x.cell) === undefined ? undefined : value + num(x.cell)!;
    const name = terms.map((x) => md(indicatorOf(view.tt, view.table.rows.find((r) => r.cells.includes(x.cell))?.indicator)?.label ?? '?')).join(' + ');
    return { name, value: value === undefined ? undefined : round(value) };
  };
  const left = side(1);
  const right = side(-1);
  const shown = (v: number | undefined): string => (v === undefined ? '—' : `**${formatNumber(v)}**`);
  const verdict = left.value !== undefined && right.value !== undefined ? (left.value === right.value ? ` ✓ ${t('agrees', locale)}` : ` ✗ ${t('differs', locale)}`) : '';
  lines.push(`${kv('balance', '', locale)}${left.name} = ${shown(left.value)}${locale === 'en' ? '; ' : '；'}${right.name} = ${shown(right.value)}${verdict}`);
  const check = view.tt.checks.find((c) => c.kind === 'balance');
  const reason = check ? pick(check.reason, locale) : '';
  if (reason && !covering.some((f) => pick(f.message, locale).includes(reason))) lines.push('', `_${md(reason)}_`);
  return lines;
}

function figureHover(ctx: RuleContext, figure: Figure, locale: FeatureLocale, findings: readonly Finding[]): HoverInfo {
  const lines: string[] = [];
  const approx = figure.approx === 'exact' ? '' : paren(t('approx', locale), locale);
  lines.push(`${kv('figure', `**${md(figure.raw)}**`, locale)}${figure.unit ? ` ${md(figure.unit)}` : ''}${approx}`);
  if (figure.raw.replace(/[,，\s]/g, '') !== formatNumber(figure.value)) lines.push('', `= ${formatNumber(figure.value)}${figure.unit ? ` ${md(figure.unit)}` : ''}`);
  // The table cell (or cells) the figure is compared with, from the same matching the rule uses.
  const m = matchFigures(ctx).find((x) => x.figure.span.start === figure.span.start && x.figure.span.end === figure.span.end);
  if (m) {
    const names = m.resolved.cells.map((c) => {
      const row = m.resolved.view.table.rows.find((r) => r.cells.includes(c));
      return md(row?.indicator ? rowName(m.resolved.view, row.indicator) : row?.label.trim() ?? '?');
    });
    const same = figure.approx === 'exact' ? figure.value === m.resolved.value : undefined;
    const verdict = same === undefined ? '' : same ? ` ✓ ${t('agrees', locale)}` : ` ✗ ${t('differs', locale)}`;
    lines.push('', `${kv('inTable', `${[...new Set(names)].join(' + ')} = **${formatNumber(m.resolved.value)}**`, locale)}${verdict}`);
  }
  const related = findings.filter((f) => overlaps(f.span, figure.span));
  const preferred = related.filter((f) => f.ruleId === 'figure-table-mismatch');
  const notes = findingLines(preferred.length ? preferred : related, figure.span, locale);
  if (notes.length) lines.push('', ...notes.flatMap((n) => ['', n]).slice(1));
  return { span: figure.span, markdown: lines.join('\n') };
}
