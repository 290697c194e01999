/**
 * `xxgk-report review` on the command line: its own options (output file, html/csv/json), with check's
 * --lang, --jobs, --template, --rule and --no-narrative. Pure; the parsed options are a zod-validated object.
 */
import { z } from 'zod';
import type { Lang } from '../messages';
import { LEVELS, SHARED_VALUE_OPTIONS, TEMPLATES, flagTakesNoValue, readSharedValue, tokenize, type SharedValues } from '../options';

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
  const tokens = tokenize(argv, VALUE);
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
      if (token.value !== undefined) {
        const e = flagTakesNoValue(name);
        return usage(e.zh, e.en, lang);
      }
      if (name === '--no-narrative') raw.narrative = false;
      else help = true;
      continue;
    }
    return usage(`review 不支持选项：${token.arg}`, `review does not take the option ${token.arg}`, lang);
  }
  if (help) return { command: 'help', lang };
  const paths = positional.slice(1); // the first is the command word `review`
  if (paths.length === 0) return usage('没有给出要审阅的文件或目录', 'no files or directories to review', lang);
  const parsed = ReviewArgsSchema.safeParse({ command: 'review', paths, ...(lang ? { lang } : {}), ...raw });
  if (!parsed.success) return usage(`参数无效：${parsed.error.message}`, `invalid arguments: ${parsed.error.message}`, lang);
  return parsed.data;
}
