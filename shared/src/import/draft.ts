/**
 * Extracted text as an editable Markdown draft: prose as it is, each run of table rows as an aligned pipe table.
 * What `xxgk-report extract` prints and what "另存为可编辑草稿" writes; the checker reads it as it reads the
 * extracted text (a test holds the findings of both equal).
 */
import { formatPipeRows } from '../features/formatting';
import type { ImportedText } from './types';

function pipeTable(rows: readonly string[][]): string[] {
  const n = Math.max(...rows.map((r) => r.length));
  const cells = rows.map((r) => Array.from({ length: n }, (_, i) => (r[i] ?? '').replace(/\|/g, '\\|').trim()));
  // The first row is the header: a separator row follows it.
  return formatPipeRows([cells[0], cells[0].map(() => '---'), ...cells.slice(1)], (k) => k === 1);
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
