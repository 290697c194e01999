/**
 * Checking (and with `--fix`, fixing) one file: read, decode, analyze, fix, re-encode, write.
 * Runs on the main thread or in a worker; everything it returns is plain, cloneable data.
 */
import * as path from 'node:path';
import {
  analyze,
  applyEdits,
  reportCoverage,
  type Coverage,
  localize,
  fixToFixpoint,
  type CheckOptions,
  type Finding,
  type ImportedText,
  type Report,
  builtinTemplates,
  cellPlace,
  describeSource,
  plainCoverage,
  isNotAReport,
  CROSS_YEAR_RULES,
  parseReport,
  reportIdentity,
  sourceAt,
  type TextEdit,
} from '../../../shared/src/index';
import { writeFileAtomic } from './atomicWrite';
import { MAX_FILE_BYTES, statRefusal } from './readCheck';
import { loadReport, type LoadedReport } from '../import/load';
import { unifiedDiff } from './diff';
import { encodeText, roundTrips, type EncodingName } from './encoding';
import type { CliFs } from './io';
import type { JsonCoverage, JsonFileResult, JsonFinding } from './jsonSchema';
import { M, errnoReason, type Lang } from './messages';
import { LineIndex, dominantEol, normalizeEol, withEol, type EolStyle, type NormalizedText, type Position } from './text';
import type { WalkEntry } from './walk';

/** `--fix` applies one fix per round and re-checks, until nothing safe is left, at most this many rounds. */
export const MAX_FIX_ROUNDS = 100;
export { MAX_FILE_MIB } from './readCheck';

/** What a check needs besides the file: plain data, so it can be sent to a worker. */
export interface FileJob {
  readonly lang: Lang;
  readonly options: CheckOptions;
  /** Last year's report (`--previous`): its name as given and its text; parsed once per thread. */
  readonly previous?: { readonly file: string; readonly text: string };
  readonly fix: boolean;
  readonly dryRun: boolean;
  readonly quiet: boolean;
}

export interface FileEnv {
  readonly fs: CliFs;
  /** For the entry whose `abs` is '' (standard input). */
  readonly readStdin: (limit: number) => Buffer;
}


interface Analysis {
  /** The file's text (without BOM; original line endings). */
  readonly text: string;
  readonly norm: NormalizedText;
  readonly report: Report;
  readonly findings: readonly Finding[];
  readonly previous?: PreviousText;
}

/**
 * Why `--fix` must not write this file, if it must not: read-only (root could write it anyway, and a rename
 * replaces any file), or reached through a link that leads out of the directory that was named.
 */
function refusal(env: FileEnv, entry: WalkEntry, lang: Lang): string | undefined {
  try {
    const real = env.fs.realpathSync(entry.abs);
    if ((env.fs.statSync(real).mode & 0o222) === 0) return M.readOnly[lang];
    if (entry.root !== undefined && real !== entry.root && !real.startsWith(entry.root.endsWith(path.sep) ? entry.root : entry.root + path.sep)) return M.outsideTree[lang];
  } catch {
    return undefined; // the write itself reports the error
  }
  return undefined;
}

function analyzeText(text: string, options: CheckOptions, previous?: PreviousText): Analysis {
  const norm = normalizeEol(text);
  const { report, findings } = analyze(norm.text, { ...options, reuse: false, ...(previous ? { previous: previous.report } : {}) });
  return { text, norm, report, findings, ...(previous ? { previous } : {}) };
}

/** Last year's report as the cross-year findings' related locations need it: its file, text and report. */
interface PreviousText {
  readonly file: string;
  readonly text: string;
  readonly norm: NormalizedText;
  readonly report: Report;
  readonly index: LineIndex;
}

let previousCache: { readonly source: FileJob['previous']; readonly parsed: PreviousText } | undefined;

/** Whether the report in `text` and last year's name the same body (or either names none). */
function sameBody(report: Report, file: string, last: PreviousText): boolean {
  const a = reportIdentity(report, path.basename(file)).key;
  const b = reportIdentity(last.report, path.basename(last.file)).key;
  return a === undefined || b === undefined || a === b;
}

function previousOf(job: FileJob): PreviousText | undefined {
  const source = job.previous;
  if (!source) return undefined;
  if (previousCache?.source !== source) {
    const norm = normalizeEol(source.text);
    previousCache = { source, parsed: { file: source.file, text: source.text, norm, report: parseReport(norm.text).report, index: new LineIndex(source.text) } };
  }
  return previousCache.parsed;
}

/** Core edits (on normalized text) as edits on the file's own text. */
function toFileEdits(edits: readonly TextEdit[], norm: NormalizedText, eol: EolStyle): TextEdit[] {
  return edits.map((e) => ({
    span: { start: norm.toOriginal(e.span.start), end: norm.toOriginal(e.span.end) },
    newText: withEol(e.newText, eol),
  }));
}

export function toJsonCoverage(c: Coverage): JsonCoverage {
  return plainCoverage(c);
}

/** Where a finding is in a converted file's original: page, paragraph, table cell, and all that in words. */
function jsonSource(imported: ImportedText, report: Report, offset: number, lang: Lang): JsonFinding['source'] {
  const s = sourceAt(imported, offset);
  if (!s) return undefined;
  const { page, paragraph, table, row, column } = s;
  return {
    format: imported.format as 'html' | 'docx' | 'pdf',
    ...(page !== undefined ? { page } : {}),
    ...(paragraph !== undefined ? { paragraph } : {}),
    ...(table !== undefined ? { table } : {}),
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
    where: describeSource(s, lang, cellPlace(report, TEMPLATES, offset)),
  };
}

const TEMPLATES = builtinTemplates();

/** A span of the normalized text as a range and offsets in the file's own text (`index` is over that text). */
function locIn(norm: NormalizedText, index: LineIndex, span: { start: number; end: number }): { range: { start: Position; end: Position }; offset: { start: number; end: number } } {
  const start = norm.toOriginal(span.start);
  const end = norm.toOriginal(span.end);
  return { range: { start: index.position(start), end: index.position(end) }, offset: { start, end } };
}

function toJsonFindings(a: Analysis, lang: Lang, eol: EolStyle, quiet: boolean, imported?: ImportedText): JsonFinding[] {
  const index = new LineIndex(a.text);
  const loc = (span: { start: number; end: number }) => locIn(a.norm, index, span);
  const out: JsonFinding[] = [];
  for (const f of a.findings) {
    if (quiet && f.severity !== 'error') continue;
    out.push({
      rule: f.ruleId,
      severity: f.severity,
      message: localize(f.message, lang),
      ...loc(f.span),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      related: (f.related ?? []).filter((r) => !r.inPrevious || a.previous).map((r) => (r.inPrevious && a.previous
        ? { ...locIn(a.previous.norm, a.previous.index, r.span), file: a.previous.file, message: localize(r.message, lang) }
        : { ...loc(r.span), message: localize(r.message, lang) })),
      fixes: (f.fixes ?? []).map((fx) => ({
        title: localize(fx.title, lang),
        safe: fx.safe,
        edits: fx.edits.map((e) => ({ ...loc(e.span), newText: withEol(e.newText, eol) })),
      })),
      ...(f.suppressed ? { suppressed: true as const } : {}),
      ...(Array.isArray(f.data?.['folded']) ? { folded: (f.data['folded'] as unknown[]).map(String) } : {}),
      ...(imported ? { source: jsonSource(imported, a.report, f.span.start, lang) } : {}),
    });
  }
  return out;
}

export interface FileOutcome {
  readonly result: JsonFileResult;
  /** Could not be read, decoded or checked (counted as unreadable). */
  readonly unreadable: boolean;
  /** A fix could not be written. */
  readonly writeFailed: boolean;
  /** Not checked at all, and not an error (empty, too large, not a report): counted, so no clean verdict covers it. */
  readonly skipped?: true;
  /** A message for stderr (errors always; notes in human format only). */
  readonly stderr?: { readonly text: string; readonly isError: boolean };
}

function failed(entry: WalkEntry, reason: string, lang: Lang): FileOutcome {
  const text = M.cannotRead(entry.path, reason)[lang];
  return {
    result: { file: entry.path, encoding: null, template: null, findings: [], error: text },
    unreadable: true,
    writeFailed: false,
    stderr: { text, isError: true },
  };
}

function noted(entry: WalkEntry, encoding: EncodingName | null, note: string): FileOutcome {
  return {
    result: { file: entry.path, encoding, template: null, findings: [], note },
    unreadable: false,
    writeFailed: false,
    skipped: true,
    stderr: { text: `${entry.path}: ${note}`, isError: false },
  };
}

/** True when the file's size or modification time is no longer what it was when it was read. */
function changedSince(env: FileEnv, abs: string, stamp: string): boolean {
  try {
    const st = env.fs.statSync(abs);
    return `${st.size}:${st.mtimeMs}` !== stamp;
  } catch {
    return true;
  }
}

/** A file read and converted (`loaded`), or the outcome that says why it was not (`done`: unreadable or skipped). */
export type ReadOutcome =
  | { readonly kind: 'done'; readonly outcome: FileOutcome }
  | { readonly kind: 'loaded'; readonly bytes: Buffer; readonly stamp: string; readonly decoded: Extract<LoadedReport, { kind: 'text' | 'imported' }> };

/**
 * Reads one entry and makes it text, with the same decisions as the editor's workspace check (import/load.ts):
 * walk errors, non-regular and too large files, refused formats, empty files. Shared by `check` and `review`.
 */
export async function readEntry(entry: WalkEntry, env: FileEnv, lang: Lang): Promise<ReadOutcome> {
  if (entry.error) return { kind: 'done', outcome: failed(entry, errnoReason(entry.error, lang), lang) };

  let bytes: Buffer;
  let stamp = '';
  try {
    if (entry.abs === '') {
      bytes = env.readStdin(MAX_FILE_BYTES);
    } else {
      // A FIFO blocks and a device never ends: a file named on the command line must be a regular file.
      const st = env.fs.statSync(entry.abs);
      const refusal = statRefusal(st);
      if (refusal) return { kind: 'done', outcome: noted(entry, null, refusal[lang]) };
      stamp = `${st.size}:${st.mtimeMs}`;
      bytes = env.fs.readFileSync(entry.abs);
    }
  } catch (e) {
    return { kind: 'done', outcome: failed(entry, errnoReason(e as NodeJS.ErrnoException, lang), lang) };
  }

  const decoded = await loadReport(entry.path, bytes);
  if (decoded.kind === 'unreadable') return { kind: 'done', outcome: failed(entry, decoded.reason[lang], lang) };
  if (decoded.kind === 'skipped') return { kind: 'done', outcome: noted(entry, decoded.encoding, decoded.reason[lang]) };
  return { kind: 'loaded', bytes, stamp, decoded };
}

/**
 * One file named on the command line (`extract`, `draft --from`), read as a checked file is: a file that cannot be
 * read, or is skipped (empty, too large, not a regular file), is an error with the reason.
 */
export async function readNamedFile(file: string, fs: CliFs, cwd: string, lang: Lang): Promise<Exclude<LoadedReport, { kind: 'unreadable' | 'skipped' }> | { kind: 'error'; readonly error: string }> {
  const abs = path.resolve(cwd, file);
  let bytes: Buffer;
  try {
    const refusal = statRefusal(fs.statSync(abs));
    if (refusal) return { kind: 'error', error: M.cannotRead(file, refusal[lang])[lang] };
    bytes = fs.readFileSync(abs);
  } catch (e) {
    return { kind: 'error', error: M.cannotRead(file, errnoReason(e as NodeJS.ErrnoException, lang))[lang] };
  }
  const loaded = await loadReport(file, bytes);
  if (loaded.kind === 'unreadable' || loaded.kind === 'skipped') return { kind: 'error', error: M.cannotRead(file, loaded.reason[lang])[lang] };
  return loaded;
}

export async function checkFile(entry: WalkEntry, job: FileJob, env: FileEnv): Promise<FileOutcome> {
  const { lang } = job;
  const read = await readEntry(entry, env, lang);
  if (read.kind === 'done') return read.outcome;
  const { bytes, stamp, decoded } = read;
  const { encoding } = decoded;
  const imported = decoded.kind === 'imported' ? decoded.imported : undefined;

  try {
    const eol = dominantEol(decoded.text);
    const last = previousOf(job);
    const compared = analyzeText(decoded.text, job.options, last);
    // Last year's report of another body is no last year's report: not compared (and said so). The report is
    // parsed once; the cross-year findings against the wrong body are dropped.
    const previous = last && sameBody(compared.report, entry.path, last) ? last : undefined;
    const first: Analysis = last && !previous
      ? { text: compared.text, norm: compared.norm, report: compared.report, findings: compared.findings.filter((f) => !CROSS_YEAR_RULES.includes(f.ruleId)) }
      : compared;
    let final = first;
    let fixed = 0;
    // A converted file is not rewritten: the fixes are listed, to be made in the original.
    if (job.fix && !imported) {
      // The editor's fix-all: one safe fix per round on the normalized text, re-checked after each; its edits,
      // on the original text, are then written into the file's own line endings at once.
      const options = { ...job.options, reuse: false };
      const all = fixToFixpoint(first.norm.text, first.findings, (t) => analyze(t, options).findings, MAX_FIX_ROUNDS);
      if (all.applied > 0) {
        fixed = all.applied;
        final = analyzeText(applyEdits(first.text, toFileEdits(all.edits, first.norm, eol)), job.options, previous);
      }
    }

    let note: string | undefined;
    let diff: string | undefined;
    let writeFailed = false;
    let stderr: FileOutcome['stderr'];
    if (job.fix && imported) {
      note = M.notFixedConverted(imported.format)[lang];
      stderr = { text: `${entry.path}: ${note}`, isError: false };
    }
    if (final !== first) {
      const refused = job.dryRun ? undefined : refusal(env, entry, lang);
      if (encoding === null || !roundTrips(bytes, decoded.text, encoding)) {
        note = M.notFixedEncoding(encoding ?? '?')[lang];
        stderr = { text: `${entry.path}: ${note}`, isError: false };
        final = first;
        fixed = 0;
      } else if (job.dryRun) {
        const abs = path.isAbsolute(entry.path);
        diff = unifiedDiff(first.text, final.text, abs ? entry.path : `a/${entry.path}`, abs ? entry.path : `b/${entry.path}`);
      } else if (refused) {
        note = refused;
        stderr = { text: `${entry.path}: ${note}`, isError: false };
        final = first;
        fixed = 0;
      } else if (changedSince(env, entry.abs, stamp)) {
        note = M.changedMeanwhile[lang];
        stderr = { text: `${entry.path}: ${note}`, isError: true };
        writeFailed = true;
        final = first;
        fixed = 0;
      } else {
        try {
          // encodeText adds the BOM that the encoding name implies: the one the file had.
          writeFileAtomic(env.fs, entry.abs, encodeText(final.text, encoding));
        } catch (e) {
          note = M.cannotWrite(entry.path, errnoReason(e as NodeJS.ErrnoException, lang))[lang];
          stderr = { text: note, isError: true };
          writeFailed = true;
          final = first;
          fixed = 0;
        }
      }
    }

    // Text with neither a report title nor any statistics table is not a report: saying "no problems" about
    // a meeting memo would be a verdict on something never checked.
    const coverage = reportCoverage(final.report);
    const notAReport = note === undefined && isNotAReport(final.report, final.findings, coverage);
    if (notAReport) {
      note = M.notAReport[lang];
      stderr = { text: `${entry.path}: ${note}`, isError: false };
    }
    if (last && !previous && !notAReport) {
      note = note === undefined ? M.previousOtherBody(last.file)[lang] : `${note}${lang === 'zh' ? '；' : '; '}${M.previousOtherBody(last.file)[lang]}`;
      stderr ??= { text: `${entry.path}: ${M.previousOtherBody(last.file)[lang]}`, isError: false };
    }
    const result: JsonFileResult = {
      file: entry.path,
      encoding,
      ...(imported ? { format: imported.format as 'html' | 'docx' | 'pdf' } : {}),
      template: final.report.template ?? null,
      findings: toJsonFindings(final, lang, eol, job.quiet, imported),
      coverage: toJsonCoverage(coverage),
      ...(note !== undefined ? { note } : {}),
      ...(job.fix ? { fixed } : {}),
      ...(diff ? { diff } : {}),
    };
    return { result, unreadable: false, writeFailed, stderr, ...(notAReport ? { skipped: true as const } : {}) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const text = M.internal(entry.path, reason)[lang];
    return {
      result: { file: entry.path, encoding, template: null, findings: [], error: text },
      unreadable: true,
      writeFailed: false,
      stderr: { text, isError: true },
    };
  }
}
