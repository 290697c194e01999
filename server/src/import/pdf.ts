/**
 * The PDF reader of the import layer: a PDF's bytes → the text the checker reads, with each line's page and, for
 * table rows, its table, row and cell offsets.
 *
 * pdf.js (`pdfjs-dist` v5, legacy build, ESM) gives two things per page: the text items with their positions
 * (`getTextContent`) and the drawing operators (`getOperatorList`). Table rulings are read from the operators:
 * Chromium and many WPS exports draw cell borders as thin filled rectangles, other producers stroke lines; both become
 * horizontal and vertical rules. Rules that touch form a table; their positions are the grid's column and row
 * boundaries, a boundary missing along a cell is a merged cell. Every text item falls into the cell box that holds
 * its centre, so a label wrapped over lines (`自然` / `人`, `商业企` / `业`) is one cell again. A row is one line of
 * cells joined by tabs, with merged cells written as the HTML reader writes them (`shared/src/import/htmlTables.ts`):
 * repeated across their span in the header rows, only in their first slot in value rows.
 *
 * Outside tables, items on one baseline make a line. Word's and pandoc's default table style draws no rulings
 * (LibreOffice's PDFs of such files have none): lines holding several short pieces far apart, with the lines of one
 * short piece next to them (wrapped cells), make a table whose columns are the stretches where some line has text
 * and whose rows begin where the line pitch widens (cell padding); such a table goes on over pages too, its
 * repeated header dropped and a row cut by the page break joined again. Elsewhere a gap of several characters
 * splits a line into tab-separated cells. Where a word processor draws the quotation marks of a Chinese line in
 * another font, over blanks of the Chinese run, they are put in place. Lines that fill the text width and go on at the same left edge with the
 * usual line pitch are one wrapped paragraph and are joined. Page numbers (`-3-`, `— 2 —`, `第 3 页 共 9 页`, a
 * lone number in the margin) and running headers or footers that repeat on most pages are dropped; a table that
 * goes on over the next page is one table, its repeated header rows dropped.
 *
 * pdf.js runs on this thread: its worker module, imported first, registers itself on `globalThis.pdfjsWorker`,
 * and pdf.js then uses it directly instead of starting a worker (so a bundle needs no separate worker file). The
 * CMaps (needed for CJK fonts with predefined encodings such as UniGB-UCS2-H) are read from disk: `cMapDir`, by
 * default the `cmaps/` folder of the installed package.
 *
 * Never throws: a file that cannot be read is a refusal with a reason a user can act on.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { foldRadicals, type ImportRefusal, type ImportResult, type ImportedText, type Localized, type SourceLine, type SourceLocation } from '../../../shared/src/index';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

export interface ReadPdfOptions {
  /** Folder holding pdf.js's packed CMaps (`*.bcmap`); default: `cmaps/` of the installed pdfjs-dist. */
  readonly cMapDir?: string;
  /** Folder holding pdf.js's standard font data; optional (metrics of the 14 standard fonts are built in). */
  readonly standardFontDir?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry: what the layout step reads. Device space at scale 1: points, origin top left, y grows downwards.

/** A run of text on one baseline. */
export interface TextRun {
  readonly str: string;
  /** Left and right edge. */
  readonly x0: number;
  readonly x1: number;
  /** Baseline. */
  readonly y: number;
  /** Font size (height of the em box). */
  readonly size: number;
}

/** A horizontal (`y`, from `a` to `b` in x) or vertical (`x`, from `a` to `b` in y) rule. */
export interface Rule {
  readonly at: number;
  readonly a: number;
  readonly b: number;
}

export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly runs: readonly TextRun[];
  readonly horizontal: readonly Rule[];
  readonly vertical: readonly Rule[];
}

// ---------------------------------------------------------------------------------------------------------------
// Loading pdf.js

let loading: Promise<Pdfjs> | undefined;

/** pdf.js prints `Warning: …` with console.log while its modules load (no canvas package, no DOMMatrix). */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const { log, warn } = console;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    return await f();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/**
 * pdf.js's display layer creates one `DOMMatrix` when it loads (for canvas rendering, which is never used here).
 * Node has no DOMMatrix; pdf.js takes it from the optional native `@napi-rs/canvas`, which a bundle or an install
 * without optional packages does not have. This stand-in is only there while the module loads.
 */
class MatrixStandIn {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
}

function loadPdfjs(): Promise<Pdfjs> {
  loading ??= quietly(async () => {
    const g = globalThis as { DOMMatrix?: unknown };
    const standIn = g.DOMMatrix === undefined;
    if (standIn) g.DOMMatrix = MatrixStandIn;
    try {
      // Sets globalThis.pdfjsWorker: pdf.js then runs its worker code on this thread, no worker file to locate.
      // @ts-expect-error pdfjs-dist ships no type declarations for its worker module
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      if (standIn && g.DOMMatrix === MatrixStandIn) delete g.DOMMatrix;
    }
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** `cmaps/` of the installed pdfjs-dist (throws where there is none, as in a bundle: pass `cMapDir` there). */
export function defaultCMapDir(): string {
  // Through a variable: a bundler would try to resolve a literal `require.resolve` at build time.
  const req: NodeJS.Require = require;
  return path.join(path.dirname(req.resolve('pdfjs-dist/package.json')), 'cmaps');
}

function dirUrl(dir: string): string {
  return dir.endsWith('/') || dir.endsWith(path.sep) ? dir : dir + '/';
}

/**
 * Reads the packed CMaps from the folder with node:fs. pdf.js's own Node reader calls `process.getBuiltinModule`,
 * which Node has only from 20.16 (older VS Code extension hosts run 20.9–20.14).
 */
class FileCMapReader {
  private readonly dir: string | null;

  constructor({ baseUrl }: { baseUrl?: string | null }) {
    this.dir = baseUrl ?? null;
  }

  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    if (!this.dir || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name)) throw new Error(`no CMap ${name}`);
    const data = await fs.readFile(path.join(this.dir, `${name}.bcmap`));
    return { cMapData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), isCompressed: true };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading one page's geometry

type Matrix = [number, number, number, number, number, number];

function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thicker than this is a shape, not a rule. */
const RULE_MAX = 3;
/** Shorter than this is a dot or a glyph part, not a rule. */
const RULE_MIN = 4;

interface RuleSink {
  horizontal: Rule[];
  vertical: Rule[];
}

/** A filled subpath whose box is thin and long is a rule. */
function addFilledBox(points: readonly number[], sink: RuleSink): void {
  if (points.length < 6) return;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= RULE_MAX && w >= RULE_MIN && w >= 3 * h) sink.horizontal.push({ at: (y0 + y1) / 2, a: x0, b: x1 });
  else if (w <= RULE_MAX && h >= RULE_MIN && h >= 3 * w) sink.vertical.push({ at: (x0 + x1) / 2, a: y0, b: y1 });
}

/** Each straight axis-parallel segment of a stroked subpath is a rule. */
function addStrokedSegments(points: readonly number[], closed: boolean, sink: RuleSink): void {
  const n = points.length / 2;
  const segs = closed ? n : n - 1;
  for (let i = 0; i < segs; i++) {
    const j = (i + 1) % n;
    const [xa, ya, xb, yb] = [points[2 * i], points[2 * i + 1], points[2 * j], points[2 * j + 1]];
    if (Math.abs(ya - yb) < 1 && Math.abs(xa - xb) >= RULE_MIN) sink.horizontal.push({ at: (ya + yb) / 2, a: Math.min(xa, xb), b: Math.max(xa, xb) });
    else if (Math.abs(xa - xb) < 1 && Math.abs(ya - yb) >= RULE_MIN) sink.vertical.push({ at: (xa + xb) / 2, a: Math.min(ya, yb), b: Math.max(ya, yb) });
  }
}

/** Rules drawn by the operators, in device space. */
function rulesOf(pdfjs: Pdfjs, fnArray: readonly number[], argsArray: readonly unknown[], base: Matrix): RuleSink {
  const { OPS } = pdfjs;
  const sink: RuleSink = { horizontal: [], vertical: [] };
  const fills = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const stack: Matrix[] = [];
  let ctm: Matrix = base;
  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k];
    const args = argsArray[k] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? base;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = multiply(ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? base;
    else if (fn === OPS.constructPath && args) {
      const op = args[0] as number;
      const buffer = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!buffer || (!fills.has(op) && !strokes.has(op))) continue;
      const subpaths: { points: number[]; closed: boolean; curved: boolean }[] = [];
      let cur: { points: number[]; closed: boolean; curved: boolean } | undefined;
      for (let i = 0; i < buffer.length; ) {
        const code = buffer[i++];
        if (code === 0 || code === 1) {
          // moveTo / lineTo
          const [x, y] = apply(ctm, buffer[i], buffer[i + 1]);
          i += 2;
          if (code === 0 || !cur) {
            cur = { points: [], closed: false, curved: false };
            subpaths.push(cur);
          }
          cur.points.push(x, y);
        } else if (code === 2 || code === 3) {
          // curveTo (6 numbers) / quadraticCurveTo (4): keep the end point, the subpath is no straight rule
          const n = code === 2 ? 6 : 4;
          const [x, y] = apply(ctm, buffer[i + n - 2], buffer[i + n - 1]);
          i += n;
          if (!cur) {
            cur = { points: [], closed: false, curved: true };
            subpaths.push(cur);
          }
          cur.curved = true;
          cur.points.push(x, y);
        } else if (code === 4) {
          // closePath
          if (cur) cur.closed = true;
          cur = undefined;
        } else break;
      }
      for (const s of subpaths) {
        if (s.curved) continue;
        if (fills.has(op)) addFilledBox(s.points, sink);
        if (strokes.has(op)) addStrokedSegments(s.points, s.closed, sink);
      }
    }
  }
  return sink;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Horizontal text runs in device space; rotated runs and blank items are left out. */
function runsOf(items: readonly unknown[], base: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  for (const raw of items) {
    const it = raw as Partial<RawItem>;
    if (typeof it.str !== 'string' || !Array.isArray(it.transform) || it.str.trim() === '') continue;
    const t = multiply(base, it.transform);
    const size = Math.hypot(t[2], t[3]);
    if (!(size > 0) || Math.abs(t[1]) > 0.01 * Math.abs(t[0]) || t[0] <= 0) continue;
    const width = typeof it.width === 'number' && it.width > 0 ? it.width * (Math.hypot(base[0], base[1]) || 1) : size * it.str.length;
    runs.push({ str: foldRadicals(it.str), x0: t[4], x1: t[4] + width, y: t[5], size });
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout: pure, from the geometry of every page to the text

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Joins two wrapped pieces of text: nothing next to a Chinese character or after a hyphen or slash (a line may
 * break in `0856-7720314`), one space between words. */
function joinText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const last = Array.from(a).pop();
  const first = Array.from(b)[0];
  return isCjk(last) || isCjk(first) || /[\s\-‐/]$/.test(a) || /^\s/.test(b) ? a + b : `${a} ${b}`;
}

/** A figure or an explicit “none” mark: the row holds values, not headers (as in htmlTables.ts). */
function isValue(text: string): boolean {
  return /^[-+]?[\d０-９][\d０-９,，.．]*%?$/.test(text) || /^[—–\-/／]+$/.test(text);
}

/** Values within `tol` of each other, as sorted cluster centres. */
function cluster(values: readonly number[], tol: number): number[] {
  const sorted = [...values].sort((p, q) => p - q);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** Collinear rules that touch or overlap become one. */
function mergeRules(rules: readonly Rule[]): Rule[] {
  const sorted = [...rules].sort((p, q) => p.at - q.at || p.a - q.a);
  const lines: Rule[][] = [];
  for (const r of sorted) {
    const line = lines.find((l) => Math.abs(l[0].at - r.at) <= 1.5);
    if (line) line.push(r);
    else lines.push([r]);
  }
  const out: Rule[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.a - q.a);
    let cur = { ...line[0] };
    for (const r of line.slice(1)) {
      if (r.a <= cur.b + 1.5) cur = { at: cur.at, a: cur.a, b: Math.max(cur.b, r.b) };
      else {
        out.push(cur);
        cur = { ...r };
      }
    }
    out.push(cur);
  }
  return out;
}

/** A table found from its rulings: the grid boundaries and which boundaries are drawn. */
interface RuledTable {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly horizontal: readonly Rule[];
  readonly vertical: readonly Rule[];
}

const TOUCH = 2.5;

/** Groups of rules that touch each other; a group with two rules each way is a table. */
function findTables(horizontal: readonly Rule[], vertical: readonly Rule[], runs: readonly TextRun[]): RuledTable[] {
  const hs = mergeRules(horizontal);
  const vs = mergeRules(vertical);
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      if (v.at >= h.a - TOUCH && v.at <= h.b + TOUCH && h.at >= v.a - TOUCH && h.at <= v.b + TOUCH) parent[find(i)] = find(hs.length + j);
    });
  });
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(find(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(find(hs.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(find(hs.length + j), g);
  });
  const tables: RuledTable[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const xs = cluster(g.v.map((r) => r.at), TOUCH);
    const ys = cluster(g.h.map((r) => r.at), TOUCH);
    // Where the rules of one direction reach beyond the outermost rule of the other and text lies in between, their
    // ends bound the grid too: the first row of a table going on over a page often has no top border drawn.
    const xc = (r: TextRun) => (r.x0 + r.x1) / 2;
    const yc = (r: TextRun) => r.y - 0.35 * r.size;
    const within = (v: number, lo: number, hi: number) => v > lo && v < hi;
    const top = Math.min(...g.v.map((r) => r.a));
    const bottom = Math.max(...g.v.map((r) => r.b));
    const left = Math.min(...g.h.map((r) => r.a));
    const right = Math.max(...g.h.map((r) => r.b));
    const across = (r: TextRun) => within(xc(r), xs[0], xs[xs.length - 1]);
    const down = (r: TextRun) => within(yc(r), ys[0], ys[ys.length - 1]);
    if (top < ys[0] - TOUCH && runs.some((r) => across(r) && within(yc(r), top, ys[0]))) ys.unshift(top);
    if (bottom > ys[ys.length - 1] + TOUCH && runs.some((r) => across(r) && within(yc(r), ys[ys.length - 1], bottom))) ys.push(bottom);
    if (left < xs[0] - TOUCH && runs.some((r) => down(r) && within(xc(r), left, xs[0]))) xs.unshift(left);
    if (right > xs[xs.length - 1] + TOUCH && runs.some((r) => down(r) && within(xc(r), xs[xs.length - 1], right))) xs.push(right);
    if (xs.length < 2 || ys.length < 2) continue;
    tables.push({ xs, ys, horizontal: g.h, vertical: g.v });
  }
  return tables.sort((p, q) => p.ys[0] - q.ys[0]);
}

/** Whether a rule at `at` (± TOUCH) covers the point `p` along its length. */
function covered(rules: readonly Rule[], at: number, p: number): boolean {
  return rules.some((r) => Math.abs(r.at - at) <= TOUCH && r.a - TOUCH <= p && p <= r.b + TOUCH);
}

function indexIn(bounds: readonly number[], v: number): number {
  for (let i = 0; i < bounds.length - 1; i++) if (v < bounds[i + 1]) return i;
  return bounds.length - 2;
}

/** Character weights for splitting a run at a cell boundary: Chinese and full-width characters are twice as wide. */
function splitRun(run: TextRun, at: number): [TextRun, TextRun] | undefined {
  const chars = Array.from(run.str);
  const weights = chars.map((c) => (isCjk(c) ? 2 : 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const scale = (run.x1 - run.x0) / total;
  let x = run.x0;
  for (let i = 0; i < chars.length; i++) {
    const next = x + weights[i] * scale;
    if ((x + next) / 2 > at) {
      if (i === 0) return undefined;
      return [
        { ...run, str: chars.slice(0, i).join(''), x1: x },
        { ...run, str: chars.slice(i).join(''), x0: x },
      ];
    }
    x = next;
  }
  return undefined;
}

/** Text of runs that lie in one box: lines by baseline, top to bottom, joined. */
function boxText(runs: readonly TextRun[]): string {
  return linesOf(runs)
    .map((l) => lineText(l.runs, Infinity).join(''))
    .reduce((acc, t) => joinText(acc, t), '')
    .trim();
}

interface TextLine {
  readonly runs: TextRun[];
  readonly y: number;
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
}

/** Runs grouped by baseline, top to bottom, each line's runs left to right. */
function linesOf(runs: readonly TextRun[]): TextLine[] {
  const sorted = [...runs].sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const groups: TextRun[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(r.y - g[0].y) <= 0.45 * Math.max(r.size, g[0].size)) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((p, q) => p.x0 - q.x0);
    return {
      runs: g,
      y: g[0].y,
      size: Math.max(...g.map((r) => r.size)),
      x0: Math.min(...g.map((r) => r.x0)),
      x1: Math.max(...g.map((r) => r.x1)),
    };
  });
}

/** A gap this many font sizes wide between runs of one line separates cells of a table drawn without rulings. */
const CELL_GAP = 2.5;

/** The text of one line, split into cells where a gap is wider than `cellGap` font sizes. */
function lineText(runs: readonly TextRun[], cellGap: number): string[] {
  const cells: string[] = [];
  let cur = '';
  let prev: TextRun | undefined;
  for (const r of runs) {
    const gap = prev ? r.x0 - prev.x1 : 0;
    const size = Math.max(r.size, prev?.size ?? 0);
    if (prev && gap >= cellGap * size) {
      cells.push(cur.trim());
      cur = r.str;
    } else if (prev && gap > 0.25 * size && !isCjk(Array.from(cur).pop()) && !isCjk(Array.from(r.str)[0])) cur = `${cur.trimEnd()} ${r.str.trimStart()}`;
    else cur += r.str;
    prev = r;
  }
  cells.push(cur.trim());
  return cells;
}

/** One row of a table as laid out: its cells (one text per grid column) and the page it is on. */
interface Row {
  readonly cells: readonly string[];
  /** For each cell: it is the first slot of its (merged) cell. */
  readonly origin: readonly boolean[];
  readonly page: number;
  /** For each cell: the right edge of its last line, the width of its first, and how far right its text may go. */
  readonly fit?: { readonly end: readonly number[]; readonly first: readonly number[]; readonly limit: readonly number[] };
}

/**
 * Whether `next`, the first row of a table on a page after the repeated header rows, is the rest of `prev`, the last
 * row on the page before, cut by the page break (Word and LibreOffice let rows break across pages, and draw a border
 * at the cut): it holds no figure; it has text only in cells whose first line would not have fitted after the last
 * line of the same cell above (so the cell was wrapped there); and, after a row of figures, it does not begin with a
 * number of its own (（四）无法提供 or 第二十条第（五）项 after a row of figures is a row that did not fit).
 */
function cutRow(prev: Row, next: Row): boolean {
  const a = prev.fit;
  const b = next.fit;
  if (!a || !b || next.cells.some(isValue) || next.cells.every((c) => c === '')) return false;
  if (prev.cells.some(isValue) && ROW_LABEL_START.test(next.cells.find((c) => c !== '') ?? '')) return false;
  return next.cells.every((c, i) => c === '' || (prev.cells[i] !== '' && a.end[i] + b.first[i] > a.limit[i] - 0.5));
}

/** `prev` and the rest of it from the next page, one row. */
function joinCut(prev: Row, next: Row): Row {
  const a = prev.fit as NonNullable<Row['fit']>;
  const b = next.fit as NonNullable<Row['fit']>;
  return {
    ...prev,
    cells: prev.cells.map((c, i) => joinText(c, next.cells[i] ?? '')),
    fit: { end: a.end.map((e, i) => (next.cells[i] ? b.end[i] : e)), first: a.first, limit: a.limit },
  };
}

interface TableBlock {
  readonly kind: 'table';
  readonly page: number;
  readonly top: number;
  readonly bottom: number;
  /** Column boundaries, for joining a table continued on the next page. */
  readonly xs: readonly number[];
  rows: Row[];
  /** Drawn without rulings (cells from gaps): never joined across pages. */
  readonly loose: boolean;
  /** Drawn without rulings, columns found from where the lines have text: the lines, page by page. */
  parts?: RegionPart[];
}

interface LineBlock {
  readonly kind: 'line';
  readonly page: number;
  readonly top: number;
  readonly bottom: number;
  readonly line: TextLine;
  readonly text: string;
}

type Block = TableBlock | LineBlock;

/** The longest run of text a data cell holds; a longer one means the rulings frame the page, not a table. */
const MAX_DATA_CELL = 300;

/** The rows of a ruled table from the runs inside it; undefined when it frames text rather than holding data. */
function readTable(t: RuledTable, runs: readonly TextRun[], page: number): Row[] | undefined {
  const { xs, ys } = t;
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  // Which grid slots belong to one cell: no rule drawn between them.
  const owner: number[] = [];
  for (let i = 0; i < nr * nc; i++) owner.push(i);
  const find = (i: number): number => (owner[i] === i ? i : (owner[i] = find(owner[i])));
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) owner[Math.max(a, b)] = Math.min(a, b);
  };
  for (let r = 0; r < nr; r++) {
    const ym = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < nc - 1; c++) if (!covered(t.vertical, xs[c + 1], ym)) union(r * nc + c, r * nc + c + 1);
  }
  for (let c = 0; c < nc; c++) {
    const xm = (xs[c] + xs[c + 1]) / 2;
    for (let r = 0; r < nr - 1; r++) if (!covered(t.horizontal, ys[r + 1], xm)) union(r * nc + c, (r + 1) * nc + c);
  }
  // Runs into cells; a run crossing a drawn boundary is split there.
  const inCell = new Map<number, TextRun[]>();
  const pending = [...runs];
  while (pending.length > 0) {
    const run = pending.pop() as TextRun;
    const yc = run.y - 0.35 * run.size;
    const r = indexIn(ys, yc);
    const ym = (ys[r] + ys[r + 1]) / 2;
    const crossing = xs.slice(1, -1).find((x) => run.x0 < x - 1 && run.x1 > x + 1 && covered(t.vertical, x, ym));
    const parts = crossing !== undefined ? splitRun(run, crossing) : undefined;
    if (parts) {
      pending.push(...parts);
      continue;
    }
    const c = indexIn(xs, (run.x0 + run.x1) / 2);
    const id = find(r * nc + c);
    const list = inCell.get(id) ?? [];
    list.push(run);
    inCell.set(id, list);
  }
  const texts = new Map<number, string>();
  for (const [id, list] of inCell) texts.set(id, boxText(list).replace(/\s*\t\s*/g, ' '));
  // Per cell: its right boundary, where its first line ends and how wide it is; the padding is the least room left
  // at the right of any cell.
  const rightOf = new Map<number, number>();
  for (let i = 0; i < nr * nc; i++) rightOf.set(find(i), Math.max(rightOf.get(find(i)) ?? -Infinity, xs[(i % nc) + 1]));
  const lineFit = new Map<number, { end: number; first: number }>();
  for (const [id, list] of inCell) {
    const ls = linesOf(list);
    lineFit.set(id, { end: ls[ls.length - 1].x1, first: ls[0].x1 - ls[0].x0 });
  }
  const pad = Math.max(0, Math.min(...[...inCell].map(([id, list]) => (rightOf.get(id) ?? 0) - Math.max(...list.map((r) => r.x1)))));
  if ([...texts.values()].some((s) => s.length > MAX_DATA_CELL)) return undefined;
  if (nr * nc === 1 || new Set(owner.map((_, i) => find(i))).size === 1) return undefined;
  const rows: Row[] = [];
  for (let r = 0; r < nr; r++) {
    const cells: string[] = [];
    const origin: boolean[] = [];
    const fit = { end: [] as number[], first: [] as number[], limit: [] as number[] };
    for (let c = 0; c < nc; c++) {
      const id = find(r * nc + c);
      cells.push(texts.get(id) ?? '');
      origin.push(id === r * nc + c);
      fit.end.push(lineFit.get(id)?.end ?? -Infinity);
      fit.first.push(lineFit.get(id)?.first ?? 0);
      fit.limit.push((rightOf.get(id) ?? xs[c + 1]) - pad);
    }
    rows.push({ cells, origin, page, fit });
  }
  return rows;
}

// Overlapping runs ---------------------------------------------------------------------------------------------------

/** Estimated left edges of a run's characters (and its right edge last): Chinese and full-width characters twice
 * as wide as others. */
function charEdges(run: TextRun): { chars: string[]; edges: number[] } {
  const chars = Array.from(run.str);
  const weights = chars.map((c) => (isCjk(c) ? 2 : 1));
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const scale = (run.x1 - run.x0) / total;
  const edges = [run.x0];
  for (const w of weights) edges.push(edges[edges.length - 1] + w * scale);
  return { chars, edges };
}

/**
 * Word processors that fall back to another font for some characters of a line draw the line font by font:
 * LibreOffice draws the Chinese text with spaces where the quotation marks go (“ ” are in the Western font), then
 * the marks on their own, over those spaces. A run that lies on another's baseline, inside its extent, over
 * nothing but blanks of it, is put in place of those blanks: the longer run is cut there.
 */
export function untangleRuns(runs: readonly TextRun[]): TextRun[] {
  const list = [...runs];
  const inside = (b: TextRun, a: TextRun) => b !== a && Math.abs(a.y - b.y) <= 0.2 * a.size && b.x0 >= a.x0 - 0.5 && b.x1 <= a.x1 + 0.5 && b.x1 - b.x0 < a.x1 - a.x0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    const guests = list.filter((b) => inside(b, a)).sort((p, q) => p.x0 - q.x0);
    if (guests.length === 0) continue;
    const { chars, edges } = charEdges(a);
    const centre = (k: number) => (edges[k] + edges[k + 1]) / 2;
    // Each guest must cover blanks of the host only (and at least one character slot of it).
    const covers = guests.map((b) => chars.map((_, k) => centre(k) >= b.x0 - 0.5 && centre(k) <= b.x1 + 0.5));
    if (!guests.every((_, g) => covers[g].some((c) => c) && chars.every((ch, k) => !covers[g][k] || ch.trim() === ''))) continue;
    const pieces: TextRun[] = [];
    let from = 0;
    const piece = (to: number) => {
      const str = chars.slice(from, to).join('');
      if (str.trim() !== '') pieces.push({ ...a, str, x0: edges[from], x1: edges[to] });
    };
    for (let g = 0; g < guests.length; g++) {
      const first = covers[g].indexOf(true);
      const last = covers[g].lastIndexOf(true);
      if (first < from) continue;
      piece(first);
      from = last + 1;
    }
    piece(chars.length);
    list.splice(i, 1, ...pieces);
    i += pieces.length - 1;
  }
  return list;
}

// Tables drawn without rulings -----------------------------------------------------------------------------------

/** A gap this many font sizes wide between runs of a line may separate two cells of a table without rulings. */
const SEG_GAP = 0.75;

interface Segment {
  readonly x0: number;
  readonly x1: number;
  readonly text: string;
}

/** A line's runs in pieces split at gaps of `SEG_GAP` font sizes. */
function segmentsOf(line: TextLine): Segment[] {
  const out: TextRun[][] = [];
  for (const r of line.runs) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (prev && r.x0 - prev.x1 < SEG_GAP * Math.max(r.size, prev.size)) cur.push(r);
    else out.push([r]);
  }
  return out.map((rs) => ({ x0: rs[0].x0, x1: Math.max(...rs.map((r) => r.x1)), text: lineText(rs, Infinity).join('') }));
}

/** The left and right edge of the text: of the lines of 15 characters or more on any page (of all lines if none). */
interface TextBounds {
  readonly left: number;
  readonly right: number;
  /** Where lines that fill the text width end (unknown without lines of 15 characters). */
  readonly full: number;
}

function textBounds(geometry: readonly PageGeometry[]): TextBounds {
  const lines = geometry.flatMap((g) => linesOf(g.runs));
  const long = lines.filter((l) => l.runs.reduce((n, r) => n + Array.from(r.str).length, 0) >= 15);
  const pick = long.length > 0 ? long : lines;
  const right = Math.max(...pick.map((l) => l.x1));
  return { left: Math.min(...pick.map((l) => l.x0)), right, full: long.length > 0 ? right : Infinity };
}

/**
 * Groups of lines that make a table drawn without rulings (Word's and pandoc's default table style has none):
 * seed lines hold several short pieces far apart; the lines next to them that hold one short piece across none of
 * their column starts (a cell wrapped over lines) go with them. A group needs two seed lines. Returns index ranges.
 */
function findRegions(lines: readonly TextLine[], segs: readonly Segment[][], text: TextBounds): [number, number][] {
  const { left, right, full } = text;
  const width = right - left;
  if (!(width > 0)) return [];
  const seed = segs.map((s, i) => s.length >= 2 && s[0].x1 - s[0].x0 <= 0.6 * width && s.slice(1).every((p) => p.x1 - p.x0 <= 0.4 * width) && lines[i].x1 < full - 0.3 * lines[i].size);
  const sameSize = (i: number, j: number) => Math.abs(lines[i].size - lines[j].size) <= 0.5;
  const pitch = (i: number, j: number) => Math.abs(lines[j].y - lines[i].y) / lines[i].size;
  const fits = (j: number, starts: readonly number[]) => {
    if (segs[j].length !== 1) return false;
    const s = segs[j][0];
    const tol = 0.5 * lines[j].size;
    // Inside the table's extent, across no column start (a column may start only in wrapped lines).
    return starts.length > 0 && s.x0 >= starts[0] - tol && !starts.some((c) => c > s.x0 + tol && c < s.x1 - 0.2 * lines[j].size);
  };
  // Chains of lines that may belong to such a table: seed lines, and lines of one short piece, close together.
  const candidate = (j: number) => seed[j] || (segs[j].length === 1 && segs[j][0].x1 - segs[j][0].x0 <= 0.4 * width);
  const out: [number, number][] = [];
  const take = (lo: number, hi: number) => {
    // Columns: where the seed lines' pieces start; every other line must fit one of them.
    const starts = [...new Set(segs.slice(lo, hi + 1).flatMap((s, k) => (seed[lo + k] ? s.map((p) => p.x0) : [])))].sort((p, q) => p - q);
    let from = lo;
    for (let j = lo; j <= hi + 1; j++) {
      if (j <= hi && (seed[j] || fits(j, starts))) continue;
      let a = from;
      let b = j - 1;
      while (a <= b && !seed[a]) a++;
      while (b >= a && !seed[b]) b--;
      // Lines of one piece above the first seed line and below the last go with them (wrapped cells).
      if (a <= b && seed.slice(a, b + 1).filter((x) => x).length >= 2) out.push([from, j - 1]);
      from = j + 1;
    }
  };
  let i = 0;
  while (i < lines.length) {
    if (!candidate(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && candidate(j + 1) && sameSize(j, j + 1) && pitch(j, j + 1) <= (seed[j] && seed[j + 1] ? 3 : 1.6)) j++;
    take(i, j);
    i = j + 1;
  }
  return out;
}

/** How a row label of the report's tables begins: its own number (一、 （二） 3. 第二十条). */
const ROW_LABEL_START = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十百]+条)/;

/** The lines of a table drawn without rulings on one page. */
interface RegionPart {
  readonly page: number;
  readonly lines: readonly TextLine[];
  readonly segs: readonly Segment[][];
}

/** Column spans of a table drawn without rulings: the stretches where some line has text, left to right. */
function regionColumns(parts: readonly RegionPart[]): number[][] {
  const spans = parts.flatMap((p) => p.segs.flat()).map((s) => [s.x0, s.x1]).sort((p, q) => p[0] - q[0]);
  const cols: number[][] = [];
  for (const [a, b] of spans) {
    const last = cols[cols.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else cols.push([a, b]);
  }
  return cols;
}

/** Whether a table drawn without rulings on the next page goes on with the same columns. */
function sameRegionColumns(a: readonly RegionPart[], b: readonly RegionPart[]): boolean {
  const ca = regionColumns(a);
  const cb = regionColumns(b);
  if (Math.abs(ca[0][0] - cb[0][0]) > 3) return false;
  const [few, many] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  return few.length >= 2 && few.every((c) => many.some((m) => Math.abs(m[0] - c[0]) <= 3));
}

/**
 * The rows of a table drawn without rulings, over one page or more: columns where no line has text, a new row
 * where the line pitch widens (cell padding) or a page begins. On a continued page the rows repeating the
 * table's first rows (a repeated header) are dropped, and a row cut by the page break is joined again: the row
 * after the header holds no figure, text only in cells whose first line would not have fitted after the last line
 * of the cell above (so that it was wrapped there), and, after a row of figures, does not begin with a number of
 * its own.
 */
function regionRows(parts: readonly RegionPart[]): Row[] {
  const cols = regionColumns(parts);
  const limit = cols.map((c) => c[1]);
  const rows: Row[] = [];
  const starts: number[] = [];
  for (const { page, lines, segs } of parts) {
    starts.push(rows.length);
    const pitches = lines.slice(1).map((l, k) => l.y - lines[k].y).filter((p, k) => p >= 0.8 * lines[k].size);
    const pitch = pitches.length > 0 ? Math.min(...pitches) : Infinity;
    let cells: string[] = [];
    let end: number[] = [];
    let first: number[] = [];
    lines.forEach((l, k) => {
      if (k === 0 || l.y - lines[k - 1].y > pitch + 0.15 * l.size) {
        cells = cols.map(() => '');
        end = cols.map(() => -Infinity);
        first = cols.map(() => 0);
        rows.push({ cells, origin: cols.map(() => true), page, fit: { end, first, limit } });
      }
      for (const s of segs[k]) {
        const xc = (s.x0 + s.x1) / 2;
        const c = Math.max(0, cols.findIndex((col) => xc >= col[0] - 1 && xc <= col[1] + 1));
        if (cells[c] === '') first[c] = s.x1 - s.x0;
        cells[c] = joinText(cells[c], s.text);
        end[c] = s.x1;
      }
    });
  }
  const out: Row[] = [];
  starts.forEach((from, p) => {
    const to = p + 1 < starts.length ? starts[p + 1] : rows.length;
    let k = from;
    if (p > 0) {
      while (k < to && sameRow(rows[k], rows[k - from]) && !rows[k].cells.some(isValue)) k++;
      if (k === to) k = from;
      const prev = out[out.length - 1];
      if (prev && k < to && cutRow(prev, rows[k])) out[out.length - 1] = joinCut(prev, rows[k++]);
    }
    out.push(...rows.slice(k, to));
  });
  return out;
}

/** The blocks of one page, top to bottom: ruled tables, and lines of the text outside them. */
function pageBlocks(g: PageGeometry, page: number, bounds: TextBounds): Block[] {
  const runs = untangleRuns(g.runs);
  const tables = findTables(g.horizontal, g.vertical, runs);
  const blocks: Block[] = [];
  let rest: TextRun[] = runs;
  for (const t of tables) {
    const inside = (r: TextRun) => {
      const xc = (r.x0 + r.x1) / 2;
      const yc = r.y - 0.35 * r.size;
      return xc >= t.xs[0] - 1 && xc <= t.xs[t.xs.length - 1] + 1 && yc >= t.ys[0] - 1 && yc <= t.ys[t.ys.length - 1] + 1;
    };
    const mine = rest.filter(inside);
    const rows = readTable(t, mine, page);
    if (!rows) continue;
    rest = rest.filter((r) => !inside(r));
    const kept = rows.filter((r) => r.cells.some((c) => c !== ''));
    if (kept.length === 0) continue;
    blocks.push({ kind: 'table', page, top: t.ys[0], bottom: t.ys[t.ys.length - 1], xs: t.xs, rows: kept, loose: false });
  }
  const lines = linesOf(rest);
  const segs = lines.map(segmentsOf);
  const regions = findRegions(lines, segs, bounds);
  const inRegion = new Set(regions.flatMap(([a, b]) => [...Array(b - a + 1).keys()].map((k) => a + k)));
  for (const [a, b] of regions) {
    const part: RegionPart = { page, lines: lines.slice(a, b + 1), segs: segs.slice(a, b + 1) };
    blocks.push({ kind: 'table', page, top: lines[a].y - lines[a].size, bottom: lines[b].y, xs: [], rows: regionRows([part]), loose: false, parts: [part] });
  }
  lines.forEach((line, k) => {
    if (inRegion.has(k)) return;
    const cells = lineText(line.runs, CELL_GAP);
    const top = line.y - line.size;
    if (cells.length > 1) {
      const row: Row = { cells, origin: cells.map(() => true), page };
      blocks.push({ kind: 'table', page, top, bottom: line.y, xs: [], rows: [row], loose: true });
    } else blocks.push({ kind: 'line', page, top, bottom: line.y, line, text: cells[0] });
  });
  blocks.sort((p, q) => p.top - q.top);
  // Consecutive lines split into cells make one table.
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.kind === 'table' && b.loose && last?.kind === 'table' && last.loose) last.rows.push(...b.rows);
    else out.push(b);
  }
  return out;
}

// Page furniture ---------------------------------------------------------------------------------------------------

const PAGE_NUMBER = [
  /^[-—–－−‐~～\s]+\d{1,4}[-—–－−‐~～\s]+$/,
  /^第\s*\d{1,4}\s*页(\s*[,，、/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，、/／]?\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^page\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];
const LONE_NUMBER = /^\d{1,4}$/;
/** The top and bottom share of the page where page numbers and running headers sit. */
const MARGIN = 0.12;

/** A running header or footer is the same text on every page, but for a page number before or after it. */
const furnitureKey = (s: string) => s.replace(/\s+/g, '').replace(/^\d{1,4}(?=\D)|(?<=\D)\d{1,4}$/g, '#');

/** Drops page numbers and running headers and footers; returns how many lines were dropped. */
function dropFurniture(pages: Block[][], geometry: readonly PageGeometry[]): number {
  const inMargin = (b: Block, g: PageGeometry) => b.bottom <= g.height * MARGIN || b.top >= g.height * (1 - MARGIN);
  // Candidates: the first two and last two blocks of a page, when they are lines in the margins.
  const candidates = pages.map((blocks, p) => {
    const ends = new Set([0, 1, blocks.length - 2, blocks.length - 1].filter((i) => i >= 0 && i < blocks.length));
    return [...ends].map((i) => blocks[i]).filter((b): b is LineBlock => b.kind === 'line' && inMargin(b, geometry[p]));
  });
  const seen = new Map<string, Set<number>>();
  candidates.forEach((list, p) => {
    for (const b of list) {
      const k = furnitureKey(b.text);
      const s = seen.get(k) ?? new Set<number>();
      s.add(p);
      seen.set(k, s);
    }
  });
  const repeated = Math.max(2, Math.ceil(pages.length / 2));
  let dropped = 0;
  pages.forEach((blocks, p) => {
    const drop = new Set<Block>();
    for (const b of candidates[p]) {
      const text = b.text.trim();
      const atEdge = b === blocks[0] || b === blocks[blocks.length - 1];
      if (PAGE_NUMBER.some((re) => re.test(text)) || (LONE_NUMBER.test(text) && atEdge)) drop.add(b);
      else if (pages.length >= 2 && (seen.get(furnitureKey(text))?.size ?? 0) >= repeated) drop.add(b);
    }
    if (drop.size === 0) return;
    dropped += drop.size;
    pages[p] = blocks.filter((b) => !drop.has(b));
  });
  return dropped;
}

// Tables over pages --------------------------------------------------------------------------------------------------

function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.length > 0 && a.every((x, i) => Math.abs(x - b[i]) <= 3);
}

const sameRow = (a: Row, b: Row) => a.cells.length === b.cells.length && a.cells.every((c, i) => c === b.cells[i]);

// Paragraphs -------------------------------------------------------------------------------------------------------

/** A wrapped line ends this many font sizes short of the text width at most (line-breaking rules keep a closing
 * mark with its character, a number or a word whole). */
const FULL_SLACK = 3;

const HEADING_START = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]\D|第[一二三四五六七八九十]+[部章节])/;

interface Paragraph {
  text: string;
  readonly page: number;
  last: TextLine;
  lastPage: number;
}

/** The usual distance between the baselines of a paragraph's lines, in font sizes (the mode). */
function usualPitch(lines: readonly LineBlock[], full: (l: LineBlock) => boolean): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a.page !== b.page || !full(a) || Math.abs(a.line.size - b.line.size) > 0.5) continue;
    const k = Math.round(((b.line.y - a.line.y) / a.line.size) * 20) / 20;
    if (k > 0) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let n = 0;
  for (const [k, c] of counts) {
    if (c > n || (c === n && k < best)) {
      best = k;
      n = c;
    }
  }
  return best;
}

// Assembly ---------------------------------------------------------------------------------------------------------

const NO_TEXT: Localized = { zh: '扫描件，无文字层，无法检查', en: 'scanned PDF without a text layer: cannot be checked' };

/** The text of a document from the geometry of its pages (pure; exported for tests). */
export function layOutPages(geometry: readonly PageGeometry[]): ImportResult {
  const notes: Localized[] = [];
  const bounds = textBounds(geometry);
  const pages = geometry.map((g, i) => pageBlocks(g, i + 1, bounds));
  if (pages.every((b) => b.length === 0)) return { kind: 'refused', format: 'pdf', reason: NO_TEXT };
  const blank = pages.map((b, i) => (b.length === 0 ? i + 1 : 0)).filter((p) => p > 0);
  if (blank.length > 0) {
    notes.push({
      zh: `第${blank.join('、')}页没有文字层（可能是扫描图片），其内容未检查`,
      en: `page${blank.length > 1 ? 's' : ''} ${blank.join(', ')} without a text layer (scanned?): not checked`,
    });
  }
  const dropped = dropFurniture(pages, geometry);
  if (dropped > 0) notes.push({ zh: `已略去页码和页眉页脚 ${dropped} 处`, en: `dropped ${dropped} page numbers and running headers or footers` });

  // Join tables continued on the next page, without their repeated header rows.
  const blocks: Block[] = [];
  let joined = 0;
  pages.forEach((list, p) => {
    list.forEach((b, i) => {
      const prev = blocks[blocks.length - 1];
      if (i === 0 && p > 0 && b.kind === 'table' && prev?.kind === 'table' && prev.page < b.page && prev.parts && b.parts) {
        if (sameRegionColumns(prev.parts, b.parts)) {
          prev.parts.push(...b.parts);
          prev.rows = regionRows(prev.parts);
          joined++;
          return;
        }
      } else if (i === 0 && p > 0 && b.kind === 'table' && prev?.kind === 'table' && !b.loose && !prev.loose && prev.page < b.page && sameColumns(prev.xs, b.xs)) {
        let k = 0;
        while (k < b.rows.length && k < prev.rows.length && sameRow(b.rows[k], prev.rows[k])) k++;
        // Repeated rows only count as a repeated header when something else follows them.
        if (k === b.rows.length) k = 0;
        const rest = b.rows.slice(k);
        const last = prev.rows.length - 1;
        if (rest.length > 0 && cutRow(prev.rows[last], rest[0])) prev.rows[last] = joinCut(prev.rows[last], rest.shift() as Row);
        prev.rows.push(...rest);
        joined++;
        return;
      }
      blocks.push(b);
    });
  });
  if (joined > 0) notes.push({ zh: `跨页的表格已合并 ${joined} 处（去掉重复的表头）`, en: `joined ${joined} table${joined > 1 ? 's' : ''} continued over a page (repeated headers dropped)` });

  // Paragraphs: a line that fills the text width goes on in the next line at the same left edge.
  const lines = blocks.filter((b): b is LineBlock => b.kind === 'line');
  const long = lines.filter((l) => Array.from(l.text).length >= 15).map((l) => l.line.x1);
  const right = long.length > 0 ? Math.max(...long) : Infinity;
  const full = (l: LineBlock) => l.line.x1 >= right - FULL_SLACK * l.line.size;
  const pitch = usualPitch(lines, full);

  const out: (Paragraph | TableBlock)[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === 'line' && prev && !('kind' in prev)) {
      const a = prev.last;
      const l = b.line;
      const marker = a.runs.length > 1 ? a.runs[1].x0 : a.x0;
      const aligned = l.x0 <= a.x0 + 0.5 * l.size || Math.abs(l.x0 - marker) <= 0.5 * l.size;
      const samePage = b.page === prev.lastPage;
      const near = samePage ? l.y - a.y > 0 && l.y - a.y <= (pitch + 0.25) * a.size : b.page === prev.lastPage + 1;
      const isFull = a.x1 >= right - FULL_SLACK * a.size;
      const heading = HEADING_START.test(b.text) && !/第$/.test(prev.text);
      if (isFull && aligned && near && !heading && Math.abs(l.size - a.size) <= 0.5) {
        prev.text = joinText(prev.text, b.text);
        prev.last = l;
        prev.lastPage = b.page;
        continue;
      }
    }
    if (b.kind === 'line') out.push({ text: b.text, page: b.page, last: b.line, lastPage: b.page });
    else out.push(b);
  }

  // Text and its map. Tables are preceded and followed by a blank line, paragraphs separated by one.
  let text = '';
  const map: SourceLine[] = [];
  let tableNo = 0;
  const push = (s: string, source: SourceLocation, cells?: number[]) => {
    if (text !== '') text += text.endsWith('\n\n') ? '' : '\n\n';
    const start = text.length;
    text += s;
    map.push(cells ? { start, end: text.length, source, cells } : { start, end: text.length, source });
  };
  for (const b of out) {
    if (!('kind' in b)) {
      if (b.text.trim() !== '') push(b.text, { page: b.page });
      continue;
    }
    tableNo++;
    // A grid column empty in every row (an outer frame wider than the cells) holds nothing.
    const width = Math.max(...b.rows.map((r) => r.cells.length));
    const keep = [...Array(width).keys()].filter((c) => b.rows.some((r) => (r.cells[c] ?? '') !== ''));
    if (keep.length < width) b.rows = b.rows.map((r) => ({ ...r, cells: keep.map((c) => r.cells[c] ?? ''), origin: keep.map((c) => r.origin[c] ?? true) }));
    const firstValue = b.rows.findIndex((r) => r.cells.some((c, i) => r.origin[i] && isValue(c)));
    const headerRows = firstValue < 0 ? b.rows.length : firstValue;
    let rowNo = 0;
    b.rows.forEach((r, y) => {
      const cells = r.cells.map((c, i) => (r.origin[i] || y < headerRows ? c : ''));
      if (cells.every((c) => c === '')) return;
      rowNo++;
      if (rowNo === 1) {
        if (text !== '') text += text.endsWith('\n\n') ? '' : '\n\n';
      } else text += '\n';
      const start = text.length;
      const offsets: number[] = [];
      cells.forEach((c, i) => {
        if (i > 0) text += '\t';
        offsets.push(text.length);
        text += c;
      });
      map.push({ start, end: text.length, source: { page: r.page, table: tableNo, row: rowNo }, cells: offsets });
    });
    text += '\n\n';
  }
  text = text.replace(/\n+$/, '') + '\n';
  const result: ImportedText = { kind: 'text', format: 'pdf', text, lines: map, notes };
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point

function refusal(zh: string, en: string): ImportRefusal {
  return { kind: 'refused', format: 'pdf', reason: { zh, en } };
}

/** Whether the first pages draw text although none could be read (a font or its CMap failed): no scan then. */
async function drawsText(pdfjs: Pdfjs, doc: { numPages: number; getPage(n: number): Promise<{ getOperatorList(o: object): Promise<{ fnArray: number[] }> }> }): Promise<boolean> {
  const { OPS } = pdfjs;
  const shows = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  for (let p = 1; p <= Math.min(3, doc.numPages); p++) {
    const page = await doc.getPage(p);
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    if (ops.fnArray.some((f) => shows.has(f))) return true;
  }
  return false;
}

/** Reads a PDF's text layer. Never throws. */
export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions = {}): Promise<ImportResult> {
  const geometry = await readPdfGeometry(bytes, opts);
  if (!Array.isArray(geometry)) return geometry as ImportRefusal;
  try {
    return layOutPages(geometry);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return refusal(`无法读取 PDF：${m}`, `cannot read the PDF: ${m}`);
  }
}

/** The text runs and rules of every page, or why there are none. Never throws. */
export async function readPdfGeometry(bytes: Uint8Array, opts: ReadPdfOptions = {}): Promise<PageGeometry[] | ImportRefusal> {
  let pdfjs: Pdfjs;
  try {
    pdfjs = await loadPdfjs();
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return refusal(`无法读取 PDF：PDF 组件无法加载（${m}）`, `cannot read the PDF: the PDF library failed to load (${m})`);
  }
  let cMapDir: string;
  try {
    cMapDir = opts.cMapDir ?? defaultCMapDir();
  } catch {
    cMapDir = '';
  }
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given, and refuses a Node Buffer: hand it a plain copy
    // (`Buffer#slice` would be a view, and a Buffer).
    data: new Uint8Array(bytes),
    cMapUrl: cMapDir ? dirUrl(cMapDir) : undefined,
    cMapPacked: true,
    CMapReaderFactory: FileCMapReader,
    useWorkerFetch: false,
    standardFontDataUrl: opts.standardFontDir ? dirUrl(opts.standardFontDir) : undefined,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise> | undefined;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') return refusal('PDF 已加密，无法检查', 'the PDF is encrypted: cannot be checked');
    const m = e instanceof Error ? e.message : String(e);
    return refusal(`无法读取 PDF：${m}`, `cannot read the PDF: ${m}`);
  }
  try {
    const geometry: PageGeometry[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const base = viewport.transform as Matrix;
      const content = await page.getTextContent();
      const runs = runsOf(content.items, base);
      let rules: RuleSink = { horizontal: [], vertical: [] };
      if (runs.length > 0) {
        const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
        rules = rulesOf(pdfjs, ops.fnArray, ops.argsArray, base);
      }
      geometry.push({ width: viewport.width, height: viewport.height, runs, ...rules });
      page.cleanup();
    }
    if (geometry.every((g) => g.runs.length === 0) && (await drawsText(pdfjs, doc))) {
      return refusal('PDF 中的文字无法解码（缺少字体编码表 CMap 或字体有误），无法检查', 'the text in the PDF cannot be decoded (a CMap is missing or a font is broken): cannot be checked');
    }
    return geometry;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return refusal(`无法读取 PDF：${m}`, `cannot read the PDF: ${m}`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
