/**
 * Layout readers of one line: pipe rows, tab rows, space-aligned columns, one cell per line (a blank line is an
 * empty cell where the layout says so). Each turns a line into the same cell items.
 */
import type { TableLayout } from '../../types';
import { type Line, isBlank, leadingWs } from '../../lines';
import { foldWidth, hasCjk } from '../../text';
import { makeItem, type Item } from '../items';

/** Splits one line into cell items according to the layout. */
export function lineItems(line: Line, layout: TableLayout, blankIsCell: boolean): Item[] {
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

export const CELL_GAP = /[ \u3000\u00a0]{2,}/g;

/** `（一）予以公开 5 0 0 …`: a label followed by single-space separated values becomes separate items. */
/** Whether the text ends as a trailing value can once width-folded (`\d[\d,]*` or `[-—/]+`): a digit, comma, dash or slash. */
export function endsLikeValue(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 0x2c || c === 0xff0c || c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x2f || c === 0xff0f;
}

export function splitTrailingValues(items: Item[], lineText: string, offset: number): Item[] {
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
