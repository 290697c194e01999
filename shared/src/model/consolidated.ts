/**
 * Documents that hold several reports one after another (a city's departments' reports pasted into one file).
 * Each report is checked on its own — its title, year, sections and tables are its own — and the results are
 * put back together with offsets into the whole text.
 */
import type { Report, Span } from './types';
import { blankText } from './lines';
import { stripSpaces } from './text';

/** A title line: `…2023年…政府信息公开工作年度报告`, short, on a line of its own. */
const TITLE = /(?:19|20)\d{2}.{0,24}(?:政府信息公开|政务公开).{0,12}(?:年度)?报告$/;

/** Reports shorter than this are not split off: a repeated title inside one report is not a new report. */
const MIN_REPORT_LENGTH = 1500;

/**
 * Start offsets of the reports in `text` (always at least `[0]`). A new report starts at a title line that
 * is preceded by a blank line and followed, within 40 lines, by a `一、` heading.
 *
 * The text is not split into lines: a title line ends in 报告 once its spaces are stripped, so only the lines that
 * hold a 告 are looked at, and the lines around them are found from their line breaks (`\r\n`, `\n` or `\r`, as
 * `splitLines` splits). An editor calls this on the whole document at every keystroke.
 */
export function reportStarts(text: string): number[] {
  const starts = [0];
  if (text.length < 2 * MIN_REPORT_LENGTH) return starts;
  const n = text.length;
  let from = 0;
  for (;;) {
    const at = text.indexOf('告', from);
    if (at < 0) break;
    const s = lineStartAt(text, at);
    const e = lineEndFrom(text, at);
    from = e + 1;
    // Not the first line (a title needs the blank line before it).
    if (s === 0) continue;
    const t = text.slice(s, e);
    const prev = previousLine(text, s);
    if (t.length > 80 || t.length < 8 || !blankText(text, prev.start, prev.end)) continue;
    const compact = stripSpaces(t);
    // TITLE ends in 报告: a cheap test first.
    if (!compact.endsWith('报告') || !TITLE.test(compact) || /[。；，]/.test(compact)) continue;
    let heading = false;
    for (let j = 0, next = nextLineStart(text, e); j < 40 && next >= 0; j++) {
      const nextEnd = lineEndFrom(text, next);
      if (/^[\s\u3000]*一[、.．]/.test(text.slice(next, nextEnd))) {
        heading = true;
        break;
      }
      next = nextEnd < n ? nextLineStart(text, nextEnd) : -1;
    }
    if (!heading) continue;
    // Take the organisation's name line just above the title along with it.
    let start = s;
    if (prev.start > 0) {
      const name = previousLine(text, prev.start);
      const nameText = text.slice(name.start, name.end);
      const above = name.start > 0 ? previousLine(text, name.start) : undefined;
      if (!blankText(text, name.start, name.end) && nameText.trim().length <= 30 && !/[。；，]/.test(nameText) && (!above || blankText(text, above.start, above.end))) {
        start = name.start;
      }
    }
    if (start - starts[starts.length - 1] >= MIN_REPORT_LENGTH) starts.push(start);
  }
  return starts;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** The start of the line that holds `at`, or that ends at `at` (its line break, or the text's length). */
function lineStartAt(text: string, at: number): number {
  let s = at;
  while (s > 0 && !isBreak(text.charCodeAt(s - 1))) s--;
  return s;
}

/** The end of the line holding `at` (the offset of its line break, or the text's length). */
function lineEndFrom(text: string, at: number): number {
  let e = at;
  while (e < text.length && !isBreak(text.charCodeAt(e))) e++;
  return e;
}

/** The start of the line after the one ending at the break at `end` (`end` < the text's length). */
function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return -1;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** The line before the one starting at `start` (> 0). */
function previousLine(text: string, start: number): { start: number; end: number } {
  const end = text.charCodeAt(start - 1) === 10 && start >= 2 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
  return { start: lineStartAt(text, end), end };
}

/** A deep copy of plain data with every span (`{start, end}` of numbers) moved by `delta`. Strings are kept. */
export function shiftSpans<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shift(value, delta) as T;
}

function shift(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      out[i] = v === null || typeof v !== 'object' ? v : shift(v, delta);
    }
    return out;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && ownKeyCount(o) === 2) {
    return { start: o.start + delta, end: o.end + delta } satisfies Span;
  }
  // `for…in` visits the own keys in Object.keys order (plain data: nothing enumerable is inherited), and
  // allocates no key array.
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    // Strings, numbers and the like are kept as they are (a report's `text` too).
    out[k] = v === null || typeof v !== 'object' ? v : shift(v, delta);
  }
  return out;
}

function ownKeyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** One report made of several: the first one's title and year, everything else concatenated in order. */
export function mergeReports(text: string, parts: readonly Report[]): Report {
  const first = parts[0];
  return {
    ...first,
    text,
    sections: parts.flatMap((p) => p.sections),
    tables: parts.flatMap((p) => p.tables),
    figures: parts.flatMap((p) => p.figures),
    templateEvidence: parts.flatMap((p) => p.templateEvidence),
    tableRegions: parts.flatMap((p) => p.tableRegions),
    suppressions: parts.flatMap((p) => p.suppressions),
  };
}
