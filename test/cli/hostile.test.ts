/**
 * Hostile input to the CLI: terminal control characters from documents and file names, read-only files, links
 * out of the checked directory, hard links, temporary files left by a killed run, an endless standard input.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brokenSeed, cli, json, withDir, writeBroken } from './helpers';
const FIXED_LINE = /^\(一\) 收到申请数\t件\t31$/m;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('escape, OSC and bidi characters in a file name and in quoted text are shown escaped, never sent raw', async (t) => {
  const dir = withDir(t);
  const name = 'r\u001b]0;owned\u0007\u202e.txt';
  // A prose figure quoted in the message carries the control characters of its sentence.
  const text = brokenSeed().replace('收到', '收\u001b[31m到');
  fs.writeFileSync(path.join(dir, name), text);
  const r = await cli(['check', dir], { env: { FORCE_COLOR: '0' } });
  assert.ok(!CONTROL.test(r.stdout), JSON.stringify(r.stdout.slice(0, 300)));
  assert.ok(!CONTROL.test(r.stderr.split('\r\u001b[K').join('')), JSON.stringify(r.stderr.slice(0, 300)));
  assert.match(r.stdout, /r\\u\{001b\}\]0;owned\\u\{0007\}\\u\{202e\}\.txt:/);
});

test('--fix refuses a read-only file (even as root, where the write would succeed) and says so', async (t) => {
  const file = writeBroken(withDir(t), 0o444);
  const before = fs.readFileSync(file);
  const r = await cli(['check', '--fix', '--lang', 'en', file]);
  assert.deepEqual(fs.readFileSync(file), before);
  assert.match(r.stderr, /not fixed: the file is read-only/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o444);
});

test('--fix on a directory: a link that leads out of it is not written; a link inside it is written through', async (t) => {
  const dir = withDir(t);
  const outside = path.join(dir, 'outside');
  const tree = path.join(dir, 'tree');
  fs.mkdirSync(outside);
  fs.mkdirSync(tree);
  fs.writeFileSync(path.join(outside, 'target.txt'), brokenSeed());
  fs.symlinkSync(path.join(outside, 'target.txt'), path.join(tree, 'out-link.txt'));
  fs.writeFileSync(path.join(tree, 'inner.txt'), brokenSeed());
  fs.mkdirSync(path.join(tree, 'sub'));
  fs.symlinkSync(path.join(tree, 'inner.txt'), path.join(tree, 'sub', 'in-link.txt'));
  const r = await cli(['check', '--fix', '--lang', 'en', tree]);
  assert.doesNotMatch(fs.readFileSync(path.join(outside, 'target.txt'), 'utf8'), FIXED_LINE);
  assert.match(r.stderr, /out-link\.txt: not fixed: a link to a file outside the checked directory/);
  assert.match(fs.readFileSync(path.join(tree, 'inner.txt'), 'utf8'), FIXED_LINE);
  assert.ok(fs.lstatSync(path.join(tree, 'sub', 'in-link.txt')).isSymbolicLink(), 'the link is kept');
});

test('--fix keeps hard links: every name sees the fixed text', async (t) => {
  const dir = withDir(t);
  const a = path.join(dir, 'a.txt');
  const b = path.join(dir, 'b.txt');
  fs.writeFileSync(a, brokenSeed());
  fs.linkSync(a, b);
  const ino = fs.statSync(a).ino;
  await cli(['check', '--fix', a]);
  assert.match(fs.readFileSync(b, 'utf8'), FIXED_LINE);
  assert.equal(fs.statSync(a).ino, ino);
  assert.equal(fs.statSync(a).nlink, 2);
});

test('--fix removes a temporary file left by a killed run (its process is gone), and leaves none of its own', async (t) => {
  const dir = withDir(t);
  const file = writeBroken(dir);
  // A pid that is not running: far above any pid_max.
  const stale = path.join(dir, '.r.txt.xxgk-999999999-0123abcd.tmp');
  fs.writeFileSync(stale, 'half a file');
  const other = path.join(dir, '.other.txt.xxgk-999999999-0123abcd.tmp');
  fs.writeFileSync(other, 'not ours to judge');
  await cli(['check', '--fix', file]);
  assert.ok(!fs.existsSync(stale));
  assert.ok(fs.existsSync(other), 'only temporary files of the file being written are swept');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.other.txt.xxgk-999999999-0123abcd.tmp', 'r.txt']);
});

test('standard input is read only up to the size limit and then reported as too large', async () => {
  const big = Buffer.alloc(33 * 1024 * 1024, 0x41);
  const r = await cli(['check', '--lang', 'en', '-'], { stdin: big });
  assert.match(r.stderr, /larger than 32 MiB/);
});

test('--report-suppressed lists what directives silence, marked and not counted; --fix leaves those alone', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  // The directive on the line before the table covers the whole table, the wrong total included.
  const text = brokenSeed();
  const table = text.indexOf('统计指标\t单位\t统计数');
  assert.ok(table > 0);
  const silenced = `${text.slice(0, table)}<!-- xxgk-disable-next-line sum-mismatch -->\n${text.slice(table)}`;
  fs.writeFileSync(file, silenced);
  const plain = await json(['r.txt'], { cwd: dir });
  assert.ok(!plain.doc.files[0].findings.some((f) => f.rule === 'sum-mismatch'));
  const listed = await json(['--report-suppressed', 'r.txt'], { cwd: dir });
  const sup = listed.doc.files[0].findings.filter((f) => f.suppressed);
  assert.deepEqual(sup.map((f) => f.rule), ['sum-mismatch']);
  assert.equal(listed.doc.summary.errors, plain.doc.summary.errors);
  assert.equal(listed.code, plain.code);
  const human = await cli(['check', '--report-suppressed', 'r.txt'], { cwd: dir });
  assert.match(human.stdout, /（已被注释指令停用）.*sum-mismatch/);
  const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--report-suppressed', 'r.txt'], { cwd: dir })).stdout);
  assert.deepEqual(sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions).map((r: { ruleId: string }) => r.ruleId), ['sum-mismatch']);
  await cli(['check', '--fix', '--report-suppressed', 'r.txt'], { cwd: dir });
  assert.equal(fs.readFileSync(file, 'utf8'), silenced, 'a silenced finding is not fixed');
});
