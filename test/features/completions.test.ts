import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTemplates, completions, parseReport } from '../../shared/src/index';
import { cursor, STATS } from './support';

describe('completions', () => {
  const labels = (builtinTemplates().get('gov2014')?.tables[0].indicators ?? []).map((i) => i.label);

  test('inside a table: every indicator label of its template table, in template order', () => {
    const { text, offset } = cursor(STATS.replace('2.传真申请数', '2.传真‸申请数'));
    const items = completions(parseReport(text).report, offset, 'zh');
    assert.deepEqual(items.map((i) => i.label), labels);
    const fax = items.find((i) => i.label === '2.传真申请数');
    assert.ok(fax);
    assert.match(fax.detail, /^件 · 政府信息公开情况统计表 · ⊂ （一）收到申请数 · 表中已有$/);
    assert.ok(fax.documentation.length > 5);
    assert.equal(fax.insertText, '2.传真申请数');
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(sorted, items);
  });

  test('on the line right after the table too; not far from it', () => {
    const after = cursor(STATS.replace('2.延期办结数\t件\t0\n', '2.延期办结数\t件\t0\n‸'));
    assert.ok(completions(parseReport(after.text).report, after.offset).length > 0);
    const far = cursor(STATS.replace('无。', '无‸。'));
    assert.deepEqual(completions(parseReport(far.text).report, far.offset), []);
  });

  test('English documentation', () => {
    const { text, offset } = cursor(STATS.replace('2.传真申请数', '‸2.传真申请数'));
    const fax = completions(parseReport(text).report, offset, 'en').find((i) => i.label === '2.传真申请数');
    const en = builtinTemplates().get('gov2014')?.tables[0].indicators.find((i) => i.label === '2.传真申请数')?.hover.en;
    assert.equal(fax?.documentation, en);
  });
});
