/** The review page's and the CSV's own words, Chinese first, and the few formatters both use. */
import type { ReviewCoverage, ReviewReport, ReviewVerdict } from './schema';
import type { ReviewLang } from './build';

type L = { readonly zh: string; readonly en: string };

export const VERDICT: Record<ReviewVerdict, L> = {
  reject: { zh: '需退回修改', en: 'Return for revision' },
  revise: { zh: '建议修改', en: 'Revision suggested' },
  clean: { zh: '未发现问题', en: 'No problems found' },
  incomplete: { zh: '未完整核对', en: 'Not fully checked' },
  unchecked: { zh: '未检查', en: 'Not checked' },
  unreadable: { zh: '无法读取', en: 'Unreadable' },
};

export const STATE: Record<ReviewCoverage['tables'][number]['state'], L> = {
  read: { zh: '已读取', en: 'read' },
  partial: { zh: '部分读取', en: 'partly read' },
  unreadable: { zh: '未能读取', en: 'unreadable' },
  empty: { zh: '未填写', en: 'not filled in' },
  absent: { zh: '未找到', en: 'absent' },
};

export const SHORT_TABLE: Record<string, L> = {
  stats: { zh: '统计表', en: 'Stats' },
  active: { zh: '表二', en: 'T2' },
  requests: { zh: '表三', en: 'T3' },
  review: { zh: '表四', en: 'T4' },
};

export const PAIRING: Record<ReviewReport['pairing']['state'], L> = {
  paired: { zh: '已与上年报告对比', en: "compared with last year's report" },
  'no-identity': { zh: '未配对：未能确定发布机关或年度', en: 'not paired: issuing body or year unknown' },
  'no-earlier': { zh: '未配对：无该机关更早年度的报告', en: 'not paired: no earlier report of this body' },
  'not-checked': { zh: '未检查', en: 'not checked' },
};

export const TEMPLATE_NAME: Record<string, L> = {
  gov2014: { zh: '2014年格式', en: '2014 format' },
  gov2019: { zh: '2019年格式', en: '2019 format' },
  gov2021: { zh: '2021年格式', en: '2021 format' },
};

export function t(l: L, lang: ReviewLang): string {
  return lang === 'zh' ? l.zh : l.en;
}

/** `表二已读取；表三 50/52 格` — the coverage of each expected table, in a few words. */
export function coverageText(c: ReviewCoverage | undefined, lang: ReviewLang): string {
  if (!c) return '';
  if (c.tables.length === 0) return lang === 'zh' ? '未找到统计表' : 'no statistics table';
  return c.tables
    .map((x) => {
      const name = t(SHORT_TABLE[x.kind], lang);
      if (x.state === 'partial' && x.cells) return lang === 'zh' ? `${name}${x.cells.read}/${x.cells.expected}格` : `${name} ${x.cells.read}/${x.cells.expected} cells`;
      return lang === 'zh' ? `${name}${t(STATE[x.state], lang)}` : `${name} ${t(STATE[x.state], lang)}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** A rate as a percentage with one decimal (`87.5%`). */
export function percent(r: number | undefined): string {
  return r === undefined ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}
