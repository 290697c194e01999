/**
 * `xxgk-report`: the whole CLI as a function of its arguments and an injectable IO.
 * `main.ts` only wires it to the process.
 */
import {
  analyze,
  applyEdits,
  localize,
  ruleDocUrl,
  rules as ruleRegistry,
  safeFixEdits,
  type CheckOptions,
  type Finding,
  type Report,
  type SeveritySetting,
  type TextEdit,
} from '../../../shared/src/index';
import * as path from 'node:path';
import { parseArgs, type CheckArgs } from './args';
import { writeFileAtomic } from './atomicWrite';
import { unifiedDiff } from './diff';
import { decodeBytes, encodeText, roundTrips, type EncodingName } from './encoding';
import { humanFormatter, jsonFormatter, sarifFormatter, type Formatter } from './format';
import type { CliIo } from './io';
import type { JsonFileResult, JsonFinding, JsonSummary } from './jsonSchema';
import { M, defaultLang, errnoReason, helpText, type Lang } from './messages';
import { LineIndex, dominantEol, normalizeEol, withEol, type EolStyle, type NormalizedText } from './text';
import { VERSION } from './version';
import { collectFiles, type WalkEntry } from './walk';

export type { CliIo } from './io';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** `--fix` re-checks and fixes again until nothing safe is left, at most this many times. */
export const MAX_FIX_ROUNDS = 3;
/** Files larger than this are skipped (a report is tens of kilobytes). */
export const MAX_FILE_MIB = 32;
/** The progress line appears for more files than this, on a terminal, in human format. */
export const PROGRESS_MIN_FILES = 20;
const PROGRESS_INTERVAL_MS = 100;
const STDIN_NAME = '<stdin>';

// ---------------------------------------------------------------- progress

class Progress {
  private shown = false;
  private lastDraw = -Infinity;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private readonly lang: Lang,
    readonly enabled: boolean,
  ) {}

  tick(done: number): void {
    if (!this.enabled) return;
    const now = this.io.now();
    if (now - this.lastDraw < PROGRESS_INTERVAL_MS && done !== this.total) return;
    this.lastDraw = now;
    this.io.stderr(`\r\x1b[K${M.progress(done, this.total)[this.lang]}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[K');
    this.shown = false;
    this.lastDraw = -Infinity;
  }
}

// ---------------------------------------------------------------- checking one file

interface Analysis {
  /** The file's text (without BOM; original line endings). */
  readonly text: string;
  readonly norm: NormalizedText;
  readonly report: Report;
  readonly findings: readonly Finding[];
}

function analyzeText(text: string, options: CheckOptions): Analysis {
  const norm = normalizeEol(text);
  const { report, findings } = analyze(norm.text, options);
  return { text, norm, report, findings };
}

/** Core edits (on normalized text) as edits on the file's own text. */
function toFileEdits(edits: readonly TextEdit[], norm: NormalizedText, eol: EolStyle): TextEdit[] {
  return edits.map((e) => ({
    span: { start: norm.toOriginal(e.span.start), end: norm.toOriginal(e.span.end) },
    newText: withEol(e.newText, eol),
  }));
}

function toJsonFindings(a: Analysis, lang: Lang, eol: EolStyle, quiet: boolean): JsonFinding[] {
  const index = new LineIndex(a.text);
  const loc = (span: { start: number; end: number }) => {
    const start = a.norm.toOriginal(span.start);
    const end = a.norm.toOriginal(span.end);
    return { range: { start: index.position(start), end: index.position(end) }, offset: { start, end } };
  };
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
      related: (f.related ?? []).map((r) => ({ ...loc(r.span), message: localize(r.message, lang) })),
      fixes: (f.fixes ?? []).map((fx) => ({
        title: localize(fx.title, lang),
        safe: fx.safe,
        edits: fx.edits.map((e) => ({ ...loc(e.span), newText: withEol(e.newText, eol) })),
      })),
    });
  }
  return out;
}

interface FileOutcome {
  readonly result: JsonFileResult;
  /** Could not be read, decoded or checked (counted as unreadable). */
  readonly unreadable: boolean;
  /** A fix could not be written. */
  readonly writeFailed: boolean;
  /** A message for stderr (errors always; notes in human format only). */
  readonly stderr?: { readonly text: string; readonly isError: boolean };
}

interface Ctx {
  readonly io: CliIo;
  readonly args: CheckArgs;
  readonly lang: Lang;
  readonly options: CheckOptions;
}

function failed(entry: WalkEntry, reason: string, ctx: Ctx): FileOutcome {
  const text = M.cannotRead(entry.path, reason)[ctx.lang];
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
    stderr: { text: `${entry.path}: ${note}`, isError: false },
  };
}

function checkFile(entry: WalkEntry, ctx: Ctx): FileOutcome {
  const { io, args, lang } = ctx;
  if (entry.error) return failed(entry, errnoReason(entry.error, lang), ctx);

  let bytes: Buffer;
  try {
    if (entry.abs === '') bytes = io.readStdin();
    else {
      const size = io.fs.statSync(entry.abs).size;
      if (size > MAX_FILE_MIB * 1024 * 1024) return noted(entry, null, M.tooLarge(MAX_FILE_MIB)[lang]);
      bytes = io.fs.readFileSync(entry.abs);
    }
  } catch (e) {
    return failed(entry, errnoReason(e as NodeJS.ErrnoException, lang), ctx);
  }

  const decoded = decodeBytes(bytes);
  if (decoded.kind === 'binary') return noted(entry, null, M.binary[lang]);
  if (decoded.kind === 'undecodable') return failed(entry, M.undecodable[lang], ctx);
  const { encoding } = decoded;
  if (decoded.text.trim() === '') return noted(entry, encoding, M.empty[lang]);

  try {
    const eol = dominantEol(decoded.text);
    const first = analyzeText(decoded.text, ctx.options);
    let final = first;
    let fixed = 0;
    for (let round = 0; args.fix && round < MAX_FIX_ROUNDS; round++) {
      const edits = safeFixEdits(final.findings);
      if (edits.length === 0) break;
      const next = applyEdits(final.text, toFileEdits(edits, final.norm, eol));
      if (next === final.text) break;
      fixed += edits.length;
      final = analyzeText(next, ctx.options);
    }

    let note: string | undefined;
    let diff: string | undefined;
    let writeFailed = false;
    let stderr: FileOutcome['stderr'];
    if (final !== first) {
      if (!roundTrips(bytes, decoded.text, encoding)) {
        note = M.notFixedEncoding(encoding)[lang];
        stderr = { text: `${entry.path}: ${note}`, isError: false };
        final = first;
        fixed = 0;
      } else if (args.dryRun) {
        const abs = path.isAbsolute(entry.path);
        diff = unifiedDiff(first.text, final.text, abs ? entry.path : `a/${entry.path}`, abs ? entry.path : `b/${entry.path}`);
      } else {
        try {
          // encodeText adds the BOM that the encoding name implies: the one the file had.
          writeFileAtomic(io.fs, entry.abs, encodeText(final.text, encoding));
        } catch (e) {
          note = M.cannotWrite(entry.path, errnoReason(e as NodeJS.ErrnoException, lang))[lang];
          stderr = { text: note, isError: true };
          writeFailed = true;
          final = first;
          fixed = 0;
        }
      }
    }

    const result: JsonFileResult = {
      file: entry.path,
      encoding,
      template: final.report.template ?? null,
      findings: toJsonFindings(final, lang, eol, args.quiet),
      ...(note !== undefined ? { note } : {}),
      ...(args.fix ? { fixed } : {}),
      ...(diff ? { diff } : {}),
    };
    return { result, unreadable: false, writeFailed, stderr };
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

// ---------------------------------------------------------------- run

function ruleIds(): Set<string> {
  return new Set(ruleRegistry.map((r) => r.id));
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
  const args = parsed;
  const lang = args.lang ?? envLang;
  const usageError = (zh: string, en: string) => {
    io.stderr(`xxgk-report: ${lang === 'zh' ? zh : en}\n${M.usageHint[lang]}\n`);
    return EXIT_TROUBLE;
  };

  const known = ruleIds();
  const ruleSettings: Record<string, SeveritySetting> = {};
  for (const { id, level } of args.rules) {
    if (!known.has(id)) {
      return usageError(`未知的规则：${id}（可选 ${[...known].sort().join('、')}）`, `unknown rule: ${id} (one of ${[...known].sort().join(', ')})`);
    }
    ruleSettings[id] = level;
  }
  const usesStdin = args.paths.includes('-');
  if (usesStdin && args.fix) return usageError(M.stdinNoFix.zh, M.stdinNoFix.en);

  const options: CheckOptions = {
    ...(args.template ? { template: args.template } : {}),
    ...(args.rules.length ? { rules: ruleSettings } : {}),
    narrative: args.narrative,
  };
  const ctx: Ctx = { io, args, lang, options };

  const entries: WalkEntry[] = [
    ...(usesStdin ? [{ path: STDIN_NAME, abs: '' }] : []),
    ...collectFiles(
      args.paths.filter((p) => p !== '-'),
      io.fs,
      io.cwd,
    ),
  ];

  const human = args.format === 'human';
  const progress = new Progress(io, entries.length, lang, human && io.stderrIsTTY && entries.length > PROGRESS_MIN_FILES);
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
      rules: [...ruleRegistry]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((r) => ({
          id: r.id,
          shortDescription: localize(r.title, lang),
          fullDescription: localize(r.description, lang),
          level: r.defaultSeverity,
          helpUri: ruleDocUrl(r.id),
        })),
    });
  } else formatter = humanFormatter({ write: out, colour, lang, dryRun: args.dryRun });

  const summary: JsonSummary = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, unreadable: 0, fixed: 0 };
  let writeFailed = false;
  progress.tick(0);
  for (let i = 0; i < entries.length; i++) {
    const outcome = checkFile(entries[i], ctx);
    summary.files++;
    if (outcome.unreadable) summary.unreadable++;
    if (outcome.writeFailed) writeFailed = true;
    summary.fixed += outcome.result.fixed ?? 0;
    for (const f of outcome.result.findings) {
      if (f.severity === 'error') summary.errors++;
      else if (f.severity === 'warning') summary.warnings++;
      else if (f.severity === 'info') summary.infos++;
      else summary.hints++;
    }
    if (outcome.stderr && (outcome.stderr.isError || human)) {
      err(`xxgk-report: ${outcome.stderr.text}\n`);
    }
    formatter.file(outcome.result);
    progress.tick(i + 1);
  }
  progress.clear();
  formatter.end(summary);

  if (summary.unreadable > 0 || writeFailed) return EXIT_TROUBLE;
  return summary.errors + summary.warnings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
