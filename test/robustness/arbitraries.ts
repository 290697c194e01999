/**
 * fast-check generators of hostile report texts: a seed or synthetic report (or nothing), then a
 * list of edits — insert, delete, duplicate and shuffle lines, cut a table in half, change a
 * number, convert line endings, truncate anywhere (even inside a surrogate pair), insert random
 * Unicode (surrogate pairs, lone surrogates, control characters), HTML and pipe-table fragments,
 * and lines of up to 100,000 characters.
 *
 * A generated `Case` is plain JSON, so a failure printed by fast-check (or written by
 * `npm run fuzz`) can be turned back into its text with `buildText`.
 */
import fc from 'fast-check';
import { corpus } from './corpus';

/** Positions are drawn as large naturals and taken modulo the current length, so any edit applies to any text. */
const pos = fc.nat({ max: 0x7fffffff });

const CONTROL = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u001f', '\u007f', '\u0085',
  '\u00a0', '\u1680', '\u2000', '\u200b', '\u200e', '\u202e', '\u2028', '\u2029', '\u3000', '\ufeff', '\ufffd', '\uffff',
];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud840\udc0b', '😀', '𝟏', '𝟗', '\ud835\udfce', '𠀋', '\udc00\ud800'];
const REPORT_WORDS = [
  '一、', '二、', '三、', '十一、', '（一）', '（二）', '(三)', '（十）', '1.', '2、', '3．', '（1）', '(2)', '一是', '第二十条第（一）项',
  '总计', '合计', '小计', '件', '条', '个', '人次', '万元', '%', '％', '年', '年度', '月', '日', '约', '余', '近', '多', '以上', '左右',
  '2021年', '2019 年', '二〇二一年', '2017年1月1日起至2017年12月31日', '政府信息公开工作年度报告', '共六个部分', '本报告包括',
  '收到申请数', '（一）收到申请数', '予以公开', '不予公开', '本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量',
  '行政复议', '行政诉讼', '结果维持', '结果纠正', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织',
  '占办结总数的', '三成', '三分之一', '—', '——', '/', '-', '无', '０', '１２', '٣', '一百', '一千零一',
  '，', '。', '；', '：', '、', ' ', '  ', '\t', '\t\t', '**', '#', '## ', '> ', '- ', '* ',
  '<!-- xxgk-disable-next-line -->', '<!-- xxgk-disable sum-mismatch -->', '<!-- xxgk-disable-file -->',
  '<!-- xxgk-disable-next-line sum-mismatch, year-mismatch -->', '<!--', '-->',
];
const HTML = [
  '<table>', '</table>', '<tbody>', '<tr>', '</tr>', '<td>', '</td>', '<th>', '</th>', '<td rowspan="3">', '<td colspan="4">',
  '<td rowspan="999999999">', '<td colspan="1e9">', '<td rowspan="-2">', '<td rowspan="0">', '<td colspan="x">', '<td ',
  '<TD>', '<br />', '<br>', '<p><span>', '</span></p>', '&nbsp;', '&amp;', '&#x1F600;', '&#xD800;', '&#99999999;', '&#;', '&',
  '<', '>', '<td>12</td>', '<td>（一）收到申请数</td><td>5</td>',
];
const PIPES = ['|', '||', '| --- |', '|---|---|', '| :-: |', '| a | b |', '| 1 | 2 | 3 |', '|||||||', '\\|', '| 总计 | 0 |'];
const NUMBERS = ['0', '1', '7', '42', '100', '-3', '+8', '0.5', '127.6', '1,607', '1e308', '99999999999999999999', '9007199254740993', 'NaN', '-0', '００', '１２３'];

/** A short piece of hostile text. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...REPORT_WORDS, ...NUMBERS), { minLength: 1, maxLength: 10 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...HTML, ...NUMBERS, '\n'), { minLength: 1, maxLength: 10 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...PIPES, ...NUMBERS, ...REPORT_WORDS, '\n'), { minLength: 1, maxLength: 10 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...CONTROL, ...SURROGATES), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

export type Eol = 'lf' | 'crlf' | 'cr' | 'mixed';

export type Op =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'insertLine'; readonly line: number; readonly text: string }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'deleteLines'; readonly line: number; readonly count: number }
  | { readonly kind: 'duplicateLines'; readonly line: number; readonly count: number; readonly times: number }
  | { readonly kind: 'shuffleLines'; readonly line: number; readonly keys: readonly number[] }
  | { readonly kind: 'number'; readonly which: number; readonly value: string }
  | { readonly kind: 'eol'; readonly style: Eol; readonly keys: readonly number[] }
  | { readonly kind: 'longLine'; readonly line: number; readonly pattern: string; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Cuts one of the base report's tables: keeps its head, its tail, or drops its middle. */
export interface TableCut {
  readonly which: number;
  readonly mode: 'head' | 'tail' | 'middle';
  /** Where in the table to cut, in thousandths of its length. */
  readonly at: number;
}

export interface Case {
  /** A corpus entry (`test/fixtures/...`), or '' for an empty base text. */
  readonly base: string;
  readonly cut?: TableCut;
  readonly ops: readonly Op[];
  /** Which of the offered fixes to try first (rotates the choice when a case offers many). */
  readonly fixPick: number;
}

const LONG_PATTERNS = [
  '0', '1 ', '1\t', '12 ', '一', '一、', '（一）', '1.', '| 1 ', '|', '<td>1</td>', '<td>', '　', ' ', '\t', '约100余件', '2021年',
  '，共', '。', '%', '1,', '1.2.', '(((', '（', '\ud800', '😀', '万元', '收到申请数', '—', '<!--',
];

export interface CaseOptions {
  /** At most this many edits per case (default 6). */
  readonly maxOps?: number;
  /** The longest inserted line (default 100,000 characters). */
  readonly maxLongLine?: number;
}

function opArb(maxLongLine: number): fc.Arbitrary<Op> {
  const lengths = maxLongLine >= 100_000
    ? fc.oneof(fc.integer({ min: 1000, max: 20_000 }), fc.constant(maxLongLine))
    : fc.integer({ min: Math.min(1000, maxLongLine), max: maxLongLine });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: pos, text: fragment }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insertLine' as const), line: pos, text: fragment }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: pos, length: fc.integer({ min: 0, max: 200 }), text: fragment }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteLines' as const), line: pos, count: fc.integer({ min: 1, max: 30 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('duplicateLines' as const), line: pos, count: fc.integer({ min: 1, max: 30 }), times: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('shuffleLines' as const), line: pos, keys: fc.array(fc.nat(), { minLength: 2, maxLength: 40 }) }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('number' as const), which: pos, value: fc.oneof(fc.nat({ max: 2000 }).map(String), fc.constantFrom(...NUMBERS)) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('eol' as const), style: fc.constantFrom<Eol>('lf', 'crlf', 'cr', 'mixed'), keys: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 16 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('longLine' as const),
        line: pos,
        pattern: fc.oneof(fc.constantFrom(...LONG_PATTERNS), fragment),
        length: lengths,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: pos }) },
  );
}

/** A case: a base report (or nothing), maybe a table cut, then up to `maxOps` edits. */
export function caseArb(o: CaseOptions = {}): fc.Arbitrary<Case> {
  const names = corpus().map((c) => c.name);
  return fc.record(
    {
      base: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constant('') }),
      cut: fc.record({ which: fc.nat(), mode: fc.constantFrom<TableCut['mode']>('head', 'tail', 'middle'), at: fc.integer({ min: 0, max: 1000 }) }),
      ops: fc.array(opArb(o.maxLongLine ?? 100_000), { maxLength: o.maxOps ?? 6 }),
      fixPick: fc.nat(),
    },
    { requiredKeys: ['base', 'ops', 'fixPick'] },
  );
}

// ---------------------------------------------------------------- building the text

/** Lines with their line breaks, so that joining them gives the text back. */
function linesOf(text: string): string[] {
  const out = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  return out;
}

function lineIndex(lines: readonly string[], n: number): number {
  return lines.length === 0 ? 0 : n % (lines.length + 1);
}

function eolOf(line: string): string {
  return /\r\n$|\r$|\n$/.exec(line)?.[0] ?? '';
}

function withBreak(line: string): string {
  return eolOf(line) === '' ? `${line}\n` : line;
}

function cutTable(text: string, base: string, cut: TableCut): string {
  const tables = corpus().find((c) => c.name === base)?.tables ?? [];
  if (tables.length === 0) return text;
  const t = tables[cut.which % tables.length];
  const at = t.start + Math.floor(((t.end - t.start) * cut.at) / 1000);
  if (cut.mode === 'head') return text.slice(0, at) + text.slice(t.end);
  if (cut.mode === 'tail') return text.slice(0, t.start) + text.slice(at);
  const mid = Math.min(t.end, at + Math.floor((t.end - t.start) / 2));
  return text.slice(0, at) + text.slice(mid);
}

function applyOp(text: string, o: Op): string {
  switch (o.kind) {
    case 'insert': {
      const at = o.at % (text.length + 1);
      return text.slice(0, at) + o.text + text.slice(at);
    }
    case 'replace': {
      const at = o.at % (text.length + 1);
      return text.slice(0, at) + o.text + text.slice(at + o.length);
    }
    case 'truncate':
      return text.slice(0, o.at % (text.length + 1));
    case 'insertLine': {
      const lines = linesOf(text);
      const i = lineIndex(lines, o.line);
      if (i > 0) lines[i - 1] = withBreak(lines[i - 1]);
      lines.splice(i, 0, `${o.text}\n`);
      return lines.join('');
    }
    case 'longLine': {
      const lines = linesOf(text);
      const i = lineIndex(lines, o.line);
      if (i > 0) lines[i - 1] = withBreak(lines[i - 1]);
      const unit = o.pattern === '' ? 'x' : o.pattern;
      lines.splice(i, 0, `${unit.repeat(Math.ceil(o.length / unit.length)).slice(0, o.length)}\n`);
      return lines.join('');
    }
    case 'deleteLines': {
      const lines = linesOf(text);
      if (lines.length === 0) return text;
      lines.splice(o.line % lines.length, o.count);
      return lines.join('');
    }
    case 'duplicateLines': {
      const lines = linesOf(text);
      if (lines.length === 0) return text;
      const i = o.line % lines.length;
      const block = lines.slice(i, i + o.count);
      block[block.length - 1] = withBreak(block[block.length - 1]);
      const copies: string[] = [];
      for (let k = 0; k < o.times; k++) copies.push(...block);
      lines.splice(i + block.length, 0, ...copies);
      return lines.join('');
    }
    case 'shuffleLines': {
      const lines = linesOf(text);
      if (lines.length < 2) return text;
      const i = o.line % lines.length;
      const window = lines.slice(i, i + o.keys.length).map((l, k) => ({ l: withBreak(l), key: o.keys[k] ?? 0, k }));
      window.sort((a, b) => a.key - b.key || a.k - b.k);
      lines.splice(i, window.length, ...window.map((w) => w.l));
      return lines.join('');
    }
    case 'number': {
      const runs = [...text.matchAll(/[0-9０-９]+(?:[.,][0-9]+)*/g)];
      if (runs.length === 0) return text;
      const m = runs[o.which % runs.length];
      const at = m.index ?? 0;
      return text.slice(0, at) + o.value + text.slice(at + m[0].length);
    }
    case 'eol': {
      const body = text.split(/\r\n|\r|\n/);
      const styles = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
      const pick = (k: number): string => {
        if (o.style !== 'mixed') return styles[o.style];
        const key = o.keys[k % o.keys.length];
        return key === 0 ? '\n' : key === 1 ? '\r\n' : '\r';
      };
      let out = body[0];
      for (let k = 1; k < body.length; k++) out += pick(k) + body[k];
      return out;
    }
  }
}

/** The text of a case. Deterministic: the same case always gives the same text. */
export function buildText(c: Case): string {
  let text = c.base === '' ? '' : corpus().find((e) => e.name === c.base)?.text ?? '';
  if (c.cut) text = cutTable(text, c.base, c.cut);
  for (const o of c.ops) text = applyOp(text, o);
  return text;
}

/**
 * Arbitrary edits for `applyEdits`: in range, out of range, overlapping, reversed, NaN and
 * infinite offsets. (Fractional offsets are a known issue: see regressions.test.ts.)
 */
export function editsArb(): fc.Arbitrary<{ text: string; edits: { span: { start: number; end: number }; newText: string }[] }> {
  const offset = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: -50, max: -1 }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -0) },
  );
  return fc.record({
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.constantFrom(...corpus().slice(0, 3).map((c) => c.text.slice(0, 150)))),
    edits: fc.array(fc.record({ span: fc.record({ start: offset, end: offset }), newText: fc.oneof(fragment, fc.constant('')) }), { maxLength: 12 }),
  });
}
