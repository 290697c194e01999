/**
 * `check --previous <file>`: the cross-year rules against last year's report, with its places as file:line:col; and
 * what the coverage says of inferred cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, json, REPO_ROOT, withDir } from './helpers';
import { parseArgs } from '../../server/src/cli/args';
import { requestsTable, SIX, yearReport } from '../support/yearPair';

const SYNTHETIC = join(REPO_ROOT, 'test', 'fixtures', 'synthetic');
const BODY = '某县交通运输局';
const LAST = yearReport(BODY, 2021, requestsTable({ carriedIn: SIX(0, 0, 0, 0, 0, 0), published: SIX(6, 1, 0, 0, 0, 0), unable: SIX(2, 0, 0, 0, 0, 0), carriedOut: SIX(3, 1, 0, 0, 0, 0) }));
const NOW = yearReport(BODY, 2022, requestsTable({ carriedIn: SIX(3, 0, 0, 0, 0, 0), published: SIX(5, 0, 0, 0, 0, 0), unable: SIX(1, 0, 0, 0, 0, 0), carriedOut: SIX(2, 0, 0, 0, 0, 0) }));

function write(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('args: --previous takes a file', () => {
  const a = parseArgs(['check', '--previous', 'last.pdf', 'now.docx']);
  assert.equal(a.command, 'check');
  assert.equal(a.command === 'check' && a.previous, 'last.pdf');
  assert.equal(parseArgs(['check', '--previous']).command, 'usage-error');
});

test('the carry-over against last year\'s file: human lines name last year\'s cell; JSON related has its file', async (t) => {
  const dir = withDir(t);
  write(dir, '2021.md', LAST);
  write(dir, '2022.md', NOW);
  const human = await cli(['check', '--previous', '2021.md', '2022.md'], { cwd: dir });
  assert.equal(human.code, 1);
  const lines = human.stdout.split('\n');
  const at = lines.findIndex((l) => l.includes('carryover-mismatch') && l.includes('商业企业'));
  assert.ok(at >= 0, human.stdout);
  const r4 = LAST.split('\n').findIndex((l) => l.startsWith('| 四、结转下年度继续办理')) + 1;
  assert.match(lines[at + 1], new RegExp(`^    2021\\.md:${r4}:\\d+ 2021年度报告：结转下年度继续办理（商业企业）= 1$`));

  const { doc } = await json(['--previous', '2021.md', '2022.md'], { cwd: dir });
  const carry = doc.files[0].findings.filter((f) => f.rule === 'carryover-mismatch');
  assert.deepEqual(carry.map((f) => [f.actual, f.expected]), [[0, 1], [3, 4]]);
  for (const f of carry) {
    const rel = f.related[0];
    assert.equal(rel.file, '2021.md');
    assert.equal(LAST.slice(rel.offset.start, rel.offset.end), String(f.expected));
  }
  const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--previous', '2021.md', '2022.md'], { cwd: dir })).stdout);
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'carryover-mismatch');
  assert.match(result.relatedLocations[0].physicalLocation.artifactLocation.uri, /2021\.md$/);
  // Without --previous, the same file is clean.
  assert.equal((await cli(['check', '2022.md'], { cwd: dir })).code, 0);
});

test('last year\'s report of another body is not compared, and the output says so; an unreadable one is exit 2', async (t) => {
  const dir = withDir(t);
  write(dir, 'other.md', LAST.replace(BODY, '某县教育局'));
  write(dir, '2022.md', NOW);
  const r = await cli(['check', '--previous', 'other.md', '2022.md'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /2022\.md: 与上年报告 other\.md 不是同一机关，未作跨年度对比/);
  const missing = await cli(['check', '--previous', 'nothere.md', '2022.md'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /上年报告（--previous）/);
  write(dir, 'memo.txt', '会议纪要\n\n讨论了工作安排。\n');
  const memo = await cli(['check', '--previous', 'memo.txt', '2022.md'], { cwd: dir });
  assert.equal(memo.code, 2);
  assert.match(memo.stderr, /未识别出报告年度/);
});

test('coverage: a table read back from digits run together says how many cells were inferred, in human and JSON output', async (t) => {
  const dir = withDir(t);
  const text = readFileSync(join(SYNTHETIC, 'gov2021-tabs.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/[\t| ]+/g, ''))
    .join('');
  write(dir, 'dump.txt', text);
  const { doc } = await json(['dump.txt'], { cwd: dir });
  const requests = doc.files[0].coverage?.tables.find((x) => x.kind === 'requests');
  assert.ok(requests && requests.state === 'read' && (requests.inferred ?? 0) > 100, JSON.stringify(requests));
  const human = await cli(['check', 'dump.txt'], { cwd: dir });
  assert.match(human.stdout, new RegExp(`表三（收到和处理申请）已读取（其中 ${requests.inferred} 格由勾稽关系推算，未核对）`));
});
