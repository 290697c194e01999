// Deterministic generation of realistic reports from the test fixtures.
//
// The pool is the 5 real seed reports (2017-2018, gov2014 tables) plus the synthetic 2019/2021-format drafts
// (annotation lines starting with `%%` removed, BOM removed, line ends normalised to LF). A generated document
// of a given size is a "city's consolidated reports": whole reports from the pool pasted one after another,
// each renamed to a different department of a different city (the organisation name is replaced everywhere in
// that report), the last one cut at a line boundary so that the document has the requested UTF-8 size.
// Same seed, same document, on every machine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build.mjs';

const SEEDS = join(ROOT, 'test/fixtures/seeds');
const SYNTHETIC = join(ROOT, 'test/fixtures/synthetic');

export const CITIES = ['青川市', '澜州市', '临江市', '白石县', '云岭市', '望海市', '桐溪县', '北湖区', '秀山县', '河阳市', '松原镇', '东坪县'];
export const DEPARTMENTS = [
  '教育局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局',
  '交通运输局', '水利局', '农业农村局', '商务局', '文化广电旅游局', '卫生健康委员会', '应急管理局', '审计局', '市场监督管理局',
  '统计局', '医疗保障局', '林业局', '信访局', '人民政府办公室', '发展和改革委员会',
];

/** mulberry32: a tiny deterministic PRNG, uniform in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function clean(text) {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !line.startsWith('%%'))
    .join('\n')
    .trim();
}

/** The organisation that issued the report: before the year in the title, or the short line above a title without one. */
function organisation(text) {
  const lines = text.split('\n').slice(0, 12).map((l) => l.replace(/^#+\s*/, '').trim());
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.{2,40}?)\s*\d{4}\s*年.*(?:年度报告|年报|工作报告)/.exec(lines[i]);
    if (m && /(?:局|委员会|办公室|政府|厅|院|中心|委)$/.test(m[1])) return m[1];
    if (/^\d{4}\s*年.*(?:年度报告|工作报告)/.test(lines[i])) {
      for (let j = i - 1; j >= 0; j--) {
        if (lines[j] && lines[j].length <= 30) return lines[j];
      }
    }
  }
  return undefined;
}

let pool;

/** The fixture reports the generator draws from: [{ name, text, org }]. */
export function loadPool() {
  if (pool) return pool;
  const read = (dir, filter) => readdirSync(dir).filter(filter).sort().map((f) => {
    const text = clean(readFileSync(join(dir, f), 'utf8'));
    return { name: f, text, org: organisation(text) };
  });
  pool = [
    ...read(SEEDS, (f) => f.endsWith('.txt')),
    ...read(SYNTHETIC, (f) => (f.endsWith('.txt') || f.endsWith('.md')) && f !== 'README.md'),
  ];
  return pool;
}

/** The seed reports, as they are on disk. */
export function seedReports() {
  return readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ name: f, text: readFileSync(join(SEEDS, f), 'utf8') }));
}

function shuffled(items, random) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The first `bytes` UTF-8 bytes of `text`, cut back to the last line end (at least one line). */
function prefixLines(text, bytes) {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  const cut = buf.lastIndexOf(0x0a, bytes);
  const end = cut > 0 ? cut : Math.max(1, bytes);
  return buf.subarray(0, end).toString('utf8').replace(/\uFFFD+$/, '');
}

/**
 * A consolidated document of about `targetBytes` UTF-8 bytes (within one line), deterministic in `seed`.
 * Returns the text and how many reports (whole or cut) it contains.
 */
export function makeDocument(targetBytes, seed) {
  const random = rng(seed * 7919 + 17);
  const reports = loadPool();
  const parts = [];
  let size = 0;
  let order = [];
  let k = 0;
  while (size < targetBytes) {
    if (order.length === 0) order = shuffled(reports, random);
    const r = order.pop();
    const name = CITIES[Math.floor(random() * CITIES.length)] + DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)];
    let text = r.org ? r.text.split(r.org).join(name) : r.text;
    const sep = parts.length ? '\n\n\n' : '';
    const room = targetBytes - size - Buffer.byteLength(sep);
    const bytes = Buffer.byteLength(text);
    if (bytes > room) {
      text = prefixLines(text, room);
      if (room < 200) text = ''; // not worth a fragment: stop here
    }
    if (!text) break;
    parts.push(sep + text);
    size += Buffer.byteLength(sep) + Buffer.byteLength(text);
    k++;
  }
  const text = `${parts.join('')}\n`;
  const starts = [];
  let at = 0;
  for (const part of parts) {
    starts.push(at + (part.startsWith('\n\n\n') ? 3 : 0));
    at += part.length;
  }
  return { text, bytes: Buffer.byteLength(text), reports: k, starts };
}

/** The first `bytes` UTF-8 bytes of a generated document, cut at a line end, and how many reports it (partly) holds. */
export function documentPrefix(doc, bytes) {
  const text = bytes >= doc.bytes ? doc.text : `${prefixLines(doc.text, bytes)}\n`;
  return { text, bytes: Buffer.byteLength(text), reports: doc.starts.filter((s) => s < text.length).length };
}

const ZH_DIGITS = '零一二三四五六七八九';

/** 1..99 as a Chinese numeral (四, 十二, 九十三), as in a `（十二）` heading. */
function chineseNumeral(n) {
  if (n < 10) return ZH_DIGITS[n];
  return `${n >= 20 ? ZH_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
}

/** Subsections added to section 二 of the single long report: （四） to （九十三）. */
const LONG_SUBSECTIONS = 90;

/**
 * ONE report of about `targetBytes` UTF-8 bytes, not a consolidated document: the largest seed report (000, 31.5 KB:
 * its title, its six sections and its one statistical table, unchanged) with section 二 made long. After its own
 * （一）–（三） come 90 more subsections, （四） to （九十三）, headed by the prose subsection titles of the seeds and filled
 * with seed 000's own prose paragraphs (lines of 60+ characters that are neither headings nor table rows) in turn,
 * so every figure in the added prose is one the report's table holds. Deterministic. Returns the text, its size,
 * and where the added prose starts and ends (UTF-16 offsets).
 */
export function makeSingleReport(targetBytes) {
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => clean(readFileSync(join(SEEDS, f), 'utf8')));
  const base = seeds[0];
  // Subsection titles from the seeds' sections 一 and 二 (above their 三、 heading), without digits or sentence punctuation.
  const beforeThree = (t) => t.slice(0, Math.max(0, t.search(/^[\s\u3000]*三[、.．]/m)));
  const titles = [...new Set(seeds.flatMap((t) => beforeThree(t).split('\n'))
    .map((l) => /^\s*[（(][一二三四五六七八九十]+[）)]\s*([^\t\d。，,]{4,20})$/.exec(l)?.[1]).filter(Boolean))];
  const prose = base.split('\n').filter((l) => l.length >= 60 && !/[\t|<>]/.test(l)
    && !/^[#（(一二三四五六七八九十\d]/.test(l.trimStart()) && !/报告$/.test(l));
  const at = base.indexOf('\n三、') + 1;
  if (at === 0 || titles.length === 0 || prose.length === 0) throw new Error('makeSingleReport: seed 000 is not laid out as expected');
  const room = targetBytes - Buffer.byteLength(base) - 1;
  const blocks = [];
  let size = 0;
  for (let k = 0, p = 0; k < LONG_SUBSECTIONS; k++) {
    const heading = `（${chineseNumeral(4 + k)}）${titles[k % titles.length]}\n\n`;
    const end = (room * (k + 1)) / LONG_SUBSECTIONS;
    let block = heading;
    size += Buffer.byteLength(heading);
    // Paragraphs until the block reaches its share, stopping at whichever side of it is nearer.
    for (;;) {
      const para = `${prose[p % prose.length]}\n\n`;
      const n = Buffer.byteLength(para);
      if (block !== heading && size + n / 2 > end) break;
      block += para;
      size += n;
      p++;
    }
    blocks.push(block);
  }
  const added = blocks.join('');
  const text = `${base.slice(0, at)}${added}${base.slice(at)}\n`;
  return { text, bytes: Buffer.byteLength(text), addedStart: at, addedEnd: at + added.length };
}
