import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles } from '../../server/src/cli/walk';
import { nodeFsImpl } from '../../server/src/cli/io';
import { rmDir, tmpDir } from './helpers';

function layout(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

test('walks report files (text, web pages, Word, PDF, legacy Word to refuse) recursively, sorted, skipping node_modules and dot-dirs', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, {
    'b.txt': '',
    'a.md': '',
    'A.TXT': '',
    'notes.doc': '',
    'page.HTM': '',
    'r.docx': '',
    'r.pdf': '',
    'sheet.xlsx': '',
    'image.png': '',
    'sub/z.txt': '',
    'sub/deeper/y.md': '',
    'node_modules/pkg/readme.md': '',
    '.git/x.txt': '',
    '.hidden.txt': '',
  });
  const got = collectFiles(['.'], nodeFsImpl, root);
  assert.deepEqual(
    got.map((e) => e.path),
    ['A.TXT', 'a.md', 'b.txt', 'notes.doc', 'page.HTM', 'r.docx', 'r.pdf', 'sub/deeper/y.md', 'sub/z.txt'],
  );
  assert.ok(got.every((e) => e.error === undefined && path.isAbsolute(e.abs)));
});

test('a file named on the command line is checked whatever its extension; missing paths are errors', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, { 'report.html': '', 'd/a.txt': '' });
  const got = collectFiles(['report.html', 'missing.txt', 'd'], nodeFsImpl, root);
  assert.deepEqual(
    got.map((e) => [e.path, e.error?.code]),
    [
      ['d/a.txt', undefined],
      ['missing.txt', 'ENOENT'],
      ['report.html', undefined],
    ],
  );
});

test('symlink loops are not followed forever; dangling and looping links to report files are errors', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, { 'r/a.txt': '', 'r/sub/b.txt': '' });
  fs.symlinkSync('..', path.join(root, 'r/sub/up')); // a loop back to r/
  fs.symlinkSync(path.join(root, 'r'), path.join(root, 'r/self'));
  fs.symlinkSync('nowhere.txt', path.join(root, 'r/dangling.txt'));
  fs.symlinkSync('loop2.txt', path.join(root, 'r/loop1.txt'));
  fs.symlinkSync('loop1.txt', path.join(root, 'r/loop2.txt'));
  fs.symlinkSync('a.txt', path.join(root, 'r/alias.txt')); // the same real file as a.txt
  fs.symlinkSync('nothing', path.join(root, 'r/dangling-other')); // not a report name: ignored
  const got = collectFiles(['r'], nodeFsImpl, root);
  assert.deepEqual(
    got.map((e) => [e.path, e.error?.code]),
    [
      ['r/a.txt', undefined],
      ['r/dangling.txt', 'ENOENT'],
      ['r/loop1.txt', 'ELOOP'],
      ['r/loop2.txt', 'ELOOP'],
      ['r/sub/b.txt', undefined],
    ],
  );
});

test('a directory named x.txt is walked, not read', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, { 'x.txt/inner.md': '' });
  assert.deepEqual(
    collectFiles([root], nodeFsImpl, '/').map((e) => e.path),
    [path.join(root, 'x.txt/inner.md')],
  );
});

test('the same file named twice is checked once', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, { 'a.txt': '' });
  assert.deepEqual(
    collectFiles(['a.txt', './a.txt', '.'], nodeFsImpl, root).map((e) => e.path),
    ['./a.txt'],
  );
});

test('an unlistable directory is reported', (t) => {
  const root = tmpDir();
  t.after(() => rmDir(root));
  layout(root, { 'd/a.txt': '' });
  const fsx = {
    ...nodeFsImpl,
    readdirSync: (): string[] => {
      const e = new Error('EACCES') as NodeJS.ErrnoException;
      e.code = 'EACCES';
      throw e;
    },
  };
  assert.deepEqual(
    collectFiles(['d'], fsx, root).map((e) => [e.path, e.error?.code]),
    [['d', 'EACCES']],
  );
});
