/**
 * Runs the extension-host suite with mocha inside a real VS Code extension host.
 *
 * - `@vscode/test-electron` (desktop VS Code) calls `run()` (scripts/e2e/run-electron.mjs);
 * - in code-server the test-driver extension (test/vscode/driver) calls `runSuite()` and writes the
 *   results as JSON for the harness (scripts/e2e/run.sh).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: string;
}

export interface SuiteResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly tests: TestResult[];
}

export function runSuite(options: { grep?: string } = {}): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = options.grep ?? process.env.XXGK_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    const full = path.join(__dirname, file);
    delete require.cache[require.resolve(full)];
    mocha.addFile(full);
  }
  const tests: TestResult[] = [];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const count = (s: TestResult['state']): number => tests.filter((t) => t.state === s).length;
        resolve({ passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs: Date.now() - started, tests });
      });
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: err?.stack ?? String(err) }));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** The entry point `@vscode/test-electron` expects (`extensionTestsPath`). */
export async function run(): Promise<void> {
  const results = await runSuite();
  const out = process.env.XXGK_E2E_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.tests.length} extension-host tests failed`);
  if (results.passed === 0) throw new Error('no extension-host test ran');
}
