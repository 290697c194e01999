// Section 6, review: `xxgk-report review` against `xxgk-report check` on the batch section's corpus (the same
// generated consolidated documents, default threads, output to /dev/null), and the size of the review page for
// 300 reports (one fixture report per file, each renamed to another department; no full texts are embedded).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { writeCorpus, timed } from './batch.mjs';
import { BIN } from './lib/build.mjs';
import { CITIES, DEPARTMENTS, loadPool } from './lib/corpus.mjs';
import { MB, fmt, fmtBytes, log, mdTable, target } from './lib/util.mjs';

const PAGE_REPORTS = 300;

/** 300 single-report files from the fixture pool, each issued by another department of another city. */
function writeSingles(dir) {
  const pool = loadPool().filter((r) => r.org);
  for (let i = 0; i < PAGE_REPORTS; i++) {
    const r = pool[i % pool.length];
    const name = CITIES[i % CITIES.length] + DEPARTMENTS[Math.floor(i / CITIES.length) % DEPARTMENTS.length];
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), r.text.split(r.org).join(name));
  }
}

export async function runReview({ quick }) {
  const count = quick ? 150 : 2000;
  const dir = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-review-'));
  const timeFile = join(os.tmpdir(), `xxgk-bench-time-review-${process.pid}.txt`);
  try {
    log(`review: writing ${count} reports to ${dir} ...`);
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const bytes = writeCorpus(corpus, count);
    const opts = { cwd: dir, useTime: false, timeFile, timeoutMs: quick ? 120_000 : 600_000, tag: 'review' };
    const runs = [];
    // Alternating, three times each: the median of each is compared.
    for (let k = 0; k < 3; k++) {
      runs.push({ kind: 'check', ...(await timed('check --format json', [process.execPath, BIN.cli, 'check', '--format', 'json', corpus], opts)) });
      runs.push({ kind: 'review', ...(await timed('review (HTML)', [process.execPath, BIN.cli, 'review', corpus], opts)) });
    }
    const median = (kind) => {
      const xs = runs.filter((r) => r.kind === kind).map((r) => r.wallS).sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)];
    };
    const check = median('check');
    const review = median('review');
    const probe = spawnSync(process.execPath, [BIN.cli, 'review', '--format', 'json', corpus], { encoding: 'utf8', maxBuffer: 1024 * MB, stdio: ['ignore', 'pipe', 'ignore'] });
    const summary = JSON.parse(probe.stdout).summary;

    log(`review: the page for ${PAGE_REPORTS} reports ...`);
    const singles = join(dir, 'singles');
    mkdirSync(singles);
    writeSingles(singles);
    const page = join(dir, 'review.html');
    spawnSync(process.execPath, [BIN.cli, 'review', '--out', page, singles], { stdio: 'ignore' });
    const pageBytes = statSync(page).size;
    const pageJson = JSON.parse(spawnSync(process.execPath, [BIN.cli, 'review', '--format', 'json', singles], { encoding: 'utf8', maxBuffer: 1024 * MB }).stdout);

    const ratio = review / check;
    const targets = [
      target('Review', `review ≤ 1.2× check on the ${count}-file corpus (default threads)`, ratio, `${fmt(ratio, 2)}× (${fmt(review, 2)} s vs ${fmt(check, 2)} s)`, ratio <= 1.2),
      target('Review', `review page for ${PAGE_REPORTS} reports ≤ 5 MB`, pageBytes / MB, `${fmtBytes(pageBytes)} for ${pageJson.summary.reports} reports`, pageBytes <= 5 * MB),
    ];
    return { files: count, bytes, summary, runs, check, review, ratio, page: { bytes: pageBytes, reports: pageJson.summary.reports, findings: pageJson.summary.errors + pageJson.summary.warnings + pageJson.summary.infos + pageJson.summary.hints }, targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(timeFile, { force: true });
  }
}

export function reviewMarkdown(res) {
  return [
    `${res.files} generated documents (${fmtBytes(res.bytes)}, the batch section's corpus), holding ${res.summary.reports} reports; `
      + `${res.summary.paired} of them paired with an earlier report of the same body. Each command three times, alternating; the median wall time is compared.`,
    '',
    mdTable(['run', 'wall (s)', 'peak RSS (MB)', 'exit'], res.runs.map((r) => [`${r.kind}: \`${r.command.replace(/\/tmp\/[^ ]+/g, 'DIR').replace(process.execPath, 'node')}\``, fmt(r.wallS, 2), fmt(r.peakRssMB, 0), r.exitCode])),
    '',
    `review ÷ check: **${fmt(res.ratio, 2)}×**. The review page for ${res.page.reports} single-report files (${res.page.findings} findings): **${fmtBytes(res.page.bytes)}**.`,
  ].join('\n');
}
