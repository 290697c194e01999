/** Shared helpers for the CLI tests: temporary directories and a captured, in-process IO. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { nodeFsImpl, type CliFs, type CliIo } from '../../server/src/cli/io';
import { run } from '../../server/src/cli/run';
import { JsonReportSchema, type JsonReport } from '../../server/src/cli/jsonSchema';

/** The repository root (tests run from out/test/cli/ or test/cli/). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') {
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
    dir = path.dirname(dir);
  }
  return dir;
})();

export const SEEDS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'seeds');

export function seedFiles(): string[] {
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => path.join(SEEDS_DIR, n));
}

export function tmpDir(prefix = 'xxgk-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Copies a file and makes the copy writable (the fixtures are read-only). */
export function copyWritable(from: string, to: string): void {
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o644);
}

export interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export interface IoOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  fs?: Partial<CliFs>;
  stdin?: Buffer;
  now?: () => number;
  workerScript?: string;
  cpus?: number;
}

export function captureIo(o: IoOptions = {}): Captured {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stdoutIsTTY: o.stdoutIsTTY ?? false,
    stderrIsTTY: o.stderrIsTTY ?? false,
    env: o.env ?? { LANG: 'zh_CN.UTF-8' },
    cwd: o.cwd ?? process.cwd(),
    fs: { ...nodeFsImpl, ...o.fs },
    readStdin: (limit: number) => (o.stdin ?? Buffer.alloc(0)).subarray(0, limit + 1),
    now: o.now ?? (() => Date.now()),
    cpus: o.cpus ?? 1,
    ...(o.workerScript ? { workerScript: o.workerScript } : {}),
  };
  return { io, stdout: () => out, stderr: () => err };
}

/** An `fs` error like Node's. */
export function errnoError(code: string, message = code): NodeJS.ErrnoException {
  const e = new Error(message) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

/** Runs the CLI in-process with captured IO. */
export async function cli(argv: string[], o: IoOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = captureIo(o);
  const code = await run(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/** `check --format json`, parsed and validated against the published schema. */
export async function json(argv: string[], o: IoOptions = {}): Promise<{ code: number; doc: JsonReport; stderr: string }> {
  const r = await cli(['check', '--format', 'json', ...argv], o);
  const parsed = JsonReportSchema.safeParse(JSON.parse(r.stdout));
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3)));
  return { code: r.code, doc: parsed.data!, stderr: r.stderr };
}

/** A temporary directory removed after the test. */
export function withDir(t: { after: (fn: () => void) => void }): string {
  const dir = tmpDir();
  t.after(() => rmDir(dir));
  return dir;
}

/** Seed 000 with the total 收到申请数 31 changed to 32: one sum-mismatch whose safe fix restores 31. */
export const TOTAL_LINE = '(一) 收到申请数\t件\t31';
export function brokenSeed(): string {
  const text = fs.readFileSync(seedFiles().find((f) => path.basename(f).startsWith('000_'))!, 'utf8');
  if (!text.includes(TOTAL_LINE)) throw new Error('seed 000 has no total line');
  return text.replace(TOTAL_LINE, '(一) 收到申请数\t件\t32');
}

/** A file `r.txt` in `dir` holding brokenSeed(), with `mode`. */
export function writeBroken(dir: string, mode = 0o644): string {
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, brokenSeed());
  fs.chmodSync(file, mode);
  return file;
}
