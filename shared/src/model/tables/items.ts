/**
 * Stage 2's unit: a cell item (the text of one cell in reading order, with its span and value), and the tests of
 * its text that every template variant asks, memoised on the item.
 */
import type { Span } from '../types';
import { isWsCode } from '../lines';
import { cellValue, foldWidth, labelNumbering, normalizeLabel, stripSpaces, type CellValue } from '../text';

export interface Item {
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

export function newItem(text: string, span: Span, line: number, value: CellValue): Item {
  // One object shape for every item (memo fields present from the start) keeps property access monomorphic.
  return { text, span, line, value, norm: undefined, compact: undefined, flags: 0 };
}

export function compactText(it: Item): string {
  if (it.compact === undefined) it.compact = stripSpaces(foldWidth(it.text));
  return it.compact;
}

export function memoFlag(it: Item, bit: number, test: (it: Item) => boolean): boolean {
  if ((it.flags & bit) === 0) it.flags |= bit | (test(it) ? bit << 1 : 0);
  return (it.flags & (bit << 1)) !== 0;
}

export const noteTest = (it: Item): boolean => isNoteCompact(compactText(it));
export const narrativeTest = (it: Item): boolean => looksNarrativeCompact(compactText(it));
export const numberingTest = (it: Item): boolean => labelNumbering(it.text) !== '';

export function itemIsNote(it: Item): boolean {
  return memoFlag(it, 1, noteTest);
}

export function itemLooksNarrative(it: Item): boolean {
  return memoFlag(it, 4, narrativeTest);
}

export function itemHasNumbering(it: Item): boolean {
  return memoFlag(it, 16, numberingTest);
}

/** Items in reading order, produced on demand (a failed anchor never tokenises more than it reads). */
export interface ItemSource {
  get(i: number): Item | undefined;
}

export function arraySource(items: readonly Item[]): ItemSource {
  return { get: (i) => items[i] };
}

export function normOf(it: Item): string {
  if (it.norm === undefined) it.norm = normalizeLabel(it.text);
  return it.norm;
}

/** The item of `text[start, end)` trimmed of white space (incl. U+3000, NBSP), its span moved by `offset`. */
export function makeItem(text: string, start: number, end: number, line: number, offset = 0): Item {
  let s = start;
  let e = end;
  while (s < e && isWsCode(text.charCodeAt(s))) s++;
  while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
  const t = text.slice(s, e);
  return newItem(t, { start: s + offset, end: e + offset }, line, cellValue(t));
}


/** A parenthesised note, a footnote, or the wrapped tail of a long label (`护等方面的经费）`). */
export function isNoteCompact(t: string): boolean {
  if ((/^\(/.test(t) && normalizeLabel(t) === '') || /^\(?注[:：]/.test(t)) return true;
  return /\)$/.test(t) && !t.includes('(') && t.length <= 30;
}

export function looksNarrativeCompact(compact: string): boolean {
  // Parenthesised notes inside labels (`（区分处理的，只计这一情形，不计其他情形）`) do not make prose.
  const t = compact.includes('(') ? compact.replace(/\([^()]*\)/g, '') : compact;
  return t.length > 80 || (/[。！？]/.test(t) && t.length > 12) || (/[，,；]/.test(t) && t.length > 25);
}

