import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { typoHint } from '../../shared/src/rules/support';
import { ROOT } from '../support/walk';

test('typo hints: two digits swapped, or one digit off from three digits on; nothing for small numbers', () => {
  assert.equal(typoHint(2831, 2381)?.zh, '疑似数字顺序颠倒（2831 ↔ 2381）。');
  assert.equal(typoHint(12, 21)?.zh, '疑似数字顺序颠倒（12 ↔ 21）。');
  assert.equal(typoHint(119, 111)?.zh, '疑似一位数字有误（119 ↔ 111）。');
  assert.equal(typoHint(17, 18), undefined);
  assert.equal(typoHint(17, 29), undefined);
  assert.equal(typoHint(1234, 4321), undefined);
  assert.equal(typoHint(100, 1000), undefined);
  assert.equal(typoHint(5, 5), undefined);
});

test('a total typed with two digits swapped says so in its message', () => {
  const seed = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '000_82d47b6a6cde8053.txt'), 'utf8');
  // 网络申请数 18 and 信函申请数 11 add with the others to 31; typing the total as 13 swaps its digits.
  const text = seed.replace('(一) 收到申请数\t件\t31', '(一) 收到申请数\t件\t13');
  const f = analyze(text).findings.find((x) => x.ruleId === 'sum-mismatch');
  assert.ok(f, 'a sum-mismatch');
  assert.match(f.message.zh, /疑似数字顺序颠倒（13 ↔ 31）/);
  assert.match(f.message.en, /two digits swapped \(13 ↔ 31\)/);
});
