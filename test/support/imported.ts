/** Shared by the import-layer tests: the Markdown originals of rendered fixtures, and reader results as text. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedText, ImportResult } from '../../shared/src/index';
import { ROOT } from './walk';

/** A synthetic fixture as the checker reads it (annotation lines removed, as for the renderers' input). */
export function syntheticOriginal(file: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'synthetic', file), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('%%'))
    .join('\n');
}

/** A reader's result, asserted to be text (a refusal fails the test with its reason). */
export function asImported(r: ImportResult): ImportedText {
  assert.equal(r.kind, 'text', r.kind === 'refused' ? r.reason.en : '');
  return r as ImportedText;
}
