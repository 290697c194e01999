import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport, type Table } from '../../shared/src/index';

type Row = (string | number | '')[];

const T3_HEADER: Row = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const T3_ROWS: Row[] = [
  ['一、本年新收政府信息公开申请数量', 30, 5, 0, 1, 2, 2, 40],
  ['二、上年结转政府信息公开申请数量', 3, 1, 0, 0, 0, 0, 4],
  ['三、本年度办理结果'],
  ['（一）予以公开', 12, 2, 0, 1, 1, 0, 16],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 3, 1, 0, 0, 0, 0, 4],
  ['（三）不予公开'],
  ['1.属于国家秘密', 0, 0, 0, 0, 0, 0, 0],
  ['4.保护第三方合法权益', 2, 0, 0, 0, 0, 0, 2],
  ['（四）无法提供'],
  ['1.本机关不掌握相关政府信息', 8, 1, 0, 0, 1, 1, 11],
  ['（五）不予处理'],
  ['2.重复申请', 2, 0, 0, 0, 0, 0, 2],
  ['（六）其他处理'],
  ['3.其他', 1, 1, 0, 0, 0, 0, 2],
  ['（七）总计', 28, 5, 0, 1, 2, 1, 37],
  ['四、结转下年度继续办理', 5, 1, 0, 0, 0, 1, 7],
];

function render(layout: string, rows: Row[]): string {
  const cell = (c: string | number) => String(c);
  switch (layout) {
    case 'tabs': return rows.map((r) => r.map(cell).join('\t')).join('\n');
    case 'pipes': return [`| ${rows[0].map(cell).join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    case 'html': return '<table>' + rows.map((r) => '<tr>' + r.map((c) => `<td><p><span>${cell(c)}</span></p></td>`).join('') + '</tr>').join('\n') + '</table>';
    case 'spaces': return rows.map((r) => r.map(cell).join('   ')).join('\n');
    case 'cell-lines': return rows.flatMap((r) => r.map(cell)).join('\n');
    case 'blank-lines': return rows.flatMap((r) => r.map(cell)).join('\n\n');
    default: throw new Error(layout);
  }
}

function cells(t: Table, id: string): (number | string)[] {
  const r = t.rows.find((x) => x.indicator === id);
  return r ? r.cells.map((c) => (c.state === 'number' ? c.value! : c.state)) : [];
}

for (const layout of ['tabs', 'pipes', 'html', 'spaces', 'cell-lines', 'blank-lines']) {
  test(`T3 application table read from ${layout}`, () => {
    const text = `2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n${render(layout, [T3_HEADER, ...T3_ROWS])}\n\n四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议。`;
    const { report } = parseReport(text);
    const t = report.tables.find((x) => x.kind === 'requests');
    assert.ok(t, 'a requests table is found');
    assert.equal(t.template, 'gov2021');
    assert.deepEqual(cells(t, 'R1'), [30, 5, 0, 1, 2, 2, 40]);
    assert.deepEqual(cells(t, 'R3.3.4'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(cells(t, 'R3.6.3'), [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(cells(t, 'R3.7'), [28, 5, 0, 1, 2, 1, 37]);
    assert.deepEqual(cells(t, 'R4'), [5, 1, 0, 0, 0, 1, 7]);
    // Header words (其他, 总计) never become rows; the sections after the table are still sections.
    assert.ok(report.sections.some((s) => s.title.startsWith('政府信息公开行政复议')));
    const r37 = t.rows.find((x) => x.indicator === 'R3.7')!;
    assert.equal(text.slice(r37.cells[6].span.start, r37.cells[6].span.end), '37');
  });
}

test('the old statistics table with a unit column and blank cells', () => {
  const text = ['统计指标\t单位\t统计数', '一、主动公开情况\t\t', '(一) 主动公开政府信息数\t条\t50', '三、依申请公开情况\t\t', '(一) 收到申请数\t件\t', '1. 当面申请数\t件\t1', '2. 传真申请数\t件\t0', '3. 网络申请数\t件\t2', '4. 信函申请数\t件\t—'].join('\n');
  const { report } = parseReport(text);
  const t = report.tables[0];
  assert.equal(t.kind, 'stats');
  assert.deepEqual(cells(t, 'A1'), [50]);
  assert.deepEqual(cells(t, 'C1'), ['missing']);
  assert.deepEqual(cells(t, 'C1.4'), ['missing']);
  assert.equal(t.rows.find((r) => r.indicator === 'A1')?.unit, '条');
});

test('a narrative heading that repeats a row label is not a table', () => {
  const text = '一、主动公开情况\n2017年，我局主动公开政府信息500条，其中通过网站公开400条，内容涵盖各项业务工作。\n二、依申请公开情况\n全年收到申请3件。';
  const { report } = parseReport(text);
  assert.equal(report.tables.length, 0);
  assert.equal(report.sections.length, 2);
});

test('a 小计 column some drafts add is read by its header, not by position', () => {
  const withSub = (r: Row): Row => (r.length === 8 ? [...r.slice(0, 7), typeof r[1] === 'number' ? (r.slice(2, 7) as number[]).reduce((a, b) => a + b, 0) : '小计', r[7]] : r);
  const text = `三、收到和处理政府信息公开申请情况\n${render('tabs', [T3_HEADER, ...T3_ROWS].map(withSub))}\n四、行政复议\n无。`;
  const t = parseReport(text).report.tables.find((x) => x.kind === 'requests')!;
  assert.deepEqual(cells(t, 'R1'), [30, 5, 0, 1, 2, 2, 40]);
  assert.deepEqual(cells(t, 'R3.7'), [28, 5, 0, 1, 2, 1, 37]);
});

test('a row with more figures than columns and no header keeps no cells (no guessed sums)', () => {
  const rows = T3_ROWS.map((r) => (r.length === 8 ? [...r, 99] : r));
  const text = `三、收到和处理政府信息公开申请情况\n${render('tabs', rows)}\n四、行政复议\n无。`;
  const t = parseReport(text).report.tables.find((x) => x.kind === 'requests');
  assert.deepEqual(t ? cells(t, 'R1') : [], []);
});
