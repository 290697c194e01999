import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../server/src/cli/atomicWrite';
import { nodeFsImpl } from '../../server/src/cli/io';
import { errnoError, rmDir, tmpDir } from './helpers';

test('replaces the file, keeps its mode, leaves no temporary file', (t) => {
  const dir = tmpDir();
  t.after(() => rmDir(dir));
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o640);
  const inodeBefore = fs.statSync(file).ino;
  writeFileAtomic(nodeFsImpl, file, Buffer.from('new'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.notEqual(fs.statSync(file).ino, inodeBefore, 'a new file was renamed over the old one');
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
});

test('writes through a symbolic link, keeping the link', (t) => {
  const dir = tmpDir();
  t.after(() => rmDir(dir));
  const real = path.join(dir, 'real.txt');
  const link = path.join(dir, 'link.txt');
  fs.writeFileSync(real, 'old');
  fs.symlinkSync('real.txt', link);
  writeFileAtomic(nodeFsImpl, link, Buffer.from('new'));
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(fs.readFileSync(real, 'utf8'), 'new');
});

test('a failed rename leaves the original untouched and removes the temporary file', (t) => {
  const dir = tmpDir();
  t.after(() => rmDir(dir));
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'old');
  const failing = {
    ...nodeFsImpl,
    renameSync: () => {
      throw errnoError('EXDEV');
    },
  };
  assert.throws(() => writeFileAtomic(failing, file, Buffer.from('new')), /EXDEV/);
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
});

test('a failed write (disk full) leaves the original untouched', (t) => {
  const dir = tmpDir();
  t.after(() => rmDir(dir));
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'old');
  const failing = {
    ...nodeFsImpl,
    writeFileSync: (p: string, data: Uint8Array, o: { mode: number; flag: string }) => {
      nodeFsImpl.writeFileSync(p, data.subarray(0, 1), o);
      throw errnoError('ENOSPC');
    },
  };
  assert.throws(() => writeFileAtomic(failing, file, Buffer.from('new')), /ENOSPC/);
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
});
