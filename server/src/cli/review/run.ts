/**
 * `xxgk-report review`: every report of a set of files checked as `check` checks it (the same reading, import and
 * worker pool), each paired with last year's report of the same body for the cross-year rules, and written as one
 * self-contained HTML page, a CSV overview or JSON. Exit codes as `check`: 0 no error or warning, 1 some, 2 an
 * input that could not be read, a usage error or a failed write.
 */
import * as path from 'node:path';
import {
  builtinTemplates, cellPlace, crossYearFindings, withCrossYear, describeSource, pairReports, reviewCsv, reviewData, reviewEntry,
  reviewHtml, reviewIdentity, rules as ruleRegistry, sourceAt, stubEntry, type CheckOptions, type PreviousEntry,
  type ReviewInput, type ReviewReport, type SeveritySetting,
} from '../../../../shared/src/index';
import { tempName, writeFileAtomic } from '../atomicWrite';
import type { FileEnv, FileJob } from '../checkFile';
import { visible } from '../format';
import type { CliIo } from '../io';
import { M, errnoReason, type Lang } from '../messages';
import { checkInWorkers } from '../pool';
import { Progress, progressBar } from '../progress';
import { collectFiles, type WalkEntry } from '../walk';
import type { ReviewArgs } from './args';
import { readReviewFile, type ReviewFileOutcome } from './readReports';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_TROUBLE = 2;
/** As `check`: threads only for this many files, at most this many by default. */
const PARALLEL_MIN_FILES = 16;
const MAX_DEFAULT_THREADS = 8;
const STDIN_NAME = '<stdin>';
const TEMPLATES = builtinTemplates();

const BAR_LABEL = { zh: '审阅中', en: 'Reviewing' };

/** Builds the review of `outcomes` (in input order): pairing, cross-year findings, entries, totals. */
export function buildReview(outcomes: readonly ReviewFileOutcome[], options: CheckOptions, lang: Lang): ReturnType<typeof reviewData> {
  interface Item { readonly input: ReviewInput; readonly id: string }
  const items: (Item | { readonly stub: ReviewReport })[] = [];
  const inputs: Item[] = [];
  let n = 0;
  for (const o of outcomes) {
    if (o.parts.length === 0) {
      items.push({ stub: stubEntry({ file: o.file, ...(o.error !== undefined ? { error: o.error } : { note: o.note ?? '' }), ...(o.format ? { format: o.format } : {}) }, `r${++n}`) });
      continue;
    }
    const lines = o.sourceLines;
    for (const p of o.parts) {
      const report = p.report;
      const locate = lines
        ? (offset: number) => {
          const s = sourceAt({ lines }, p.offset + offset);
          return s ? describeSource(s, lang, cellPlace(report, TEMPLATES, offset)) || undefined : undefined;
        }
        : undefined;
      const item: Item = {
        id: `r${++n}`,
        input: {
          file: o.file, part: p.part, parts: o.parts.length, report, findings: p.findings, lineOffset: p.lineOffset,
          ...(locate ? { locate } : {}), ...(o.format ? { format: o.format } : {}), ...(p.note !== undefined ? { note: p.note } : {}),
        },
      };
      items.push(item);
      inputs.push(item);
    }
  }
  // Only checked reports take part in pairing.
  const ids = inputs.map((it) => (it.input.note === undefined ? reviewIdentity(it.input) : {}));
  const previous = pairReports(ids);
  const entries = new Map<Item, ReviewReport>();
  inputs.forEach((it, i) => {
    const j = previous[i];
    let prev: PreviousEntry | undefined;
    let input = it.input;
    if (j !== undefined) {
      const last = inputs[j];
      prev = { input: last.input, id: last.id, year: ids[j].year! };
      const cross = crossYearFindings(input.report, last.input.report, options);
      if (cross.length) input = { ...input, findings: withCrossYear(input.findings, cross) };
    }
    entries.set(it, reviewEntry(input, ids[i], it.id, lang, prev));
  });
  const reports = items.map((it) => ('stub' in it ? it.stub : entries.get(it)!));
  return reviewData(reports, outcomes.length, lang);
}

export async function review(args: ReviewArgs, io: CliIo, envLang: Lang): Promise<number> {
  const lang = args.lang ?? envLang;
  const usageError = (msg: { zh: string; en: string }) => {
    io.stderr(`xxgk-report: ${msg[lang]}\n${M.usageHint[lang]}\n`);
    return EXIT_TROUBLE;
  };
  const known = new Set(ruleRegistry.map((r) => r.id));
  known.add('checker-error');
  const ruleSettings: Record<string, SeveritySetting> = {};
  for (const { id, level } of args.rules) {
    if (!known.has(id)) return usageError(M.unknownRule(id, [...known].sort()));
    ruleSettings[id] = level;
  }
  const options: CheckOptions = {
    ...(args.template ? { template: args.template } : {}),
    ...(args.rules.length ? { rules: ruleSettings } : {}),
    narrative: args.narrative,
  };
  const job: FileJob = { lang, options, fix: false, dryRun: false, quiet: false };
  const env: FileEnv = { fs: io.fs, readStdin: io.readStdin };
  const usesStdin = args.paths.includes('-');
  const entries: WalkEntry[] = [
    ...(usesStdin ? [{ path: STDIN_NAME, abs: '' }] : []),
    ...collectFiles(args.paths.filter((p) => p !== '-'), io.fs, io.cwd),
  ];

  // The bar goes to standard error on a terminal only: never into the output file or standard output's data.
  const progress = new Progress(io, entries.length, (done, total) => progressBar(BAR_LABEL[lang], done, total), io.stderrIsTTY);
  const outcomes: ReviewFileOutcome[] = new Array(entries.length);
  const emit = (index: number, outcome: ReviewFileOutcome) => {
    outcomes[index] = outcome;
    if (outcome.error !== undefined) {
      progress.clear();
      io.stderr(`xxgk-report: ${visible(outcome.error)}\n`);
    }
    progress.tick(index + 1);
  };
  progress.tick(0);
  const threads = Math.min(args.jobs ?? Math.min(io.cpus, MAX_DEFAULT_THREADS), Math.ceil(entries.length / 4));
  const local = (e: WalkEntry) => readReviewFile(e, job, env);
  if (io.workerScript && threads > 1 && entries.length >= PARALLEL_MIN_FILES) {
    await checkInWorkers(entries, job, io.workerScript, threads, local, emit, 'review');
  } else {
    for (let i = 0; i < entries.length; i++) emit(i, await local(entries[i]));
  }
  progress.clear();

  const data = buildReview(outcomes, options, lang);
  const text = args.format === 'json' ? `${JSON.stringify(data, null, 1)}\n` : args.format === 'csv' ? reviewCsv(data) : reviewHtml(data);
  if (args.out) {
    const target = path.resolve(io.cwd, args.out);
    try {
      writeOut(io, target, Buffer.from(text, 'utf8'));
    } catch (e) {
      io.stderr(`xxgk-report: ${visible(M.cannotWrite(args.out, errnoReason(e as NodeJS.ErrnoException, lang))[lang])}\n`);
      return EXIT_TROUBLE;
    }
    io.stderr(`${visible(reviewSummary(data, args.out, lang))}\n`);
  } else {
    io.stdout(text);
  }
  if (data.summary.unreadable > 0) return EXIT_TROUBLE;
  return data.summary.errors + data.summary.warnings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Replaces `target` atomically when it exists (keeping its mode); else writes a new file beside it and renames it. */
function writeOut(io: CliIo, target: string, data: Uint8Array): void {
  let exists = true;
  try {
    io.fs.statSync(target);
  } catch {
    exists = false;
  }
  if (exists) return writeFileAtomic(io.fs, target, data);
  const tmp = tempName(target);
  try {
    io.fs.writeFileSync(tmp, data, { mode: 0o644, flag: 'wx' });
    io.fs.renameSync(tmp, target);
  } catch (e) {
    try {
      io.fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    throw e;
  }
}

/** The one line said on standard error when the page went to a file. */
function reviewSummary(data: ReturnType<typeof reviewData>, out: string, lang: Lang): string {
  const s = data.summary;
  return lang === 'zh'
    ? `已写入 ${out}：${s.files} 个文件，${s.reports} 份报告，${s.errors} 个错误，${s.warnings} 个警告${s.unreadable ? `，${s.unreadable} 个文件无法读取` : ''}，${s.paired} 份与上年报告对比`
    : `wrote ${out}: ${s.files} files, ${s.reports} reports, ${s.errors} errors, ${s.warnings} warnings${s.unreadable ? `, ${s.unreadable} unreadable` : ''}, ${s.paired} compared with last year's`;
}
