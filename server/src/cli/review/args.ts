/**
 * `xxgk-report review` on the command line: its own options (output file, html/csv/json), with check's
 * --lang, --jobs, --template, --rule and --no-narrative. Pure; the parsed options are a zod-validated object.
 */
import { z } from 'zod';
import type { Lang } from '../messages';
import { LEVELS, SHARED_VALUE_OPTIONS, TEMPLATES, readSharedValue, type SharedValues } from '../options';

export const REVIEW_FORMATS = ['html', 'csv', 'json'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export const ReviewArgsSchema = z.strictObject({
  command: z.literal('review'),
  paths: z.array(z.string()).min(1),
  format: z.enum(REVIEW_FORMATS),
  /** Where to write the page (or CSV/JSON); standard output when absent. */
  out: z.string().min(1).optional(),
  lang: z.enum(['zh', 'en']).optional(),
  template: z.enum(TEMPLATES as unknown as ['gov2014', 'gov2019', 'gov2021']).optional(),
  rules: z.array(z.strictObject({ id: z.string(), level: z.enum(LEVELS as unknown as ['error', 'warning', 'info', 'hint', 'off']) })),
  narrative: z.boolean(),
  jobs: z.number().int().min(1).max(999).optional(),
});
export type ReviewArgs = z.infer<typeof ReviewArgsSchema>;

type Usage = { readonly command: 'usage-error'; readonly message: { zh: string; en: string }; readonly lang?: Lang };
export type ReviewParse = ReviewArgs | { readonly command: 'help'; readonly lang?: Lang } | Usage;

const VALUE = new Set(['--out', '-o', '--format', '-f', ...SHARED_VALUE_OPTIONS]);
const FLAGS = new Set(['--no-narrative', '--help', '-h']);

/** Options that take a value, for finding the command word before parsing (`--lang en review …`). */
export const REVIEW_VALUE_OPTIONS: ReadonlySet<string> = VALUE;

function usage(zh: string, en: string, lang?: Lang): Usage {
  return { command: 'usage-error', message: { zh, en }, lang };
}

/** `argv` holds the word `review` among its positionals; `lang` was found beforehand (every error in it). */
export function parseReviewArgs(argv: readonly string[], lang: Lang | undefined): ReviewParse {
  const positional: string[] = [];
  const raw: SharedValues & { format: ReviewFormat; out?: string; narrative: boolean } = { format: 'html', narrative: true, rules: [] };
  let help = false;
  let endOfOptions = false;
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
    if (VALUE.has(name)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) return usage(`选项 ${name} 需要一个值`, `option ${name} needs a value`, lang);
        value = argv[++i];
      }
      switch (name) {
        case '--out':
        case '-o':
          if (value === '') return usage('--out 需要一个文件名', '--out needs a file name', lang);
          raw.out = value;
          break;
        case '--format':
        case '-f':
          if (!(REVIEW_FORMATS as readonly string[]).includes(value)) {
            return usage(`review 的输出格式应为 ${REVIEW_FORMATS.join('、')}：${value}`, `review formats are ${REVIEW_FORMATS.join(', ')}: ${value}`, lang);
          }
          raw.format = value as ReviewFormat;
          break;
        default: {
          const error = readSharedValue(name, value, raw);
          if (error) return usage(error.zh, error.en, lang);
        }
      }
      continue;
    }
    if (FLAGS.has(name)) {
      if (value !== undefined) return usage(`选项 ${name} 不接受值`, `option ${name} takes no value`, lang);
      if (name === '--no-narrative') raw.narrative = false;
      else help = true;
      continue;
    }
    return usage(`review 不支持选项：${arg}`, `review does not take the option ${arg}`, lang);
  }
  if (help) return { command: 'help', lang };
  const paths = positional.slice(1); // the first is the command word `review`
  if (paths.length === 0) return usage('没有给出要审阅的文件或目录', 'no files or directories to review', lang);
  const parsed = ReviewArgsSchema.safeParse({ command: 'review', paths, ...(lang ? { lang } : {}), ...raw });
  if (!parsed.success) return usage(`参数无效：${parsed.error.message}`, `invalid arguments: ${parsed.error.message}`, lang);
  return parsed.data;
}
