/**
 * scripts/test-reporter.mjs (the reporter `npm test` uses): a todo or skipped test reads as such and never
 * appears in the "failing tests" block; a real failure still does, and still fails the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../support/walk';

const REPORTER = join(ROOT, 'scripts', 'test-reporter.mjs');

/** The environment without NODE_TEST_CONTEXT: with it, the inner `node --test` would report to this runner. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

function runTests(source: string): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-reporter-'));
  try {
    const file = join(dir, 'sample.test.js');
    writeFileSync(file, `const { test } = require('node:test');\n${source}\n`);
    const r = spawnSync(process.execPath, ['--test', `--test-reporter=${REPORTER}`, file], { encoding: 'utf8', env: childEnv() });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a failing todo test is shown as todo, not in the failing-tests block, and the run passes', () => {
  const r = runTests(`test('still broken upstream', { todo: 'waiting for a fix' }, () => { throw new Error('x'); });\ntest('fine', () => {});`);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /﹣ still broken upstream .*# TODO, still fails: waiting for a fix/);
  assert.doesNotMatch(r.out, /failing tests/);
  assert.match(r.out, /todo 1/);
});

test('a skipped test is shown as skipped', () => {
  const r = runTests(`test('not here', { skip: 'no FIFO on this system' }, () => {});`);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /﹣ not here .*# no FIFO on this system/);
  assert.doesNotMatch(r.out, /failing tests/);
});

test('a real failure is still listed as failing and fails the run', () => {
  const r = runTests(`test('broken', () => { throw new Error('boom'); });\ntest('todo', { todo: true }, () => { throw new Error('t'); });`);
  assert.equal(r.status, 1);
  const block = r.out.slice(r.out.indexOf('failing tests'));
  assert.ok(r.out.includes('failing tests'), r.out);
  assert.match(block, /✖ broken/);
  assert.doesNotMatch(block, /todo/);
});
