import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  artifactLocation,
  humanFormatter,
  jsonFormatter,
  sarifFormatter,
  sarifLevel,
  sarifRegion,
} from '../../server/src/cli/format';
import { JsonReportSchema, type JsonFileResult, type JsonSummary } from '../../server/src/cli/jsonSchema';
import { summaryLine } from '../../server/src/cli/messages';

const FILE: JsonFileResult = {
  file: 'dir/报告.txt',
  encoding: 'utf-8',
  template: 'gov2019',
  findings: [
    {
      rule: 'table-sum',
      severity: 'error',
      message: '合计应为 12，\n实为 13',
      range: { start: { line: 4, character: 2 }, end: { line: 4, character: 4 } },
      offset: { start: 40, end: 42 },
      expected: 12,
      actual: 13,
      related: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, offset: { start: 30, end: 31 }, message: '分项' }],
      fixes: [
        {
          title: '改为 12',
          safe: true,
          edits: [{ range: { start: { line: 4, character: 2 }, end: { line: 4, character: 4 } }, offset: { start: 40, end: 42 }, newText: '12' }],
        },
        { title: '不安全', safe: false, edits: [] },
      ],
    },
    {
      rule: 'year-mismatch',
      severity: 'hint',
      message: 'hint',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      offset: { start: 0, end: 4 },
      related: [],
      fixes: [],
    },
  ],
};
const SUMMARY: JsonSummary = { files: 1, errors: 1, warnings: 0, infos: 0, hints: 1, unreadable: 0, unchecked: 0, skipped: 0, fixed: 0 };

function collect(): { write: (s: string) => void; text: () => string } {
  let s = '';
  return { write: (x) => (s += x), text: () => s };
}

test('human: file:line:col severity rule message, 1-based, one line per finding, no colour', () => {
  const w = collect();
  const f = humanFormatter({ write: w.write, colour: false, lang: 'zh', dryRun: false });
  f.file(FILE);
  f.file({ ...FILE, file: 'clean.txt', findings: [] });
  f.end(SUMMARY);
  assert.equal(
    w.text(),
    'dir/报告.txt:5:3 error table-sum 合计应为 12， 实为 13\n' + 'dir/报告.txt:1:1 hint year-mismatch hint\n' + '1 个文件，2 个问题（1 个错误，1 条提示）\n',
  );
});

test('human: colour codes only when asked', () => {
  const w = collect();
  const f = humanFormatter({ write: w.write, colour: true, lang: 'en', dryRun: false });
  f.file(FILE);
  f.end(SUMMARY);
  assert.ok(w.text().includes('\x1b[31merror\x1b[0m'));
  assert.match(w.text(), /1 file, 2 problems \(1 error, 1 hint\)/);
});

test('summary lines', () => {
  const zero = { files: 3, errors: 0, warnings: 0, infos: 0, hints: 0, unreadable: 0, unchecked: 0, skipped: 0, fixed: 0 };
  assert.equal(summaryLine(zero, 'zh', false), '3 个文件，未发现问题');
  assert.equal(summaryLine(zero, 'en', false), '3 files, no problems');
  const some = { files: 3, errors: 2, warnings: 3, infos: 0, hints: 0, unreadable: 1, unchecked: 0, skipped: 0, fixed: 4 };
  assert.equal(summaryLine(some, 'zh', false), '3 个文件，5 个问题（2 个错误，3 个警告），已自动修复 4 处，1 个文件无法读取');
  assert.equal(summaryLine(some, 'en', true), '3 files, 5 problems (2 errors, 3 warnings), 4 fixes would be applied, 1 unreadable');
  // A file not read, or not checked at all, is never covered by a plain clean verdict.
  const unreadable = { ...zero, unreadable: 1 };
  assert.equal(summaryLine(unreadable, 'zh', false), '3 个文件，已读取的部分未发现问题，1 个文件无法读取');
  assert.equal(summaryLine({ ...zero, skipped: 1, unreadable: 2 }, 'zh', false), '3 个文件，没有检查任何报告，2 个文件无法读取，1 个文件未检查');
  const skipped = { ...zero, skipped: 2 };
  assert.equal(summaryLine(skipped, 'zh', false), '3 个文件，已读取的部分未发现问题，2 个文件未检查');
  assert.equal(summaryLine(skipped, 'en', false), '3 files, no problems in what was read, 2 files not checked');
});

test('json: streamed output is one valid document that matches the schema', () => {
  for (const files of [[], [FILE], [FILE, { ...FILE, file: 'b.txt', findings: [], encoding: null, template: null, error: 'x' }]]) {
    const w = collect();
    const f = jsonFormatter(w.write);
    for (const r of files) f.file(r);
    f.end(SUMMARY);
    const doc = JSON.parse(w.text());
    const parsed = JsonReportSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(doc.files.length, files.length);
  }
});

test('json schema rejects unknown fields and wrong versions', () => {
  const good = { version: 1, files: [FILE], summary: SUMMARY };
  assert.ok(JsonReportSchema.safeParse(good).success);
  assert.ok(!JsonReportSchema.safeParse({ ...good, version: 2 }).success);
  assert.ok(!JsonReportSchema.safeParse({ ...good, extra: 1 }).success);
  assert.ok(!JsonReportSchema.safeParse({ ...good, files: [{ ...FILE, findings: [{ ...FILE.findings[0], severity: 'fatal' }] }] }).success);
});

test('sarif: levels, regions, locations', () => {
  assert.equal(sarifLevel('error'), 'error');
  assert.equal(sarifLevel('warning'), 'warning');
  assert.equal(sarifLevel('info'), 'note');
  assert.equal(sarifLevel('hint'), 'note');
  assert.deepEqual(sarifRegion({ start: { line: 0, character: 0 }, end: { line: 1, character: 3 } }), {
    startLine: 1,
    startColumn: 1,
    endLine: 2,
    endColumn: 4,
  });
  assert.deepEqual(artifactLocation('dir/报告 1.txt'), { uri: 'dir/%E6%8A%A5%E5%91%8A%201.txt', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocation('/tmp/a b.txt'), { uri: 'file:///tmp/a%20b.txt' });
});

test('sarif: one run with the driver, rules and results; safe fixes only', () => {
  const w = collect();
  const f = sarifFormatter({
    write: w.write,
    toolVersion: '9.9.9',
    cwd: '/work',
    lang: 'zh',
    rules: [{ id: 'table-sum', shortDescription: '合计', fullDescription: '合计与分项', level: 'error', helpUri: 'docs/rules/table-sum.md' }],
  });
  f.file(FILE);
  f.file({ file: 'bad.txt', encoding: null, template: null, findings: [], error: 'cannot read bad.txt' });
  f.end({ ...SUMMARY, unreadable: 1 });
  const log = JSON.parse(w.text());
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'xxgk-report');
  assert.equal(run.tool.driver.version, '9.9.9');
  assert.deepEqual(run.tool.driver.rules[0], {
    id: 'table-sum',
    shortDescription: { text: '合计' },
    fullDescription: { text: '合计与分项' },
    defaultConfiguration: { level: 'error' },
    helpUri: 'docs/rules/table-sum.md',
  });
  assert.equal(run.results.length, 2);
  const [r0, r1] = run.results;
  assert.equal(r0.ruleId, 'table-sum');
  assert.equal(r0.ruleIndex, 0);
  assert.equal(r0.level, 'error');
  assert.equal(r0.message.text, '合计应为 12，\n实为 13');
  assert.deepEqual(r0.locations[0].physicalLocation.region, { startLine: 5, startColumn: 3, endLine: 5, endColumn: 5 });
  assert.equal(r0.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.equal(r0.fixes.length, 1);
  assert.deepEqual(r0.fixes[0].artifactChanges[0].replacements[0], {
    deletedRegion: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 5 },
    insertedContent: { text: '12' },
  });
  assert.deepEqual(r0.properties, { expected: 12, actual: 13 });
  assert.equal(r0.relatedLocations[0].message.text, '分项');
  assert.equal(r1.level, 'note');
  assert.equal(r1.ruleIndex, undefined);
  assert.equal(r1.fixes, undefined);
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.equal(run.invocations[0].toolExecutionNotifications[0].message.text, 'cannot read bad.txt');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/');
  assert.equal(run.columnKind, 'utf16CodeUnits');
});
