/**
 * `xxgk-report draft --from <last year's report> [--year <year>] [--out <file.md>] [--force]`: this year's draft
 * from last year's report (`nextYearDraft` in the core), written to standard output or to a new file. Last year's
 * report is read as `check` reads it (text, Markdown, web page, Word, PDF); a file that cannot be read, an unknown
 * year and an existing output file are refused with exit 2.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { nextYearDraft, parseReport, toMarkdownDraft, type NextDraftSummary, type Report } from '../../../shared/src/index';
import { visible } from './format';
import type { CliIo } from './io';
import { M, errnoReason, type Lang } from './messages';
import { flagTakesNoValue, langOption, readSharedValue, tokenize } from './options';
import { readNamedFile } from './checkFile';

/** The years a draft can be made for. */
export const DRAFT_YEARS = { min: 2008, max: 2100 } as const;

export const DraftArgsSchema = z.strictObject({
  command: z.literal('draft'),
  from: z.string().min(1),
  year: z.number().int().min(DRAFT_YEARS.min).max(DRAFT_YEARS.max).optional(),
  out: z.string().min(1).optional(),
  force: z.boolean(),
  lang: z.enum(['zh', 'en']).optional(),
});
export type DraftArgs = z.infer<typeof DraftArgsSchema>;

type Usage = { readonly command: 'usage-error'; readonly message: { zh: string; en: string }; readonly lang?: Lang };
export type DraftParse = DraftArgs | { readonly command: 'help'; readonly lang?: Lang } | Usage;

const VALUE = new Set(['--from', '--year', '--out', '-o', '--lang']);
const FLAGS = new Set(['--force', '--help', '-h']);

/** Options that take a value, for finding the command word before parsing (`--year 2024 draft …`). */
export const DRAFT_VALUE_OPTIONS: ReadonlySet<string> = VALUE;

function usage(zh: string, en: string, lang?: Lang): Usage {
  return { command: 'usage-error', message: { zh, en }, lang };
}

/** `argv` holds the word `draft` among its positionals. */
export function parseDraftArgs(argv: readonly string[], lang: Lang | undefined = langOption(argv)): DraftParse {
  const positional: string[] = [];
  let from: string | undefined;
  let year: number | undefined;
  let out: string | undefined;
  let force = false;
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
      if (name === '--from') from = value;
      else if (name === '--out' || name === '-o') out = value;
      else if (name === '--lang') {
        const error = readSharedValue(name, value, { rules: [] });
        if (error) return usage(error.zh, error.en, lang);
      } else {
        const y = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
        if (!(y >= DRAFT_YEARS.min && y <= DRAFT_YEARS.max)) {
          return usage(`--year 需要一个 ${DRAFT_YEARS.min}—${DRAFT_YEARS.max} 之间的四位年份：${value}`, `--year takes a four-digit year from ${DRAFT_YEARS.min} to ${DRAFT_YEARS.max}: ${value}`, lang);
        }
        year = y;
      }
      continue;
    }
    if (FLAGS.has(name)) {
      if (token.value !== undefined) {
        const e = flagTakesNoValue(name);
        return usage(e.zh, e.en, lang);
      }
      if (name === '--force') force = true;
      else help = true;
      continue;
    }
    return usage(`未知的选项：${token.arg}`, `unknown option: ${token.arg}`, lang);
  }
  if (help) return { command: 'help', lang };
  const extra = positional.slice(1);
  if (extra.length > 0) return usage(`draft 不接受其他参数：${extra.join(' ')}（上年报告用 --from 给出）`, `draft takes no other arguments: ${extra.join(' ')} (give last year's report with --from)`, lang);
  if (!from) return usage('draft 需要 --from <上年报告>', "draft needs --from <last year's report>", lang);
  return DraftArgsSchema.parse({ command: 'draft', from, force, ...(year !== undefined ? { year } : {}), ...(out ? { out } : {}), ...(lang ? { lang } : {}) });
}

/** Last year's report, read as `check` reads it (a converted file as its Markdown draft), or why not. */
async function readLastYear(file: string, io: CliIo, lang: Lang): Promise<{ report: Report } | { error: string }> {
  const loaded = await readNamedFile(file, io.fs, io.cwd, lang);
  if (loaded.kind === 'error') return { error: loaded.error };
  const text = loaded.kind === 'imported' ? toMarkdownDraft(loaded.imported) : loaded.text;
  const { report } = parseReport(text);
  if (!report.title && report.tables.length === 0) return { error: DM.notAReport(file)[lang] };
  return { report };
}

const DM = {
  notAReport: (file: string) => ({
    zh: `${file} 不像政府信息公开工作年度报告（没有报告标题，也没有统计表），无法据此生成草稿`,
    en: `${file} does not look like an annual disclosure report (no report title, no statistics table): no draft made from it`,
  }),
  noYear: (file: string) => ({
    zh: `无法确定 ${file} 的报告年度（标题和统计期限中都没有年份），请用 --year 指定本年年度`,
    en: `cannot tell the year of ${file} (neither its title nor its period names one): give this year's with --year`,
  }),
  notAfter: (year: number, last: number) => ({
    zh: `--year ${year} 不在上年报告的年度 ${last} 之后`,
    en: `--year ${year} is not after the year of last year's report (${last})`,
  }),
  exists: (file: string) => ({ zh: `${file} 已存在；要覆盖请加 --force`, en: `${file} exists; add --force to overwrite it` }),
  sameFile: { zh: '--out 不能是上年报告本身', en: "--out cannot be last year's report itself" },
} as const;

/** One line on what the draft holds, for standard error (and the editor's message). */
export function draftSummaryLine(s: NextDraftSummary, lang: Lang): string {
  const carried = s.carried.length;
  if (lang === 'en') {
    const carry = s.carryOver === 'filled' ? `${carried} carried-over cells from the ${s.fromYear ?? 'previous'} report` : s.carryOver === 'old-format' ? 'carry-over row left empty (last year had the old statistics table)' : s.carryOver === 'not-read' ? "carry-over row left empty (last year's was not read)" : 'no carry-over row';
    return `draft of the ${s.year} report (${s.template} tables): ${carry}; ${s.markedSentences} sentences marked 〔上年原文〕, ${s.markedFigures} of last year's figures in 〔〕`;
  }
  const carry = s.carryOver === 'filled' ? `上年结转 ${carried} 格取自${s.fromYear ?? '上年'}年度报告` : s.carryOver === 'old-format' ? '上年结转一行留空（上年报告为旧版统计表）' : s.carryOver === 'not-read' ? '上年结转一行留空（未能读取上年的结转下年度继续办理）' : '无上年结转一行';
  return `已生成 ${s.year} 年度报告草稿（${s.template} 格式表格）：${carry}；${s.markedSentences} 句标为〔上年原文〕，${s.markedFigures} 个上年数字加了〔〕`;
}

export async function draft(args: DraftArgs, io: CliIo, envLang: Lang): Promise<number> {
  const lang = args.lang ?? envLang;
  const fail = (msg: string) => {
    io.stderr(`xxgk-report: ${visible(msg)}\n`);
    return 2;
  };
  const last = await readLastYear(args.from, io, lang);
  if ('error' in last) return fail(last.error);
  const lastYear = last.report.year;
  const year = args.year ?? (lastYear !== undefined ? lastYear + 1 : undefined);
  if (year === undefined) return fail(DM.noYear(args.from)[lang]);
  if (lastYear !== undefined && year <= lastYear) return fail(DM.notAfter(year, lastYear)[lang]);
  const result = nextYearDraft(last.report, { year, locale: lang });
  const bytes = Buffer.from(result.markdown, 'utf8');
  if (args.out) {
    const target = path.resolve(io.cwd, args.out);
    if (target === path.resolve(io.cwd, args.from)) return fail(DM.sameFile[lang]);
    try {
      // `wx`: created only if absent, so a file that appears meanwhile is not overwritten either.
      io.fs.writeFileSync(target, bytes, { mode: 0o644, flag: args.force ? 'w' : 'wx' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return fail(err.code === 'EEXIST' ? DM.exists(args.out)[lang] : M.cannotWrite(args.out, errnoReason(err, lang))[lang]);
    }
    io.stderr(`xxgk-report: ${draftSummaryLine(result.summary, lang)} → ${args.out}\n`);
  } else {
    io.stdout(result.markdown);
    io.stderr(`xxgk-report: ${draftSummaryLine(result.summary, lang)}\n`);
  }
  return 0;
}
