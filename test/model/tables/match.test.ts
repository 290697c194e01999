/**
 * Stage 7a, matching (shared/src/model/tables/match.ts): a cell item names an indicator by its label — short labels
 * that are also column heads (总计, 其他) only with their numbering; a label that several rows share goes to the
 * first at or after the cursor, else to the first one not used yet. Run-together labels may carry a unit word or
 * the header words before them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeItem } from '../../../shared/src/model/tables/items';
import { matchIndicator, matchRunTogether } from '../../../shared/src/model/tables/match';
import type { PreparedTable } from '../../../shared/src/model/tables/templateIndex';
import { prepared } from './support';

const R21 = prepared('gov2021', 'requests');
const R19 = prepared('gov2019', 'requests');
const A21 = prepared('gov2021', 'active');
const STATS = prepared('gov2014', 'stats');

const item = (text: string) => makeItem(text, 0, text.length, 0);
const indexOf = (pt: PreparedTable, id: string): number => pt.keys.findIndex((k) => k.ind.id === id);
const match = (pt: PreparedTable, text: string, cursor = 0, used: ReadonlySet<number> = new Set()) => matchIndicator(pt, item(text), cursor, used)?.ind.id;
const matchRun = (pt: PreparedTable, text: string, cursor = 0, used: ReadonlySet<number> = new Set()) => matchRunTogether(pt, item(text), cursor, used)?.ind.id;

test('a row label names its indicator whatever its width, spaces, quotes or parenthesised note', () => {
  assert.equal(match(R21, '（一）予以公开'), 'R3.1');
  assert.equal(match(R21, '(一) 予以公开'), 'R3.1');
  assert.equal(match(R21, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), 'R3.2');
  assert.equal(match(R21, '（二）部分公开'), 'R3.2');
  assert.equal(match(R21, '3.危及"三安全一稳定"'), 'R3.3.3');
  assert.equal(match(R21, '3．危及“三安全一稳定”'), 'R3.3.3');
  assert.equal(match(A21, '行政规范性文件'), 'X1.2');
  assert.equal(match(STATS, '(一) 主动公开政府信息数'), 'A1');
  // An alias (a label as some bureaus print it).
  assert.equal(match(STATS, '（二）依法纠错数'), 'E2');
  assert.equal(match(STATS, '六、被举报投诉数量'), 'F');
});

test('short labels that are also column heads (总计, 其他) match only with their own numbering', () => {
  assert.equal(match(R21, '（七）总计'), 'R3.7');
  assert.equal(match(R21, '(七)总计'), 'R3.7');
  assert.equal(match(R21, '总计'), undefined);
  assert.equal(match(R21, '（六）总计'), undefined);
  assert.equal(match(R21, '3.其他'), 'R3.6.3');
  assert.equal(match(R21, '3．其他'), 'R3.6.3');
  assert.equal(match(R21, '其他'), undefined);
  assert.equal(match(R21, '2.其他'), undefined);
  // 2019's 其他处理 has no sub-rows: no 3.其他 there.
  assert.equal(match(R19, '3.其他'), undefined);
  assert.equal(match(R19, '（七）总计'), 'R3.7');
});

test('no label, no match: empty, a bare numbering, words of no row', () => {
  assert.equal(match(R21, ''), undefined);
  assert.equal(match(R21, '（一）'), undefined);
  assert.equal(match(R21, '申请人情况'), undefined);
  assert.equal(match(R21, '行政许可'), undefined);
});

test('a label several rows share: the first at or after the cursor, else the first not yet used', () => {
  const [d3, e3, f3] = ['D3', 'E3', 'F3'].map((id) => indexOf(STATS, id));
  assert.ok(d3 < e3 && e3 < f3);
  const label = '（三）其他情形数';
  assert.equal(match(STATS, label, 0), 'D3');
  assert.equal(match(STATS, label, d3), 'D3');
  assert.equal(match(STATS, label, d3 + 1), 'E3');
  assert.equal(match(STATS, label, e3 + 1), 'F3');
  // Past every one of them (a table printed out of order): the first one not read yet.
  const end = STATS.keys.length;
  assert.equal(match(STATS, label, end), 'D3');
  assert.equal(match(STATS, label, end, new Set([d3])), 'E3');
  assert.equal(match(STATS, label, end, new Set([d3, e3])), 'F3');
  assert.equal(match(STATS, label, end, new Set([d3, e3, f3])), undefined);
  // A label only one row has matches behind the cursor while that row is not read; once read, not again.
  assert.equal(match(R21, '一、本年新收政府信息公开申请数量', R21.keys.length), 'R1');
  assert.equal(match(R21, '一、本年新收政府信息公开申请数量', R21.keys.length, new Set([0])), undefined);
  assert.equal(match(R21, '一、本年新收政府信息公开申请数量', 0, new Set([0])), 'R1');
});

test('run-together labels: a unit word after the label, header words before it', () => {
  assert.equal(matchRun(STATS, '（一）收到申请数件'), 'C1');
  assert.equal(matchRun(STATS, '（三）接受培训人员数人次'), 'I3');
  assert.equal(matchRun(A21, '现行有效件数规章'), 'X1.1');
  assert.equal(matchRun(A21, '信息内容本年处理决定数量行政许可'), 'X5.1');
  // Prose before a label is no header; a short numbered label (总计) is never found at the end of other words.
  assert.equal(matchRun(A21, '我局本年共制发文件，其中规章'), undefined);
  assert.equal(matchRun(R21, '申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计'), undefined);
  // The label alone is the exact matcher's, not this one's.
  assert.equal(matchRun(A21, '规章'), undefined);
  // Shared labels follow the cursor here too.
  const e3 = indexOf(STATS, 'E3');
  assert.equal(matchRun(STATS, '（三）其他情形数件', e3), 'E3');
});
