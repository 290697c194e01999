/** End-to-end tests of `run`, in-process, on the real reports in test/fixtures/seeds. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { rules } from '../../shared/src/index';
import { type JsonReport } from '../../server/src/cli/jsonSchema';
import { LineIndex } from '../../server/src/cli/text';
import { VERSION } from '../../server/src/cli/version';
import { brokenSeed, cli, copyWritable, errnoError, json, seedFiles, withDir, writeBroken } from './helpers';

const SEED_000 = () => seedFiles().find((f) => path.basename(f).startsWith('000_'))!;




// ---------------------------------------------------------------- help, version, usage

test('--help and --version exit 0', async () => {
  const h = await cli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /退出码/);
  assert.match(h.stdout, /UTF-16/);
  const e = await cli(['--help'], { env: { LANG: 'en_US.UTF-8' } });
  assert.match(e.stdout, /Exit codes:/);
  const e2 = await cli(['--help', '--lang', 'en']);
  assert.match(e2.stdout, /Exit codes:/);
  const v = await cli(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `${VERSION}\n`);
  assert.match(VERSION, /^\d+\.\d+\.\d+/);
});

test('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
  for (const argv of [[], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--rule', 'no-such-rule=off', 'x'], ['check', '--fix', '-']]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^xxgk-report: /);
  }
  const en = await cli(['check', '--rule', 'no-such-rule=off', 'x'], { env: { LC_ALL: 'en_US.UTF-8' } });
  assert.match(en.stderr, /unknown rule: no-such-rule/);
});

// ---------------------------------------------------------------- human output

test('human output: file:line:col severity rule message, then the summary; exit 1 on errors/warnings', async () => {
  const seeds = seedFiles();
  const r = await cli(['check', ...seeds]);
  const { doc } = await json(seeds);
  // A file whose tables were not all read (seed 002) also gets a coverage line after its findings.
  const coverage = r.stdout.trimEnd().split('\n').filter((l) => /^\S+: 覆盖：/.test(l));
  assert.deepEqual(coverage, doc.files.filter((f) => f.coverage?.verdict === 'incomplete').map((f) => `${f.file}: 覆盖：统计表读到 56/58 格`));
  const lines = r.stdout.trimEnd().split('\n').filter((l) => !coverage.includes(l));
  const all = doc.files.flatMap((f) => f.findings.map((x) => ({ file: f.file, ...x })));
  assert.equal(lines.length, all.length + 1);
  all.forEach((f, i) => {
    assert.equal(lines[i], `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message.replace(/\s*[\r\n]+\s*/g, ' ')}`);
  });
  const s = doc.summary;
  assert.match(lines[lines.length - 1], new RegExp(`^${seeds.length} 个文件，${s.errors + s.warnings + s.infos + s.hints} 个问题（`));
  assert.equal(r.code, s.errors + s.warnings > 0 ? 1 : 0);
  assert.equal(r.stderr, '');
  assert.ok(!r.stdout.includes('\x1b['), 'no colour when not a TTY');
});

test('colour on a TTY only, and never with NO_COLOR', async () => {
  const seed = SEED_000();
  const tty = await cli(['check', seed], { stdoutIsTTY: true });
  assert.ok(tty.stdout.includes('\x1b['));
  const noColor = await cli(['check', seed], { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
  assert.ok(!noColor.stdout.includes('\x1b['));
  const dumb = await cli(['check', seed], { stdoutIsTTY: true, env: { TERM: 'dumb' } });
  assert.ok(!dumb.stdout.includes('\x1b['));
  const json = await cli(['check', '--format', 'json', seed], { stdoutIsTTY: true });
  assert.ok(!json.stdout.includes('\x1b['));
});

test('--lang en gives English messages and summary; LANG=en too', async () => {
  const seed = SEED_000();
  const zh = await cli(['check', seed]);
  const en = await cli(['check', '--lang', 'en', seed]);
  assert.match(zh.stdout, /1 个文件/);
  assert.match(en.stdout, /^1 file, \d+ problems \(/m);
  assert.notEqual(zh.stdout, en.stdout);
  const env = await cli(['check', seed], { env: { LANG: 'en_US.UTF-8' } });
  assert.equal(env.stdout, en.stdout);
  // A finding's English message is the core's English text.
  const enDoc = (await json(['--lang', 'en', seed])).doc.files[0].findings;
  const zhDoc = (await json([seed])).doc.files[0].findings;
  assert.equal(enDoc.length, zhDoc.length);
  enDoc.forEach((f, i) => {
    assert.notEqual(f.message, zhDoc[i].message);
    assert.match(f.message, /[A-Za-z]{3,}/);
  });
});

// ---------------------------------------------------------------- JSON

test('json: validates, positions agree with offsets, files are sorted', async () => {
  const seeds = seedFiles();
  const { doc, code } = await json([...seeds].reverse());
  assert.equal(doc.version, 1);
  assert.deepEqual(
    doc.files.map((f) => f.file),
    [...seeds].sort(),
  );
  for (const f of doc.files) {
    assert.equal(f.encoding, 'utf-8');
    assert.ok(f.template !== null);
    const text = fs.readFileSync(f.file, 'utf8');
    const ix = new LineIndex(text);
    for (const x of f.findings) {
      assert.deepEqual(x.range.start, ix.position(x.offset.start));
      assert.deepEqual(x.range.end, ix.position(x.offset.end));
      assert.ok(x.offset.start <= x.offset.end && x.offset.end <= text.length);
      assert.ok(rules.some((r) => r.id === x.rule) || x.rule === 'checker-error', x.rule);
    }
  }
  const count = (s: string) => doc.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0);
  assert.deepEqual(doc.summary, {
    files: seeds.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
    unreadable: 0,
    unchecked: doc.files.filter((f) => f.coverage?.verdict === 'incomplete').length,
    skipped: 0,
    fixed: 0,
  });
  assert.equal(doc.summary.unchecked, 1, 'seed 002 lacks two rows of its table');
  assert.equal(code, doc.summary.errors + doc.summary.warnings > 0 ? 1 : 0);
});

test('json: a sum-mismatch carries expected, actual and a safe fix', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  const { doc, code } = await json([file]);
  assert.equal(code, 1);
  const f = doc.files[0].findings.find((x) => x.rule === 'sum-mismatch');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.expected, 31);
  assert.equal(f.actual, 32);
  assert.equal(f.range.start.line, 297);
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix);
  assert.deepEqual(
    fix.edits.map((e) => e.newText),
    ['31'],
  );
});

// ---------------------------------------------------------------- SARIF

test('sarif: 2.1.0, rules from the registry, results with 1-based regions', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  const r = await cli(['check', '--format', 'sarif', 'r.txt'], { cwd: dir });
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.ok(log.$schema);
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'xxgk-report');
  assert.equal(driver.version, VERSION);
  assert.equal(driver.rules.length, rules.length);
  for (const rule of driver.rules) {
    const def = rules.find((x) => x.id === rule.id)!;
    assert.ok(def);
    assert.equal(rule.shortDescription.text, def.title.zh);
    assert.equal(rule.fullDescription.text, def.description.zh);
    assert.equal(rule.defaultConfiguration.level, def.defaultSeverity === 'error' ? 'error' : def.defaultSeverity === 'warning' ? 'warning' : 'note');
    assert.match(rule.helpUri, new RegExp(`${rule.id}\\.md$`));
  }
  const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'sum-mismatch');
  assert.ok(res);
  assert.equal(res.level, 'error');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'r.txt');
  assert.equal(loc.region.startLine, 298);
  assert.ok(loc.region.startColumn >= 1 && loc.region.endColumn > loc.region.startColumn);
  assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '31');
  for (const x of log.runs[0].results) assert.ok(['error', 'warning', 'note'].includes(x.level));
});

// ---------------------------------------------------------------- options

test('--rule off / error changes what is reported; --quiet keeps errors only', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  const base = (await json([file])).doc.files[0].findings;
  assert.ok(base.some((f) => f.rule === 'sum-mismatch'));
  const warningRule = base.find((f) => f.severity === 'warning')!.rule;

  const off = (await json(['--rule', 'sum-mismatch=off', file])).doc.files[0].findings;
  assert.ok(!off.some((f) => f.rule === 'sum-mismatch'));
  assert.equal(off.length, base.filter((f) => f.rule !== 'sum-mismatch').length);

  const upgraded = (await json(['--rule', `${warningRule}=error`, file])).doc.files[0].findings;
  assert.ok(upgraded.filter((f) => f.rule === warningRule).every((f) => f.severity === 'error'));

  const quiet = await json(['--quiet', file]);
  assert.ok(quiet.doc.files[0].findings.length > 0);
  assert.ok(quiet.doc.files[0].findings.every((f) => f.severity === 'error'));
  assert.equal(quiet.doc.summary.warnings, 0);

  // Everything off: clean, exit 0.
  const allOff = rules.map((r) => `${r.id}=off`).join(',');
  const clean = await cli(['check', '--rule', allOff, '--rule', 'checker-error=off', file]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.match(clean.stdout, /^1 个文件，未发现问题$/m);

  // Only the warning rule on, at warning: exit 1; made info: exit 0.
  const others = rules.filter((r) => r.id !== warningRule).map((r) => `${r.id}=off`);
  assert.equal((await cli(['check', '--rule', others.join(','), file])).code, 1);
  assert.equal((await cli(['check', '--rule', others.join(','), '--rule', `${warningRule}=info`, file])).code, 0);
  // --quiet with only warnings left: exit 0.
  assert.equal((await cli(['check', '--quiet', '--rule', others.join(','), file])).code, 0);
});

test('--no-narrative drops the narrative rules', async () => {
  const seeds = seedFiles();
  const narrativeIds = new Set(rules.filter((r) => r.narrative).map((r) => r.id));
  assert.ok(narrativeIds.size > 0);
  const withNarrative = (await json(seeds)).doc.files.flatMap((f) => f.findings);
  assert.ok(withNarrative.some((f) => narrativeIds.has(f.rule)), 'the seeds have narrative findings');
  const without = (await json(['--no-narrative', ...seeds])).doc.files.flatMap((f) => f.findings);
  assert.ok(!without.some((f) => narrativeIds.has(f.rule)));
  assert.equal(without.length, withNarrative.filter((f) => !narrativeIds.has(f.rule)).length);
});

test('--template forces the template', async () => {
  const seed = SEED_000();
  const detected = (await json([seed])).doc.files[0].template;
  assert.ok(detected);
  const other = detected === 'gov2021' ? 'gov2019' : 'gov2021';
  const forced = (await json(['--template', other, seed])).doc.files[0];
  assert.equal(forced.template, other);
});

// ---------------------------------------------------------------- files, encodings, errors

test('directories are walked; the same findings whatever the encoding, BOM or line endings', async (t) => {
  const dir = withDir(t);
  const text = fs.readFileSync(SEED_000(), 'utf8');
  const crlf = text.replace(/\n/g, '\r\n');
  fs.writeFileSync(path.join(dir, 'a-utf8.txt'), text);
  fs.writeFileSync(path.join(dir, 'b-bom.txt'), '\ufeff' + text);
  fs.writeFileSync(path.join(dir, 'c-gb18030.txt'), iconv.encode(text, 'gb18030'));
  fs.writeFileSync(path.join(dir, 'd-utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  fs.writeFileSync(path.join(dir, 'e-utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
  fs.writeFileSync(path.join(dir, 'f-crlf.md'), crlf);
  fs.writeFileSync(path.join(dir, 'ignored.pptx'), text);
  const { doc } = await json(['.'], { cwd: dir });
  assert.deepEqual(
    doc.files.map((f) => [f.file, f.encoding]),
    [
      ['a-utf8.txt', 'utf-8'],
      ['b-bom.txt', 'utf-8-bom'],
      ['c-gb18030.txt', 'gb18030'],
      ['d-utf16le.txt', 'utf-16le'],
      ['e-utf16be.txt', 'utf-16be'],
      ['f-crlf.md', 'utf-8'],
    ],
  );
  const strip = (f: JsonReport['files'][number]) => f.findings.map((x) => ({ rule: x.rule, severity: x.severity, message: x.message, range: x.range }));
  const ref = strip(doc.files[0]);
  assert.ok(ref.length > 0);
  for (const f of doc.files.slice(1)) assert.deepEqual(strip(f), ref, f.file);
  // With CRLF, offsets count the CRs: each offset is past one more CR per line above it.
  const crlfFile = doc.files[5];
  doc.files[0].findings.forEach((x, i) => {
    assert.equal(crlfFile.findings[i].offset.start, x.offset.start + x.range.start.line);
  });
});

test('empty files are noted and counted as not checked; binary and undecodable files are errors', async (t) => {
  const dir = withDir(t);
  fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  fs.writeFileSync(path.join(dir, 'blank.md'), '\ufeff \n\n');
  copyWritable(SEED_000(), path.join(dir, 'ok.txt'));
  const r = await json(['.'], { cwd: dir });
  const byName = Object.fromEntries(r.doc.files.map((f) => [f.file, f]));
  // A binary file is not passed over in silence: no reader knows it, so it could not be checked.
  assert.match(byName['bin.txt'].error!, /二进制/);
  assert.equal(byName['bin.txt'].encoding, null);
  assert.equal(byName['bin.txt'].findings.length, 0);
  assert.match(byName['empty.txt'].note!, /空文件/);
  assert.equal(byName['blank.md'].encoding, 'utf-8-bom');
  assert.equal(r.doc.summary.unreadable, 1);
  assert.equal(r.doc.summary.skipped, 2, 'the two empty files were not checked, and the summary says so');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /二进制/, 'errors go to stderr in every format');
  assert.doesNotMatch(r.stderr, /空文件/, 'notes go to stderr in human format only');
  const human = await cli(['check', '--lang', 'en', '.'], { cwd: dir });
  assert.match(human.stderr, /xxgk-report: cannot read bin\.txt: unsupported binary file/);
  assert.match(human.stderr, /xxgk-report: empty\.txt: empty file/);
  assert.match(human.stdout, /2 files not checked/);

  fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0x41, 0xff, 0xfe, 0xfd, 0x42]));
  const bad = await json(['.'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.equal(bad.doc.summary.unreadable, 2);
  assert.match(bad.stderr, /xxgk-report: 无法读取 bad\.txt：无法识别编码/);
});

test('unreadable inputs are reported and the rest is still checked; exit 2', async (t) => {
  const dir = withDir(t);
  copyWritable(SEED_000(), path.join(dir, 'a.txt'));
  fs.symlinkSync('nowhere.txt', path.join(dir, 'b-dangling.txt'));
  copyWritable(SEED_000(), path.join(dir, 'c.txt'));
  fs.symlinkSync('d-loop.txt', path.join(dir, 'd-loop.txt'));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.symlinkSync('..', path.join(dir, 'sub', 'up')); // a directory loop
  const r = await cli(['check', '--lang', 'en', '.', 'missing.md'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /xxgk-report: cannot read b-dangling\.txt: no such file or directory/);
  assert.match(r.stderr, /xxgk-report: cannot read d-loop\.txt: too many levels of symbolic links/);
  assert.match(r.stderr, /xxgk-report: cannot read missing\.md: no such file or directory/);
  assert.match(r.stdout, /^a\.txt:/m);
  assert.match(r.stdout, /^c\.txt:/m);
  assert.match(r.stdout, /^5 files, \d+ problems .*, 3 unreadable$/m);

  const j = await json(['.'], { cwd: dir });
  assert.equal(j.code, 2);
  assert.deepEqual(
    j.doc.files.filter((f) => f.error).map((f) => f.file),
    ['b-dangling.txt', 'd-loop.txt'],
  );
});

test('a read that fails (EISDIR race, EACCES) is reported per file', async (t) => {
  const dir = withDir(t);
  copyWritable(SEED_000(), path.join(dir, 'a.txt'));
  copyWritable(SEED_000(), path.join(dir, 'b.txt'));
  const realRead = fs.readFileSync;
  const r = await cli(['check', '--lang', 'en', '.'], {
    cwd: dir,
    fs: {
      readFileSync: (p: string) => {
        if (p.endsWith('a.txt')) throw errnoError('EISDIR', 'EISDIR: illegal operation on a directory');
        if (p.endsWith('b.txt')) throw errnoError('EACCES', 'EACCES: permission denied');
        return realRead(p);
      },
    },
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read a\.txt: is a directory/);
  assert.match(r.stderr, /cannot read b\.txt: permission denied/);
});

test('standard input with "-"', async () => {
  const text = fs.readFileSync(SEED_000());
  const { doc } = await json(['-'], { stdin: text });
  assert.equal(doc.files[0].file, '<stdin>');
  assert.ok(doc.files[0].findings.length > 0);
});

// ---------------------------------------------------------------- --fix

function differingRanges(a: Buffer, b: Buffer): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start, endA: ea, endB: eb };
}

test('--fix applies the safe fix, changes only the fixed span, keeps mode; a second run has nothing to fix', async (t) => {
  const dir = withDir(t);
  const file = writeBroken(dir, 0o600);
  const before = fs.readFileSync(file);
  const r = await cli(['check', '--fix', file]);
  const after = fs.readFileSync(file);
  assert.deepEqual(after, fs.readFileSync(SEED_000()), 'the fix restores the original total');
  const d = differingRanges(before, after);
  assert.equal(before.subarray(d.start, d.endA).toString(), '2');
  assert.equal(after.subarray(d.start, d.endB).toString(), '1');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(dir), ['r.txt'], 'no temporary file left');
  assert.ok(!r.stdout.includes('sum-mismatch'), 'findings are those after fixing');
  assert.match(r.stdout, /已自动修复 1 处/);

  const again = await json(['--fix', file]);
  assert.equal(again.doc.files[0].fixed, 0);
  assert.deepEqual(fs.readFileSync(file), after);
});

test('--fix keeps the encoding, BOM and CRLF line endings (UTF-8 BOM, UTF-16, GB18030)', async (t) => {
  const dir = withDir(t);
  const broken = brokenSeed().replace(/\n/g, '\r\n');
  const fixedText = fs.readFileSync(SEED_000(), 'utf8').replace(/\n/g, '\r\n');
  const encodings: [string, (s: string) => Buffer][] = [
    ['bom.txt', (s) => Buffer.from('\ufeff' + s, 'utf8')],
    ['le.txt', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['be.txt', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
    ['gb.txt', (s) => iconv.encode(s, 'gb18030')],
  ];
  for (const [name, enc] of encodings) fs.writeFileSync(path.join(dir, name), enc(broken));
  const r = await json(['--fix', '.'], { cwd: dir });
  assert.equal(r.doc.summary.fixed, encodings.length);
  for (const [name, enc] of encodings) {
    assert.deepEqual(fs.readFileSync(path.join(dir, name)), enc(fixedText), name);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), encodings.map(([n]) => n).sort());
});

test('--fix refuses a GB18030 file that cannot be re-encoded exactly', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'gb.txt');
  // A lone 0x80 byte decodes (as €) but encodes back differently.
  const bytes = Buffer.concat([iconv.encode(brokenSeed(), 'gb18030'), Buffer.from([0x80])]);
  fs.writeFileSync(file, bytes);
  const r = await json(['--fix', file]);
  assert.deepEqual(fs.readFileSync(file), bytes);
  assert.match(r.doc.files[0].note!, /无法按原编码（gb18030）逐字节写回/);
  assert.equal(r.doc.files[0].fixed, 0);
  assert.ok(r.doc.files[0].findings.some((f) => f.rule === 'sum-mismatch'), 'the unfixed findings are reported');
  const human = await cli(['check', '--fix', '--lang', 'en', file]);
  assert.match(human.stderr, /not fixed: cannot re-encode exactly \(gb18030\)/);
});

test('--fix --dry-run prints a unified diff and writes nothing', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  const before = fs.readFileSync(file);
  const mtime = fs.statSync(file).mtimeMs;
  const r = await cli(['check', '--fix', '--dry-run', 'r.txt'], { cwd: dir });
  assert.deepEqual(fs.readFileSync(file), before);
  assert.equal(fs.statSync(file).mtimeMs, mtime);
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
  assert.ok(r.stdout.startsWith('--- a/r.txt\n+++ b/r.txt\n@@ -295,7 +295,7 @@\n'), r.stdout.slice(0, 200));
  assert.match(r.stdout, /^-\(一\) 收到申请数\t件\t32$/m);
  assert.match(r.stdout, /^\+\(一\) 收到申请数\t件\t31$/m);
  // Standard output is only the diff (patch can apply it); the summary is on standard error.
  assert.doesNotMatch(r.stdout, /可自动修复|warning|figure-table-mismatch/);
  assert.ok(r.stdout.split('\n').every((l) => l === '' || /^(--- |\+\+\+ |@@ |[-+ ])/.test(l)), r.stdout);
  assert.match(r.stderr, /可自动修复 1 处/);
  const j = await json(['--fix', '--dry-run', 'r.txt'], { cwd: dir });
  assert.equal(j.doc.files[0].fixed, 1);
  assert.match(j.doc.files[0].diff!, /^@@ -295,7 \+295,7 @@$/m);
  assert.deepEqual(fs.readFileSync(file), before);
});

test('--fix: a failed write leaves the file as it was and exits 2', async (t) => {
  const dir = withDir(t);
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  const before = fs.readFileSync(file);
  const r = await cli(['check', '--fix', '--lang', 'en', file], {
    fs: {
      renameSync: () => {
        throw errnoError('EROFS');
      },
    },
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot write .*r\.txt: read-only file system/);
  assert.deepEqual(fs.readFileSync(file), before);
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
  assert.match(r.stdout, /sum-mismatch/, 'the unfixed findings are reported');
});

// ---------------------------------------------------------------- progress

test('progress on a TTY stderr for more than 20 files, cleared at the end; never for json or a pipe', async (t) => {
  const dir = withDir(t);
  const text = fs.readFileSync(SEED_000());
  for (let i = 0; i < 25; i++) fs.writeFileSync(path.join(dir, `r${String(i).padStart(2, '0')}.txt`), text);
  let clock = 0;
  const now = () => (clock += 1000);
  const tty = await cli(['check', '.'], { cwd: dir, stderrIsTTY: true, now });
  assert.ok(tty.stderr.includes('\r\x1b[K检查中 25/25 …'), JSON.stringify(tty.stderr));
  assert.ok(tty.stderr.endsWith('\r\x1b[K'), 'the line is cleared');
  assert.ok(!tty.stdout.includes('\r'));
  const en = await cli(['check', '--lang', 'en', '.'], { cwd: dir, stderrIsTTY: true, now });
  assert.match(en.stderr, /Checking 12\/25 …/);
  const pipe = await cli(['check', '.'], { cwd: dir, stderrIsTTY: false, now });
  assert.equal(pipe.stderr, '');
  const j = await cli(['check', '--format', 'json', '.'], { cwd: dir, stderrIsTTY: true, now });
  assert.equal(j.stderr, '');
  const s = await cli(['check', '--format', 'sarif', '.'], { cwd: dir, stderrIsTTY: true, now });
  assert.equal(s.stderr, '');
  for (let i = 0; i < 5; i++) fs.unlinkSync(path.join(dir, `r0${i}.txt`));
  const few = await cli(['check', '.'], { cwd: dir, stderrIsTTY: true, now });
  assert.equal(few.stderr, '', '20 files: no progress');
});

// ---------------------------------------------------------------- worker threads

const COMPILED_MAIN = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');

test('worker threads give the same output, in the same order, as one thread', async (t) => {
  const dir = withDir(t);
  const seeds = seedFiles();
  for (let i = 0; i < 30; i++) copyWritable(seeds[i % seeds.length], path.join(dir, `r${String(i).padStart(2, '0')}.txt`));
  fs.writeFileSync(path.join(dir, 'r07.txt'), brokenSeed());
  fs.unlinkSync(path.join(dir, 'r15.txt'));
  fs.symlinkSync('nowhere.txt', path.join(dir, 'r15.txt'));
  for (const format of ['human', 'json', 'sarif']) {
    const one = await cli(['check', '--format', format, '.'], { cwd: dir });
    const many = await cli(['check', '--format', format, '.'], { cwd: dir, workerScript: COMPILED_MAIN, cpus: 3 });
    assert.equal(many.stdout, one.stdout, format);
    assert.equal(many.stderr, one.stderr, format);
    assert.equal(many.code, one.code);
    assert.equal(many.code, 2);
  }
  const jobs1 = await cli(['check', '-j', '1', '.'], { cwd: dir, workerScript: COMPILED_MAIN, cpus: 3 });
  const plain = await cli(['check', '.'], { cwd: dir });
  assert.equal(jobs1.stdout, plain.stdout);
});

test('worker threads: --fix writes the files; a worker that fails to start falls back to this thread', async (t) => {
  const dir = withDir(t);
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `r${String(i).padStart(2, '0')}.txt`), brokenSeed());
  const fixed = await json(['--fix', '.'], { cwd: dir, workerScript: COMPILED_MAIN, cpus: 2 });
  assert.equal(fixed.doc.summary.fixed, 20);
  const original = fs.readFileSync(SEED_000());
  for (const name of fs.readdirSync(dir)) assert.deepEqual(fs.readFileSync(path.join(dir, name)), original, name);

  const broken = path.join(dir, 'broken-worker.js');
  fs.writeFileSync(broken, 'throw new Error("boom");\n');
  const fallback = await cli(['check', '--format', 'json', '.'], { cwd: dir, workerScript: broken, cpus: 4 });
  const plain = await cli(['check', '--format', 'json', '.'], { cwd: dir });
  assert.equal(fallback.stdout, plain.stdout);
  assert.equal(fallback.code, plain.code);
});
