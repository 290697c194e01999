// Shared pieces of the code-server harness: Debian's Chromium through playwright-core, the workbench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.XXGK_E2E_CHROMIUM ?? '/usr/bin/chromium';
// Flags from docs/real-editor-testing.md: no sandbox (root), no GPU, and nothing that phones home.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--lang=zh-CN',
];

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, v] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), argv[i + 1]?.startsWith('--') ? 'true' : argv[++i] ?? 'true'];
    out[k] = v;
  }
  return out;
}

/** Chromium with a fresh --user-data-dir (a persistent context is how playwright takes one). */
export async function launchBrowser({ width = 1440, height = 900 } = {}) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('playwright-core is not installed: run `npm ci` (it is a devDependency). Never `playwright install`.');
  }
  const profile = mkdtempSync(join(tmpdir(), 'xxgk-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Opens the workbench on `folder` and waits until it is there. */
export async function openWorkbench(context, url, folder, timeout = 120_000) {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  return page;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
