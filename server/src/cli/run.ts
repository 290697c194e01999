/**
 * `xxgk-report`: the whole CLI as a function of its arguments and an injectable IO.
 * `main.ts` only wires it to the process.
 */
import * as path from 'node:path';
import { localize, parseReport, ruleDocUrl, rules as ruleRegistry, toMarkdownDraft, type CheckOptions, type SeveritySetting } from '../../../shared/src/index';
import { parseArgs } from './args';
import { checkFile, readEntry, readNamedFile, type FileEnv, type FileJob, type FileOutcome } from './checkFile';
import { humanFormatter, jsonFormatter, sarifFormatter, visible, type Formatter } from './format';
import type { CliIo } from './io';
import type { JsonSummary } from './jsonSchema';
import { M, defaultLang, helpText, type Lang } from './messages';
import { checkInWorkers } from './pool';
import { Progress } from './progress';
import { review } from './review/run';
import { draft } from './draft';
import { VERSION } from './version';
import { collectFiles, type WalkEntry } from './walk';

export type { CliIo } from './io';
export { MAX_FILE_MIB, MAX_FIX_ROUNDS } from './checkFile';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** The progress line appears for more files than this, on a terminal, in human format. */
export const PROGRESS_MIN_FILES = 20;
/** Worker threads are used only for at least this many files (starting one costs ~0.1 s). */
export const PARALLEL_MIN_FILES = 16;
/** At most this many worker threads by default. */
const MAX_DEFAULT_THREADS = 8;
const STDIN_NAME = '<stdin>';

// ---------------------------------------------------------------- run

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `xxgk-report extract FILE`: the text a file is checked as, tables as aligned pipe tables. */
async function extract(file: string, lang: Lang, io: CliIo): Promise<number> {
  const loaded = await readNamedFile(file, io.fs, io.cwd, lang);
  if (loaded.kind === 'error') {
    io.stderr(`xxgk-report: ${visible(loaded.error)}\n`);
    return EXIT_TROUBLE;
  }
  const text = loaded.kind === 'imported' ? toMarkdownDraft(loaded.imported) : loaded.text;
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT_CLEAN;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  const envLang = defaultLang(io.env);
  switch (parsed.command) {
    case 'help':
      io.stdout(helpText(parsed.lang ?? envLang, VERSION));
      return EXIT_CLEAN;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return EXIT_CLEAN;
    case 'usage-error': {
      const lang = parsed.lang ?? envLang;
      io.stderr(`xxgk-report: ${parsed.message[lang]}\n${M.usageHint[lang]}\n`);
      return EXIT_TROUBLE;
    }
  }
  if (parsed.command === 'extract') return extract(parsed.path, parsed.lang ?? envLang, io);
  if (parsed.command === 'review') return review(parsed, io, envLang);
  if (parsed.command === 'draft') return draft(parsed, io, envLang);
  const args = parsed;
  const lang = args.lang ?? envLang;
  const usageError = (msg: { zh: string; en: string }) => {
    io.stderr(`xxgk-report: ${msg[lang]}\n${M.usageHint[lang]}\n`);
    return EXIT_TROUBLE;
  };

  const known = new Set(ruleRegistry.map((r) => r.id));
  known.add('checker-error'); // reported by the core for parse problems and failing rules
  const ruleSettings: Record<string, SeveritySetting> = {};
  for (const { id, level } of args.rules) {
    if (!known.has(id)) return usageError(M.unknownRule(id, [...known].sort()));
    ruleSettings[id] = level;
  }
  const usesStdin = args.paths.includes('-');
  if (usesStdin && args.fix) return usageError(M.stdinNoFix);

  const options: CheckOptions = {
    ...(args.template ? { template: args.template } : {}),
    ...(args.rules.length ? { rules: ruleSettings } : {}),
    narrative: args.narrative,
    ...(args.reportSuppressed ? { reportSuppressed: true } : {}),
  };
  const env: FileEnv = { fs: io.fs, readStdin: io.readStdin };
  // Last year's report, read as any checked file is; one that cannot be read is a usage error, never ignored.
  let previous: FileJob['previous'];
  if (args.previous) {
    const read = await readEntry({ path: args.previous, abs: path.resolve(io.cwd, args.previous) }, env, lang);
    if (read.kind === 'done') {
      const why = read.outcome.result.error ?? read.outcome.result.note ?? '';
      io.stderr(`xxgk-report: ${visible(M.previousUnreadable(why)[lang])}\n`);
      return EXIT_TROUBLE;
    }
    if (parseReport(read.decoded.text).report.year === undefined) {
      io.stderr(`xxgk-report: ${visible(M.previousUnreadable(M.previousNoYear[lang])[lang])}\n`);
      return EXIT_TROUBLE;
    }
    previous = { file: args.previous, text: read.decoded.text };
  }
  const job: FileJob = { lang, options, fix: args.fix, dryRun: args.dryRun, quiet: args.quiet, ...(previous ? { previous } : {}) };

  const entries: WalkEntry[] = [
    ...(usesStdin ? [{ path: STDIN_NAME, abs: '' }] : []),
    ...collectFiles(
      args.paths.filter((p) => p !== '-'),
      io.fs,
      io.cwd,
    ),
  ];

  const human = args.format === 'human';
  const progress = new Progress(io, entries.length, (done, total) => M.progress(done, total)[lang], human && io.stderrIsTTY && entries.length > PROGRESS_MIN_FILES);
  const out = (s: string) => {
    if (io.stdoutIsTTY) progress.clear();
    io.stdout(s);
  };
  const err = (s: string) => {
    progress.clear();
    io.stderr(s);
  };
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const forceColor = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0';
  const colour = human && !noColor && (forceColor || (io.stdoutIsTTY && io.env.TERM !== 'dumb'));

  let formatter: Formatter;
  if (args.format === 'json') formatter = jsonFormatter(out);
  else if (args.format === 'sarif') {
    formatter = sarifFormatter({
      write: out,
      toolVersion: VERSION,
      cwd: io.cwd,
      lang,
      rules: [...ruleRegistry].sort(byId).map((r) => ({
        id: r.id,
        shortDescription: localize(r.title, lang),
        fullDescription: localize(r.description, lang),
        level: r.defaultSeverity,
        helpUri: ruleDocUrl(r.id),
      })),
    });
  } else formatter = humanFormatter({ write: out, writeErr: err, colour, lang, dryRun: args.dryRun && args.fix });

  const summary: JsonSummary = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, unreadable: 0, unchecked: 0, skipped: 0, fixed: 0 };
  let writeFailed = false;
  const emit = (index: number, outcome: FileOutcome) => {
    summary.files++;
    if (outcome.unreadable) summary.unreadable++;
    if (outcome.skipped) summary.skipped++;
    if (outcome.result.coverage?.verdict === 'incomplete') summary.unchecked++;
    if (outcome.writeFailed) writeFailed = true;
    summary.fixed += outcome.result.fixed ?? 0;
    for (const f of outcome.result.findings) {
      if (f.suppressed) continue;
      if (f.severity === 'error') summary.errors++;
      else if (f.severity === 'warning') summary.warnings++;
      else if (f.severity === 'info') summary.infos++;
      else summary.hints++;
    }
    if (outcome.stderr && (outcome.stderr.isError || human)) err(`xxgk-report: ${visible(outcome.stderr.text)}\n`);
    formatter.file(outcome.result);
    progress.tick(index + 1);
  };

  progress.tick(0);
  const threads = Math.min(args.jobs ?? Math.min(io.cpus, MAX_DEFAULT_THREADS), Math.ceil(entries.length / 4));
  if (io.workerScript && threads > 1 && entries.length >= PARALLEL_MIN_FILES) {
    await checkInWorkers(entries, job, io.workerScript, threads, (e) => checkFile(e, job, env), emit);
  } else {
    for (let i = 0; i < entries.length; i++) emit(i, await checkFile(entries[i], job, env));
  }
  progress.clear();
  formatter.end(summary);

  if (summary.unreadable > 0 || writeFailed) return EXIT_TROUBLE;
  return summary.errors + summary.warnings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
