/** Which layout a table's lines are in, from the lines after its anchor. */
import type { TableLayout } from '../types';
import { type Line, isBlank } from '../lines';

export function detectLayout(lines: readonly Line[], from: number, to: number): { layout: TableLayout; blankIsCell: boolean } {
  let pipes = 0;
  let tabs = 0;
  let spaced = 0;
  let nonBlank = 0;
  let adjacent = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (isBlank(l)) continue;
    nonBlank++;
    const t = l.text.trim();
    if (t.startsWith('|')) pipes++;
    else if (l.text.includes('\t')) tabs++;
    else if (/\S[ \u3000\u00a0]{2,}\S/.test(t)) spaced++;
    if (i + 1 < to && !isBlank(lines[i + 1])) adjacent++;
  }
  if (nonBlank === 0) return { layout: 'cell-lines', blankIsCell: false };
  if (pipes / nonBlank >= 0.4) return { layout: 'pipes', blankIsCell: false };
  if (tabs / nonBlank >= 0.4) return { layout: 'tabs', blankIsCell: false };
  if (spaced / nonBlank >= 0.3) return { layout: 'spaces', blankIsCell: false };
  // One cell per line: blank lines are separators when cells are never adjacent, else empty cells.
  return { layout: 'cell-lines', blankIsCell: adjacent / nonBlank > 0.5 };
}

