import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellValue, foldWidth, labelNumbering, normalizeLabel, parseChineseNumeral } from '../../shared/src/model/text';
import * as core from '../../shared/src/model/text';
import * as features from '../../shared/src/features/util';

test('Chinese numerals', () => {
  assert.equal(parseChineseNumeral('一'), 1);
  assert.equal(parseChineseNumeral('十'), 10);
  assert.equal(parseChineseNumeral('十二'), 12);
  assert.equal(parseChineseNumeral('二十'), 20);
  assert.equal(parseChineseNumeral('二十三'), 23);
  assert.equal(parseChineseNumeral('一百零五'), 105);
  assert.equal(parseChineseNumeral('是'), undefined);
  assert.equal(parseChineseNumeral(''), undefined);
});

test('width folding keeps length', () => {
  const s = '（一）１２３，ＡＢ　％';
  assert.equal(foldWidth(s).length, s.length);
  assert.equal(foldWidth(s), '(一)123,AB %');
});

test('label normalisation drops numbering, 其中, notes, spaces', () => {
  assert.equal(normalizeLabel('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）'), '主动公开政府信息数');
  assert.equal(normalizeLabel('(一) 主动公开政府信息数'), '主动公开政府信息数');
  assert.equal(normalizeLabel('    其中：主动公开规范性文件数'), '主动公开规范性文件数');
  assert.equal(normalizeLabel('统　计　指　标'), '统计指标');
  assert.equal(normalizeLabel('1、政府公报公开政府信息数'), '政府公报公开政府信息数');
  assert.equal(normalizeLabel('1.政府公报公开政府信息数'), '政府公报公开政府信息数');
  assert.equal(normalizeLabel('（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维'), '政府信息公开专项经费');
  assert.equal(labelNumbering('（七）总计'), '(七)');
  assert.equal(labelNumbering('总计'), '');
});

test('cell values: numbers, missing, text', () => {
  assert.deepEqual(cellValue('5065').kind, 'number');
  assert.equal((cellValue('1,607') as { value: number }).value, 1607);
  assert.equal((cellValue('１２') as { value: number }).value, 12);
  assert.equal((cellValue('+3') as { value: number }).value, 3);
  assert.equal((cellValue('-2') as { value: number }).value, -2);
  assert.equal((cellValue('127.6') as { value: number }).value, 127.6);
  assert.equal((cellValue('3件') as { value: number }).value, 3);
  for (const m of ['', '—', '——', '/', '-', '无']) assert.equal(cellValue(m).kind, 'missing', m);
  assert.equal(cellValue('三').kind, 'text');
  assert.equal(cellValue('3 个部门').kind, 'text');
});

test('one number formatter for messages and hovers: at most 4 decimals', () => {
  assert.equal(core.formatNumber, features.formatNumber);
  assert.equal(core.formatNumber(127.12345), '127.1235');
  assert.equal(core.formatNumber(0.1 + 0.2), '0.3');
  assert.equal(core.formatNumber(17), '17');
  assert.equal(core.formatNumber(Number.NaN), 'NaN');
});
