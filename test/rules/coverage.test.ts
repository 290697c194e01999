/**
 * Coverage (shared/src/rules/coverage.ts) and table-unread: what was read of each expected table, said in every
 * output, so that a report whose tables were not read is never summarised as "未发现问题".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, blankTables, reportCoverage } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';
import { cli, json, withDir } from '../cli/helpers';

const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');
/** The draft as a web page copied into one line: no tabs, each row's digits run together (`1010012`). */
const DUMP = DRAFT.split('\n').map((l) => l.replace(/\t/g, '')).join('');

test('every fixture: every table read in full, except seed 002, which lacks two rows', () => {
  const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic'].map((d) => join(ROOT, d)).filter(existsSync);
  let checked = 0;
  for (const dir of dirs) {
    for (const file of fixtureFiles(dir)) {
      const fx = loadFixture(file);
      const c = reportCoverage(analyze(fx.text, { ...fx.options, reuse: false }).report);
      checked++;
      if (file.includes('002_')) {
        assert.equal(c.verdict, 'incomplete');
        assert.deepEqual(c.tables.map((t) => [t.kind, t.state, t.cells?.read, t.cells?.expected]), [['stats', 'partial', 56, 58]]);
        assert.deepEqual(c.tables[0].missingRows, ['七、依申请公开信息收取的费用', '（三）接受培训人员数']);
        continue;
      }
      assert.equal(c.verdict, 'complete', `${file}: ${JSON.stringify(c.tables)}`);
    }
  }
  assert.ok(checked > 40);
});

test('a one-line web dump: each table unreadable, a warning each, and the coverage says so', () => {
  const { report, findings } = analyze(DUMP, { reuse: false });
  assert.equal(report.tables.length, 0);
  const c = reportCoverage(report);
  assert.equal(c.template, 'gov2021');
  assert.deepEqual(c.tables.map((t) => t.state), ['unreadable', 'unreadable', 'unreadable']);
  const unread = findings.filter((f) => f.ruleId === 'table-unread');
  assert.deepEqual(unread.map((f) => f.message.zh), ['表二（主动公开）未能读取：本表数字未核对。', '表三（收到和处理申请）未能读取：本表数字未核对。', '表四（行政复议、行政诉讼）未能读取：本表数字未核对。']);
  assert.ok(unread.every((f) => f.severity === 'warning'));
  assert.ok(DUMP.slice(unread[1].span.start, unread[1].span.end).length > 0, 'the finding sits on the table\'s label in the text');
});

test('the blank official tables (just inserted): read with every cell blank, never unreadable; the blanks are to fill', () => {
  const text = `某县人民政府办公室2023年政府信息公开工作年度报告\n\n${blankTables('gov2021', 'pipes')}`;
  const { report, findings } = analyze(text, { reuse: false });
  const c = reportCoverage(report);
  // Every official row is there with its cells written out blank: the tables are read (a draft to fill in).
  assert.deepEqual(c.tables.map((t) => t.state), ['read', 'read', 'read'], JSON.stringify(c.tables));
  assert.ok(report.tables.every((t) => t.rows.every((r) => r.cells.every((x) => x.state === 'missing'))));
  assert.deepEqual(findings.filter((f) => f.ruleId === 'table-unread'), []);
  assert.deepEqual(findings.filter((f) => f.ruleId === 'cell-missing').map((f) => (f.data as { table: string }).table), ['active', 'requests', 'review']);
});

test('official labels whose cells were lost (no cells at all) are still not a blank table', () => {
  const labels = blankTables('gov2021', 'tabs').split('\n').map((l) => l.split('\t')[0]).join('\n');
  const { report } = analyze(`某县人民政府办公室2023年政府信息公开工作年度报告\n\n${labels}\n`, { reuse: false });
  assert.equal(report.tables.length, 0);
});

test('a report with a title and no table at all gets one finding on its title', () => {
  const text = '某县人民政府办公室2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度主动公开政府信息1200条。\n';
  const { report, findings } = analyze(text, { reuse: false });
  const f = findings.filter((x) => x.ruleId === 'table-unread');
  assert.equal(f.length, 1);
  assert.match(f[0].message.zh, /^未找到统计表/);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), report.title?.text);
  assert.equal(reportCoverage(report).verdict, 'incomplete');
});

test('CLI: the dump is never "未发现问题", even with table-unread off; JSON carries the coverage', async (t) => {
  const dir = withDir(t);
  const file = join(dir, 'dump.txt');
  writeFileSync(file, DUMP);
  const human = await cli(['check', '--rule', 'table-unread=off', file]);
  assert.doesNotMatch(human.stdout, /，未发现问题/);
  assert.match(human.stdout, /覆盖：表二（主动公开）未能读取；表三（收到和处理申请）未能读取；表四（行政复议、行政诉讼）未能读取/);
  assert.match(human.stdout, /1 个文件，已读取的部分未发现问题，1 个文件有表格未能完整读取（其数字未全部核对）/);
  const { doc } = await json([file]);
  assert.equal(doc.files[0].coverage?.verdict, 'incomplete');
  assert.deepEqual(doc.files[0].coverage?.tables.map((x) => x.state), ['unreadable', 'unreadable', 'unreadable']);
  assert.equal(doc.summary.unchecked, 1);
  // A fully read report: complete, and no coverage line.
  const good = join(dir, 'good.txt');
  writeFileSync(good, readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '003_ffaee79ddffb64b7.txt')));
  const ok = await cli(['check', good]);
  assert.doesNotMatch(ok.stdout, /覆盖/);
  const { doc: okDoc } = await json([good]);
  assert.equal(okDoc.files[0].coverage?.verdict, 'complete');
  assert.equal(okDoc.summary.unchecked, 0);
});

test('rows a partly read table lacks are unknown parts: no sum is reported short of them', () => {
  // The 2021 draft with its three 无法提供 sub-rows lost (a PDF page without text) and, to make the point, its
  // 总计 of 三、本年度办理结果 left as written: the rows read no longer add up to it, yet nothing may call it wrong.
  const lines = DRAFT.split('\n');
  const lost = lines.filter((l) => /^[123]\.(?:本机关不掌握|没有现成信息|补正后)/.test(l));
  assert.equal(lost.length, 3);
  const text = lines.filter((l) => !lost.includes(l)).join('\n');
  const serious = (t: string) => analyze(t, { reuse: false }).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId} ${f.message.zh}`);
  const { report, findings } = analyze(text, { reuse: false });
  assert.equal(reportCoverage(report).verdict, 'incomplete');
  assert.ok(findings.some((f) => f.ruleId === 'table-unread'), 'the rows not read are said');
  // Every error or warning is one the whole draft has too: none comes from the missing rows.
  assert.deepEqual(serious(text), serious(DRAFT));
});
