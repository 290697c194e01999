/** `textDocument/documentSymbol`: sections, tables and rows from the core's outline. */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { outline } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toDocumentSymbols, toSymbolInformation } from '../convert';

export function registerDocumentSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(ctx.guard('textDocument/documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    if (!checked) return [];
    const nodes = outline(checked.analysis.report, checked.locale);
    return ctx.caps.hierarchicalSymbols ? toDocumentSymbols(checked.doc, nodes) : toSymbolInformation(checked.doc, nodes);
  }));
}
