import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffLines, splitLines, unifiedDiff } from '../../server/src/cli/diff';

function apply(ops: ReturnType<typeof diffLines>): { a: string[]; b: string[] } {
  return { a: ops.filter((o) => o.kind !== '+').map((o) => o.line), b: ops.filter((o) => o.kind !== '-').map((o) => o.line) };
}

test('diffLines reproduces both sides and is minimal on small cases', () => {
  const cases: [string[], string[]][] = [
    [[], []],
    [['a'], []],
    [[], ['a']],
    [['a', 'b', 'c'], ['a', 'x', 'c']],
    [['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e']],
    [['x', 'a', 'b'], ['a', 'b', 'y']],
    ['abcabba'.split(''), 'cbabac'.split('')],
  ];
  for (const [a, b] of cases) {
    const ops = diffLines(a, b);
    assert.deepEqual(apply(ops), { a, b });
  }
  // Myers' example: the shortest edit script has 5 changes.
  assert.equal(diffLines('abcabba'.split(''), 'cbabac'.split('')).filter((o) => o.kind !== ' ').length, 5);
});

test('diffLines on random inputs always reproduces both sides', () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 300; i++) {
    const a = Array.from({ length: Math.floor(rnd() * 12) }, () => 'abc'[Math.floor(rnd() * 3)]);
    const b = Array.from({ length: Math.floor(rnd() * 12) }, () => 'abc'[Math.floor(rnd() * 3)]);
    assert.deepEqual(apply(diffLines(a, b)), { a, b });
  }
});

test('unifiedDiff: hunks with 3 lines of context and correct headers', () => {
  const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const neu = old.replace('line 5\n', 'line five\n').replace('line 18\n', 'line eighteen\n');
  const d = unifiedDiff(old, neu, 'a/x.txt', 'b/x.txt');
  assert.equal(
    d,
    [
      '--- a/x.txt',
      '+++ b/x.txt',
      '@@ -2,7 +2,7 @@',
      ' line 2',
      ' line 3',
      ' line 4',
      '-line 5',
      '+line five',
      ' line 6',
      ' line 7',
      ' line 8',
      '@@ -15,6 +15,6 @@',
      ' line 15',
      ' line 16',
      ' line 17',
      '-line 18',
      '+line eighteen',
      ' line 19',
      ' line 20',
      '',
    ].join('\n'),
  );
});

test('unifiedDiff merges close changes and returns "" for equal texts', () => {
  const old = 'a\nb\nc\nd\ne\nf\ng\nh\n';
  const neu = 'A\nb\nc\nd\ne\nf\ng\nH\n';
  const d = unifiedDiff(old, neu, 'a', 'b');
  assert.equal(d.split('\n').filter((l) => l.startsWith('@@')).length, 1);
  assert.ok(d.includes('@@ -1,8 +1,8 @@'));
  assert.equal(unifiedDiff(old, old, 'a', 'b'), '');
  assert.equal(unifiedDiff('a\r\nb\r\n', 'a\nb\n', 'a', 'b'), '');
});

test('splitLines', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('a\r\nb\rc\n'), ['a', 'b', 'c']);
  assert.deepEqual(splitLines('a\n\n'), ['a', '']);
});
