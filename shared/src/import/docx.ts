/**
 * The .docx reader: a Word document becomes the text the checker reads (see `types.ts`).
 *
 * Read, in document order: the body's paragraphs, one line each (runs' `w:t` concatenated, `w:tab` a tab,
 * `w:br`/`w:cr` a line break inside the same paragraph), with the label of automatic numbering (`docxNumbering.ts`)
 * in front; tables, one line per row with the cells separated by tabs and a blank line around each table (see
 * `renderTable` for merged cells); text boxes (`w:txbxContent`), as lines right after the paragraph they are
 * anchored in; then the footnotes (`word/footnotes.xml`). Tracked changes are read as accepted: insertions kept,
 * deletions (`w:del`, `w:moveFrom`, deleted paragraph marks and table rows) dropped.
 *
 * Dropped: page headers and footers (page furniture), comments, field codes (their results are kept), hidden text
 * (`w:vanish`, said in a note), images, equations, bullets' glyphs.
 *
 * Never throws: a damaged or foreign file is refused with a reason a user can act on.
 */
import { unzipSync } from 'fflate';
import type { Localized } from '../rules/types';
import type { ImportRefusal, ImportResult, SourceLine, SourceLocation } from './types';
import { readNumbering, type Numbering } from './docxNumbering';
import { type XmlElement, child, children, intOf, isMc, isOn, isW, isWordElement, parseXml, path, val, wAttr } from './docxXml';

/** Parts larger than this (uncompressed) are not inflated: no report's XML comes near it. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

const REFUSE_CORRUPT: Localized = {
  zh: '无法读取 Word 文件：文件已损坏或不是 .docx 格式。请在 Word 或 WPS 中打开后另存为 .docx 再检查。',
  en: 'Cannot read the Word file: it is damaged or not a .docx. Open it in Word or WPS, save it as .docx and check again.',
};

const REFUSE_ENCRYPTED: Localized = {
  zh: '文件已加密，无法检查。请取消密码保护后另存为 .docx 再检查。',
  en: 'The file is encrypted and cannot be checked. Remove the password protection, save it as .docx and check again.',
};

const REFUSE_DOC: Localized = {
  zh: '这是旧版 Word（.doc）文件，无法直接检查。请在 Word 或 WPS 中另存为 .docx 再检查。',
  en: 'This is a legacy Word (.doc) file and cannot be checked directly. Save it as .docx in Word or WPS and check again.',
};

const REFUSE_TOO_LARGE: Localized = {
  zh: '无法读取 Word 文件：文件内容过大。',
  en: 'Cannot read the Word file: its content is too large.',
};

const NOTE_HIDDEN: Localized = {
  zh: '文档中的隐藏文字未读入检查。',
  en: 'Hidden text in the document was not checked.',
};

const NOTE_DELETIONS: Localized = {
  zh: '文档含有修订：按接受全部修订后的文字检查（删除的内容未读入）。',
  en: 'The document has tracked changes: it is checked as if all were accepted (deleted text is not read).',
};

const NOTE_NESTED: Localized = {
  zh: '表格单元格中嵌套的表格已合并为该单元格的文字。',
  en: 'A table nested in a table cell was read as that cell’s text.',
};

const NOTE_ALTCHUNK: Localized = {
  zh: '文档中嵌入的其他文件（altChunk）未读入检查。',
  en: 'A file embedded in the document (altChunk) was not checked.',
};

const NOTE_OBJECT: Localized = {
  zh: '文档中的图片或嵌入对象未读入检查，其中的文字和数字不会被核对。',
  en: 'Images and embedded objects in the document were not read; any text or figures in them are not checked.',
};

function refuse(reason: Localized): ImportRefusal {
  return { kind: 'refused', format: 'docx', reason };
}

/** Reads a .docx file. */
export function readDocx(bytes: Uint8Array): ImportResult {
  try {
    return readPackage(bytes);
  } catch {
    return refuse(REFUSE_CORRUPT);
  }
}

// ---------------------------------------------------------------------------------------------
// The package

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file (legacy .doc, or an encrypted OOXML package). */
function oleRefusal(bytes: Uint8Array): ImportRefusal | undefined {
  if (bytes.length < 8 || OLE_MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  // An encrypted package holds an `EncryptionInfo` stream; directory entry names are UTF-16LE.
  const name = 'EncryptionInfo';
  outer: for (let i = 0; i + name.length * 2 <= bytes.length; i++) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return { kind: 'refused', format: 'docx', reason: REFUSE_ENCRYPTED };
  }
  return { kind: 'refused', format: 'doc', reason: REFUSE_DOC };
}

type Parts = ReadonlyMap<string, Uint8Array>;

function unzipParts(bytes: Uint8Array): Parts | ImportRefusal {
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/\.(xml|rels)$/i.test(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch {
    return refuse(REFUSE_CORRUPT);
  }
  if (tooLarge) return refuse(REFUSE_TOO_LARGE);
  // Part names are case-insensitive (OPC).
  return new Map(Object.entries(files).map(([k, v]) => [k.replace(/^\/+/, '').toLowerCase(), v]));
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1).toLowerCase();
  const segs = base.split('/').slice(0, -1);
  for (const s of target.split('/')) {
    if (s === '..') segs.pop();
    else if (s !== '.' && s !== '') segs.push(s);
  }
  return segs.join('/').toLowerCase();
}

/** Targets of a part's relationships by type (the last segment of the type URI: `officeDocument`, `numbering`…). */
function relationships(parts: Parts, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, string>();
  const bytes = parts.get(relsName.toLowerCase());
  const root = bytes ? parseXml(bytes) : undefined;
  if (!root) return out;
  for (const r of children(root)) {
    if (r.localName !== 'Relationship' || r.getAttribute('TargetMode') === 'External') continue;
    const type = (r.getAttribute('Type') ?? '').split('/').pop() ?? '';
    const target = r.getAttribute('Target');
    if (type && target && !out.has(type)) out.set(type, resolveTarget(part, target));
  }
  return out;
}

function readPackage(bytes: Uint8Array): ImportResult {
  const ole = oleRefusal(bytes);
  if (ole) return ole;
  const parts = unzipParts(bytes);
  if (!(parts instanceof Map)) return parts as ImportRefusal;
  const main = relationships(parts, '').get('officeDocument') ?? 'word/document.xml';
  const docBytes = parts.get(main) ?? parts.get('word/document.xml');
  const doc = docBytes ? parseXml(docBytes) : undefined;
  const body = doc && isW(doc, 'document') ? child(doc, 'body') : undefined;
  if (!body) return refuse(REFUSE_CORRUPT);
  const rels = relationships(parts, main);
  const part = (type: string, fallback: string): XmlElement | undefined => {
    const b = parts.get(rels.get(type) ?? fallback);
    return b ? parseXml(b) : undefined;
  };
  const numbering = readNumbering(part('numbering', 'word/numbering.xml'), part('styles', 'word/styles.xml'));
  const reader = new BodyReader(numbering);
  reader.blocks(body, undefined);
  const footnotes = part('footnotes', 'word/footnotes.xml');
  if (footnotes) reader.footnotes(footnotes);
  return reader.result();
}

// ---------------------------------------------------------------------------------------------
// Output

/** The text being built, one line at a time, with the origin of each non-blank line. */
class Output {
  private text = '';
  private readonly lines: SourceLine[] = [];
  private blankPending = false;

  /** A blank line (several in a row collapse into one; none at the start). */
  blank(): void {
    if (this.text !== '') this.blankPending = true;
  }

  line(content: string, source: SourceLocation, cells?: readonly string[]): void {
    if (this.blankPending) this.text += '\n';
    this.blankPending = false;
    const start = this.text.length;
    let cellStarts: number[] | undefined;
    if (cells) {
      cellStarts = [];
      let at = start;
      for (const c of cells) {
        cellStarts.push(at);
        at += c.length + 1;
      }
      content = cells.join('\t');
    }
    this.text += content + '\n';
    if (content.trim() !== '') {
      this.lines.push({ start, end: start + content.length, source, ...(cellStarts ? { cells: cellStarts } : {}) });
    } else {
      this.blankPending = false;
    }
  }

  result(notes: readonly Localized[]): ImportResult {
    return { kind: 'text', format: 'docx', text: this.text, lines: this.lines, notes };
  }
}

// ---------------------------------------------------------------------------------------------
// Paragraph text

/** What a paragraph's runs hold. */
interface Inline {
  text: string;
  /** Text boxes anchored in the paragraph, in order. */
  boxes: XmlElement[];
}

/** Elements whose content is read as it stands (wrappers of runs). */
const INLINE_WRAPPERS = new Set(['ins', 'moveTo', 'hyperlink', 'smartTag', 'customXml', 'fldSimple', 'dir', 'bdo']);

/** Elements whose content is dropped (tracked deletions). */
const INLINE_DELETIONS = new Set(['del', 'moveFrom']);

/** The `mc:Choice` of a markup-compatibility block (every branch holds the same content; the first is Word's own). */
function chosen(alt: XmlElement): XmlElement | undefined {
  return children(alt).find((c) => isMc(c, 'Choice')) ?? children(alt).find((c) => isMc(c, 'Fallback'));
}

class BodyReader {
  private readonly out = new Output();
  private readonly notes = new Map<string, Localized>();
  private paragraphNo = 0;
  private tableNo = 0;
  /** Text of a paragraph whose mark was deleted: it runs on into the next paragraph. */
  private carried = '';
  /** The body paragraph that holds each footnote's reference mark (footnote lines point there). */
  private readonly footnoteAt = new Map<string, number>();
  private currentParagraph = 0;

  constructor(private readonly numbering: Numbering) {}

  private note(n: Localized): void {
    this.notes.set(n.en, n);
  }

  result(): ImportResult {
    this.flushCarried(undefined);
    return this.out.result([...this.notes.values()]);
  }

  /** Block-level content (body, cell, text box, footnote): paragraphs and tables in order. */
  blocks(container: XmlElement, source: SourceLocation | undefined): void {
    for (const c of children(container)) {
      if (isW(c, 'p')) this.paragraph(c, source);
      else if (isW(c, 'tbl')) this.table(c);
      else if (isW(c, 'sdt')) {
        const content = child(c, 'sdtContent');
        if (content) this.blocks(content, source);
      } else if (isW(c, 'customXml') || isW(c, 'ins') || isW(c, 'moveTo')) this.blocks(c, source);
      else if (isW(c, 'del') || isW(c, 'moveFrom')) this.note(NOTE_DELETIONS);
      else if (isMc(c, 'AlternateContent')) {
        const branch = chosen(c);
        if (branch) this.blocks(branch, source);
      } else if (isW(c, 'altChunk')) this.note(NOTE_ALTCHUNK);
    }
  }

  footnotes(root: XmlElement): void {
    let first = true;
    for (const fn of children(root)) {
      if (!isW(fn, 'footnote')) continue;
      const type = wAttr(fn, 'type');
      if (type && type !== 'normal') continue;
      if (first) this.out.blank();
      first = false;
      this.blocks(fn, { paragraph: this.footnoteAt.get(wAttr(fn, 'id') ?? '') ?? this.paragraphNo });
    }
  }

  /** A body paragraph (or one in a text box / footnote, with the `source` of its anchor). */
  private paragraph(p: XmlElement, source: SourceLocation | undefined): void {
    const pPr = child(p, 'pPr');
    const own = source ?? { paragraph: ++this.paragraphNo };
    if (own.paragraph !== undefined) this.currentParagraph = own.paragraph;
    const inline = this.inline(p, 'body');
    if (isOn(path(pPr, 'rPr', 'del'))) {
      // The paragraph mark was deleted: the text joins the next paragraph.
      this.note(NOTE_DELETIONS);
      this.carried += inline.text;
      this.textBoxes(inline.boxes, own);
      return;
    }
    const label = this.numbering.label(pPr);
    const head = label ? label.label + (label.suffix === 'nothing' || label.label === '' ? '' : ' ') : '';
    const text = head + this.carried + inline.text;
    this.carried = '';
    this.emitParagraph(text, own);
    this.textBoxes(inline.boxes, own);
  }

  private emitParagraph(text: string, source: SourceLocation): void {
    if (text.trim() === '') {
      this.out.blank();
      return;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') this.out.blank();
      else this.out.line(line, source);
    }
  }

  private flushCarried(source: SourceLocation | undefined): void {
    if (this.carried === '') return;
    this.emitParagraph(this.carried, source ?? { paragraph: this.paragraphNo });
    this.carried = '';
  }

  private textBoxes(boxes: readonly XmlElement[], source: SourceLocation): void {
    for (const box of boxes) this.blocks(box, source);
  }

  /**
   * The text of a paragraph's runs. In `body` mode a `w:br` is a line break; in `cell` mode (a table cell, which
   * must stay on its row's line) breaks and tabs are spaces.
   */
  private inline(p: XmlElement, mode: 'body' | 'cell'): Inline {
    const acc: Inline = { text: '', boxes: [] };
    this.inlineInto(p, mode, acc);
    return acc;
  }

  private inlineInto(node: XmlElement, mode: 'body' | 'cell', acc: Inline): void {
    for (const c of children(node)) {
      const name = isWordElement(c) ? c.localName ?? '' : '';
      if (name === 'r') this.run(c, mode, acc);
      else if (name === 'sdt') {
        const content = child(c, 'sdtContent');
        if (content) this.inlineInto(content, mode, acc);
      } else if (INLINE_DELETIONS.has(name)) this.note(NOTE_DELETIONS);
      else if (INLINE_WRAPPERS.has(name)) this.inlineInto(c, mode, acc);
      else if (isMc(c, 'AlternateContent')) {
        const branch = chosen(c);
        if (branch) this.inlineInto(branch, mode, acc);
      }
    }
  }

  private run(r: XmlElement, mode: 'body' | 'cell', acc: Inline): void {
    if (isOn(path(r, 'rPr', 'vanish'))) {
      if (r.textContent?.trim()) this.note(NOTE_HIDDEN);
      return;
    }
    for (const c of children(r)) {
      if (isW(c, 't')) acc.text += c.textContent ?? '';
      else if (isW(c, 'tab') || isW(c, 'ptab')) acc.text += mode === 'body' ? '\t' : ' ';
      else if (isW(c, 'br') || isW(c, 'cr')) acc.text += mode === 'body' ? '\n' : ' ';
      else if (isW(c, 'footnoteReference')) this.footnoteAnchor(c);
      else if (isW(c, 'noBreakHyphen')) acc.text += '-';
      else if (isW(c, 'ruby')) {
        const base = child(c, 'rubyBase');
        if (base) this.inlineInto(base, mode, acc);
      }
      else if (isW(c, 'delText')) this.note(NOTE_DELETIONS);
      else if (isW(c, 'drawing') || isW(c, 'pict') || isW(c, 'object')) this.embedded(c, acc);
      else if (isMc(c, 'AlternateContent')) {
        const branch = chosen(c);
        if (branch) this.run(branch, mode, acc);
      }
    }
  }

  private footnoteAnchor(ref: XmlElement): void {
    const id = wAttr(ref, 'id');
    if (id !== undefined && !this.footnoteAt.has(id)) this.footnoteAt.set(id, this.currentParagraph);
  }

  /** A drawing or VML shape: its text boxes are read, a picture is noted. */
  private embedded(e: XmlElement, acc: Inline): void {
    const boxes: XmlElement[] = [];
    findTextBoxes(e, boxes);
    if (boxes.length > 0) acc.boxes.push(...boxes);
    else this.note(NOTE_OBJECT);
  }

  // -------------------------------------------------------------------------------------------
  // Tables

  private table(tbl: XmlElement): void {
    const t = ++this.tableNo;
    const rows = tableRows(tbl);
    if (rows.length > 0 && rows.every((tr) => rowCells(tr).length <= 1)) {
      this.layoutTable(t, rows);
      return;
    }
    const grid = this.grid(rows);
    this.out.blank();
    renderTable(grid).forEach((cells, i) => {
      if (cells.some((c) => c.trim() !== '')) this.out.line('', { table: t, row: i + 1 }, cells);
    });
    this.out.blank();
  }

  /** A one-column table is page layout (a frame around text, or around the real tables): its content is read as body. */
  private layoutTable(t: number, rows: readonly XmlElement[]): void {
    this.out.blank();
    rows.forEach((tr, i) => {
      const tc = rowCells(tr)[0];
      if (tc) this.blocks(tc, { table: t, row: i + 1 });
    });
    this.out.blank();
  }

  /** The grid of a table: one entry per grid column, merged cells marked. */
  private grid(rows: readonly XmlElement[]): GridCell[][] {
    const grid: GridCell[][] = [];
    let above: GridCell[] = [];
    for (const tr of rows) {
      const row: GridCell[] = [];
      const before = intOf(val(child(tr, 'trPr'), 'gridBefore')) ?? 0;
      for (let i = 0; i < before && i < 1000; i++) row.push({ text: '', kind: 'own' });
      for (const tc of rowCells(tr)) {
        const tcPr = child(tc, 'tcPr');
        const span = Math.min(Math.max(intOf(val(tcPr, 'gridSpan')) ?? 1, 1), 1000);
        const vMerge = tcPr ? child(tcPr, 'vMerge') : undefined;
        const hMerge = tcPr ? child(tcPr, 'hMerge') : undefined;
        const col = row.length;
        let cell: GridCell;
        if (vMerge && wAttr(vMerge, 'val') !== 'restart' && above[col]) {
          cell = { text: above[col].text, kind: 'vspan' };
        } else if (hMerge && wAttr(hMerge, 'val') !== 'restart' && row.length > 0) {
          cell = { text: row[row.length - 1].text, kind: 'hspan' };
        } else {
          cell = { text: this.cellText(tc), kind: 'own' };
        }
        row.push(cell);
        for (let k = 1; k < span; k++) row.push({ text: cell.text, kind: cell.kind === 'own' ? 'hspan' : cell.kind });
      }
      grid.push(row);
      above = row;
    }
    return grid;
  }

  /** A cell's text on one line: its paragraphs joined (see `joinParts`), a nested table's cells in reading order. */
  private cellText(tc: XmlElement): string {
    const parts: string[] = [];
    const collect = (container: XmlElement) => {
      for (const c of children(container)) {
        if (isW(c, 'p')) {
          const label = this.numbering.label(child(c, 'pPr'));
          const inline = this.inline(c, 'cell');
          const head = label && label.label !== '' ? label.label + (label.suffix === 'nothing' ? '' : ' ') : '';
          parts.push(head + inline.text);
          for (const box of inline.boxes) collect(box);
        } else if (isW(c, 'tbl')) {
          this.note(NOTE_NESTED);
          for (const tr of tableRows(c)) for (const inner of rowCells(tr)) collect(inner);
        } else if (isW(c, 'sdt')) {
          const content = child(c, 'sdtContent');
          if (content) collect(content);
        } else if (isW(c, 'customXml')) collect(c);
      }
    };
    collect(tc);
    return joinParts(parts.map((s) => s.trim()).filter((s) => s !== ''));
  }
}

/** Deep search for `w:txbxContent` (not inside another one; the first branch of an `mc:AlternateContent`). */
function findTextBoxes(e: XmlElement, out: XmlElement[]): void {
  for (const c of children(e)) {
    if (isW(c, 'txbxContent')) out.push(c);
    else if (isMc(c, 'AlternateContent')) {
      const branch = chosen(c);
      if (branch) findTextBoxes(branch, out);
    } else findTextBoxes(c, out);
  }
}

/** The rows of a table (through content controls), without rows whose insertion was undone (deleted rows). */
function tableRows(tbl: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of children(e)) {
      if (isW(c, 'tr')) {
        if (!isOn(path(c, 'trPr', 'del'))) out.push(c);
      } else if (isW(c, 'sdt')) {
        const content = child(c, 'sdtContent');
        if (content) walk(content);
      } else if (isW(c, 'customXml')) walk(c);
    }
  };
  walk(tbl);
  return out;
}

function rowCells(tr: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of children(e)) {
      if (isW(c, 'tc')) out.push(c);
      else if (isW(c, 'sdt')) {
        const content = child(c, 'sdtContent');
        if (content) walk(content);
      } else if (isW(c, 'customXml')) walk(c);
    }
  };
  walk(tr);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table rendering

interface GridCell {
  readonly text: string;
  /** `own`: the cell's own content; `hspan`/`vspan`: a grid column covered by a merged cell to the left / above. */
  readonly kind: 'own' | 'hspan' | 'vspan';
}

/** CJK ideographs and CJK / full-width punctuation (not full-width digits or letters). */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/**
 * A cell's paragraphs on one line: nothing between two CJK characters (a label broken over two lines,
 * `5.要求行政机关确认或` + `重新出具已获取信息`, stays whole), a space otherwise (so `12` and `3` never become `123`).
 */
export function joinParts(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else out += (CJK.test(out[out.length - 1]) && CJK.test(p[0]) ? '' : ' ') + p;
  }
  return out;
}

/**
 * The cells of each row. A merged cell is written once, in its first grid column; the other grid columns it
 * covers are empty (`四、结转下年度继续办理⇥⇥⇥1⇥…`, `⇥（二）部分公开⇥…` under a vertically merged `三、本年度办理结果`),
 * the way a table copied from Word reads. Only in the head of the table (the rows before the first row with a figure
 * or an empty cell of its own) is a merged heading (`法人或其他组织` over five columns, `自然人` over two rows)
 * repeated in every column it covers, so each column keeps its full heading; a head row with a single cell of its
 * own (a caption or a group label across the table) is not repeated, or it would read as a label followed by values.
 */
function renderTable(grid: readonly GridCell[][]): string[][] {
  let head = true;
  return grid.map((row) => {
    const own = row.filter((c) => c.kind === 'own');
    if (head && own.some((c) => c.text === '' || /^[+\-−]?[\d０-９]/.test(c.text))) head = false;
    const repeat = head && own.length >= 2;
    return row.map((c) => (c.kind === 'own' || repeat ? c.text : ''));
  });
}
