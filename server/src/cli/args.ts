/** Parsing the command line. Pure: validation against the rule registry happens in `run`. */
import type { Lang } from './messages';

export type OutputFormat = 'human' | 'json' | 'sarif';
export type TemplateName = 'gov2014' | 'gov2019' | 'gov2021';
export type Level = 'error' | 'warning' | 'info' | 'hint' | 'off';

export const FORMATS: readonly OutputFormat[] = ['human', 'json', 'sarif'];
export const TEMPLATES: readonly TemplateName[] = ['gov2014', 'gov2019', 'gov2021'];
export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

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
}

export interface ExtractArgs {
  readonly command: 'extract';
  readonly path: string;
  readonly lang?: Lang;
}

export type ParsedArgs =
  | CheckArgs
  | ExtractArgs
  | { readonly command: 'help'; readonly lang?: Lang }
  | { readonly command: 'version' }
  | { readonly command: 'usage-error'; readonly message: { zh: string; en: string }; readonly lang?: Lang };

const VALUE_OPTIONS = new Set(['--format', '-f', '--lang', '--template', '--rule', '--jobs', '-j']);
const FLAG_OPTIONS = new Set(['--no-narrative', '--quiet', '-q', '--fix', '--dry-run', '--report-suppressed', '--help', '-h', '--version', '-V', '-v']);

function usage(zh: string, en: string, lang?: Lang): ParsedArgs {
  return { command: 'usage-error', message: { zh, en }, lang };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  let format: OutputFormat = 'human';
  let lang: Lang | undefined;
  let template: TemplateName | undefined;
  const rules: { id: string; level: Level }[] = [];
  let narrative = true;
  let quiet = false;
  let fix = false;
  let dryRun = false;
  let reportSuppressed = false;
  let jobs: number | undefined;
  let help = false;
  let version = false;
  let endOfOptions = false;

  // --lang is looked for first so that every usage error is in the language asked for.
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    const m = /^--lang(?:=(.*))?$/.exec(argv[i]);
    if (m) {
      const v = m[1] ?? argv[i + 1];
      if (v === 'zh' || v === 'en') lang = v;
    }
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (endOfOptions || arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (VALUE_OPTIONS.has(name)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) return usage(`选项 ${name} 需要一个值`, `option ${name} needs a value`, lang);
        value = argv[++i];
      }
      switch (name) {
        case '--format':
        case '-f':
          if (!(FORMATS as readonly string[]).includes(value)) {
            return usage(`未知的输出格式：${value}（可选 ${FORMATS.join('、')}）`, `unknown format: ${value} (one of ${FORMATS.join(', ')})`, lang);
          }
          format = value as OutputFormat;
          break;
        case '--lang':
          if (value !== 'zh' && value !== 'en') return usage(`未知的语言：${value}（可选 zh、en）`, `unknown language: ${value} (zh or en)`, lang);
          break;
        case '--template':
          if (!(TEMPLATES as readonly string[]).includes(value)) {
            return usage(`未知的模板：${value}（可选 ${TEMPLATES.join('、')}）`, `unknown template: ${value} (one of ${TEMPLATES.join(', ')})`, lang);
          }
          template = value as TemplateName;
          break;
        case '--jobs':
        case '-j':
          if (!/^[1-9]\d{0,2}$/.test(value)) return usage(`--jobs 需要一个正整数：${value}`, `--jobs takes a positive integer: ${value}`, lang);
          jobs = Number(value);
          break;
        case '--rule':
          for (const part of value.split(',')) {
            const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
            if (!m) return usage(`--rule 的格式应为 规则=级别：${part}`, `--rule takes id=level: ${part}`, lang);
            const level = m[2].toLowerCase();
            if (!(LEVELS as readonly string[]).includes(level)) {
              return usage(`未知的级别：${m[2]}（可选 ${LEVELS.join('、')}）`, `unknown level: ${m[2]} (one of ${LEVELS.join(', ')})`, lang);
            }
            rules.push({ id: m[1], level: level as Level });
          }
          break;
      }
      continue;
    }
    if (FLAG_OPTIONS.has(name)) {
      if (value !== undefined) return usage(`选项 ${name} 不接受值`, `option ${name} takes no value`, lang);
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
    return usage(`未知的选项：${arg}`, `unknown option: ${arg}`, lang);
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
  return { command: 'check', paths, format, lang, template, rules, narrative, quiet, fix, dryRun, ...(reportSuppressed ? { reportSuppressed } : {}), ...(jobs ? { jobs } : {}) };
}
