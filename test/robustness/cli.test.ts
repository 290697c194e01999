/**
 * CLI input safety beyond test/cli (which covers binary, empty, UTF-16 with BOM, GB18030 and
 * non-round-tripping GB18030 files, symlink loops, unreadable inputs and atomic writes):
 * thousands of files, special files (FIFOs, devices), undecodable files under --fix, a file that
 * changes while it is checked, and --fix on every encoding × line-ending combination, with astral
 * characters, byte-compared against what the fix should write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import * as iconv from 'iconv-lite';
import { collectFiles } from '../../server/src/cli/walk';
import { nodeFsImpl } from '../../server/src/cli/io';
import { cli, json, seedFiles, withDir } from '../cli/helpers';
import { ensureServerBuilt, ROOT } from '../server/harness';

const SEED_000 = (): string => seedFiles().find((f) => path.basename(f).startsWith('000_'))!;
const TOTAL_LINE = '(一) 收到申请数\t件\t31';
const BROKEN_LINE = '(一) 收到申请数\t件\t32';




/** Runs the bundled CLI (dist/cli.js) with a hard time limit; `timedOut` when it had to be killed. */
function runBin(args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  ensureServerBuilt();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

test('a directory of 3,000 files (and 60 levels deep) is walked and checked; every file is reported once', async (t) => {
  const dir = withDir(t);
  const seed = fs.readFileSync(SEED_000(), 'utf8');
  const small = '2021年政府信息公开工作年度报告\n一、总体情况\n本年度收到申请12件。\n';
  for (let d = 0; d < 30; d++) {
    const sub = path.join(dir, `d${String(d).padStart(2, '0')}`);
    fs.mkdirSync(sub);
    for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(sub, `r${String(i).padStart(3, '0')}.txt`), i === 0 ? seed : small);
  }
  let deep = dir;
  for (let k = 0; k < 60; k++) deep = path.join(deep, `n${k}`);
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(deep, 'deep.md'), small);
  const t0 = Date.now();
  const r = await json(['.'], { cwd: dir });
  const ms = Date.now() - t0;
  assert.equal(r.doc.files.length, 3001);
  assert.equal(new Set(r.doc.files.map((f) => f.file)).size, 3001);
  assert.equal(r.doc.summary.unreadable, 0);
  assert.ok(r.doc.files.every((f) => f.error === undefined));
  t.diagnostic(`3,001 files checked in ${ms} ms on one thread`);
});

test('--fix: every encoding × line ending, with characters outside the BMP, writes exactly the fixed bytes', async (t) => {
  const dir = withDir(t);
  const base = fs.readFileSync(SEED_000(), 'utf8');
  assert.ok(base.includes(TOTAL_LINE));
  // Astral characters (surrogate pairs in UTF-16, 4-byte sequences in UTF-8 and GB18030) before the fix.
  const lines = base.replace(TOTAL_LINE, BROKEN_LINE).split('\n');
  lines[1] = `𠀀𝟏😀${lines[1]}`;
  const eols: Record<string, (ls: string[]) => string> = {
    lf: (ls) => ls.join('\n'),
    crlf: (ls) => ls.join('\r\n'),
    cr: (ls) => ls.join('\r'),
    mixed: (ls) => ls.map((l, i) => (i === ls.length - 1 ? l : l + ['\n', '\r\n', '\r'][i % 3])).join(''),
  };
  const encodings: Record<string, (s: string) => Buffer> = {
    utf8: (s) => Buffer.from(s, 'utf8'),
    bom: (s) => Buffer.from(`\ufeff${s}`, 'utf8'),
    le: (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
    be: (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
    gb: (s) => iconv.encode(s, 'gb18030'),
  };
  const expected = new Map<string, Buffer>();
  for (const [e, join] of Object.entries(eols)) {
    const broken = join(lines);
    const fixed = broken.replace(BROKEN_LINE, TOTAL_LINE);
    for (const [enc, encode] of Object.entries(encodings)) {
      const name = `${enc}-${e}.txt`;
      fs.writeFileSync(path.join(dir, name), encode(broken));
      expected.set(name, encode(fixed));
    }
  }
  const r = await json(['--fix', '.'], { cwd: dir });
  assert.equal(r.doc.summary.fixed, expected.size, JSON.stringify(r.doc.files.filter((f) => f.fixed !== 1).map((f) => [f.file, f.note])));
  for (const [name, bytes] of expected) assert.ok(fs.readFileSync(path.join(dir, name)).equals(bytes), `${name}: bytes differ from the exactly fixed file`);
  assert.deepEqual(fs.readdirSync(dir).sort(), [...expected.keys()].sort(), 'no temporary files left');
  const again = await json(['--fix', '.'], { cwd: dir });
  assert.equal(again.doc.summary.fixed, 0, 'a second --fix has nothing left to do');
});

test('--fix never touches a file it could not decode exactly: bytes, mtime and directory unchanged', async (t) => {
  const dir = withDir(t);
  const broken = fs.readFileSync(SEED_000(), 'utf8').replace(TOTAL_LINE, BROKEN_LINE);
  const files: Record<string, Buffer> = {
    // UTF-16 LE with a lone high surrogate: not decodable.
    'utf16-lone-surrogate.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(broken, 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
    // UTF-16 LE without a BOM: NUL bytes, taken for binary.
    'utf16-no-bom.txt': Buffer.from(broken, 'utf16le'),
    // UTF-8 with one invalid byte in the middle, and also not GB18030.
    'utf8-invalid.txt': Buffer.concat([Buffer.from(broken.slice(0, 500), 'utf8'), Buffer.from([0xff, 0xff]), Buffer.from(broken.slice(500), 'utf8')]),
    // A UTF-8 BOM followed by GB18030 bytes.
    'bom-then-gb.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(broken, 'gb18030')]),
    // GB18030 whose 0x80 byte decodes to € but does not encode back.
    'gb-not-roundtrip.txt': Buffer.concat([iconv.encode(broken, 'gb18030'), Buffer.from([0x80])]),
    // NUL bytes late in an otherwise fine file: decodes; the fix keeps them.
    'late-nul.txt': Buffer.concat([Buffer.from(broken, 'utf8'), Buffer.alloc(3), Buffer.from('\n', 'utf8')]),
  };
  const old = new Date(2001, 0, 1);
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), bytes);
    fs.utimesSync(path.join(dir, name), old, old);
  }
  const r = await json(['--fix', '.'], { cwd: dir });
  const byName = Object.fromEntries(r.doc.files.map((f) => [f.file, f]));
  for (const name of Object.keys(files)) {
    const after = fs.readFileSync(path.join(dir, name));
    if (name === 'late-nul.txt') {
      assert.equal(byName[name].fixed, 1);
      assert.ok(after.equals(Buffer.concat([Buffer.from(broken.replace(BROKEN_LINE, TOTAL_LINE), 'utf8'), Buffer.alloc(3), Buffer.from('\n')])));
      continue;
    }
    assert.ok(after.equals(files[name]), `${name} was changed`);
    assert.equal(fs.statSync(path.join(dir, name)).mtimeMs, old.getTime(), `${name} was rewritten`);
    assert.ok(!byName[name].fixed, `${name}: fixed ${byName[name].fixed}`);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), Object.keys(files).sort(), 'no temporary files left');
});

test('--fix: a file that changes while it is checked is not overwritten', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, fs.readFileSync(SEED_000(), 'utf8').replace(TOTAL_LINE, BROKEN_LINE));
  let reads = 0;
  const r = await cli(['check', '--fix', '--lang', 'en', file], {
    fs: {
      readFileSync: (p: string) => {
        const bytes = nodeFsImpl.readFileSync(p);
        // Another program saves the file just after it was read.
        if (p === file && reads++ === 0) fs.appendFileSync(file, '\n补充一行。\n');
        return bytes;
      },
    },
  });
  assert.match(r.stderr, /changed while it was being checked/);
  assert.ok(fs.readFileSync(file, 'utf8').endsWith('补充一行。\n'), 'the other program\'s save survives');
  assert.equal(r.code, 2);
});

test('an unreadable file (chmod 000) is reported and the others are checked', { skip: process.getuid?.() === 0 ? 'running as root: permissions are not enforced (test/cli covers EACCES with a fake fs)' : false }, async (t) => {
  const dir = withDir(t);
  fs.copyFileSync(SEED_000(), path.join(dir, 'a.txt'));
  fs.copyFileSync(SEED_000(), path.join(dir, 'b.txt'));
  fs.chmodSync(path.join(dir, 'b.txt'), 0o000);
  const r = await json(['.'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.doc.summary.unreadable, 1);
});

// Special files: the walk takes any non-directory with a report extension, and a path named on the
// command line is read whatever it is. Reading a FIFO blocks forever; reading a character device
// such as /dev/zero never ends and fills the memory (2.3 GB in 8 s). Only regular files are read now.
test('special files: a FIFO or a link to /dev/zero named *.txt in a walked directory is not read', (t) => {
  const dir = withDir(t);
  fs.writeFileSync(path.join(dir, 'ok.txt'), 'x');
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
  const fifo = spawnMkfifo(path.join(dir, 'fifo.txt'));
  const got = collectFiles(['.'], nodeFsImpl, dir);
  const readable = got.filter((e) => e.error === undefined).map((e) => e.path);
  assert.deepEqual(readable, ['ok.txt'], `entries that would be read: ${readable.join(', ')}${fifo ? '' : ' (mkfifo unavailable)'}`);
});

test('special files: `check fifo.txt` and `check <dir with a FIFO>` end with a note instead of blocking', async (t) => {
  const dir = withDir(t);
  fs.copyFileSync(SEED_000(), path.join(dir, 'ok.txt'));
  if (!spawnMkfifo(path.join(dir, 'fifo.txt'))) {
    t.skip('mkfifo unavailable');
    return;
  }
  const named = await runBin(['check', 'fifo.txt'], dir, 5000);
  assert.equal(named.timedOut, false, '`check fifo.txt` blocked');
  const walked = await runBin(['check', '.'], dir, 5000);
  assert.equal(walked.timedOut, false, '`check .` blocked on fifo.txt');
  assert.match(walked.stdout, /ok\.txt/);
});

/** Makes a FIFO with mkfifo(1); false when that is not possible here. */
function spawnMkfifo(p: string): boolean {
  try {
    return spawnSync('mkfifo', [p]).status === 0 && fs.statSync(p).isFIFO();
  } catch {
    return false;
  }
}
