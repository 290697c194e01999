/**
 * Everything the CLI does to the outside world goes through a `CliIo`, so that tests can run it
 * in-process with captured output, a fake terminal and failing file operations.
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';

/** The synchronous file operations the CLI uses (a subset of `node:fs`). */
export interface CliFs {
  readFileSync(path: string): Buffer;
  statSync(path: string): nodeFs.Stats;
  realpathSync(path: string): string;
  readdirSync(path: string): string[];
  writeFileSync(path: string, data: Uint8Array, options: { mode: number; flag: string }): void;
  chmodSync(path: string, mode: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export interface CliIo {
  readonly stdout: (chunk: string) => void;
  readonly stderr: (chunk: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fs: CliFs;
  /** Reads standard input (for the path `-`), at most `limit` bytes and one more to tell that there was more. */
  readonly readStdin: (limit: number) => Buffer;
  /** A clock in milliseconds, for throttling the progress line. */
  readonly now: () => number;
  /** How many threads can run at once. */
  readonly cpus: number;
  /** The script to start worker threads from (the CLI's entry); without it everything runs on one thread. */
  readonly workerScript?: string;
}

export const nodeFsImpl: CliFs = {
  readFileSync: (p) => nodeFs.readFileSync(p),
  statSync: (p) => nodeFs.statSync(p),
  realpathSync: (p) => nodeFs.realpathSync(p),
  readdirSync: (p) => nodeFs.readdirSync(p),
  writeFileSync: (p, data, options) => nodeFs.writeFileSync(p, data, options),
  chmodSync: (p, mode) => nodeFs.chmodSync(p, mode),
  renameSync: (a, b) => nodeFs.renameSync(a, b),
  unlinkSync: (p) => nodeFs.unlinkSync(p),
};

export function nodeIo(workerScript?: string): CliIo {
  return {
    stdout: (chunk) => {
      process.stdout.write(chunk);
    },
    stderr: (chunk) => {
      process.stderr.write(chunk);
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    fs: nodeFsImpl,
    readStdin: (limit) => readLimited(0, limit),
    now: () => Date.now(),
    cpus: os.availableParallelism(),
    ...(workerScript ? { workerScript } : {}),
  };
}

/** Up to `limit + 1` bytes from a file descriptor (a pipe may be non-blocking: EAGAIN waits a little). */
export function readLimited(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  while (total <= limit) {
    const buf = Buffer.allocUnsafe(Math.min(1 << 16, limit + 1 - total));
    let n: number;
    try {
      n = nodeFs.readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(wait, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
