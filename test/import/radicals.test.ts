/** Kangxi radicals and CJK Radicals Supplement look-alikes (shared/src/import/radicals.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, reportCoverage } from '../../shared/src/index';
import { foldRadicals, radicalToIdeograph } from '../../shared/src/import/radicals';
import { ROOT } from '../support/walk';

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

test('a draft pasted from a PDF with radicals for ideographs is read and checked like the clean one', () => {
  const clean = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');
  // The substitutions real PDFs make (一 人 行 页 门 … drawn with radical glyphs); one code unit each.
  const pasted = clean.replace(/一/g, '\u2F00').replace(/人/g, '\u2F08').replace(/行/g, '\u2F8F').replace(/见/g, '\u2EC5');
  assert.notEqual(pasted, clean);
  assert.equal(pasted.length, clean.length);
  const shape = (t: string) => {
    const { report, findings } = analyze(t, { reuse: false });
    return { findings: findings.map((f) => `${f.ruleId}@${f.span.start}-${f.span.end}`), tables: reportCoverage(report).tables.map((x) => `${x.kind}:${x.state}`), sections: report.sections.length };
  };
  assert.deepEqual(shape(pasted), shape(clean));
  assert.ok(shape(clean).tables.every((t) => t.endsWith(':read')));
});
