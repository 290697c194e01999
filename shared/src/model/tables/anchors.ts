/** Where a table may start: lines that show a table kind's header words or its first row label. */
import type { TableKind } from '../types';
import { type Line, compactLine, foldedLine, leadingWs } from '../lines';
import { normalizeLabel } from '../text';
import { type Item, type ItemSource, itemIsNote, itemLooksNarrative } from './items';
import { type PreparedTable, firstLabelStarts, markerIndex, markersIn } from './templateIndex';

export interface Candidate {
  readonly kind: TableKind;
  readonly fallback: boolean;
}

/** The table kinds whose header words (or first row label) this line shows. */
export function anchorKinds(line: Line, all: readonly PreparedTable[]): Candidate[] {
  if (line.text.length > 400) return [];
  // Prose sentences are never table headers: skip the normalisation for them.
  if (line.text.length > 30 && line.text.includes('。') && !line.text.includes('\t') && !line.text.includes('|')) return [];
  const norm = compactLine(line);
  if (norm.length === 0 || norm.length > 160 || /[。！？]/.test(norm)) return [];
  const kinds = new Map<TableKind, boolean>();
  const delimited = line.text.includes('\t') || line.text.includes('|');
  // Each marker once (template variants share most of them), in the order of the tables: kinds come out as before.
  const index = markerIndex(all);
  const shown = markersIn(index, norm);
  for (let k = 0; k < index.list.length; k++) {
    if (shown[k] === 0) continue;
    const { marker: m, kind } = index.list[k];
    if (!kinds.has(kind) && (norm.length <= m.length + 40 || delimited)) kinds.set(kind, false);
  }
  if (kinds.size === 0 && firstLabelStarts(all).has(foldedLine(line).charAt(leadingWs(line.text)))) {
    const first = lineItemsForAnchor(line);
    for (const pt of all) {
      const firstValue = pt.keys.find((k) => k.ind.role !== 'group' || pt.table.kind === 'active');
      if (firstValue && first !== '' && firstValue.norms.includes(normalizeLabel(first))) {
        if (!kinds.has(pt.table.kind)) kinds.set(pt.table.kind, true);
      }
    }
  }
  return [...kinds].map(([kind, fallback]) => ({ kind, fallback }));
}


export function lineItemsForAnchor(line: Line): string {
  const t = line.text.trim();
  const first = t.split(/\t|\|| {2,}|\u3000{2,}/).map((s) => s.trim()).find((s) => s !== '');
  return first ?? '';
}

/** Items of the lines from `from` (the anchor) up to `stop`, tokenised as they are asked for; a prose line ends them. */
export function lineSource(from: number, stop: number, itemsOfLine: (j: number) => Item[]): ItemSource {
  const items: Item[] = [];
  let next = from;
  let ended = false;
  return {
    get(i) {
      while (i >= items.length && !ended) {
        if (next >= stop) {
          ended = true;
          break;
        }
        const its = itemsOfLine(next);
        for (const it of its) items.push(it);
        // A narrative line ends any table: no need to read further.
        if (next > from + 1 && its.length === 1 && itemLooksNarrative(its[0]) && !itemIsNote(its[0])) ended = true;
        next++;
      }
      return items[i];
    },
  };
}
