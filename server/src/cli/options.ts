/**
 * What the commands' parsers share: splitting the command line into words and options, the option values `check`
 * and `review` share (their names, and how --lang, --template, --jobs and --rule are read).
 */
import type { Lang } from './messages';

export type TemplateName = 'gov2014' | 'gov2019' | 'gov2021';
export type Level = 'error' | 'warning' | 'info' | 'hint' | 'off';

export const TEMPLATES: readonly TemplateName[] = ['gov2014', 'gov2019', 'gov2021'];
export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

export type UsageMessage = { readonly zh: string; readonly en: string };

/** What the shared options set. */
export interface SharedValues {
  template?: TemplateName;
  jobs?: number;
  /** In command-line order; a later setting for the same rule wins. */
  readonly rules: { id: string; level: Level }[];
}

export const SHARED_VALUE_OPTIONS: readonly string[] = ['--lang', '--template', '--rule', '--jobs', '-j'];

/**
 * Reads the value of a shared option into `into`; returns the usage error, if any. `--lang` is only validated
 * here (the parsers look for it first, so that every error is in the language asked for).
 */
export function readSharedValue(name: string, value: string, into: SharedValues): UsageMessage | undefined {
  switch (name) {
    case '--lang':
      if (value !== 'zh' && value !== 'en') return { zh: `未知的语言：${value}（可选 zh、en）`, en: `unknown language: ${value} (zh or en)` };
      return undefined;
    case '--template':
      if (!(TEMPLATES as readonly string[]).includes(value)) {
        return { zh: `未知的模板：${value}（可选 ${TEMPLATES.join('、')}）`, en: `unknown template: ${value} (one of ${TEMPLATES.join(', ')})` };
      }
      into.template = value as TemplateName;
      return undefined;
    case '--jobs':
    case '-j':
      if (!/^[1-9]\d{0,2}$/.test(value)) return { zh: `--jobs 需要一个正整数：${value}`, en: `--jobs takes a positive integer: ${value}` };
      into.jobs = Number(value);
      return undefined;
    case '--rule':
      for (const part of value.split(',')) {
        const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
        if (!m) return { zh: `--rule 的格式应为 规则=级别：${part}`, en: `--rule takes id=level: ${part}` };
        const level = m[2].toLowerCase();
        if (!(LEVELS as readonly string[]).includes(level)) {
          return { zh: `未知的级别：${m[2]}（可选 ${LEVELS.join('、')}）`, en: `unknown level: ${m[2]} (one of ${LEVELS.join(', ')})` };
        }
        into.rules.push({ id: m[1], level: level as Level });
      }
      return undefined;
  }
  return undefined;
}

/** The language asked for with --lang (looked for before anything else), if a valid one. */
export function langOption(argv: readonly string[]): Lang | undefined {
  let lang: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    const m = /^--lang(?:=(.*))?$/.exec(argv[i]);
    if (m) {
      const v = m[1] ?? argv[i + 1];
      if (v === 'zh' || v === 'en') lang = v;
    }
  }
  return lang;
}

/** The first word that is not an option or an option's value: the command. */
export function commandWord(argv: readonly string[], valueOptions: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return argv[i + 1];
    if (a === '-' || !a.startsWith('-')) return a;
    if (valueOptions.has(a)) i++;
  }
  return undefined;
}

/** A word of the command line: a positional word, an option with its value, or an option without one. */
export type ArgToken =
  | { readonly kind: 'word'; readonly value: string }
  | { readonly kind: 'value'; readonly name: string; readonly value: string }
  /** Any other option; `value` is set when it was written `--name=value` (which a flag refuses), `arg` as written. */
  | { readonly kind: 'option'; readonly name: string; readonly value?: string; readonly arg: string };

/**
 * Splits `argv` into words and options: `-` and anything after `--` are words; `--name=value` and `--name value`
 * give the value of an option in `valueOptions`. The usage error when such an option has no value.
 */
export function tokenize(argv: readonly string[], valueOptions: ReadonlySet<string>): ArgToken[] | UsageMessage {
  const out: ArgToken[] = [];
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (endOfOptions || arg === '-' || !arg.startsWith('-')) {
      out.push({ kind: 'word', value: arg });
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (valueOptions.has(name)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) return { zh: `选项 ${name} 需要一个值`, en: `option ${name} needs a value` };
        value = argv[++i];
      }
      out.push({ kind: 'value', name, value });
    } else out.push({ kind: 'option', name, arg, ...(value !== undefined ? { value } : {}) });
  }
  return out;
}

/** The usage error for a flag written with a value (`--force=yes`). */
export function flagTakesNoValue(name: string): UsageMessage {
  return { zh: `选项 ${name} 不接受值`, en: `option ${name} takes no value` };
}
