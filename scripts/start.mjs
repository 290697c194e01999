// `npm start`: check the bundled sample reports (the five real reports in test/fixtures/seeds) with the CLI.
// Findings are the expected outcome here, so exit code 1 ("findings reported") counts as success.
import { spawnSync } from 'node:child_process';

const args = ['dist/cli.js', 'check', 'test/fixtures/seeds', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
