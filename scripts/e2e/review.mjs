#!/usr/bin/env node
// The review page in Debian's Chromium (through playwright-core): `xxgk-report review` on a generated set of
// reports (bodies with 2021 and 2022 reports, one carry-over mismatch, copied text, seeds, a Word file, a PDF and
// an encrypted PDF) in a temporary directory; the page must render without console errors, its overview must
// show the numbers of `--format json`, typing a body's name must leave only that body's rows, and sorting must
// order the rows. Then a screenshot of the overview (review.png) into --screenshots (default out-e2e/screenshots;
// `npm run screenshots` passes docs/images). Exit 0 when everything held, 1 otherwise; Chromium missing is a failure.
//
//   node scripts/e2e/review.mjs [--cli dist/cli.js] [--screenshots DIR]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, launchBrowser, parseArgs } from './lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const CLI = resolve(args.cli ?? join(ROOT, 'dist/cli.js'));
const SHOTS = resolve(args.screenshots ?? join(ROOT, 'out-e2e/screenshots'));

const failures = [];
function check(ok, what) {
  console.log(`${ok ? '  ok' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

/** The 2021-format fixture (2023, 青川市市场监督管理局) as another body's report of another year. */
function variant(body, year, { rows = {}, fresh = false } = {}) {
  let text = readFileSync(join(ROOT, 'test/fixtures/synthetic/gov2021-tabs.txt'), 'utf8').split('青川市市场监督管理局').join(body);
  text = text.replace(/(20[12]\d)(?=\s*年)/g, (y) => String(Number(y) - (2023 - year)));
  for (const [label, cells] of Object.entries(rows)) text = text.replace(new RegExp(`^${label}\\t.*$`, 'm'), `${label}\t${cells.join('\t')}`);
  return fresh ? text.replace(/。/g, `，${year}年度继续推进。`) : text;
}

function writeCorpus(dir) {
  const R1 = '一、本年新收政府信息公开申请数量';
  const R4 = '四、结转下年度继续办理';
  const files = {
    '教育/澜州市教育局2021年报.txt': variant('澜州市教育局', 2021),
    '教育/澜州市教育局2022年报.txt': variant('澜州市教育局', 2022, { fresh: true }),
    '民政/临江市民政局2021年报.txt': variant('临江市民政局', 2021, { rows: { [R1]: [36, 8, 0, 1, 2, 1, 48], [R4]: [3, 1, 0, 0, 0, 0, 4] } }),
    '民政/临江市民政局2022年报.txt': variant('临江市民政局', 2022, { fresh: true }),
    '水利/白石县水利局2021年报.txt': variant('白石县水利局', 2021),
    '水利/白石县水利局2022年报.txt': variant('白石县水利局', 2022),
    '统计/望海市统计局2022年报.txt': variant('望海市统计局', 2022, { rows: { [R1]: [350, 80, 0, 10, 20, 10, 470] } }),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(join(dir, '其他'), { recursive: true });
  for (const f of ['seeds/000_82d47b6a6cde8053.txt', 'seeds/003_ffaee79ddffb64b7.txt', 'seeds/004_74e3e29789819dcb.txt', 'synthetic/gov2019-tabs.txt',
    'import/docx/broken-outcome-total-mismatch-2.docx', 'import/pdf/gov2019-pipes.pdf', 'import/pdf/encrypted.pdf']) {
    copyFileSync(join(ROOT, 'test/fixtures', f), join(dir, '其他', f.split('/').pop()));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'xxgk-review-e2e-'));
let close = async () => {};
try {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (scripts/e2e/setup.sh installs Debian's chromium)`);
  const set = join(dir, 'reports');
  writeCorpus(set);
  const page = join(dir, 'review.html');
  const html = spawnSync(process.execPath, [CLI, 'review', '--out', page, '.'], { cwd: set, encoding: 'utf8' });
  check(html.status === 2, `review exits 2 (an encrypted PDF is unreadable): ${html.status} ${html.stderr.trim().split('\n').pop()}`);
  const json = spawnSync(process.execPath, [CLI, 'review', '--format', 'json', '.'], { cwd: set, encoding: 'utf8', maxBuffer: 64 << 20 });
  const data = JSON.parse(json.stdout);

  const browser = await launchBrowser({ width: 1400, height: 900 });
  close = browser.close;
  const tab = browser.context.pages()[0] ?? await browser.context.newPage();
  const errors = [];
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tab.on('pageerror', (e) => errors.push(String(e)));
  // Nothing may be fetched: any request but the page itself is a failure.
  const requests = [];
  tab.on('request', (r) => {
    if (r.url() !== pathToFileURL(page).href) requests.push(r.url());
  });
  await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });

  const rows = await tab.$$eval('#overview tbody tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    verdict: tr.dataset.verdict,
    errors: Number(tr.querySelector('[data-k=errors]').textContent),
    warnings: Number(tr.querySelector('[data-k=warnings]').textContent),
    infos: Number(tr.querySelector('[data-k=infos]').textContent),
    verdictText: tr.querySelector('[data-k=verdict]').textContent,
    hidden: tr.hidden,
  })));
  check(rows.length === data.reports.length, `one overview row per report (${rows.length} rows, ${data.reports.length} in the JSON)`);
  const mismatched = data.reports.filter((r, i) => {
    const row = rows[i];
    return !row || row.id !== r.id || row.verdict !== r.verdict || row.errors !== r.counts.errors || row.warnings !== r.counts.warnings || row.infos !== r.counts.infos;
  });
  check(mismatched.length === 0, `the overview's numbers equal the JSON's${mismatched.length ? `: not for ${mismatched.map((r) => r.name).join(', ')}` : ''}`);
  check(rows.some((r) => r.verdictText === '需退回修改') && rows.some((r) => r.verdictText === '无法读取'), 'verdicts in Chinese, the unreadable file listed');
  check(await tab.locator('svg.chart').count() >= 4, 'the rule chart and three strip plots are drawn');
  const carry = data.reports.find((r) => r.findings.some((f) => f.rule === 'carryover-mismatch' && f.related.some((x) => x.inPrevious)));
  check(carry && await tab.locator(`#${carry.id} .rel.prev`).first().isVisible(), "a carry-over finding shows last year's file and cell");

  // Filter by a body: only its rows stay, and its details.
  const body = '临江市民政局';
  await tab.fill('#q', body);
  const visible = await tab.$$eval('#overview tbody tr', (trs) => trs.filter((tr) => !tr.hidden).map((tr) => tr.dataset.id));
  const expected = data.reports.filter((r) => r.body === body).map((r) => r.id);
  check(visible.length === 2 && JSON.stringify([...visible].sort()) === JSON.stringify([...expected].sort()), `typing ${body} leaves its 2 rows (${visible.length} visible)`);
  check(await tab.locator(`#${data.reports.find((r) => r.body === '澜州市教育局').id}`).isHidden(), "another body's details are hidden");
  check((await tab.textContent('#count')).trim() === `2 / ${data.reports.length}`, 'the count says 2 of all');
  await tab.fill('#q', '');
  await tab.selectOption('#fv', 'reject');
  const rejects = await tab.$$eval('#overview tbody tr', (trs) => trs.filter((tr) => !tr.hidden).length);
  check(rejects === data.reports.filter((r) => r.verdict === 'reject').length, `the verdict filter keeps the ${rejects} reports to return`);
  await tab.selectOption('#fv', '');

  // Sorting by errors, descending on the second click.
  const head = tab.locator('#overview th[data-col=errors]');
  await head.click();
  await head.click();
  const sorted = await tab.$$eval('#overview tbody tr [data-k=errors]', (tds) => tds.map((td) => Number(td.textContent)));
  check(sorted.every((v, i) => i === 0 || sorted[i - 1] >= v) && sorted[0] === Math.max(...data.reports.map((r) => r.counts.errors)), 'clicking 错误 twice sorts by errors, most first');
  await tab.reload({ waitUntil: 'load' });

  check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  check(requests.length === 0, `nothing fetched${requests.length ? `: ${requests.join(', ')}` : ''}`);

  mkdirSync(SHOTS, { recursive: true });
  await tab.setViewportSize({ width: 1400, height: 900 });
  await tab.screenshot({ path: join(SHOTS, 'review.png'), fullPage: false });
  console.log(`screenshot: ${join(SHOTS, 'review.png')}`);
} catch (e) {
  failures.push(String(e?.stack ?? e));
  console.error(String(e?.stack ?? e));
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures.length ? `review page: ${failures.length} failed` : 'review page: all passed');
process.exit(failures.length ? 1 : 0);
