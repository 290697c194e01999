import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, builtinTemplates, hover, parseReport } from '../../shared/src/index';
import { cursor, STATS } from './support';

const ROOT = join(__dirname, '..', '..', '..');
const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');

function at(marked: string, locale: 'zh' | 'en' = 'zh', withFindings = true): { md: string; span: string } {
  const { text, offset } = cursor(marked);
  const { report, findings } = analyze(text);
  const info = hover(report, offset, locale, withFindings ? findings : []);
  assert.ok(info, 'expected a hover');
  return { md: info.markdown, span: text.slice(info.span.start, info.span.end) };
}

describe('hover', () => {
  test('a total cell: the sum first, the finding once, then the indicator; no internal ids', () => {
    const { md, span } = at(STATS.replace('收到申请数\t件\t5', '收到申请数\t件\t‸5'));
    assert.equal(span, '5');
    assert.match(md, /\*\*（一）收到申请数\*\*/);
    assert.match(md, /^分项之和：1 \+ 0 \+ 3 \+ 0 = \*\*4\*\*；表中数值：\*\*5\*\* ✗ 不一致/);
    assert.ok(md.indexOf('分项之和') < md.indexOf('**（一）收到申请数**'), 'the sum comes before the indicator');
    assert.match(md, /“收到申请数”应为 4（1\+0\+3\+0），此处为 5。/);
    // The check's reason is in the finding's message: not repeated below it.
    const reason = builtinTemplates().get('gov2014')!.tables[0].checks.find((c) => c.total === 'C1')!.reason.zh;
    assert.equal(md.split(reason).length - 1, 1, 'the reason appears once');
    assert.doesNotMatch(md, /`C1`|sum-mismatch|gov2014/, 'no indicator, rule or template ids');
    assert.doesNotMatch(md, /部分分项未填写/, 'a variant row absent from the table is not a blank part');
  });

  test('without findings the sum comes from the template checks', () => {
    const { md } = at(STATS.replace('收到申请数\t件\t5', '收到申请数\t件\t‸5'), 'zh', false);
    assert.match(md, /= \*\*4\*\*/);
    assert.doesNotMatch(md, /sum-mismatch/);
  });

  test('a total that agrees says so', () => {
    const { md } = at(STATS.replace('申请办结数\t件\t4', '申请办结数\t件\t‸4'));
    assert.match(md, /4 \+ 0 = \*\*4\*\*；表中数值：\*\*4\*\* ✓ 一致/);
  });

  test('a row label: what it counts, unit, parent and template', () => {
    const { md, span } = at(STATS.replace('1.当面申请数', '1.当面‸申请数'));
    assert.equal(span, '1.当面申请数');
    const c11 = builtinTemplates().get('gov2014')?.tables[0].indicators.find((i) => i.id === 'C1.1');
    assert.ok(c11);
    assert.ok(md.includes(c11.hover.zh.slice(0, 10)));
    assert.match(md, /单位：件/);
    assert.match(md, /上级指标：（一）收到申请数/);
    assert.match(md, /模板：政府信息公开情况统计表（2014—2018年格式）/);
  });

  test('English', () => {
    const { md } = at(STATS.replace('收到申请数\t件\t5', '收到申请数\t件\t‸5'), 'en');
    assert.match(md, /Sum of the parts: 1 \+ 0 \+ 3 \+ 0 = \*\*4\*\*; Stated: \*\*5\*\* ✗ differs/);
    assert.match(md, /Unit: 件/);
    assert.match(md, /should be 4 \(1\+0\+3\+0\), not 5\./);
  });

  test('a multi-column cell names its column; a total column cell shows its row sum', () => {
    const r1 = DRAFT.indexOf('一、本年新收政府信息公开申请数量\t') + '一、本年新收政府信息公开申请数量\t'.length;
    const { report, findings } = analyze(DRAFT);
    const cell = hover(report, r1, 'zh', findings);
    assert.ok(cell);
    assert.match(cell.markdown, /列：\*\*自然人\*\*/);
    const tot = DRAFT.indexOf('\n', DRAFT.indexOf('四、结转下年度继续办理')) - 1;
    const total = hover(report, tot, 'zh', findings);
    assert.ok(total);
    assert.match(total.markdown, /列：\*\*总计\*\*/);
    assert.match(total.markdown, /2 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 = \*\*2\*\*；表中数值：\*\*4\*\* ✗ 不一致/);
  });

  test('a balance row shows both sides of the printed identity', () => {
    const r1 = DRAFT.indexOf('一、本年新收政府信息公开申请数量\t') + '一、本年新收政府信息公开申请数量\t'.length;
    const { report } = parseReport(DRAFT);
    const info = hover(report, r1, 'zh');
    assert.ok(info);
    assert.match(info.markdown, /勾稽关系：一、本年新收政府信息公开申请数量 \+ 二、上年结转政府信息公开申请数量 = \*\*12\*\*；（七）总计 \+ 四、结转下年度继续办理 = \*\*12\*\* ✓ 一致/);
  });

  test('a narrative figure: the mismatch with the table, or just the value', () => {
    const mismatch = at(DRAFT.replace('上年结转3件', '上年结转‸3件'));
    assert.equal(mismatch.span, '3件');
    assert.match(mismatch.md, /正文数字：\*\*3\*\* 件/);
    assert.doesNotMatch(mismatch.md, /figure-table-mismatch/);
    assert.match(mismatch.md, /表中对应单元格为 2/);
    assert.match(mismatch.md, /表中对应：上年结转政府信息公开申请数量 = \*\*2\*\* ✗ 不一致/, 'the cell it is compared with, from the rule\'s own matching');
    const plain = at(DRAFT.replace('政府信息1200条', '政府信息‸1200条'));
    assert.match(plain.md, /正文数字：\*\*1200\*\* 条/);
    assert.doesNotMatch(plain.md, /表中对应/);
  });

  test('nothing to say outside tables and figures', () => {
    const { text, offset } = cursor(STATS.replace('存在的问题', '存在‸的问题'));
    assert.equal(hover(parseReport(text).report, offset, 'zh'), undefined);
    assert.equal(hover(parseReport('').report, 0, 'zh'), undefined);
  });
});

describe('hover on a table header or the heading of its section: what was read', () => {
  const seed = (prefix: string) => {
    const dir = join(ROOT, 'test', 'fixtures', 'seeds');
    return readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!), 'utf8');
  };

  test('a table read in full says so; one read in part names the rows not found', () => {
    const full = analyze(seed('004'));
    const t4 = full.report.tables[0];
    const h4 = hover(full.report, t4.span.start, 'zh', full.findings);
    assert.match(h4?.markdown ?? '', /\*\*统计表\*\*：已读取 58\/58 格，数字均已核对/);
    const part = analyze(seed('002'));
    const t2 = part.report.tables[0];
    const h2 = hover(part.report, t2.span.start, 'zh', part.findings);
    assert.match(h2?.markdown ?? '', /只读到 56\/58 格；未读到：“七、依申请公开信息收取的费用”、“（三）接受培训人员数”，这些数字未核对/);
    assert.match(hover(part.report, t2.span.start, 'en', part.findings)?.markdown ?? '', /read in part, 56\/58 cells; not found: /);
  });

  test('on the heading of the section holding the tables (2021 draft)', () => {
    const { report, findings } = analyze(DRAFT);
    const at3 = DRAFT.indexOf('三、收到和处理政府信息公开申请情况');
    assert.ok(at3 >= 0);
    const h = hover(report, at3 + 2, 'zh', findings);
    assert.match(h?.markdown ?? '', /表三（收到和处理申请）\*\*：已读取 \d+\/\d+ 格/);
    assert.equal(DRAFT.slice(h!.span.start, h!.span.end).startsWith('三、收到和处理'), true);
  });
});
