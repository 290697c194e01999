/**
 * Small XML helpers for the .docx reader: parse a part with @xmldom/xmldom without ever throwing or logging, and
 * walk WordprocessingML elements by local name. Elements are matched in the WordprocessingML namespaces only
 * (transitional and ISO strict), so DrawingML's `a:t` or VML never pass for Word text.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { strFromU8 } from 'fflate';

const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Decodes an XML part: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const little = bytes[0] === 0xff;
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      s += String.fromCharCode(little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    }
    return s;
  }
  const s = strFromU8(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The root element of an XML part, or undefined when it is not well-formed XML. Never throws, never logs. */
export function parseXml(bytes: Uint8Array): Element | undefined {
  try {
    const parser = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new Error('not well-formed');
      },
    });
    const doc = parser.parseFromString(decodeXml(bytes), 'text/xml');
    return doc.documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

export function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

/** True for a WordprocessingML element with this local name. */
export function isW(n: Node, name: string): n is Element {
  return isElement(n) && n.localName === name && W_NAMESPACES.has(n.namespaceURI ?? '');
}

export function isWordElement(n: Node): n is Element {
  return isElement(n) && W_NAMESPACES.has(n.namespaceURI ?? '');
}

export function isMc(n: Node, name: string): n is Element {
  return isElement(n) && n.localName === name && n.namespaceURI === MC_NAMESPACE;
}

/** Element children of a node. */
export function children(n: Node): Element[] {
  const out: Element[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** The first WordprocessingML child with this local name. */
export function child(n: Node, name: string): Element | undefined {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isW(c, name)) return c;
  return undefined;
}

/** Follows a path of WordprocessingML child names: `path(p, 'pPr', 'numPr', 'numId')`. */
export function path(n: Node | undefined, ...names: string[]): Element | undefined {
  let cur: Element | undefined = n && isElement(n) ? n : undefined;
  for (const name of names) {
    if (!cur) return undefined;
    cur = child(cur, name);
  }
  return cur;
}

/** A `w:` attribute (`w:val`, `w:numId`…), read by local name so a missing or odd prefix still works. */
export function wAttr(e: Element | undefined, name: string): string | undefined {
  if (!e) return undefined;
  const attrs = e.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a && (a.localName === name || a.name === name) && (a.namespaceURI === null || W_NAMESPACES.has(a.namespaceURI))) {
      return a.value;
    }
  }
  return undefined;
}

/** `w:val` of the named child, e.g. `val(pPr, 'pStyle')`. */
export function val(e: Element | undefined, name: string): string | undefined {
  return wAttr(e ? child(e, name) : undefined, 'val');
}

/** An integer attribute value, or undefined. */
export function intOf(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`): present and not switched off. */
export function isOn(e: Element | undefined): boolean {
  if (!e) return false;
  const v = wAttr(e, 'val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}
