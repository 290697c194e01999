/**
 * Documents that hold several reports one after another (a city's departments' reports pasted into one file).
 * Each report is checked on its own — its title, year, sections and tables are its own — and the results are
 * put back together with offsets into the whole text.
 */
import type { Report, Span } from './types';
import { splitLines, isBlank } from './lines';
import { stripSpaces } from './text';

/** A title line: `…2023年…政府信息公开工作年度报告`, short, on a line of its own. */
const TITLE = /(?:19|20)\d{2}.{0,24}(?:政府信息公开|政务公开).{0,12}(?:年度)?报告$/;

/** Reports shorter than this are not split off: a repeated title inside one report is not a new report. */
const MIN_REPORT_LENGTH = 1500;

/**
 * Start offsets of the reports in `text` (always at least `[0]`). A new report starts at a title line that
 * is preceded by a blank line and followed, within 40 lines, by a `一、` heading.
 */
export function reportStarts(text: string): number[] {
  const starts = [0];
  if (text.length < 2 * MIN_REPORT_LENGTH) return starts;
  const lines = splitLines(text);
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length > 80 || t.length < 8 || !isBlank(lines[i - 1])) continue;
    const compact = stripSpaces(t);
    // TITLE ends in 报告: a cheap test first.
    if (!compact.endsWith('报告') || !TITLE.test(compact) || /[。；，]/.test(compact)) continue;
    let heading = false;
    for (let j = i + 1; j < lines.length && j <= i + 40; j++) {
      if (/^[\s\u3000]*一[、.．]/.test(lines[j].text)) {
        heading = true;
        break;
      }
    }
    if (!heading) continue;
    // Take the organisation's name line just above the title along with it.
    let start = lines[i].start;
    if (i >= 2 && !isBlank(lines[i - 2]) && lines[i - 2].text.trim().length <= 30 && !/[。；，]/.test(lines[i - 2].text) && (i < 3 || isBlank(lines[i - 3]))) {
      start = lines[i - 2].start;
    }
    if (start - starts[starts.length - 1] >= MIN_REPORT_LENGTH) starts.push(start);
  }
  return starts;
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
