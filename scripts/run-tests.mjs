// Runs every compiled unit test (out/test/**/*.test.js) with Node's built-in test runner.
// Node 20 takes paths only (no globs), so the files are listed here. Reporter: scripts/test-reporter.mjs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const REPORTER = fileURLToPath(new URL('./test-reporter.mjs', import.meta.url));
const filter = process.argv.slice(2);
const files = walk('out/test').filter((f) => filter.length === 0 || filter.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files found under out/test (run `npm run compile` first)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', `--test-reporter=${REPORTER}`, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
