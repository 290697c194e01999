/**
 * Reports of one body for consecutive years, made from numbers: a 2021-format requests table (pipe layout) under a
 * title and a little prose, for the cross-year tests. Every table balances (一 + 二 = 三（七）+ 四 per column).
 */
const OUTCOME_ROWS = [
  '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项',
  '（四）无法提供', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确', '（五）不予处理', '1.信访举报投诉类申请',
  '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息', '（六）其他处理',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他',
];
const GROUPS = new Set(['（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理']);

type Six = readonly [number, number, number, number, number, number];

const row = (label: string, v: readonly number[] | undefined): string =>
  v ? `| ${label} | ${[...v, v.reduce((a, b) => a + b, 0)].join(' | ')} |` : `| ${label} | | | | | | | |`;

/**
 * The requests table: `published` goes to （一）予以公开, `unable` to （四）1., the rest of the outcomes are 0; 新收 is
 * whatever makes the balance hold.
 */
export function requestsTable(t: { readonly carriedIn: Six; readonly published: Six; readonly unable: Six; readonly carriedOut: Six }): string {
  const concluded = t.published.map((p, i) => p + t.unable[i]);
  const received = concluded.map((c, i) => c + t.carriedOut[i] - t.carriedIn[i]);
  if (received.some((n) => n < 0)) throw new Error('the numbers give a negative 新收');
  const zero = [0, 0, 0, 0, 0, 0];
  const lines = [
    '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
    '|---|---|---|---|---|---|---|---|',
    row('一、本年新收政府信息公开申请数量', received),
    row('二、上年结转政府信息公开申请数量', t.carriedIn),
    row('三、本年度办理结果', undefined),
  ];
  for (const label of OUTCOME_ROWS) {
    if (GROUPS.has(label)) lines.push(row(label, undefined));
    else if (label === '（一）予以公开') lines.push(row(label, t.published));
    else if (label === '1.本机关不掌握相关政府信息') lines.push(row(label, t.unable));
    else lines.push(row(label, zero));
  }
  lines.push(row('（七）总计', concluded), row('四、结转下年度继续办理', t.carriedOut));
  return lines.join('\n');
}

/** A short report: title, period sentence, `prose` paragraphs, the requests table. */
export function yearReport(body: string, year: number, table: string, prose: readonly string[] = []): string {
  return [
    `${body}${year}年政府信息公开工作年度报告`,
    '',
    `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    '',
    ...prose.flatMap((p) => [p, '']),
    '收到和处理政府信息公开申请情况：',
    '',
    table,
    '',
  ].join('\n');
}

export const SIX = (...n: number[]): Six => n as unknown as Six;
