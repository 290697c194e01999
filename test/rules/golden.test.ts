/**
 * Golden fixtures: every expected finding is found at exactly its text, and nothing else is
 * reported (rules marked `ignore` aside). A snapshot of messages and fixes guards the wording.
 * `UPDATE_SNAPSHOTS=1` rewrites the snapshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Finding } from '../../shared/src/index';
import { describeSpan, loadFixture, type Fixture } from '../support/fixtures';
import { fixtureFiles, ROOT } from '../support/walk';

const dirs = ['test/fixtures/seeds', 'test/fixtures/synthetic', 'test/fixtures/rules'].map((d) => join(ROOT, d)).filter(existsSync);

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\n|\r/).length - 1;
}

function matches(fx: Fixture, f: Finding, e: Fixture['expectations'][number]): boolean {
  if (f.ruleId !== e.rule) return false;
  if (e.text === '') return f.span.start === f.span.end || fx.text.slice(f.span.start, f.span.end).trim() === '' ? lineOf(fx.text, f.span.start) === e.line : false;
  return f.span.start === e.span.start && f.span.end === e.span.end;
}

function snapshotOf(fx: Fixture, findings: Finding[]) {
  return findings.map((f) => ({
    rule: f.ruleId,
    severity: f.severity,
    at: describeSpan(fx.text, f.span),
    message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    related: (f.related ?? []).map((r) => describeSpan(fx.text, r.span)),
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title.zh, safe: x.safe, edits: x.edits.map((e) => `${describeSpan(fx.text, e.span)} -> "${e.newText}"`) })),
  }));
}

for (const dir of dirs) {
  for (const file of fixtureFiles(dir)) {
    const rel = file.slice(ROOT.length + 1);
    test(`golden: ${rel}`, () => {
      const fx = loadFixture(file);
      const { findings } = analyze(fx.text, fx.options);
      const asserted = findings.filter((f) => !fx.ignore.has(f.ruleId) && !fx.counts.has(f.ruleId));
      const unmatched = new Set(asserted);
      const missing: string[] = [];
      for (const e of fx.expectations) {
        const hit = asserted.find((f) => unmatched.has(f) && matches(fx, f, e));
        if (hit) unmatched.delete(hit);
        else missing.push(`${e.rule} at L${e.line + 1} "${e.text}"`);
      }
      const extra = [...unmatched].map((f) => `${f.ruleId} at ${describeSpan(fx.text, f.span)}: ${f.message.zh}`);
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `findings differ in ${rel}`);
      for (const [rule, n] of fx.counts) {
        assert.equal(findings.filter((f) => f.ruleId === rule).length, n, `count of ${rule} in ${rel}`);
      }
      const snapPath = file.replace(/\.(txt|md)$/, '.snap.json');
      const snap = JSON.stringify(snapshotOf(fx, findings), null, 2) + '\n';
      if (!existsSync(snapPath) && process.env.CI) assert.fail(`snapshot ${snapPath} is missing: run the tests locally and commit it`);
      if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(snapPath)) writeFileSync(snapPath, snap);
      else assert.equal(snap, readFileSync(snapPath, 'utf8'), `snapshot ${snapPath} is stale (UPDATE_SNAPSHOTS=1 to rewrite)`);
    });
  }
}
