/**
 * Aligning Markdown pipe tables by display width (a Chinese character takes two columns), so a table being filled
 * in reads as a grid in a monospaced editor. Only the lines of pipe tables change, each by its own edit; cell
 * contents are kept as written (trimmed), escaped pipes (`\|`) stay inside their cell, the separator row keeps its
 * alignment colons.
 */
import type { TextEdit } from '../rules/types';

/** The cells of a pipe row (`| a | b |`), split at unescaped pipes; undefined for a line that is not one. */
function cellsOf(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < t.length; i++) {
    const c = t[i];
    if (c === '\\' && t[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') cells.push(cur.trim());
  return cells;
}

/**
 * Columns a character takes in a terminal or a monospaced editor: two for East Asian wide and full-width
 * characters (the ranges of Unicode's EastAsianWidth W and F that occur in reports), one otherwise.
 * (`get-east-asian-width` is ESM-only, which the CommonJS build cannot load.)
 */
export function charWidth(cp: number): 1 | 2 {
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

const SEPARATOR = /^:?-{1,}:?$/;

/**
 * Rows of cells as aligned pipe-table lines. Separator rows (by default those whose every cell is `---`, `:-:`…)
 * are drawn as dashes, keeping their alignment colons.
 */
export function formatPipeRows(rows: readonly string[][], isSeparator?: (row: number) => boolean): string[] {
  const n = Math.max(...rows.map((r) => r.length));
  const isSep = rows.map((r, k) => (isSeparator ? isSeparator(k) : r.length > 0 && r.every((c) => SEPARATOR.test(c))));
  const widths = Array.from({ length: n }, (_, i) => Math.max(3, ...rows.map((r, k) => (isSep[k] ? 3 : displayWidth(r[i] ?? '')))));
  return rows.map((r, k) => {
    const cells = Array.from({ length: n }, (_, i) => {
      const c = r[i] ?? '';
      if (isSep[k]) {
        const sep = c || '---';
        const left = sep.startsWith(':') ? ':' : '-';
        const right = sep.endsWith(':') && sep.length > 1 ? ':' : '-';
        return left + '-'.repeat(widths[i] - 2) + right;
      }
      return c + ' '.repeat(widths[i] - displayWidth(c));
    });
    return `| ${cells.join(' | ')} |`;
  });
}

/** Edits that align every pipe table of two rows or more in `text` (or only those touching [from, to]). */
export function alignPipeTables(text: string, from = 0, to = text.length): TextEdit[] {
  const edits: TextEdit[] = [];
  const lines: { start: number; text: string }[] = [];
  let start = 0;
  for (const piece of text.split('\n')) {
    lines.push({ start, text: piece.replace(/\r$/, '') });
    start += piece.length + 1;
  }
  for (let i = 0; i < lines.length; ) {
    if (!cellsOf(lines[i].text)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && cellsOf(lines[j].text)) j++;
    const block = lines.slice(i, j);
    const touches = block[0].start <= to && block[block.length - 1].start + block[block.length - 1].text.length >= from;
    if (block.length >= 2 && touches) {
      const indent = /^[ \t]*/.exec(block[0].text)![0];
      const formatted = formatPipeRows(block.map((l) => cellsOf(l.text)!));
      block.forEach((l, k) => {
        const next = indent + formatted[k];
        if (next !== l.text) edits.push({ span: { start: l.start, end: l.start + l.text.length }, newText: next });
      });
    }
    i = j;
  }
  return edits;
}
