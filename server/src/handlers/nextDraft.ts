/**
 * `xxgk-report/nextDraft` {uri, year?} → this year's draft (Markdown) from last year's report at `uri`: an open
 * document as it stands in the editor (unsaved edits included), else the file on disk read as the CLI reads it
 * (text, Markdown, web page, Word, PDF). Without `year`, last year's report year + 1. What `xxgk-report draft`
 * writes, byte for byte.
 */
import { fileURLToPath } from 'node:url';
import { RequestType } from 'vscode-languageserver/node';
import { z } from 'zod';
import { nextYearDraft, parseReport, toMarkdownDraft, type NextDraftSummary, type Report } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { DRAFT_YEARS, draftSummaryLine } from '../cli/draft';
import { readReportFile } from '../import/load';
import { originalUri } from '../import/virtual';

export const NextDraftParams = z.object({
  /** Last year's report: an open document, a `file:` URI, or a converted document (`xxgk-report-extract:`). */
  uri: z.string().min(1),
  year: z.number().int().min(DRAFT_YEARS.min).max(DRAFT_YEARS.max).optional(),
});
export type NextDraftParams = z.infer<typeof NextDraftParams>;

export type NextDraftResult =
  | {
      readonly markdown: string;
      readonly year: number;
      /** Last year's report year, when it states one. */
      readonly fromYear?: number;
      readonly summary: NextDraftSummary;
      /** One line on what the draft holds, in the UI language. */
      readonly message: string;
    }
  | {
      readonly error: string;
      /** Set when the year was the trouble (none could be told, or not after last year's): ask for one. */
      readonly needYear?: true;
      readonly fromYear?: number;
    };

export const NextDraftRequest = new RequestType<NextDraftParams, NextDraftResult, void>('xxgk-report/nextDraft');

type Lang = 'zh' | 'en';

async function lastYearReport(ctx: ServerContext, uri: string, lang: Lang): Promise<Report | { error: string }> {
  const open = ctx.documents.get(uri);
  if (open) return ctx.reportOf(open);
  const file = originalUri(uri) ?? uri;
  if (!file.startsWith('file:')) return { error: lang === 'zh' ? '只能读取本地文件' : 'only local files can be read' };
  const path = fileURLToPath(file);
  const loaded = await readReportFile(path);
  if (loaded.kind === 'unreadable' || loaded.kind === 'skipped') return { error: loaded.reason[lang] };
  return parseReport(loaded.kind === 'imported' ? toMarkdownDraft(loaded.imported) : loaded.text).report;
}

export function registerNextDraft(ctx: ServerContext): void {
  ctx.connection.onRequest(NextDraftRequest, ctx.guard('xxgk-report/nextDraft', { error: 'internal error' } as NextDraftResult, async (raw: unknown) => {
    const parsed = NextDraftParams.safeParse(raw);
    const lang: Lang = ctx.settings.localeOf(await ctx.settings.get(parsed.success ? parsed.data.uri : ''));
    if (!parsed.success) return { error: lang === 'zh' ? '请求参数无效' : 'invalid request parameters' };
    const last = await lastYearReport(ctx, parsed.data.uri, lang);
    if ('error' in last) return last;
    if (!last.title && last.tables.length === 0) {
      return { error: lang === 'zh' ? '这不像政府信息公开工作年度报告（没有报告标题，也没有统计表），无法据此生成草稿' : 'this does not look like an annual disclosure report (no title, no statistics table): no draft made from it' };
    }
    const fromYear = last.year;
    const year = parsed.data.year ?? (fromYear !== undefined ? fromYear + 1 : undefined);
    const from = fromYear !== undefined ? { fromYear } : {};
    if (year === undefined) return { error: lang === 'zh' ? '无法确定上年报告的年度，请输入本年年度' : "cannot tell the year of last year's report: give this year's", needYear: true };
    if (fromYear !== undefined && year <= fromYear) {
      return { error: lang === 'zh' ? `本年年度应在上年报告的年度 ${fromYear} 之后` : `the year must be after last year's report year (${fromYear})`, needYear: true, ...from };
    }
    const { markdown, summary } = nextYearDraft(last, { year, locale: lang });
    return { markdown, year, ...from, summary, message: draftSummaryLine(summary, lang) };
  }));
}
