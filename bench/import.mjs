// Section 5, import: the readers that turn a web page, a Word file or a PDF into the text the checker reads.
// `readDocx` on a 20-page .docx (the 5-page fixture's body repeated 4× with fflate), also followed by `analyze`;
// `readHtml` on the GB2312 CMS page and on the pandoc page; `readPdf` (pdf.js on this thread) on the 6-page fixture
// and on a 10-page PDF made with qpdf (or an estimate from the per-page time without it), its first call (loading
// pdf.js) apart; then the shipped CLI (`dist/cli.js check --format json`) on a directory of mixed files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { has, timed } from './batch.mjs';
import { BIN, ROOT, loadImporters } from './lib/build.mjs';
import { MB, fmt, fmtBytes, fmtMs, log, mdTable, nowMs, quantile, summarize, target } from './lib/util.mjs';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const DOCX = join(FIXTURES, 'import', 'docx', 'gov2021-pipes.docx');
const HTML = join(FIXTURES, 'import', 'html', 'gov2021-pipes.html');
const CMS = join(FIXTURES, 'import', 'html', 'cms-gb2312.html');
const PDF = join(FIXTURES, 'import', 'pdf', 'gov2021-pipes.pdf');
const SEEDS = join(FIXTURES, 'seeds');
const TIME = '/usr/bin/time';
const DOCX_REPEAT = 4;

let sink = 0;

/**
 * Times `fn` (sync or async) after a warm-up: at least `minIters` samples and at least `budgetMs` of sampling, at most
 * `maxIters`. Returns the per-call samples in ms and the time of the very first call.
 */
async function measure(fn, { minIters, maxIters, budgetMs, warmupMs }) {
  let t0 = nowMs();
  await fn();
  const first = nowMs() - t0;
  let warm = 1;
  const warmStart = nowMs();
  while (nowMs() - warmStart < warmupMs) {
    await fn();
    warm++;
  }
  const samples = [];
  const start = nowMs();
  const cpu0 = process.cpuUsage();
  while (samples.length < maxIters && (samples.length < minIters || nowMs() - start < budgetMs)) {
    t0 = nowMs();
    await fn();
    samples.push(nowMs() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return { ...summarize(samples), p95: quantile(samples, 0.95), firstCallMs: first, warmupIters: warm, cpuShare: (cpu.user + cpu.system) / 1000 / (nowMs() - start) };
}

/** The result of a reader, or an error: a refusal here means the benchmark measured nothing worth reporting. */
function text(result, what) {
  if (result.kind !== 'text') throw new Error(`${what}: refused (${result.reason?.en ?? JSON.stringify(result)})`);
  return result;
}

/** The fixture's `<w:body>` children before the final `<w:sectPr>` repeated `times` times, everything else as it is. */
function repeatDocxBody(bytes, times) {
  const files = unzipSync(bytes);
  const xml = new TextDecoder().decode(files['word/document.xml']);
  const open = xml.indexOf('>', xml.indexOf('<w:body')) + 1;
  const close = xml.lastIndexOf('</w:body>');
  const sect = xml.lastIndexOf('<w:sectPr', close);
  const end = sect > open ? sect : close;
  if (open <= 0 || close < 0) throw new Error('word/document.xml has no <w:body>');
  files['word/document.xml'] = new TextEncoder().encode(xml.slice(0, open) + xml.slice(open, end).repeat(times) + xml.slice(end));
  return zipSync(files);
}

function pdfPages(file, result) {
  try {
    const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    if (m) return { pages: Number(m[1]), by: 'pdfinfo' };
  } catch {
    // No pdfinfo: the highest page the reader put a line on.
  }
  return { pages: Math.max(...result.lines.map((l) => l.source.page ?? 0)), by: 'readPdf line sources' };
}

function row(label, kind, input, m, extra = {}) {
  return { label, kind, inputBytes: input, ...m, ...extra };
}

/** The shipped CLI on a directory of `copies` web pages, Word files, PDFs and seed .txt reports each. */
async function runCli({ quick }) {
  const copies = quick ? 10 : 30;
  const repeats = quick ? 1 : 3;
  const useTime = existsSync(TIME);
  const pin = has('taskset');
  const dir = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-import-'));
  const timeFile = join(os.tmpdir(), `xxgk-bench-import-time-${process.pid}.txt`);
  try {
    const seeds = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(join(SEEDS, n)));
    const sources = { html: [readFileSync(HTML)], docx: [readFileSync(DOCX)], pdf: [readFileSync(PDF)], txt: seeds };
    const formats = {};
    for (const [ext, contents] of Object.entries(sources)) {
      mkdirSync(join(dir, ext));
      let bytes = 0;
      for (let i = 0; i < copies; i++) {
        const data = contents[i % contents.length];
        writeFileSync(join(dir, ext, `${String(i).padStart(3, '0')}_政府信息公开工作年度报告.${ext}`), data);
        bytes += data.length;
      }
      formats[ext] = { files: copies, bytes };
    }
    const files = copies * Object.keys(sources).length;
    const bytes = Object.values(formats).reduce((a, f) => a + f.bytes, 0);
    log(`import: ${files} files (${fmtBytes(bytes)}) in ${dir}`);

    // Sanity: every file is checked as what it is, none unreadable.
    const out = spawnSync(process.execPath, [BIN.cli, 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 256 * MB, stdio: ['ignore', 'pipe', 'ignore'] });
    let probe = {};
    try {
      probe = JSON.parse(out.stdout);
    } catch {
      log(`import: the CLI's JSON output did not parse (exit ${out.status})`);
    }
    const byFormat = {};
    for (const f of probe.files ?? []) byFormat[f.format ?? 'text'] = (byFormat[f.format ?? 'text'] ?? 0) + 1;
    const sanity = { files: probe.summary?.files, unreadable: probe.summary?.unreadable, byFormat };

    const opts = { cwd: dir, useTime, timeFile, timeoutMs: 300_000, tag: 'import' };
    const one = pin ? ['taskset', '-c', '0'] : [];
    const plan = [
      { id: 'mixed', label: `mixed, default threads (${os.cpus().length} CPUs)`, argv: [process.execPath, BIN.cli, 'check', '--format', 'json', dir], files, bytes },
      { id: 'mixedOne', label: `mixed, --jobs 1${pin ? ', taskset -c 0' : ''}`, argv: [...one, process.execPath, BIN.cli, 'check', '--format', 'json', '--jobs', '1', dir], files, bytes },
      ...Object.entries(formats).map(([ext, f]) => ({
        id: ext, label: `${ext} only, --jobs 1${pin ? ', taskset -c 0' : ''}`, argv: [...one, process.execPath, BIN.cli, 'check', '--format', 'json', '--jobs', '1', join(dir, ext)], ...f,
      })),
      { id: 'startup', label: `one seed .txt, --jobs 1${pin ? ', taskset -c 0' : ''} (start-up)`, argv: [...one, process.execPath, BIN.cli, 'check', '--format', 'json', '--jobs', '1', join(dir, 'txt', `000_政府信息公开工作年度报告.txt`)], files: 1, bytes: formats.txt.bytes / copies },
    ];
    const runs = [];
    for (const p of plan) {
      const tries = [];
      for (let i = 0; i < repeats; i++) tries.push(await timed(p.label, p.argv, opts));
      const r = tries.sort((a, b) => a.wallS - b.wallS)[Math.floor(tries.length / 2)]; // the run with the median wall time
      runs.push({ ...r, id: p.id, files: p.files, bytes: p.bytes, repeats, filesPerS: p.files / r.wallS, mbPerS: p.bytes / MB / r.wallS, mbPerCpuS: p.bytes / MB / (r.userS + r.sysS) });
    }
    return { copies, files, bytes, formats, repeats, pinned: pin, timeTool: useTime ? TIME : '/proc polling', sanity, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(timeFile, { force: true });
  }
}

export async function runImport({ quick }) {
  const plan = quick ? { minIters: 5, maxIters: 300, budgetMs: 500, warmupMs: 250 } : { minIters: 10, maxIters: 1000, budgetMs: 2000, warmupMs: 500 };
  const t0 = nowMs();
  const lib = await loadImporters();
  const bundleMs = nowMs() - t0;
  const cMapDir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');
  const rows = [];

  // Word: readDocx alone, then readDocx + analyze of its text.
  const docx5 = new Uint8Array(readFileSync(DOCX));
  const docx20 = repeatDocxBody(docx5, DOCX_REPEAT);
  for (const [label, bytes] of [['gov2021-pipes.docx (~5 pages)', docx5], [`gov2021-pipes.docx body × ${DOCX_REPEAT} (~20 pages)`, docx20]]) {
    log(`import: readDocx ${label}, ${fmtBytes(bytes.length)} ...`);
    const out = text(lib.readDocx(bytes), label);
    const findings = lib.analyze(out.text, { reuse: false }).findings.length;
    const m = await measure(() => {
      sink += lib.readDocx(bytes).lines.length;
    }, plan);
    rows.push(row(label, 'docx', bytes.length, m, { call: 'readDocx', textBytes: Buffer.byteLength(out.text), lines: out.lines.length }));
    const both = await measure(() => {
      sink += lib.analyze(lib.readDocx(bytes).text, { reuse: false }).findings.length;
    }, plan);
    rows.push(row(label, 'docx+analyze', bytes.length, both, { call: 'readDocx + analyze', textBytes: Buffer.byteLength(out.text), lines: out.lines.length, findings }));
  }

  // Web pages: the GB2312 CMS page decoded as GBK, the pandoc page as UTF-8 (decoding not timed).
  for (const [label, file, encoding] of [['cms-gb2312.html (GBK)', CMS, 'gbk'], ['gov2021-pipes.html', HTML, 'utf-8']]) {
    const raw = readFileSync(file);
    const source = new TextDecoder(encoding).decode(raw);
    log(`import: readHtml ${label}, ${fmtBytes(raw.length)} ...`);
    const out = text(lib.readHtml(source), label);
    const m = await measure(() => {
      sink += lib.readHtml(source).lines.length;
    }, plan);
    rows.push(row(label, 'html', raw.length, m, { call: 'readHtml', textBytes: Buffer.byteLength(out.text), lines: out.lines.length }));
  }

  // PDF: the fixture, then a 10-page file made from it with qpdf (6 + its first 4 pages).
  const tmp = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-pdf-'));
  let pdfRows;
  try {
    const inputs = [{ label: 'gov2021-pipes.pdf', file: PDF }];
    const qpdf = has('qpdf');
    if (qpdf) {
      const ten = join(tmp, 'ten-pages.pdf');
      execFileSync('qpdf', ['--empty', '--pages', PDF, PDF, '1-4', '--', ten], { stdio: 'ignore' });
      inputs.push({ label: 'gov2021-pipes.pdf + its pages 1-4 (qpdf)', file: ten });
    }
    pdfRows = [];
    for (const input of inputs) {
      const bytes = new Uint8Array(readFileSync(input.file));
      log(`import: readPdf ${input.label}, ${fmtBytes(bytes.length)} ...`);
      let out;
      const m = await measure(async () => {
        out = await lib.readPdf(bytes, { cMapDir });
        sink += out.lines?.length ?? 0;
      }, plan);
      text(out, input.label);
      const { pages, by } = pdfPages(input.file, out);
      pdfRows.push(row(`${input.label} (${pages} pages)`, 'pdf', bytes.length, m, {
        call: 'readPdf', pages, pagesBy: by, perPageMs: m.median / pages, textBytes: Buffer.byteLength(out.text), lines: out.lines.length,
      }));
    }
    rows.push(...pdfRows);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const pdf6 = pdfRows[0];
  const pdf10 = pdfRows.find((r) => r.pages === 10);
  const tenPage = pdf10
    ? { ms: pdf10.median, measured: true, shown: `${fmtMs(pdf10.median)} (measured, 10-page PDF made with qpdf)` }
    : { ms: pdf6.perPageMs * 10, measured: false, shown: `${fmtMs(pdf6.perPageMs * 10)} (estimate: per-page × 10, no qpdf)` };

  const cli = await runCli({ quick });

  const docx20Row = rows.find((r) => r.kind === 'docx' && r.label.includes('20 pages'));
  const htmlWorst = Math.max(...rows.filter((r) => r.kind === 'html').map((r) => r.median));
  const targets = [
    target('Import', 'readDocx of a 20-page .docx: median ≤ 50 ms', docx20Row.median, fmtMs(docx20Row.median), docx20Row.median <= 50),
    target('Import', 'readHtml of a report page (CMS page, pandoc page): median ≤ 20 ms', htmlWorst, `${fmtMs(htmlWorst)} (slower of the two)`, htmlWorst <= 20),
    target('Import', 'readPdf of a 10-page PDF, warm: median ≤ 300 ms', tenPage.ms, tenPage.shown, tenPage.ms <= 300),
  ];
  return { bundleMs, plan, rows, tenPage, firstPdfCallMs: pdf6.firstCallMs, cli, targets, sink: sink % 7 };
}

export function importMarkdown(res) {
  const table = mdTable(
    ['call', 'input', 'file size', 'text', 'lines', 'median', 'p95', 'samples', 'first call', 'per page', 'CPU share'],
    res.rows.map((r) => [
      r.call, r.label, fmtBytes(r.inputBytes), fmtBytes(r.textBytes), r.lines, fmtMs(r.median), fmtMs(r.p95), r.n, fmtMs(r.firstCallMs),
      r.pages ? fmtMs(r.perPageMs) : '', `${fmt(r.cpuShare * 100, 0)}%`,
    ]),
  );
  const c = res.cli;
  const cliTable = mdTable(
    ['run', 'files', 'input', 'wall (s)', 'files/s', 'MB/s (wall)', 'MB per CPU-second', 'CPU user + sys (s)', 'peak RSS (MB)', 'exit'],
    c.runs.map((r) => [
      r.label, r.files, fmtBytes(r.bytes), fmt(r.wallS, 2), fmt(r.filesPerS, 1), fmt(r.mbPerS, 2), fmt(r.mbPerCpuS, 2), `${fmt(r.userS, 2)} + ${fmt(r.sysS, 2)}`, fmt(r.peakRssMB, 0), r.exitCode,
    ]),
  );
  return [
    table,
    '',
    `The very first \`readPdf\` call of the process (loading pdf.js's modules, then reading the ${res.rows.find((r) => r.kind === 'pdf').pages}-page fixture) took **${fmtMs(res.firstPdfCallMs)}**; `
      + `every other number is warm. 10 pages: **${res.tenPage.shown}**. Bundling the readers for this section took ${fmtMs(res.bundleMs)} (not part of any figure).`,
    '',
    `CLI: ${c.files} files, ${c.copies} each of \`gov2021-pipes.html\`, \`gov2021-pipes.docx\`, \`gov2021-pipes.pdf\` and the seed reports (\`test/fixtures/seeds/*.txt\`, cycled), `
      + `${fmtBytes(c.bytes)} in all (file sizes on disk), in a temporary directory (deleted afterwards); \`--format json\` to /dev/null; `
      + `${c.repeats > 1 ? `each run ${c.repeats} times, the run with the median wall time shown` : 'each run once'}; CPU and peak RSS from `
      + `${c.timeTool === TIME ? '`/usr/bin/time -v`' : 'polling /proc'}. Sanity check: the JSON output listed ${c.sanity.files} files `
      + `(${Object.entries(c.sanity.byFormat).map(([k, v]) => `${v} ${k}`).join(', ')}), ${c.sanity.unreadable} unreadable.`,
    '',
    cliTable,
  ].join('\n');
}

