import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport, type Section } from '../../shared/src/index';

function flat(sections: readonly Section[], depth = 0): string[] {
  return sections.flatMap((s) => [`${'  '.repeat(depth)}${s.numberText}${s.title}`, ...flat(s.children, depth + 1)]);
}

test('four heading levels nest, in full and half width', () => {
  const text = ['一、总体情况', '（一）加强领导。正文。', '1. 健全机构', '（1）明确分工', '(2) 细化任务', '2．完善制度', '(二) 半角括号', '二、主动公开政府信息情况'].join('\n');
  const { report } = parseReport(text);
  assert.deepEqual(flat(report.sections), [
    '一、总体情况', '  （一）加强领导', '    1.健全机构', '      （1）明确分工', '      (2)细化任务', '    2．完善制度', '  (二)半角括号', '二、主动公开政府信息情况',
  ]);
  const h = report.sections[0].children[0];
  assert.equal(text.slice(h.numberSpan.start, h.numberSpan.end), '（一）');
  assert.equal(text.slice(h.titleSpan.start, h.titleSpan.end), '加强领导');
  assert.equal(report.sections[0].span.end, text.indexOf('二、主动公开'));
});

test('inline enumerations and decimals are not headings', () => {
  const text = ['一、概述', '我局一是加强领导，二是完善制度，（1）细化；（2）落实。', '1.5万元用于培训。', '2017年，主动公开信息。', '12365热线全年开通。'].join('\n');
  const { report } = parseReport(text);
  assert.deepEqual(flat(report.sections), ['一、概述']);
});

test('figures: units, spaces, commas, full-width digits, approximations', () => {
  const text = '全年主动公开政府信息 5065 条，网站公开1,607条，受理申请３１件，经费127.6万元，占6.5%，报送信息“100余条”，约200件，近300人次，2017年1月1日，鲁政办发〔2017〕39号，电话0531-89012206。';
  const { report } = parseReport(text);
  const got = report.figures.map((f) => `${f.raw}|${f.value}|${f.unit}|${f.approx}|${text.slice(f.numberSpan.start, f.numberSpan.end)}`);
  assert.deepEqual(got, [
    '5065|5065|条|exact|5065', '1,607|1607|条|exact|1,607', '３１|31|件|exact|３１', '127.6|127.6|万元|exact|127.6',
    '6.5|6.5|%|exact|6.5', '100|100|条|more|100', '200|200|件|about|200', '300|300|人次|less|300',
  ]);
});

test('title, year, period and declared parts', () => {
  const text = ['青川市市场监督管理局', '2023年政府信息公开工作年度报告', '', '本报告共六个部分。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。'].join('\n');
  const { report } = parseReport(text);
  assert.equal(report.title?.text, '2023年政府信息公开工作年度报告');
  assert.equal(report.year, 2023);
  assert.equal(report.period?.start.year, 2023);
  assert.equal(report.period?.end.year, 2023);
  assert.equal(report.declaredParts?.count, 6);
  assert.equal(text.slice(report.declaredParts!.span.start, report.declaredParts!.span.end), '六');
});

test('spans are UTF-16 offsets: a character outside the BMP before a heading', () => {
  const text = '𠀀𠀀说明\n一、总体情况\n二、主动公开';
  const { report } = parseReport(text);
  assert.equal(text.slice(report.sections[1].numberSpan.start, report.sections[1].numberSpan.end), '二、');
});

test('parsing never throws on odd input', () => {
  const inputs = ['', '\n\n\n', '\r\r\n\r', '\uFEFF', '|||\n|---|', '<table><tr><td>', '\t\t\t', '一、', '（', '统计指标\n单位', '\u0000\u0001', 'x'.repeat(100000), '\uD800\uDC00\uD800'];
  for (const t of inputs) {
    const { report } = parseReport(t);
    assert.equal(typeof report.sections.length, 'number');
  }
});
