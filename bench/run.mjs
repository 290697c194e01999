#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only engine,editing,batch,startup,import] [-- --out DIR]`
//
// Builds dist/ when it is missing or stale, runs the five sections and writes benchmarks.md and benchmarks.json:
// to docs/ for a full run, to <tmpdir>/xxgk-report-bench/ for --quick or --only (so that the committed reference
// numbers are only ever replaced by a full run), unless --out says otherwise. No network.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { batchMarkdown, runBatch } from './batch.mjs';
import { editingMarkdown, runEditing } from './editing.mjs';
import { engineMarkdown, runEngine } from './engine.mjs';
import { importMarkdown, runImport } from './import.mjs';
import { reviewMarkdown, runReview } from './review.mjs';
import { ROOT, prepare } from './lib/build.mjs';
import { fmt, log, machineInfo, mdTable, nowMs, verdict } from './lib/util.mjs';
import { runStartup, startupMarkdown } from './startup.mjs';

const SECTIONS = [
  { id: 'engine', title: '1. Engine', run: runEngine, markdown: engineMarkdown },
  { id: 'editing', title: '2. Editing (language server over stdio)', run: runEditing, markdown: editingMarkdown },
  { id: 'batch', title: '3. Batch (CLI)', run: runBatch, markdown: batchMarkdown },
  { id: 'startup', title: '4. Start-up and size', run: runStartup, markdown: startupMarkdown },
  { id: 'import', title: '5. Import (web page, Word, PDF)', run: runImport, markdown: importMarkdown },
  { id: 'review', title: '6. Review (CLI)', run: runReview, markdown: reviewMarkdown },
];

const METHOD = {
  engine: `\`analyze(text, { reuse: false })\` (parse + every rule, default options) from \`shared/src/index.ts\`, bundled by this script with
esbuild (same settings as \`scripts/build.mjs\`, unminified) into \`node_modules/.cache/xxgk-report-bench/core.cjs\` and run
in the benchmark process. Inputs: the 5 seed reports as they are, and generated documents of about 30 KB to 10 MB (a
city's consolidated reports: fixture reports pasted one after another, each renamed to another department; every
generated size is the beginning of the same 10 MB document, the "10 MB pasted document", and the 48 fixture reports repeat in it). Each input
is warmed up first (≥ 0.5 s), then timed call by call (≥ 10 calls, or 6 for 1 MB and more, and ≥ 2 s). The baseline is a
bare \`text.split(/\\r?\\n/)\` of the same text, timed the same way. "First call" is the very first \`analyze\` of that
input (the first row's includes JIT warm-up of the whole core). "CPU share" is the process's CPU time over wall time
while sampling: near 100% means the numbers were not slowed by other work on the machine; "CPU time" is the median
process CPU time per call (including V8's GC threads), less sensitive to other load than wall time. "Allocated per call" is what
one \`analyze\` allocates on the JS heap (the heap's growth plus what each garbage collection freed, from \`v8.GCProfiler\`, over 50
calls, 3 for 1 MB and more), also divided by the input's UTF-8 size. The targets on check ÷ split and on allocation take the
worst seed or generated input (not the one-line dump, whose line split has one line to find).`,
  editing: `\`node dist/server.js --stdio\` driven by a scripted client (vscode-jsonrpc: createMessageConnection,
StreamMessageReader/Writer). The client declares \`workspace.configuration\`, so the server pulls its settings; the client
answers \`xxgk-report.debounceMs: 0\`. Diagnostics are pushed. One server opens a generated 30 KB report and then a 1 MB
consolidated document; in each it types single characters in the middle of a prose line near the middle of the document (incremental
\`didChange\`), waiting for the \`publishDiagnostics\` of each edited version before the next edit (latency = didChange
sent → that publishDiagnostics received). Then the same server opens seed report 000 (31.5 KB, one real report) and a single 1 MB
report grown from it (its title and table, section 二 lengthened with 90 subsections of its own prose; the core finds one
report in it, checked before the run), and edits the last digit of a statistical-table cell near the middle of the table, to the
next digit and back alternately (a \`didChange\` whose range covers the digit), and types into the 1 MB report's prose. Then hover (on numbers spread over the document), documentSymbol and
codeAction (on the ranges of the published diagnostics) requests, one at a time. "Server CPU per edit" is the server
process's CPU time (from /proc, 10 ms ticks) over the edit series divided by the number of edits. Memory: a second,
fresh server; RSS (/proc/PID/status VmRSS) after initialize, with 1, and with 50 (quick run: 20) distinct ~30 KB reports open (each
open waits for its diagnostics; 0.3 s settle time, no forced GC), next to the heap the same number of cached analyses keeps
alive in a plain Node process after forced GC (what the server's cache itself costs; the rest of its RSS is the loaded
bundle and not-yet-collected garbage).`,
  batch: `The CLI as shipped (\`dist/cli.js\`) on a temporary directory of generated reports (~30 KB each, sizes 15-45 KB),
\`--format json\` to /dev/null: once with the default number of worker threads, once with \`--jobs 1\` pinned to one CPU
(\`taskset -c 0\`), then with \`--jobs 1\` and with \`--jobs 2\`, neither pinned (the speed-up of two threads over one). Then \`markdownlint-cli2\` (devDependency, default rules, no config file) on the same files via the glob
\`**/*.txt\` (it lints whatever the glob matches as Markdown), output to /dev/null. Each run is limited to 5 minutes.
"MB per CPU-second" divides the input by user + system CPU time and is less sensitive to other load than wall time.`,
  startup: `Spawn of \`node dist/server.js --stdio\` → \`initialize\` result, 1 warm-up spawn then 10 timed (each server is shut down
before the next), for the work tree's \`dist/\` and for the production build. Bundle sizes: the same two builds. The \`.vsix\` is
made by the project's \`npm run package\` in a staging copy of the repository in a temporary directory (sources and
node_modules symlinked), so the work tree's \`dist/\` and \`xxgk-report.vsix\` are not touched.`,
  import: `The readers of the import layer, \`readDocx\`, \`readHtml\` and \`analyze\` from \`shared/src/index.ts\` and \`readPdf\` from
\`server/src/import/pdf.ts\` (pdf.js on the benchmark's thread, CMaps from pdfjs-dist's \`cmaps/\`), bundled by this script with esbuild
(same settings as \`scripts/build.mjs\`, unminified) into \`node_modules/.cache/xxgk-report-bench/import.cjs\` when the section starts,
and run in the benchmark process on the fixtures of \`test/fixtures/import/\`. Word: \`gov2021-pipes.docx\` (about 5 pages) and a
20-page document made from it here with fflate (the \`<w:body>\` children before the final \`w:sectPr\` of \`word/document.xml\`
repeated 4×), \`readDocx\` alone and \`readDocx\` + \`analyze(text, { reuse: false })\` of its text. Web pages: the GB2312 CMS page
decoded with \`new TextDecoder('gbk')\` and the pandoc page, decoding not timed. PDF: \`gov2021-pipes.pdf\` and, when \`qpdf\` is on the
PATH, a 10-page PDF made from it (\`qpdf --empty --pages a.pdf a.pdf 1-4 --\`), without qpdf the 10-page figure is the 6-page median
per page × 10 and said to be an estimate; page counts from \`pdfinfo\`. Each input is warmed up first (≥ 0.5 s), then timed call
by call (≥ 10 calls and ≥ 2 s); "first call" is the first call on that input, and the first \`readPdf\` of the process includes
loading pdf.js. Then the CLI as shipped (\`dist/cli.js check --format json\` to /dev/null) on a temporary directory of 30 copies each of
the web page, Word and PDF fixtures and of the seed reports (.txt), with the default threads and with \`--jobs 1\` pinned to one CPU
(\`taskset -c 0\`), and each format on its own; each run 3 times, the median shown. MB are the file sizes on disk.`,
  review: `The CLI as shipped (\`dist/cli.js\`) on the batch section's generated corpus: \`check --format json DIR\` and \`review DIR\` (the HTML
page) with the default threads, output to /dev/null, three runs each, alternating; the medians are compared. The page size: \`review --out\`
on 300 single-report files made from the fixture pool (each renamed to another department of another city).`,
};

function parseArgs(argv) {
  const args = { quick: false, only: undefined, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--quick') args.quick = true;
    else if (name === '--only') args.only = value().split(',').map((s) => s.trim());
    else if (name === '--out') args.out = resolve(value());
    else if (name === '--help' || name === '-h') {
      process.stdout.write('npm run bench [-- --quick] [--only engine,editing,batch,startup,import,review] [--out DIR]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  const unknown = (args.only ?? []).filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length) {
    process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}\n`);
    process.exit(2);
  }
  return args;
}

function markdown(report) {
  const m = report.machine;
  const lines = [
    '# Benchmarks',
    '',
    `<!-- Generated by \`npm run bench\` (bench/run.mjs). Do not edit by hand: re-run the benchmark. -->`,
    '',
    report.mode === 'full' ? '' : `> **${report.mode} run** (fewer iterations, smaller inputs): for iteration only, not reference numbers.\n`,
    mdTable(['', ''], [
      ['date', m.date],
      ['CPU', `${m.cpuModel}, ${m.cores} cores (as seen by Node)`],
      ['memory', `${fmt(m.totalMemMB / 1000, 1)} GB`],
      ['Node', m.node],
      ['OS', m.platform],
      ['commit', `${m.commit}${m.modifiedTrackedFiles ? ` + ${m.modifiedTrackedFiles} modified tracked file(s)` : ''}`],
      ['build', report.build],
      ['load average (1/5/15 min) at start → end', `${m.loadAvgAtStart.join(' / ')} → ${report.loadAvgAtEnd.join(' / ')}`],
      ['duration', `${fmt(report.durationS / 60, 1)} min`],
    ]),
    '',
    'Units: KB = 1,000 bytes, MB = 1,000,000 bytes (UTF-8 size of the text). Percentiles interpolate between samples.',
    ...(Math.max(...m.loadAvgAtStart, ...report.loadAvgAtEnd) > m.cores * 0.75
      ? ['', `**The machine was busy with other work during this run** (load average above ${m.cores * 0.75} on ${m.cores} cores), `
        + 'so wall-clock times are inflated; the CPU-share, CPU-time and MB-per-CPU-second columns show by how much.']
      : []),
    '',
    '## Targets',
    '',
    mdTable(['section', 'target', 'measured', 'verdict'], report.targets.map((t) => [t.section, t.target, t.shown, verdict(t) === 'met' ? 'met' : `**${verdict(t)}**`])),
    '',
    'Why the targets that are not met are not met, with the profiles behind it: [performance.md](performance.md) (written by hand, not by this script).',
  ];
  for (const s of SECTIONS) {
    const res = report.sections[s.id];
    if (!res) continue;
    lines.push('', `## ${s.title}`, '', METHOD[s.id].replace(/\n/g, ' '), '');
    if (res.error) lines.push(`**This section failed:** \`${res.error.split('\n')[0]}\``);
    else lines.push(s.markdown(res));
    lines.push('', `<sub>Section time ${fmt(res.durationS, 0)} s; load average at its start ${res.loadAvg.join(' / ')}.</sub>`);
  }
  lines.push('', '## Running it', '',
    '`npm run bench` runs everything (builds `dist/` first when it is missing or older than the sources) and rewrites this file and '
    + '`docs/benchmarks.json`. `npm run bench -- --quick` runs fewer iterations, 150 batch files, 20 open reports, fewer edits and 10 import files per format (under 2 minutes) and '
    + 'writes to the temporary directory instead; `--only engine,editing,batch,startup,import,review` picks sections; `--out DIR` chooses where to write. '
    + 'The generated reports are deterministic (seeded), so runs on different machines check the same text.', '');
  return lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? 'quick' : args.only ? 'partial' : 'full';
  const outDir = args.out ?? (mode === 'full' ? join(ROOT, 'docs') : join(os.tmpdir(), 'xxgk-report-bench'));
  const t0 = nowMs();
  const machine = machineInfo();
  log(`bench: ${mode} run on ${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}`);
  const build = await prepare();

  const sections = {};
  let failed = false;
  for (const s of SECTIONS) {
    if (args.only && !args.only.includes(s.id)) continue;
    const loadAvg = os.loadavg().map((x) => Number(x.toFixed(2)));
    const started = nowMs();
    log(`\nbench: --- ${s.title} ---`);
    try {
      sections[s.id] = await s.run({ quick: args.quick });
    } catch (e) {
      failed = true;
      log(`bench: section ${s.id} failed: ${e?.stack ?? e}`);
      sections[s.id] = { error: String(e?.stack ?? e), targets: [] };
    }
    sections[s.id].durationS = (nowMs() - started) / 1000;
    sections[s.id].loadAvg = loadAvg;
  }

  const report = {
    schema: 1,
    generatedBy: 'npm run bench (bench/run.mjs)',
    mode,
    machine,
    build,
    loadAvgAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    durationS: (nowMs() - t0) / 1000,
    targets: Object.values(sections).flatMap((s) => s.targets ?? []),
    sections,
  };
  mkdirSync(outDir, { recursive: true });
  const md = markdown(report);
  writeFileSync(join(outDir, 'benchmarks.md'), md);
  writeFileSync(join(outDir, 'benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);

  const targets = mdTable(['section', 'target', 'measured', 'verdict'], report.targets.map((t) => [t.section, t.target, t.shown, verdict(t)]));
  process.stdout.write(`\n${targets}\n\nWrote ${join(outDir, 'benchmarks.md')} and benchmarks.json `
    + `(${fmt(report.durationS / 60, 1)} min).\n`);
  process.exitCode = failed ? 1 : 0;
}

await main();
