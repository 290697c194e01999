/**
 * Small XML helpers for the .docx reader: parse a part without ever throwing or logging, and walk
 * WordprocessingML elements by local name. Elements are matched in the WordprocessingML namespaces only
 * (transitional and ISO strict), so DrawingML's `a:t` or VML never pass for Word text.
 *
 * The parser is a small, non-validating one made for OOXML parts (a 20-page `word/document.xml` is about 1 MB, and a
 * general DOM spent most of the reading time there): elements, attributes, text, CDATA and the predefined and
 * numeric entities; comments, processing instructions and the doctype are skipped. Prefixes are resolved against
 * the `xmlns` declarations in scope. A part that is not well-formed (a tag left open, a closing tag that does not
 * match, a broken tag) gives no tree at all.
 */
import { strFromU8 } from 'fflate';

const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** Which vocabulary an element's namespace is: WordprocessingML, markup compatibility or another. */
type Space = 0 | 1 | 2;
const OTHER: Space = 0;
const WORD: Space = 1;
const MC: Space = 2;

/** Namespace prefixes in scope: prefix → URI (`''` the default namespace). Inherits from the enclosing scope. */
type Scope = Readonly<Record<string, string | undefined>>;

const NO_ATTRS: readonly string[] = Object.freeze([]);

const ROOT_SCOPE: Scope = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NAMESPACE, xmlns: XMLNS_NAMESPACE }));

/** An element of a parsed part. */
export class XmlElement {
  /** Element children, in order. */
  readonly kids: XmlElement[] = [];
  /** Every child (elements and text), in order; only made once the element has text of its own. */
  nodes: (XmlElement | string)[] | undefined = undefined;

  constructor(
    /** The qualified name (`w:p`). */
    readonly name: string,
    readonly localName: string,
    /** The namespace URI, `''` for none. */
    readonly namespaceURI: string,
    /** @internal */
    readonly space: Space,
    /** Attributes as pairs: qualified name, value (entities decoded). */
    readonly attrs: readonly string[],
    /** @internal */
    readonly scope: Scope,
  ) {}

  /** An attribute by its qualified name (`Type`, `w:val`), or null. */
  getAttribute(qname: string): string | null {
    const a = this.attrs;
    for (let i = 0; i < a.length; i += 2) if (a[i] === qname) return a[i + 1];
    return null;
  }

  /** The text of the element and its descendants, in order. */
  get textContent(): string {
    const nodes = this.nodes;
    if (!nodes) {
      let s = '';
      for (const k of this.kids) s += k.textContent;
      return s;
    }
    let s = '';
    for (const n of nodes) s += typeof n === 'string' ? n : n.textContent;
    return s;
  }
}

/** Decodes an XML part: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const little = bytes[0] === 0xff;
    const codes: number[] = [];
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      codes.push(little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
      if (codes.length === 8192) {
        s += String.fromCharCode(...codes);
        codes.length = 0;
      }
    }
    return s + String.fromCharCode(...codes);
  }
  const s = strFromU8(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The root element of an XML part, or undefined when it is not well-formed XML. Never throws, never logs. */
export function parseXml(bytes: Uint8Array): XmlElement | undefined {
  try {
    return parseXmlText(decodeXml(bytes));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The parser

class NotWellFormed extends Error {}

function fail(): never {
  throw new NotWellFormed('not well-formed');
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;

function entity(whole: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  // An entity XML does not predefine (none in OOXML) is kept as written.
  return PREDEFINED[body] ?? whole;
}

/** Character data as the application sees it: entities decoded, line ends normalized to `\n`. */
function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return raw.indexOf('&') >= 0 ? raw.replace(ENTITY, entity) : raw;
}

/** An attribute value: as text, and tabs and line ends become spaces (attribute-value normalization). */
function decodeAttr(raw: string): string {
  if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return raw.indexOf('&') >= 0 ? raw.replace(ENTITY, entity) : raw;
}

const spaceCache = new Map<string, Space>();

function spaceOf(uri: string): Space {
  let s = spaceCache.get(uri);
  if (s === undefined) {
    s = W_NAMESPACES.has(uri) ? WORD : uri === MC_NAMESPACE ? MC : OTHER;
    if (spaceCache.size < 64) spaceCache.set(uri, s);
  }
  return s;
}

/** XML whitespace: space, tab, LF, CR. */
function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** A character that ends a name in a tag: whitespace, `/`, `>`, `=`. */
function endsName(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 10 || c === 9 || c === 13 || c === 61;
}

/** Appends character data to an element. */
function addText(e: XmlElement, text: string): void {
  if (text === '') return;
  if (!e.nodes) e.nodes = e.kids.slice();
  e.nodes.push(text);
}

/** Parses a whole part; throws `NotWellFormed` (caught by `parseXml`) on a structural error. */
export function parseXmlText(s: string): XmlElement | undefined {
  const n = s.length;
  const stack: XmlElement[] = [];
  let cur: XmlElement | undefined;
  let root: XmlElement | undefined;
  let i = 0;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      if (cur) addText(cur, decodeText(s.slice(i)));
      else if (s.slice(i).trim() !== '') fail(); // text after the root element
      break;
    }
    if (lt > i) {
      if (cur) addText(cur, decodeText(s.slice(i, lt)));
      else if (s.slice(i, lt).trim() !== '') fail(); // text outside the root element
    }
    const c = s.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      // A closing tag: it must close the element that is open.
      if (!cur || !s.startsWith(cur.name, lt + 2)) fail();
      let j = lt + 2 + cur.name.length;
      while (j < n && isWs(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 62 /* > */) fail();
      i = j + 1;
      stack.pop();
      cur = stack[stack.length - 1];
      continue;
    }
    if (c === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) fail();
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) fail();
        if (cur) addText(cur, s.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        else fail();
        i = end + 3;
      } else {
        // A doctype (an internal subset in brackets is skipped whole; its entities are not used).
        const bracket = s.indexOf('[', lt);
        let end = s.indexOf('>', lt);
        if (bracket >= 0 && bracket < end) end = s.indexOf(']', bracket) < 0 ? -1 : s.indexOf('>', s.indexOf(']', bracket));
        if (end < 0) fail();
        i = end + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      if (end < 0) fail();
      i = end + 2;
      continue;
    }
    // An opening tag: the name, then attributes up to `>` or `/>`.
    let j = lt + 1;
    while (j < n && !endsName(s.charCodeAt(j))) j++;
    if (j === lt + 1 || j >= n) fail();
    const name = s.slice(lt + 1, j);
    let attrs: string[] | undefined;
    let scope: Scope = cur ? cur.scope : ROOT_SCOPE;
    let ownScope = false;
    let selfClosing = false;
    for (;;) {
      let ch = s.charCodeAt(j);
      while (isWs(ch)) ch = s.charCodeAt(++j);
      if (ch === 62 /* > */) {
        j++;
        break;
      }
      if (ch === 47 /* / */) {
        if (s.charCodeAt(j + 1) !== 62) fail();
        selfClosing = true;
        j += 2;
        break;
      }
      if (j >= n) fail();
      const a = j;
      while (j < n && !endsName(s.charCodeAt(j))) j++;
      if (j === a) fail();
      const qname = s.slice(a, j);
      ch = s.charCodeAt(j);
      while (isWs(ch)) ch = s.charCodeAt(++j);
      if (ch !== 61 /* = */) fail();
      ch = s.charCodeAt(++j);
      while (isWs(ch)) ch = s.charCodeAt(++j);
      let raw: string;
      if (ch === 34 /* " */ || ch === 39 /* ' */) {
        const end = s.indexOf(ch === 34 ? '"' : "'", j + 1);
        if (end < 0) fail();
        raw = s.slice(j + 1, end);
        j = end + 1;
      } else {
        // An unquoted value (not XML, but its meaning is plain): up to whitespace, `>` or `/>`.
        const a2 = j;
        while (j < n && !isWs((ch = s.charCodeAt(j))) && ch !== 62 && !(ch === 47 && s.charCodeAt(j + 1) === 62)) j++;
        if (j === a2 || j >= n) fail();
        raw = s.slice(a2, j);
      }
      if (raw.indexOf('<') >= 0) fail();
      const value = decodeAttr(raw);
      if (qname.charCodeAt(0) === 120 /* x */ && (qname === 'xmlns' || qname.startsWith('xmlns:'))) {
        if (!ownScope) {
          scope = Object.create(scope) as Scope;
          ownScope = true;
        }
        (scope as Record<string, string>)[qname === 'xmlns' ? '' : qname.slice(6)] = value;
      }
      (attrs ??= []).push(qname, value);
    }
    const colon = name.indexOf(':');
    const uri = (colon < 0 ? scope[''] : scope[name.slice(0, colon)]) ?? '';
    const e = new XmlElement(name, colon < 0 ? name : name.slice(colon + 1), uri, spaceOf(uri), attrs ?? NO_ATTRS, scope);
    if (cur) {
      cur.kids.push(e);
      if (cur.nodes) cur.nodes.push(e);
    } else if (!root) root = e;
    else fail(); // a second root element
    if (!selfClosing) {
      stack.push(e);
      cur = e;
    }
    i = j;
  }
  if (stack.length > 0) fail();
  return root;
}

// ---------------------------------------------------------------------------------------------
// Walking

/** True for a WordprocessingML element with this local name. */
export function isW(n: XmlElement, name: string): boolean {
  return n.space === WORD && n.localName === name;
}

export function isWordElement(n: XmlElement): boolean {
  return n.space === WORD;
}

export function isMc(n: XmlElement, name: string): boolean {
  return n.space === MC && n.localName === name;
}

/** Element children of an element (the element's own list: do not modify). */
export function children(n: XmlElement): readonly XmlElement[] {
  return n.kids;
}

/** The first WordprocessingML child with this local name. */
export function child(n: XmlElement, name: string): XmlElement | undefined {
  for (const c of n.kids) if (c.space === WORD && c.localName === name) return c;
  return undefined;
}

/** Follows a path of WordprocessingML child names: `path(p, 'pPr', 'numPr', 'numId')`. */
export function path(n: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = n;
  for (const name of names) {
    if (!cur) return undefined;
    cur = child(cur, name);
  }
  return cur;
}

/** A `w:` attribute (`w:val`, `w:numId`…), read by local name so a missing or odd prefix still works. */
export function wAttr(e: XmlElement | undefined, name: string): string | undefined {
  if (!e) return undefined;
  const a = e.attrs;
  for (let i = 0; i < a.length; i += 2) {
    const q = a[i];
    if (q === name) {
      if (q !== 'xmlns') return a[i + 1];
      continue;
    }
    const colon = q.indexOf(':');
    if (colon < 0 || q.length - colon - 1 !== name.length || !q.endsWith(name)) continue;
    // A prefixed attribute counts when its prefix is a WordprocessingML one (or is not declared at all).
    const uri = e.scope[q.slice(0, colon)];
    if (uri === undefined || W_NAMESPACES.has(uri)) return a[i + 1];
  }
  return undefined;
}

/** `w:val` of the named child, e.g. `val(pPr, 'pStyle')`. */
export function val(e: XmlElement | undefined, name: string): string | undefined {
  return wAttr(e ? child(e, name) : undefined, 'val');
}

/** An integer attribute value, or undefined. */
export function intOf(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`): present and not switched off. */
export function isOn(e: XmlElement | undefined): boolean {
  if (!e) return false;
  const v = wAttr(e, 'val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}
