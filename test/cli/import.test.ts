/**
 * The CLI on the forms reports arrive in: formats nobody can read here are refused loudly (exit 2, the reason,
 * never a clean verdict), text that is not a report is said to be unchecked, and `extract` prints what is checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, cli, copyWritable, json, seedFiles, withDir } from './helpers';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
/** An OLE file holding an `EncryptionInfo` stream name (UTF-16): how an encrypted .docx is stored. */
const ENCRYPTED = Buffer.concat([OLE, Buffer.alloc(64), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(16)]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]);

test('legacy and unknown formats: each refused with what to do, exit 2, the rest still checked', async (t) => {
  const dir = withDir(t);
  fs.writeFileSync(path.join(dir, '2019年报.doc'), OLE);
  fs.writeFileSync(path.join(dir, '2020年报.wps'), OLE);
  fs.writeFileSync(path.join(dir, '2021年报.docx'), ENCRYPTED);
  fs.writeFileSync(path.join(dir, 'archive.txt'), ZIP);
  fs.writeFileSync(path.join(dir, 'notes.rtf'), '{\\rtf1 ...}');
  copyWritable(seedFiles()[0], path.join(dir, 'seed.txt'));
  const r = await json(['.', path.join(dir, 'notes.rtf')], { cwd: dir });
  const by = Object.fromEntries(r.doc.files.map((f) => [path.basename(f.file), f]));
  assert.match(by['2019年报.doc'].error!, /另存为 \.docx/);
  assert.match(by['2020年报.wps'].error!, /WPS.*另存为 \.docx/);
  assert.match(by['2021年报.docx'].error!, /已加密/);
  assert.match(by['archive.txt'].error!, /不支持的 Office 格式|压缩包/);
  assert.match(by['notes.rtf'].error!, /RTF.*另存为 \.docx/);
  assert.ok(by['seed.txt'].findings.length > 0, 'the readable report is still checked');
  assert.equal(r.doc.summary.unreadable, 5);
  assert.equal(r.code, 2);

  const human = await cli(['check', '.'], { cwd: dir });
  assert.equal(human.code, 2);
  assert.match(human.stderr, /无法读取 2019年报\.doc：旧版 Word 文件（\.doc）无法检查：请另存为 \.docx 后再检查/);
  assert.match(human.stdout, /4 个文件无法读取/);
  assert.doesNotMatch(human.stdout, /，未发现问题/);
});

test('a directory of refused files alone is never "未发现问题"', async (t) => {
  const dir = withDir(t);
  fs.writeFileSync(path.join(dir, 'a.doc'), OLE);
  const human = await cli(['check', '.'], { cwd: dir });
  assert.equal(human.code, 2);
  assert.match(human.stdout, /1 个文件，没有检查任何报告，1 个文件无法读取/);
});

test('text that is not a report: not checked, and said so', async (t) => {
  const dir = withDir(t);
  fs.writeFileSync(path.join(dir, 'memo.txt'), '会议纪要\n\n今天讨论了三件事：办公室搬迁、培训安排和年终总结。\n');
  const r = await json(['memo.txt'], { cwd: dir });
  assert.match(r.doc.files[0].note!, /未识别为政府信息公开工作年度报告/);
  assert.equal(r.doc.summary.skipped, 1);
  const human = await cli(['check', 'memo.txt'], { cwd: dir });
  assert.equal(human.code, 0);
  assert.match(human.stdout, /1 个文件，没有检查任何报告，1 个文件未检查/);
  // A report is never taken for a memo, even one that is all prose.
  const seed = await json([seedFiles()[0]]);
  assert.equal(seed.doc.files[0].note, undefined);
  assert.equal(seed.doc.summary.skipped, 0);
});

test('extract: a text report is printed as it is read; a refused file is exit 2 with the reason', async (t) => {
  const dir = withDir(t);
  const seed = fs.readFileSync(seedFiles()[0], 'utf8');
  const r = await cli(['extract', seedFiles()[0]]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.replace(/\n$/, ''), seed.replace(/\n$/, ''));
  fs.writeFileSync(path.join(dir, 'a.doc'), OLE);
  const bad = await cli(['extract', 'a.doc'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /另存为 \.docx/);
  const usage = await cli(['extract']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /extract 需要且只需要一个文件/);
});

const IMPORT = path.join(REPO_ROOT, 'test', 'fixtures', 'import');
const SYNTHETIC = path.join(REPO_ROOT, 'test', 'fixtures', 'synthetic');

/** The Markdown original of a rendered fixture, annotation lines removed, in a temporary folder. */
function writeOriginal(dir: string, name: string): string {
  const file = path.join(dir, `${name}.md`);
  fs.writeFileSync(file, fs.readFileSync(path.join(SYNTHETIC, `${name}.md`), 'utf8').split('\n').filter((l) => !l.startsWith('%%')).join('\n'));
  return file;
}

const rulesAndMessages = (f: { findings: { rule: string; message: string }[] }): string[] => f.findings.map((x) => `${x.rule} ${x.message}`).sort();

for (const [format, ext] of [['html', 'html'], ['docx', 'docx']] as const) {
  test(`check on a ${format} report: the findings of its Markdown original, located in the original, format in JSON`, async (t) => {
    const dir = withDir(t);
    const name = 'broken-outcome-total-mismatch-2';
    const md = writeOriginal(dir, name);
    const converted = path.join(IMPORT, format, `${name}.${ext}`);
    const r = await json([md, converted]);
    const [original, imported] = [r.doc.files.find((f) => f.file === md)!, r.doc.files.find((f) => f.file === converted)!];
    assert.equal(imported.format, format);
    assert.equal(original.format, undefined);
    assert.ok(original.findings.length > 0);
    assert.deepEqual(rulesAndMessages(imported), rulesAndMessages(original));
    assert.deepEqual(imported.coverage, original.coverage);
    // Every finding on a table cell says which table, row and column of the original it is in.
    const cells = imported.findings.filter((f) => f.rule === 'outcome-total-mismatch');
    assert.ok(cells.length > 0);
    for (const f of cells) {
      assert.equal(f.source?.format, format);
      assert.ok(f.source?.table && f.source.row && f.source.column, JSON.stringify(f.source));
    }
    const human = await cli(['check', converted]);
    // Human output: the line stays `file:line:col severity rule message`; the original's cell follows the message.
    assert.match(human.stdout, new RegExp(`${ext}:\\d+:\\d+ error outcome-total-mismatch [^\\n]*〔原文：表三（收到和处理申请）“（七）总计”行“自然人”列〕\\n`));
    assert.ok(cells.every((f) => f.source?.where.startsWith('表三（收到和处理申请）“（七）总计”行')), cells.map((f) => f.source?.where).join(' | '));
  });
}

test('--fix on a converted file lists the fixes, writes nothing, and says why', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.docx');
  copyWritable(path.join(IMPORT, 'docx', 'broken-outcome-total-mismatch-2.docx'), file);
  const before = fs.readFileSync(file);
  const r = await json(['--fix', file]);
  assert.deepEqual(fs.readFileSync(file), before);
  assert.match(r.doc.files[0].note!, /转换来的 DOCX 文件，请按提示在原文件中修改/);
  assert.ok(r.doc.files[0].findings.some((f) => f.fixes.length > 0));
  assert.equal(r.doc.summary.fixed, 0);
});

test('extract: a Word report as Markdown with aligned pipe tables, which checks as the original does', async (t) => {
  const dir = withDir(t);
  const name = 'broken-outcome-total-mismatch-2';
  const r = await cli(['extract', path.join(IMPORT, 'docx', `${name}.docx`)]);
  assert.equal(r.code, 0);
  const rows = r.stdout.split('\n').filter((l) => l.startsWith('|'));
  assert.ok(rows.length > 30);
  // Aligned: within each table every row is as wide on screen (CJK counts two columns).
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(c) ? 2 : 1), 0);
  const firstTable = r.stdout.split('\n\n').find((b) => b.startsWith('|'))!.split('\n').filter((l) => l.startsWith('|'));
  assert.equal(new Set(firstTable.map(width)).size, 1, firstTable.slice(0, 3).join('\n'));
  const draft = path.join(dir, 'draft.md');
  fs.writeFileSync(draft, r.stdout);
  const [a, b] = [(await json([draft])).doc.files[0], (await json([writeOriginal(dir, name)])).doc.files[0]];
  assert.deepEqual(rulesAndMessages(a), rulesAndMessages(b));
});

test('--fix on a converted file with a safe fix: written nowhere, listed to be made in the original, with its place', async (t) => {
  const dir = withDir(t);
  const page = fs.readFileSync(path.join(IMPORT, 'html', 'gov2021-pipes.html'), 'utf8');
  // 一、本年新收's 总计 23 (15+5+1+1+1+0) typed as 32.
  const row = /(<td>一、本年新收政府信息公开申请数量<\/td>(?:\s*<td>[^<]*<\/td>){8}\s*)<td>23<\/td>/;
  assert.match(page, row);
  const file = path.join(dir, 'r.html');
  fs.writeFileSync(file, page.replace(row, '$1<td>32</td>'));
  const before = fs.readFileSync(file);
  const r = await cli(['check', '--fix', file]);
  assert.deepEqual(fs.readFileSync(file), before);
  assert.match(r.stdout, /〔原文：表三（收到和处理申请）“一、本年新收政府信息公开申请数量”行“总计”列〕/);
  assert.match(r.stdout, /\n {4}请在原文件中修复：.*23/);
  assert.match(r.stderr, /未修复：这是转换来的 HTML 文件/);
  // Without --fix no fix is listed: the check alone does not tell the user to change anything.
  assert.doesNotMatch((await cli(['check', file])).stdout, /请在原文件中修复/);
});
