/**
 * `xxgk-report.files`: globs that add files to the checked ones or take them out, whatever their content. `!` in
 * front excludes; the last glob that matches decides (as in .gitignore). Globs are matched against the path
 * relative to each workspace folder (with `/`), and against the absolute path, so `报告/**` and `**∕*.txt` work.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { originalUri } from './import/virtual';

export type FileVerdict = 'include' | 'exclude' | undefined;

const compiled = new Map<string, (p: string) => boolean>();

function matcher(glob: string): (p: string) => boolean {
  let m = compiled.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true, nocase: process.platform === 'win32' });
    compiled.set(glob, m);
  }
  return m;
}

/** The local paths to match for a URI: relative to each root that holds it, and absolute. */
function candidates(uri: string, roots: readonly string[]): string[] {
  const file = originalUri(uri) ?? uri;
  if (!file.startsWith('file:')) return [];
  let abs: string;
  try {
    abs = fileURLToPath(file);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const root of roots) {
    const rel = path.relative(root, abs);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) out.push(rel.split(path.sep).join('/'));
  }
  out.push(abs.split(path.sep).join('/'));
  return out;
}

/** What `globs` say about the file at `uri`: included, excluded, or nothing (content decides). */
export function fileVerdict(uri: string, globs: readonly string[], roots: readonly string[]): FileVerdict {
  if (globs.length === 0) return undefined;
  const paths = candidates(uri, roots);
  if (paths.length === 0) return undefined;
  let verdict: FileVerdict;
  for (const raw of globs) {
    const exclude = raw.startsWith('!');
    const glob = exclude ? raw.slice(1) : raw;
    if (glob.trim() === '') continue;
    const m = matcher(glob);
    if (paths.some((p) => m(p))) verdict = exclude ? 'exclude' : 'include';
  }
  return verdict;
}
