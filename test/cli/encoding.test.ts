import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { decodeBytes, encodeText, roundTrips, type EncodingName } from '../../server/src/cli/encoding';

const SAMPLE = '2019年政府信息公开工作年度报告\r\n一、总体情况\n本年度共收到申请31件，𠀋字。\n';

function decodeOk(bytes: Uint8Array): { encoding: EncodingName; text: string } {
  const d = decodeBytes(bytes);
  assert.equal(d.kind, 'text');
  if (d.kind !== 'text') throw new Error('unreachable');
  return d;
}

test('UTF-8 without BOM', () => {
  const bytes = Buffer.from(SAMPLE, 'utf8');
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.text, SAMPLE);
  assert.ok(roundTrips(bytes, d.text, d.encoding));
});

test('UTF-8 with BOM: the BOM is not part of the text and is written back', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'utf-8-bom');
  assert.equal(d.text, SAMPLE);
  assert.deepEqual(encodeText(d.text, d.encoding), bytes);
  assert.ok(roundTrips(bytes, d.text, d.encoding));
});

test('a second BOM inside a UTF-8 file is kept as text', () => {
  const bytes = Buffer.from('\ufeff\ufeffabc', 'utf8');
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'utf-8-bom');
  assert.equal(d.text, '\ufeffabc');
  assert.ok(roundTrips(bytes, d.text, d.encoding));
});

test('UTF-16 LE with BOM (its NUL bytes do not make it binary)', () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'utf-16le');
  assert.equal(d.text, SAMPLE);
  assert.deepEqual(encodeText(d.text, d.encoding), bytes);
});

test('UTF-16 BE with BOM', () => {
  const le = Buffer.from(SAMPLE, 'utf16le');
  const be = Buffer.from(le).swap16();
  const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'utf-16be');
  assert.equal(d.text, SAMPLE);
  assert.deepEqual(encodeText(d.text, d.encoding), bytes);
});

test('UTF-16 with an odd byte count is undecodable', () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
  assert.equal(decodeBytes(bytes).kind, 'undecodable');
});

test('GB18030 / GBK bytes are detected and round-trip through iconv-lite', () => {
  const bytes = iconv.encode(SAMPLE, 'gb18030');
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'gb18030');
  assert.equal(d.text, SAMPLE);
  assert.ok(roundTrips(bytes, d.text, d.encoding));
  const gbk = iconv.encode('政府信息公开工作年度报告，共收到申请31件。', 'gbk');
  const d2 = decodeOk(gbk);
  assert.equal(d2.encoding, 'gb18030');
  assert.equal(d2.text, '政府信息公开工作年度报告，共收到申请31件。');
});

test('a GB18030 byte that decodes but cannot be encoded back exactly is caught', () => {
  // 0x80 alone decodes to € in the WHATWG decoder, but € encodes as A2 E3.
  const bytes = Buffer.concat([iconv.encode('报告', 'gb18030'), Buffer.from([0x80])]);
  const d = decodeOk(bytes);
  assert.equal(d.encoding, 'gb18030');
  assert.equal(roundTrips(bytes, d.text, d.encoding), false);
});

test('NUL bytes in the first 8 KiB: binary', () => {
  assert.equal(decodeBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).kind, 'binary');
  const late = Buffer.concat([Buffer.alloc(9000, 0x41), Buffer.from([0])]);
  // A NUL after the sniffed prefix is just a (valid UTF-8) control character.
  assert.equal(decodeBytes(late).kind, 'text');
});

test('bytes that are neither UTF-8 nor GB18030 are undecodable', () => {
  assert.equal(decodeBytes(Buffer.from([0x41, 0xff, 0xff, 0x42])).kind, 'undecodable');
  assert.equal(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0xff])).kind, 'undecodable');
});

test('an empty file is UTF-8 with no text', () => {
  const d = decodeOk(Buffer.alloc(0));
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.text, '');
});
