/**
 * Stage 3, anchors (shared/src/model/tables/anchors.ts): a line shows a table kind's header words (an anchor) or
 * its first row label (a fallback anchor, which needs more rows to be a table); prose never anchors a table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from '../../../shared/src/model/tables/items';
import { anchorKinds, lineItemsForAnchor, lineSource } from '../../../shared/src/model/tables/anchors';
import { lineItems } from '../../../shared/src/model/tables/readers/lines';
import { ALL, fixtureDoc, lineIndex, lineStarting, oneLine, HEADER_3 } from './support';

const TABS = fixtureDoc('test/fixtures/synthetic/gov2021-tabs.txt');
const SPACES = fixtureDoc('test/fixtures/synthetic/gov2021-spaces.txt');
const PIPES = fixtureDoc('test/fixtures/synthetic/gov2021-pipes.md');
const SEED_000 = fixtureDoc('test/fixtures/seeds/000_82d47b6a6cde8053.txt');
const SEED_002 = fixtureDoc('test/fixtures/seeds/002_4c0596bc8ba7dc96.txt');

test('the header line of table 三 anchors the application table, in every line layout', () => {
  for (const d of [TABS, SPACES]) assert.deepEqual(anchorKinds(lineStarting(d, HEADER_3), ALL), [{ kind: 'requests', fallback: false }]);
  assert.deepEqual(anchorKinds(lineStarting(PIPES, `| ${HEADER_3}`), ALL), [{ kind: 'requests', fallback: false }]);
  // The applicant header rows show the markers too (自然人, 商业企业 …).
  assert.deepEqual(anchorKinds(lineStarting(TABS, '商业企业\t'), ALL), [{ kind: 'requests', fallback: false }]);
});

test('the header words of tables 二 and 四 and of the old statistics table anchor their kind', () => {
  assert.deepEqual(anchorKinds(lineStarting(TABS, '信息内容\t本年制发件数'), ALL), [{ kind: 'active', fallback: false }]);
  assert.deepEqual(anchorKinds(lineStarting(TABS, '结果维持\t结果纠正'), ALL), [{ kind: 'review', fallback: false }]);
  assert.deepEqual(anchorKinds(lineStarting(SEED_000, '统计指标\t单位\t统计数'), ALL), [{ kind: 'stats', fallback: false }]);
  // 统计指标 spaced out by ideographic spaces (U+3000), after a leading tab (温州 2018).
  assert.deepEqual(anchorKinds(lineStarting(SEED_002, '\t统　计　指　标'), ALL), [{ kind: 'stats', fallback: false }]);
  // 行政复议 / 行政诉讼 are generic header words of several tables: no anchor on their own.
  assert.deepEqual(anchorKinds(lineStarting(TABS, '行政复议\t行政诉讼'), ALL), []);
});

test('a first row label is a fallback anchor (a table pasted without its header)', () => {
  assert.deepEqual(anchorKinds(lineStarting(TABS, '一、本年新收政府信息公开申请数量\t'), ALL), [{ kind: 'requests', fallback: true }]);
  assert.deepEqual(anchorKinds(lineStarting(TABS, '第二十条第（一）项'), ALL), [{ kind: 'active', fallback: true }]);
  assert.deepEqual(anchorKinds(lineStarting(SEED_000, '一、主动公开情况\t'), ALL), [{ kind: 'stats', fallback: true }]);
  // A row label that is not a table's first is no anchor.
  assert.deepEqual(anchorKinds(lineStarting(TABS, '二、上年结转政府信息公开申请数量\t'), ALL), []);
});

test('prose and headings are no anchor, even when they name a marker', () => {
  const prose = TABS.lines[lineIndex(TABS, HEADER_3) - 1];
  assert.ok(prose.text.includes('自然人') && prose.text.endsWith('。'), prose.text);
  assert.deepEqual(anchorKinds(prose, ALL), []);
  assert.deepEqual(anchorKinds(lineStarting(TABS, '三、收到和处理政府信息公开申请情况'), ALL), []);
  assert.deepEqual(anchorKinds(lineStarting(TABS, '二、主动公开政府信息情况'), ALL), []);
  // A marker in a long undelimited line is prose; with a cell delimiter the line is a header row.
  const long = `申请人情况${'，依法依规办理群众提出的政府信息公开申请'.repeat(3)}`;
  assert.deepEqual(anchorKinds(oneLine(long), ALL), []);
  assert.deepEqual(anchorKinds(oneLine(long.replace('申请人情况', '申请人情况\t')), ALL), [{ kind: 'requests', fallback: false }]);
  assert.deepEqual(anchorKinds(oneLine(`申请人情况\t${'1'.repeat(400)}`), ALL), []);
});

test('the first cell of an anchor line, in any line layout', () => {
  assert.equal(lineItemsForAnchor(lineStarting(TABS, '一、本年新收政府信息公开申请数量\t')), '一、本年新收政府信息公开申请数量');
  assert.equal(lineItemsForAnchor(lineStarting(SPACES, '一、本年新收政府信息公开申请数量 ')), '一、本年新收政府信息公开申请数量');
  assert.equal(lineItemsForAnchor(lineStarting(PIPES, '| 规章 |')), '规章');
  assert.equal(lineItemsForAnchor(oneLine('   ')), '');
});

test('the items after an anchor are tokenised as they are asked for, and a prose line ends them', () => {
  const from = lineIndex(TABS, HEADER_3);
  const tokenised: number[] = [];
  const source = lineSource(from, TABS.lines.length, (j) => {
    tokenised.push(j);
    return lineItems(TABS.lines[j], 'tabs', false);
  });
  assert.equal(source.get(0)?.text, HEADER_3);
  assert.deepEqual(tokenised, [from]);
  const all: Item[] = [];
  for (let i = 0; ; i++) {
    const it = source.get(i);
    if (!it) break;
    all.push(it);
  }
  // The table, the heading of part 四, then its first prose sentence, which ends the items.
  const prose = lineIndex(TABS, '2023年，我局因政府信息公开工作被申请行政复议');
  assert.equal(all[all.length - 1].line, prose);
  assert.equal(tokenised[tokenised.length - 1], prose);
  assert.equal(source.get(all.length + 10), undefined);
  assert.ok(all.some((it) => it.text === '（七）总计'));
});

test('the items after an anchor end at the stop line', () => {
  const from = lineIndex(TABS, '第二十条第（一）项');
  const source = lineSource(from, from + 3, (j) => lineItems(TABS.lines[j], 'tabs', false));
  const got: string[] = [];
  for (let i = 0, it = source.get(0); it; it = source.get(++i)) got.push(it.text);
  assert.deepEqual(got, ['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '0']);
});
