/**
 * The npm package (`npm pack`, what `npm install -g` installs): both commands are in it and run from it alone, with
 * the PDF CMaps beside the bundles; no sources or tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { REPO_ROOT, seedFiles, withDir } from './helpers';

const npm = (args: string[], cwd = REPO_ROOT) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });

test('the package holds the two commands, the CMaps and the rule pages, and nothing of the sources', () => {
  // --ignore-scripts: list what `files` selects from the dist/ this test run built, without a production rebuild.
  const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
  assert.equal(r.status, 0, r.stderr);
  const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const bin of Object.values(pkg.bin)) assert.ok(files.includes(bin.replace(/^\.\//, '')), bin);
  assert.equal(files.filter((f) => f.startsWith('dist/cmaps/') && f.endsWith('.bcmap')).length, 33);
  assert.ok(files.includes('docs/rules/sum-mismatch.md'));
  assert.deepEqual(files.filter((f) => /^(server|shared|client|test|bench|scripts)\//.test(f) || f.endsWith('.map')), []);
});

test('unpacked alone, the CLI checks a report and the language server answers initialize', async (t) => {
  const dir = withDir(t);
  const r = npm(['pack', '--ignore-scripts', '--pack-destination', dir]);
  assert.equal(r.status, 0, r.stderr);
  const tarball = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  assert.equal(spawnSync('tar', ['-xzf', tarball], { cwd: dir }).status, 0);
  const pkg = path.join(dir, 'package');
  const check = spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), 'check', '--format', 'json', seedFiles()[4]], { cwd: dir, encoding: 'utf8' });
  assert.equal(JSON.parse(check.stdout).files[0].findings.some((f: { rule: string }) => f.rule === 'sum-mismatch'), true, check.stderr);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const server = spawn(process.execPath, [path.join(pkg, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answer = await new Promise<string>((resolve) => {
    let out = '';
    const timer = setTimeout(() => resolve(out), 20_000);
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('"capabilities"')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  server.kill();
  assert.match(answer, /"capabilities"/);
});
