/**
 * Prose naming a sum of indicators (`予以公开及部分公开9件`): compared with the sum of the rows it names, and a sum
 * the checker does not know is never compared with one of its parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { ROOT } from '../support/walk';

// 予以公开 6 and 部分公开 1 (总计列) in this draft's 表三.
const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');
const ANCHOR = '上年结转3件。';

function mentions(sentence: string): string[] {
  assert.ok(DRAFT.includes(ANCHOR));
  const text = DRAFT.replace(ANCHOR, ANCHOR + sentence);
  const at = text.indexOf(sentence);
  return analyze(text, { reuse: false })
    .findings.filter((f) => f.ruleId === 'figure-table-mismatch' && f.span.start >= at && f.span.start < at + sentence.length)
    .map((f) => f.message.zh);
}

test('予以公开及部分公开: the sum of the two rows', () => {
  for (const joined of ['予以公开及部分公开', '予以公开和部分公开', '予以公开与部分公开']) {
    assert.deepEqual(mentions(`其中${joined}7件。`), [], joined);
    assert.deepEqual(mentions(`其中${joined}9件。`), ['正文写“予以公开与部分公开之和”为“9件”，而表中对应的 2 个单元格之和为 7。'], joined);
  }
});

test('a sum the checker does not know is not compared with its last part', () => {
  assert.deepEqual(mentions('其中予以公开、部分公开共9件。'), []);
  assert.deepEqual(mentions('无法提供和不予处理共5件。'), []);
  assert.deepEqual(mentions('行政复议和行政诉讼4件。'), []);
});

test('each of two figures in a list is still compared with its own row', () => {
  assert.deepEqual(mentions('其中予以公开6件、部分公开1件。'), []);
  assert.deepEqual(mentions('其中予以公开6件、部分公开2件。'), ['正文写“部分公开”为“2件”，而表中对应单元格为 1。']);
});
