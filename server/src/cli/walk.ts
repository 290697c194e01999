/**
 * Expanding the command line's paths into the list of files to check.
 *
 * A file named on the command line is checked whatever its extension. A directory is walked
 * recursively for report files (`REPORT_EXTENSIONS`: text, Markdown, web pages, Word, PDF, and the legacy
 * .doc/.wps, which are then refused with a reason rather than passed over in silence; case-insensitive), skipping `node_modules` and names that
 * start with a dot. Symbolic links are followed, but each real directory is walked once, so a link
 * back to an ancestor cannot loop; each real file is checked once, under its first path in sorted order.
 * The result is sorted by path (UTF-16 code unit order) so that output is deterministic.
 */
import * as path from 'node:path';
import type { CliFs } from './io';
import { REPORT_EXTENSIONS } from '../../../shared/src/index';

export const CHECKED_EXTENSIONS: readonly string[] = REPORT_EXTENSIONS;
export const SKIPPED_DIRS: readonly string[] = ['node_modules'];

export interface WalkEntry {
  /** The path as shown to the user: the argument, joined with the path below it. */
  readonly path: string;
  /** The absolute path to read (and write). */
  readonly abs: string;
  /** For a file found by walking a directory: that directory's real path (`--fix` writes nothing outside it). */
  readonly root?: string;
  /** Set when the path could not be listed or resolved: an `fs` error. */
  readonly error?: NodeJS.ErrnoException;
}

function hasCheckedExtension(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return CHECKED_EXTENSIONS.includes(ext);
}

function skippedDir(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.includes(name);
}

function asErrno(e: unknown): NodeJS.ErrnoException {
  return e instanceof Error ? (e as NodeJS.ErrnoException) : new Error(String(e));
}

export function collectFiles(args: readonly string[], fs: CliFs, cwd: string): WalkEntry[] {
  const out: WalkEntry[] = [];
  const seenDirs = new Set<string>();

  const walkDir = (shown: string, abs: string, root: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (e) {
      out.push({ path: shown, abs, error: asErrno(e) });
      return;
    }
    if (seenDirs.has(real)) return; // a link back into a walked directory: nothing new there
    seenDirs.add(real);
    let names: string[];
    try {
      names = fs.readdirSync(abs);
    } catch (e) {
      out.push({ path: shown, abs, error: asErrno(e) });
      return;
    }
    for (const name of names) {
      const childAbs = path.join(abs, name);
      const childShown = path.join(shown, name);
      let isDir: boolean;
      let isFile: boolean;
      try {
        const st = fs.statSync(childAbs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (e) {
        // A dangling link or a link loop: report it only if it looks like a report file.
        if (hasCheckedExtension(name)) out.push({ path: childShown, abs: childAbs, error: asErrno(e) });
        continue;
      }
      if (isDir) {
        if (!skippedDir(name)) walkDir(childShown, childAbs, root);
      } else if (isFile && hasCheckedExtension(name) && !name.startsWith('.')) {
        // Only regular files: a FIFO would block the run, a device such as /dev/zero would never end.
        out.push({ path: childShown, abs: childAbs, root });
      }
    }
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch (e) {
      out.push({ path: arg, abs, error: asErrno(e) });
      continue;
    }
    if (isDir) {
      let root = abs;
      try {
        root = fs.realpathSync(abs);
      } catch {
        // reported by walkDir
      }
      walkDir(arg, abs, root);
    }
    else out.push({ path: arg, abs });
  }

  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Each real file once (a file reached through two links, or named twice).
  const seenFiles = new Set<string>();
  const result: WalkEntry[] = [];
  for (const entry of out) {
    if (entry.error) {
      const key = `error:${entry.abs}`;
      if (seenFiles.has(key)) continue;
      seenFiles.add(key);
      result.push(entry);
      continue;
    }
    let real: string;
    try {
      real = fs.realpathSync(entry.abs);
    } catch (e) {
      result.push({ ...entry, error: asErrno(e) });
      continue;
    }
    if (seenFiles.has(real)) continue;
    seenFiles.add(real);
    result.push(entry);
  }
  return result;
}
