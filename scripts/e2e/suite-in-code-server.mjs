// Runs the extension-host suite inside code-server: opens the suite's workspace in Chromium (which
// starts an extension host, where the test-driver extension runs mocha) and waits for the results
// file the driver writes. Usage (run.sh does this):
//   node scripts/e2e/suite-in-code-server.mjs --url http://127.0.0.1:PORT --folder DIR --results FILE [--timeout-ms N]
import { existsSync, readFileSync } from 'node:fs';
import { launchBrowser, openWorkbench, parseArgs, sleep } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const { url, folder, results } = args;
const timeoutMs = Number(args['timeout-ms'] ?? 300_000);
if (!url || !folder || !results) {
  console.error('usage: suite-in-code-server.mjs --url URL --folder DIR --results FILE');
  process.exit(2);
}

const started = Date.now();
const { context, close } = await launchBrowser();
let code = 1;
try {
  await openWorkbench(context, url, folder);
  console.log(`[suite] workbench open after ${Date.now() - started} ms; waiting for the extension-host suite…`);
  // The driver writes the file when mocha is done; polling a file is the only channel out of the host.
  while (!existsSync(results)) {
    if (Date.now() - started > timeoutMs) throw new Error(`no results in ${results} after ${timeoutMs} ms (did the driver extension activate? see code-server's log)`);
    await sleep(250);
  }
  const r = JSON.parse(readFileSync(results, 'utf8'));
  for (const t of r.tests) {
    const mark = t.state === 'passed' ? '✓' : t.state === 'pending' ? '-' : '✗';
    console.log(`  ${mark} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(`      ${t.error.split('\n').slice(0, 8).join('\n      ')}`);
  }
  console.log(`extension-host suite: ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped (${r.durationMs} ms in the extension host)`);
  code = r.failed === 0 && r.passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`[suite] ${e.stack ?? e}`);
} finally {
  await close();
}
process.exit(code);
