/**
 * The label index of the templates: each template table's indicators by normalised label and alias, its header
 * words and markers, built once per template set and shared by every reading.
 */
import type { TableKind } from '../types';
import type { Indicator, TableTemplate, Template } from '../../templates/schema';
import { foldWidth, labelNumbering, normalizeLabel, stripSpaces } from '../text';

export const UNIT_WORDS = new Set(['条', '件', '次', '个', '人', '人次', '篇', '万元', '元', '期', '份', '项', '家', '场', '——', '—', '-', '/']);

export const GENERIC_HEADER_WORDS = [
  '统计指标', '指标', '指标名称', '单位', '计量单位', '统计数', '数量', '项目', '序号', '信息内容', '申请人情况',
  '法人或其他组织', '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '备注', '小计', '合计',
];

// ---------------------------------------------------------------------------------------------
// Tokenising


export interface IndicatorKey {
  readonly ind: Indicator;
  readonly index: number;
  readonly norms: readonly string[];
  readonly numbering: string;
}

export interface PreparedTable {
  readonly template: Template;
  readonly table: TableTemplate;
  readonly keys: readonly IndicatorKey[];
  /** Indicators by normalised label or alias. */
  readonly byNorm: ReadonlyMap<string, readonly IndicatorKey[]>;
  /** The table's structure (indicators, their columns, the table's columns): equal signatures read alike. */
  readonly signature: string;
  /** Column ids in template order. */
  readonly columnIds: readonly string[];
  /** Column id by normalised header label (a 小计 column is `sub`). */
  readonly columnByLabel: ReadonlyMap<string, string>;
  readonly headerWords: ReadonlySet<string>;
  readonly markers: readonly string[];
}

export const prepared = new WeakMap<Template, PreparedTable[]>();

export function prepare(template: Template): PreparedTable[] {
  let p = prepared.get(template);
  if (p) return p;
  p = template.tables.map((table) => {
    const keys = table.indicators.map((ind, index) => ({
      ind,
      index,
      norms: [ind.label, ...ind.aliases].map(normalizeLabel).filter((s) => s !== ''),
      numbering: labelNumbering(ind.label),
    }));
    const headerWords = new Set<string>(
      [...GENERIC_HEADER_WORDS, ...table.headerMarkers, ...table.columns.flatMap((c) => [c.label, ...c.aliases])]
        .map(normalizeLabel)
        .filter((s) => s !== ''),
    );
    const byNorm = new Map<string, IndicatorKey[]>();
    for (const k of keys) {
      for (const n of new Set(k.norms)) {
        const list = byNorm.get(n) ?? [];
        list.push(k);
        byNorm.set(n, list);
      }
    }
    const signature = JSON.stringify([table.kind, table.columns.map((c) => [c.id, c.label, c.aliases]), table.indicators.map((i) => [i.id, i.label, i.aliases, i.role, i.columns])]);
    const columnByLabel = new Map<string, string>();
    for (const c of table.columns) for (const l of [c.label, ...c.aliases]) columnByLabel.set(normalizeLabel(l), c.id);
    columnByLabel.set('小计', 'sub');
    return {
      template, table, keys, byNorm, signature, columnIds: table.columns.map((c) => c.id), columnByLabel, headerWords,
      markers: table.headerMarkers.map((m) => stripSpaces(foldWidth(m))),
    };
  });
  prepared.set(template, p);
  return p;
}

export const kindMarkerCache = new WeakMap<PreparedTable, string[]>();
export function otherKindMarkers(pt: PreparedTable): string[] {
  let m = kindMarkerCache.get(pt);
  if (m) return m;
  m = prepare(pt.template)
    .filter((o) => o.table.kind !== pt.table.kind)
    .flatMap((o) => o.markers)
    .filter((x) => !pt.markers.includes(x) && !pt.headerWords.has(normalizeLabel(x)) && x.length >= 4);
  kindMarkerCache.set(pt, m);
  return m;
}


const markerKindsCache = new WeakMap<readonly PreparedTable[], { readonly marker: string; readonly kind: TableKind }[]>();

/** The distinct (header marker of two characters or more, table kind) pairs of the tables, in table order. */
export function markerKinds(all: readonly PreparedTable[]): { readonly marker: string; readonly kind: TableKind }[] {
  let list = markerKindsCache.get(all);
  if (!list) {
    list = [];
    const seen = new Set<string>();
    for (const pt of all) {
      for (const m of pt.markers) {
        const key = `${pt.table.kind}\u0000${m}`;
        if (m.length < 2 || seen.has(key)) continue;
        seen.add(key);
        list.push({ marker: m, kind: pt.table.kind });
      }
    }
    markerKindsCache.set(all, list);
  }
  return list;
}

const firstStartsCache = new WeakMap<readonly PreparedTable[], Set<string>>();

/** First characters of every table's first row label (`一、…`, `第二十条…`): a cheap test before normalising a line. */
export function firstLabelStarts(all: readonly PreparedTable[]): Set<string> {
  let set = firstStartsCache.get(all);
  if (!set) {
    set = new Set(all.map((pt) => foldWidth(pt.keys[0]?.ind.label.trim() ?? '').charAt(0)).filter((c) => c !== ''));
    firstStartsCache.set(all, set);
  }
  return set;
}

let lastTemplates: readonly Template[] = [];
let lastAll: PreparedTable[] = [];

/** The prepared tables of all templates, newest format first (cached while the same templates are passed). */
export function preparedAll(templates: readonly Template[]): PreparedTable[] {
  if (templates.length !== lastTemplates.length || templates.some((t, i) => t !== lastTemplates[i])) {
    lastTemplates = [...templates];
    // Newest first: when two formats read a table equally well, the current one wins.
    lastAll = [...templates].sort((a, b) => b.years.from - a.years.from).flatMap(prepare);
  }
  return lastAll;
}


/** Words a table may start with: header markers of two characters or more, and each table's first value row label. */
export interface StartWords {
  readonly markers: readonly string[];
  readonly firsts: readonly string[];
}

const startWordsCache = new WeakMap<readonly PreparedTable[], StartWords>();

/** Every table kind's start words at once (run-together windows and items are tested against all of them). */
export function startWords(all: readonly PreparedTable[]): StartWords {
  let w = startWordsCache.get(all);
  if (!w) {
    w = {
      markers: [...new Set(all.flatMap((pt) => pt.markers).filter((m) => m.length >= 2))],
      firsts: [...new Set(all.flatMap((pt) => pt.keys.find((k) => k.ind.role === 'value')?.norms ?? []))],
    };
    startWordsCache.set(all, w);
  }
  return w;
}

/** The markers of `markerKinds` by their first character, for finding every marker a line shows in one pass. */
export interface MarkerIndex {
  readonly list: readonly { readonly marker: string; readonly kind: TableKind }[];
  /** 1 where some marker starts with this UTF-16 code unit. */
  readonly starts: Uint8Array;
  /** Indices into `list` by the marker's first code unit. */
  readonly byFirst: ReadonlyMap<number, readonly number[]>;
}

const markerIndexCache = new WeakMap<readonly PreparedTable[], MarkerIndex>();

export function markerIndex(all: readonly PreparedTable[]): MarkerIndex {
  let index = markerIndexCache.get(all);
  if (!index) {
    const list = markerKinds(all);
    const starts = new Uint8Array(0x10000);
    const byFirst = new Map<number, number[]>();
    list.forEach(({ marker }, i) => {
      const c = marker.charCodeAt(0);
      starts[c] = 1;
      const l = byFirst.get(c);
      if (l) l.push(i);
      else byFirst.set(c, [i]);
    });
    index = { list, starts, byFirst };
    markerIndexCache.set(all, index);
  }
  return index;
}

/** Whether each marker of the index occurs in `text` (by index into `list`), in one pass over the text. */
export function markersIn(index: MarkerIndex, text: string): Uint8Array {
  const found = new Uint8Array(index.list.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (index.starts[c] === 0) continue;
    for (const k of index.byFirst.get(c)!) if (found[k] === 0 && text.startsWith(index.list[k].marker, i)) found[k] = 1;
  }
  return found;
}
