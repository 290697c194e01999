/**
 * The npm package (`npm pack`, what `npm install -g` installs): both commands are in it and run from it alone, with
 * the PDF CMaps beside the bundles; no sources or tests. `npm install -g` of it puts both commands on PATH.
 * The .vsix (`vsce package` with the flags of `npm run package`): icon, README and CHANGELOG with every picture and
 * page they link to, no CLI bundle, no warnings. (Its size, ≤ 3 MB, is checked on the production build by
 * scripts/e2e/run.sh; this test packages the dist/ of this run.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { unzipSync } from 'fflate';
import { REPO_ROOT, seedFiles, withDir } from './helpers';
import { installPackedTarball } from '../editors/support';

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
  const answer = await initialize(spawn(process.execPath, [path.join(pkg, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  assert.match(answer, /"capabilities"/);
});

/** Sends `initialize` and resolves with what the server wrote by the time its capabilities came (or 20 s passed). */
async function initialize(server: ChildProcessWithoutNullStreams): Promise<string> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
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
  return answer;
}

test('npm install -g of the tarball puts xxgk-report and xxgk-report-language-server on PATH, and both work', async (t) => {
  const installed = installPackedTarball(withDir(t));
  for (const cmd of ['xxgk-report', 'xxgk-report-language-server']) {
    const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { env: installed.env, encoding: 'utf8' });
    assert.equal(found.stdout.trim(), path.join(installed.bin, cmd), `${cmd} on PATH`);
  }
  // The bundles are self-contained: nothing else is installed with them.
  assert.equal(fs.existsSync(path.join(installed.prefix, 'lib', 'node_modules', 'xxgk-report', 'node_modules')), false, 'no node_modules installed');
  const version = spawnSync('xxgk-report', ['--version'], { env: installed.env, encoding: 'utf8' });
  assert.equal(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const check = spawnSync('xxgk-report', ['check', seedFiles()[4]], { env: installed.env, encoding: 'utf8' });
  assert.equal(check.status, 1, check.stderr);
  assert.match(check.stdout, /error sum-mismatch/);
  const answer = await initialize(spawn('xxgk-report-language-server', ['--stdio'], { env: installed.env, stdio: ['pipe', 'pipe', 'pipe'] }));
  assert.match(answer, /"capabilities"/);
});

// ---- the .vsix -------------------------------------------------------------------------------------------

interface Vsix {
  readonly entries: Record<string, Uint8Array>;
  readonly output: string;
}

/** `vsce package` with the options of `npm run package` (after its build step), into a temporary folder. */
function packageVsix(dir: string): Vsix {
  const script = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package;
  const m = /\bvsce (package\b.*?) -o \S+$/.exec(script);
  assert.ok(m, `npm run package ends in vsce package … -o <file>: ${script}`);
  const out = path.join(dir, 'test.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, [...m[1].split(/\s+/), '-o', out], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `vsce package: ${r.stdout}\n${r.stderr}`);
  return { entries: unzipSync(fs.readFileSync(out)), output: `${r.stdout}\n${r.stderr}` };
}

/** The relative targets of a Markdown file's links and pictures (Markdown and HTML), without their #fragment. */
function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((x) => x[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((x) => x[1]),
    ...[...text.matchAll(/<(?:img|a)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((x) => x[1]),
  ];
  return [...new Set(targets.filter((u) => !/^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith('#')).map((u) => decodeURI(u.replace(/#.*$/, ''))))];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('the .vsix: icon PNG of at least 128 px, README and CHANGELOG links all inside it, no CLI bundle, no warnings', (t) => {
  const { entries, output } = packageVsix(withDir(t));
  assert.doesNotMatch(output, /WARNING/, 'vsce package warns');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { icon: string; galleryBanner?: { color: string; theme: string } };
  const icon = entries[`extension/${pkg.icon}`];
  assert.ok(icon, `the icon ${pkg.icon} is in the .vsix`);
  assert.deepEqual([...icon.subarray(0, 8)], PNG_SIGNATURE, 'the icon is a PNG');
  const view = new DataView(icon.buffer, icon.byteOffset, icon.byteLength);
  assert.ok(view.getUint32(16) >= 128 && view.getUint32(20) >= 128, `the icon is ${view.getUint32(16)}×${view.getUint32(20)} px`);
  assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  // vsce stores README.md and CHANGELOG.md as readme.md and changelog.md; the rest keeps its path.
  for (const [doc, entry] of [['README.md', 'extension/readme.md'], ['CHANGELOG.md', 'extension/changelog.md']]) {
    assert.ok(entries[entry], `${doc} is in the .vsix as ${entry}`);
    const links = relativeLinks(fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8'));
    if (doc === 'README.md') assert.ok(links.filter((l) => l.endsWith('.png')).length >= 5, `README.md shows the screenshots: ${links.join(', ')}`);
    const missing = links.filter((l) => !entries[`extension/${path.posix.normalize(l)}`]);
    assert.deepEqual(missing, [], `${doc} links to files the .vsix does not hold`);
  }
  assert.ok(entries['extension/dist/server.js'] && entries['extension/dist/client.js']);
  assert.equal(entries['extension/dist/cli.js'], undefined, 'the CLI bundle is for npm only');
});

test('relativeLinks finds Markdown and HTML links and pictures, not URLs, anchors or code', () => {
  const md = [
    '![a](docs/images/a.png) [b](docs/b.md#x) [c](https://example.org/c.md) [d](#d) <img src="images/e.png">',
    '`[f](f.md)`',
    '```',
    '[g](g.md)',
    '```',
    '[h]: docs/h%20i.md',
  ].join('\n');
  assert.deepEqual(relativeLinks(md).sort(), ['docs/b.md', 'docs/h i.md', 'docs/images/a.png', 'images/e.png']);
});
