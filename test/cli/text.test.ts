import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex, dominantEol, normalizeEol, withEol } from '../../server/src/cli/text';

test('normalizeEol leaves LF text alone', () => {
  const n = normalizeEol('a\nb\n');
  assert.equal(n.text, 'a\nb\n');
  assert.equal(n.toOriginal(3), 3);
});

test('normalizeEol maps offsets back over removed CRs', () => {
  const original = 'ab\r\ncd\r\nef';
  const n = normalizeEol(original);
  assert.equal(n.text, 'ab\ncd\nef');
  // Every offset of a character in the normalized text points at the same character.
  for (let i = 0; i < n.text.length; i++) {
    const o = n.toOriginal(i);
    if (n.text[i] === '\n') assert.equal(original.slice(o, o + 2), '\r\n');
    else assert.equal(original[o], n.text[i]);
  }
  // A span ending at a line end stops before the CR; one starting after a line end starts after the LF.
  assert.equal(n.toOriginal(2), 2);
  assert.equal(n.toOriginal(3), 4);
  assert.equal(n.toOriginal(n.text.length), original.length);
});

test('normalizeEol turns lone CRs into LFs one-for-one', () => {
  const n = normalizeEol('a\rb\r\nc');
  assert.equal(n.text, 'a\nb\nc');
  assert.equal(n.toOriginal(2), 2);
  assert.equal(n.toOriginal(4), 5);
});

test('dominantEol and withEol', () => {
  assert.equal(dominantEol('a\r\nb\r\nc\n'), 'crlf');
  assert.equal(dominantEol('a\nb\r\nc\n'), 'lf');
  assert.equal(dominantEol('abc'), 'lf');
  assert.equal(dominantEol('a\rb\r'), 'cr');
  assert.equal(withEol('x\ny', 'crlf'), 'x\r\ny');
  assert.equal(withEol('x\ny', 'lf'), 'x\ny');
  assert.equal(withEol('x\ny', 'cr'), 'x\ry');
});

test('LineIndex: 0-based lines, UTF-16 characters, CRLF / LF / CR breaks', () => {
  const text = '一二\r\n三𠀋四\n\rx';
  const ix = new LineIndex(text);
  assert.equal(ix.lineCount, 4);
  assert.deepEqual(ix.position(0), { line: 0, character: 0 });
  assert.deepEqual(ix.position(2), { line: 0, character: 2 });
  assert.deepEqual(ix.position(4), { line: 1, character: 0 });
  // 𠀋 is two UTF-16 units: 四 is at character 3.
  assert.deepEqual(ix.position(text.indexOf('四')), { line: 1, character: 3 });
  assert.deepEqual(ix.position(text.indexOf('x')), { line: 3, character: 0 });
  assert.deepEqual(ix.position(text.length + 10), { line: 3, character: 1 });
});
