/**
 * Table detection and reading. Every layout real drafts come in is first turned into a stream of
 * cell items (text + span); rows are then found by matching labels against a template's
 * indicators (never by position), and the value cells that follow a label become its cells.
 */
import type { Cell, Span, Table, TableKind, TableLayout, TableRow, TemplateId } from './types';
import type { Indicator, TableTemplate, Template } from '../templates/schema';
import { type Line, foldedLine, isBlank, isPageFurniture, isWsCode, leadingWs } from './lines';
import { cellValue, foldWidth, hasCjk, labelNumbering, normalizeLabel, stripSpaces, type CellValue } from './text';
import { solveSplits, type Chunk, type Constraint, type SplitRow, type Term } from './runSplit';

/** One cell of text in reading order. */
interface Item {
  readonly text: string;
  /** The trimmed text (for an empty cell: an empty span where it stands). */
  readonly span: Span;
  readonly line: number;
  readonly value: CellValue;
  /** `normalizeLabel(text)`, computed once on first use (every template variant reads the same items). */
  norm: string | undefined;
  /** `stripSpaces(foldWidth(text))`, computed once on first use. */
  compact: string | undefined;
  /** Memoised tests of the text: bit 1 computed / 2 set for isNote, 4/8 looksNarrative, 16/32 label numbering. */
  flags: number;
}

function newItem(text: string, span: Span, line: number, value: CellValue): Item {
  // One object shape for every item (memo fields present from the start) keeps property access monomorphic.
  return { text, span, line, value, norm: undefined, compact: undefined, flags: 0 };
}

function compactText(it: Item): string {
  if (it.compact === undefined) it.compact = stripSpaces(foldWidth(it.text));
  return it.compact;
}

function memoFlag(it: Item, bit: number, test: (it: Item) => boolean): boolean {
  if ((it.flags & bit) === 0) it.flags |= bit | (test(it) ? bit << 1 : 0);
  return (it.flags & (bit << 1)) !== 0;
}

const noteTest = (it: Item): boolean => isNoteCompact(compactText(it));
const narrativeTest = (it: Item): boolean => looksNarrativeCompact(compactText(it));
const numberingTest = (it: Item): boolean => labelNumbering(it.text) !== '';

function itemIsNote(it: Item): boolean {
  return memoFlag(it, 1, noteTest);
}

function itemLooksNarrative(it: Item): boolean {
  return memoFlag(it, 4, narrativeTest);
}

function itemHasNumbering(it: Item): boolean {
  return memoFlag(it, 16, numberingTest);
}

/** Items in reading order, produced on demand (a failed anchor never tokenises more than it reads). */
interface ItemSource {
  get(i: number): Item | undefined;
}

function arraySource(items: readonly Item[]): ItemSource {
  return { get: (i) => items[i] };
}

function normOf(it: Item): string {
  if (it.norm === undefined) it.norm = normalizeLabel(it.text);
  return it.norm;
}

const UNIT_WORDS = new Set(['条', '件', '次', '个', '人', '人次', '篇', '万元', '元', '期', '份', '项', '家', '场', '——', '—', '-', '/']);

const GENERIC_HEADER_WORDS = [
  '统计指标', '指标', '指标名称', '单位', '计量单位', '统计数', '数量', '项目', '序号', '信息内容', '申请人情况',
  '法人或其他组织', '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '备注', '小计', '合计',
];

// ---------------------------------------------------------------------------------------------
// Tokenising

/** Decodes the HTML entities met in pasted tables; returns the character and the entity length. */
function htmlEntity(s: string, i: number): [string, number] | undefined {
  const m = /^&(nbsp|amp|lt|gt|quot|apos|emsp|ensp|#\d+|#x[0-9a-f]+);/i.exec(s.slice(i, i + 10));
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  const map: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", emsp: ' ', ensp: ' ' };
  let ch = map[name];
  if (ch === undefined) {
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    ch = Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    if (ch.length !== 1) ch = ' ';
  }
  return [ch, m[0].length];
}

/** Visible text of an HTML fragment with the original offset of each visible character. */
function visibleText(text: string, start: number, end: number): { chars: string; offsets: number[] } {
  let chars = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '<') {
      const close = text.indexOf('>', i);
      if (close < 0 || close >= end) break;
      const tag = text.slice(i, close + 1).toLowerCase();
      if (/^<(br|\/p|\/div)\b/.test(tag)) {
        chars += ' ';
        offsets.push(i);
      }
      i = close + 1;
      continue;
    }
    if (c === '&') {
      const ent = htmlEntity(text, i);
      if (ent) {
        chars += ent[0];
        offsets.push(i);
        i += ent[1];
        continue;
      }
    }
    chars += c;
    offsets.push(i);
    i++;
  }
  return { chars, offsets };
}

/** The item of `text[start, end)` trimmed of white space (incl. U+3000, NBSP), its span moved by `offset`. */
function makeItem(text: string, start: number, end: number, line: number, offset = 0): Item {
  let s = start;
  let e = end;
  while (s < e && isWsCode(text.charCodeAt(s))) s++;
  while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
  const t = text.slice(s, e);
  return newItem(t, { start: s + offset, end: e + offset }, line, cellValue(t));
}

/** Items of the `<td>`/`<th>` cells of one HTML `<table>` between `start` and `end`. */
function htmlItems(text: string, start: number, end: number, lineOf: (offset: number) => number): Item[] {
  const items: Item[] = [];
  const cellRe = /<t([dh])\b[^>]*>([\s\S]*?)(?=<\/t[dh]\s*>|<t[dh]\b|<\/tr\s*>|<\/table\s*>)/gi;
  const body = text.slice(start, end);
  let m: RegExpExecArray | null;
  while ((m = cellRe.exec(body)) !== null) {
    const innerStart = start + m.index + m[0].length - m[2].length;
    const innerEnd = innerStart + m[2].length;
    const { chars, offsets } = visibleText(text, innerStart, innerEnd);
    let a = 0;
    let b = chars.length;
    while (a < b && /[\s\u3000\u00a0]/.test(chars[a])) a++;
    while (b > a && /[\s\u3000\u00a0]/.test(chars[b - 1])) b--;
    const t = chars.slice(a, b);
    let span: Span;
    if (a < b) {
      const s = offsets[a];
      const e = offsets[b - 1] + 1;
      // Only when the visible text is contiguous in the source is its span exact; otherwise use the digits' run.
      span = text.slice(s, e) === t ? { start: s, end: e } : contiguousSpan(text, s, e, t);
    } else {
      span = { start: innerStart, end: innerStart };
    }
    items.push(newItem(t, span, lineOf(span.start), cellValue(t)));
  }
  return items;
}

function contiguousSpan(text: string, s: number, e: number, t: string): Span {
  const at = text.indexOf(t, s);
  if (at >= 0 && at + t.length <= e + 64) return { start: at, end: at + t.length };
  return { start: s, end: e };
}

/** Splits one line into cell items according to the layout. */
function lineItems(line: Line, layout: TableLayout, blankIsCell: boolean): Item[] {
  const t = line.text;
  if (isBlank(line)) {
    // A line holding only a tab is an empty cell copied from a table; a truly empty line is one only where blanks are cells.
    const emptyCell = (blankIsCell && layout === 'cell-lines') || (layout === 'tabs' && t.includes('\t'));
    return emptyCell ? [makeItem(t, t.length, t.length, line.index, line.start)] : [];
  }
  const out: Item[] = [];
  const trimmed = t.trim();
  if (trimmed.startsWith('|') || (layout === 'pipes' && trimmed.includes('|'))) {
    if (/^\|?[\s:|\-—]+\|?$/.test(trimmed) && trimmed.includes('-')) return [];
    let first = t.indexOf('|');
    const lastBar = t.lastIndexOf('|');
    if (!trimmed.startsWith('|')) first = -1;
    let segStart = first + 1;
    for (let i = segStart; i <= t.length; i++) {
      if (i === t.length || t[i] === '|') {
        if (i === t.length && i > lastBar + 1 && t.slice(lastBar + 1).trim() === '') break;
        if (i === t.length && lastBar === t.length - 1) break;
        out.push(makeItem(t, segStart, i, line.index, line.start));
        segStart = i + 1;
      }
    }
    return out;
  }
  if (t.includes('\t')) {
    let segStart = 0;
    const fields: Item[] = [];
    for (let i = 0; i <= t.length; i++) {
      if (i === t.length || t[i] === '\t') {
        fields.push(makeItem(t, segStart, i, line.index, line.start));
        segStart = i + 1;
      }
    }
    // Leading tabs are indentation (or an empty spanned label cell): drop leading empty fields (one slice:
    // shifting them one by one is quadratic on a line of thousands of tabs).
    let first = 0;
    while (first < fields.length - 1 && fields[first].text === '') first++;
    return splitTrailingValues(first > 0 ? fields.slice(first) : fields, t, line.start);
  }
  // Space-aligned columns: runs of two or more spaces (or U+3000) separate cells.
  const re = CELL_GAP;
  const lead = leadingWs(t);
  let segStart = lead;
  let m: RegExpExecArray | null;
  re.lastIndex = lead;
  while ((m = re.exec(t)) !== null) {
    if (m.index + m[0].length >= t.length) break;
    if (m.index > segStart) out.push(makeItem(t, segStart, m.index, line.index, line.start));
    segStart = m.index + m[0].length;
  }
  out.push(makeItem(t, segStart, t.length, line.index, line.start));
  return splitTrailingValues(out, t, line.start);
}

const CELL_GAP = /[ \u3000\u00a0]{2,}/g;

/** `（一）予以公开 5 0 0 …`: a label followed by single-space separated values becomes separate items. */
/** Whether the text ends as a trailing value can once width-folded (`\d[\d,]*` or `[-—/]+`): a digit, comma, dash or slash. */
function endsLikeValue(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 0x2c || c === 0xff0c || c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x2f || c === 0xff0f;
}

function splitTrailingValues(items: Item[], lineText: string, offset: number): Item[] {
  let plain = true;
  for (const it of items) if (it.value.kind === 'text' && endsLikeValue(it.text) && hasCjk(it.text)) plain = false;
  if (plain) return items;
  const out: Item[] = [];
  for (const it of items) {
    if (it.value.kind !== 'text' || !endsLikeValue(it.text) || !hasCjk(it.text)) {
      out.push(it);
      continue;
    }
    const m = /^(.*?[^\s\d,.+\-—/])((?:\s+(?:[+-]?\d[\d,]*(?:\.\d+)?|[-—/]+))+)$/.exec(foldWidth(it.text));
    if (!m || /[(（][^)）]*$/.test(m[1])) {
      out.push(it);
      continue;
    }
    const base = it.span.start - offset;
    out.push(makeItem(lineText, base, base + m[1].length, it.line, offset));
    const re = /\S+/g;
    let v: RegExpExecArray | null;
    const tail = m[2];
    const tailStart = base + m[1].length;
    while ((v = re.exec(tail)) !== null) out.push(makeItem(lineText, tailStart + v.index, tailStart + v.index + v[0].length, it.line, offset));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run-together text (a web page's text dump): `（一）予以公开1020300（二）部分公开…`

function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

const GROUP = /^[0-9０-９]{3}(?![0-9０-９])/;

/** Parenthesised stretches closed within this many characters hold label text (`计1条`), never cells. */
const MAX_PAREN = 60;

/**
 * Where a text run is cut: a numbering that starts a label (`三、`, `（一）`; not after 第, as in `第二十条第（一）项`),
 * and the start of a new sentence.
 */
const INNER_NUMBERING = /[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|(?<=[。！？；])[^。！？；]/g;

/**
 * Items of a line whose cells lost the space between them: runs of digits (split off the text around them) and the
 * text between, cut where a label's numbering starts. A digit right before `.`/`、` and a label is that label's
 * numbering (`00000002.其他法律…`); digits in a short parenthesis belong to the label.
 */
function runTogetherItems(line: Line): Item[] {
  const t = line.text;
  const n = t.length;
  const inParen = new Uint8Array(n);
  let open = -1;
  for (let i = 0; i < n; i++) {
    const c = t[i];
    if (c === '（' || c === '(') open = i;
    else if ((c === '）' || c === ')') && open >= 0) {
      if (i - open <= MAX_PAREN) inParen.fill(1, open, i + 1);
      open = -1;
    }
  }
  const out: Item[] = [];
  const text = (a: number, b: number): void => {
    if (b <= a) return;
    INNER_NUMBERING.lastIndex = 0;
    const seg = t.slice(a, b);
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = INNER_NUMBERING.exec(seg)) !== null) {
      if (m[0].length === 0) break;
      if (m.index > 0 && seg[m.index - 1] !== '第' && seg.slice(from, m.index).trim() !== '') {
        pushItem(a + from, a + m.index);
        from = m.index;
      }
    }
    pushItem(a + from, b);
  };
  const pushItem = (a: number, b: number): void => {
    while (a < b && /[\s\u3000\u00a0\ufeff]/.test(t[a])) a++;
    while (b > a && /[\s\u3000\u00a0]/.test(t[b - 1])) b--;
    if (b <= a) return;
    const s = t.slice(a, b);
    out.push(newItem(s, { start: line.start + a, end: line.start + b }, line.index, cellValue(s)));
  };
  let textStart = 0;
  let i = 0;
  while (i < n) {
    if (!isDigitAt(t, i) || inParen[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isDigitAt(t, j) && !inParen[j]) j++;
    let end = j;
    const sep = j < n ? foldWidth(t[j]) : '';
    if ((sep === '.' || sep === '．') && j + 1 < n && isDigitAt(t, j + 1)) {
      // A decimal (`127.6`): one number.
      end = j + 1;
      while (end < n && isDigitAt(t, end)) end++;
    } else if (j - i <= 3) {
      // Thousands separators (`1,607`): one number.
      while ((t[end] === ',' || t[end] === '，') && GROUP.test(t.slice(end + 1, end + 5))) end += 4;
    }
    let next = end;
    if (end === j && (sep === '.' || sep === '．' || sep === '、') && j + 1 < n && !isDigitAt(t, j + 1) && !/\s/.test(t[j + 1])) {
      // The last digit is the numbering of the label after it.
      end = j - 1;
      next = j - 1;
    }
    text(textStart, i);
    if (end > i) pushItem(i, end);
    textStart = next;
    i = Math.max(j, next + 1);
  }
  text(textStart, n);
  return out;
}

function detectLayout(lines: readonly Line[], from: number, to: number): { layout: TableLayout; blankIsCell: boolean } {
  let pipes = 0;
  let tabs = 0;
  let spaced = 0;
  let nonBlank = 0;
  let adjacent = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (isBlank(l)) continue;
    nonBlank++;
    const t = l.text.trim();
    if (t.startsWith('|')) pipes++;
    else if (l.text.includes('\t')) tabs++;
    else if (/\S[ \u3000\u00a0]{2,}\S/.test(t)) spaced++;
    if (i + 1 < to && !isBlank(lines[i + 1])) adjacent++;
  }
  if (nonBlank === 0) return { layout: 'cell-lines', blankIsCell: false };
  if (pipes / nonBlank >= 0.4) return { layout: 'pipes', blankIsCell: false };
  if (tabs / nonBlank >= 0.4) return { layout: 'tabs', blankIsCell: false };
  if (spaced / nonBlank >= 0.3) return { layout: 'spaces', blankIsCell: false };
  // One cell per line: blank lines are separators when cells are never adjacent, else empty cells.
  return { layout: 'cell-lines', blankIsCell: adjacent / nonBlank > 0.5 };
}

// ---------------------------------------------------------------------------------------------
// Matching

interface IndicatorKey {
  readonly ind: Indicator;
  readonly index: number;
  readonly norms: readonly string[];
  readonly numbering: string;
}

interface PreparedTable {
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

const prepared = new WeakMap<Template, PreparedTable[]>();

function prepare(template: Template): PreparedTable[] {
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

function matchIndicator(pt: PreparedTable, it: Item, cursor: number, used: ReadonlySet<number>): IndicatorKey | undefined {
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
const RUN_UNITS = ['人次', '万元', '条', '件', '次', '个', '人', '篇', '元', '期', '份', '项', '家', '场'];

/**
 * Looser matching for run-together text, where a label may carry the unit cell after it (`收到申请数件`) or the
 * header words before it (`现行有效件数规章`): the label with a unit word dropped, else the longest indicator label
 * (three characters at least, or one without numbering) the text ends with, after nothing that reads as prose.
 */
function matchRunTogether(pt: PreparedTable, it: Item, cursor: number, used: ReadonlySet<number>): IndicatorKey | undefined {
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

/** A parenthesised note, a footnote, or the wrapped tail of a long label (`护等方面的经费）`). */
function isNoteCompact(t: string): boolean {
  if ((/^\(/.test(t) && normalizeLabel(t) === '') || /^\(?注[:：]/.test(t)) return true;
  return /\)$/.test(t) && !t.includes('(') && t.length <= 30;
}

function looksNarrativeCompact(compact: string): boolean {
  // Parenthesised notes inside labels (`（区分处理的，只计这一情形，不计其他情形）`) do not make prose.
  const t = compact.includes('(') ? compact.replace(/\([^()]*\)/g, '') : compact;
  return t.length > 80 || (/[。！？]/.test(t) && t.length > 12) || (/[，,；]/.test(t) && t.length > 25);
}

// ---------------------------------------------------------------------------------------------
// Reading rows

interface RowDraft {
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

interface ParseResult {
  readonly rows: TableRow[];
  /** Index of the last item that belongs to the table. */
  readonly lastItem: number;
  readonly score: number;
  readonly matched: number;
  readonly withNumbers: number;
}

function columnsOf(pt: PreparedTable, key: IndicatorKey | undefined, order?: readonly string[]): readonly string[] {
  if (key?.ind.columns && key.ind.columns.length > 0) return key.ind.columns;
  return order ?? pt.columnIds;
}

/**
 * Column ids when the header shows a 小计 (subtotal of 法人或其他组织) column that the official table does not
 * have: it stands after 其他 and before 总计. (Header reading order is no guide: multi-row headers put 总计 in the first row.)
 */
function headerOrder(pt: PreparedTable, seen: readonly string[]): string[] | undefined {
  if (pt.table.kind !== 'requests' || !seen.includes('sub')) return undefined;
  const ids = pt.table.columns.map((c) => c.id);
  const tot = ids.indexOf('tot');
  return tot < 0 ? undefined : [...ids.slice(0, tot), 'sub', ...ids.slice(tot)];
}

/** The value items of run-together rows, split into cells only when the whole table is solved (`solveRunTogether`). */
const pendingRuns = new WeakMap<TableRow, readonly Item[]>();
/** Run-together rows with figures that could not be theirs (after other words, or more than the row holds). */
const brokenRuns = new WeakSet<TableRow>();

function finishRow(pt: PreparedTable, d: RowDraft, layout: TableLayout, blankIsCell: boolean, order?: readonly string[]): TableRow {
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

function toCell(column: string, it: Item): Cell {
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

function parseRows(pt: PreparedTable, items: ItemSource, layout: TableLayout, blankIsCell: boolean): ParseResult {
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

const kindMarkerCache = new WeakMap<PreparedTable, string[]>();
function otherKindMarkers(pt: PreparedTable): string[] {
  let m = kindMarkerCache.get(pt);
  if (m) return m;
  m = prepare(pt.template)
    .filter((o) => o.table.kind !== pt.table.kind)
    .flatMap((o) => o.markers)
    .filter((x) => !pt.markers.includes(x) && !pt.headerWords.has(normalizeLabel(x)) && x.length >= 4);
  kindMarkerCache.set(pt, m);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Finding tables

export interface TableScan {
  readonly tables: Table[];
  readonly regions: Span[];
}

interface Candidate {
  readonly kind: TableKind;
  readonly fallback: boolean;
}

/** The table kinds whose header words (or first row label) this line shows. */
function anchorKinds(line: Line, all: readonly PreparedTable[]): Candidate[] {
  if (line.text.length > 400) return [];
  // Prose sentences are never table headers: skip the normalisation for them.
  if (line.text.length > 30 && line.text.includes('。') && !line.text.includes('\t') && !line.text.includes('|')) return [];
  const norm = stripSpaces(foldedLine(line));
  if (norm.length === 0 || norm.length > 160 || /[。！？]/.test(norm)) return [];
  const kinds = new Map<TableKind, boolean>();
  const delimited = line.text.includes('\t') || line.text.includes('|');
  // Each marker once (template variants share most of them), in the order of the tables: kinds come out as before.
  for (const { marker: m, kind } of markerKinds(all)) {
    if (!kinds.has(kind) && norm.includes(m) && (norm.length <= m.length + 40 || delimited)) kinds.set(kind, false);
  }
  if (kinds.size === 0 && firstLabelStarts(all).has(foldedLine(line).charAt(leadingWs(line.text)))) {
    const first = lineItemsForAnchor(line);
    for (const pt of all) {
      const firstValue = pt.keys.find((k) => k.ind.role !== 'group' || pt.table.kind === 'active');
      if (firstValue && first !== '' && firstValue.norms.includes(normalizeLabel(first))) {
        if (!kinds.has(pt.table.kind)) kinds.set(pt.table.kind, true);
      }
    }
  }
  return [...kinds].map(([kind, fallback]) => ({ kind, fallback }));
}

const markerKindsCache = new WeakMap<readonly PreparedTable[], { readonly marker: string; readonly kind: TableKind }[]>();

/** The distinct (header marker of two characters or more, table kind) pairs of the tables, in table order. */
function markerKinds(all: readonly PreparedTable[]): { readonly marker: string; readonly kind: TableKind }[] {
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
function firstLabelStarts(all: readonly PreparedTable[]): Set<string> {
  let set = firstStartsCache.get(all);
  if (!set) {
    set = new Set(all.map((pt) => foldWidth(pt.keys[0]?.ind.label.trim() ?? '').charAt(0)).filter((c) => c !== ''));
    firstStartsCache.set(all, set);
  }
  return set;
}

function lineItemsForAnchor(line: Line): string {
  const t = line.text.trim();
  const first = t.split(/\t|\|| {2,}|\u3000{2,}/).map((s) => s.trim()).find((s) => s !== '');
  return first ?? '';
}

/** Items of the lines from `from` (the anchor) up to `stop`, tokenised as they are asked for; a prose line ends them. */
function lineSource(from: number, stop: number, itemsOfLine: (j: number) => Item[]): ItemSource {
  const items: Item[] = [];
  let next = from;
  let ended = false;
  return {
    get(i) {
      while (i >= items.length && !ended) {
        if (next >= stop) {
          ended = true;
          break;
        }
        const its = itemsOfLine(next);
        for (const it of its) items.push(it);
        // A narrative line ends any table: no need to read further.
        if (next > from + 1 && its.length === 1 && itemLooksNarrative(its[0]) && !itemIsNote(its[0])) ended = true;
        next++;
      }
      return items[i];
    },
  };
}

/**
 * Work budget of one scan, in item visits. Real reports use a tiny fraction of it; a pathological paste
 * (thousands of header lines) stops looking for more tables instead of taking minutes.
 */
const budget = { left: 0 };

const MAX_TABLE_LINES = 2500;
const MAX_ITEMS_WITHOUT_ROW = 150;
const MAX_TABLE_ITEMS = 4000;

let lastTemplates: readonly Template[] = [];
let lastAll: PreparedTable[] = [];

/** The prepared tables of all templates, newest format first (cached while the same templates are passed). */
function preparedAll(templates: readonly Template[]): PreparedTable[] {
  if (templates.length !== lastTemplates.length || templates.some((t, i) => t !== lastTemplates[i])) {
    lastTemplates = [...templates];
    // Newest first: when two formats read a table equally well, the current one wins.
    lastAll = [...templates].sort((a, b) => b.years.from - a.years.from).flatMap(prepare);
  }
  return lastAll;
}

/** Finds and reads every official table in the text. */
export function scanTables(
  text: string,
  lines: readonly Line[],
  templates: readonly Template[],
  lineOf: (offset: number) => number,
  preferred?: TemplateId,
): TableScan {
  const all = preparedAll(templates);
  budget.left = 200_000 + 20 * lines.length;
  const tables: Table[] = [];
  const regions: Span[] = [];

  // HTML tables first: their extent is given by the tags.
  const htmlRe = /<table\b[\s\S]*?<\/table\s*>/gi;
  const htmlLines = new Set<number>();
  let hm: RegExpExecArray | null;
  while ((hm = htmlRe.exec(text)) !== null) {
    const start = hm.index;
    const end = start + hm[0].length;
    const items = htmlItems(text, start, end, lineOf);
    const kinds = new Set<TableKind>();
    for (const it of items) {
      const n = compactText(it);
      for (const pt of all) if (pt.markers.some((m) => m.length >= 2 && n.includes(m) && n.length <= m.length + 40)) kinds.add(pt.table.kind);
    }
    if (kinds.size === 0) for (const pt of all) kinds.add(pt.table.kind);
    const found = readBest(all, [...kinds], arraySource(items), 'html', false, false, preferred);
    for (let l = lineOf(start); l <= lineOf(end); l++) htmlLines.add(l);
    regions.push({ start, end });
    // One pasted <table> normally holds one official table; if it reads as several, each keeps the span of its
    // own rows (never two tables on one span), and readings that overlap an earlier one are dropped.
    const own = found
      .map(({ lastLine: _l, ...t }) => ({ ...t, span: rowsSpan(t.rows) ?? { start, end } }))
      .sort((a, b) => b.rows.length - a.rows.length);
    const kept: Table[] = [];
    for (const t of own) if (!kept.some((k) => k.span.start < t.span.end && t.span.start < k.span.end)) kept.push(t);
    if (kept.length === 1) kept[0] = { ...kept[0], span: { start, end } };
    for (const t of kept) tables.push(t);
  }

  const htmlSorted = [...htmlLines].sort((a, b) => a - b);
  // Lines are tokenised once per layout and reused by every anchor that reads them.
  // One array per layout (and blank-line reading), indexed by line.
  const itemCache = new Map<string, (Item[] | undefined)[]>();
  const pageNumbers = text.includes('\f') ? pageNumberLines(lines) : new Set<number>();
  const itemsOf = (j: number, layout: TableLayout, blankIsCell: boolean): Item[] => {
    const k = blankIsCell ? `${layout}:1` : layout;
    let byLine = itemCache.get(k);
    if (!byLine) itemCache.set(k, (byLine = []));
    let its = byLine[j];
    if (!its) {
      // A page number between two rows, and the blank lines around it where blanks are cells, hold no cell.
      its = furnitureAt(lines, pageNumbers, j) || (blankIsCell && isBlank(lines[j]) && besideFurniture(lines, pageNumbers, j)) ? [] : lineItems(lines[j], layout, blankIsCell);
      byLine[j] = its;
    }
    return its;
  };
  for (let li = 0; li < lines.length && budget.left > 0; li++) {
    if (htmlLines.has(li)) continue;
    const cands = anchorKinds(lines[li], all);
    if (cands.length === 0) continue;
    let stop = Math.min(lines.length, li + MAX_TABLE_LINES);
    const nextHtml = htmlSorted.find((j) => j > li);
    if (nextHtml !== undefined && nextHtml < stop) stop = nextHtml;
    const { layout, blankIsCell } = detectLayout(lines, li, Math.min(stop, li + 60));
    const items = lineSource(li, stop, (j) => itemsOf(j, layout, blankIsCell));
    let best: { table: Table; lastLine: number } | undefined;
    for (const cand of cands) {
      const r = readBest(all, [cand.kind], items, layout, blankIsCell, cand.fallback, preferred)[0];
      if (!r) continue;
      const lastLine = (r as TableWithEnd).lastLine;
      if (!best || r.rows.length > best.table.rows.length) best = { table: r, lastLine };
    }
    if (!best) continue;
    const first = lines[li];
    const lead = leadingWs(first.text);
    const start = first.start + lead;
    const span = { start, end: Math.max(start, best.table.span.end) };
    const { lastLine: _lastLine, ...table } = best.table as TableWithEnd;
    tables.push({ ...table, span });
    regions.push(span);
    li = Math.max(li, best.lastLine);
  }
  runTogetherPass(lines, all, tables, regions, htmlLines, lineOf, preferred);
  tables.sort((a, b) => a.span.start - b.span.start);
  regions.sort((a, b) => a.start - b.start);
  return { tables, regions };
}

/**
 * Bare numbers that are page numbers at pdftotext's page breaks (form feeds): a number alone on the last non-blank
 * line of a page (a footer) or on the first line of the next, the one starting with `\f` (a header), that counts
 * the pages. Per position, the numbers that are their page's number less one offset (0, or the few front pages
 * not counted) are page numbers if they are at least half of the breaks, and two of them unless the offset is 0.
 * A bare number that does not fit the count may be a cell, and stays one.
 */
const MAX_UNNUMBERED_PAGES = 3;

function pageNumberLines(lines: readonly Line[]): Set<number> {
  type Candidate = { readonly line: number; readonly offset: number };
  const at: Record<'foot' | 'head', Candidate[]> = { foot: [], head: [] };
  const bare = (j: number): number | undefined => {
    const m = /^[\f \t\u3000]*(\d{1,4})[ \t\u3000]*$/.exec(lines[j].text);
    return m ? Number(m[1]) : undefined;
  };
  let page = 1;
  for (let j = 0; j < lines.length; j++) {
    if (!lines[j].text.startsWith('\f')) continue;
    // A page whose number is printed at the head of the next (`\f- 4 -`) has no number at its foot.
    let k = j - 1;
    while (k >= 0 && isBlank(lines[k])) k--;
    const foot = k >= 0 && !isPageFurniture(lines[j].text) ? bare(k) : undefined;
    if (foot !== undefined) at.foot.push({ line: k, offset: foot - page });
    page++;
    const head = bare(j);
    if (head !== undefined) at.head.push({ line: j, offset: head - page });
  }
  const best = (cs: readonly Candidate[]): { offset: number; count: number } | undefined => {
    const counts = new Map<number, number>();
    for (const c of cs) counts.set(c.offset, (counts.get(c.offset) ?? 0) + 1);
    let top: { offset: number; count: number } | undefined;
    for (const [offset, count] of counts) if (!top || count > top.count || (count === top.count && offset === 0)) top = { offset, count };
    return top;
  };
  const foot = best(at.foot);
  const head = best(at.head);
  const breaks = page - 1;
  // Page numbers are on most pages; a cell that happens to fit the count is not on most page breaks.
  const accepted = (g: typeof foot): boolean => !!g && g.offset <= 0 && g.offset >= -MAX_UNNUMBERED_PAGES && 2 * g.count >= breaks && (g.count >= 2 || g.offset === 0);
  const found = new Set<number>();
  if (accepted(foot)) for (const c of at.foot) if (c.offset === foot!.offset) found.add(c.line);
  if (accepted(head)) for (const c of at.head) if (c.offset === head!.offset) found.add(c.line);
  return found;
}

function furnitureAt(lines: readonly Line[], pageNumbers: ReadonlySet<number>, j: number): boolean {
  return pageNumbers.has(j) || isPageFurniture(lines[j].text);
}

/**
 * Whether the blank line `j` pads a page-furniture line: it is next to one whose other side is blank, furniture or
 * the page break too (`""`, `-3-`, `""`). Where blank lines are empty cells, a page number printed tight between
 * two cells leaves the blank cells around it alone.
 */
function besideFurniture(lines: readonly Line[], pageNumbers: ReadonlySet<number>, j: number): boolean {
  const gap = (k: number): boolean => k < 0 || k >= lines.length || isBlank(lines[k]) || lines[k].text.startsWith('\f') || furnitureAt(lines, pageNumbers, k);
  const pads = (f: number, other: number): boolean => f >= 0 && f < lines.length && furnitureAt(lines, pageNumbers, f) && gap(other);
  return pads(j - 1, j - 2) || pads(j + 1, j + 2);
}

function rowsSpan(rows: readonly TableRow[]): Span | undefined {
  if (rows.length === 0) return undefined;
  let start = rows[0].span.start;
  let end = rows[0].span.end;
  for (const r of rows) {
    if (r.span.start < start) start = r.span.start;
    if (r.span.end > end) end = r.span.end;
  }
  return { start, end };
}

interface TableWithEnd extends Table {
  readonly lastLine: number;
}

/**
 * A blank official table (`| 规章 |  |  |  |`: a draft to fill in from `xxgk-report draft`, the inserted blank
 * tables) is read although it holds no figure: every national value row of the format is there with each of its
 * cells written out, blank. Its blank cells are then reported as blank (cell-missing), not the table as unread.
 * Labels whose figures were lost (a PDF's text layer) have no cells, and stay unread.
 */
function everyNationalRow(pt: PreparedTable, rows: readonly TableRow[]): boolean {
  const byId = new Map(rows.map((r) => [r.indicator, r]));
  return pt.table.indicators.every((i) => {
    if (i.role !== 'value' || i.variant !== undefined) return true;
    const row = byId.get(i.id);
    return row !== undefined && row.cells.length >= (pt.table.kind === 'stats' ? 1 : (i.columns ?? pt.columnIds).length);
  });
}

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

/** Reads the items with every template table of the given kinds; keeps the best reading of each kind. */
function readBest(
  all: readonly PreparedTable[],
  kinds: readonly TableKind[],
  items: ItemSource,
  layout: TableLayout,
  blankIsCell: boolean,
  fallback: boolean,
  preferred?: TemplateId,
): TableWithEnd[] {
  const out: TableWithEnd[] = [];
  for (const kind of kinds) {
    let best: { pt: PreparedTable; res: ParseResult } | undefined;
    const readings = new Map<string, ParseResult>();
    for (const pt of all) {
      if (pt.table.kind !== kind) continue;
      // Formats whose table is the same (the review table of 2019 and 2021) read the same: read once.
      let res = readings.get(pt.signature);
      if (!res) {
        res = parseRows(pt, items, layout, blankIsCell);
        readings.set(pt.signature, res);
      }
      // A reading without a figure counts only as a whole blank table of this format (a draft to fill in).
      if (res.withNumbers === 0 && !everyNationalRow(pt, res.rows)) continue;
      // Equal readings (the 2019 and 2021 application tables differ in one row): the report year's format wins.
      if (!best || res.score > best.res.score || (res.score === best.res.score && pt.template.id === preferred)) best = { pt, res };
    }
    if (!best) continue;
    const { pt, res } = best;
    const minRows = fallback ? 4 : kind === 'review' ? 1 : 2;
    if (res.matched < minRows || (res.withNumbers < (kind === 'review' ? 1 : Math.min(2, minRows)) && !everyNationalRow(pt, res.rows))) continue;
    const lastItem = items.get(Math.max(0, res.lastItem))!;
    const end = Math.max(lastItem.span.end, ...res.rows.map((r) => r.span.end));
    out.push({
      kind,
      template: pt.template.id as TemplateId,
      layout,
      span: { start: items.get(0)?.span.start ?? 0, end },
      columns: pt.table.columns.map((c) => c.id),
      rows: res.rows,
      lastLine: lastItem.line,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run-together tables: a web page copied as text, the space between cells lost

/**
 * A label (or closing parenthesis) right before seven or more digits (`/[\u3400-\u9fff）)][0-9０-９]{7,}/`): a row
 * of table 三 or 四 run together. A scan of the digit runs, not a regular expression tried at every character.
 */
function hasRunHint(t: string): boolean {
  const n = t.length;
  for (let i = 1; i < n; i++) {
    if (!isDigitAt(t, i)) continue;
    let j = i + 1;
    while (j < n && isDigitAt(t, j)) j++;
    if (j - i >= 7) {
      const p = t.charCodeAt(i - 1);
      if ((p >= 0x3400 && p <= 0x9fff) || p === 0xff09 || p === 0x29) return true;
    }
    i = j;
  }
  return false;
}
/** Lines read after the last line with a run, for the rows of a table one per line. */
const RUN_WINDOW_AFTER = 80;
/** Lines before the first run where the table's header may stand. */
const RUN_WINDOW_BEFORE = 12;
/** Items of one window at most (a 1 MB paste holds far fewer table items than this). */
const MAX_RUN_ITEMS = 400_000;
/** Readings that find no table, tried per table kind and window before giving up on it. */
const MAX_RUN_ATTEMPTS = 64;
/** Share of the format's value rows a run-together reading must have found to be that table. */
const MIN_RUN_ROW_SHARE = 0.6;

/**
 * Finds tables whose cells ran together on lines no other reading took: a window of lines around each run of
 * digits is tokenised once (`runTogetherItems`), every header word or first label of a table kind in it is tried as
 * the table's start, and a reading is kept only when its runs split into cells in exactly one way that satisfies
 * every identity of the table (`solveRunTogether`). Otherwise the table stays unread, and coverage says so.
 */
function runTogetherPass(
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
    const items: Item[] = [];
    for (let j = from; j < to && items.length < MAX_RUN_ITEMS; j++) for (const it of runTogetherItems(lines[j])) items.push(it);
    for (const t of readRunTogether(all, kinds, items, preferred)) {
      tables.push(t);
      regions.push(t.span);
    }
    done = to;
    li = to - 1;
  }
}

function readRunTogether(all: readonly PreparedTable[], kinds: readonly TableKind[], items: readonly Item[], preferred?: TemplateId): Table[] {
  const out: Table[] = [];
  const taken: Span[] = [];
  // Every kind's start words at once: an item that shows none of them is no kind's start (tested once per item).
  const allMarkers = [...new Set(all.flatMap((pt) => pt.markers).filter((m) => m.length >= 2))];
  const allFirsts = [...new Set(all.flatMap((pt) => pt.keys.find((k) => k.ind.role === 'value')?.norms ?? []))];
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
function readRunTogetherAt(pts: readonly PreparedTable[], items: ItemSource, preferred?: TemplateId): { table?: Table; lastItem: number; there: boolean } {
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
function compactOf(it: Item): string {
  return hasCjk(it.text) ? compactText(it) : '';
}

/** A value item of a run-together row as a chunk for the splitter, or undefined for a word where figures belong. */
function toChunk(it: Item): Chunk | undefined {
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
function solveRunTogether(pt: PreparedTable, res: ParseResult, items: ItemSource): TableRow[] | 'not-this-table' | 'unsolved' {
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
