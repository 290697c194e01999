/**
 * Which table cell a figure in prose talks about. A figure is matched by the words right before it
 * in its clause (`收到政府信息公开申请 31 件`) and by its unit, never by guesswork across sentences.
 */
import type { Cell, Figure, TableKind, TemplateId } from '../model/types';
import type { RuleContext } from './types';
import { cellIn, memo, num, tableViews, type TableView } from './support';

export interface Target {
  readonly kind: TableKind;
  /** Rows whose cells (in `column`) add up to the figure. */
  readonly rows: readonly string[];
  readonly column: string;
}

interface Mapping {
  readonly era: 'old' | 'new';
  /** What the figure is called, for messages. */
  readonly name: { zh: string; en: string };
  /** Must match the end of the clause before the number (fillers like 共/为/达 removed). */
  readonly phrase: RegExp;
  readonly units: readonly string[];
  /** The cell(s) the figure states. */
  readonly target: Target;
  /** Other cells the author may legitimately mean (the figure agreeing with any of them is not reported). */
  readonly alternatives?: readonly Target[];
  /** The sentence must contain one of these words. */
  readonly context?: RegExp;
  /** The clause must not contain these words (e.g. 转为主动公开 is not the proactive total). */
  readonly exclude?: RegExp;
}

const T = (kind: TableKind, rows: string[], column: string): Target => ({ kind, rows, column });
const OUTCOME_LEAVES_2021 = ['R3.1', 'R3.2', 'R3.3.1', 'R3.3.2', 'R3.3.3', 'R3.3.4', 'R3.3.5', 'R3.3.6', 'R3.3.7', 'R3.3.8', 'R3.4.1', 'R3.4.2', 'R3.4.3', 'R3.5.1', 'R3.5.2', 'R3.5.3', 'R3.5.4', 'R3.5.5'];
const COUNT = ['件', '件次'];

const MAPPINGS: readonly Mapping[] = [
  // gov2014 (the old 统计表)
  { era: 'old', name: { zh: '主动公开政府信息数', en: 'information proactively disclosed' }, phrase: /主动公开(?:的)?(?:政府|政务)?信息(?:数)?$/, units: ['条'], target: T('stats', ['A1'], 'value'), alternatives: [T('stats', ['A'], 'value')], exclude: /转|其中(?!主动公开)|规范性文件/ },
  { era: 'old', name: { zh: '政府网站公开政府信息数', en: 'information published on government websites' }, phrase: /网站(?:上)?(?:公开|发布)(?:政府)?信息$/, units: ['条'], target: T('stats', ['A2.2'], 'value') },
  { era: 'old', name: { zh: '政府公报公开政府信息数', en: 'information published in the gazette' }, phrase: /公报(?:上)?(?:公开|刊登|刊发|发布)(?:政府)?信息$/, units: ['条'], target: T('stats', ['A2.1'], 'value') },
  { era: 'old', name: { zh: '政务微博公开政府信息数', en: 'information published on microblogs' }, phrase: /微博(?:上)?(?:公开|发布)(?:政府)?信息$/, units: ['条'], target: T('stats', ['A2.3'], 'value') },
  { era: 'old', name: { zh: '政务微信公开政府信息数', en: 'information published on WeChat' }, phrase: /微信(?:上)?(?:公开|发布)(?:政府)?信息$/, units: ['条'], target: T('stats', ['A2.4'], 'value') },
  { era: 'old', name: { zh: '收到申请数', en: 'applications received' }, phrase: /(?:收到|受理|接收|接到)(?:各类)?(?:政府信息公开|信息公开|依申请公开)?申请$/, units: COUNT, target: T('stats', ['C1'], 'value') },
  { era: 'old', name: { zh: '按时办结数', en: 'applications concluded on time' }, phrase: /按时办结(?:申请)?$/, units: COUNT, target: T('stats', ['C2.1'], 'value') },
  { era: 'old', name: { zh: '延期办结数', en: 'applications concluded after extension' }, phrase: /延期办结(?:申请)?$/, units: COUNT, target: T('stats', ['C2.2'], 'value') },
  { era: 'old', name: { zh: '同意公开与同意部分公开答复数之和', en: 'replies granting full or partial disclosure' }, phrase: /同意公开(?:答复)?(?:及|和|与|、|以及)(?:同意)?部分公开(?:答复)?$/, units: COUNT, target: T('stats', ['C3.2', 'C3.3'], 'value') },
  { era: 'old', name: { zh: '同意公开答复数', en: 'replies granting disclosure' }, phrase: /(?<!部分|不)同意公开(?:答复)?$/, units: COUNT, target: T('stats', ['C3.2'], 'value'), alternatives: [T('stats', ['C3.2', 'C3.3'], 'value'), T('stats', ['C3.1', 'C3.2'], 'value')] },
  { era: 'old', name: { zh: '同意部分公开答复数', en: 'replies granting partial disclosure' }, phrase: /(?:同意)?部分公开(?:答复)?$/, units: COUNT, target: T('stats', ['C3.3'], 'value') },
  { era: 'old', name: { zh: '属于已主动公开范围数', en: 'requests for information already published' }, phrase: /(?:属于)?已?主动公开(?:范围)?$/, units: COUNT, target: T('stats', ['C3.1'], 'value'), context: /申请/ },
  { era: 'old', name: { zh: '不同意公开答复数', en: 'replies refusing disclosure' }, phrase: /(?:不同意公开|不予公开)(?:答复)?$/, units: COUNT, target: T('stats', ['C3.4'], 'value') },
  { era: 'old', name: { zh: '参加或举办新闻发布会总次数', en: 'press conferences' }, phrase: /(?<!信息)(?<!、)新闻发布会$/, units: ['次', '场'], target: T('stats', ['B2.1'], 'value') },
  { era: 'old', name: { zh: '政府网站在线访谈次数', en: 'online interviews' }, phrase: /在线访谈(?:活动)?$/, units: ['次', '期', '场'], target: T('stats', ['B2.2'], 'value') },
  { era: 'old', name: { zh: '政策解读稿件发布数', en: 'policy explanations published' }, phrase: /(?:政策)?解读(?:稿件|文章|材料)$/, units: ['篇'], target: T('stats', ['B2.3'], 'value') },
  { era: 'old', name: { zh: '回应公众关注热点或重大舆情数', en: 'hot topics responded to' }, phrase: /回应(?:了)?(?:公众|社会|群众)?(?:关注|关切)?(?:的)?热点(?:问题)?(?:或重大舆情)?$/, units: ['次', '件', '个'], target: T('stats', ['B1'], 'value') },
  { era: 'old', name: { zh: '行政复议数量', en: 'administrative reviews' }, phrase: /(?:被申请|提起|发生)?(?:政府信息公开)?行政复议(?:案件|申请)?$/, units: ['件', '起'], target: T('stats', ['D'], 'value') },
  { era: 'old', name: { zh: '行政诉讼数量', en: 'lawsuits' }, phrase: /(?:被提起|提起|发生)?(?:政府信息公开)?行政诉讼(?:案件)?$/, units: ['件', '起'], target: T('stats', ['E'], 'value') },
  { era: 'old', name: { zh: '向查阅场所报送信息数', en: 'information sent to public reading rooms' }, phrase: /(?:查阅点|查阅场所|查阅中心)(?:报送|提供|送交)(?:政府)?信息$/, units: ['条', '件'], target: T('stats', ['K'], 'value') },
  { era: 'old', name: { zh: '举办各类培训班数', en: 'training courses' }, phrase: /(?:举办|开展|组织)(?:各类)?(?:政府信息公开)?(?:业务)?培训班?$/, units: ['次', '期'], target: T('stats', ['I2'], 'value') },
  { era: 'old', name: { zh: '接受培训人员数', en: 'people trained' }, phrase: /培训(?:人员|干部|工作人员)?$/, units: ['人次'], target: T('stats', ['I3'], 'value') },

  // gov2019 / gov2021
  { era: 'new', name: { zh: '本年新收政府信息公开申请数量', en: 'applications received this year' }, phrase: /(?:新收|收到|受理|接收|接到)(?:各类)?(?:政府信息公开|信息公开|依申请公开)?申请$/, units: COUNT, target: T('requests', ['R1'], 'tot'), alternatives: [T('requests', ['R1', 'R2'], 'tot')] },
  { era: 'new', name: { zh: '上年结转政府信息公开申请数量', en: 'applications carried over from last year' }, phrase: /上一?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?$/, units: COUNT, target: T('requests', ['R2'], 'tot') },
  { era: 'new', name: { zh: '（七）总计（本年办结）', en: 'applications concluded this year' }, phrase: /(?:办结|答复|办理完毕)(?:政府信息公开|依申请公开)?(?:申请)?$/, units: COUNT, target: T('requests', ['R3.7'], 'tot'), context: /申请/ },
  { era: 'new', name: { zh: '予以公开与部分公开之和', en: 'disclosed in full or in part' }, phrase: /予以公开(?:及|和|与|、|以及)部分公开$/, units: COUNT, target: T('requests', ['R3.1', 'R3.2'], 'tot') },
  { era: 'new', name: { zh: '予以公开', en: 'disclosed' }, phrase: /(?<!部分)(?<!不)予以公开$/, units: COUNT, target: T('requests', ['R3.1'], 'tot'), alternatives: [T('requests', ['R3.1', 'R3.2'], 'tot')] },
  { era: 'new', name: { zh: '部分公开', en: 'partly disclosed' }, phrase: /部分公开$/, units: COUNT, target: T('requests', ['R3.2'], 'tot') },
  { era: 'new', name: { zh: '不予公开', en: 'not disclosed' }, phrase: /不予公开$/, units: COUNT, target: T('requests', ['R3.3.1', 'R3.3.2', 'R3.3.3', 'R3.3.4', 'R3.3.5', 'R3.3.6', 'R3.3.7', 'R3.3.8'], 'tot') },
  { era: 'new', name: { zh: '无法提供', en: 'cannot be provided' }, phrase: /无法提供$/, units: COUNT, target: T('requests', ['R3.4.1', 'R3.4.2', 'R3.4.3'], 'tot') },
  { era: 'new', name: { zh: '不予处理', en: 'not processed' }, phrase: /不予处理$/, units: COUNT, target: T('requests', ['R3.5.1', 'R3.5.2', 'R3.5.3', 'R3.5.4', 'R3.5.5'], 'tot') },
  { era: 'new', name: { zh: '其他处理', en: 'otherwise handled' }, phrase: /其他处理$/, units: COUNT, target: T('requests', ['R3.6.1', 'R3.6.2', 'R3.6.3'], 'tot'), alternatives: [T('requests', ['R3.6'], 'tot')] },
  { era: 'new', name: { zh: '结转下年度继续办理', en: 'carried over to next year' }, phrase: /结转(?:至|到)?下一?年度?(?:继续办理)?$/, units: COUNT, target: T('requests', ['R4'], 'tot') },
  { era: 'new', name: { zh: '行政复议总计', en: 'administrative reviews' }, phrase: /(?:被申请|提起|发生)?(?:政府信息公开)?行政复议(?:案件|申请)?$/, units: ['件', '起'], target: T('review', ['T4'], 'rev.total') },
  { era: 'new', name: { zh: '行政诉讼总计', en: 'lawsuits' }, phrase: /(?:被提起|提起|发生)?(?:政府信息公开)?行政诉讼(?:案件)?$/, units: ['件', '起'], target: T('review', ['T4', 'T4'], 'lit*.total') },
  { era: 'new', name: { zh: '本年制发行政规范性文件件数', en: 'normative documents issued this year' }, phrase: /(?:制发|制定|印发|出台)(?:了)?(?:行政)?规范性文件$/, units: ['件', '个'], target: T('active', ['X1.2'], 'made') },
  { era: 'new', name: { zh: '本年废止行政规范性文件件数', en: 'normative documents repealed this year' }, phrase: /废止(?:了)?(?:行政)?规范性文件$/, units: ['件', '个'], target: T('active', ['X1.2'], 'repealed') },
  { era: 'new', name: { zh: '现行有效行政规范性文件件数', en: 'normative documents in force' }, phrase: /现行有效(?:的)?(?:行政)?规范性文件$/, units: ['件', '个'], target: T('active', ['X1.2'], 'current') },
];

/**
 * `予以公开、部分公开共9件`: the clause (cut at `、`) follows another indicator's name that has no figure of its
 * own, so the figure counts both. (`予以公开6件、部分公开1件` is two figures, each its own.)
 */
function joinedByEnumeration(text: string, figure: Figure, clause: string): boolean {
  const start = Math.max(figure.sentenceSpan.start, figure.numberSpan.start - 60);
  const before = text.slice(start, figure.span.start);
  const at = before.lastIndexOf('、');
  if (at < 0 || before.slice(at + 1).replace(/[\s\u3000“”"'‘’「」《》]/g, '').length > clause.length + 8) return false;
  const previous = before.slice(0, at).split(/[，,；;：:。（(]/).pop() ?? '';
  return previous.trim() !== '' && !/[0-9０-９]/.test(previous);
}

/** A conjunction right before an indicator's name joins it to another one. */
const JOINED = /(?:及|和|与|、|以及|加上?|或)$/;

const MAPPING_UNITS = new Set(MAPPINGS.flatMap((m) => m.units));
/** Every mapping phrase contains one of these words. */
const KEY_WORDS = /公开|信息|申请|办结|答复|复议|诉讼|规范性文件|发布会|访谈|解读|热点|培训|查阅|结转|处理|提供/;

const FILLERS = /(?:共计|总计|合计|累计|共有|共|为|达到|达|计|了|有|是|数量|数)$/;
const APPROX_END = /(?:约|近|超过|逾|将近|接近|不到|不足)$/;

/** The clause before a figure, with quotes, spaces and filler words removed from its end. */
export function clauseBefore(text: string, figure: Figure): string {
  const start = Math.max(figure.sentenceSpan.start, figure.numberSpan.start - 60);
  let clause = text.slice(start, figure.span.start);
  const cut = lastIndexOfAny(clause, '，,；：:、（(。');
  if (cut >= 0) clause = clause.slice(cut + 1);
  clause = clause.replace(/[\s\u3000“”"'‘’「」《》]/g, '');
  for (let i = 0; i < 4; i++) {
    const next = clause.replace(FILLERS, '').replace(APPROX_END, '');
    // Nothing left to strip: the next rounds would change nothing either.
    if (next === clause) break;
    clause = next;
  }
  return clause;
}

/**
 * A figure about another year or a comparison (`上年收到申请45件`, `2022年…`, `同比增加`, `累计`) is not this
 * year's table value.
 */
function aboutAnotherTime(text: string, figure: Figure, year: number | undefined): boolean {
  const start = Math.max(figure.sentenceSpan.start, figure.numberSpan.start - 60);
  let clause = text.slice(start, figure.numberSpan.start);
  const cut = lastIndexOfAny(clause, '，,；。');
  if (cut >= 0) clause = clause.slice(cut + 1);
  if (/去年|上年度?(?!结转)|上一年度?(?!结转)|前一年|同比|环比|较上|比上|累计|历年|以来|增加|减少|增长|下降/.test(clause)) return true;
  if (year === undefined) return false;
  const re = /((?:19|20)\d{2})\s*年/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clause)) !== null) if (Number(m[1]) !== year) return true;
  return false;
}

/** The last index in `s` of any of the characters of `chars` (-1 if none): the largest of their `lastIndexOf`s. */
function lastIndexOfAny(s: string, chars: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (chars.includes(s[i])) return i;
  return -1;
}

export interface ResolvedTarget {
  readonly value: number;
  readonly cells: readonly Cell[];
  readonly view: TableView;
}

/** The value of a target in the report's tables, when every cell it needs is a number. */
export function resolveTarget(views: readonly TableView[], target: Target): ResolvedTarget | undefined {
  for (const view of views) {
    if (view.table.kind !== target.kind) continue;
    const columns = target.column === 'lit*.total' ? ['lit1.total', 'lit2.total'] : target.rows.map(() => target.column);
    const cells: Cell[] = [];
    let sum = 0;
    for (let i = 0; i < columns.length; i++) {
      const row = view.rows.get(target.rows[i] ?? target.rows[0]);
      if (!row) return undefined;
      const cell = cellIn(row, columns[i]);
      const v = num(cell);
      if (v === undefined || !cell) return undefined;
      cells.push(cell);
      sum += v;
    }
    return { value: Math.round(sum * 10000) / 10000, cells, view };
  }
  return undefined;
}

export interface FigureMatch {
  readonly figure: Figure;
  readonly mapping: Mapping;
  readonly resolved: ResolvedTarget;
  readonly alternatives: readonly ResolvedTarget[];
}

function eraOf(id: TemplateId | undefined): 'old' | 'new' | undefined {
  return id === undefined ? undefined : id === 'gov2014' ? 'old' : 'new';
}

const matchCache = new WeakMap<object, { templates: RuleContext['templates']; value: FigureMatch[] }>();

/** Every prose figure that names a table cell, with that cell's value. */
export function matchFigures(ctx: RuleContext): FigureMatch[] {
  return memo(matchCache, ctx, () => computeMatches(ctx));
}

function computeMatches(ctx: RuleContext): FigureMatch[] {
  const views = tableViews(ctx);
  if (views.length === 0) return [];
  const eras = new Set(views.map((v) => eraOf(v.table.template)));
  const text = ctx.report.text;
  const out: FigureMatch[] = [];
  for (const figure of ctx.report.figures) {
    if (!MAPPING_UNITS.has(figure.unit)) continue;
    // Cheap test first: the words before the figure must contain one of the indicator key words at all.
    const near = text.slice(Math.max(figure.sentenceSpan.start, figure.numberSpan.start - 40), figure.numberSpan.start);
    if (!KEY_WORDS.test(near)) continue;
    const clause = clauseBefore(text, figure);
    if (clause === '' || aboutAnotherTime(text, figure, ctx.report.year)) continue;
    let sentence: string | undefined;
    for (const mapping of MAPPINGS) {
      if (!eras.has(mapping.era) || !mapping.units.includes(figure.unit)) continue;
      const named = mapping.phrase.exec(clause);
      if (!named) continue;
      // `行政复议和行政诉讼5件`, `无法提供及不予处理3件`: a sum of several indicators, none of them alone. Only
      // the sums written out above are compared; any other is left alone.
      if (JOINED.test(clause.slice(0, named.index)) || joinedByEnumeration(text, figure, clause)) break;
      if (mapping.context && !mapping.context.test((sentence ??= text.slice(figure.sentenceSpan.start, figure.sentenceSpan.end)))) continue;
      if (mapping.exclude && mapping.exclude.test(clause)) continue;
      const resolved = resolveTarget(views, mapping.target);
      if (!resolved) break;
      const alternatives = (mapping.alternatives ?? []).flatMap((t) => resolveTarget(views, t) ?? []);
      out.push({ figure, mapping, resolved, alternatives });
      break;
    }
  }
  return out;
}

export const OUTCOME_LEAVES = OUTCOME_LEAVES_2021;
