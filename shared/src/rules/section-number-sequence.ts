import type { Section } from '../model/types';
import type { Fix, RawFinding, RuleDefinition } from './types';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** The number text of `level` and `ordinal` in the style of `like` (keeps brackets and punctuation). */
export function renumber(like: string, ordinal: number): string | undefined {
  const cn = CN[ordinal];
  if (!cn) return undefined;
  if (/[一二三四五六七八九十]/.test(like)) return like.replace(/[一二三四五六七八九十]+/, cn);
  return like.replace(/[0-9０-９]+/, (d) => (/[０-９]/.test(d) ? String(ordinal).replace(/\d/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0)) : String(ordinal)));
}

function prevEnd(sibs: readonly Section[], i: number): number {
  return i > 0 ? sibs[i - 1].headingSpan.end : Math.max(0, sibs[i].headingSpan.start - 4000);
}

/** Whether a line between `from` and `to` starts with the missing number written without its punctuation. */
function malformedBetween(text: string, from: number, to: number, ordinal: number, level: number): boolean {
  // Only digits: a Chinese numeral before a word (`二是`) is ordinary prose.
  if (level < 3) return false;
  const between = text.slice(from, to);
  const num = String(ordinal);
  const re = level === 4 ? new RegExp(`(?:^|\\n)[\\s\u3000]*[（(]?${num}[)）]?[\u4e00-\u9fff]`) : new RegExp(`(?:^|\\n)[\\s\u3000]*${num}[\u4e00-\u9fff]`);
  return re.test(between);
}

/**
 * Whether the missing number stands alone on a line inside the parent section (`1.` after the list it
 * belongs to): a PDF's text layer moves list markers away from their item, so the item is there, unnumbered.
 */
function strayMarker(text: string, within: { start: number; end: number }, marker: string | undefined): boolean {
  if (!marker) return false;
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|\\n)[ \\t\u3000]*${escaped}[ \\t\u3000]*(?:\\r?\\n|$)`).test(text.slice(within.start, within.end));
}

/** Siblings of each level must run 1, 2, 3 … without gaps or repeats. */
const rule: RuleDefinition = {
  id: 'section-number-sequence',
  category: 'structure',
  defaultSeverity: 'warning',
  title: { zh: '章节序号不连续或重复', en: 'Section numbers skip or repeat' },
  description: {
    zh: '同一级的标题序号应从一（1）开始依次递增，例如“一、二、三、”或“（一）（二）（三）”。出现跳号（如“四、”后接“六、”）或重号时提示，并可一键改为应有的序号。',
    en: 'Headings of one level must count up from one without gaps or repeats (e.g. 一、二、三、). A skipped or repeated number is reported, with a fix that renumbers the heading.',
  },
  fixable: true,
  check(ctx) {
    const out: RawFinding[] = [];
    const text = ctx.report.text;
    const visit = (list: readonly Section[], within: { start: number; end: number }) => {
      // Siblings are compared per level: mixed levels under one parent are the level-skip rule's business.
      const byLevel = new Map<number, Section[]>();
      for (const s of list) {
        const arr = byLevel.get(s.level) ?? [];
        arr.push(s);
        byLevel.set(s.level, arr);
      }
      for (const sibs of byLevel.values()) {
        let expected = 1;
        for (let k = 0; k < sibs.length; k++) {
          const s = sibs[k];
          // A list that starts again at 1 after two or more items (an appendix, notes after the body) is a new list.
          if (s.ordinal === 1 && expected > 2) {
            expected = 2;
            continue;
          }
          if (s.ordinal !== expected) {
            const repeat = s.ordinal < expected;
            // `2窗口公开。`: the number is there but lost its punctuation (PDF/Word extraction). Not a gap.
            if (!repeat && s.ordinal === expected + 1 && malformedBetween(text, prevEnd(sibs, k), s.headingSpan.start, expected, s.level)) {
              expected = s.ordinal + 1;
              continue;
            }
            const newText = renumber(text.slice(s.numberSpan.start, s.numberSpan.end), expected);
            if (!repeat && s.ordinal === expected + 1 && strayMarker(text, within, newText)) {
              expected = s.ordinal + 1;
              continue;
            }
            const fixes: Fix[] = newText
              ? [{ title: { zh: `改为“${newText}”`, en: `Renumber as "${newText}"` }, edits: [{ span: s.numberSpan, newText }], safe: false }]
              : [];
            out.push({
              span: s.numberSpan,
              message: repeat
                ? { zh: `序号“${s.numberText}”与前面的同级标题重复，按顺序应为第 ${expected} 个。`, en: `Heading number "${s.numberText}" repeats an earlier one; it should be number ${expected}.` }
                : { zh: `序号“${s.numberText}”不连续：前一个同级标题之后应为第 ${expected} 个。`, en: `Heading number "${s.numberText}" skips: number ${expected} was expected.` },
              expected,
              actual: s.ordinal,
              fixes,
              data: { level: s.level },
            });
            // Resynchronise on what is written, so one slip is reported once.
            expected = s.ordinal + 1;
          } else {
            expected++;
          }
        }
      }
      for (const s of list) visit(s.children, s.span);
    };
    visit(ctx.report.sections, { start: 0, end: text.length });
    return out;
  },
};
export default rule;
