/**
 * `xxgk-report/tables` on the real bundled server: an open document's tables with LSP ranges (following edits), a
 * Word file that is not open read from disk (ranges in its converted text), and the comparison with last year.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver-protocol';
import type { TableComparison, TableViewData } from '../../shared/src/index';
import { LspClient, ROOT, textAt } from './harness';

const SEED_PATH = join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt');
const SEED = readFileSync(SEED_PATH, 'utf8');
const DOCX = join(ROOT, 'test', 'fixtures', 'import', 'docx', 'broken-outcome-total-mismatch-2.docx');

interface Tables {
  readonly uri: string;
  readonly version?: number;
  readonly data: TableViewData<Range>;
  readonly previous?: { uri: string; data: TableViewData<Range> } | { error: string };
  readonly comparison?: TableComparison;
  readonly error?: string;
}

describe('LSP: xxgk-report/tables', () => {
  let client: LspClient;
  const uri = 'untitled:seed-004';

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, SEED);
  });
  after(async () => {
    await client.stop();
  });

  test('an open report: the wrong total with its range, computed sum and status; follows an edit', async () => {
    const result = await client.request<Tables>('xxgk-report/tables', { uri });
    assert.equal(result.error, undefined);
    assert.equal(result.uri, uri);
    assert.equal(result.version, 1);
    const replies = result.data.tables[0].rows.find((r) => r.label.includes('申请答复数'));
    assert.ok(replies);
    const [cell] = replies.cells;
    assert.equal(cell.status, 'wrong');
    assert.equal(cell.versus, '写 17 / 算 29');
    assert.deepEqual(cell.range, { start: { line: 247, character: 0 }, end: { line: 247, character: 2 } });
    assert.equal(textAt(SEED, cell.range), '17');
    assert.equal(result.data.tables[0].summary, '统计表：已读取 · 2 处错误');
    // The user types the sum: the next answer is of the new version, the sum no longer wrong.
    const doc = await client.change(uri, cell.range, '29');
    const again = await client.request<Tables>('xxgk-report/tables', { uri });
    assert.equal(again.version, doc.version);
    const fixed = again.data.tables[0].rows.find((r) => r.label.includes('申请答复数'))!.cells[0];
    assert.equal(fixed.raw, '29');
    assert.ok(!fixed.findings.some((f) => f.ruleId === 'sum-mismatch'), 'the sum holds');
    // 29 now differs from 申请办结数 17, which replies-concluded-differ reports on this cell.
    assert.deepEqual(fixed.findings.map((f) => f.ruleId), ['replies-concluded-differ']);
    assert.equal(textAt(doc.text, fixed.range), '29');
    await client.change(uri, fixed.range, '17');
  });

  test('a Word file that is not open: read from disk, ranges in its converted text', async () => {
    const file = pathToFileURL(DOCX).href;
    const result = await client.request<Tables>('xxgk-report/tables', { uri: file });
    assert.equal(result.error, undefined);
    assert.equal(result.version, undefined);
    assert.match(result.uri, /^xxgk-report-extract:.*broken-outcome-total-mismatch-2\.docx\.txt$/);
    const requests = result.data.tables.find((t) => t.kind === 'requests');
    assert.ok(requests);
    const wrong = requests.rows.flatMap((r) => r.cells.filter((c) => c.status === 'wrong').map((c) => ({ label: r.label, c })));
    assert.ok(wrong.some((w) => /总计/.test(w.label) && w.c.findings.some((f) => f.ruleId === 'outcome-total-mismatch')), JSON.stringify(wrong.map((w) => w.label)));
    const notOpen = await client.request<Tables>('xxgk-report/tables', { uri: file, openOnly: true });
    assert.match(String(notOpen.error), /文档未打开/);
    const missing = await client.request<Tables>('xxgk-report/tables', { uri: pathToFileURL(join(ROOT, 'no-such-report.txt')).href });
    assert.match(String(missing.error), /无法读取/);
  });

  test('compareWith: last year\'s tables and the cells that differ', async () => {
    const result = await client.request<Tables>('xxgk-report/tables', { uri, compareWith: pathToFileURL(SEED_PATH).href });
    assert.ok(result.previous && 'data' in result.previous, JSON.stringify(result.previous));
    assert.equal(result.previous.uri, pathToFileURL(SEED_PATH).href);
    // The same figures in both: nothing differs.
    assert.deepEqual(result.comparison?.changedNow, []);
    const failed = await client.request<Tables>('xxgk-report/tables', { uri, compareWith: 'https://example.invalid/report.txt' });
    assert.ok(failed.previous && 'error' in failed.previous);
    assert.ok(failed.data.tables.length > 0, 'this year\'s tables even when last year\'s cannot be read');
  });
});
