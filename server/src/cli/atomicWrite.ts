/**
 * Replacing a file atomically: the new bytes go to a temporary file in the same directory (so the
 * rename stays on one file system), which is given the old file's mode and then renamed over it.
 * A reader sees either the old file or the new one, never half of it; on any failure the temporary
 * file is removed and the original is left as it was. A symbolic link is kept: its target is replaced.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CliFs } from './io';

export function writeFileAtomic(fs: CliFs, file: string, data: Uint8Array): void {
  const target = fs.realpathSync(file);
  const mode = fs.statSync(target).mode & 0o7777;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.xxgk-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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
