/** `textDocument/completion`: the template's indicator labels inside or next to a table. */
import type { CompletionItem, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completions } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toCompletionItem, toOffset, toRange } from '../convert';

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(ctx.guard('textDocument/completion', [] as CompletionItem[], async (params) => {
    const checked = await ctx.check(params.textDocument.uri);
    if (!checked) return [];
    const offset = toOffset(checked.doc, params.position);
    const items = completions(checked.analysis.report, offset, checked.locale);
    if (items.length === 0) return [];
    const range = labelRange(checked.doc, offset);
    return items.map((item) => toCompletionItem(item, range));
  }));
}

/** What the user has typed of the label so far: from the last cell separator (or the line start) to the cursor. */
function labelRange(doc: TextDocument, offset: number): Range | undefined {
  const text = doc.getText();
  let start = offset;
  while (start > 0 && !'\n\r\t|'.includes(text[start - 1])) start--;
  while (start < offset && /[ \u3000]/.test(text[start])) start++;
  return toRange(doc, { start, end: offset });
}
