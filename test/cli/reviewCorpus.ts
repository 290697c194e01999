/**
 * Reports for the review tests, made in a temporary directory from the correct 2021-format fixture
 * (test/fixtures/synthetic/gov2021-tabs.txt, 2023, 青川市市场监督管理局): another body's name, another year, and
 * chosen rows of table 3 replaced. `fresh` rewrites every prose sentence, so that two years' texts share none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

export const BASE_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'synthetic', 'gov2021-tabs.txt');
const BASE_BODY = '青川市市场监督管理局';
const BASE_YEAR = 2023;

export const R1 = '一、本年新收政府信息公开申请数量';
export const R2 = '二、上年结转政府信息公开申请数量';
export const R4 = '四、结转下年度继续办理';

export interface Variant {
  readonly body: string;
  readonly year: number;
  /** Table 3 rows by label: the seven cells (自然人 … 总计). */
  readonly rows?: Readonly<Record<string, readonly number[]>>;
  readonly fresh?: boolean;
}

export function reportText(v: Variant): string {
  let text = fs.readFileSync(BASE_FILE, 'utf8').split(BASE_BODY).join(v.body);
  const delta = BASE_YEAR - v.year;
  text = text.replace(/(20[12]\d)(?=\s*年)/g, (y) => String(Number(y) - delta));
  for (const [label, cells] of Object.entries(v.rows ?? {})) {
    const re = new RegExp(`^${label}\\t.*$`, 'm');
    if (!re.test(text)) throw new Error(`no row ${label}`);
    text = text.replace(re, `${label}\t${cells.join('\t')}`);
  }
  if (v.fresh) text = text.replace(/。/g, `，${v.year}年度继续推进。`);
  return text;
}

/** 1-based line and column of the first cell of the row `label` in `text`. */
export function firstCell(text: string, label: string): { line: number; column: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${label}\t`));
  if (i < 0) throw new Error(`no row ${label}`);
  return { line: i + 1, column: label.length + 2 };
}

export interface Corpus {
  readonly files: Record<string, string>;
}

/**
 * Three bodies' 2021 and 2022 reports: 澜州市教育局 with 2022's 上年结转 ≠ 2021's 结转下年度 (自然人 3 ≠ 2, 总计
 * 4 ≠ 3), 临江市民政局 whose carry-over matches (2021's rows 一 and 四 changed so its balance holds), and
 * 白石县水利局 whose 2022 text is 2021's with the years advanced.
 */
export function writeCorpus(dir: string): Corpus {
  const files: Record<string, string> = {
    'a/澜州市教育局2021年报.txt': reportText({ body: '澜州市教育局', year: 2021 }),
    'a/澜州市教育局2022年报.txt': reportText({ body: '澜州市教育局', year: 2022, fresh: true }),
    'b/临江市民政局2021年报.txt': reportText({ body: '临江市民政局', year: 2021, rows: { [R1]: [36, 8, 0, 1, 2, 1, 48], [R4]: [3, 1, 0, 0, 0, 0, 4] } }),
    'b/临江市民政局2022年报.txt': reportText({ body: '临江市民政局', year: 2022, fresh: true }),
    'c/白石县水利局2021年报.txt': reportText({ body: '白石县水利局', year: 2021 }),
    'c/白石县水利局2022年报.txt': reportText({ body: '白石县水利局', year: 2022 }),
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { files };
}
