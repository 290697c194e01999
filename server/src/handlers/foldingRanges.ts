/** `textDocument/foldingRange`: every section and every table folds. */
import type { FoldingRange } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { toFoldingRanges } from '../convert';

export function registerFoldingRanges(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(ctx.guard('textDocument/foldingRange', [] as FoldingRange[], async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    return checked ? toFoldingRanges(checked.doc, checked.analysis.report) : [];
  }));
}
