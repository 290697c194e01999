import type { Span } from './types';
import { foldWidth, stripSpaces } from './text';

/** One line of the text, without its line break. */
export interface Line {
  readonly index: number;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character (before `\r\n`, `\n` or `\r`). */
  readonly end: number;
  readonly text: string;
  /** Only white space (`\s`, which takes in U+3000, NBSP and BOM): set by `splitLines`, tested once per line. */
  readonly blank?: boolean;
  /** `foldWidth(text)`, computed on first use by `foldedLine` (lines are folded once, whoever asks). */
  folded?: string;
  /** `stripSpaces(foldWidth(text))`, computed on first use by `compactLine`. */
  compact?: string;
}

/** Whether the UTF-16 unit `c` is matched by the regular expression class `\s`. */
export function isWsCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** How many characters of white space (`\s`, as `trimStart` drops) `s` starts with. */
export function leadingWs(s: string): number {
  let i = 0;
  while (i < s.length && isWsCode(s.charCodeAt(i))) i++;
  return i;
}

/** Whether `text[start, end)` is only white space (`\s`). */
export function blankText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWsCode(text.charCodeAt(i))) return false;
  return true;
}

/** The line's text width-folded (`foldWidth`), folded once per line. */
export function foldedLine(line: Line): string {
  let f = line.folded;
  if (f === undefined) line.folded = f = foldWidth(line.text);
  return f;
}

/** The line width-folded without white space (what header words and labels are matched against), once per line. */
export function compactLine(line: Line): string {
  let c = line.compact;
  if (c === undefined) line.compact = c = stripSpaces(foldedLine(line));
  return c;
}

/** Splits text into lines on `\r\n`, `\n` and `\r`, keeping exact offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: index++, start, end: i, text: text.slice(start, i), blank: blankText(text, start, i), folded: undefined, compact: undefined });
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index, start, end: n, text: text.slice(start, n), blank: blankText(text, start, n), folded: undefined, compact: undefined });
  return lines;
}

/** The span of a line's text without leading and trailing white space (an empty span at the line start if blank). */
export function trimmedSpan(line: Line): Span {
  const m = /^[\s\u3000\u00a0\ufeff]*/.exec(line.text);
  const lead = m ? m[0].length : 0;
  let last = line.text.length;
  while (last > 0 && /[\s\u3000\u00a0]/.test(line.text[last - 1])) last--;
  const trail = line.text.length - last;
  const s = line.start + lead;
  const e = Math.max(s, line.end - trail);
  return { start: s, end: e };
}

export function isBlank(line: Line): boolean {
  return line.blank ?? /^[\s\u3000\u00a0\ufeff]*$/.test(line.text);
}

/**
 * Page furniture printed between the rows of a table that ran over a page break: page numbers such as `-3-`,
 * `— 2 —`, `·3·`, `第 3 页 共 9 页`, `3/9`, `Page 3 of 9` (a form feed may precede them). Never a cell, a heading
 * or a figure. A bare `3` is not furniture: in a table one cell per line, it may be a cell.
 */
const FURNITURE = [
  /^[-—–‐~·•]+ *\d{1,4} *[-—–‐~·•]+$/,
  /^第 *\d{1,4} *页(?: *[,，、/]? *共 *\d{1,4} *页)?$/,
  /^共 *\d{1,4} *页 *[,，、]? *第 *\d{1,4} *页$/,
  /^\d{1,4} *\/ *\d{1,4}$/,
  /^page *\d{1,4}(?: *(?:of|\/) *\d{1,4})?$/i,
];

export function isPageFurniture(text: string): boolean {
  if (text.length > 40) return false;
  // Cheap test first: the only ideographs furniture holds are 第, 页 and 共 (width folding leaves ideographs alone).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff && c !== 0x7b2c && c !== 0x9875 && c !== 0x5171) return false;
  }
  const t = text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\f\t\u3000\u00a0\ufeff]/g, ' ')
    .trim()
    .replace(/ {2,}/g, ' ');
  return t !== '' && FURNITURE.some((re) => re.test(t));
}

/** Binary search: the index of the line containing `offset`. */
export function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset < span.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
