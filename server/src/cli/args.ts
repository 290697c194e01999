/** Parsing the command line. Pure: validation against the rule registry happens in `run`. */
import type { Lang } from './messages';
import { commandWord, flagTakesNoValue, langOption, readSharedValue, tokenize, type Level, type TemplateName } from './options';
import { parseReviewArgs, REVIEW_VALUE_OPTIONS, type ReviewArgs } from './review/args';
import { parseDraftArgs, DRAFT_VALUE_OPTIONS, type DraftArgs } from './draft';

export type OutputFormat = 'human' | 'json' | 'sarif';
export { LEVELS, TEMPLATES, type Level, type TemplateName } from './options';

export const FORMATS: readonly OutputFormat[] = ['human', 'json', 'sarif'];

export interface CheckArgs {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly lang?: Lang;
  readonly template?: TemplateName;
  /** In command-line order; a later setting for the same rule wins. */
  readonly rules: readonly { readonly id: string; readonly level: Level }[];
  readonly narrative: boolean;
  readonly quiet: boolean;
  readonly fix: boolean;
  readonly dryRun: boolean;
  /** List the findings that directives in the reports silence (marked, not counted). */
  readonly reportSuppressed?: boolean;
  /** Worker threads; undefined: as many as CPUs (capped). */
  readonly jobs?: number;
  /** Last year's report of the same body: the cross-year rules compare every checked report with it. */
  readonly previous?: string;
}

export interface ExtractArgs {
  readonly command: 'extract';
  readonly path: string;
  readonly lang?: Lang;
}

export type ParsedArgs =
  | CheckArgs
  | ExtractArgs
  | ReviewArgs
  | DraftArgs
  | { readonly command: 'help'; readonly lang?: Lang }
  | { readonly command: 'version' }
  | { readonly command: 'usage-error'; readonly message: { zh: string; en: string }; readonly lang?: Lang };

const VALUE_OPTIONS = new Set(['--format', '-f', '--lang', '--template', '--rule', '--jobs', '-j', '--previous']);
const FLAG_OPTIONS = new Set(['--no-narrative', '--quiet', '-q', '--fix', '--dry-run', '--report-suppressed', '--help', '-h', '--version', '-V', '-v']);

function usage(zh: string, en: string, lang?: Lang): ParsedArgs {
  return { command: 'usage-error', message: { zh, en }, lang };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  let format: OutputFormat = 'human';
  let template: TemplateName | undefined;
  const rules: { id: string; level: Level }[] = [];
  let narrative = true;
  let quiet = false;
  let fix = false;
  let dryRun = false;
  let reportSuppressed = false;
  let jobs: number | undefined;
  let previous: string | undefined;
  let help = false;
  let version = false;

  // --lang is looked for first so that every usage error is in the language asked for.
  const lang: Lang | undefined = langOption(argv);
  // `review` has options of its own (--out, html/csv/json).
  if (commandWord(argv, new Set([...VALUE_OPTIONS, ...REVIEW_VALUE_OPTIONS])) === 'review') return parseReviewArgs(argv, lang);
  // `draft` too (--from, --year, --out, --force).
  if (commandWord(argv, new Set([...VALUE_OPTIONS, ...DRAFT_VALUE_OPTIONS])) === 'draft') return parseDraftArgs(argv, lang);

  const tokens = tokenize(argv, VALUE_OPTIONS);
  if (!Array.isArray(tokens)) return usage(tokens.zh, tokens.en, lang);
  for (const token of tokens) {
    if (token.kind === 'word') {
      positional.push(token.value);
      continue;
    }
    const { name } = token;
    if (token.kind === 'value') {
      const { value } = token;
      switch (name) {
        case '--format':
        case '-f':
          if (!(FORMATS as readonly string[]).includes(value)) {
            return usage(`未知的输出格式：${value}（可选 ${FORMATS.join('、')}）`, `unknown format: ${value} (one of ${FORMATS.join(', ')})`, lang);
          }
          format = value as OutputFormat;
          break;
        case '--previous':
          if (value === '' || value === '-') return usage('--previous 需要上年报告的文件名', '--previous needs the file of last year\'s report', lang);
          previous = value;
          break;
        default: {
          // --lang, --template, --jobs, --rule: read as review reads them.
          const shared = { rules, template, jobs };
          const error = readSharedValue(name, value, shared);
          if (error) return usage(error.zh, error.en, lang);
          template = shared.template;
          jobs = shared.jobs;
        }
      }
      continue;
    }
    if (FLAG_OPTIONS.has(name)) {
      if (token.value !== undefined) {
        const e = flagTakesNoValue(name);
        return usage(e.zh, e.en, lang);
      }
      switch (name) {
        case '--no-narrative':
          narrative = false;
          break;
        case '--quiet':
        case '-q':
          quiet = true;
          break;
        case '--fix':
          fix = true;
          break;
        case '--dry-run':
          dryRun = true;
          break;
        case '--report-suppressed':
          reportSuppressed = true;
          break;
        case '--help':
        case '-h':
          help = true;
          break;
        default:
          version = true;
      }
      continue;
    }
    return usage(`未知的选项：${token.arg}`, `unknown option: ${token.arg}`, lang);
  }

  if (help) return { command: 'help', lang };
  if (version) return { command: 'version' };
  if (positional.length === 0) return usage('缺少命令', 'missing command', lang);
  const [command, ...paths] = positional;
  if (command === 'help') return { command: 'help', lang };
  if (command === 'extract') {
    if (paths.length !== 1) return usage('extract 需要且只需要一个文件', 'extract takes exactly one file', lang);
    return { command: 'extract', path: paths[0], lang };
  }
  if (command !== 'check') return usage(`未知的命令：${command}`, `unknown command: ${command}`, lang);
  if (paths.length === 0) return usage('没有给出要检查的文件或目录', 'no files or directories to check', lang);
  if (dryRun && !fix) return usage('--dry-run 只能与 --fix 一起使用', '--dry-run only goes with --fix', lang);
  return { command: 'check', paths, format, lang, template, rules, narrative, quiet, fix, dryRun, ...(reportSuppressed ? { reportSuppressed } : {}), ...(jobs ? { jobs } : {}), ...(previous ? { previous } : {}) };
}
