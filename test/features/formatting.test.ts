/** Pipe tables aligned by display width (shared/src/features/formatting.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignPipeTables, analyze, applyEdits, displayWidth } from '../../shared/src/index';
import { syntheticOriginal } from '../support/imported';

const format = (text: string): string => applyEdits(text, alignPipeTables(text));

test('columns line up on screen: a Chinese character is two columns wide', () => {
  const text = ['前言', '', '|指标|自然人|总计|', '|---|:-:|--:|', '|一、本年新收|12|13|', '|二、上年结转|1|\\|x|', '', '后记'].join('\n');
  const out = format(text).split('\n');
  assert.equal(out[0], '前言');
  assert.equal(out[7], '后记');
  const rows = out.slice(2, 6);
  assert.equal(new Set(rows.map(displayWidth)).size, 1, rows.join('\n'));
  assert.match(rows[1], /^\| -+ \| :-+: \| -+: \|$/, 'the separator keeps its alignment colons');
  assert.ok(rows[3].includes('\\|x'), 'an escaped pipe stays in its cell');
  assert.deepEqual(alignPipeTables(format(text)), [], 'aligned text needs nothing more');
});

test('only the lines of pipe tables are edited, line endings kept', () => {
  const text = '标题\r\n| a | 自然人 |\r\n|---|---|\r\n| 1 | 2 |\r\n正文 | 不是表格\r\n';
  const edits = alignPipeTables(text);
  assert.ok(edits.length > 0);
  for (const e of edits) {
    const line = text.slice(e.span.start, e.span.end);
    assert.ok(line.trim().startsWith('|') && !line.includes('\r') && !line.includes('\n'), JSON.stringify(line));
  }
  assert.equal(format(text).split('\r\n').length, text.split('\r\n').length);
  assert.ok(format(text).includes('正文 | 不是表格'));
});

test('a range formats only the tables it touches', () => {
  const text = '|a|b|\n|-|-|\n|1|2|\n\n正文\n\n|c|d|\n|-|-|\n|3|4|\n';
  const second = text.indexOf('|c|');
  const edits = alignPipeTables(text, second, second);
  assert.ok(edits.length > 0 && edits.every((e) => e.span.start >= second));
});

test('an aligned report reads and checks exactly as before', () => {
  for (const name of ['gov2021-pipes.md', 'broken-outcome-total-mismatch-2.md', 'gov2019-pipes.md']) {
    const text = syntheticOriginal(name);
    const aligned = format(text);
    assert.notEqual(aligned, text, `${name} had unaligned tables`);
    const f = (t: string) => analyze(t, { reuse: false }).findings.map((x) => `${x.ruleId} ${x.message.zh}`).sort();
    assert.deepEqual(f(aligned), f(text), name);
  }
});
