/**
 * Writing a fixed file back. Normally atomically: the new bytes go to a temporary file in the same directory
 * (so the rename stays on one file system), which is given the old file's mode and then renamed over it. A
 * reader sees either the old file or the new one, never half of it; on any failure the temporary file is
 * removed and the original is left as it was. A symbolic link is kept: its target is replaced.
 *
 * A file with more than one hard link is written in place instead (a rename would give this name a new file
 * and leave the other names with the old text). Temporary files carry the writer's process id, so one left by
 * a process that was killed (kill -9 cannot be caught) is removed by the next write in that directory.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CliFs } from './io';

const TMP = /^\.(.+)\.xxgk-(\d+)-[0-9a-f]{8}\.tmp$/;

export function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.xxgk-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Temporary files of `target` left by processes that no longer run. */
export function removeStaleTemps(fs: CliFs, target: string, alive: (pid: number) => boolean = processAlive): void {
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const m = TMP.exec(name);
    if (!m || m[1] !== path.basename(target) || alive(Number(m[2]))) continue;
    try {
      fs.unlinkSync(path.join(path.dirname(target), name));
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writeFileAtomic(fs: CliFs, file: string, data: Uint8Array): void {
  const target = fs.realpathSync(file);
  const st = fs.statSync(target);
  const mode = st.mode & 0o7777;
  removeStaleTemps(fs, target);
  if (st.nlink > 1) {
    fs.writeFileSync(target, data, { mode, flag: 'w' });
    return;
  }
  const tmp = tempName(target);
  try {
    fs.writeFileSync(tmp, data, { mode, flag: 'wx' });
    fs.chmodSync(tmp, mode); // the mode given to open() is filtered by the umask
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already gone
    }
    throw e;
  }
}
