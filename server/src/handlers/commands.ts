/**
 * `workspace/executeCommand`:
 * - `xxgk-report.insertTables` [templateId?, layout?, uri?, position?] — the official blank tables
 *   at the position (applied with `workspace/applyEdit`); returns `{text, edit?, applied?}`;
 * - `xxgk-report.fixAll` [uri] — applies every safe fix; returns `{applied, count}`;
 * - `xxgk-report.showRuleDoc` [ruleId, href?] — opens the rule's page with `window/showDocument`.
 */
import { ErrorCodes, MessageType, ResponseError, type Position, type WorkspaceEdit } from 'vscode-languageserver/node';
import { z } from 'zod';
import { blankTables, ruleDocUrl, type TemplateId } from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toOffset, toTextEdits, toWorkspaceEdit } from '../convert';
import { msg, MSG } from '../messages';
import { SHOW_RULE_DOC } from './codeActions';

export const INSERT_TABLES = 'xxgk-report.insertTables';
export const FIX_ALL = 'xxgk-report.fixAll';
export const COMMANDS = [INSERT_TABLES, FIX_ALL, SHOW_RULE_DOC];

const TemplateArg = z.enum(['gov2014', 'gov2019', 'gov2021']);
const LayoutArg = z.enum(['tabs', 'pipes']);
const PositionArg = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const UriArg = z.string().min(1);

/** Accepts either positional arguments or one object `{template, layout, uri, position}`. */
const InsertArgs = z.union([
  z.tuple([TemplateArg.optional(), LayoutArg.optional(), UriArg.optional(), PositionArg.optional()]).rest(z.unknown()),
  z.tuple([z.object({ template: TemplateArg.optional(), layout: LayoutArg.optional(), uri: UriArg.optional(), position: PositionArg.optional() })]),
]);

function invalid(command: string, error: z.ZodError): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${command}: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

export function registerCommands(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand(ctx.guard('workspace/executeCommand', null as unknown, async (params) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case INSERT_TABLES: return insertTables(ctx, args);
      case FIX_ALL: return fixAll(ctx, args);
      case SHOW_RULE_DOC: return showRuleDoc(ctx, args);
      default: throw new ResponseError(ErrorCodes.InvalidParams, `unknown command: ${params.command}`);
    }
  }));
}

interface InsertResult {
  readonly text: string;
  readonly edit?: WorkspaceEdit;
  readonly applied?: boolean;
}

async function insertTables(ctx: ServerContext, args: unknown[]): Promise<InsertResult> {
  const parsed = InsertArgs.safeParse(args);
  if (!parsed.success) throw invalid(INSERT_TABLES, parsed.error);
  const a = parsed.data;
  const o = a.length === 1 && typeof a[0] === 'object' && a[0] !== null
    ? a[0] as { template?: TemplateId; layout?: 'tabs' | 'pipes'; uri?: string; position?: Position }
    : { template: a[0] as TemplateId | undefined, layout: a[1] as 'tabs' | 'pipes' | undefined, uri: a[2] as string | undefined, position: a[3] as Position | undefined };
  const locale = o.uri && ctx.documents.get(o.uri) ? ctx.settings.localeOf(await ctx.settings.get(o.uri)) : ctx.settings.defaultLocale;
  const body = blankTables(o.template ?? 'gov2021', o.layout ?? 'tabs', locale);
  if (!o.uri) return { text: body };
  const doc = ctx.documents.get(o.uri);
  if (!doc) {
    void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: msg(MSG.insertTablesNoDoc, locale) });
    return { text: body };
  }
  const text = doc.getText();
  const offset = o.position ? toOffset(doc, o.position) : text.length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Tables stand on their own lines, separated from the text around them by a blank line.
  const before = text.slice(0, offset);
  const lead = before === '' || before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
  const after = text.slice(offset);
  const trail = after === '' ? eol : after.startsWith(eol) ? eol : `${eol}${eol}`;
  const insert = `${lead}${body.replace(/\r?\n/g, eol).replace(new RegExp(`(${eol})+$`), '')}${trail}`;
  const edit = toWorkspaceEdit(doc, toTextEdits(doc, [{ span: { start: offset, end: offset }, newText: insert }]), ctx.caps.documentChanges);
  const result = await ctx.connection.workspace.applyEdit({ label: 'xxgk-report: insert tables', edit });
  return { text: body, edit, applied: result.applied };
}

async function fixAll(ctx: ServerContext, args: unknown[]): Promise<{ applied: boolean; count: number }> {
  const first = args[0];
  const uri = typeof first === 'string' ? first : typeof first === 'object' && first !== null && typeof (first as { uri?: unknown }).uri === 'string' ? (first as { uri: string }).uri : undefined;
  if (!uri) throw new ResponseError(ErrorCodes.InvalidParams, `${FIX_ALL}: expected a document URI`);
  const checked = await ctx.check(uri);
  if (!checked) return { applied: false, count: 0 };
  const { edits, applied: count } = ctx.fixAll(checked);
  if (edits.length === 0) {
    void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: msg(MSG.fixAllNone, checked.locale) });
    return { applied: false, count: 0 };
  }
  const edit = toWorkspaceEdit(checked.doc, toTextEdits(checked.doc, edits), ctx.caps.documentChanges);
  const result = await ctx.connection.workspace.applyEdit({ label: 'xxgk-report: fix all', edit });
  if (result.applied) void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: msg(MSG.fixAllDone, checked.locale, { count }) });
  return { applied: result.applied, count };
}

async function showRuleDoc(ctx: ServerContext, args: unknown[]): Promise<{ href: string; shown: boolean }> {
  const id = args[0];
  if (typeof id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(id)) throw new ResponseError(ErrorCodes.InvalidParams, `${SHOW_RULE_DOC}: expected a rule id`);
  const href = typeof args[1] === 'string' ? args[1] : ruleDocUrl(id, ctx.docsBase);
  if (ctx.caps.showDocument) {
    const result = await ctx.connection.window.showDocument({ uri: href, external: !href.startsWith('file:') });
    return { href, shown: result.success };
  }
  void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: msg(MSG.ruleDocOpened, ctx.settings.defaultLocale, { href }) });
  return { href, shown: false };
}
