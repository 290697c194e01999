/** `xxgk-report.files`: globs that add files to the checked ones or take them out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { fileVerdict } from '../../server/src/files';
import { extractedUri } from '../../server/src/import/virtual';
import { LspClient } from './harness';
import { readFileSync } from 'node:fs';

const ROOT = join(tmpdir(), 'ws');
const uri = (rel: string) => pathToFileURL(join(ROOT, rel)).href;

test('globs match the path relative to a workspace folder; `!` excludes; the last match decides', () => {
  const globs = ['报告/**/*.md', '!报告/旧/**', '报告/旧/保留.md'];
  assert.equal(fileVerdict(uri('报告/2023/局.md'), globs, [ROOT]), 'include');
  assert.equal(fileVerdict(uri('报告/旧/局.md'), globs, [ROOT]), 'exclude');
  assert.equal(fileVerdict(uri('报告/旧/保留.md'), globs, [ROOT]), 'include');
  assert.equal(fileVerdict(uri('其他/局.md'), globs, [ROOT]), undefined, 'no glob matches: the content decides');
  assert.equal(fileVerdict(uri('报告/2023/局.md'), [], [ROOT]), undefined);
  assert.equal(fileVerdict('untitled:Untitled-1', globs, [ROOT]), undefined);
});

test('a converted file is matched by its original path', () => {
  assert.equal(fileVerdict(extractedUri(uri('纪要/会议.pdf')), ['!纪要/**'], [ROOT]), 'exclude');
  assert.equal(fileVerdict(extractedUri(uri('纪要/会议.pdf')), ['!**/*.pdf'], [ROOT]), 'exclude');
});

test('LSP: an excluded report gets no diagnostics; an included memo is checked', async () => {
  const seed = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'seeds', '000_82d47b6a6cde8053.txt'), 'utf8');
  const client = await LspClient.start({ rootUri: pathToFileURL(ROOT).href, settings: { debounceMs: 0, files: ['!旧稿/**', '草稿/*.md'] } });
  try {
    const kept = uri('2017年报.txt');
    await client.open(kept, seed, 'plaintext');
    assert.ok((await client.diagnostics(kept)).diagnostics.length > 0, 'a report by its content is checked');
    const old = uri('旧稿/2017年报.txt');
    await client.open(old, seed, 'plaintext');
    assert.deepEqual((await client.diagnostics(old)).diagnostics, [], 'excluded by the setting');
    const memo = uri('草稿/提纲.md');
    const outline = '# 提纲\n\n一、会议安排\n\n三、下一步工作\n';
    await client.open(memo, outline, 'markdown');
    const found = (await client.diagnostics(memo)).diagnostics;
    assert.ok(found.some((d) => d.code === 'section-number-sequence'), `checked although it does not look like a report: ${found.map((d) => d.code).join(', ')}`);
    const elsewhere = uri('提纲.md');
    await client.open(elsewhere, outline, 'markdown');
    assert.deepEqual((await client.diagnostics(elsewhere)).diagnostics, [], 'the same text outside 草稿/ is not a report');
  } finally {
    await client.stop();
  }
});
