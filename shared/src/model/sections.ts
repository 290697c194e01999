/** Numbered headings (一、 （一） 1. （1）) and the section tree. */
import type { Section, SectionLevel, Span } from './types';
import { type Line, foldedLine, leadingWs } from './lines';
import { isSpace, parseChineseNumeral, trimEndWhere } from './text';

export interface Heading {
  readonly level: SectionLevel;
  readonly ordinal: number;
  readonly numberText: string;
  readonly numberSpan: Span;
  readonly title: string;
  readonly titleSpan: Span;
  readonly headingSpan: Span;
}

const CN = '一二三四五六七八九十';
const LEVEL1 = new RegExp(`^([${CN}]{1,3})[ \\t]*[、.](?![${CN}\\d])`);
const LEVEL2 = new RegExp(`^\\([ \\t]*([${CN}]{1,3})[ \\t]*\\)[、.]?`);
const LEVEL3 = /^(\d{1,2})[ \t]*(?:、|\.(?!\d))/;
const LEVEL3_FULLWIDTH_DOT = /^(\d{1,2})[ \t]*．/;
const LEVEL4 = /^\([ \t]*(\d{1,2})[ \t]*\)/;

/** What stands before a heading's number (every part optional: it always matches, maybe empty). */
const HEAD_LEAD = /^[\s\u3000\u00a0\ufeff]*(?:\[bookmark:[^\]]*\])?[\s\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?/;

/** Reads a heading at the start of a line; undefined when the line is not one. */
/** Characters a heading line can start with (after white space): numerals, brackets, digits, Markdown marks. */
const HEAD_START = /^[\s\u3000\u00a0\ufeff]*[一二三四五六七八九十（(0-9０-９#*_[]/;

export function readHeading(line: Line): Heading | undefined {
  const raw = line.text;
  if (!HEAD_START.test(raw)) return undefined;
  // Leading white space, and the `[bookmark: _GoBack]` marks Word leaves in converted text.
  // Markdown heading marks and bold (`### （三）`, `**一、**`) are not part of the number either.
  const lead = HEAD_LEAD.exec(raw)![0].length;
  const rest = raw.slice(lead);
  if (rest.length === 0) return undefined;
  // Width folding is per character: the folded rest is the rest of the folded line.
  const folded = foldedLine(line).slice(lead);
  let level: SectionLevel | undefined;
  let ordinal: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = LEVEL1.exec(folded))) {
    level = 1;
    ordinal = parseChineseNumeral(m[1]);
  } else if ((m = LEVEL2.exec(folded))) {
    level = 2;
    ordinal = parseChineseNumeral(m[1]);
  } else if ((m = LEVEL4.exec(folded))) {
    level = 4;
    ordinal = Number(m[1]);
  } else if ((m = LEVEL3.exec(folded)) || (m = LEVEL3_FULLWIDTH_DOT.exec(rest))) {
    level = 3;
    ordinal = Number(m[1]);
  }
  if (level === undefined || ordinal === undefined || !m || ordinal === 0) return undefined;
  const numStart = line.start + lead;
  const numEnd = numStart + m[0].length;
  const after = raw.slice(lead + m[0].length);
  const titleLead = leadingWs(after);
  const body = after.slice(titleLead);
  const stop = body.search(/[。；;：:！？!?]/);
  const titleText = trimEndWhere(trimEndWhere(stop >= 0 ? body.slice(0, stop) : body, isSpace), (c) => c === '*' || c === '_');
  // A heading needs some words after the number (`1.` alone or `1. 23` is not one).
  if (titleText.length === 0 || !/[\u3400-\u9fffA-Za-z]/.test(titleText)) return undefined;
  const titleStart = numEnd + titleLead;
  const lineEnd = line.start + trimEndWhere(raw, isSpace).length;
  return {
    level,
    ordinal,
    numberText: rest.slice(0, m[0].length).trimEnd(),
    numberSpan: { start: numStart, end: numStart + rest.slice(0, m[0].length).trimEnd().length },
    title: titleText,
    titleSpan: { start: titleStart, end: titleStart + titleText.length },
    headingSpan: { start: numStart, end: Math.max(lineEnd, titleStart + titleText.length) },
  };
}

interface MutableSection extends Heading {
  span: Span;
  children: MutableSection[];
}

/**
 * Builds the section tree: a heading nests under the nearest earlier heading of a higher level.
 * `boundaries` (appendix starts such as `附件：…统计表`) close every open section.
 */
export function buildSections(headings: readonly Heading[], textLength: number, boundaries: readonly number[] = []): Section[] {
  const roots: MutableSection[] = [];
  const stack: MutableSection[] = [];
  let b = 0;
  const closeAll = (at: number) => {
    while (stack.length > 0) {
      const done = stack.pop()!;
      done.span = { start: done.span.start, end: at };
    }
  };
  for (const h of headings) {
    while (b < boundaries.length && boundaries[b] <= h.headingSpan.start) {
      if (stack.length > 0) closeAll(boundaries[b]);
      b++;
    }
    const s: MutableSection = {
      level: h.level,
      ordinal: h.ordinal,
      numberText: h.numberText,
      numberSpan: h.numberSpan,
      title: h.title,
      titleSpan: h.titleSpan,
      headingSpan: h.headingSpan,
      span: { start: h.headingSpan.start, end: textLength },
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1].level >= h.level) {
      const done = stack.pop()!;
      done.span = { start: done.span.start, end: h.headingSpan.start };
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(s);
    else roots.push(s);
    stack.push(s);
  }
  if (b < boundaries.length && stack.length > 0) closeAll(boundaries[b]);
  return roots;
}
