// Section 1, the engine: `analyze(text, { reuse: false })` (parse + every rule, default options) on the seed reports and on
// generated consolidated documents of growing size, against a bare `text.split(/\r?\n/)` of the same text.
import v8 from 'node:v8';
import { loadCore } from './lib/build.mjs';
import { documentPrefix, makeDocument, seedReports } from './lib/corpus.mjs';
import { KB, MB, fmt, fmtBytes, fmtMs, log, mdTable, nowMs, scalingExponent, summarize, target } from './lib/util.mjs';

let sink = 0;

/**
 * Times `fn` after a warm-up: at least `minIters` samples and at least `budgetMs` of sampling, at most `maxIters`.
 * Returns the per-call samples in ms and the time of the very first call.
 */
function measure(fn, { minIters, maxIters, budgetMs, warmupMs, minWarmup = 1, cpu: perCallCpu = false }) {
  let t0 = nowMs();
  fn();
  const first = nowMs() - t0;
  let warm = 1;
  const warmStart = nowMs();
  while (warm < minWarmup || nowMs() - warmStart < warmupMs) {
    fn();
    warm++;
  }
  const samples = [];
  const cpuSamples = [];
  const start = nowMs();
  const cpu0 = process.cpuUsage();
  while (samples.length < maxIters && (samples.length < minIters || nowMs() - start < budgetMs)) {
    const c0 = perCallCpu ? process.cpuUsage() : undefined;
    t0 = nowMs();
    fn();
    samples.push(nowMs() - t0);
    if (c0) {
      const c = process.cpuUsage(c0);
      cpuSamples.push((c.user + c.system) / 1000);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  // Process CPU time over wall time while sampling: ~100% on a quiet machine, lower when other work takes the CPU.
  const cpuShare = (cpu.user + cpu.system) / 1000 / (nowMs() - start);
  return { samples, cpuSamples, first, warmup: warm, cpuShare };
}

/**
 * Bytes allocated on the JS heap per call of `fn`: the heap's growth over `calls` calls plus what every garbage
 * collection in between freed (v8.GCProfiler's before/after heap statistics). Objects that die young are counted too.
 */
function allocatedPerCall(fn, calls) {
  const prof = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  prof.start();
  for (let i = 0; i < calls; i++) fn();
  const after = v8.getHeapStatistics().used_heap_size;
  const { statistics } = prof.stop();
  let freed = 0;
  for (const s of statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  return (after - before + freed) / calls;
}

export async function runEngine({ quick }) {
  const core = await loadCore();
  const plan = quick
    ? { analyze: { minIters: 5, maxIters: 300, budgetMs: 500, warmupMs: 250 }, split: { minIters: 20, maxIters: 2000, budgetMs: 100, warmupMs: 50, minWarmup: 5 } }
    : { analyze: { minIters: 10, maxIters: 1000, budgetMs: 2000, warmupMs: 500 }, split: { minIters: 50, maxIters: 5000, budgetMs: 500, warmupMs: 200, minWarmup: 20 } };
  // The largest is the 10 MB pasted document (a whole city's reports pasted at once): in the fit, and a target of its own.
  const sizes = quick ? [30 * KB, 300 * KB, 3 * MB, 10 * MB] : [30 * KB, 100 * KB, 300 * KB, 1 * MB, 3 * MB, 10 * MB];

  const whole = makeDocument(Math.max(...sizes), 100);
  const inputs = [
    ...seedReports().map((s) => ({ label: `seed ${s.name}`, kind: 'seed', text: s.text })),
    // Every generated size is the beginning of the same consolidated document, so the mix of formats and layouts
    // grows with the size instead of changing from one size to the next.
    ...sizes.map((bytes) => {
      const doc = documentPrefix(whole, bytes);
      return { label: `generated ${fmtBytes(bytes)} (${doc.reports} reports)`, kind: 'generated', nominal: bytes, text: doc.text };
    }),
    // A web page's text dump: the 1 MB document on one line, tags and tabs gone, so the tables' digits run together and
    // the run-together reader (shared/src/model/tables/runTogetherRead.ts, runSplit.ts) splits them by their identities. Not in the fit.
    (() => {
      const doc = documentPrefix(whole, 1 * MB);
      const text = doc.text.replace(/<[^>]*>/g, '').split('\n').map((l) => l.replace(/\t/g, '')).join('');
      return { label: `one-line web dump ${fmtBytes(1 * MB)} (${doc.reports} reports)`, kind: 'dump', text };
    })(),
  ];

  const rows = [];
  for (const input of inputs) {
    const bytes = Buffer.byteLength(input.text);
    log(`engine: ${input.label}, ${fmtBytes(bytes)} ...`);
    let findings = 0;
    let template = '';
    const big = bytes >= 1 * MB;
    const a = measure(() => {
      const r = core.analyze(input.text, { reuse: false });
      findings = r.findings.length;
      template = r.report.template ?? '';
    }, { ...plan.analyze, cpu: true, ...(big ? { minIters: quick ? 2 : 6 } : {}) });
    const s = measure(() => {
      sink += input.text.split(/\r?\n/).length;
    }, plan.split);
    const allocated = allocatedPerCall(() => core.analyze(input.text, { reuse: false }), big ? 3 : quick ? 10 : 50);
    const as = summarize(a.samples);
    const ss = summarize(s.samples);
    rows.push({
      label: input.label,
      kind: input.kind,
      nominalBytes: input.nominal ?? null,
      bytes,
      chars: input.text.length,
      lines: input.text.split(/\r?\n/).length,
      findings,
      template,
      analyze: { ...as, firstCallMs: a.first, warmupIters: a.warmup, cpuShare: a.cpuShare, cpuMedian: summarize(a.cpuSamples).median },
      split: { ...ss },
      usPerKB: (as.median * 1000) / (bytes / KB),
      allocatedPerCall: allocated,
      allocatedPerByte: allocated / bytes,
      splitRatio: as.median / ss.median,
    });
  }

  const gen = rows.filter((r) => r.kind === 'generated');
  const fit = scalingExponent(gen.map((r) => r.bytes), gen.map((r) => r.analyze.median));
  const cpuFit = scalingExponent(gen.map((r) => r.bytes), gen.map((r) => r.analyze.cpuMedian));
  const splitFit = scalingExponent(gen.map((r) => r.bytes), gen.map((r) => r.split.median));
  const r30 = gen.find((r) => r.nominalBytes === 30 * KB);
  const r3m = gen.find((r) => r.nominalBytes === 3 * MB);
  const r10m = gen.find((r) => r.nominalBytes === 10 * MB);
  const seed000 = rows.find((r) => r.label.startsWith('seed 000'));
  // Linear from 3 MB to 10 MB: the slope of log(CPU time) against log(bytes) between the two.
  const tail = r3m && r10m ? scalingExponent([r3m.bytes, r10m.bytes], [r3m.analyze.cpuMedian, r10m.analyze.cpuMedian]).slope : NaN;
  // The one-line dump is left out of the two worst-of rows: splitting a text of one line is no baseline.
  const measured = rows.filter((r) => r.kind !== 'dump');
  const worst = (key) => measured.reduce((w, r) => (r[key] > w[key] ? r : w));
  const worstRatio = worst('splitRatio');
  const worstAlloc = worst('allocatedPerByte');
  const withCpu = (r) => `${fmtMs(r?.analyze.median)} (CPU ${fmtMs(r?.analyze.cpuMedian)})`;

  const targets = [
    target('Engine', 'median analyze of a real single 30 KB report (seed 000) ≤ 0.5 ms', seed000?.analyze.median, withCpu(seed000), seed000?.analyze.median <= 0.5),
    target('Engine', 'median analyze of a generated 30 KB document ≤ 1 ms', r30?.analyze.median, withCpu(r30), r30?.analyze.median <= 1),
    target('Engine', 'scaling exponent ≤ 1.1', fit.slope, fmt(fit.slope, 2), fit.slope <= 1.1),
    target('Engine', '10 MB pasted document ≤ 1 s (median analyze)', r10m?.analyze.median,
      `${withCpu(r10m)}; ${fmt(r10m?.usPerKB, 0)} µs/KB; 3 MB → 10 MB exponent (CPU) ${fmt(tail, 2)}`, r10m?.analyze.median <= 1000),
    target('Engine', 'full check ≤ 50× a bare line split (worst seed or generated input)', worstRatio.splitRatio,
      `${fmt(worstRatio.splitRatio, 0)}× (${worstRatio.label})`, worstRatio.splitRatio <= 50),
    target('Engine', 'bytes allocated per input byte ≤ 20 (worst seed or generated input)', worstAlloc.allocatedPerByte,
      `${fmt(worstAlloc.allocatedPerByte, 0)} (${worstAlloc.label})`, worstAlloc.allocatedPerByte <= 20),
  ];
  return { rows, exponent: fit, cpuExponent: cpuFit, splitExponent: splitFit, tenMBExponent: tail, targets, plan, sink: sink % 7 };
}

export function engineMarkdown(res) {
  const table = mdTable(
    ['input', 'size', 'lines', 'findings', 'median', 'p90', 'samples', 'first call', 'µs/KB', 'line split (median)', 'check ÷ split', 'CPU share', 'CPU time (median)', 'allocated per call', 'allocated ÷ input bytes'],
    res.rows.map((r) => [
      r.label, fmtBytes(r.bytes), r.lines, r.findings, fmtMs(r.analyze.median), fmtMs(r.analyze.p90), r.analyze.n,
      fmtMs(r.analyze.firstCallMs), fmt(r.usPerKB, 0), fmtMs(r.split.median), `${fmt(r.splitRatio, 0)}×`, `${fmt(r.analyze.cpuShare * 100, 0)}%`,
      fmtMs(r.analyze.cpuMedian), fmtBytes(r.allocatedPerCall), fmt(r.allocatedPerByte, 0),
    ]),
  );
  const gen = res.rows.filter((r) => r.kind === 'generated');
  const r30 = gen.find((r) => r.nominalBytes === 30 * KB);
  return [
    table,
    '',
    `Scaling exponent (least-squares slope of log(median time) against log(bytes), ${gen.length} generated sizes): `
      + `**${fmt(res.exponent.slope, 2)}** (R² ${fmt(res.exponent.r2, 3)}); on CPU time instead of wall time ${fmt(res.cpuExponent.slope, 2)} `
      + `(R² ${fmt(res.cpuExponent.r2, 3)}); the line split alone scales with ${fmt(res.splitExponent.slope, 2)}.`,
    '',
    `A full check costs **${fmt(r30?.splitRatio, 0)}×** a bare line split on the 30 KB report `
      + `(${gen.map((r) => `${fmt(r.splitRatio, 0)}× at ${fmtBytes(r.bytes)}`).join(', ')}).`,
    '',
    `The 10 MB pasted document (the largest generated size): from 3 MB to 10 MB the CPU time per call grows with exponent `
      + `**${fmt(res.tenMBExponent, 2)}** (1 = linear).`,
  ].join('\n');
}
