/**
 * `xxgk-report/nextDraft` on the real bundled server: an open report (its unsaved text), a Word file read from disk,
 * the same bytes as the CLI's `draft`, and the refusals (bad parameters, a year not after last year's).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nextYearDraft, parseReport, PREVIOUS_TEXT_MARK } from '../../shared/src/index';
import { LspClient, ROOT } from './harness';

const PIPES = readFileSync(join(ROOT, 'test', 'fixtures', 'synthetic', 'gov2021-pipes.md'), 'utf8');
const DOCX = join(ROOT, 'test', 'fixtures', 'import', 'docx', 'gov2021-pipes.docx');

type Result = { markdown: string; year: number; fromYear?: number; message: string } | { error: string; needYear?: true; fromYear?: number };

describe('LSP: xxgk-report/nextDraft', () => {
  let client: LspClient;
  const uri = 'untitled:last-year';

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, PIPES, 'markdown');
  });
  after(async () => {
    await client.stop();
  });

  test('an open report: next year by default, the core\'s draft byte for byte, a one-line summary', async () => {
    const r = await client.request<Result>('xxgk-report/nextDraft', { uri });
    assert.ok('markdown' in r, JSON.stringify(r));
    assert.equal(r.year, 2023);
    assert.equal(r.fromYear, 2022);
    assert.equal(r.markdown, nextYearDraft(parseReport(PIPES).report, { year: 2023 }).markdown);
    assert.ok(r.markdown.startsWith('# 澜州市生态环境局2023年政府信息公开工作年度报告'));
    assert.match(r.message, /上年结转 7 格/);
  });

  test('a year asked for; one not after last year\'s is refused with needYear', async () => {
    const r = await client.request<Result>('xxgk-report/nextDraft', { uri, year: 2025 });
    assert.ok('markdown' in r && r.markdown.includes('2025年1月1日起至2025年12月31日'));
    const bad = await client.request<Result>('xxgk-report/nextDraft', { uri, year: 2022 });
    assert.ok('error' in bad && bad.needYear === true && bad.fromYear === 2022, JSON.stringify(bad));
    const invalid = await client.request<Result>('xxgk-report/nextDraft', { uri, year: 'next' });
    assert.ok('error' in invalid);
  });

  test('a Word file that is not open is read from disk', async () => {
    const r = await client.request<Result>('xxgk-report/nextDraft', { uri: pathToFileURL(DOCX).toString() });
    assert.ok('markdown' in r, JSON.stringify(r));
    assert.equal(r.fromYear, 2022);
    assert.ok(r.markdown.includes(PREVIOUS_TEXT_MARK));
    assert.deepEqual(parseReport(r.markdown).report.tables.map((t) => t.kind), ['active', 'requests', 'review']);
  });
});
