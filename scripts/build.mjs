// Bundles the extension client, the language server and the CLI into dist/ with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // The table view's page script, run in a webview (client/webview/).
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/tableView.ts'], outfile: 'dist/tableView.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
chmodSync('dist/server.js', 0o755);
chmodSync('dist/cli.js', 0o755);

// pdf.js reads the CMaps of CJK fonts from files: only the GB ones (Identity-H/V are built in), next to the
// bundles, where server/src/import/load.ts looks for them.
const cmaps = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');
mkdirSync('dist/cmaps', { recursive: true });
for (const name of readdirSync(cmaps)) if (/GB.*\.bcmap$/.test(name)) copyFileSync(join(cmaps, name), join('dist/cmaps', name));
