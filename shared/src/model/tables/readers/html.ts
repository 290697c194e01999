/** Layout reader: the `<td>`/`<th>` cells of a pasted HTML `<table>`, at their offsets in the source. */
import type { Span } from '../../types';
import { cellValue } from '../../text';
import { newItem, type Item } from '../items';

/** Decodes the HTML entities met in pasted tables; returns the character and the entity length. */
export function htmlEntity(s: string, i: number): [string, number] | undefined {
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
export function visibleText(text: string, start: number, end: number): { chars: string; offsets: number[] } {
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


/** Items of the `<td>`/`<th>` cells of one HTML `<table>` between `start` and `end`. */
export function htmlItems(text: string, start: number, end: number, lineOf: (offset: number) => number): Item[] {
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

export function contiguousSpan(text: string, s: number, e: number, t: string): Span {
  const at = text.indexOf(t, s);
  if (at >= 0 && at + t.length <= e + 64) return { start: at, end: at + t.length };
  return { start: s, end: e };
}

