/** From an offset in extracted text back to where it came from in the original document. */
import type { ImportedText, SourceLocation } from './types';

export interface SourceCell extends SourceLocation {
  /** For a table row: the cell, 1-based, in grid order. */
  readonly column?: number;
}

/** The origin of the line holding `offset`, with the cell for a table row; undefined before the first line. */
export function sourceAt(imported: Pick<ImportedText, 'lines'>, offset: number): SourceCell | undefined {
  const lines = imported.lines;
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const line = lines[found];
  if (!line.cells || line.cells.length === 0) return line.source;
  let column = 1;
  for (let i = 0; i < line.cells.length; i++) if (line.cells[i] <= offset) column = i + 1;
  return { ...line.source, column };
}

/** `第3页 表2 第5行第3列` / `page 3, table 2, row 5, column 3`: a place a person can find in the original. */
export function describeSource(s: SourceCell, lang: 'zh' | 'en'): string {
  const zh: string[] = [];
  const en: string[] = [];
  if (s.page !== undefined) {
    zh.push(`第${s.page}页`);
    en.push(`page ${s.page}`);
  }
  if (s.table !== undefined) {
    zh.push(`表格${s.table}` + (s.row !== undefined ? `第${s.row}行` : '') + (s.column !== undefined ? `第${s.column}列` : ''));
    en.push(`table ${s.table}` + (s.row !== undefined ? `, row ${s.row}` : '') + (s.column !== undefined ? `, column ${s.column}` : ''));
  } else if (s.paragraph !== undefined) {
    zh.push(`第${s.paragraph}段`);
    en.push(`paragraph ${s.paragraph}`);
  }
  return lang === 'zh' ? zh.join(' ') : en.join(', ');
}
