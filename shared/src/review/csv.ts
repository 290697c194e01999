/** The review overview as CSV: one row per report, UTF-8 with a BOM and CRLF line ends (Excel opens it as Chinese). */
import type { ReviewLang } from './build';
import { csvField } from './escape';
import type { ReviewData } from './schema';
import { PAIRING, TEMPLATE_NAME, VERDICT, coverageText, t } from './text';

const HEAD = {
  zh: ['报告', '文件', '发布机关', '年度', '格式', '表格读取', '错误', '警告', '信息', '提示', '结论', '上年报告', '上年年度', '跨年度对比', '本年新收申请数', '办结率', '纠错率', '原因'],
  en: ['Report', 'File', 'Issuing body', 'Year', 'Format', 'Tables read', 'Errors', 'Warnings', 'Infos', 'Hints', 'Verdict', "Last year's report", 'Its year', 'Cross-year', 'New requests', 'Concluded rate', 'Correction rate', 'Reason'],
};

/** Rates are written as fractions rounded to four places (a spreadsheet formats them as it likes). */
function fraction(r: number | undefined): number | undefined {
  return r === undefined ? undefined : Math.round(r * 10000) / 10000;
}

export function reviewCsv(data: ReviewData): string {
  const lang: ReviewLang = data.lang;
  const lines = [HEAD[lang].map(csvField).join(',')];
  for (const r of data.reports) {
    lines.push([
      csvField(r.name),
      csvField(r.file),
      csvField(r.body),
      r.year === undefined ? '' : String(r.year),
      csvField(r.template ? t(TEMPLATE_NAME[r.template], lang) : undefined),
      csvField(coverageText(r.coverage, lang)),
      String(r.counts.errors),
      String(r.counts.warnings),
      String(r.counts.infos),
      String(r.counts.hints),
      csvField(t(VERDICT[r.verdict], lang)),
      csvField(r.pairing.previous?.name),
      r.pairing.previous ? String(r.pairing.previous.year) : '',
      csvField(t(PAIRING[r.pairing.state], lang)),
      csvField(r.metrics.requests),
      csvField(fraction(r.metrics.concludedRate)),
      csvField(fraction(r.metrics.correctionRate)),
      csvField(r.error ?? r.note),
    ].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
