#!/usr/bin/env node
// Fuzzes the report core with the robustness properties of test/robustness/ (compiled to
// out/test/robustness/ by `npm run compile`): mutated seeds and synthetic drafts, random Unicode,
// control characters, line-ending mixes, HTML and pipe fragments, 100,000-character lines.
//
//   npm run fuzz                                  100,000 cases, random seed
//   npm run fuzz -- --runs 5000 --seed 42         reproducible
//   node scripts/fuzz.mjs --check some-report.txt run every property on one file
//
// Options: --runs N, --seed S, --jobs J (worker threads), --max-line L (longest inserted line,
// default 100000), --max-ops K (edits per case, default 6), --out DIR (default out/fuzz).
// Case i is case (i mod 250) of fc.sample(caseArb(...), { seed: S + floor(i / 250), numRuns: 250 }).
// Each case runs on a worker thread with a time limit (3 × the time bound + 3 s), so a hang is a
// failure, not a frozen run. Writes DIR/summary.json and, per distinct failure, the failing text
// and its minimised form (DIR/failure-<n>.txt, DIR/failure-<n>.min.txt). Exit code 1 when a
// failure is not one of the known, already reported issues (test/robustness/known.ts).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPILED = join(ROOT, 'out', 'test', 'robustness');
if (!existsSync(join(COMPILED, 'invariants.js'))) {
  console.error('fuzz: out/test/robustness/ is missing; run `npm run compile` first');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const fc = require('fast-check');
const { caseArb, buildText } = require(join(COMPILED, 'arbitraries.js'));
const inv = require(join(COMPILED, 'invariants.js'));
const { knownIssue } = require(join(COMPILED, 'known.js'));
const { CheckWorker } = require(join(COMPILED, 'timed.js'));

function parseArgs(argv) {
  const o = { runs: 100_000, seed: Date.now() % 2_147_483_647, jobs: availableParallelism(), maxLine: 100_000, maxOps: 6, out: join(ROOT, 'out', 'fuzz'), batch: 250, check: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a whole number`);
      return n;
    };
    if (a === '--runs') o.runs = int();
    else if (a === '--seed') o.seed = int();
    else if (a === '--jobs' || a === '-j') o.jobs = Math.max(1, int());
    else if (a === '--max-line') o.maxLine = int();
    else if (a === '--max-ops') o.maxOps = int();
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--check') o.check = value();
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`fuzz: ${e.message}`);
  process.exit(2);
}

if (opts.check) {
  const text = readFileSync(opts.check, 'utf8');
  try {
    const a = inv.checkAll(text, { maxFixes: Number.POSITIVE_INFINITY });
    console.log(`ok: ${text.length} code units, ${a.findings.length} findings, ${a.ms.toFixed(0)} ms`);
  } catch (e) {
    const k = knownIssue(e, text);
    console.log(`${e.message}${k ? `\n(known issue "${k.id}": ${k.summary})` : ''}`);
    process.exit(1);
  }
  process.exit(0);
}

/** A failure's kind: the property and its message with numbers and quoted text blanked. */
function signature(property, message) {
  return `${property}: ${message.replace(/^\[[^\]]*\]\s*/, '').replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\[\d+, \d+\)/g, '[…)').replace(/\d+(?:\.\d+)?/g, 'N').slice(0, 160)}`;
}

const tty = process.stderr.isTTY === true;
const started = Date.now();
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  if (execSync('git status --porcelain -- shared', { cwd: ROOT, encoding: 'utf8' }).trim() !== '') commit += ' + uncommitted changes in shared/';
} catch {
  // Not a git checkout.
}

const arb = caseArb({ maxLongLine: opts.maxLine, maxOps: opts.maxOps });
const failures = new Map(); // signature → { property, message, known, count, first }
let done = 0;
let next = 0;
let lastLine = 0;
const slowest = [];
let totalMs = 0;
let totalChars = 0;
let findingsSeen = 0;
let batchCases = [];
let batchNo = -1;

function caseAt(i) {
  const b = Math.floor(i / opts.batch);
  if (b !== batchNo) {
    batchNo = b;
    batchCases = fc.sample(arb, { seed: opts.seed + b, numRuns: opts.batch });
  }
  return { batch: b, index: i % opts.batch, c: batchCases[i % opts.batch] };
}

function progress(final = false) {
  const elapsed = (Date.now() - started) / 1000;
  const rate = done / Math.max(elapsed, 0.001);
  const eta = rate > 0 ? (opts.runs - done) / rate : 0;
  const unknown = [...failures.values()].filter((f) => !f.known).reduce((n, f) => n + f.count, 0);
  const known = [...failures.values()].filter((f) => f.known).reduce((n, f) => n + f.count, 0);
  const line = `fuzz: ${done}/${opts.runs} cases, ${unknown} failing (${failures.size} kinds), ${known} known, ${rate.toFixed(1)} cases/s, ${final ? `${elapsed.toFixed(0)} s` : `ETA ${Math.ceil(eta / 60)} min`}`;
  if (tty) process.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
  else if (final || Date.now() - lastLine > 60_000) {
    process.stderr.write(`${line}\n`);
    lastLine = Date.now();
  }
}

async function runWorker() {
  const worker = new CheckWorker(COMPILED);
  try {
    while (next < opts.runs) {
      const i = next++;
      const { batch, index, c } = caseAt(i);
      const text = buildText(c);
      const bound = inv.timeBoundMs(text.length);
      const r = await worker.run({ text, mode: 'all', pick: c.fixPick, maxFixes: 4 }, 3 * bound + 3000);
      done++;
      totalChars += text.length;
      if (r.kind === 'ok') {
        totalMs += r.ms;
        findingsSeen += r.findings;
        slowest.push({ ms: Math.round(r.ms), length: text.length, msPerKiB: +(r.ms / Math.max(1, text.length / 1024)).toFixed(2), batch, index });
        slowest.sort((a, b) => b.msPerKiB - a.msPerKiB);
        slowest.length = Math.min(slowest.length, 5);
      } else {
        const property = r.kind === 'timeout' ? 'time-bound' : r.property;
        const message = r.kind === 'timeout' ? `no answer within ${r.wallMs} ms for ${text.length} code units (bound ${bound.toFixed(0)} ms)` : r.message.replace(/^\[[^\]]*\]\s*/, '');
        const k = knownIssue(new inv.Violation(property, message), text);
        const sig = signature(property, message);
        const f = failures.get(sig);
        if (f) {
          f.count++;
          if (f.more.length < 10) f.more.push({ batch, index, length: text.length });
        } else failures.set(sig, { property, message, known: k?.id, count: 1, more: [], first: { batch, index, seed: opts.seed + batch, case: c, text } });
      }
      progress();
    }
  } finally {
    await worker.close();
  }
}

console.error(`fuzz: ${opts.runs} cases, seed ${opts.seed}, ${opts.jobs} worker thread(s), lines up to ${opts.maxLine} characters, core at ${commit}`);
await Promise.all(Array.from({ length: Math.min(opts.jobs, Math.max(1, opts.runs)) }, () => runWorker()));
progress(true);

// Minimise the first case of each failure that is not a time-out (those would take too long).
mkdirSync(opts.out, { recursive: true });
let n = 0;
const report = [];
for (const [sig, f] of failures) {
  n++;
  const base = join(opts.out, `failure-${n}`);
  writeFileSync(`${base}.txt`, f.first.text);
  writeFileSync(`${base}.case.json`, JSON.stringify(f.first.case, null, 1));
  let minimal;
  if (f.property !== 'time-bound') {
    const fails = (t) => {
      try {
        inv.checkAll(t, { pick: f.first.case.fixPick, timing: false, maxFixes: 4 });
        return false;
      } catch (e) {
        return e instanceof inv.Violation && signature(e.property, e.message) === sig;
      }
    };
    minimal = inv.minimiseText(f.first.text, fails, 1500);
    writeFileSync(`${base}.min.txt`, minimal);
  }
  report.push({
    signature: sig,
    property: f.property,
    known: f.known ?? null,
    count: f.count,
    message: f.message.slice(0, 500),
    reproduce: { seed: f.first.seed, batch: f.first.batch, index: f.first.index, file: `${base}.txt` },
    // Further cases of the same kind: case `index` of `fc.sample(caseArb(...), { seed: seed + batch, numRuns: ${opts.batch} })`.
    others: f.more,
    textLength: f.first.text.length,
    ...(minimal !== undefined ? { minimal: minimal.length <= 400 ? minimal : `${minimal.slice(0, 400)}…`, minimalFile: `${base}.min.txt` } : {}),
  });
}

const elapsedMs = Date.now() - started;
const summary = {
  runs: opts.runs,
  completed: done,
  seed: opts.seed,
  jobs: opts.jobs,
  maxLongLine: opts.maxLine,
  maxOps: opts.maxOps,
  core: commit,
  node: process.version,
  elapsedMs,
  casesPerSecond: +(done / (elapsedMs / 1000)).toFixed(1),
  analyzeMsPerKiB: +(totalMs / Math.max(1, totalChars / 1024)).toFixed(2),
  meanChars: Math.round(totalChars / Math.max(1, done)),
  findingsPerCase: +(findingsSeen / Math.max(1, done)).toFixed(1),
  slowestPerKiB: slowest,
  failures: report,
};
writeFileSync(join(opts.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`fuzz: ${done} cases in ${(elapsedMs / 1000).toFixed(0)} s (seed ${opts.seed}); ${report.length} kind(s) of failure; summary in ${join(opts.out, 'summary.json')}`);
for (const r of report) console.log(`  ${r.known ? `known "${r.known}"` : 'NEW'} ×${r.count}: ${r.signature}${r.minimal ? `\n    minimal: ${JSON.stringify(r.minimal)}` : ''}`);
process.exit(report.some((r) => !r.known) ? 1 : 0);
