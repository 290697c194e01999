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
    const typed = range ? checked.doc.getText(range).replace(/[\s\u3000]+/g, '') : '';
    if (typed === '') return items.map((item) => toCompletionItem(item, range));
    // Any part of the label finds it (`答复` → `（三）申请答复数`): editors filter from the start of the label, which
    // in Chinese means typing its numbering first. The labels holding what was typed are kept, with a filter text
    // that starts with it.
    return items
      .filter((item) => containsInOrder(item.label, typed))
      .map((item) => ({ ...toCompletionItem(item, range), filterText: `${typed}${item.label}` }));
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

/** Whether `label` holds the characters of `typed` in order (full and half width alike). */
function containsInOrder(label: string, typed: string): boolean {
  const fold = (x: string) => x.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const l = fold(label);
  let at = 0;
  for (const ch of fold(typed)) {
    at = l.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}
