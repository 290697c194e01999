// Small helpers shared by the benchmark sections: statistics, timing, process memory, formatting.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export const KB = 1000;
export const MB = 1000 * 1000;

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The q-quantile (0..1) of the samples, linear interpolation between order statistics. */
export function quantile(samples, q) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples) {
  return {
    n: samples.length,
    median: quantile(samples, 0.5),
    p90: quantile(samples, 0.9),
    min: samples.length ? Math.min(...samples) : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** Least-squares slope and intercept of y on x. */
export function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2 };
}

/** Scaling exponent: slope of log(time) against log(size). */
export function scalingExponent(sizes, times) {
  return linearFit(sizes.map(Math.log), times.map(Math.log));
}

/** Resident set size and its peak of a live process, in MB (decimal), from /proc. */
export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) : NaN;
    };
    return { rssMB: (kb('VmRSS') * 1024) / MB, peakMB: (kb('VmHWM') * 1024) / MB };
  } catch {
    try {
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      return { rssMB: (rss * 1024) / MB, peakMB: NaN };
    } catch {
      return { rssMB: NaN, peakMB: NaN };
    }
  }
}

/** User + system CPU time of a live process in ms, from /proc/PID/stat (clock ticks of 10 ms). */
export function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  let commit = 'unknown';
  let dirty = 0;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').filter((l) => l.trim()).length;
  } catch {
    // Not a git checkout: leave unknown.
  }
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemMB: Math.round(os.totalmem() / MB),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit,
    modifiedTrackedFiles: dirty,
    loadAvgAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

// ---------------------------------------------------------------- formatting

export function fmt(x, digits = 1) {
  if (x === undefined || x === null || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return String(x);
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A duration in ms shown with a sensible unit. */
export function fmtMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return 'n/a';
  if (ms < 1) return `${fmt(ms * 1000, 0)} µs`;
  if (ms < 10) return `${fmt(ms, 2)} ms`;
  if (ms < 1000) return `${fmt(ms, 1)} ms`;
  return `${fmt(ms / 1000, 2)} s`;
}

export function fmtBytes(bytes) {
  if (bytes >= MB) return `${fmt(bytes / MB, 2)} MB`;
  if (bytes >= KB) return `${fmt(bytes / KB, 1)} KB`;
  return `${bytes} B`;
}

export function mdTable(headers, rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${headers.map(esc).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** A target verdict: `met` when `value` satisfies `ok`. */
export function target(section, name, value, shown, ok) {
  const measured = value !== undefined && value !== null && !Number.isNaN(value);
  return { section, target: name, value: measured ? value : null, shown, met: measured ? ok : null };
}

export function verdict(t) {
  if (t.met === null) return 'not measured';
  return t.met ? 'met' : 'NOT met';
}

/** Progress output on stderr (stdout stays for the final summary). */
export function log(...args) {
  process.stderr.write(`${args.join(' ')}\n`);
}
