// Making sure what is measured is built from the current sources:
// - dist/ (the CLI, the server and the client bundles) is rebuilt with `npm run build` when missing or older than a source;
// - the core (`shared/src/index.ts`) is bundled on its own with esbuild into node_modules/.cache/xxgk-report-bench/core.cjs
//   (node_modules/ is ignored by git and eslint, so nothing appears in the work tree).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './util.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'xxgk-report-bench');
export const DIST = ['dist/cli.js', 'dist/server.js', 'dist/client.js'].map((p) => join(ROOT, p));

/** The bundles the sections run: dist/ itself until `snapshotDist()` points them at a private copy. */
export const BIN = { cli: DIST[0], server: DIST[1], client: DIST[2] };

const SOURCES = ['shared/src', 'server/src', 'client/src', 'scripts/build.mjs', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function sourcesMtime() {
  return Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))));
}

/** Runs `npm run build` when a dist bundle is missing or older than the newest source. Returns what it did. */
export function ensureDist() {
  const missing = DIST.filter((p) => !existsSync(p));
  const oldest = missing.length ? 0 : Math.min(...DIST.map((p) => statSync(p).mtimeMs));
  const newestSource = sourcesMtime();
  if (missing.length === 0 && oldest >= newestSource) return 'dist/ up to date';
  log(`bench: dist/ is ${missing.length ? 'missing' : 'older than the sources'}; running npm run build ...`);
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  return missing.length ? 'dist/ was missing: ran npm run build' : 'dist/ was stale: ran npm run build';
}

/** 'development' (source map comment at the end, as `npm run build` makes it) or 'production' (`npm run package`). */
export function distKind(file = DIST[1]) {
  if (!existsSync(file)) return 'missing';
  const tail = readFileSync(file, 'utf8').slice(-200);
  return /sourceMappingURL=/.test(tail) ? 'development' : 'production';
}

/**
 * Copies dist/cli.js, dist/server.js and dist/client.js (sized only) to node_modules/.cache/xxgk-report-bench/dist/ and runs those from then on,
 * so that a rebuild of dist/ by someone else during the run cannot change or break what is measured.
 */
export function snapshotDist() {
  const dir = join(CACHE_DIR, 'dist');
  mkdirSync(dir, { recursive: true });
  for (const [key, file] of [['cli', DIST[0]], ['server', DIST[1]], ['client', DIST[2]]]) {
    const copy = join(dir, file.slice(file.lastIndexOf('/') + 1));
    copyFileSync(file, copy);
    if (key !== 'client') execFileSync(process.execPath, ['--check', copy]);
    BIN[key] = copy;
  }
}

export const CORE = join(CACHE_DIR, 'core.cjs');

/** Bundles the core with esbuild (same settings as scripts/build.mjs, unminified) into the cache directory. */
export async function bundleCore() {
  const esbuild = await import('esbuild');
  mkdirSync(CACHE_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: [join(ROOT, 'shared/src/index.ts')],
    outfile: CORE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    minify: false,
    logLevel: 'warning',
  });
}

let coreBundled = false;

/** The core: bundled now unless `bundleCore()` already ran in this process. */
export async function loadCore() {
  if (!coreBundled) await bundleCore();
  coreBundled = true;
  const require = createRequire(import.meta.url);
  return require(CORE);
}

/** dist/ snapshot and core bundle, both taken now, so that every section measures the same code. */
export async function prepare() {
  const note = ensureDist();
  snapshotDist();
  await bundleCore();
  coreBundled = true;
  return `${note}; the sections run copies of dist/*.js taken at the start (dist/server.js: ${distKind(BIN.server)} build) `
    + 'and the core bundled from shared/src at the same time';
}

export const IMPORTERS = join(CACHE_DIR, 'import.cjs');

/**
 * The import readers with the core: `readDocx`, `readHtml` and `analyze` from shared/src/index.ts and `readPdf` from
 * server/src/import/pdf.ts, bundled with pdf.js like dist/ is (same settings as scripts/build.mjs, unminified) into the
 * cache directory. Bundled when the import section starts, not by `prepare()`, so the other sections never depend on it.
 */
export async function loadImporters() {
  const esbuild = await import('esbuild');
  mkdirSync(CACHE_DIR, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: "export { analyze, readDocx, readHtml } from './shared/src/index';\nexport { readPdf } from './server/src/import/pdf';\n",
      resolveDir: ROOT,
      sourcefile: 'bench-import-entry.ts',
      loader: 'ts',
    },
    outfile: IMPORTERS,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    minify: false,
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  return require(IMPORTERS);
}
