/** `xxgk-report draft`: standard output, --out, refusing to overwrite, --year, unreadable input, converted files. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, nextYearDraft, parseReport } from '../../shared/src/index';
import { parseArgs } from '../../server/src/cli/args';
import { cli, REPO_ROOT, seedFiles, withDir } from './helpers';

const PIPES = path.join(REPO_ROOT, 'test', 'fixtures', 'synthetic', 'gov2021-pipes.md');
const DOCX = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'docx', 'gov2021-pipes.docx');
const PDF = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'pdf', 'gov2021-pipes.pdf');
const SCANNED = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'pdf', 'scanned.pdf');

describe('draft: arguments', () => {
  test('options in any order, --lang before the command, = forms', () => {
    assert.deepEqual(parseArgs(['--lang', 'en', 'draft', '--year=2024', '--from', 'a.md', '-o', 'b.md', '--force']), {
      command: 'draft', from: 'a.md', year: 2024, out: 'b.md', force: true, lang: 'en',
    });
    assert.deepEqual(parseArgs(['draft', '--from', 'a.md']), { command: 'draft', from: 'a.md', force: false });
  });

  test('usage errors: no --from, a bad year, a stray argument, an unknown option', () => {
    for (const argv of [['draft'], ['draft', '--from', 'a', '--year', '23'], ['draft', '--from', 'a', '--year', '3000'], ['draft', '--from', 'a', 'b'], ['draft', '--from', 'a', '--fix']]) {
      assert.equal(parseArgs(argv).command, 'usage-error', argv.join(' '));
    }
  });
});

describe('draft: running', () => {
  test('to standard output: the core\'s draft for last year + 1, the summary on standard error', async () => {
    const r = await cli(['draft', '--from', PIPES]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, nextYearDraft(parseReport(fs.readFileSync(PIPES, 'utf8')).report, { year: 2023 }).markdown);
    assert.ok(r.stdout.startsWith('# 澜州市生态环境局2023年政府信息公开工作年度报告'));
    assert.match(r.stderr, /已生成 2023 年度报告草稿（gov2021 格式表格）：上年结转 7 格取自2022年度报告/);
  });

  test('--out writes a new file, refuses an existing one unless --force, never last year\'s own file', async (t) => {
    const dir = withDir(t);
    const out = path.join(dir, 'draft.md');
    const first = await cli(['draft', '--from', PIPES, '--year', '2024', '--out', out]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    const written = fs.readFileSync(out, 'utf8');
    assert.ok(written.includes('2024年1月1日起至2024年12月31日'));

    fs.writeFileSync(out, 'keep me');
    const refused = await cli(['draft', '--from', PIPES, '--out', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /已存在；要覆盖请加 --force/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'keep me');

    const forced = await cli(['draft', '--from', PIPES, '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(fs.readFileSync(out, 'utf8').startsWith('# 澜州市生态环境局2023年'));

    const copy = path.join(dir, 'last.md');
    fs.copyFileSync(PIPES, copy);
    fs.chmodSync(copy, 0o644);
    const same = await cli(['draft', '--from', copy, '--out', copy, '--force']);
    assert.equal(same.code, 2);
    assert.equal(fs.readFileSync(copy, 'utf8'), fs.readFileSync(PIPES, 'utf8'));
  });

  test('the draft written by --out is checked with only blank cells to fill', async (t) => {
    const dir = withDir(t);
    const out = path.join(dir, 'draft.md');
    assert.equal((await cli(['draft', '--from', PIPES, '--out', out])).code, 0);
    const check = await cli(['check', out]);
    assert.equal(check.code, 0, check.stdout);
    assert.deepEqual([...check.stdout.matchAll(/ (?:error|warning|info|hint) ([a-z-]+) /g)].map((m) => m[1]), ['cell-missing', 'cell-missing', 'cell-missing']);
  });

  test('a year not after last year\'s, an unreadable or missing file, a text that is not a report: exit 2', async (t) => {
    const dir = withDir(t);
    const before = await cli(['draft', '--from', PIPES, '--year', '2022']);
    assert.equal(before.code, 2);
    assert.match(before.stderr, /不在上年报告的年度 2022 之后/);
    const scanned = await cli(['draft', '--from', SCANNED]);
    assert.equal(scanned.code, 2);
    assert.match(scanned.stderr, /扫描件/);
    const missing = await cli(['draft', '--from', path.join(dir, 'nope.md'), '--lang', 'en']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.md: no such file or directory/);
    const memo = path.join(dir, 'memo.txt');
    fs.writeFileSync(memo, '会议纪要\n\n今天开会讨论了三件事。\n');
    const notReport = await cli(['draft', '--from', memo]);
    assert.equal(notReport.code, 2);
    assert.match(notReport.stderr, /不像政府信息公开工作年度报告/);
    assert.equal(notReport.stdout, '');
  });

  for (const [name, file] of [['Word', DOCX], ['PDF', PDF]] as const) {
    test(`a ${name} file: read as check reads it, a 2021-format draft the checker reads whole`, async () => {
      const r = await cli(['draft', '--from', file]);
      assert.equal(r.code, 0, r.stderr);
      const { report, findings } = analyze(r.stdout, { reuse: false });
      assert.equal(report.year, 2023);
      assert.deepEqual(report.tables.map((x) => x.kind), ['active', 'requests', 'review']);
      const r2 = report.tables[1].rows.find((x) => x.indicator === 'R2')!;
      assert.deepEqual(r2.cells.map((c) => c.value), [1, 1, 0, 1, 0, 0, 3]);
      assert.deepEqual(findings.filter((f) => f.ruleId !== 'cell-missing').map((f) => f.ruleId), []);
    });
  }

  test('an old-format seed: the 2021 tables, and the summary says the carry-over is left empty', async () => {
    const r = await cli(['draft', '--from', seedFiles()[0], '--year', '2024', '--lang', 'en']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /carry-over row left empty \(last year had the old statistics table\)/);
    assert.deepEqual(parseReport(r.stdout).report.tables.map((x) => `${x.kind}:${x.template}`), ['active:gov2021', 'requests:gov2021', 'review:gov2021']);
  });

  test('the help names the command in both languages', async () => {
    assert.match((await cli(['--help'])).stdout, /xxgk-report draft --from <上年报告>/);
    assert.match((await cli(['--help', '--lang', 'en'])).stdout, /xxgk-report draft --from <last year's report>/);
  });
});
