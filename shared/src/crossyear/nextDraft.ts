/**
 * This year's draft from last year's report (issue 14): the same text and headings, the years moved on, the
 * statistical tables of the new year's format as empty Markdown pipe tables (上年结转 filled in from last year's
 * 结转下年度继续办理), and every sentence and figure of last year's prose marked until it is rewritten.
 *
 * Markers (docs/draft.md):
 * - `〔上年原文〕` before each sentence that is last year's text word for word (apart from the years moved on);
 *   the writer deletes it with the sentence it stands before when rewriting. No digits, no unit: the checker reads
 *   no figure, year or heading in it.
 * - `〔12〕`: a figure of last year's prose (a count with its unit, a percentage). The figure reader never takes a
 *   number right after `〔` (document numbers are written so), so figure-table-mismatch and percentage-mismatch
 *   stay silent on last year's numbers until the brackets are removed.
 * - HTML comments (`<!-- … -->`) with what was done: invisible in the preview, not read by the checker.
 *
 * Pure: a report in, text out; never throws.
 */
import type { Report, Section, Span, Table, TableKind, TemplateId } from '../model/types';
import type { Template, TableTemplate } from '../templates/schema';
import { foldWidth, formatNumber, normalizeLabel, stripSpaces } from '../model/text';
import { blankTableRows } from '../features/blankTables';
import { formatPipeRows } from '../features/formatting';
import { templates as builtin, type FeatureLocale } from '../features/util';
import { PREVIOUS_TEXT_MARK, sentences } from './repeated';
import { lineAt as lineIndexAt, splitLines as linesOf, type Line } from '../model/lines';

/** Stands before each sentence kept word for word from last year's report. */
export { PREVIOUS_TEXT_MARK };

export interface NextDraftOptions {
  /** The year of the new report. */
  readonly year: number;
  /** The language of the explanatory comments in the draft (Chinese always comes first). */
  readonly locale?: FeatureLocale;
}

export interface CarriedCell {
  /** Column id (`np`, `biz`, … `tot`). */
  readonly column: string;
  readonly label: string;
  readonly value: number;
}

export interface NextDraftSummary {
  /** Last year's report year, when it states one. */
  readonly fromYear?: number;
  readonly year: number;
  /** The template of last year's tables, as detected. */
  readonly fromTemplate?: TemplateId;
  /** The template the draft's tables are drawn in (the format of the new year). */
  readonly template: TemplateId;
  /** 上年结转 cells filled in from last year's 结转下年度继续办理. */
  readonly carried: readonly CarriedCell[];
  /**
   * Why the carry-over row is as it is: `filled` (from last year's row 四), `old-format` (last year's report has
   * the pre-2019 table, without that row), `not-read` (last year's requests table or its row 四 was not read),
   * `none` (the new format has no such row).
   */
  readonly carryOver: 'filled' | 'old-format' | 'not-read' | 'none';
  /** Sentences marked `〔上年原文〕`. */
  readonly markedSentences: number;
  /** Figures of last year's prose put in `〔〕`. */
  readonly markedFigures: number;
  /** Year mentions moved on (the title, the period, the report year in the prose). */
  readonly yearsAdvanced: number;
  /** Where each table of the new format went. */
  readonly tables: readonly { readonly kind: TableKind; readonly placed: 'replaced' | 'section' | 'appended' }[];
}

export interface NextDraft {
  readonly markdown: string;
  readonly summary: NextDraftSummary;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The template whose report years include `year` (the latest one when several do), or gov2021. */
export function templateForYear(year: number, all: ReadonlyMap<TemplateId, Template> = builtin()): TemplateId {
  let best: Template | undefined;
  for (const t of all.values()) {
    if (year >= t.years.from && (t.years.to === undefined || year <= t.years.to) && (!best || t.years.from > best.years.from)) best = t;
  }
  return best?.id ?? 'gov2021';
}

const CN_DIGITS = '〇一二三四五六七八九';

/** `year` written like `original`: ASCII digits, full-width digits or Chinese numerals (keeping its zero). */
function yearLike(original: string, year: number): string {
  const digits = String(year);
  if (/^[０-９]{4}$/.test(original)) return [...digits].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
  if (/^[一二三四五六七八九〇零○]{4}$/.test(original)) {
    const zero = [...original].find((c) => c === '零' || c === '○') ?? '〇';
    return [...digits].map((d) => (d === '0' ? zero : CN_DIGITS[Number(d)])).join('');
  }
  return digits;
}

function allSections(sections: readonly Section[], out: Section[] = []): Section[] {
  for (const s of sections) {
    out.push(s);
    allSections(s.children, out);
  }
  return out;
}

/** Words of a table's heads and labels, as they stand alone on a line before its first row (`行政复议`, `单位`). */
function tableVocabulary(tt: TableTemplate | undefined): Set<string> {
  const words = new Set(['信息内容', '申请人情况', '法人或其他组织', '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '统计指标', '单位', '统计数']);
  if (!tt) return words;
  for (const c of tt.columns) words.add(normalizeLabel(c.label));
  for (const i of tt.indicators) words.add(normalizeLabel(i.label));
  return words;
}

/** A line of a table's layout: pipes, HTML, tabs, or space-aligned heads and figures (`行政复议      行政诉讼`). */
function isRowLine(t: string, vocabulary: ReadonlySet<string>): boolean {
  if (t.startsWith('|') || t.startsWith('<') || t.includes('\t')) return true;
  const pieces = t.split(/[ \u3000\u00a0]{2,}/).filter((p) => p !== '');
  return pieces.length >= 2 && pieces.every((p) => /^[\d.,\-—/]+$/.test(p) || vocabulary.has(normalizeLabel(p)));
}

/**
 * The whole lines a table takes: its span, widened to the head rows and captions above it that the reader left
 * out (`| 第二十条第（一）项 |` and the separator, `行政复议`/`行政诉讼` of a one-cell-per-line copy, `附件：…统计表`)
 * and to the rows of its layout just below. Never a heading, the title, or a line of prose.
 */
function tableBlock(table: Table, lines: readonly Line[], stops: ReadonlySet<number>, tt: TableTemplate | undefined): Span {
  const vocabulary = tableVocabulary(tt);
  let first = lineIndexAt(lines, table.span.start);
  let last = lineIndexAt(lines, Math.max(table.span.start, table.span.end - 1));
  for (let i = first - 1; i >= 0; i--) {
    if (stops.has(i)) break;
    const t = lines[i].text.trim();
    if (t === '') continue;
    const bare = stripSpaces(foldWidth(t)).replace(/^[#>*_\s]+|[*_\s]+$/g, '');
    const caption = bare.length <= 40 && !/[。；！？，,]/.test(bare) && (/表|^附件|^附[:：]/.test(bare) || vocabulary.has(normalizeLabel(bare)));
    if (!isRowLine(t, vocabulary) && !caption) break;
    first = i;
  }
  for (let i = last + 1; i < lines.length; i++) {
    if (stops.has(i)) break;
    const t = lines[i].text.trim();
    if (t === '' || !isRowLine(t, vocabulary)) break;
    last = i;
  }
  return { start: lines[first].start, end: lines[last].end };
}

/** A pipe table of `rows` with a separator under the first row, aligned as Format Document aligns it. */
function pipeTable(rows: readonly string[][]): string {
  const n = Math.max(...rows.map((r) => r.length));
  const cells = rows.map((r) => Array.from({ length: n }, (_, i) => (r[i] ?? '').replace(/\|/g, '｜').trim()));
  return formatPipeRows([cells[0], cells[0].map(() => '---'), ...cells.slice(1)], (k) => k === 1).join('\n');
}

function comment(zh: string, en: string, locale: FeatureLocale): string {
  return locale === 'en' ? `<!-- ${zh} / ${en} -->` : `<!-- ${zh} -->`;
}

/** Last year's 结转下年度继续办理 per column, when last year's requests table has that row. */
function lastCarryOver(report: Report): Map<string, number> | undefined {
  const table = report.tables.find((t) => t.kind === 'requests');
  const row = table?.rows.find((r) => r.indicator === 'R4');
  if (!row) return undefined;
  const out = new Map<string, number>();
  for (const c of row.cells) if (c.state === 'number' && c.value !== undefined) out.set(c.column, c.value);
  return out;
}

/** Spans the sentence and figure marks must stay out of: the tables being replaced, the title. */
function inside(spans: readonly Span[], at: number, end = at): boolean {
  return spans.some((s) => at < s.end && end > s.start);
}

const DATE_AFTER_YEAR = /^[ \t\u3000]*年[ \t\u3000]*(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3}|元)[ \t\u3000]*月/;
const SINCE_AFTER_YEAR = /^[ \t\u3000]*年度?[ \t\u3000]*(?:以来|起|开始|至今|以前|之前|前)/;
const COMPARED_BEFORE_YEAR = /(?:较|比|与|同比|对比)[ \t\u3000]*$/;
const YEAR_IN_PROSE = /(?:19|20)\d{2}|[１２][０-９]{3}|[一二三四五六七八九〇零○]{4}/g;

function yearValue(raw: string): number | undefined {
  const folded = foldWidth(raw);
  if (/^\d{4}$/.test(folded)) return Number(folded);
  const d = [...raw].map((c) => (c === '零' || c === '○' ? '0' : CN_DIGITS.indexOf(c) >= 0 ? String(CN_DIGITS.indexOf(c)) : '')).join('');
  return d.length === 4 ? Number(d) : undefined;
}

/**
 * The year mentions of last year's prose to move on to the new year: the report year meaning the year reported
 * on (`2022年，我局…`, `2022年度`, `截至2022年底`, `《2022年政务公开工作要点》`), and the year before it where it
 * means last year's report or a comparison (`2021年度报告`, `较2021年`). A date (`2022年3月15日`), `自2022年起`
 * and `2022年以来` name a fixed past time and stay.
 */
function yearEdits(report: Report, from: number, to: number, avoid: readonly Span[]): Edit[] {
  const text = report.text;
  const out: Edit[] = [];
  const done = new Set<number>();
  const push = (span: Span, year: number) => {
    if (done.has(span.start) || inside(avoid, span.start, span.end)) return;
    done.add(span.start);
    out.push({ ...span, text: yearLike(text.slice(span.start, span.end), year) });
  };
  const delta = to - from;
  if (report.titleYear) push(report.titleYear.span, report.titleYear.year + delta);
  if (report.period) {
    push(report.period.start.span, report.period.start.year + delta);
    push(report.period.end.span, report.period.end.year + delta);
  }
  // The period restated elsewhere (`统计期限为2022年1月1日至2022年12月31日`): both years.
  const folded = foldWidth(text);
  const period = /((?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*0?1[ \t\u3000]*月[ \t\u3000]*0?1[ \t\u3000]*日[ \t\u3000]*(?:起)?[ \t\u3000]*(?:至|到|—|－|-|~|～)+[ \t\u3000]*((?:19|20)\d{2})[ \t\u3000]*年[ \t\u3000]*12[ \t\u3000]*月[ \t\u3000]*31[ \t\u3000]*日/g;
  let m: RegExpExecArray | null;
  while ((m = period.exec(folded)) !== null) {
    if (Number(m[1]) !== from || Number(m[2]) !== from) continue;
    push({ start: m.index, end: m.index + 4 }, to);
    const second = m.index + m[0].lastIndexOf(m[2]);
    push({ start: second, end: second + 4 }, to);
  }
  YEAR_IN_PROSE.lastIndex = 0;
  while ((m = YEAR_IN_PROSE.exec(text)) !== null) {
    const y = yearValue(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    if (y === undefined || (y !== from && y !== from - 1)) continue;
    if (/[\d０-９]/.test(text[start - 1] ?? '') || /[\d０-９]/.test(text[end] ?? '')) continue;
    const after = text.slice(end, end + 12);
    if (!/^[ \t\u3000]*年/.test(after) || DATE_AFTER_YEAR.test(after)) continue;
    const before = text.slice(Math.max(0, start - 4), start);
    if (/(?:自|从)[ \t\u3000]*$/.test(before) || SINCE_AFTER_YEAR.test(after)) continue;
    if (y === from - 1 && !/^[ \t\u3000]*年度/.test(after) && !COMPARED_BEFORE_YEAR.test(before)) continue;
    if (inTitleMarks(text, start)) continue;
    push({ start, end }, y + delta);
  }
  return out;
}

/** Inside `《…》` on its line: the title of a document, a fixed thing (`《2022年政务公开工作要点》`). */
function inTitleMarks(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const open = text.lastIndexOf('《', at);
  if (open < lineStart) return false;
  const close = text.lastIndexOf('》', at);
  return close < open;
}

/** Where a sentence mark goes: past leading Markdown emphasis, quote and bullet marks. */
function markPoint(text: string, at: number, end: number): number {
  let p = at;
  for (;;) {
    const rest = text.slice(p, end);
    const m = /^(?:[*_]{1,3}|>[ \t]*|[-+][ \t]+|[ \t\u3000]+)/.exec(rest);
    if (!m || m[0].length === 0) return p;
    p += m[0].length;
  }
}

/** Figures that are time limits (`7个工作日`, `15日内`), not counts of last year's work. */
const TIME_AFTER_FIGURE = /^(?:个)?(?:工作日|日|天|小时|个月|月|周|年)/;

function figureEdits(report: Report, avoid: readonly Span[]): Edit[] {
  const out: Edit[] = [];
  for (const f of report.figures) {
    if (f.unit === '' || inside(avoid, f.span.start, f.span.end)) continue;
    if (TIME_AFTER_FIGURE.test(report.text.slice(f.span.end, f.span.end + 4))) continue;
    out.push({ start: f.numberSpan.start, end: f.numberSpan.end, text: `〔${f.raw}〕` });
  }
  return out;
}

function sentenceEdits(report: Report, avoid: readonly Span[], headings: readonly Section[]): Edit[] {
  const out: Edit[] = [];
  const text = report.text;
  for (const s of sentences(report)) {
    if (inside(avoid, s.span.start, s.span.end)) continue;
    // A heading keeps its number at the start of its line: the mark never goes before it.
    if (headings.some((h) => h.numberSpan.start >= s.span.start && h.numberSpan.start < s.span.end)) continue;
    const t = text.slice(s.span.start, s.span.end);
    if (t.startsWith('<!--') || t.startsWith('|')) continue;
    const at = markPoint(text, s.span.start, s.span.end);
    out.push({ start: at, end: at, text: PREVIOUS_TEXT_MARK });
  }
  return out;
}

/** Applies non-overlapping edits (an insertion before a replacement at the same place); an overlapping one is dropped. */
function applyAll(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Words of older headings for the same part (`四、政府信息公开复议诉讼和举报情况`), tried after the format's own. */
const LOOSE_KEYWORDS: Record<TableKind, readonly string[]> = {
  stats: [],
  active: ['主动公开'],
  requests: ['依申请', '申请'],
  review: ['复议', '诉讼'],
};

/** The top-level section a table of `kind` belongs in, by the required section's keywords of the new format. */
function sectionFor(report: Report, template: Template, tt: TableTemplate): Section | undefined {
  const title = tt.title.replace(/^[一二三四五六七八九十]+、/, '');
  const required = template.requiredSections?.find((r) => r.titles.some((t) => t === title));
  const keywords = [...(required?.keywords ?? []), ...LOOSE_KEYWORDS[tt.kind]];
  for (const k of keywords) {
    const s = report.sections.find((x) => x.title.includes(k));
    if (s) return s;
  }
  return undefined;
}

/** The end of the last non-blank character before `at`. */
function trimBack(text: string, at: number): number {
  let p = at;
  while (p > 0 && /\s/.test(text[p - 1])) p--;
  return p;
}

/** This year's draft from last year's report. */
export function nextYearDraft(lastYear: Report, options: NextDraftOptions): NextDraft {
  const locale = options.locale ?? 'zh';
  const all = builtin();
  const templateId = templateForYear(options.year, all);
  const template = all.get(templateId);
  const text = lastYear.text;
  const lines = linesOf(text);
  const headings = allSections(lastYear.sections);
  const stops = new Set<number>(headings.map((h) => lineIndexAt(lines, h.headingSpan.start)));
  if (lastYear.title) stops.add(lineIndexAt(lines, lastYear.title.span.start));

  // Last year's tables: each one's lines, to be replaced.
  const blocks = lastYear.tables.map((t) => ({ table: t, span: tableBlock(t, lines, stops, all.get(t.template)?.tables.find((x) => x.kind === t.kind)) }));

  const carry = lastCarryOver(lastYear);
  const newKinds = template?.tables ?? [];
  const requestsTt = newKinds.find((t) => t.kind === 'requests');
  const r2 = requestsTt?.indicators.find((i) => i.id === 'R2');
  const carried: CarriedCell[] = [];
  const oldFormat = lastYear.template === 'gov2014' || (lastYear.tables.length > 0 && lastYear.tables.every((t) => t.kind === 'stats'));
  const carryOver: NextDraftSummary['carryOver'] = !r2 ? 'none' : carry && carry.size > 0 ? 'filled' : oldFormat ? 'old-format' : 'not-read';

  const drawn = (tt: TableTemplate): string => {
    const rows = blankTableRows(templateId, tt.kind) ?? [];
    if (tt.kind === 'requests' && r2 && carry) {
      const row = rows.find((r) => r[0] === r2.label);
      if (row) {
        tt.columns.forEach((c, i) => {
          const v = carry.get(c.id);
          if (v === undefined) return;
          row[1 + i] = formatNumber(v);
          carried.push({ column: c.id, label: c.label, value: v });
        });
      }
    }
    let out = pipeTable(rows);
    if (tt.kind === 'requests' && carryOver === 'old-format') {
      out = `${comment('上年报告使用旧版统计表，没有结转下年度继续办理一栏：上年结转一行留空，请据实填写。', "Last year's report has the old statistics table, without a carried-over row: the carry-over row is left empty to fill in.", locale)}\n\n${out}`;
    } else if (tt.kind === 'requests' && carryOver === 'not-read') {
      out = `${comment('未能读取上年报告的结转下年度继续办理一行：上年结转一行留空，请据实填写。', "Last year's carried-over row could not be read: the carry-over row is left empty to fill in.", locale)}\n\n${out}`;
    }
    return out;
  };

  const edits: Edit[] = [];
  const placed: { kind: TableKind; placed: 'replaced' | 'section' | 'appended' }[] = [];
  const handled = new Set<TableKind>();
  const removed: Span[] = [];
  for (const b of blocks) {
    const tt = newKinds.find((t) => t.kind === b.table.kind);
    if (tt && !handled.has(tt.kind)) {
      handled.add(tt.kind);
      edits.push({ ...b.span, text: drawn(tt) });
      placed.push({ kind: tt.kind, placed: 'replaced' });
    } else {
      // A table the new format does not have (the old 统计表): its lines and the blank lines after them go.
      const end = b.span.end + (/^(?:[ \t]*\r?\n)*/.exec(text.slice(b.span.end))?.[0].length ?? 0);
      removed.push({ start: b.span.start, end });
      edits.push({ start: b.span.start, end, text: '' });
    }
  }

  // The new format's tables last year did not have: at the end of the section they belong to, else where the
  // old table was, else at the end.
  const bySection = new Map<number, string[]>();
  const loose: string[] = [];
  for (const tt of newKinds) {
    if (handled.has(tt.kind)) continue;
    const section = sectionFor(lastYear, template!, tt);
    const drawnTable = drawn(tt);
    if (section) {
      let p = trimBack(text, section.span.end);
      for (const r of removed) if (p > r.start && p <= r.end) p = trimBack(text, r.start);
      bySection.set(p, [...(bySection.get(p) ?? []), drawnTable]);
      placed.push({ kind: tt.kind, placed: 'section' });
    } else {
      const caption = `**${tt.title.replace(/^[一二三四五六七八九十]+、/, '')}**`;
      loose.push(`${caption}\n\n${drawnTable}`);
      placed.push({ kind: tt.kind, placed: 'appended' });
    }
  }
  for (const [p, tables] of bySection) {
    const after = text.slice(p);
    const tail = after === '' || /^\r?\n[ \t]*\r?\n/.test(after) ? '' : '\n';
    edits.push({ start: p, end: p, text: `\n\n${tables.join('\n\n')}${tail}` });
  }
  if (loose.length) {
    const at = removed.length ? removed[0].start : text.length;
    const body = loose.join('\n\n');
    edits.push(at === text.length ? { start: trimBack(text, at), end: text.length, text: `\n\n${body}\n` } : { start: at, end: at, text: `${body}\n\n` });
  }

  const avoid: Span[] = blocks.map((b) => b.span);
  const titleSpan = lastYear.title?.span;
  const marksAvoid = titleSpan ? [...avoid, titleSpan] : avoid;
  const years = lastYear.year !== undefined && lastYear.year !== options.year ? yearEdits(lastYear, lastYear.year, options.year, avoid) : [];
  const figures = figureEdits(lastYear, marksAvoid);
  const marks = sentenceEdits(lastYear, marksAvoid, headings);
  edits.push(...years, ...figures, ...marks);

  // What the draft is, right under the title (a comment: no heading, figure or year for the checker to read).
  const note = comment(
    `本草稿由 xxgk-report 从上年报告生成：标有${PREVIOUS_TEXT_MARK}的句子与上年相同，改写后删去该标记；〔〕内的数字是上年的数字，更新后去掉括号；表格只填了上年结转一行，其余单元格待填写。`,
    `Draft made by xxgk-report from last year's report: sentences marked ${PREVIOUS_TEXT_MARK} are last year's words (delete the mark once rewritten); numbers in 〔〕 are last year's figures (update them and drop the brackets); only the carry-over row of the tables is filled in.`,
    locale,
  );
  if (titleSpan) {
    const lineEnd = lines[lineIndexAt(lines, titleSpan.start)].end;
    edits.push({ start: lineEnd, end: lineEnd, text: `\n\n${note}` });
  } else edits.push({ start: 0, end: 0, text: `${note}\n\n` });

  // Markdown line ends; runs of blank lines (around a removed table, or the original's) become one.
  let markdown = applyAll(text, edits).replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').replace(/\n(?:[ \t]*\n){2,}/g, '\n\n');
  if (!markdown.endsWith('\n')) markdown += '\n';
  return {
    markdown,
    summary: {
      ...(lastYear.year !== undefined ? { fromYear: lastYear.year } : {}),
      year: options.year,
      ...(lastYear.template ? { fromTemplate: lastYear.template } : {}),
      template: templateId,
      carried,
      carryOver,
      markedSentences: marks.length,
      markedFigures: figures.length,
      yearsAdvanced: years.length,
      tables: placed,
    },
  };
}
