/**
 * `parseReport(text)`: lines → tables → sections → figures → title, year, period, declared parts.
 * Never throws: whatever the text, a report comes back.
 */
import { foldRadicalsInPlace } from '../import/radicals';
import type { ParseProblem, Report, Section, Span, Suppression, Table, TemplateId, YearMention } from './types';
import type { Template } from '../templates/schema';
import { builtinTemplates } from '../templates/load';
import { foldedLine, isBlank, leadingWs, lineAt, splitLines, type Line } from './lines';
import { scanTables } from './tables';
import { buildSections, readHeading, type Heading } from './sections';
import { findFigures } from './figures';
import { foldWidth, isSpace, parseChineseNumeral, stripSpaces, trimEndWhere } from './text';

export interface ParseOptions {
  /** Use this template instead of detecting one. */
  readonly template?: TemplateId;
  /** Templates to match tables against (default: the bundled ones). */
  readonly templates?: ReadonlyMap<TemplateId, Template>;
}

export interface ParseResult {
  readonly report: Report;
  readonly problems: ParseProblem[];
}

export function parseReport(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(typeof text === 'string' ? text : String(text ?? ''), options);
  } catch (e) {
    // A parser bug must not take the editor down: return an empty report and say what happened.
    const t = typeof text === 'string' ? text : '';
    return {
      report: emptyReport(t),
      problems: [{
        code: 'internal-error',
        span: { start: 0, end: 0 },
        message: {
          zh: `解析报告时出现内部错误：${(e as Error)?.message ?? e}`,
          en: `Internal error while parsing the report: ${(e as Error)?.message ?? e}`,
        },
      }],
    };
  }
}

function emptyReport(text: string): Report {
  return { text, sections: [], tables: [], figures: [], templateEvidence: [], tableRegions: [], suppressions: [] };
}

function parseUnsafe(written: string, options: ParseOptions): ParseResult {
  // Radical look-alikes (`⼀、总体情况` pasted from a PDF): tables, headings and title read as the ideographs they
  // show; offsets unchanged. (Prose figures are matched on the text as written.)
  const text = foldRadicalsInPlace(written);
  const templates = options.templates ?? builtinTemplates();
  const lines = splitLines(text);
  const lineOf = (offset: number) => lineAt(lines, offset);
  // The report year (from the title or the period) breaks ties between formats whose tables look alike.
  const early = findTitle(lines, () => false);
  const periodAnywhere = findPeriod(lines, []);
  const earlyYear = (early ? findYear(text, early.span)?.year : undefined) ?? periodAnywhere?.start.year;
  const preferred = options.template ?? (earlyYear === undefined ? undefined : earlyYear <= 2018 ? 'gov2014' : earlyYear <= 2020 ? 'gov2019' : 'gov2021');
  // A line that is only a suppression directive is invisible to the table reader: written between two rows it
  // must not end the table or be read as a cell (it is reported by directive-ignored instead).
  const tableLines = text.includes('xxgk-disable') ? lines.filter((l) => !DIRECTIVE_LINE.test(text.slice(l.start, l.end))) : lines;
  const tableLineOf = tableLines === lines ? lineOf : (offset: number) => lineAt(tableLines, offset);
  const { tables, regions } = scanTables(text, tableLines, [...templates.values()], tableLineOf, preferred);

  const inRegion = regionTester(regions);
  const headings: Heading[] = [];
  const fragments: (boolean | undefined)[] = [];
  for (const line of lines) {
    if (isBlank(line) || inRegion(line.start, line.end)) continue;
    if (line.text.charCodeAt(leadingWs(line.text)) === 0x7c || /<t[dhr]\b/i.test(line.text) || looksLikeTableRow(line)) continue;
    const h = readHeading(line);
    if (h && !amongFragments(lines, line.index, h, fragments)) headings.push(h);
  }
  const lastHeading = headings.length > 0 ? headings[headings.length - 1].headingSpan.start : 0;
  const sections = buildSections(headings, text.length, appendixStarts(lines, inRegion, lastHeading));
  const figures = findFigures(text, regions).filter((f) => !isInHeadingNumber(f.numberSpan, headings));

  const title = findTitle(lines, inRegion);
  const titleYear = title ? findYear(text, title.span) : undefined;
  // The period is prose: one found inside a table region does not count.
  const period = periodAnywhere && !regions.some((r) => periodAnywhere.span.start >= r.start && periodAnywhere.span.start < r.end)
    ? periodAnywhere
    : periodAnywhere ? findPeriod(lines, regions) : undefined;
  const year = titleYear?.year ?? period?.start.year ?? captionYear(lines, tables);
  const declaredParts = findDeclaredParts(lines, inRegion);
  const evidence = templateEvidence(text, tables, templates);
  const detected = options.template ?? detectTemplate(tables, evidence, year);

  const report: Report = {
    // The text as written: rules quote and edit the document, not the folded reading of it.
    text: written,
    ...(title ? { title } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(titleYear ? { titleYear } : {}),
    ...(period ? { period } : {}),
    ...(declaredParts ? { declaredParts } : {}),
    sections,
    tables,
    figures,
    ...(detected ? { template: detected } : {}),
    templateEvidence: evidence,
    tableRegions: regions,
    suppressions: findSuppressions(text, lines, sections, tables),
  };
  return { report, problems: [] };
}

/** Whether `[start, end)` overlaps a table region. Regions are few; past a handful, a binary search on their starts. */
function regionTester(regions: readonly Span[]): (start: number, end: number) => boolean {
  if (regions.length <= 8) return (start, end) => regions.some((r) => start < r.end && end > r.start);
  const sorted = [...regions].sort((a, b) => a.start - b.start);
  // The furthest end among regions up to each index: regions may nest or overlap.
  const reach: number[] = [];
  for (let i = 0, m = -Infinity; i < sorted.length; i++) reach.push((m = Math.max(m, sorted[i].end)));
  return (start, end) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < end) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at >= 0 && reach[at] > start;
  };
}

/**
 * Where an appendix begins: `附件：…`, `附表`, or — after the last heading — a statistics table's own caption
 * line. The body's sections end there, so an annexed table is not shown inside the last section.
 */
function appendixStarts(lines: readonly Line[], inRegion: (s: number, e: number) => boolean, lastHeading: number): number[] {
  const out: number[] = [];
  for (const line of lines) {
    const t = line.text.trim();
    if (t === '' || t.length > 60) continue;
    if (/^(?:附件|附表|附[:：])/.test(t) || (line.start > lastHeading && /统计表[)）]?$/.test(t))) {
      if (!inRegion(line.start, line.end)) out.push(line.start + leadingWs(line.text));
    }
  }
  return out;
}

/**
 * A line whose words, once its figures are set aside, are at most this many characters is a fragment of a
 * table: pieces of labels wrapped in narrow columns (`他法`, `不予公 家秘 0 0 0`), or figures alone.
 */
const FRAGMENT = 6;
const FRAGMENT_WINDOW = 3;

/** Whether the width-folded line is a fragment. */
function isFragment(folded: string): boolean {
  if (folded.trim() === '') return false;
  const words = folded.replace(/(^|\s)[\d.,\-—/]+(?=\s|$)/g, ' ').replace(/\s+/g, '');
  return words.length <= FRAGMENT;
}

/**
 * A short "heading" among cell fragments is a table label wrapped by a PDF's narrow columns (`（三） 1.于国`
 * between `属`, `0` and `密`), not a heading: at least two of the three non-blank lines on each side are fragments.
 */
function amongFragments(lines: readonly Line[], index: number, h: Heading, memo: (boolean | undefined)[]): boolean {
  if (h.title.replace(/[\s\u3000]+/g, '').length > 6) return false;
  const side = (step: 1 | -1): number => {
    let seen = 0;
    let fragments = 0;
    for (let i = index + step; i >= 0 && i < lines.length && seen < FRAGMENT_WINDOW; i += step) {
      if (isBlank(lines[i])) continue;
      seen++;
      let f = memo[i];
      if (f === undefined) memo[i] = f = isFragment(foldedLine(lines[i]));
      if (f) fragments++;
    }
    return fragments;
  };
  return side(-1) >= 2 && side(1) >= 2;
}

/** A row of an unrecognised table (`（一）收到申请数\t件\t31`, `1.属于国家秘密  0  0  0`) is not a heading. */
function looksLikeTableRow(line: Line): boolean {
  const text = line.text;
  if (!text.includes('\t') && !endsInFigure(text)) return false;
  if (text.includes('\t') && text.split('\t').filter((f) => f.trim() !== '').length >= 2) return true;
  // Two or more trailing space-separated figures (or dashes) after some words. Token scan: linear, no backtracking.
  const tokens = foldedLine(line).trim().split(/[ \u3000]+/);
  let trailing = 0;
  for (let i = tokens.length - 1; i > 0 && /^(?:\d[\d,.]*|[-—/]+)$/.test(tokens[i]); i--) trailing++;
  return trailing >= 2 && trailing < tokens.length;
}

/** `/[\d０-９\-—/][ \u3000]*$/`, scanned from the end. */
function endsInFigure(text: string): boolean {
  let e = text.length;
  while (e > 0 && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x3000)) e--;
  if (e === 0) return false;
  const c = text.charCodeAt(e - 1);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 0x2d || c === 0x2014 || c === 0x2f;
}

/** Whether `span` lies in a heading's number. `headings` are in document order: a binary search, not a scan. */
function isInHeadingNumber(span: Span, headings: readonly Heading[]): boolean {
  let lo = 0;
  let hi = headings.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].numberSpan.start <= span.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && span.end <= headings[at].numberSpan.end;
}

/** `2018年度…统计表` just above the first table: the year when neither title nor period gives one. */
function captionYear(lines: readonly Line[], tables: Report['tables']): number | undefined {
  const first = tables[0];
  if (!first) return undefined;
  const li = lineAt(lines, first.span.start);
  for (let i = li; i >= Math.max(0, li - 6); i--) {
    const t = foldWidth(lines[i].text);
    const m = /((?:19|20)\d{2})[ \t\u3000]*年度?/.exec(t);
    if (m && /统计表|年度/.test(t)) return Number(m[1]);
  }
  return undefined;
}

const YEAR_DIGITS = /((?:19|20)\d{2})[ \t\u3000]*年/;
const YEAR_CN = /([一二三四五六七八九〇零○]{4})[ \t\u3000]*年/;

function cnYear(s: string): number | undefined {
  const map: Record<string, string> = { 〇: '0', 零: '0', '○': '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
  const d = [...s].map((c) => map[c] ?? '').join('');
  return d.length === 4 ? Number(d) : undefined;
}

function findYear(text: string, span: Span): YearMention | undefined {
  const s = foldWidth(text.slice(span.start, span.end));
  let m = YEAR_DIGITS.exec(s);
  if (m) return { year: Number(m[1]), span: { start: span.start + m.index, end: span.start + m.index + 4 } };
  m = YEAR_CN.exec(s);
  if (m) {
    const y = cnYear(m[1]);
    if (y && y >= 1990 && y <= 2100) return { year: y, span: { start: span.start + m.index, end: span.start + m.index + 4 } };
  }
  return undefined;
}

/** The line that names the report: `…政府信息公开工作年度报告` near the top. */
function findTitle(lines: readonly Line[], inRegion: (s: number, e: number) => boolean): Report['title'] {
  let seen = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    if (++seen > 15) break;
    if (inRegion(line.start, line.end)) continue;
    const t = stripSpaces(line.text);
    if (t.length > 80 || /[。；]/.test(t)) continue;
    if (/年.{0,12}报告|年报/.test(t) && /信息公开|政务公开/.test(t)) {
      const lead = line.text.length - line.text.replace(/^[\s\u3000\ufeff#*]+/, '').length;
      const trail = trimEndWhere(line.text, (c) => c === '*' || isSpace(c)).length;
      return { text: line.text.slice(lead, trail), span: { start: line.start + lead, end: line.start + trail } };
    }
  }
  return undefined;
}

const PERIOD = new RegExp(
  String.raw`((?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*0?1[ \t\u3000]*月[ \t\u3000]*0?1[ \t\u3000]*日[ \t\u3000]*(?:起)?[ \t\u3000]*` +
    String.raw`(?:至|到|—|－|-|~|～)+[ \t\u3000]*(?:((?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*)?12[ \t\u3000]*月[ \t\u3000]*31[ \t\u3000]*日`,
);

/**
 * The statistical period `2017 年 1 月 1 日起至 2017 年 12 月 31 日`, in the width-folded text. No match spans a line
 * break, so the lines that show 月 and 日 (never folded) are searched one by one, each folded once.
 */
function findPeriod(lines: readonly Line[], regions: readonly Span[]): Report['period'] {
  for (const line of lines) {
    if (!line.text.includes('月') || !line.text.includes('日')) continue;
    const found = periodIn(foldedLine(line), line.start, regions);
    if (found) return found;
  }
  return undefined;
}

const PERIOD_ALL = new RegExp(PERIOD.source, 'g');

function periodIn(folded: string, base: number, regions: readonly Span[]): Report['period'] {
  const re = PERIOD_ALL;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    const at = base + m.index;
    if (regions.some((r) => at >= r.start && at < r.end)) continue;
    const start: YearMention = { year: Number(m[1]), span: { start: at, end: at + 4 } };
    let end = start;
    if (m[2]) {
      const off = at + m[0].indexOf(m[2], m[1].length);
      end = { year: Number(m[2]), span: { start: off, end: off + 4 } };
    }
    return { start, end, span: { start: at, end: at + m[0].length } };
  }
  return undefined;
}

/** `共六个部分`, `等六个部分`, `分为七部分` in the opening paragraphs. */
function findDeclaredParts(lines: readonly Line[], inRegion: (s: number, e: number) => boolean): Report['declaredParts'] {
  let seen = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    if (++seen > 30) break;
    if (inRegion(line.start, line.end)) continue;
    const re = /(?:共|分为|包括|包含|由|等)[^。；]{0,120}?([一二三四五六七八九十]{1,2}|\d{1,2})[ \t\u3000]*个?[ \t\u3000]*部分/g;
    const folded = foldedLine(line);
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      const numText = m[1];
      const count = /^\d+$/.test(numText) ? Number(numText) : parseChineseNumeral(numText);
      if (!count || count < 2 || count > 20) continue;
      const off = line.start + m.index + m[0].lastIndexOf(numText);
      return { count, span: { start: off, end: off + numText.length } };
    }
  }
  return undefined;
}

function templateEvidence(text: string, tables: Report['tables'], templates: ReadonlyMap<TemplateId, Template>): Report['templateEvidence'] {
  const out: { template: TemplateId; marker: string; span: Span }[] = [];
  for (const t of tables) {
    for (const tpl of templates.values()) {
      if (tpl.id !== t.template) continue;
      for (const marker of tpl.markers) {
        const at = text.indexOf(marker, t.span.start);
        if (at >= 0 && at < t.span.end) {
          out.push({ template: tpl.id, marker, span: { start: at, end: at + marker.length } });
          break;
        }
      }
    }
  }
  return out;
}

function detectTemplate(tables: Report['tables'], evidence: Report['templateEvidence'], year: number | undefined): TemplateId | undefined {
  const votes = new Map<TemplateId, number>();
  for (const t of tables) votes.set(t.template, (votes.get(t.template) ?? 0) + (t.kind === 'active' ? 3 : t.kind === 'stats' ? 3 : 1));
  for (const e of evidence) votes.set(e.template, (votes.get(e.template) ?? 0) + 1);
  let best: TemplateId | undefined;
  for (const [id, v] of votes) if (!best || v > (votes.get(best) ?? 0)) best = id;
  // T3 and T4 are alike in 2019 and 2021: without a T2 to tell, the report year decides.
  if (best && best !== 'gov2014' && !tables.some((t) => t.kind === 'active') && year !== undefined) {
    best = year >= 2021 ? 'gov2021' : 'gov2019';
  }
  if (best) return best;
  if (year === undefined) return undefined;
  return year <= 2018 ? 'gov2014' : year <= 2020 ? 'gov2019' : 'gov2021';
}

const DIRECTIVE_LINE = /^[\s\u3000|]*<!--\s*xxgk-disable[^>]*-->[\s\u3000|]*$/;
const DIRECTIVE = /<!--\s*xxgk-disable(-next-line|-line|-file)?\b([^>]*?)-->/g;

/** A directive further right than this on its line is not honoured: nobody reading the line would see it. */
export const DIRECTIVE_MAX_COLUMN = 200;

/**
 * Comment directives: `<!-- xxgk-disable-next-line rule-id -->`, `<!-- xxgk-disable rule-id -->` (to the end of
 * the section), `<!-- xxgk-disable-file -->`. A next-line directive whose next line belongs to a table covers the
 * rest of that table (a directive cannot go between a table's rows). Directives inside a table, or beyond the
 * first DIRECTIVE_MAX_COLUMN columns of their line, are kept with `ignored` set and silence nothing.
 */
function findSuppressions(text: string, lines: readonly Line[], sections: readonly Section[], tables: readonly Table[]): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('xxgk-disable')) return out;
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(text)) !== null) {
    const directiveSpan = { start: m.index, end: m.index + m[0].length };
    const rules = m[2].split(/[\s,，]+/).filter((r) => /^[a-z][a-z0-9-]*$/.test(r));
    const li = lineAt(lines, m.index);
    const at = m.index;
    const ignored = at - lines[li].start > DIRECTIVE_MAX_COLUMN ? 'hidden' as const
      : tables.some((t) => at > t.span.start && at < t.span.end) ? 'in-table' as const : undefined;
    if (ignored) {
      out.push({ scope: m[1] === '-file' ? 'file' : m[1] ? 'line' : 'section', rules, span: directiveSpan, directiveSpan, ignored });
    } else if (m[1] === '-file') {
      out.push({ scope: 'file', rules, span: { start: 0, end: text.length }, directiveSpan });
    } else if (m[1] === '-next-line' || m[1] === '-line') {
      let target = m[1] === '-line' ? li : li + 1;
      while (m[1] === '-next-line' && target < lines.length && isBlank(lines[target])) target++;
      const ti = Math.min(target, lines.length - 1);
      const l = lines[ti];
      // The table the line belongs to, or the one its caption line introduces (the next non-blank line).
      let after = ti + 1;
      while (after < lines.length && isBlank(lines[after])) after++;
      const next = lines[Math.min(after, lines.length - 1)];
      const table = tables.find((t) => t.span.start <= l.end && t.span.end >= l.start)
        ?? tables.find((t) => t.span.start >= next.start && t.span.start <= next.end);
      out.push({ scope: 'line', rules, span: { start: l.start, end: table ? Math.max(l.end, table.span.end) : l.end }, directiveSpan });
    } else {
      const end = sectionEndAfter(sections, m.index) ?? text.length;
      out.push({ scope: 'section', rules, span: { start: m.index, end }, directiveSpan });
    }
  }
  return out;
}

/** The end of the innermost section that contains `offset` (or that starts right after it). */
function sectionEndAfter(sections: readonly Section[], offset: number): number | undefined {
  let best: number | undefined;
  const visit = (list: readonly Section[]) => {
    for (const s of list) {
      if (offset >= s.span.start && offset < s.span.end) {
        best = s.span.end;
        visit(s.children);
      } else if (s.span.start > offset) {
        if (best === undefined) best = s.span.end;
        return;
      }
    }
  };
  visit(sections);
  return best;
}
