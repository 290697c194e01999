/** Helpers for the other-editor tests and the npm package test: snippets from the docs, a global install. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../cli/helpers';

/**
 * The code block that follows `<!-- xxgk-snippet: <id> -->` in a Markdown file, exactly as written (without the
 * fence lines). Throws when the marker is missing or used twice, or no fenced block follows it.
 */
export function docSnippet(file: string, id: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const marker = `<!-- xxgk-snippet: ${id} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file}: no ${marker}`);
  if (text.indexOf(marker, at + marker.length) >= 0) throw new Error(`${file}: ${marker} twice`);
  const m = /^\s*\n(`{3,})[^\n]*\n([\s\S]*?)\n\1[ \t]*(?:\n|$)/.exec(text.slice(at + marker.length));
  if (!m) throw new Error(`${file}: no fenced code block right after ${marker}`);
  return `${m[2]}\n`;
}

export interface Installed {
  /** The npm prefix the tarball was installed into. */
  readonly prefix: string;
  /** Its bin folder, where npm linked the package's commands. */
  readonly bin: string;
  /** An environment whose PATH starts with `bin` (then the folder of this Node, then the inherited PATH). */
  readonly env: NodeJS.ProcessEnv;
}

const npmEnv = { ...process.env, npm_config_loglevel: 'error', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/**
 * `npm pack` of the repository (of the dist/ this run built: --ignore-scripts skips the production rebuild), then
 * `npm install -g --prefix <dir>/prefix` of that tarball, as a user would install it.
 */
export function installPackedTarball(dir: string): Installed {
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8', env: npmEnv });
  assert.equal(pack.status, 0, `npm pack: ${pack.stderr}`);
  const tarball = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made no .tgz');
  const prefix = path.join(dir, 'prefix');
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, path.join(dir, tarball)], { cwd: dir, encoding: 'utf8', env: npmEnv });
  assert.equal(install.status, 0, `npm install -g: ${install.stderr}`);
  const bin = path.join(prefix, 'bin');
  const env = { ...process.env, PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter) };
  return { prefix, bin, env };
}
