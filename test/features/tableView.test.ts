import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze, cellKey, compareTableViews, mapTableView, plainText, tableView, type Report, type TableViewData,
} from '../../shared/src/index';
import { STATS } from './support';

const ROOT = join(__dirname, '..', '..', '..');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const seed = (prefix: string): string => readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.txt'))!), 'utf8');
const DRAFT = readFileSync(join(ROOT, 'test', 'server', 'fixtures', 'draft-2021.txt'), 'utf8');

function view(text: string, locale: 'zh' | 'en' = 'zh'): { data: TableViewData; text: string } {
  const { report, findings } = analyze(text);
  return { data: tableView(report, findings, locale), text };
}

function row(data: TableViewData, kind: string, indicatorLabel: RegExp) {
  const table = data.tables.find((t) => t.kind === kind);
  assert.ok(table, `no ${kind} table`);
  const r = table.rows.find((x) => indicatorLabel.test(x.label));
  assert.ok(r, `no row ${indicatorLabel} in ${table.rows.map((x) => x.label).join(' | ')}`);
  return r;
}

describe('table view data', () => {
  test('seed 004: the wrong total is wrong with its computed sum; its parts and a consistent total are ok', () => {
    const { data, text } = view(seed('004'));
    assert.equal(data.template, 'gov2014');
    assert.equal(data.tables.length, 1);
    const [table] = data.tables;
    assert.equal(table.kind, 'stats');
    assert.equal(table.title, '统计表');
    assert.equal(table.coverage.state, 'read');
    assert.deepEqual(table.columns.map((c) => c.id), ['value']);
    assert.equal(table.columns[0].label, '统计数');
    // “申请答复数”应为 29（5+17+0+0+4+0+0+3），此处为 17 — line 248.
    const replies = row(data, 'stats', /申请答复数/);
    const [total] = replies.cells;
    assert.equal(total.raw, '17');
    assert.equal(total.value, 17);
    assert.equal(total.status, 'wrong');
    assert.equal(total.expected, 29);
    assert.equal(total.versus, '写 17 / 算 29');
    assert.ok(total.findings.some((f) => f.ruleId === 'sum-mismatch' && f.severity === 'error' && f.message.includes('应为 29')));
    assert.equal(text.slice(0, total.range.start).split('\n').length, 248, 'the cell is on line 248');
    assert.equal(text.slice(total.range.start, total.range.end), '17');
    // The hover's words for the cell: the sum, the indicator and what it counts, without markdown.
    assert.match(total.hover, /分项之和：5 \+ 17 \+ 0 \+ 0 \+ 4 \+ 0 \+ 0 \+ 3 = 29/);
    assert.match(total.hover, /（三）申请答复数/);
    assert.doesNotMatch(total.hover, /\*\*|^---$/m);
    const concluded = row(data, 'stats', /申请办结数/).cells[0];
    assert.equal(concluded.status, 'ok');
    assert.equal(concluded.expected, undefined);
    assert.equal(concluded.versus, undefined);
    assert.deepEqual(concluded.findings, []);
    // 不是《条例》所指政府信息 2 > 不同意公开答复数 0.
    const subset = row(data, 'stats', /不是《条例》所指政府信息/).cells[0];
    assert.equal(subset.status, 'wrong');
    assert.ok(subset.findings.some((f) => f.ruleId === 'subset-exceeds-total'));
    assert.equal(table.counts.errors, 2);
    assert.equal(table.summary, '统计表：已读取 · 2 处错误');
    // Title rows are marked as such (they carry no figures in the official table).
    assert.ok(table.rows.some((r) => r.role === 'title'));
  });

  test('a 2021 draft: columns with their headers and groups, the wrong 总计 cell, blank cells empty', () => {
    const { data } = view(DRAFT);
    const requests = data.tables.find((t) => t.kind === 'requests');
    assert.ok(requests);
    assert.equal(requests.title, '表三（收到和处理申请）');
    assert.equal(requests.caption, '三、收到和处理政府信息公开申请情况');
    assert.deepEqual(requests.columns.map((c) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    assert.equal(requests.columns[1].group, '法人或其他组织');
    assert.equal(requests.columns[0].group, undefined);
    // 四、结转下年度继续办理: 2 0 0 0 0 0 | 4 — the row's 总计 should be 2.
    const carried = row(data, 'requests', /^四、结转下年度继续办理/);
    const tot = carried.cells.find((c) => c.column === 'tot');
    assert.ok(tot);
    assert.equal(tot.status, 'wrong');
    assert.equal(tot.expected, 2);
    assert.equal(tot.versus, '写 4 / 算 2');
    assert.ok(carried.cells.filter((c) => c.column !== 'tot').every((c) => c.status === 'ok'), 'the parts are ok');
    assert.match(tot.hover, /列：总计/);
    assert.ok(requests.counts.errors >= 1);
    assert.match(requests.summary, /^表三（收到和处理申请）：已读取 · \d+ 处错误/);
  });

  test('blank and unreadable cells, and a cell the reader inferred', () => {
    const blank = STATS.replace('2.传真申请数\t件\t0', '2.传真申请数\t件\t').replace('4.信函申请数\t件\t0', '4.信函申请数\t件\t若干');
    const { report, findings } = analyze(blank);
    const data = tableView(report, findings);
    assert.equal(row(data, 'stats', /传真申请数/).cells[0].status, 'empty');
    const invalid = row(data, 'stats', /信函申请数/).cells[0];
    assert.equal(invalid.status, 'invalid');
    assert.equal(invalid.raw, '若干');
    // A figure recovered from run-together digits carries `inferred`: shown as such when nothing is wrong with it.
    const marked: Report = {
      ...report,
      tables: report.tables.map((t) => ({
        ...t,
        rows: t.rows.map((r) => (r.label.includes('网络申请数') ? { ...r, cells: r.cells.map((c) => ({ ...c, inferred: true as const })) } : r)),
      })),
    };
    const inferred = row(tableView(marked, findings), 'stats', /网络申请数/).cells[0];
    assert.equal(inferred.status, 'inferred');
    assert.equal(inferred.inferred, true);
  });

  test('English', () => {
    const { data } = view(seed('004'), 'en');
    assert.equal(data.tables[0].title, 'Statistics table');
    assert.equal(data.tables[0].summary, 'Statistics table: read · 2 errors');
    const total = row(data, 'stats', /申请答复数/).cells[0];
    assert.equal(total.versus, 'written 17 / computed 29');
    assert.match(total.hover, /Sum of the parts: 5 \+ 17/);
  });

  test('a table read in part says so; the tables the format expects but were not read are listed', () => {
    const { data } = view(seed('002'));
    const [table] = data.tables;
    assert.equal(table.coverage.state, 'partial');
    assert.deepEqual(table.coverage.cells, { read: 56, expected: 58 });
    assert.match(table.summary, /^统计表：只读到 56\/58 格/);
    const { data: only } = view(DRAFT.slice(0, DRAFT.indexOf('四、政府信息公开行政复议')));
    assert.ok(only.unread.some((u) => u.kind === 'review'), JSON.stringify(only.unread));
  });

  test('mapTableView maps every location', () => {
    const { data } = view(seed('004'));
    const mapped = mapTableView(data, (s) => `${s.start}-${s.end}`);
    const cell = mapped.tables[0].rows.find((r) => /申请答复数/.test(r.label))!.cells[0];
    const original = data.tables[0].rows.find((r) => /申请答复数/.test(r.label))!.cells[0];
    assert.equal(cell.range, `${original.range.start}-${original.range.end}`);
    assert.equal(typeof mapped.tables[0].range, 'string');
  });

  test('comparison with last year: changed cells and the carry-over pair', () => {
    const now = view(DRAFT).data;
    // Last year: the same report with other figures; its 结转下年度继续办理 (自然人) is 3, this year's 上年结转 2.
    const lastYear = DRAFT.replace('四、结转下年度继续办理\t2\t', '四、结转下年度继续办理\t3\t');
    const before = view(lastYear).data;
    const cmp = compareTableViews(now, before);
    const requests = now.tables.find((t) => t.kind === 'requests')!;
    const r2 = requests.rows.findIndex((r) => r.indicator === 'R2');
    const r4 = requests.rows.findIndex((r) => r.indicator === 'R4');
    const np = cmp.carryOver.find((c) => c.column === 'np');
    assert.ok(np);
    assert.deepEqual(np, { column: 'np', now: cellKey(requests.index, r2, 'np'), before: cellKey(requests.index, r4, 'np'), nowValue: 2, beforeValue: 3, equal: false });
    assert.equal(cmp.carryOver.find((c) => c.column === 'biz')?.equal, true);
    assert.deepEqual(cmp.changedNow, [cellKey(requests.index, r4, 'np')]);
    assert.deepEqual(cmp.changedBefore, [cellKey(requests.index, r4, 'np')]);
    // The same report twice: nothing changed.
    assert.deepEqual(compareTableViews(now, now).changedNow, []);
  });

  test('plainText drops emphasis, escapes and rules', () => {
    assert.equal(plainText('**（一）收到申请数**\n\n---\n_理由\\*_\n单位：件'), '（一）收到申请数\n\n理由*\n单位：件');
  });
});
