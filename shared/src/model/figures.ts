/** Figures in prose: a number with its unit and any approximation word. */
import type { Approximation, Figure, Span } from './types';

/** Folds only full-width digits, `．` and `％` (length-preserving), leaving `，` alone. */
function foldDigits(s: string): string {
  return s.replace(/[\uff10-\uff19\uff0e\uff05]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const UNITS = '人次|万元|亿元|万人|件次|件|条|次|个|人|篇|元|期|份|项|家|场|户|起|批|%';
const FIGURE = new RegExp(
  `(约|大约|近|将近|接近|超过|逾|不到|不足)?` +
    `(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?` +
    `[ \\t\\u00a0]*(余|多)?[ \\t\\u00a0]*(万|亿)?[ \\t\\u00a0]*(${UNITS})?(余|多|左右|以上|上下)?`,
  'g',
);

/** FIGURE without its captures: it matches where FIGURE does, as far (the end of a match is all it is used for). */
const FIGURE_END = new RegExp(FIGURE.source.replace(/\((?!\?)/g, '(?:'), 'g');

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const DIGIT = /\d/g;

/**
 * Where the last number that starts before `end` starts (at `from` or later): the start of its digit run, moved back
 * over the run and the approximation word's two characters the way a match would start.
 */
function lastDigitBefore(folded: string, end: number, from: number): number {
  let i = Math.min(end, folded.length) - 1;
  while (i > from && !isAsciiDigit(folded.charCodeAt(i))) i--;
  if (i <= from) return from;
  // Back to the start of the number (digits, thousands commas, a decimal point).
  while (i > from) {
    const c = folded.charCodeAt(i - 1);
    if (isAsciiDigit(c) || c === 44 || c === 46) i--;
    else break;
  }
  return i;
}

/** A year, date, clock time, document number, phone number or web address is not a figure. */
function isExcluded(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(end, end + 2);
  if (/[A-Za-z0-9@/._:\-〔［[第—–]/.test(before)) return true;
  if (/^[年月日号时点〕\]］届版岁:：\-—–/.A-Za-z]/.test(after)) return true;
  if (/^\s*(?:年|月|日|号)/.test(after)) return true;
  return false;
}

/** Finds the figures in `text` outside the excluded spans (the tables). */
export function findFigures(text: string, excluded: readonly Span[]): Figure[] {
  const folded = foldDigits(text);
  const sentences = sentenceIndex(text);
  const figures: Figure[] = [];
  let ex = 0;
  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (;;) {
    // A match starts at the next digit or at the approximation word (two characters at most) right before it, and
    // its number starts at that digit. A number inside a table is no figure: only where its match ends matters,
    // which the same pattern without captures tells without building the match (a table is mostly figures).
    // The next digit, found by the regex engine (no match object: `test` only moves `lastIndex`).
    DIGIT.lastIndex = FIGURE.lastIndex;
    if (!DIGIT.test(folded)) break;
    const d = DIGIT.lastIndex - 1;
    const from = Math.max(FIGURE.lastIndex, d - 2);
    while (ex < excluded.length && excluded[ex].end <= d) ex++;
    if (ex < excluded.length && excluded[ex].start <= d) {
      // Inside a table: step over every number up to the table's end at once, then over the match running across it.
      FIGURE_END.lastIndex = from;
      const last = lastDigitBefore(folded, excluded[ex].end, d);
      if (last > from) FIGURE_END.lastIndex = last;
      if (!FIGURE_END.test(folded)) break;
      FIGURE.lastIndex = FIGURE_END.lastIndex;
      continue;
    }
    FIGURE.lastIndex = from;
    if ((m = FIGURE.exec(folded)) === null) break;
    if (m[0].length === 0) {
      FIGURE.lastIndex++;
      continue;
    }
    const prefix = m[1] ?? '';
    const numStart = m.index + prefix.length;
    const numText = m[2] + (m[3] ?? '');
    const numEnd = numStart + numText.length;
    while (ex < excluded.length && excluded[ex].end <= numStart) ex++;
    if (ex < excluded.length && excluded[ex].start <= numStart) continue;
    if (isExcluded(folded, numStart, numEnd)) continue;
    if (m[2].length > 15) continue;
    let value = Number(numText.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    const scale = m[5];
    let unit = m[6] ?? '';
    // Money is reported in 万元 in the tables: keep `127.6万元` as 127.6 万元; scale counts (`1.2万条` → 12000 条).
    if (scale && unit === '元') unit = scale + '元';
    else if (scale === '万') value *= 10000;
    else if (scale === '亿') value *= 100000000;
    const suffix = m[4] ?? m[7] ?? '';
    let approx: Approximation = 'exact';
    if (prefix === '约' || prefix === '大约' || suffix === '左右' || suffix === '上下') approx = 'about';
    else if (prefix === '近' || prefix === '将近' || prefix === '接近' || prefix === '不到' || prefix === '不足') approx = 'less';
    else if (prefix === '超过' || prefix === '逾' || suffix === '余' || suffix === '多' || suffix === '以上') approx = 'more';
    let end = m.index + m[0].length;
    while (end > numEnd && /[ \t\u00a0]/.test(folded[end - 1])) end--;
    figures.push({
      span: { start: m.index, end },
      numberSpan: { start: numStart, end: numEnd },
      raw: text.slice(numStart, numEnd),
      value,
      unit,
      approx,
      sentenceSpan: sentences(numStart),
    });
  }
  return figures;
}

/** Sentence boundaries found once; the sentence of an offset by binary search (linear overall, however many figures). */
function sentenceIndex(text: string): (offset: number) => Span {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 。！？；
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b) ends.push(i + 1);
    else if (c === 10 || c === 13) ends.push(i);
  }
  return (offset) => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    // `lo` is the first boundary after the offset; the sentence starts after the one before it.
    let start = lo > 0 ? ends[lo - 1] : 0;
    if (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
    while (start < offset && (text[start] === '\n' || text[start] === '\r')) start++;
    const end = lo < ends.length ? ends[lo] : text.length;
    return { start: Math.min(start, offset), end: Math.max(end, offset) };
  };
}
