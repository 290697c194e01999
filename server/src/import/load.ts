/**
 * A report file's bytes → the text the checker reads, whatever the file is: plain text and Markdown as they are
 * (encodings as in readCheck.ts), web pages, Word and PDF through the readers of the import layer, and a clear
 * refusal for the formats nobody can read here (.doc, .wps, encrypted files, scanned PDFs). Shared by the CLI and
 * the language server's workspace check, so both say the same about every file.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { detectFormat, readDocx, readHtml, refusalFor, sniffHtmlCharset, type ImportedText, type Localized } from '../../../shared/src/index';
import { readPdf } from './pdf';
import { decodeBytes, type EncodingName } from '../cli/encoding';
import { decodeForCheck, readReportBytes } from '../cli/readCheck';

export type LoadedReport =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: EncodingName }
  /** Converted from a web page, a Word file or a PDF: the text is read-only, `imported` maps it back. */
  | { readonly kind: 'imported'; readonly text: string; readonly imported: ImportedText; readonly encoding: EncodingName | null }
  /** Not checked, and not an error: empty, too large. */
  | { readonly kind: 'skipped'; readonly reason: Localized; readonly encoding: EncodingName | null }
  /** Cannot be checked: the user must hear of it. */
  | { readonly kind: 'unreadable'; readonly reason: Localized };

/** Decodes a web page: its BOM or `<meta charset>` first, then the text file rules (UTF-8, else GB18030). */
function decodeHtml(bytes: Uint8Array): { text: string; encoding: EncodingName | null } | undefined {
  const label = sniffHtmlCharset(bytes);
  if (label && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/i.test(label)) return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  if (label && !/^utf-?8$/i.test(label) && iconv.encodingExists(label)) return { text: iconv.decode(Buffer.from(bytes), label), encoding: null };
  const decoded = decodeBytes(bytes);
  return decoded.kind === 'text' ? { text: decoded.text, encoding: decoded.encoding } : undefined;
}

/**
 * The GB CMaps the build copies next to the bundle (`dist/cmaps`); when running from the compiled sources, pdf.js's
 * own folder in node_modules (the reader's default).
 */
function bundledCMaps(): { cMapDir?: string } {
  if (!cmaps) {
    const dir = path.join(__dirname, 'cmaps');
    cmaps = existsSync(dir) ? { cMapDir: dir } : {};
  }
  return cmaps;
}
let cmaps: { cMapDir?: string } | undefined;

const UNDECODABLE_PAGE: Localized = { zh: '无法识别网页的编码', en: 'cannot tell the web page’s encoding' };


export async function loadReport(name: string, bytes: Uint8Array): Promise<LoadedReport> {
  const format = detectFormat(name, bytes);
  const refusal = refusalFor(format);
  if (refusal) return { kind: 'unreadable', reason: refusal.reason };
  if (format === 'text') {
    const d = decodeForCheck(bytes);
    return d.kind === 'text' ? { kind: 'text', text: d.text, encoding: d.encoding } : d;
  }
  let result;
  let encoding: EncodingName | null = null;
  try {
    if (format === 'html') {
      const page = decodeHtml(bytes);
      if (!page) return { kind: 'unreadable', reason: UNDECODABLE_PAGE };
      encoding = page.encoding;
      result = readHtml(page.text);
    } else if (format === 'docx') result = readDocx(bytes);
    else result = await readPdf(bytes, bundledCMaps());
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { kind: 'unreadable', reason: { zh: `转换失败：${reason}`, en: `conversion failed: ${reason}` } };
  }
  if (result.kind === 'refused') return { kind: 'unreadable', reason: result.reason };
  if (result.text.trim() === '') return { kind: 'unreadable', reason: { zh: '文件中没有可读的文字，无法检查', en: 'no readable text in the file: cannot be checked' } };
  return { kind: 'imported', text: result.text, imported: result, encoding };
}

/**
 * A report file read from disk for the language server: the CLI's rules for what may be read
 * (`readReportBytes`: regular files only, the size limit), then `loadReport`.
 */
export async function readReportFile(path: string): Promise<LoadedReport> {
  const bytes = await readReportBytes(path);
  return bytes instanceof Uint8Array ? loadReport(path, bytes) : bytes;
}
