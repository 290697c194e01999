/**
 * Layout reader for run-together text (a web page's text dump, `（一）予以公开1020300（二）部分公开…`): labels and
 * digit runs, split into cells later by the table's own arithmetic (`../runTogetherRead.ts`).
 */
import type { Line } from '../../lines';
import { cellValue, foldWidth } from '../../text';
import { newItem, type Item } from '../items';


export function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

export const GROUP = /^[0-9０-９]{3}(?![0-9０-９])/;

/** Parenthesised stretches closed within this many characters hold label text (`计1条`), never cells. */
export const MAX_PAREN = 60;

/**
 * Where a text run is cut: a numbering that starts a label (`三、`, `（一）`; not after 第, as in `第二十条第（一）项`),
 * and the start of a new sentence.
 */
export const INNER_NUMBERING = /[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|(?<=[。！？；])[^。！？；]/g;

/**
 * Items of a line whose cells lost the space between them: runs of digits (split off the text around them) and the
 * text between, cut where a label's numbering starts. A digit right before `.`/`、` and a label is that label's
 * numbering (`00000002.其他法律…`); digits in a short parenthesis belong to the label.
 */
export function runTogetherItems(line: Line): Item[] {
  const t = line.text;
  const n = t.length;
  const inParen = new Uint8Array(n);
  let open = -1;
  for (let i = 0; i < n; i++) {
    const c = t[i];
    if (c === '（' || c === '(') open = i;
    else if ((c === '）' || c === ')') && open >= 0) {
      if (i - open <= MAX_PAREN) inParen.fill(1, open, i + 1);
      open = -1;
    }
  }
  const out: Item[] = [];
  const text = (a: number, b: number): void => {
    if (b <= a) return;
    INNER_NUMBERING.lastIndex = 0;
    const seg = t.slice(a, b);
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = INNER_NUMBERING.exec(seg)) !== null) {
      if (m[0].length === 0) break;
      if (m.index > 0 && seg[m.index - 1] !== '第' && seg.slice(from, m.index).trim() !== '') {
        pushItem(a + from, a + m.index);
        from = m.index;
      }
    }
    pushItem(a + from, b);
  };
  const pushItem = (a: number, b: number): void => {
    while (a < b && /[\s\u3000\u00a0\ufeff]/.test(t[a])) a++;
    while (b > a && /[\s\u3000\u00a0]/.test(t[b - 1])) b--;
    if (b <= a) return;
    const s = t.slice(a, b);
    out.push(newItem(s, { start: line.start + a, end: line.start + b }, line.index, cellValue(s)));
  };
  let textStart = 0;
  let i = 0;
  while (i < n) {
    if (!isDigitAt(t, i) || inParen[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isDigitAt(t, j) && !inParen[j]) j++;
    let end = j;
    const sep = j < n ? foldWidth(t[j]) : '';
    if ((sep === '.' || sep === '．') && j + 1 < n && isDigitAt(t, j + 1)) {
      // A decimal (`127.6`): one number.
      end = j + 1;
      while (end < n && isDigitAt(t, end)) end++;
    } else if (j - i <= 3) {
      // Thousands separators (`1,607`): one number.
      while ((t[end] === ',' || t[end] === '，') && GROUP.test(t.slice(end + 1, end + 5))) end += 4;
    }
    let next = end;
    if (end === j && (sep === '.' || sep === '．' || sep === '、') && j + 1 < n && !isDigitAt(t, j + 1) && !/\s/.test(t[j + 1])) {
      // The last digit is the numbering of the label after it.
      end = j - 1;
      next = j - 1;
    }
    text(textStart, i);
    if (end > i) pushItem(i, end);
    textStart = next;
    i = Math.max(j, next + 1);
  }
  text(textStart, n);
  return out;
}

// Run-together tables: a web page copied as text, the space between cells lost

/**
 * A label (or closing parenthesis) right before seven or more digits (`/[\u3400-\u9fff）)][0-9０-９]{7,}/`): a row
 * of table 三 or 四 run together. A scan of the digit runs, not a regular expression tried at every character.
 */
export function hasRunHint(t: string): boolean {
  const n = t.length;
  for (let i = 1; i < n; i++) {
    if (!isDigitAt(t, i)) continue;
    let j = i + 1;
    while (j < n && isDigitAt(t, j)) j++;
    if (j - i >= 7) {
      const p = t.charCodeAt(i - 1);
      if ((p >= 0x3400 && p <= 0x9fff) || p === 0xff09 || p === 0x29) return true;
    }
    i = j;
  }
  return false;
}
