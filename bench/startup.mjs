// Section 4, start-up and size: server spawn -> initialize result, the dist/ bundle sizes and the .vsix size.
//
// The .vsix is made by the project's own `npm run package`, but in a staging copy of the repository in a temporary
// directory (sources and node_modules symlinked, manifest and assets copied), so the work tree's dist/ (a development
// build others use) and xxgk-report.vsix are left alone. The staging copy's production dist/ is also timed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, distKind } from './lib/build.mjs';
import { startServer } from './lib/lsp.mjs';
import { fmt, fmtBytes, fmtMs, log, MB, mdTable, nowMs, summarize, target } from './lib/util.mjs';

const LINKED = new Set(['node_modules', 'client', 'server', 'shared', 'scripts']);
const FALLBACK_BASE = 'https://example.invalid/xxgk-report/';
const SKIPPED = new Set(['.git', 'dist', 'out', 'out-vscode', 'test', 'bench', '.vscode-test']);

async function initTimes(script, runs) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const server = startServer({ script });
    let ms;
    try {
      await server.initialize();
      ms = nowMs() - server.spawnedAt;
    } finally {
      await server.stop();
    }
    if (i > 0) times.push(ms); // the first spawn only warms the file cache
  }
  return times;
}

/** `npm run package` in a staging copy; returns { vsix, dist, entries } or { error }. */
function packageInStaging() {
  const stage = mkdtempSync(join(os.tmpdir(), 'xxgk-bench-package-'));
  try {
    for (const name of readdirSync(ROOT)) {
      if (SKIPPED.has(name) || name.endsWith('.vsix')) continue;
      const from = join(ROOT, name);
      if (LINKED.has(name)) symlinkSync(from, join(stage, name));
      else cpSync(from, join(stage, name), { recursive: true });
    }
    log('startup: npm run package (in a staging copy) ...');
    const t0 = nowMs();
    let packageError;
    try {
      execFileSync('npm', ['run', 'package'], { cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // Still measure the size: the same production build, packaged with placeholder base URLs for README links.
      packageError = String(e.stderr ?? e.message ?? e).split('\n').filter((l) => l.trim() && !/npm warn/i.test(l)).join(' ').slice(0, 400);
      log(`startup: npm run package failed (${packageError}); packaging with placeholder --baseContentUrl instead`);
      execFileSync('node', ['scripts/build.mjs', '--production'], { cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] });
      execFileSync(join(stage, 'node_modules', '.bin', 'vsce'), [
        'package', '--no-dependencies', '--baseContentUrl', FALLBACK_BASE, '--baseImagesUrl', FALLBACK_BASE, '-o', 'xxgk-report.vsix',
      ], { cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] });
    }
    const seconds = (nowMs() - t0) / 1000;
    const vsixPath = join(stage, 'xxgk-report.vsix');
    const listing = execFileSync('unzip', ['-l', vsixPath], { encoding: 'utf8' });
    const entries = listing.split('\n').map((l) => /^\s*(\d+)\s+\S+\s+\S+\s+(extension\/.+)$/.exec(l)).filter(Boolean)
      .map((m) => ({ path: m[2], bytes: Number(m[1]) }));
    const dist = readdirSync(join(stage, 'dist')).filter((f) => f.endsWith('.js')).sort()
      .map((f) => ({ file: `dist/${f}`, bytes: statSync(join(stage, 'dist', f)).size }));
    return { stage, seconds, packageError, vsixBytes: statSync(vsixPath).size, files: entries.length, unpackedBytes: entries.reduce((a, e) => a + e.bytes, 0), dist };
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    return { error: String(e.stderr ?? e.message ?? e).slice(0, 500) };
  }
}

export async function runStartup({ quick }) {
  const runs = quick ? 5 : 10;
  log(`startup: ${runs} spawns of dist/server.js ...`);
  const workTreeKind = distKind(BIN.server);
  const dev = summarize(await initTimes(BIN.server, runs));
  const devDist = ['cli', 'client', 'server'].map((k) => ({ file: `dist/${k}.js`, bytes: statSync(BIN[k]).size }));
  const pkg = packageInStaging();
  let prod;
  if (!pkg.error) {
    try {
      log(`startup: ${runs} spawns of the production dist/server.js ...`);
      prod = summarize(await initTimes(join(pkg.stage, 'dist', 'server.js'), runs));
    } finally {
      rmSync(pkg.stage, { recursive: true, force: true });
      delete pkg.stage;
    }
  }
  const existing = join(ROOT, 'xxgk-report.vsix');
  const targets = [
    target('Start-up', '.vsix ≤ 1 MB', pkg.vsixBytes, pkg.vsixBytes ? fmtBytes(pkg.vsixBytes) : 'n/a', pkg.vsixBytes <= MB),
  ];
  return {
    initialize: { dev, production: prod },
    workTreeKind,
    devDist,
    package: pkg,
    workTreeVsixBytes: existsSync(existing) ? statSync(existing).size : null,
    targets,
  };
}

export function startupMarkdown(res) {
  const init = mdTable(
    ['server bundle', 'spawn → initialize result, median', 'p90', 'min', 'runs'],
    [
      [`dist/server.js as of the start of the run (${res.workTreeKind} build)`, res.initialize.dev],
      ['production build from `npm run package` (minified, as in the .vsix)', res.initialize.production],
    ].filter(([, s]) => s).map(([name, s]) => [name, fmtMs(s.median), fmtMs(s.p90), fmtMs(s.min), s.n]),
  );
  const prod = new Map((res.package.dist ?? []).map((d) => [d.file, d.bytes]));
  const sizes = mdTable(
    ['bundle', `dist/ as of the start of the run (${res.workTreeKind} build)`, 'production (npm run package)'],
    res.devDist.map((d) => [d.file, fmtBytes(d.bytes), prod.has(d.file) ? fmtBytes(prod.get(d.file)) : 'n/a']),
  );
  const pkg = res.package.error
    ? `\`npm run package\` failed in the staging copy: \`${res.package.error}\``
    : `\`.vsix\`: **${fmtBytes(res.package.vsixBytes)}** (${res.package.files} files, ${fmtBytes(res.package.unpackedBytes)} unpacked; packaging took ${fmt(res.package.seconds, 1)} s).`
      + (res.package.packageError
        ? `\n\n**\`npm run package\` failed** in the staging copy: \`${res.package.packageError}\`. The size above is of the same production build packaged by `
          + `\`vsce package --no-dependencies --baseContentUrl ${FALLBACK_BASE} --baseImagesUrl ${FALLBACK_BASE}\` (placeholder base URLs for the README's relative links).`
        : '');
  return `${init}\n\n${sizes}\n\n${pkg}`;
}
