/**
 * Character-level helpers: width folding, Chinese numerals, label normalisation and cell values.
 * All functions are pure and never throw.
 */

/** Folds full-width ASCII (U+FF01–U+FF5E) to half-width and U+3000 to a space. Length-preserving. */
const WIDE = /[\uff01-\uff5e\u3000]/;

export function foldWidth(s: string): string {
  if (!WIDE.test(s)) return s;
  return s.replace(WIDE_ALL, foldChar);
}

const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Parses a Chinese numeral up to the thousands (`十二` → 12, `二十` → 20, `一百零五` → 105); undefined if not one. */
export function parseChineseNumeral(s: string): number | undefined {
  if (s.length === 0 || s.length > 8) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      current = CN_DIGITS[ch];
      seen = true;
    } else if (ch === '十' || ch === '百' || ch === '千') {
      const mult = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (current === 0 && !seen ? 1 : current === 0 ? 1 : current) * mult;
      current = 0;
      seen = true;
    } else {
      return undefined;
    }
  }
  return seen ? total + current : undefined;
}

export const CN_NUMERAL_CLASS = '一二三四五六七八九十百零〇两';

/**
 * `s` without the characters `drop` accepts at its end. A loop, not a `/[…]+$/` regex: such a regex
 * backtracks quadratically over a long run of those characters that stops before the end.
 */
export function trimEndWhere(s: string, drop: (c: string) => boolean): string {
  let e = s.length;
  while (e > 0 && drop(s[e - 1])) e--;
  return e === s.length ? s : s.slice(0, e);
}

export function trimStartWhere(s: string, drop: (c: string) => boolean): string {
  let b = 0;
  while (b < s.length && drop(s[b])) b++;
  return b === 0 ? s : s.slice(b);
}

/**
 * A copy of `s` that does not keep alive the string it was sliced from. V8 represents `text.slice(a, b)` (13
 * characters or more) as a pointer into `text`, so a slice held by a long-lived cache retains the whole text.
 * Concatenating makes a new string and slicing that copies its characters into a fresh one; the result holds
 * only its own characters. Strings cannot be weak-reference targets, so test/model/retention.test.ts proves this
 * by the heap after GC.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

/** White space including U+3000 and NBSP. */
export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000' || c === '\u00a0' || c === '\f' || c === '\v' || c === '\ufeff';
}

/** Strips whitespace (incl. U+3000 and NBSP) entirely. */
const SPACE = /[\s\u3000\u00a0\u200b\ufeff]/;

export function stripSpaces(s: string): string {
  if (!SPACE.test(s)) return s;
  return s.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '');
}

const LEADING_NUMBERING =
  /^(?:[一二三四五六七八九十]+[、.，,]|\([一二三四五六七八九十]+\)[、.]?|\(\d{1,2}\)|\d{1,2}(?:[.、](?!\d)|\.)|[①②③④⑤⑥⑦⑧⑨⑩])/;

/**
 * Normalises a table label for matching: width-folded, no spaces, no leading numbering, no
 * `其中：`, no parenthesised notes (closed or left open at the end), no trailing colon.
 */
export function normalizeLabel(label: string): string {
  // Table labels repeat endlessly (every report, every keystroke): remember recent ones. Key and value are
  // detached copies: a label is a slice of its document, and a cached slice would keep the whole document alive.
  const hit = labelCache.get(label);
  if (hit !== undefined) return hit;
  const s = detach(computeNormalizedLabel(label));
  if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
  labelCache.set(detach(label), s);
  return s;
}

const LABEL_CACHE_SIZE = 20000;
const labelCache = new Map<string, string>();

function computeNormalizedLabel(label: string): string {
  let s = stripSpaces(foldWidth(label));
  if (/[“”"'‘’]/.test(s)) s = s.replace(/[“”"'‘’]/g, '');
  s = s.replace(/^[（(]?注[:：]/, '');
  s = s.replace(LEADING_NUMBERING, '');
  if (s.startsWith('其中')) s = s.replace(/^其中[:：]?/, '');
  // Remove parenthesised notes, innermost first.
  for (let i = 0; i < 3 && s.includes('('); i++) s = s.replace(/\([^()]*\)/g, '');
  if (s.includes('(')) s = s.replace(/\([^()]*$/, '');
  s = trimEndWhere(s, (c) => ':：。；;,，'.includes(c));
  return s;
}

/** The leading numbering of a label after width folding (`（七）`→`(七)`), or ''. */
export function labelNumbering(label: string): string {
  const s = stripSpaces(foldWidth(label));
  const m = LEADING_NUMBERING.exec(s);
  return m ? m[0].replace(/[、.，,]$/, '') : '';
}

/** Marks a cell as deliberately empty. */
const MISSING_CELL = /^(?:|[-—–－―─]+|[/／\\]|无|空|暂无|\*|×)$/;

export type CellValue =
  | { readonly kind: 'missing' }
  /** Digits, but too many to be a count anyone wrote on purpose (or held exactly): a value that is invalid. */
  | { readonly kind: 'overlong' }
  | { readonly kind: 'number'; readonly value: number; readonly numberStart: number; readonly numberEnd: number; readonly decimal: boolean }
  | { readonly kind: 'text' };

const UNIT_SUFFIX = /^(?:件|条|次|个|人次|人|篇|万元|元|期|份|项|家|场)$/;

/** Classifies trimmed cell text: missing, a number (possibly with a unit suffix, `+3`, `1,607`, `127.6`), or other text. */
export function cellValue(raw: string): CellValue {
  // Cells repeat (`0`, `1`, `—`, ``): short ones are remembered. Strings under 13 characters are never V8 slices,
  // so the keys keep no document alive; the values are immutable and shared.
  if (raw.length > 12) return computeCellValue(raw);
  let v = cellValueCache.get(raw);
  if (v === undefined) {
    if (cellValueCache.size >= CELL_CACHE_SIZE) cellValueCache.clear();
    cellValueCache.set(raw, (v = computeCellValue(raw)));
  }
  return v;
}

const CELL_CACHE_SIZE = 4096;
const cellValueCache = new Map<string, CellValue>();

function computeCellValue(raw: string): CellValue {
  const t = trimEndWhere(trimStartWhere(raw, isSpace), isSpace);
  if (MISSING_CELL.test(t)) return { kind: 'missing' };
  const f = foldWidth(t);
  const m = /^([+\-−]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?(.*)$/.exec(f);
  if (!m) return { kind: 'text' };
  const rest = m[4].trim();
  if (rest !== '' && !UNIT_SUFFIX.test(rest)) return { kind: 'text' };
  const digits = m[2].replace(/[,，]/g, '');
  // Beyond 15 digits a figure cannot be held exactly: it is not a count anyone wrote on purpose.
  if (digits.length > 15) return { kind: 'overlong' };
  let value = Number(digits + (m[3] ?? ''));
  if (m[1] === '-' || m[1] === '−') value = -value;
  const lead = raw.length - raw.trimStart().length;
  return {
    kind: 'number',
    value,
    numberStart: lead,
    numberEnd: lead + m[1].length + m[2].length + (m[3]?.length ?? 0),
    decimal: m[3] !== undefined,
  };
}

/** True for a string with at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
}

/**
 * Formats a number the way reports write it: integers plain, decimals without float noise (at most 4). The one
 * formatter of every output: messages, hover, inlay hints, fixes.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return String(n);
  return String(Math.round(n * 10000) / 10000);
}
