/**
 * The document outline: numbered sections nested by level, each official table under the
 * section that holds it, and the table's rows beneath the table. Editor-neutral; the server
 * turns it into LSP `DocumentSymbol`s.
 */
import type { Report, Section, Span, Table, TableRow } from '../model/types';
import { covers, formatNumber, pick, tableName, templateById, type FeatureLocale } from './util';

export interface OutlineNode {
  /** What the editor shows, never empty: `三、收到和处理政府信息公开申请情况`, a table name, a row label. */
  readonly name: string;
  /** A short extra text: the template of a table, the values of a row. */
  readonly detail?: string;
  readonly kind: 'section' | 'table' | 'row';
  /** The whole node: the section through its end, the table, the row. */
  readonly span: Span;
  /** The part to select when the node is picked: the heading number and title, the first row, the label. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineNode[];
}

interface MutableNode {
  name: string;
  detail?: string;
  kind: 'section' | 'table' | 'row';
  span: Span;
  selectionSpan: Span;
  children: MutableNode[];
}

/** Builds the outline. Never throws; an empty report gives an empty list. */
export function outline(report: Report, locale: FeatureLocale = 'zh'): OutlineNode[] {
  // Editors ask for the outline of one version many times (breadcrumbs, Outline view, sticky scroll).
  let perLocale = outlineCache.get(report);
  if (!perLocale) {
    perLocale = new Map();
    outlineCache.set(report, perLocale);
  }
  let nodes = perLocale.get(locale);
  if (!nodes) {
    nodes = buildOutline(report, locale);
    perLocale.set(locale, nodes);
  }
  return nodes;
}

const outlineCache = new WeakMap<Report, Map<FeatureLocale, OutlineNode[]>>();

function buildOutline(report: Report, locale: FeatureLocale): OutlineNode[] {
  const roots: MutableNode[] = report.sections.map((s) => sectionNode(s));
  for (const table of report.tables) {
    const node = tableNode(table, locale);
    const parent = deepestSectionNode(roots, table.span);
    if (parent) insertSorted(parent.children, node);
    else insertSorted(roots, node);
  }
  for (const root of roots) growToChildren(root);
  return roots;
}

/** A parent's span covers its children's spans (an editor may reject a child outside its parent). */
function growToChildren(node: MutableNode): void {
  for (const child of node.children) {
    growToChildren(child);
    node.span = { start: Math.min(node.span.start, child.span.start), end: Math.max(node.span.end, child.span.end) };
  }
}

function sectionNode(section: Section): MutableNode {
  const title = section.title.trim();
  const name = `${section.numberText}${title}`.trim() || section.numberText || '§';
  const selStart = section.numberSpan.start;
  const selEnd = Math.max(section.titleSpan.end, section.numberSpan.end);
  return {
    name,
    kind: 'section',
    span: normalise(section.span, section.headingSpan),
    selectionSpan: { start: selStart, end: selEnd },
    children: section.children.map((c) => sectionNode(c)),
  };
}

function tableNode(table: Table, locale: FeatureLocale): MutableNode {
  const rows = table.rows.filter((r) => r.label.trim() !== '' || r.cells.length > 0);
  const first = rows[0];
  const selection = first ? clamp(first.labelSpan, table.span) : { start: table.span.start, end: table.span.start };
  return {
    name: tableName(table, locale) || table.kind,
    detail: formatLabel(table, locale),
    kind: 'table',
    span: table.span,
    selectionSpan: selection,
    children: rows.map((r, i) => rowNode(r, i, table.span, locale)),
  };
}

/** The format a table was read as, as a person names it, never the template id. */
const FORMAT_LABELS: Record<string, { zh: string; en: string }> = {
  gov2014: { zh: '2014—2018年格式', en: '2014–2018 format' },
  gov2019: { zh: '2019年试行格式', en: '2019 trial format' },
  gov2021: { zh: '2021年格式', en: '2021 format' },
};

function formatLabel(table: Table, locale: FeatureLocale): string {
  const known = FORMAT_LABELS[table.template];
  if (known) return pick(known, locale);
  const template = templateById(table.template);
  return template ? pick(template.name, locale) : '';
}

function rowNode(row: TableRow, index: number, tableSpan: Span, locale: FeatureLocale): MutableNode {
  const label = row.label.trim();
  const name = label || (locale === 'en' ? `row ${index + 1}` : `第${index + 1}行`);
  const numbers = row.cells.filter((c) => c.state === 'number' && c.value !== undefined).map((c) => formatNumber(c.value as number));
  const detail = numbers.slice(0, 8).join(' ') + (numbers.length > 8 ? ' …' : '');
  const span = clamp(row.span, tableSpan);
  return {
    name,
    ...(detail ? { detail } : {}),
    kind: 'row',
    span,
    selectionSpan: clamp(row.labelSpan, span),
    children: [],
  };
}

/** The deepest section node whose span holds `span`. */
function deepestSectionNode(nodes: readonly MutableNode[], span: Span): MutableNode | undefined {
  for (const node of nodes) {
    if (node.kind !== 'section' || !covers(node.span, { start: span.start, end: span.start })) continue;
    return deepestSectionNode(node.children, span) ?? node;
  }
  return undefined;
}

function insertSorted(list: MutableNode[], node: MutableNode): void {
  let i = list.length;
  while (i > 0 && list[i - 1].span.start > node.span.start) i--;
  list.splice(i, 0, node);
}

/** A section span always contains its heading. */
function normalise(span: Span, heading: Span): Span {
  return { start: Math.min(span.start, heading.start), end: Math.max(span.end, heading.end) };
}

/** `inner` cut to lie inside `outer` (selection ranges must be inside the node's range). */
function clamp(inner: Span, outer: Span): Span {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  const end = Math.min(Math.max(inner.end, start), outer.end);
  return { start, end };
}
