/** Helpers for the feature tests: a cursor marker that cannot occur in report text. */
import assert from 'node:assert/strict';

export const CURSOR = '‸';

/** The text without the marker, and the marker's UTF-16 offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor marker');
  assert.equal(marked.indexOf(CURSOR, offset + 1), -1, 'more than one cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** A 2014-format statistics excerpt with a wrong total (收到申请数 5, parts 1 + 0 + 3 + 0 = 4). */
export const STATS = [
  '某局2017年政府信息公开工作年度报告',
  '',
  '一、概述',
  '',
  '本年度共收到政府信息公开申请5件。',
  '',
  '二、统计表',
  '',
  '政府信息公开情况统计表',
  '统计指标\t单位\t统计数',
  '三、依申请公开情况\t——\t',
  '（一）收到申请数\t件\t5',
  '1.当面申请数\t件\t1',
  '2.传真申请数\t件\t0',
  '3.网络申请数\t件\t3',
  '4.信函申请数\t件\t0',
  '（二）申请办结数\t件\t4',
  '1.按时办结数\t件\t4',
  '2.延期办结数\t件\t0',
  '',
  '三、存在的问题',
  '',
  '无。',
  '',
].join('\n');
