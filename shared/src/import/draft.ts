/**
 * Extracted text as an editable Markdown draft: prose as it is, each run of table rows as an aligned pipe table.
 * What `xxgk-report extract` prints and what "另存为可编辑草稿" writes; the checker reads it as it reads the
 * extracted text (a test holds the findings of both equal).
 */
import type { ImportedText } from './types';

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

function pipeTable(rows: readonly string[][]): string[] {
  const n = Math.max(...rows.map((r) => r.length));
  const cells = rows.map((r) => Array.from({ length: n }, (_, i) => (r[i] ?? '').replace(/\|/g, '\\|').trim()));
  const widths = Array.from({ length: n }, (_, i) => Math.max(3, ...cells.map((r) => displayWidth(r[i]))));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join(' | ')} |`;
  return [line(cells[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)];
}

/** The extracted text with every run of table rows (lines with cells) written as an aligned pipe table. */
export function toMarkdownDraft(imported: Pick<ImportedText, 'text' | 'lines'>): string {
  const out: string[] = [];
  const rowAt = new Map<number, boolean>();
  for (const l of imported.lines) if (l.cells && l.cells.length > 0) rowAt.set(l.start, true);
  let table: string[][] = [];
  const flush = () => {
    if (table.length) out.push(...pipeTable(table));
    table = [];
  };
  let offset = 0;
  for (const text of imported.text.split('\n')) {
    if (rowAt.has(offset)) table.push(text.split('\t'));
    else {
      flush();
      out.push(text);
    }
    offset += text.length + 1;
  }
  flush();
  return out.join('\n');
}
