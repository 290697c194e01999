/**
 * `xxgk-report review`: reports paired with last year's report of the same body (cross-year findings located in
 * last year's file), consolidated files split, unreadable files listed, converted files located in the original,
 * JSON valid against its schema and equal to the CSV, the HTML self-contained and escaped, the progress bar only
 * on a terminal's standard error, exit codes as check's.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReviewDataSchema, analyze, type ReviewData, type ReviewReport } from '../../shared/src/index';
import { REPO_ROOT, cli, withDir } from './helpers';
import { R2, R4, firstCell, reportText, writeCorpus } from './reviewCorpus';

async function reviewJson(dir: string, extra: string[] = [], paths = ['.']): Promise<{ code: number; data: ReviewData; stderr: string }> {
  const r = await cli(['review', '--format', 'json', ...extra, ...paths], { cwd: dir });
  const parsed = ReviewDataSchema.safeParse(JSON.parse(r.stdout));
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3)));
  return { code: r.code, data: parsed.data!, stderr: r.stderr };
}

function byFile(data: ReviewData, file: string): ReviewReport {
  const r = data.reports.find((x) => x.file === file);
  assert.ok(r, `no entry for ${file}: ${data.reports.map((x) => x.file).join(', ')}`);
  return r;
}

/** A minimal CSV reader for the review's own output (every text field quoted). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

test('review pairs each report with last year’s of the same body: carry-over located in last year’s file and cell, copied text, no finding for a matching pair', async (t) => {
  const dir = withDir(t);
  const { files } = writeCorpus(dir);
  const { code, data } = await reviewJson(dir);
  assert.equal(code, 1, 'errors were found');
  assert.equal(data.summary.files, 6);
  assert.equal(data.summary.reports, 6);

  const a21 = byFile(data, 'a/澜州市教育局2021年报.txt');
  const a22 = byFile(data, 'a/澜州市教育局2022年报.txt');
  assert.equal(a22.body, '澜州市教育局');
  assert.equal(a22.year, 2022);
  assert.equal(a22.pairing.state, 'paired');
  assert.deepEqual(a22.pairing.previous, { report: a21.id, file: a21.file, name: a21.file, year: 2021 });
  assert.equal(a21.pairing.state, 'no-earlier');

  const carry = a22.findings.filter((f) => f.rule === 'carryover-mismatch');
  assert.deepEqual(carry.map((f) => [f.actual, f.expected]), [[3, 2], [4, 3]], 'the 自然人 and 总计 columns differ');
  const np = carry[0];
  assert.equal(np.severity, 'error');
  assert.equal(np.crossYear, true);
  // This year's cell: row 二 of 2022's table 3, first column.
  assert.deepEqual({ line: np.line, column: np.column }, firstCell(files['a/澜州市教育局2022年报.txt'], R2));
  // Last year's cell: row 四 of 2021's table 3, first column, in 2021's file.
  assert.equal(np.related.length, 1);
  const rel = np.related[0];
  assert.equal(rel.inPrevious, true);
  assert.equal(rel.file, 'a/澜州市教育局2021年报.txt');
  assert.equal(rel.report, a21.id);
  assert.deepEqual({ line: rel.line, column: rel.column }, firstCell(files['a/澜州市教育局2021年报.txt'], R4));
  assert.equal(rel.excerpt?.text, '2');
  assert.match(np.message, /2021年度报告/);
  // The grid marks the cell the finding points at.
  const t3 = a22.tables.find((x) => x.kind === 'requests')!;
  const r2 = t3.rows.find((r) => r.indicator === 'R2')!;
  assert.deepEqual(r2.cells.filter((c) => c.mark === 'wrong').map((c) => c.column), ['np', 'tot']);
  assert.equal(a22.verdict, 'reject');
  assert.ok(!a22.findings.some((f) => f.rule === 'repeated-text'), 'its prose is new');

  const b22 = byFile(data, 'b/临江市民政局2022年报.txt');
  assert.equal(b22.pairing.state, 'paired');
  assert.equal(b22.pairing.previous?.file, 'b/临江市民政局2021年报.txt');
  assert.deepEqual(b22.findings.filter((f) => f.rule === 'carryover-mismatch'), [], 'the carry-over matches');

  const c22 = byFile(data, 'c/白石县水利局2022年报.txt');
  const repeated = c22.findings.find((f) => f.rule === 'repeated-text');
  assert.ok(repeated, 'the copied text is found');
  assert.equal(repeated.severity, 'warning');
  assert.ok(repeated.related.length > 0 && repeated.related.every((r) => r.file === c22.file));

  // Totals are the entries' sums; the rule chart's data counts every finding.
  assert.equal(data.summary.errors, data.reports.reduce((n, r) => n + r.counts.errors, 0));
  assert.equal(data.rules.reduce((n, r) => n + r.count, 0), data.reports.reduce((n, r) => n + r.findings.length, 0));
  assert.equal(data.rules.find((r) => r.rule === 'carryover-mismatch')?.count, carry.length + c22.findings.filter((f) => f.rule === 'carryover-mismatch').length);
  // Indicators: 2022's table 3 is the fixture's: 47 new requests, 48 concluded of 47 + 4.
  assert.equal(a22.metrics.requests, 47);
  assert.ok(Math.abs(a22.metrics.concludedRate! - 48 / 51) < 1e-9);
  assert.equal(a22.metrics.correctionRate, 0);
});

test('review CSV: one row per report, UTF-8 with BOM, the same numbers as the JSON', async (t) => {
  const dir = withDir(t);
  writeCorpus(dir);
  const { data } = await reviewJson(dir);
  const r = await cli(['review', '--format', 'csv', '.'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.ok(r.stdout.startsWith('\uFEFF'), 'BOM');
  const rows = parseCsv(r.stdout.slice(1));
  const [head, ...body] = rows;
  assert.equal(body.length, data.reports.length);
  const col = (name: string) => head.indexOf(name);
  for (const [i, rep] of data.reports.entries()) {
    const row = body[i];
    assert.equal(row[col('报告')], rep.name);
    assert.equal(row[col('发布机关')], rep.body ?? '');
    assert.equal(row[col('年度')], String(rep.year ?? ''));
    assert.equal(Number(row[col('错误')]), rep.counts.errors);
    assert.equal(Number(row[col('警告')]), rep.counts.warnings);
    assert.equal(Number(row[col('信息')]), rep.counts.infos);
    assert.equal(row[col('上年报告')], rep.pairing.previous?.name ?? '');
    assert.equal(row[col('本年新收申请数')], rep.metrics.requests === undefined ? '' : String(rep.metrics.requests));
  }
  const en = await cli(['review', '--format', 'csv', '--lang', 'en', '.'], { cwd: dir });
  assert.match(en.stdout, /^\uFEFF"Report","File","Issuing body"/);
});

test('review splits a consolidated file into its reports, lists unreadable files, locates findings in a Word file', async (t) => {
  const dir = withDir(t);
  const one = reportText({ body: '云岭市审计局', year: 2022 });
  const two = reportText({ body: '望海市统计局', year: 2022, rows: { [R2]: [3, 1, 0, 0, 0, 0, 5] } });
  fs.writeFileSync(path.join(dir, '汇编.txt'), `${one}\n\n${two}`);
  fs.copyFileSync(path.join(REPO_ROOT, 'test/fixtures/import/docx/broken-outcome-total-mismatch-2.docx'), path.join(dir, 'word.docx'));
  fs.writeFileSync(path.join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
  const { code, data, stderr } = await reviewJson(dir);
  assert.equal(code, 2, 'an unreadable input is exit 2, as in check');
  const parts = data.reports.filter((r) => r.file === '汇编.txt');
  assert.deepEqual(parts.map((r) => [r.name, r.part, r.parts, r.body]), [['汇编.txt#1', 1, 2, '云岭市审计局'], ['汇编.txt#2', 2, 2, '望海市统计局']]);
  // Lines count in the whole file: the second report's findings are below the first one.
  const second = parts[1].findings.find((f) => f.rule === 'request-balance-mismatch' || f.rule === 'applicant-total-mismatch');
  assert.ok(second && second.line > one.split('\n').length, JSON.stringify(parts[1].findings.map((f) => [f.rule, f.line])));

  const doc = byFile(data, 'old.doc');
  assert.equal(doc.verdict, 'unreadable');
  assert.match(doc.error ?? '', /\.docx/);
  assert.match(stderr, /old\.doc/);

  const word = byFile(data, 'word.docx');
  assert.equal(word.format, 'docx');
  assert.equal(word.template, 'gov2021');
  const f = word.findings.find((x) => x.rule === 'outcome-total-mismatch');
  assert.ok(f?.where && /表三/.test(f.where), JSON.stringify(f));

  const html = await cli(['review', '.'], { cwd: dir });
  assert.equal(html.code, 2);
  assert.match(html.stdout, /old\.doc/);
  assert.match(html.stdout, /无法读取/);
});

test('review HTML: self-contained, escaped, Chinese first; a clean verdict only when every table was read', async (t) => {
  const dir = withDir(t);
  writeCorpus(dir);
  fs.writeFileSync(path.join(dir, 'x.txt'), reportText({ body: '测试<img src=x onerror=alert(1)>局', year: 2022 }));
  // Table 4 left out, and table-unread switched off: no error or warning, and still not clean.
  const cut = reportText({ body: '秀山县林业局', year: 2022 }).replace(/行政复议\t行政诉讼[\s\S]*?\n(?=\n五、)/, '');
  assert.doesNotMatch(cut, /结果维持\t结果纠正/);
  fs.writeFileSync(path.join(dir, 'cut.txt'), cut);
  const r = await cli(['review', '--out', 'review.html', '.'], { cwd: dir });
  assert.equal(r.stdout, '', 'the page went to the file');
  assert.match(r.stderr, /已写入 review\.html/);
  const html = fs.readFileSync(path.join(dir, 'review.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /政府信息公开工作年度报告审阅/);
  assert.doesNotMatch(html, /<(?:link|img|iframe)\b|\bsrc=["']?(?:https?:)?\/\//i, 'nothing loaded from outside');
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /测试&lt;img src=x onerror=alert\(1\)&gt;局/);
  assert.match(html, /<svg class="chart"/);
  assert.match(html, /@media print/);
  const { data } = await reviewJson(dir, ['--rule', 'table-unread=off'], ['a', 'b', 'c', 'cut.txt']);
  const cutEntry = byFile(data, 'cut.txt');
  assert.equal(cutEntry.counts.errors + cutEntry.counts.warnings, 0, JSON.stringify(cutEntry.findings.map((f) => f.rule)));
  assert.equal(cutEntry.verdict, 'incomplete');
  assert.ok(cutEntry.coverage?.tables.some((x) => x.kind === 'review' && x.state !== 'read'));
  const en = await cli(['review', '--lang', 'en', 'a'], { cwd: dir });
  assert.match(en.stdout, /<html lang="en">/);
  assert.match(en.stdout, /Return for revision/);
});

test('review: the progress bar only on a terminal’s standard error, never in the data', async (t) => {
  const dir = withDir(t);
  writeCorpus(dir);
  const tty = await cli(['review', '--format', 'json', '.'], { cwd: dir, stderrIsTTY: true });
  assert.match(tty.stderr, /审阅中 \[[█·]+\] 6\/6/);
  assert.doesNotMatch(tty.stdout, /审阅中/);
  ReviewDataSchema.parse(JSON.parse(tty.stdout));
  const piped = await cli(['review', '--format', 'json', '.'], { cwd: dir });
  assert.equal(piped.stderr, '');
});

test('review: usage errors are exit 2; reports without a body or year are not paired and say so', async (t) => {
  const dir = withDir(t);
  assert.equal((await cli(['review'], { cwd: dir })).code, 2);
  assert.equal((await cli(['review', '--format', 'sarif', '.'], { cwd: dir })).code, 2);
  assert.equal((await cli(['review', '--rule', 'no-such-rule=off', '.'], { cwd: dir })).code, 2);
  // No body anywhere (title without one, file name without one): not paired.
  const text = reportText({ body: '', year: 2022 });
  fs.writeFileSync(path.join(dir, 'r.txt'), text);
  const { data } = await reviewJson(dir);
  assert.equal(data.reports[0].body, undefined);
  assert.equal(data.reports[0].pairing.state, 'no-identity');
  const csv = await cli(['review', '--format', 'csv', '.'], { cwd: dir });
  assert.match(csv.stdout, /未配对：未能确定发布机关或年度/);
});

test('the help names review, in Chinese and in English', async () => {
  const zh = await cli(['--help']);
  assert.match(zh.stdout, /xxgk-report review \[--out <文件>\] \[--format html\|csv\|json\]/);
  assert.match(zh.stdout, /审阅一批报告/);
  const en = await cli(['--help', '--lang', 'en']);
  assert.match(en.stdout, /xxgk-report review \[--out <file>\] \[--format html\|csv\|json\]/);
  assert.match(en.stdout, /review a set of reports/);
});

test('review on worker threads gives the same page and data as on one thread', async (t) => {
  const dir = withDir(t);
  writeCorpus(dir);
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `x${String(i).padStart(2, '0')}.txt`), reportText({ body: `河阳市${'一二三四五六七八九十'[i % 10]}局`, year: 2020 + (i % 3) }));
  fs.writeFileSync(path.join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
  const compiledMain = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');
  for (const format of ['json', 'html', 'csv']) {
    const one = await cli(['review', '--format', format, '.'], { cwd: dir });
    const many = await cli(['review', '--format', format, '.'], { cwd: dir, workerScript: compiledMain, cpus: 3 });
    assert.equal(many.stdout, one.stdout, format);
    assert.equal(many.stderr, one.stderr, format);
    assert.equal(many.code, 2);
  }
});

test('review gives each report the findings analyze gives it with last year’s report as previous', async (t) => {
  const dir = withDir(t);
  const { files } = writeCorpus(dir);
  const { data } = await reviewJson(dir);
  for (const [now, before] of [['a/澜州市教育局2022年报.txt', 'a/澜州市教育局2021年报.txt'], ['c/白石县水利局2022年报.txt', 'c/白石县水利局2021年报.txt'], ['b/临江市民政局2022年报.txt', 'b/临江市民政局2021年报.txt']]) {
    const previous = analyze(files[before], { reuse: false }).report;
    const expected = analyze(files[now], { reuse: false, previous }).findings.map((f) => `${f.ruleId} ${f.severity} ${f.span.start} ${f.message.zh}`);
    const text = files[now];
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const got = byFile(data, now).findings.map((f) => `${f.rule} ${f.severity} ${lineStarts[f.line - 1] + f.column - 1} ${f.message}`);
    assert.deepEqual(got, expected, now);
  }
});
