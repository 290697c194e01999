/**
 * `textDocument/formatting`, `rangeFormatting` and `onTypeFormatting` (after Enter or `|`): pipe tables aligned by
 * display width. Only the lines of pipe tables change; a document that is not a report is left alone.
 */
import type { TextEdit } from 'vscode-languageserver/node';
import { alignPipeTables } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toOffset, toTextEdits } from '../convert';

export const ON_TYPE_TRIGGERS = { firstTriggerCharacter: '\n', moreTriggerCharacter: ['|'] };

export function registerFormatting(ctx: ServerContext): void {
  const format = async (uri: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<TextEdit[]> => {
    const checked = await ctx.check(uri);
    if (!checked) return [];
    const { doc } = checked;
    if (!checked.isReport) return [];
    const text = doc.getText();
    const from = range ? toOffset(doc, range.start) : 0;
    const to = range ? toOffset(doc, range.end) : text.length;
    return toTextEdits(doc, alignPipeTables(text, from, to));
  };
  ctx.connection.onDocumentFormatting(ctx.guard('textDocument/formatting', [] as TextEdit[], (p) => format(p.textDocument.uri)));
  ctx.connection.onDocumentRangeFormatting(ctx.guard('textDocument/rangeFormatting', [] as TextEdit[], (p) => format(p.textDocument.uri, p.range)));
  // On type: the table the cursor is in (the row just finished with Enter, or the cell just closed with `|`).
  ctx.connection.onDocumentOnTypeFormatting(ctx.guard('textDocument/onTypeFormatting', [] as TextEdit[], (p) => {
    const line = p.ch === '\n' ? Math.max(0, p.position.line - 1) : p.position.line;
    return format(p.textDocument.uri, { start: { line, character: 0 }, end: { line, character: 0 } });
  }));
}
