/**
 * Which reader a file needs, from its name and its first bytes. The bytes decide where they are unambiguous (a PDF
 * is a PDF whatever it is called); the name decides between formats that share a container (a `.docx` and an `.odt`
 * are both ZIP files). Formats that cannot be read get a refusal a user can act on, never a clean verdict.
 */
import type { ImportRefusal, SourceFormat } from './types';

export type DetectedFormat = SourceFormat | 'doc' | 'wps' | 'rtf' | 'odt' | 'zip' | 'encrypted-office';

/** The extensions a directory walk picks up: the readable formats and those refused with a reason. */
export const REPORT_EXTENSIONS: readonly string[] = ['.txt', '.md', '.html', '.htm', '.shtml', '.xhtml', '.docx', '.pdf', '.doc', '.wps'];

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** Whether the ASCII string occurs in the bytes (names inside a ZIP's directory, stream names in an OLE file). */
function contains(bytes: Uint8Array, s: string, utf16 = false): boolean {
  const sig = utf16 ? [...s].flatMap((c) => [c.charCodeAt(0), 0]) : ascii(s);
  outer: for (let i = 0; i + sig.length <= bytes.length; i++) {
    for (let j = 0; j < sig.length; j++) if (bytes[i + j] !== sig[j]) continue outer;
    return true;
  }
  return false;
}

function extension(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/** The first non-blank characters of a text file, lower-cased, for sniffing markup. */
function head(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) s += String.fromCharCode(bytes[i]);
  return s.replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
}

export function detectFormat(name: string, bytes: Uint8Array): DetectedFormat {
  const ext = extension(name);
  // `%PDF-` may follow a few bytes of junk; readers accept it within the first kilobyte.
  for (let i = 0; i <= Math.min(bytes.length - 5, 1019); i++) {
    if (bytes[i] === 0x25 && startsWith(bytes, ascii('%PDF-'), i)) return 'pdf';
  }
  if (startsWith(bytes, OLE)) {
    // An encrypted .docx is an OLE container holding the encrypted package.
    if (contains(bytes, 'EncryptionInfo', true)) return 'encrypted-office';
    return ext === '.wps' ? 'wps' : 'doc';
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, 'word/document.xml') || ext === '.docx' || ext === '.docm') return 'docx';
    if (contains(bytes, 'application/vnd.oasis.opendocument.text') || ext === '.odt') return 'odt';
    return 'zip';
  }
  const start = head(bytes);
  if (start.startsWith('{\\rtf')) return 'rtf';
  if (['.html', '.htm', '.shtml', '.xhtml'].includes(ext)) return 'html';
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*<!doctype html/.test(start)) return 'html';
  return 'text';
}

/** Why a detected format cannot be read, or undefined when a reader exists. */
export function refusalFor(format: DetectedFormat): ImportRefusal | undefined {
  switch (format) {
    case 'doc':
      return { kind: 'refused', format: 'doc', reason: { zh: '旧版 Word 文件（.doc）无法检查：请另存为 .docx 后再检查', en: 'legacy Word file (.doc) cannot be checked: save it as .docx and check again' } };
    case 'wps':
      return { kind: 'refused', format: 'wps', reason: { zh: 'WPS 文件（.wps）无法检查：请另存为 .docx 后再检查', en: 'WPS file (.wps) cannot be checked: save it as .docx and check again' } };
    case 'rtf':
      return { kind: 'refused', format: 'unknown', reason: { zh: 'RTF 文件无法检查：请另存为 .docx 后再检查', en: 'RTF file cannot be checked: save it as .docx and check again' } };
    case 'odt':
      return { kind: 'refused', format: 'unknown', reason: { zh: 'OpenDocument 文件（.odt）无法检查：请另存为 .docx 后再检查', en: 'OpenDocument file (.odt) cannot be checked: save it as .docx and check again' } };
    case 'zip':
      return { kind: 'refused', format: 'unknown', reason: { zh: '压缩包或不支持的 Office 格式，无法检查：请解压或另存为 .docx', en: 'an archive or an unsupported Office format: unpack it or save as .docx' } };
    case 'encrypted-office':
      return { kind: 'refused', format: 'docx', reason: { zh: 'Word 文件已加密，无法检查：请去除密码后再检查', en: 'the Word file is encrypted: remove the password and check again' } };
    default:
      return undefined;
  }
}
