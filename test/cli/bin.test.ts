/**
 * The bundled binary, run as a separate process: bundled the way scripts/build.mjs bundles
 * dist/cli.js (esbuild, CommonJS, node20, shebang), into a temporary directory.
 */
import { before, after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { JsonReportSchema } from '../../server/src/cli/jsonSchema';
import { REPO_ROOT, copyWritable, rmDir, seedFiles, tmpDir } from './helpers';

let dir = '';
let cli = '';

before(async () => {
  dir = tmpDir('xxgk-bin-');
  cli = path.join(dir, 'cli.js');
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'server/src/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    banner: { js: '#!/usr/bin/env node' },
  });
  fs.chmodSync(cli, 0o755);
  const work = path.join(dir, 'seeds');
  fs.mkdirSync(work, { recursive: true });
  for (const f of seedFiles()) copyWritable(f, path.join(work, path.basename(f)));
});

after(() => rmDir(dir));

function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(cli, args, {
    cwd: opts.cwd ?? dir,
    input: opts.input,
    env: { PATH: process.env.PATH ?? '', LANG: 'zh_CN.UTF-8', ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--version prints the package version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const r = runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${pkg.version}\n`);
});

test('--help in English from LANG, exit codes listed', () => {
  const r = runCli(['--help'], { env: { LANG: 'en_US.UTF-8' } });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Exit codes:/);
  assert.match(r.stdout, /UTF-16 code units/);
});

test('usage error exits 2 with a message on stderr', () => {
  const r = runCli(['check']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^xxgk-report: /);
});

test('checks the seeds as JSON; output validates; piped output has no colour or progress', () => {
  const r = runCli(['check', '--format', 'json', 'seeds']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(doc.files.length, seedFiles().length);
  assert.equal(r.stderr, '');
  const human = runCli(['check', 'seeds']);
  assert.equal(human.code, r.code);
  assert.ok(!human.stdout.includes('\x1b['));
  assert.ok(!human.stderr.includes('\r'));
});

test('reads standard input for "-"', () => {
  const text = fs.readFileSync(seedFiles()[0]);
  const r = runCli(['check', '--format', 'json', '-'], { input: text });
  const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(doc.files[0].file, '<stdin>');
  assert.equal(doc.files[0].encoding, 'utf-8');
});

test('an unreadable path exits 2 and the rest is still checked', () => {
  const r = runCli(['check', '--format', 'json', 'missing.txt', path.join(dir, 'seeds')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /xxgk-report: 无法读取 missing\.txt：文件或目录不存在/);
  const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(doc.summary.unreadable, 1);
  assert.equal(doc.files.length, seedFiles().length + 1);
});

test('the bundle checks many files on worker threads with the same output as one thread', () => {
  const many = path.join(dir, 'many');
  fs.mkdirSync(many);
  const seeds = seedFiles();
  for (let i = 0; i < 40; i++) copyWritable(seeds[i % seeds.length], path.join(many, `r${String(i).padStart(2, '0')}.txt`));
  const one = runCli(['check', '--format', 'json', '-j', '1', 'many']);
  const four = runCli(['check', '--format', 'json', '-j', '4', 'many']);
  assert.equal(four.stdout, one.stdout);
  assert.equal(four.code, one.code);
  assert.equal(JsonReportSchema.parse(JSON.parse(four.stdout)).files.length, 40);
});

test('a closed pipe ends the run quietly', () => {
  const pipeDir = path.join(dir, 'pipe');
  fs.mkdirSync(pipeDir);
  const seeds = seedFiles();
  for (let i = 0; i < 60; i++) copyWritable(seeds[i % seeds.length], path.join(pipeDir, `r${String(i).padStart(2, '0')}.txt`));
  const r = spawnSync('sh', ['-c', `"${cli}" check pipe | head -n 1 >/dev/null`], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'zh_CN.UTF-8' },
  });
  assert.equal(r.stderr, '');
});

test('the built dist/cli.js reads PDFs on its own: pdf.js inside the bundle, the GB CMaps beside it', () => {
  // A copy away from node_modules: nothing may be found there.
  const alone = path.join(dir, 'alone');
  fs.mkdirSync(path.join(alone, 'cmaps'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'cli.js'), path.join(alone, 'cli.js'));
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'dist', 'cmaps'))) fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'cmaps', f), path.join(alone, 'cmaps', f));
  const pdfs = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'pdf');
  const r = spawnSync(process.execPath, [path.join(alone, 'cli.js'), 'check', '--format', 'json', path.join(pdfs, 'unigb.pdf'), path.join(pdfs, 'broken-outcome-total-mismatch-2.pdf')], { cwd: alone, encoding: 'utf8' });
  const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
  const by = (name: string) => doc.files.find((f) => f.file.endsWith(name))!;
  // unigb.pdf's font needs the UniGB-UCS2-H CMap: without the files its text could not be decoded.
  assert.equal(by('unigb.pdf').error, undefined, by('unigb.pdf').error);
  assert.equal(by('unigb.pdf').format, 'pdf');
  assert.deepEqual(by('mismatch-2.pdf').findings.map((f) => [f.rule, f.source?.page]), [['outcome-total-mismatch', 4], ['outcome-total-mismatch', 4]]);
});
