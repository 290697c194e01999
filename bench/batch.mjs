// Section 3, batch: the CLI (`node dist/cli.js check --format json DIR > /dev/null`) on a directory of generated
// reports, with the default thread count and with `--jobs 1` (pinned to one CPU with `taskset -c 0` when available),
// against markdownlint-cli2 on the same files (a glob `**/*.txt`, so it lints them as Markdown with its defaults).
// Wall time is measured here; peak RSS and CPU time come from `/usr/bin/time -v` (or /proc polling without it).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from './lib/build.mjs';
import { makeDocument, rng } from './lib/corpus.mjs';
import { KB, MB, fmt, fmtBytes, log, mdTable, nowMs, procMemory, target } from './lib/util.mjs';

const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TIME = '/usr/bin/time';

export function has(cmd) {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function writeCorpus(dir, count, meanBytes = 30 * KB) {
  const random = rng(4242);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `dept-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const size = Math.round(meanBytes * (0.5 + random()));
    const doc = makeDocument(size, 10_000 + i);
    writeFileSync(join(sub, `${String(i).padStart(4, '0')}_政府信息公开工作年度报告.txt`), doc.text);
    bytes += doc.bytes;
  }
  return bytes;
}

function parseTimeV(text) {
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  return {
    userS: num(/User time \(seconds\): ([\d.]+)/),
    sysS: num(/System time \(seconds\): ([\d.]+)/),
    cpuPercent: num(/Percent of CPU this job got: (\d+)%/),
    peakRssMB: (num(/Maximum resident set size \(kbytes\): (\d+)/) * 1024) / MB,
  };
}

/** Runs a command with stdout to /dev/null; wall time here, peak RSS and CPU from time(1) or /proc. */
export async function timed(label, argv, { cwd, useTime, timeFile, timeoutMs, tag = 'batch' }) {
  const devnull = openSync('/dev/null', 'w');
  const cmd = useTime ? [TIME, '-v', '-o', timeFile, ...argv] : argv;
  log(`${tag}: ${label} ...`);
  const t0 = nowMs();
  // Own process group, so that a run over the time limit can be stopped with whatever it started.
  const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', devnull, 'pipe'], detached: true });
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    log(`${tag}: ${label} exceeded ${timeoutMs / 1000} s; stopping it`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, timeoutMs);
  let stderrBytes = 0;
  let stderrHead = '';
  child.stderr.on('data', (d) => {
    stderrBytes += d.length;
    if (stderrHead.length < 2000) stderrHead += d.toString();
  });
  let polledPeak = 0;
  const poll = useTime ? undefined : setInterval(() => {
    const m = procMemory(child.pid);
    if (m.peakMB > polledPeak) polledPeak = m.peakMB;
  }, 20);
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
  const wallS = (nowMs() - t0) / 1000;
  clearTimeout(limit);
  if (poll) clearInterval(poll);
  closeSync(devnull);
  const usage = useTime && existsSync(timeFile) ? parseTimeV(readFileSync(timeFile, 'utf8')) : { peakRssMB: polledPeak, userS: NaN, sysS: NaN, cpuPercent: NaN };
  return { label, command: argv.map((a) => (a === BIN.cli ? 'dist/cli.js' : a.replace(ROOT, '.'))).join(' '), exitCode: code, timedOut, wallS, ...usage, stderrBytes, stderrHead: stderrHead.slice(0, 500) };
}

/**
 * Memory does not grow with what was read: the CLI over a large corpus with a 64 MB old-generation limit
 * (`--max-old-space-size=64`, which worker threads inherit), with the default threads and with `--jobs 1`.
 */
async function runBounded({ quick, useTime, timeFile }) {
  const count = quick ? 2000 : 20_000;
  const dir = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-bounded-'));
  try {
    log(`batch: writing ${count} reports (~15 KB each) to ${dir} ...`);
    const bytes = writeCorpus(dir, count, 15 * KB);
    const opts = { cwd: dir, useTime, timeFile, timeoutMs: quick ? 120_000 : 600_000 };
    const runs = [];
    for (const jobs of [[], ['--jobs', '1']]) {
      const argv = [process.execPath, '--max-old-space-size=64', BIN.cli, 'check', '--format', 'json', ...jobs, dir];
      const r = await timed(`xxgk-report --max-old-space-size=64${jobs.length ? ' --jobs 1' : ', default threads'}`, argv, opts);
      r.finished = !r.timedOut && (r.exitCode === 0 || r.exitCode === 1);
      r.outOfMemory = /heap out of memory|Allocation failed/i.test(r.stderrHead);
      r.mbPerS = bytes / MB / r.wallS;
      runs.push(r);
    }
    return { files: count, bytes, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBatch({ quick }) {
  const count = quick ? 150 : 2000;
  const useTime = existsSync(TIME);
  const pin = has('taskset');
  const dir = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-batch-'));
  const timeFile = join(os.tmpdir(), `xxgk-bench-time-${process.pid}.txt`);
  try {
    log(`batch: writing ${count} reports to ${dir} ...`);
    const bytes = writeCorpus(dir, count);

    // Sanity: the JSON output of one sub-directory parses and counts its files.
    const probe = spawnSync(process.execPath, [BIN.cli, 'check', '--format', 'json', join(dir, 'dept-00')], {
      encoding: 'utf8', maxBuffer: 256 * MB, stdio: ['ignore', 'pipe', 'ignore'],
    });
    let sample = {};
    try {
      sample = JSON.parse(probe.stdout);
    } catch {
      log(`batch: the CLI's JSON output did not parse (exit ${probe.status})`);
    }
    const sanity = { files: sample.summary?.files, findings: sample.summary ? sample.summary.errors + sample.summary.warnings + sample.summary.infos + sample.summary.hints : undefined };

    const opts = { cwd: dir, useTime, timeFile, timeoutMs: quick ? 90_000 : 300_000 };
    const runs = {};
    runs.ours = await timed(`xxgk-report, default threads (${os.cpus().length} CPUs)`, [process.execPath, BIN.cli, 'check', '--format', 'json', dir], opts);
    runs.oursOneCore = await timed(
      `xxgk-report --jobs 1${pin ? ', taskset -c 0' : ''}`,
      [...(pin ? ['taskset', '-c', '0'] : []), process.execPath, BIN.cli, 'check', '--format', 'json', '--jobs', '1', dir], opts,
    );
    // Scaling over threads: --jobs 1 and --jobs 2, neither pinned, so that only the number of threads differs.
    const check = (jobs) => [process.execPath, BIN.cli, 'check', '--format', 'json', '--jobs', String(jobs), dir];
    runs.oursJobs1 = await timed('xxgk-report --jobs 1 (not pinned)', check(1), opts);
    runs.oursJobs2 = await timed('xxgk-report --jobs 2 (not pinned)', check(2), opts);
    runs.markdownlint = existsSync(MARKDOWNLINT)
      ? await timed('markdownlint-cli2 "**/*.txt"', [process.execPath, MARKDOWNLINT, '**/*.txt'], opts)
      : undefined;

    for (const r of Object.values(runs)) {
      if (!r) continue;
      r.mbPerS = bytes / MB / r.wallS; // an upper bound when the run was stopped
      r.mbPerCpuS = r.timedOut ? NaN : bytes / MB / (r.userS + r.sysS);
    }
    const ml = runs.markdownlint;
    const ratios = ml ? { ours: runs.ours.wallS / ml.wallS, oursOneCore: runs.oursOneCore.wallS / ml.wallS } : undefined;
    const trouble = [runs.ours, runs.oursOneCore, runs.oursJobs1, runs.oursJobs2].filter((r) => r.exitCode !== 0 && r.exitCode !== 1);
    const speedup = runs.oursJobs1.wallS / runs.oursJobs2.wallS;
    const targets = [
      target('Batch', 'CLI ≥ 30 MB/s on one core (--jobs 1)', runs.oursOneCore.mbPerS, `${fmt(runs.oursOneCore.mbPerS, 2)} MB/s (${fmt(runs.oursOneCore.mbPerCpuS, 2)} MB per CPU-second)`, runs.oursOneCore.mbPerS >= 30),
      target('Batch', 'CLI faster than markdownlint-cli2 (--jobs 1 vs markdownlint-cli2)', ratios?.oursOneCore,
        ratios ? `${fmt(ratios.oursOneCore, 2)}× its time` : 'n/a', ratios ? ratios.oursOneCore < 1 : false),
    target('Batch', `CLI --jobs 2 ≥ 1.7× --jobs 1 (wall time, neither pinned, ${os.cpus().length} CPUs)`, speedup,
      `${fmt(speedup, 2)}× (${fmt(runs.oursJobs1.wallS, 2)} s → ${fmt(runs.oursJobs2.wallS, 2)} s; CPU ${fmt(runs.oursJobs1.userS + runs.oursJobs1.sysS, 1)} s → ${fmt(runs.oursJobs2.userS + runs.oursJobs2.sysS, 1)} s)`,
      speedup >= 1.7),
    ];
    const bounded = await runBounded({ quick, useTime, timeFile });
    targets.push(target('Batch', `CLI over ${bounded.files.toLocaleString('en-US')} files finishes under --max-old-space-size=64 (both thread settings)`,
      bounded.runs.every((r) => r.finished) ? 1 : 0,
      bounded.runs.map((r) => `${r.finished ? 'finished' : r.outOfMemory ? 'OUT OF MEMORY' : `exit ${r.exitCode}`}, peak RSS ${fmt(r.peakRssMB, 0)} MB`).join('; '),
      bounded.runs.every((r) => r.finished)));
    return { files: count, bytes, timeTool: useTime ? TIME : '/proc polling', pinned: pin, sanity, runs, ratios, speedup, trouble: trouble.map((r) => r.label), targets, bounded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(timeFile, { force: true });
  }
}

export function batchMarkdown(res) {
  const rows = Object.values(res.runs).filter(Boolean).map((r) => [
    r.label, `\`${r.command.replace(/\/tmp\/[^ ]+/g, 'DIR').replace(process.execPath, 'node')}\``, r.timedOut ? `> ${fmt(r.wallS, 0)} (stopped)` : fmt(r.wallS, 2), `${r.timedOut ? '< ' : ''}${fmt(r.mbPerS, 2)}`, fmt(r.mbPerCpuS, 2),
    `${fmt(r.userS, 1)} + ${fmt(r.sysS, 1)}`, Number.isNaN(r.cpuPercent) ? 'n/a' : `${r.cpuPercent}%`, fmt(r.peakRssMB, 0), r.exitCode,
  ]);
  const table = mdTable(['run', 'command', 'wall (s)', 'MB/s (wall)', 'MB per CPU-second', 'CPU user + sys (s)', 'CPU', 'peak RSS (MB)', 'exit'], rows);
  const lines = [
    `${res.files} generated reports, ${fmtBytes(res.bytes)} in all (${fmtBytes(res.bytes / res.files)} on average), in 20-odd sub-directories of a temporary directory (deleted afterwards). `
      + `Output \`--format json\` to /dev/null. Peak RSS and CPU time from ${res.timeTool === TIME ? '`/usr/bin/time -v`' : 'polling /proc (no /usr/bin/time)'}.`,
    '',
    table,
  ];
  if (res.ratios) {
    lines.push('', `Our time ÷ markdownlint-cli2's time: **${fmt(res.ratios.ours, 2)}×** with default threads, **${fmt(res.ratios.oursOneCore, 2)}×** with \`--jobs 1\` on one core (below 1 = we are faster).`);
  }
  if (res.speedup !== undefined) {
    lines.push('', `\`--jobs 2\` ÷ \`--jobs 1\`, neither pinned to a CPU: **${fmt(res.speedup, 2)}×** faster in wall time.`);
  }
  if (Object.values(res.runs).some((r) => r?.timedOut)) lines.push('', 'A run marked "stopped" hit the time limit; its throughput is an upper bound and the ratios are bounds.');
  if (res.trouble.length) lines.push('', `Exit code 2 (trouble) in: ${res.trouble.join(', ')}.`);
  lines.push('', `Sanity check: \`--format json\` on one sub-directory reported ${res.sanity.files} files and ${res.sanity.findings} findings.`);
  const b = res.bounded;
  if (b) {
    lines.push(
      '',
      `Bounded memory: ${b.files.toLocaleString('en-US')} generated reports (${fmtBytes(b.bytes)} in all, ${fmtBytes(b.bytes / b.files)} on average), checked with the old generation capped at 64 MB `
        + '(`node --max-old-space-size=64 dist/cli.js check --format json DIR`; worker threads inherit the cap).',
      '',
      mdTable(['run', 'finished', 'wall (s)', 'MB/s (wall)', 'peak RSS (MB)', 'exit'], b.runs.map((r) => [
        r.label, r.finished ? 'yes' : r.outOfMemory ? '**no: out of memory**' : '**no**', fmt(r.wallS, 1), fmt(r.mbPerS, 2), fmt(r.peakRssMB, 0), r.exitCode,
      ])),
    );
  }
  return lines.join('\n');
}
