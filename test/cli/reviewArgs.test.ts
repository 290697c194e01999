import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';
import { ReviewArgsSchema } from '../../server/src/cli/review/args';

test('review with defaults: HTML to standard output', () => {
  const a = parseArgs(['review', 'reports', 'x.pdf']);
  assert.deepEqual(a, { command: 'review', paths: ['reports', 'x.pdf'], format: 'html', rules: [], narrative: true });
  ReviewArgsSchema.parse(a);
});

test('review: every option, in both --opt value and --opt=value forms, before or after the command', () => {
  const a = parseArgs(['--lang', 'en', 'review', '--out', 'r.html', '--format=csv', '-j', '3', '--template=gov2021', '--rule', 'repeated-text=off,stock-continuity=warning', '--no-narrative', 'dir']);
  assert.deepEqual(a, {
    command: 'review',
    paths: ['dir'],
    format: 'csv',
    out: 'r.html',
    lang: 'en',
    template: 'gov2021',
    jobs: 3,
    rules: [{ id: 'repeated-text', level: 'off' }, { id: 'stock-continuity', level: 'warning' }],
    narrative: false,
  });
  assert.deepEqual(parseArgs(['review', '-o', 'out.json', '-f', 'json', '-']), { command: 'review', paths: ['-'], format: 'json', out: 'out.json', rules: [], narrative: true });
  // A file called review is a path after the command word.
  assert.deepEqual((parseArgs(['review', '--', 'review']) as { paths: string[] }).paths, ['review']);
});

test('review: usage errors in the language asked for', () => {
  const err = (argv: string[]) => {
    const a = parseArgs(argv);
    assert.equal(a.command, 'usage-error', JSON.stringify(a));
    return a as { message: { zh: string; en: string }; lang?: string };
  };
  assert.match(err(['review']).message.zh, /没有给出要审阅的文件或目录/);
  assert.match(err(['review', '--format', 'sarif', 'd']).message.zh, /html、csv、json/);
  assert.match(err(['review', '--format', 'human', 'd']).message.en, /html, csv, json/);
  assert.match(err(['review', '--fix', 'd']).message.zh, /review 不支持选项：--fix/);
  assert.match(err(['review', '--out']).message.zh, /--out 需要一个值/);
  assert.match(err(['review', '--out=', 'd']).message.zh, /需要一个文件名/);
  assert.match(err(['review', '--jobs', '0', 'd']).message.en, /positive integer/);
  assert.match(err(['review', '--rule', 'x', 'd']).message.en, /id=level/);
  assert.equal(err(['review', '--lang', 'en', '--template', 'gov1999', 'd']).lang, 'en');
  assert.deepEqual(parseArgs(['review', '--help']), { command: 'help', lang: undefined });
});

test('check keeps its own formats and options beside review', () => {
  assert.equal(parseArgs(['check', '--format', 'html', 'a']).command, 'usage-error');
  assert.equal(parseArgs(['check', '--out', 'x', 'a']).command, 'usage-error');
  const c = parseArgs(['check', '--rule', 'sum-mismatch=off', '-j', '2', '--template', 'gov2019', 'a']);
  assert.deepEqual(c, { command: 'check', paths: ['a'], format: 'human', lang: undefined, template: 'gov2019', rules: [{ id: 'sum-mismatch', level: 'off' }], narrative: true, quiet: false, fix: false, dryRun: false, jobs: 2 });
});
