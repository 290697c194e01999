/**
 * Sentences of this year's report copied from last year's. Sentences are compared after folding width and
 * dropping spaces and punctuation, with each report's own year and the year before it written as 〈本年〉 and
 * 〈上年〉: `2023年共收到申请` copied into the 2024 report as `2024年共收到申请` is still a copy.
 */
import type { Report, Span } from '../model/types';
import { foldWidth } from '../model/text';

export interface Sentence {
  readonly span: Span;
  /** The normalised text compared between years. */
  readonly key: string;
}

/**
 * What a draft made from last year's report (`nextYearDraft`) puts before each sentence kept from last year. A
 * marked sentence is still last year's: the mark is dropped before comparing, as are the 〔〕 around old figures.
 */
export const PREVIOUS_TEXT_MARK = '〔上年原文〕';

/** Sentences shorter than this (normalised) are formulae every report shares: 特此报告, 无, headings. */
const MIN_SENTENCE = 12;

const END = /[。！？；!?;]|\r?\n|\r/g;
const DROP = /[\s\u3000，、,:：“”"‘’'（）()《》〈〉【】〔〕[\]·…—\-.．]+/g;

function normalise(s: string, year: number | undefined): string {
  let t = foldWidth(s.split(PREVIOUS_TEXT_MARK).join('')).replace(DROP, '');
  if (year !== undefined) t = t.split(String(year)).join('〈本年〉').split(String(year - 1)).join('〈上年〉');
  return t;
}

/** The prose sentences of `report` (never inside a table), each with its comparison key. */
export function sentences(report: Report): Sentence[] {
  const out: Sentence[] = [];
  const text = report.text;
  const regions = report.tableRegions;
  let start = 0;
  let region = 0;
  const push = (end: number) => {
    while (region < regions.length && regions[region].end <= start) region++;
    const r = regions[region];
    const inTable = r !== undefined && start < r.end && end > r.start;
    if (!inTable && end > start) {
      const key = normalise(text.slice(start, end), report.year);
      if (key.length >= MIN_SENTENCE) {
        let s = start;
        while (s < end && /[\s\u3000]/.test(text[s])) s++;
        out.push({ span: { start: s, end }, key });
      }
    }
  };
  END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(text)) !== null) {
    const end = /[\r\n]/.test(m[0]) ? m.index : m.index + m[0].length;
    push(end);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

export interface Repetition {
  /** This year's sentences found word for word (after normalising) in last year's report. */
  readonly copied: readonly Sentence[];
  readonly sentences: number;
  /** Characters of copied sentences ÷ characters of all sentences (normalised), 0–1. */
  readonly share: number;
}

/** Last year's sentence keys, once per parsed report: the editor compares every edit of this year's with them. */
const keysOf = new WeakMap<Report, ReadonlySet<string>>();

/** How much of `report`'s prose is last year's (`previous`). */
export function repetition(report: Report, previous: Report): Repetition {
  let before = keysOf.get(previous);
  if (!before) {
    before = new Set(sentences(previous).map((s) => s.key));
    keysOf.set(previous, before);
  }
  const now = sentences(report);
  const copied: Sentence[] = [];
  let all = 0;
  let same = 0;
  for (const s of now) {
    all += s.key.length;
    if (before.has(s.key)) {
      copied.push(s);
      same += s.key.length;
    }
  }
  return { copied, sentences: now.length, share: all === 0 ? 0 : same / all };
}
