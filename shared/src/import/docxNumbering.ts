/**
 * Automatic numbering of a .docx: the label a reader sees in front of a numbered paragraph (`一、`, `（二）`,
 * `3.`), computed from `word/numbering.xml` and the paragraph styles of `word/styles.xml`.
 *
 * Model (close to Word's): a paragraph's `w:numPr` (or its style's, following `w:basedOn`) names a `w:num`,
 * which points at a `w:abstractNum` whose `w:lvl`s give the format (`w:numFmt`), the text (`w:lvlText`, `%1`…`%9`
 * stand for the counters of levels 1…9), the first value (`w:start`) and when the level restarts
 * (`w:lvlRestart`). `w:num`s that share an abstract definition share its counters, as in Word, unless the
 * `w:num` overrides a start (`w:lvlOverride/w:startOverride`, what pandoc writes for every new list): then it is
 * a list of its own. Using a level advances it and resets the levels below it.
 *
 * Bullets (`numFmt="bullet"`) and `none` give no label: the glyph is usually a private-use symbol-font character
 * and carries nothing the checker reads.
 */
import { type XmlElement, child, children, intOf, isOn, isW, path, val, wAttr } from './docxXml';

interface Level {
  readonly format: string;
  readonly text: string;
  readonly start: number;
  /** `w:lvlRestart`: undefined = after any higher level, 0 = never, n = after level n (1-based) or higher. */
  readonly restart?: number;
  /** `w:suff`: tab (default), space or nothing. */
  readonly suffix: 'tab' | 'space' | 'nothing';
  /** `w:isLgl`: every counter shown as a decimal. */
  readonly legal: boolean;
  /** `w:pStyle`: the paragraph style bound to this level. */
  readonly style?: string;
}

interface Num {
  readonly abstractId: string;
  readonly levels: ReadonlyMap<number, Level>;
  /** True when the `w:num` restarts its own list (a start override). */
  readonly ownList: boolean;
}

interface StyleNum {
  readonly numId?: string;
  readonly ilvl?: number;
  readonly basedOn?: string;
}

/** A numbering label and the separator Word puts after it. */
export interface NumberLabel {
  readonly label: string;
  readonly suffix: 'tab' | 'space' | 'nothing';
}

export interface Numbering {
  /** The label of a paragraph (its `w:pPr`), advancing the counters; undefined when it is not numbered. */
  label(pPr: XmlElement | undefined): NumberLabel | undefined;
}

function readLevel(lvl: XmlElement): Level {
  const suff = val(lvl, 'suff');
  const restart = intOf(val(lvl, 'lvlRestart'));
  const style = val(lvl, 'pStyle');
  return {
    format: val(lvl, 'numFmt') ?? 'decimal',
    text: val(lvl, 'lvlText') ?? '',
    start: intOf(val(lvl, 'start')) ?? 0,
    ...(restart !== undefined ? { restart } : {}),
    suffix: suff === 'space' || suff === 'nothing' ? suff : 'tab',
    legal: isOn(child(lvl, 'isLgl')),
    ...(style !== undefined ? { style } : {}),
  };
}

function readLevels(parent: XmlElement): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of children(parent)) {
    if (!isW(lvl, 'lvl')) continue;
    const i = intOf(wAttr(lvl, 'ilvl'));
    if (i !== undefined && i >= 0 && i < 9) levels.set(i, readLevel(lvl));
  }
  return levels;
}

/**
 * The abstract definition a `w:num` uses. One that only links to a numbering style (`w:numStyleLink`, Word's list
 * styles) stands for the definition behind that style's own `w:num`.
 */
function resolveAbstract(
  id: string,
  links: ReadonlyMap<string, string>,
  listStyles: ReadonlyMap<string, string>,
  numAbstract: ReadonlyMap<string, string>,
): string {
  for (let i = 0; i < 5; i++) {
    const style = links.get(id);
    const numId = style !== undefined ? listStyles.get(style) : undefined;
    const next = numId !== undefined ? numAbstract.get(numId) : undefined;
    if (next === undefined || next === id) break;
    id = next;
  }
  return id;
}

function readNums(root: XmlElement | undefined, listStyles: ReadonlyMap<string, string>): Map<string, Num> {
  const abstracts = new Map<string, Map<number, Level>>();
  const links = new Map<string, string>();
  const nums = new Map<string, Num>();
  if (!root) return nums;
  for (const e of children(root)) {
    if (!isW(e, 'abstractNum')) continue;
    const id = wAttr(e, 'abstractNumId') ?? '';
    abstracts.set(id, readLevels(e));
    const link = val(e, 'numStyleLink');
    if (link !== undefined) links.set(id, link);
  }
  const numAbstract = new Map<string, string>();
  for (const e of children(root)) if (isW(e, 'num')) numAbstract.set(wAttr(e, 'numId') ?? '', val(e, 'abstractNumId') ?? '');
  for (const e of children(root)) {
    if (!isW(e, 'num')) continue;
    const abstractId = resolveAbstract(val(e, 'abstractNumId') ?? '', links, listStyles, numAbstract);
    const levels = new Map(abstracts.get(abstractId) ?? []);
    let ownList = false;
    for (const o of children(e)) {
      if (!isW(o, 'lvlOverride')) continue;
      const i = intOf(wAttr(o, 'ilvl'));
      if (i === undefined || i < 0 || i >= 9) continue;
      const full = child(o, 'lvl');
      let level = full ? readLevel(full) : levels.get(i);
      const start = intOf(val(o, 'startOverride'));
      if (start !== undefined && level) level = { ...level, start };
      if (start !== undefined || full) ownList = true;
      if (level) levels.set(i, level);
    }
    nums.set(wAttr(e, 'numId') ?? '', { abstractId, levels, ownList });
  }
  return nums;
}

/** Numbering styles (`w:type="numbering"`, Word's list styles) and the `w:num` each one names. */
function readListStyles(root: XmlElement | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!root) return out;
  for (const s of children(root)) {
    if (!isW(s, 'style') || wAttr(s, 'type') !== 'numbering') continue;
    const numId = val(path(s, 'pPr', 'numPr'), 'numId');
    if (numId !== undefined) out.set(wAttr(s, 'styleId') ?? '', numId);
  }
  return out;
}

function readStyles(root: XmlElement | undefined): Map<string, StyleNum> {
  const styles = new Map<string, StyleNum>();
  if (!root) return styles;
  for (const s of children(root)) {
    if (!isW(s, 'style') || wAttr(s, 'type') !== 'paragraph') continue;
    const numPr = path(s, 'pPr', 'numPr');
    const numId = val(numPr, 'numId');
    const ilvl = intOf(val(numPr, 'ilvl'));
    const basedOn = val(s, 'basedOn');
    styles.set(wAttr(s, 'styleId') ?? '', {
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl } : {}),
      ...(basedOn !== undefined ? { basedOn } : {}),
    });
  }
  return styles;
}

/** The numbering a style carries, following `w:basedOn` (at most 20 steps, so a cycle ends). */
function styleNumbering(styles: ReadonlyMap<string, StyleNum>, id: string | undefined): { numId?: string; ilvl?: number } {
  let numId: string | undefined;
  let ilvl: number | undefined;
  for (let i = 0; id !== undefined && i < 20; i++) {
    const s = styles.get(id);
    if (!s) break;
    numId ??= s.numId;
    ilvl ??= s.ilvl;
    id = s.basedOn;
  }
  return { ...(numId !== undefined ? { numId } : {}), ...(ilvl !== undefined ? { ilvl } : {}) };
}

/** Reads the numbering definitions; `numberingXml`/`stylesXml` may be missing (then nothing is numbered). */
export function readNumbering(numberingXml: XmlElement | undefined, stylesXml: XmlElement | undefined): Numbering {
  const nums = readNums(numberingXml, readListStyles(stylesXml));
  const styles = readStyles(stylesXml);
  /** Counters per list instance (abstract definition, or a `w:num` with its own start). */
  const counters = new Map<string, (number | undefined)[]>();

  return {
    label(pPr) {
      const styleId = val(pPr, 'pStyle');
      const fromStyle = styleNumbering(styles, styleId);
      const numPr = pPr ? child(pPr, 'numPr') : undefined;
      const numId = val(numPr, 'numId') ?? fromStyle.numId;
      if (numId === undefined || numId === '0') return undefined;
      const num = nums.get(numId);
      if (!num) return undefined;
      let ilvl = intOf(val(numPr, 'ilvl')) ?? fromStyle.ilvl;
      if (ilvl === undefined && styleId !== undefined) {
        for (const [i, l] of num.levels) if (l.style === styleId) ilvl = i;
      }
      ilvl = Math.min(Math.max(ilvl ?? 0, 0), 8);
      const level = num.levels.get(ilvl);
      if (!level) return undefined;
      const key = num.ownList ? `num:${numId}` : `abs:${num.abstractId}`;
      const values = advance(counters, key, num.levels, ilvl);
      if (level.format === 'bullet' || level.format === 'none') return undefined;
      const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        const l = num.levels.get(k);
        const n = values[k] ?? l?.start ?? 1;
        return formatNumber(n, level.legal || l?.legal ? 'decimal' : (l?.format ?? 'decimal'));
      });
      return { label, suffix: level.suffix };
    },
  };
}

/** Advances level `ilvl` of a list and resets the levels it restarts; returns the counters. */
function advance(
  counters: Map<string, (number | undefined)[]>,
  key: string,
  levels: ReadonlyMap<number, Level>,
  ilvl: number,
): (number | undefined)[] {
  let values = counters.get(key);
  if (!values) counters.set(key, (values = []));
  const cur = values[ilvl];
  values[ilvl] = cur === undefined ? (levels.get(ilvl)?.start ?? 0) : cur + 1;
  for (let m = ilvl + 1; m < 9; m++) {
    const r = levels.get(m)?.restart;
    if (r === undefined || (r > 0 && ilvl + 1 <= r)) values[m] = undefined;
  }
  return values;
}

const CHINESE_DIGITS = '〇一二三四五六七八九';
const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (below 10 000; beyond, digits). */
function chineseCounting(n: number, digits = CHINESE_DIGITS, units = ['', '十', '百', '千']): string {
  if (n <= 0 || n >= 10000) return String(n);
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    // 十一, not 一十一, when 十 leads.
    if (!(d === 1 && unit === units[1] && out === '' && digits === CHINESE_DIGITS)) out += digits[d];
    out += unit;
  });
  return out;
}

function letters(n: number, upper: boolean): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number, upper: boolean): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return upper ? out : out.toLowerCase();
}

function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);
}

/** A counter in a `w:numFmt`; unknown formats read as decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, LEGAL_DIGITS, ['', '拾', '佰', '仟']);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/\d/g, (d) => CHINESE_DIGITS[Number(d)]);
    case 'ideographTraditional':
      return n >= 1 ? HEAVENLY_STEMS[(n - 1) % 10] : String(n);
    case 'ideographZodiac':
      return n >= 1 ? EARTHLY_BRANCHES[(n - 1) % 12] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 10 ? String.fromCodePoint(0x3280 + n - 1) : chineseCounting(n);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n, true);
    case 'lowerRoman':
      return roman(n, false);
    default:
      return String(n);
  }
}
