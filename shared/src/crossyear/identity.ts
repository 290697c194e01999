/**
 * Who issued a report and for which year: what pairs this year's report with last year's. The body is read from
 * the title (`湖南省质量技术监督局2017年度…报告`), else from a short line just above it (`山东省工业和信息化厅`), else
 * from a `发布机构：` line of a web page's metadata, else from the file name. Two reports are the same body's when
 * their normalised names (`bodyKey`) are equal.
 */
import type { Report, Span } from '../model/types';
import { foldWidth, stripSpaces } from '../model/text';

export interface ReportIdentity {
  /** The issuing body as written, e.g. `山东省质量技术监督局`; undefined when nothing names it. */
  readonly body?: string;
  /** Where the body is named in the text (absent when it came from the file name). */
  readonly bodySpan?: Span;
  /** `bodyKey(body)`: what two reports of the same body share. */
  readonly key?: string;
  readonly year?: number;
}

/** The report-kind words around a body's name in a title or file name. */
const REPORT_WORDS = /(?:关于)?(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年?度?(?:的)?.*$/;
const PUNCT = /[\s\u3000·•．.、,，:：;；"“”'‘’《》〈〉()（）[\]【】<>_\-—–]+/g;

/** The normalised name of a body: width folded, no spaces or punctuation, no trailing `（本级）`. */
export function bodyKey(name: string): string {
  return stripSpaces(foldWidth(name))
    .replace(/[(（](?:本级|机关)[)）]$/, '')
    .replace(PUNCT, '');
}

/** The body named before the year in `text` (a title or a file name), or undefined. */
function bodyBeforeYear(text: string): string | undefined {
  const m = REPORT_WORDS.exec(text);
  if (!m) return undefined;
  const name = text.slice(0, m.index).replace(/^[\s\u3000#*]+|[\s\u3000·\-—_]+$/g, '');
  return isBodyName(name) ? name : undefined;
}

/** A plausible body name: 2–40 characters, with CJK, no sentence punctuation, not a report heading. */
function isBodyName(s: string): boolean {
  const t = stripSpaces(s);
  if (t.length < 2 || t.length > 40) return false;
  // Sentence punctuation, quotation and book-title marks: a line of prose (`本报告依据《条例》…`), not a name.
  if (/[。；！？，、：:《》“”"]/.test(t)) return false;
  if (!/[\u4e00-\u9fff]/.test(t)) return false;
  return !/^(?:政府信息公开|政务公开|年度报告|报告|目录|索引号|发布|本报告|本年|根据|依据|按照)/.test(t);
}

/**
 * A title wrapped over the first two lines (a PDF's text: `澜州市生态环境局2022年政府信息公开工` / `作年度报告`): the
 * body named before the year in the two lines joined, when they read as a report title.
 */
function wrappedTitleBody(text: string): { text: string; span: Span } | undefined {
  const lines: { text: string; start: number }[] = [];
  for (let at = 0; at < text.length && lines.length < 2;) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, '');
    if (line.trim() !== '') lines.push({ text: line, start: at });
    else if (lines.length === 1) break;
    at = end + 1;
  }
  if (lines.length < 2 || lines[0].text.length > 60 || lines[1].text.length > 30) return undefined;
  const joined = stripSpaces(lines[0].text + lines[1].text);
  if (!/(?:政府信息公开|政务公开).{0,12}报告$/.test(joined)) return undefined;
  const name = bodyBeforeYear(lines[0].text.trim());
  if (!name) return undefined;
  const lead = lines[0].text.indexOf(name);
  return { text: name, span: { start: lines[0].start + lead, end: lines[0].start + lead + name.length } };
}

function lineAbove(text: string, at: number): { text: string; start: number } | undefined {
  let end = at;
  // Skip the blank lines between the name and the title.
  for (;;) {
    const nl = text.lastIndexOf('\n', end - 1);
    if (nl < 0 && end === 0) return undefined;
    const start = nl + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') return { text: line, start };
    if (nl < 0) return undefined;
    end = nl;
  }
}

const ISSUER = /(?:发布机构|发文机关|来源|信息来源)\s*[:：]\s*([^\s\u3000|｜]{2,40})/;

/** Who issued `report` and for which year; `fileName` (a base name) is the last resort for the body. */
export function reportIdentity(report: Report, fileName?: string): ReportIdentity {
  const found = bodyFromText(report);
  const body = found?.text ?? (fileName ? bodyBeforeYear(fileName.replace(/\.[^.]+$/, '')) : undefined);
  return {
    ...(body ? { body, key: bodyKey(body) } : {}),
    ...(found?.span ? { bodySpan: found.span } : {}),
    ...(report.year !== undefined ? { year: report.year } : {}),
  };
}

function bodyFromText(report: Report): { text: string; span: Span } | undefined {
  const wrapped = wrappedTitleBody(report.text);
  if (wrapped) return wrapped;
  const t = report.title;
  if (t) {
    const inTitle = bodyBeforeYear(t.text);
    if (inTitle) {
      const lead = t.text.indexOf(inTitle);
      return { text: inTitle, span: { start: t.span.start + lead, end: t.span.start + lead + inTitle.length } };
    }
    const above = lineAbove(report.text, t.span.start);
    if (above && t.span.start - above.start < 400) {
      const name = above.text.trim();
      if (isBodyName(name) && !/\d/.test(name)) {
        const lead = above.text.indexOf(name);
        return { text: name, span: { start: above.start + lead, end: above.start + lead + name.length } };
      }
    }
  }
  const head = report.text.slice(0, 3000);
  const m = ISSUER.exec(head);
  if (m && isBodyName(m[1])) {
    const at = m.index + m[0].length - m[1].length;
    return { text: m[1], span: { start: at, end: at + m[1].length } };
  }
  return undefined;
}

/**
 * Last year's report for `of` among `candidates`: the same body's report of the latest year before `of`'s (the
 * first such when several), or undefined. Reports without a body or a year are never paired. A gap (no report
 * for the year right before) still pairs, so that `period-not-consecutive` can say so.
 */
export function findPrevious<T>(of: ReportIdentity, candidates: Iterable<{ readonly id: ReportIdentity; readonly item: T }>): T | undefined {
  if (!of.key || of.year === undefined) return undefined;
  let best: { year: number; item: T } | undefined;
  for (const c of candidates) {
    const y = c.id.year;
    if (c.id.key !== of.key || y === undefined || y >= of.year) continue;
    if (!best || y > best.year) best = { year: y, item: c.item };
  }
  return best?.item;
}
