/** `textDocument/hover`: indicator, unit, column and sum details for table cells and labels; figure details in prose. */
import type { Hover } from 'vscode-languageserver/node';
import { hover } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toHover, toOffset } from '../convert';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(ctx.guard('textDocument/hover', null as Hover | null, async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    if (!checked) return null;
    const offset = toOffset(checked.doc, params.position);
    const info = hover(checked.analysis.report, offset, checked.locale, checked.analysis.findings, undefined, !ctx.caps.diagnosticsInHover);
    return info ? toHover(checked.doc, info) : null;
  }));
}
