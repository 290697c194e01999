/**
 * Whether a plain-text or Markdown document is an annual disclosure report, by its content: a report title or a
 * statistics table's heading near the top, and at least one of the parts a report must have. A meeting memo, an
 * ordinary note, or a notice about the reports (`关于报送2022年政府信息公开工作年度报告的通知`) is not one.
 * Files in the report language (`*年度报告*.txt`, `.xxgk.md`, chosen by the user) are checked whatever this says.
 */
import type { Report } from '../model/types';
import type { Finding } from '../rules/types';
import { reportCoverage, type Coverage } from '../rules/coverage';

/** How far from the top the title or a table heading is looked for (a web page copied whole has a menu first). */
const HEAD = 3000;

/** A title line: `某局2022年政府信息公开工作年度报告`, `2018年度政府信息公开工作报告`, ending with 报告 (or 年报). */
const TITLE = /(?:政府信息公开|政务公开)[^\n]{0,30}(?:报告|年报)(?:[（(][^）)\n]{0,12}[）)])?$/;
const YEARLY = /年度|年报|\d{4}\s*年/;
/** A line that mentions the reports without being one: a notice, a letter, a plan. */
const ABOUT = /关于|通知|的函|意见|方案|办法|要求|转发|印发/;
/** A statistics table's heading, on a line of its own. */
const TABLE_HEADING = /政府信息公开[^\n]{0,8}情况统计表|收到和处理政府信息公开申请情况|主动公开政府信息情况|政府信息公开行政复议、?行政诉讼情况/;
const PART = /总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|依申请公开|行政复议|存在的主要问题|其他需要报告的事项|统计表/;

export function looksLikeReport(text: string): boolean {
  const lines = text.slice(0, HEAD).split(/\r\n|\n|\r/).map((line) => line.trim().replace(/^#+\s*|[*_]+/g, '').trim());
  const titled = lines.some((l) => l.length <= 80 && TITLE.test(l) && YEARLY.test(l) && !ABOUT.test(l));
  const tabled = lines.some((l) => l.length <= 40 && TABLE_HEADING.test(l) && !/[。？！]/.test(l));
  return (titled || tabled) && PART.test(text);
}

/**
 * A checked text that turned out not to be a report — no title, no table expected or read, nothing found — so that
 * saying "no problems" about it would be a verdict on something never checked.
 */
export function isNotAReport(report: Report, findings: readonly Finding[], coverage: Coverage = reportCoverage(report)): boolean {
  return !report.title && findings.length === 0 && coverage.verdict === 'none';
}
