/**
 * `xxgk-report/extract` {uri}: the text a web page, Word file or PDF on disk is checked as (what the client shows
 * in a read-only document under the `xxgk-report-extract` scheme), and the same as an editable Markdown draft.
 * Read with the CLI's rules (regular files, a size limit, the import layer's readers and refusals).
 */
import { fileURLToPath } from 'node:url';
import { RequestType } from 'vscode-languageserver/node';
import { toMarkdownDraft } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { readReportFile } from '../import/load';
import { originalUri } from '../import/virtual';

export interface ExtractParams {
  /** The original (`file:`) or its extracted document (`xxgk-report-extract:`). */
  readonly uri: string;
}

export type ExtractResult =
  | { readonly format: string; readonly text: string; readonly draft: string }
  | { readonly error: string };

export const ExtractRequest = new RequestType<ExtractParams, ExtractResult, void>('xxgk-report/extract');

export function registerExtract(ctx: ServerContext): void {
  ctx.connection.onRequest(ExtractRequest, ctx.guard('xxgk-report/extract', { error: 'internal error' } as ExtractResult, async (params: ExtractParams) => {
    const uri = typeof params?.uri === 'string' ? (originalUri(params.uri) ?? params.uri) : '';
    const lang = ctx.settings.localeOf(await ctx.settings.get(uri));
    if (!uri.startsWith('file:')) return { error: lang === 'zh' ? '只能转换本地文件' : 'only local files can be converted' };
    const path = fileURLToPath(uri);
    const loaded = await readReportFile(path);
    if (loaded.kind === 'unreadable' || loaded.kind === 'skipped') return { error: loaded.reason[lang] };
    if (loaded.kind === 'text') return { format: 'text', text: loaded.text, draft: loaded.text };
    return { format: loaded.imported.format, text: loaded.text, draft: toMarkdownDraft(loaded.imported) };
  }));
}
