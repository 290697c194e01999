/**
 * The editor compares a report with last year's report of the same body: among the open documents, or found on
 * disk in the workspace folder (indexed in the background). Related locations point into last year's document.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './harness';
import { requestsTable, SIX, yearReport } from '../support/yearPair';

const BODY = '某县交通运输局';
const LAST = yearReport(BODY, 2021, requestsTable({ carriedIn: SIX(0, 0, 0, 0, 0, 0), published: SIX(6, 1, 0, 0, 0, 0), unable: SIX(2, 0, 0, 0, 0, 0), carriedOut: SIX(3, 1, 0, 0, 0, 0) }));
/** 商业企业 carried in 0 where last year carried 1 out; 总计 3 against 4. */
const NOW = yearReport(BODY, 2022, requestsTable({ carriedIn: SIX(3, 0, 0, 0, 0, 0), published: SIX(5, 0, 0, 0, 0, 0), unable: SIX(1, 0, 0, 0, 0, 0), carriedOut: SIX(2, 0, 0, 0, 0, 0) }));

const carry = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code === 'carryover-mismatch');
const lineOf = (text: string, line: number) => text.split('\n')[line];

describe('LSP: cross-year findings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-crossyear-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('with last year\'s report open, the carry-over is compared and related to last year\'s cell', async () => {
    const client = await LspClient.start();
    try {
      const lastUri = pathToFileURL(join(dir, 'open-2021.md')).href;
      const nowUri = pathToFileURL(join(dir, 'open-2022.md')).href;
      await client.open(lastUri, LAST);
      await client.open(nowUri, NOW);
      const p = await client.diagnostics(nowUri, (x) => carry(x.diagnostics).length > 0);
      const found = carry(p.diagnostics);
      assert.equal(found.length, 2);
      assert.equal(found[0].severity, 1);
      for (const d of found) {
        const rel = d.relatedInformation?.[0];
        assert.ok(rel, 'related information');
        assert.equal(rel.location.uri, lastUri);
        assert.match(lineOf(LAST, rel.location.range.start.line), /^\| 四、结转下年度继续办理/);
        assert.match(lineOf(NOW, d.range.start.line), /^\| 二、上年结转/);
      }
      // Last year's report itself has nothing to compare with (2020 is not there).
      const own = await client.diagnostics(lastUri);
      assert.deepEqual(carry(own.diagnostics), []);
    } finally {
      await client.stop();
    }
  });

  test('a last year\'s report written after the workspace was listed is found when the client says files changed', async () => {
    const folder = mkdtempSync(join(dir, 'late-'));
    const client = await LspClient.start({ rootUri: pathToFileURL(folder).href });
    try {
      // The first check lists the (empty) workspace; the file appears a moment later.
      const nowUri = pathToFileURL(join(folder, '2022.md')).href;
      await client.open(nowUri, NOW);
      await client.diagnostics(nowUri);
      const lastPath = join(folder, '2021.md');
      writeFileSync(lastPath, LAST);
      // What a client watching the workspace's report files sends (VS Code does, on the server's registration).
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(lastPath).href, type: 1 }] });
      const p = await client.diagnostics(nowUri, (x) => carry(x.diagnostics).length > 0, 20_000);
      assert.equal(carry(p.diagnostics)[0].relatedInformation?.[0].location.uri, pathToFileURL(lastPath).href);
    } finally {
      await client.stop();
    }
  });

  test('last year\'s report on disk in the workspace folder is found without being opened', async () => {
    const folder = mkdtempSync(join(dir, 'ws-'));
    const lastPath = join(folder, '2021年度报告.md');
    writeFileSync(lastPath, LAST);
    writeFileSync(join(folder, '会议纪要.md'), '# 会议纪要\n\n讨论了2022年工作安排。\n');
    const client = await LspClient.start({ rootUri: pathToFileURL(folder).href });
    try {
      const nowUri = pathToFileURL(join(folder, '2022年度报告.md')).href;
      await client.open(nowUri, NOW);
      const p = await client.diagnostics(nowUri, (x) => carry(x.diagnostics).length > 0);
      const rel = carry(p.diagnostics)[0].relatedInformation?.[0];
      assert.equal(rel?.location.uri, pathToFileURL(lastPath).href);
      const answer = await client.request<{ uri: string; year?: number } | null>('xxgk-report/previousReport', { uri: nowUri });
      assert.deepEqual(answer, { uri: pathToFileURL(lastPath).href, year: 2021 });
      // Another body's report finds nothing.
      const otherUri = pathToFileURL(join(folder, 'other.md')).href;
      await client.open(otherUri, NOW.replace(BODY, '某县教育局'));
      await client.diagnostics(otherUri);
      assert.equal(await client.request('xxgk-report/previousReport', { uri: otherUri }), null);
    } finally {
      await client.stop();
    }
  });
});
