import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';
import { defaultLang } from '../../server/src/cli/messages';

test('check with defaults', () => {
  assert.deepEqual(parseArgs(['check', 'a.txt', 'dir']), {
    command: 'check',
    paths: ['a.txt', 'dir'],
    format: 'human',
    lang: undefined,
    template: undefined,
    rules: [],
    narrative: true,
    quiet: false,
    fix: false,
    dryRun: false,
  });
});

test('every option, in both --opt value and --opt=value forms', () => {
  const a = parseArgs([
    'check',
    '--format',
    'json',
    '--lang=en',
    '--template',
    'gov2019',
    '--rule',
    'a-rule=off',
    '--rule=b-rule=ERROR,c-rule=hint',
    '--no-narrative',
    '-q',
    '--fix',
    '--dry-run',
    '-j',
    '3',
    'x.md',
  ]);
  assert.deepEqual(a, {
    command: 'check',
    paths: ['x.md'],
    format: 'json',
    lang: 'en',
    template: 'gov2019',
    rules: [
      { id: 'a-rule', level: 'off' },
      { id: 'b-rule', level: 'error' },
      { id: 'c-rule', level: 'hint' },
    ],
    narrative: false,
    quiet: true,
    fix: true,
    dryRun: true,
    jobs: 3,
  });
  assert.equal((parseArgs(['check', '-f', 'sarif', 'x']) as { format: string }).format, 'sarif');
});

test('help and version', () => {
  assert.deepEqual(parseArgs(['--help']), { command: 'help', lang: undefined });
  assert.deepEqual(parseArgs(['check', '-h', '--lang', 'en']), { command: 'help', lang: 'en' });
  assert.deepEqual(parseArgs(['help']), { command: 'help', lang: undefined });
  assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  assert.deepEqual(parseArgs(['-V']), { command: 'version' });
});

test('-- ends the options and - is a path', () => {
  const a = parseArgs(['check', '--', '--fix', '-']);
  assert.equal(a.command, 'check');
  if (a.command === 'check') {
    assert.deepEqual(a.paths, ['--fix', '-']);
    assert.equal(a.fix, false);
  }
  const b = parseArgs(['check', '-']);
  assert.ok(b.command === 'check' && b.paths[0] === '-');
});

test('usage errors', () => {
  const bad: string[][] = [
    [],
    ['lint', 'x'],
    ['check'],
    ['check', '--format', 'xml', 'x'],
    ['check', '--format'],
    ['check', '--lang', 'fr', 'x'],
    ['check', '--template', 'gov2000', 'x'],
    ['check', '--rule', 'noequals', 'x'],
    ['check', '--rule', 'a=loud', 'x'],
    ['check', '--bogus', 'x'],
    ['check', '--fix=yes', 'x'],
    ['check', '--dry-run', 'x'],
    ['check', '--jobs', '0', 'x'],
    ['check', '-j', 'many', 'x'],
  ];
  for (const argv of bad) {
    const a = parseArgs(argv);
    assert.equal(a.command, 'usage-error', argv.join(' '));
    if (a.command === 'usage-error') {
      assert.ok(a.message.zh.length > 0 && a.message.en.length > 0);
    }
  }
  const en = parseArgs(['check', '--lang', 'en', '--bogus']);
  assert.ok(en.command === 'usage-error' && en.lang === 'en');
});

test('defaultLang follows LC_ALL, LC_MESSAGES, LANG', () => {
  assert.equal(defaultLang({}), 'zh');
  assert.equal(defaultLang({ LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(defaultLang({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(defaultLang({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh');
  assert.equal(defaultLang({ LC_ALL: 'en_GB', LANG: 'zh_CN' }), 'en');
  assert.equal(defaultLang({ LANG: 'C' }), 'zh');
});
