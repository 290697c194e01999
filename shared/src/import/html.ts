/**
 * The web-page reader: a decoded HTML page becomes the text the checker reads (see `types.ts`).
 *
 * What is dropped, and why:
 * - `head`, `script`, `style`, `noscript`, `template`, `iframe`, `select`, `button`: never report text.
 * - `nav`, `aside`, and `header`/`footer` outside an `article`/`main`/`section`: the site's frame (menus, the
 *   site name, 网站标识码, ICP 备案号…), whose dates and numbers would be read as the report's.
 * - Elements whose class or id names a navigation, menu, breadcrumb, footer or share bar (one word of the name,
 *   `main-nav`, `breadcrumb`, `footerBox`, `bshare`…), short blocks that read as a breadcrumb (`当前位置：…`) or
 *   carry the site's ICP/公网安备 numbers, and elements hidden with an inline `display:none`. Never one that holds
 *   a large part of the page's text or a content container: a report is never dropped.
 * - When the page has a content container (`article`, `main`, or an element whose id/class names `content`,
 *   `zoom`, `article`, `TRS_Editor`, `Custom_UnionStyle`, the usual names on government CMS pages) holding most of
 *   the text and every table, only it is read (the report title is kept when it stands before it): the 发布时间,
 *   字号, 打印本页 lines around it go.
 *
 * Block elements (`p`, `div`, headings, `li`, `br`, `tr`…) break lines, inline text is joined, runs of white
 * space become one space (none where a source line break falls between two Chinese characters, as browsers
 * render it), and indentation (`&nbsp;`, U+3000) is trimmed. Ordered lists keep their numbers (`1.`, `a.`…);
 * `<pre>` keeps its lines and tabs. Paragraphs are one per line with no blank line between them; each table has
 * a blank line before and after. Tables: see `htmlTables.ts`. Images are counted in a note, never read.
 * The reader never throws.
 */
import { Parser } from 'htmlparser2';
import type { Localized } from '../rules/types';
import type { ImportResult, SourceLine } from './types';
import { isLayoutTable, tableGrid, type TableContext } from './htmlTables';

// ---------------------------------------------------------------------------------------------
// Charset sniffing

const CHARSET_ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  gb2312: 'gb2312', gb_2312: 'gb2312', 'gb_2312-80': 'gb2312', csgb2312: 'gb2312', 'euc-cn': 'gb2312', chinese: 'gb2312', 'iso-ir-58': 'gb2312', 'x-euc-cn': 'gb2312',
  gbk: 'gbk', 'x-gbk': 'gbk', cp936: 'gbk', ms936: 'gbk', 'windows-936': 'gbk',
  gb18030: 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5', 'cn-big5': 'big5', csbig5: 'big5', 'x-x-big5': 'big5',
};

/** A charset label in the usual spelling (`UTF8` → `utf-8`, `GB_2312-80` → `gb2312`, `x-gbk` → `gbk`). */
function normalizeCharset(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._:-]*$/.test(l)) return undefined;
  // A page cannot declare UTF-16 in its own ASCII bytes (HTML treats such a declaration as UTF-8).
  if (l.startsWith('utf-16') || l === 'unicode') return 'utf-8';
  return CHARSET_ALIASES[l] ?? l;
}

/** The page's declared encoding: a byte-order mark, else `<meta charset>`/`http-equiv` or `<?xml encoding?>` within 4 KiB. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  let head = '';
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i] < 0x80 ? bytes[i] : 0x20);
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']?([^"'\s?>]+)/i.exec(head);
  const metaRe = /<meta\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaRe.exec(head)) !== null) {
    const cs = /\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(m[0]);
    if (cs) {
      const label = normalizeCharset(cs[1]);
      if (label) return label;
    }
  }
  return xml ? normalizeCharset(xml[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The tree

/** An element of the parsed page; `start` is the offset of its start tag's `<` in the source. */
export interface HtmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly start: number;
  readonly children: HtmlNode[];
  readonly parent: HtmlElement | undefined;
}

export type HtmlNode = HtmlElement | string;

/** Deeper elements are kept flat: no real page nests this deep, and the walks below are recursive. */
const MAX_DEPTH = 400;

function parseTree(source: string): HtmlElement {
  // The root is no tag of the source: text directly under it has no element offset.
  const root: HtmlElement = { name: '#root', attrs: {}, start: -1, children: [], parent: undefined };
  let current = root;
  let depth = 0;
  let flat = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: HtmlElement = { name, attrs, start: parser.startIndex, children: [], parent: current };
        current.children.push(el);
        if (depth >= MAX_DEPTH) flat++;
        else {
          current = el;
          depth++;
        }
      },
      onclosetag() {
        if (flat > 0) flat--;
        else if (current.parent) {
          current = current.parent;
          depth--;
        }
      },
      ontext(text) {
        const kids = current.children;
        if (typeof kids[kids.length - 1] === 'string') kids[kids.length - 1] += text;
        else kids.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(source);
  parser.end();
  return root;
}

// ---------------------------------------------------------------------------------------------
// What is dropped, what is kept

const DROPPED_TAGS = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'select', 'button', 'nav', 'aside', 'title', 'object', 'embed', 'svg', 'canvas', 'map', 'textarea']);
/** Words of a class or id that name the site's frame. */
const FRAME_WORDS = new Set(['nav', 'navbar', 'navigation', 'menu', 'menubar', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'footer', 'foot', 'share', 'bshare', 'sharebar']);
/** A short block that starts like a breadcrumb, or carries the site's registration numbers, is the frame. */
const BREADCRUMB_TEXT = /^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|现在位置|所在位置)\s*[：:]/;
const REGISTRATION_TEXT = /ICP\s*备|公网安备/;
const CONTENT_NAME = /content|zoom|article|trs_editor|custom_unionstyle/i;

/** The words of an element's class and id (`mainNav footer_box` → main, nav, footer, box). */
function nameWords(el: HtmlElement): string[] {
  const names = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

function isHidden(el: HtmlElement): boolean {
  const style = (el.attrs.style ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden') || 'hidden' in el.attrs;
}

function insideSemanticContent(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.name === 'article' || p.name === 'main' || p.name === 'section') return true;
  return false;
}

function isContentCandidate(el: HtmlElement): boolean {
  if (el.name === 'article' || el.name === 'main') return true;
  return CONTENT_NAME.test(`${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`);
}

/** Per-page facts, computed once: visible text lengths, which elements hold a content container, what is dropped. */
class PageFacts {
  private readonly lengths = new Map<HtmlElement, number>();
  private readonly kept = new Map<HtmlElement, number>();
  private readonly holdsContent = new Map<HtmlElement, boolean>();
  private readonly drops = new Map<HtmlElement, boolean>();
  /** Visible characters of the page (white space excluded, never-text elements excluded). */
  readonly total: number;

  constructor(root: HtmlElement) {
    this.total = this.measure(root);
  }

  private measure(el: HtmlElement): number {
    let n = 0;
    let content = false;
    for (const c of el.children) {
      if (typeof c === 'string') n += visibleLength(c);
      else if (!DROPPED_TAGS.has(c.name)) {
        n += this.measure(c);
        content = content || isContentCandidate(c) || this.holdsContent.get(c) === true;
      }
    }
    this.lengths.set(el, n);
    this.holdsContent.set(el, content);
    return n;
  }

  /** Whether the element is the site's frame rather than the document. */
  dropped(el: HtmlElement): boolean {
    let d = this.drops.get(el);
    if (d === undefined) {
      d = this.isFrame(el);
      this.drops.set(el, d);
    }
    return d;
  }

  private isFrame(el: HtmlElement): boolean {
    if (DROPPED_TAGS.has(el.name) || isHidden(el)) return true;
    if ((el.name === 'header' || el.name === 'footer') && !insideSemanticContent(el)) return true;
    // Conservative: a frame never holds a content container or a large share of the page's text.
    if (this.holdsContent.get(el) === true || isContentCandidate(el)) return false;
    const length = this.lengths.get(el) ?? 0;
    if (nameWords(el).some((w) => FRAME_WORDS.has(w))) return length < Math.max(200, this.total * 0.3);
    if (length > 300 || el.name === 'html' || el.name === 'body') return false;
    const text = this.rawText(el);
    return (length <= 120 && BREADCRUMB_TEXT.test(text)) || REGISTRATION_TEXT.test(text);
  }

  /** The element's text, tags removed (never-text elements excluded). */
  private rawText(el: HtmlElement): string {
    let out = '';
    const walk = (n: HtmlElement) => {
      for (const c of n.children) {
        if (typeof c === 'string') out += c;
        else if (!DROPPED_TAGS.has(c.name)) walk(c);
      }
    };
    walk(el);
    return out.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  }

  /** Visible characters under `el` once the frame is dropped. */
  keptLength(el: HtmlElement): number {
    let n = this.kept.get(el);
    if (n === undefined) {
      n = 0;
      for (const c of el.children) {
        if (typeof c === 'string') n += visibleLength(c);
        else if (!this.dropped(c)) n += this.keptLength(c);
      }
      this.kept.set(el, n);
    }
    return n;
  }

  /** Kept tables with no table inside (the data tables, and small layout ones) under `el`. */
  leafTables(el: HtmlElement): number {
    let n = 0;
    for (const c of el.children) {
      if (typeof c === 'string' || this.dropped(c)) continue;
      const inner = this.leafTables(c);
      n += inner === 0 && c.name === 'table' ? 1 : inner;
    }
    return n;
  }
}

function visibleLength(text: string): number {
  return text.replace(/[\s\u00a0\u3000]+/g, '').length;
}

/**
 * The content container to read: the innermost candidate holding most (70%) of the page's kept text and every
 * table of the page, so nothing of the report is left outside.
 */
function contentContainer(root: HtmlElement, facts: PageFacts): HtmlElement | undefined {
  const total = facts.keptLength(root);
  if (total === 0) return undefined;
  const tables = facts.leafTables(root);
  let best: HtmlElement | undefined;
  const visit = (el: HtmlElement) => {
    for (const c of el.children) {
      if (typeof c === 'string' || facts.dropped(c)) continue;
      if (isContentCandidate(c) && facts.keptLength(c) >= total * 0.7 && facts.leafTables(c) === tables) best = c;
      visit(c);
    }
  };
  visit(root);
  return best;
}

// ---------------------------------------------------------------------------------------------
// Text

const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'option',
]);

function isBlock(el: HtmlElement): boolean {
  return BLOCK_TAGS.has(el.name);
}

const WIDE = /[\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f]|[\udc00-\udfff]/;
const LETTER = /[A-Za-z\u00c0-\u024f]/;

/**
 * One line of raw inline text made readable: white space runs become one space; a run holding a line break (a
 * wrapped source line, or the reader's own `\n` for a paragraph break inside a table cell) becomes nothing when
 * it touches a Chinese character and the other side is no Latin letter (`2021年⏎12月` → `2021年12月`, as
 * browsers join wide characters). Zero-width characters go; indentation and trailing space are trimmed.
 */
function collapseSpace(raw: string): string {
  const s = raw.replace(/[\u200b-\u200d\u2060\u00ad\ufeff]/g, '').replace(/[\s\u00a0]+/g, (run, at: number, all: string) => {
    if (!/[\n\r]/.test(run)) return ' ';
    const before = all[at - 1] ?? '';
    const after = all[at + run.length] ?? '';
    const joins = (WIDE.test(before) && !LETTER.test(after)) || (WIDE.test(after) && !LETTER.test(before));
    return joins ? '' : ' ';
  });
  return s.replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000]+$/g, '');
}

/** Raw text of a subtree (for a table cell): block boundaries and `<br>` become `\n`, dropped elements vanish. */
function subtreeText(el: HtmlElement, dropped: (e: HtmlElement) => boolean): string {
  let out = '';
  const walk = (n: HtmlElement) => {
    for (const c of n.children) {
      if (typeof c === 'string') out += c;
      else if (c.name === 'br') out += '\n';
      else if (!dropped(c)) {
        const block = isBlock(c);
        if (block) out += '\n';
        walk(c);
        if (block) out += '\n';
      }
    }
  };
  walk(el);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

type OutLine =
  | { readonly kind: 'text'; readonly text: string; readonly offset: number }
  | { readonly kind: 'row'; readonly cells: readonly string[]; readonly offset: number; readonly table: number; readonly row: number }
  | { readonly kind: 'blank' };

/** Marker of an ordered list item: `start`, `type` (1, a, A, i, I) and `value` honoured. */
function listMarker(n: number, type: string): string {
  if (type === 'a' || type === 'A') {
    let s = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
    return `${type === 'A' ? s.toUpperCase() : s}.`;
  }
  if ((type === 'i' || type === 'I') && n > 0 && n < 4000) {
    const romans: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
    let s = '';
    let k = n;
    for (const [v, r] of romans) for (; k >= v; k -= v) s += r;
    return `${type === 'I' ? s.toUpperCase() : s}.`;
  }
  return `${n}.`;
}

function intAttr(el: HtmlElement, name: string): number | undefined {
  const v = el.attrs[name];
  if (v === undefined || !/^\s*-?\d+\s*$/.test(v)) return undefined;
  return parseInt(v, 10);
}

class Renderer {
  readonly out: OutLine[] = [];
  images = 0;
  tables = 0;
  private raw = '';
  private lineOffset: number | undefined;
  /** Offset of the element that starts the next line (the innermost open block, or the last `<br>`). */
  private anchor = -1;
  private prefix = '';

  private stopped = false;

  /** `stop`: reading ends where this element starts (to read what stands before the content container). */
  constructor(
    private readonly facts: PageFacts,
    private readonly stop?: HtmlElement,
  ) {}

  flush(): void {
    const text = collapseSpace(this.raw);
    if (text !== '') this.out.push({ kind: 'text', text, offset: this.lineOffset ?? this.anchor });
    this.raw = '';
    this.lineOffset = undefined;
  }

  private text(s: string): void {
    if (this.lineOffset === undefined) {
      if (!/[^\s\u00a0\u3000]/.test(s)) return;
      this.lineOffset = this.anchor;
      this.raw = this.prefix;
      this.prefix = '';
    }
    this.raw += s;
  }

  /** Renders the children of `el`. */
  node(el: HtmlElement): void {
    for (const c of el.children) {
      if (this.stopped) return;
      if (typeof c === 'string') this.text(c);
      else if (c === this.stop) this.stopped = true;
      else if (!this.facts.dropped(c)) this.element(c);
    }
  }

  /** Renders `el` itself. */
  element(el: HtmlElement): void {
    switch (el.name) {
      case 'br':
        this.flush();
        this.anchor = el.start;
        return;
      case 'img':
        this.images++;
        return;
      case 'table':
        this.table(el);
        return;
      case 'li':
        this.listItem(el);
        return;
      case 'pre':
        this.pre(el);
        return;
    }
    if (!isBlock(el)) {
      this.node(el);
      return;
    }
    this.block(el, () => this.node(el));
  }

  private block(el: HtmlElement, body: () => void): void {
    this.flush();
    const outer = this.anchor;
    this.anchor = el.start;
    body();
    this.flush();
    this.anchor = outer;
  }

  private listItem(li: HtmlElement): void {
    const list = li.parent;
    let marker = '';
    if (list?.name === 'ol') {
      const reversed = 'reversed' in list.attrs;
      let n = intAttr(list, 'start') ?? (reversed ? list.children.filter((c) => typeof c !== 'string' && c.name === 'li').length : 1);
      for (const c of list.children) {
        if (typeof c === 'string' || c.name !== 'li') continue;
        n = intAttr(c, 'value') ?? n;
        if (c === li) break;
        n += reversed ? -1 : 1;
      }
      marker = listMarker(n, li.attrs.type ?? list.attrs.type ?? '1');
    }
    this.block(li, () => {
      this.prefix = marker;
      this.node(li);
      this.prefix = '';
    });
  }

  /** Preformatted text: its own line breaks, tabs and space runs kept (a pasted tab or space-aligned table). */
  private pre(el: HtmlElement): void {
    this.flush();
    const raw = subtreeText(el, (e) => this.facts.dropped(e)).replace(/[\u200b-\u200d\u2060\u00ad\ufeff]/g, '');
    for (const line of raw.split(/\r\n?|\n/)) {
      const text = line.replace(/^[ \u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
      if (text !== '') this.out.push({ kind: 'text', text, offset: el.start });
    }
  }

  private blank(): void {
    const last = this.out[this.out.length - 1];
    if (last && last.kind !== 'blank') this.out.push({ kind: 'blank' });
  }

  private table(el: HtmlElement): void {
    const dropped = (e: HtmlElement) => this.facts.dropped(e);
    const ctx: TableContext = { dropped, cellText: (c) => collapseSpace(subtreeText(c, dropped).replace(/\t/g, ' ')) };
    if (isLayoutTable(el, ctx)) {
      // A layout table: its cells are page regions, read as blocks.
      this.block(el, () => this.node(el));
      return;
    }
    this.flush();
    const grid = tableGrid(el, ctx);
    if (grid.caption !== '') this.out.push({ kind: 'text', text: grid.caption, offset: grid.captionOffset });
    if (grid.rows.length === 0) return;
    const table = ++this.tables;
    this.blank();
    for (const r of grid.rows) this.out.push({ kind: 'row', cells: r.cells, offset: r.offset, table, row: r.index });
    this.blank();
    this.images += grid.images;
  }
}

function assemble(out: readonly OutLine[]): { text: string; lines: SourceLine[] } {
  const parts: string[] = [];
  const lines: SourceLine[] = [];
  let pos = 0;
  // No blank line at the start or the end, never two in a row.
  const trimmed = out.filter((l, i) => l.kind !== 'blank' || (i > 0 && i < out.length - 1 && out[i - 1].kind !== 'blank'));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].kind === 'blank') trimmed.pop();
  for (const l of trimmed) {
    if (parts.length > 0) pos += 1;
    if (l.kind === 'blank') {
      parts.push('');
      continue;
    }
    if (l.kind === 'text') {
      parts.push(l.text);
      lines.push({ start: pos, end: pos + l.text.length, source: l.offset >= 0 ? { offset: l.offset } : {} });
      pos += l.text.length;
      continue;
    }
    const cells: number[] = [];
    let p = pos;
    for (const c of l.cells) {
      cells.push(p);
      p += c.length + 1;
    }
    const text = l.cells.join('\t');
    parts.push(text);
    lines.push({ start: pos, end: pos + text.length, source: { offset: l.offset, table: l.table, row: l.row }, cells });
    pos += text.length;
  }
  return { text: parts.join('\n'), lines };
}

/** The report title when it stands before the content container (an `h1` or a title div above the text). */
function titleBefore(root: HtmlElement, container: HtmlElement, facts: PageFacts): OutLine | undefined {
  const r = new Renderer(facts, container);
  r.node(root);
  r.flush();
  const titles = r.out.filter((l): l is Extract<OutLine, { kind: 'text' }> => l.kind === 'text' && isTitleLike(l.text));
  return titles[titles.length - 1];
}

/** The `<title>` when it names a report: `某县2021年政府信息公开工作年度报告_某县人民政府` → the part before `_`. */
function pageTitle(root: HtmlElement): OutLine | undefined {
  const find = (el: HtmlElement): HtmlElement | undefined => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'title') return c;
      if (c.name === 'head' || c.name === 'html') return find(c);
    }
    return undefined;
  };
  const el = find(root);
  if (!el) return undefined;
  const parts = collapseSpace(el.children.filter((c): c is string => typeof c === 'string').join(''))
    .split(/\s*(?:[_|｜]|\s[-–—]\s)\s*/)
    .filter(isTitleLike);
  return parts.length > 0 ? { kind: 'text', text: parts[0], offset: el.start } : undefined;
}

function isTitleLike(text: string): boolean {
  return text.length <= 80 && /年度报告/.test(text) && !/[。；]/.test(text);
}

function imagesNote(n: number): Localized {
  return {
    zh: `网页中有 ${n} 张图片未读取；若表格以图片发布，其中的数据无法检查。`,
    en: `${n} image(s) in the page were not read; a table published as an image cannot be checked.`,
  };
}

/** Reads a decoded web page. Never throws: a page that cannot be read yields what could be read. */
export function readHtml(source: string): ImportResult {
  try {
    const root = parseTree(source);
    const facts = new PageFacts(root);
    const container = contentContainer(root, facts);
    const r = new Renderer(facts);
    if (container) {
      r.element(container);
      r.flush();
    } else {
      r.node(root);
      r.flush();
    }
    // A report without its title line loses its year and issuer: take it from above the container, else `<title>`.
    const hasTitle = r.out.filter((l) => l.kind === 'text').slice(0, 3).some((l) => l.kind === 'text' && isTitleLike(l.text));
    const title = hasTitle ? undefined : ((container && titleBefore(root, container, facts)) ?? pageTitle(root));
    if (title) r.out.unshift(title, { kind: 'blank' });
    const { text, lines } = assemble(r.out);
    const notes: Localized[] = r.images > 0 ? [imagesNote(r.images)] : [];
    return { kind: 'text', format: 'html', text, lines, notes };
  } catch (e) {
    return {
      kind: 'refused',
      format: 'html',
      reason: { zh: `无法读取该网页：${String(e)}`, en: `The web page could not be read: ${String(e)}` },
    };
  }
}
