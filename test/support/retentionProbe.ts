/**
 * Child process for test/model/retention.test.ts, run with `--expose-gc`: measures, after forced GCs, the heap
 * that the core's caches keep once the caller has dropped its text. Strings cannot be weak-reference targets,
 * so "is the text collected?" is answered by the heap. Prints one JSON line.
 *
 *   labels  <MB>   normalise labels sliced from a large text, drop the text
 *   parts   <MB>   check a consolidated document whose first report is so large that the cache evicts it, drop
 *                  the document: the reports still cached must not hold it
 *   editing <KB>   type into one report of a consolidated document of that size, many versions
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../shared/src/index';
import { reportStarts } from '../../shared/src/model/consolidated';
import { normalizeLabel } from '../../shared/src/model/text';
import { ROOT } from './walk';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function heapMB(): number {
  for (let i = 0; i < 6; i++) gc!();
  return process.memoryUsage().heapUsed / 1e6;
}

/** A large text built at run time (not a literal), so it lives in the heap like a document read from disk. */
function bigText(mb: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < (mb * 1e6) / 2; i++) {
    const line = `（${i % 9}）行政机关依申请公开政府信息第${i}项说明`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('\n');
}

function seedReports(): string[] {
  const dir = join(ROOT, 'test/fixtures/seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
}

/** Seeds 000 and 004 (their titles start a report in a consolidated document) renamed to body `i`. */
function report(i: number): string {
  const seeds = seedReports();
  return i % 2 === 0
    ? seeds[0].split('山东省质量技术监督局').join(`第${i}号单位`)
    : seeds[4].split('湖南省质量技术监督局').join(`第${i}号单位`);
}

/** Distinct reports pasted one after another, up to `kb` KB of text (UTF-16). */
function consolidated(kb: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < kb * 1000; i++) {
    parts.push(report(i));
    size += parts[i].length * 2;
  }
  return parts.join('\n\n\n');
}

const [mode, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const out: Record<string, unknown> = { mode };

if (mode === 'labels') {
  normalizeLabel('（一）预热');
  const before = heapMB();
  let text: string | undefined = bigText(size);
  out.textMB = heapMB() - before;
  // Labels of 13 or more characters: V8 represents shorter slices as copies anyway.
  for (let at = 0, n = 0; n < 200; n++, at += Math.floor(text.length / 200)) normalizeLabel(text.slice(at, at + 40));
  text = undefined;
  out.retainedMB = heapMB() - before;
} else if (mode === 'parts') {
  analyze(`${report(100)}\n\n\n${report(101)}`);
  const before = heapMB();
  const filler: string[] = [];
  for (let n = 0; filler.length * 20 < size * 1e6 / 2; n++) filler.push('本机关持续做好政府信息公开工作，认真答复申请人。');
  let text: string | undefined = [`${report(0)}\n${filler.join('\n')}`, report(1), report(2)].join('\n\n\n');
  filler.length = 0;
  out.textMB = heapMB() - before;
  out.reports = reportStarts(text).length;
  analyze(text);
  text = undefined;
  out.retainedMB = heapMB() - before;
} else if (mode === 'editing') {
  let text = consolidated(size);
  out.reports = reportStarts(text).length;
  analyze(text);
  const spot = Math.floor(text.length / 2);
  const series: number[] = [];
  for (let i = 0; i < 60; i++) {
    text = `${text.slice(0, spot)}的${text.slice(spot)}`;
    analyze(text);
    if (i % 10 === 9) series.push(heapMB());
  }
  out.textMB = (text.length * 2) / 1e6;
  out.heapMB = series;
  // Steady state: the growth per keystroke over the last 30 edits.
  out.perEditMB = (series[series.length - 1] - series[series.length - 4]) / 30;
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
