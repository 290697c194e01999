/**
 * The core's caches must not keep documents alive: a cached key or value that is a slice of a document retains
 * the whole document in V8. Measured in a child process with `--expose-gc` (test/support/retentionProbe.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

function probe(...args: string[]): Record<string, number | number[]> {
  const script = join(__dirname, '..', 'support', 'retentionProbe.js');
  const r = spawnSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('labels normalised from a large text do not keep the text alive', () => {
  const r = probe('labels', '40');
  assert.ok((r.textMB as number) > 30, `the text should occupy the heap (${r.textMB} MB)`);
  assert.ok((r.retainedMB as number) < 2, `after dropping a ${(r.textMB as number).toFixed(1)} MB text the heap kept ${(r.retainedMB as number).toFixed(2)} MB`);
});

test('the reports of a consolidated document that stay cached do not keep the document alive', () => {
  const r = probe('parts', '10');
  assert.equal(r.reports, 3);
  assert.ok((r.textMB as number) > 8, `the text should occupy the heap (${r.textMB} MB)`);
  assert.ok((r.retainedMB as number) < 3, `after dropping a ${(r.textMB as number).toFixed(1)} MB document the heap kept ${(r.retainedMB as number).toFixed(2)} MB`);
});

test('typing into a consolidated document: the heap stops growing (old versions are not retained)', () => {
  const r = probe('editing', '600');
  assert.ok((r.reports as number) >= 10, `${r.reports} reports`);
  // Each version of the 600 KB document is ~1.2 MB in the heap; only the edited report (~30-60 KB) may be new.
  assert.ok((r.perEditMB as number) < 0.15, `heap grew ${(r.perEditMB as number).toFixed(3)} MB per keystroke (series ${JSON.stringify(r.heapMB)})`);
});
