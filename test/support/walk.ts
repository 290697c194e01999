import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Report fixtures (`.txt`/`.md`) under a folder, recursively, sorted; README files excluded. */
export function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(txt|md)$/.test(name) && !/^README/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The repository root, from the compiled test location (out/test/...). */
export const ROOT = join(__dirname, '..', '..', '..');
