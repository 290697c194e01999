/** Kangxi radicals and CJK Radicals Supplement look-alikes (shared/src/import/radicals.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldRadicals, radicalToIdeograph } from '../../shared/src/import/radicals';

test('radicals become the ideographs they stand for', () => {
  assert.equal(foldRadicals('⼀⼈⾏政许可，⻚面，⻔户'), '一人行政许可，页面，门户');
  assert.equal(radicalToIdeograph('\u2F00'), '一');
  assert.equal(radicalToIdeograph('\u2FD5'), '龠');
  assert.equal(radicalToIdeograph('\u2EDA'), '页');
  // An astral equivalent: the text grows by one code unit.
  assert.equal(foldRadicals('\u2E87'), '\u{20628}');
});

test('simplified forms where the data gives traditional ones: ⼾ 户, ⾭ 青', () => {
  assert.equal(foldRadicals('\u2F3E\u2FAD'), '户青');
});

test('everything else is left alone, unlike NFKC', () => {
  const s = '（一）主动公开：１２件，第二十条第（五）项 ABC ⺀';
  assert.equal(foldRadicals(s), s);
  assert.notEqual(s.normalize('NFKC'), s);
  assert.equal(radicalToIdeograph('一'), undefined);
  // U+2E80 and U+2E9A have no equivalent ideograph.
  assert.equal(radicalToIdeograph('\u2E80'), undefined);
});

test('every Kangxi radical maps to one BMP ideograph', () => {
  for (let cp = 0x2f00; cp <= 0x2fd5; cp++) {
    const m = radicalToIdeograph(String.fromCodePoint(cp));
    assert.ok(m && /^[\u4E00-\u9FFF]$/.test(m), cp.toString(16));
  }
});
