/** Page furniture inside tables: page numbers at pdftotext's page breaks, running headers and footers. */
import { type Line, isBlank, isPageFurniture } from '../lines';

/**
 * Bare numbers that are page numbers at pdftotext's page breaks (form feeds): a number alone on the last non-blank
 * line of a page (a footer) or on the first line of the next, the one starting with `\f` (a header), that counts
 * the pages. Per position, the numbers that are their page's number less one offset (0, or the few front pages
 * not counted) are page numbers if they are at least half of the breaks, and two of them unless the offset is 0.
 * A bare number that does not fit the count may be a cell, and stays one.
 */
export const MAX_UNNUMBERED_PAGES = 3;

export function pageNumberLines(lines: readonly Line[]): Set<number> {
  type Candidate = { readonly line: number; readonly offset: number };
  const at: Record<'foot' | 'head', Candidate[]> = { foot: [], head: [] };
  const bare = (j: number): number | undefined => {
    const m = /^[\f \t\u3000]*(\d{1,4})[ \t\u3000]*$/.exec(lines[j].text);
    return m ? Number(m[1]) : undefined;
  };
  let page = 1;
  for (let j = 0; j < lines.length; j++) {
    if (!lines[j].text.startsWith('\f')) continue;
    // A page whose number is printed at the head of the next (`\f- 4 -`) has no number at its foot.
    let k = j - 1;
    while (k >= 0 && isBlank(lines[k])) k--;
    const foot = k >= 0 && !isPageFurniture(lines[j].text) ? bare(k) : undefined;
    if (foot !== undefined) at.foot.push({ line: k, offset: foot - page });
    page++;
    const head = bare(j);
    if (head !== undefined) at.head.push({ line: j, offset: head - page });
  }
  const best = (cs: readonly Candidate[]): { offset: number; count: number } | undefined => {
    const counts = new Map<number, number>();
    for (const c of cs) counts.set(c.offset, (counts.get(c.offset) ?? 0) + 1);
    let top: { offset: number; count: number } | undefined;
    for (const [offset, count] of counts) if (!top || count > top.count || (count === top.count && offset === 0)) top = { offset, count };
    return top;
  };
  const foot = best(at.foot);
  const head = best(at.head);
  const breaks = page - 1;
  // Page numbers are on most pages; a cell that happens to fit the count is not on most page breaks.
  const accepted = (g: typeof foot): boolean => !!g && g.offset <= 0 && g.offset >= -MAX_UNNUMBERED_PAGES && 2 * g.count >= breaks && (g.count >= 2 || g.offset === 0);
  const found = new Set<number>();
  if (accepted(foot)) for (const c of at.foot) if (c.offset === foot!.offset) found.add(c.line);
  if (accepted(head)) for (const c of at.head) if (c.offset === head!.offset) found.add(c.line);
  return found;
}

export function furnitureAt(lines: readonly Line[], pageNumbers: ReadonlySet<number>, j: number): boolean {
  return pageNumbers.has(j) || isPageFurniture(lines[j].text);
}

/**
 * Whether the blank line `j` pads a page-furniture line: it is next to one whose other side is blank, furniture or
 * the page break too (`""`, `-3-`, `""`). Where blank lines are empty cells, a page number printed tight between
 * two cells leaves the blank cells around it alone.
 */
export function besideFurniture(lines: readonly Line[], pageNumbers: ReadonlySet<number>, j: number): boolean {
  const gap = (k: number): boolean => k < 0 || k >= lines.length || isBlank(lines[k]) || lines[k].text.startsWith('\f') || furnitureAt(lines, pageNumbers, k);
  const pads = (f: number, other: number): boolean => f >= 0 && f < lines.length && furnitureAt(lines, pageNumbers, f) && gap(other);
  return pads(j - 1, j - 2) || pads(j + 1, j + 2);
}
