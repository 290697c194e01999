/**
 * The texts the robustness properties mutate: the real reports in test/fixtures/seeds and the
 * synthetic 2019/2021 drafts in test/fixtures/synthetic (annotation lines stripped), plus the
 * spans of their tables so that a mutation can cut a table in half.
 *
 * Shared by the property tests (test/robustness/*.test.ts) and `npm run fuzz` (scripts/fuzz.mjs),
 * which loads the compiled copy from out/test/robustness/.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseReport, type Span } from '../../shared/src/index';
import { loadFixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';

export interface CorpusEntry {
  /** Path relative to the repository root, e.g. `test/fixtures/seeds/000_….txt`. */
  readonly name: string;
  readonly text: string;
  /** The spans of the tables the parser finds in the unmodified text. */
  readonly tables: readonly Span[];
}

let cache: CorpusEntry[] | undefined;

/** Every seed and synthetic report, sorted by path. Loaded once. */
export function corpus(): readonly CorpusEntry[] {
  if (cache) return cache;
  const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic'].map((d) => join(ROOT, d)).filter(existsSync);
  cache = dirs.flatMap((dir) => fixtureFiles(dir)).map((file) => {
    const { text } = loadFixture(file);
    const { report } = parseReport(text);
    return { name: relative(ROOT, file), text, tables: report.tables.map((t) => t.span) };
  });
  if (cache.length === 0) throw new Error(`no fixtures found under ${ROOT}/test/fixtures`);
  return cache;
}
