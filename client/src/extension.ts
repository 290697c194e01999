/**
 * The VS Code client: starts the language server (dist/server.js) and adds the palette
 * commands. All checking lives in the server; this file only starts it and asks the user for
 * command arguments (template and layout, the active document).
 */
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { CONVERTED_EXTENSIONS, EXTRACT_SCHEME, registerConverted } from './converted';
import { registerStatusBar } from './statusBar';
import { registerTableView } from './tableView';
import { registerNextDraft } from './nextDraft';

const LANGUAGE = 'xxgk-report';
let client: LanguageClient | undefined;

/** Chinese unless `xxgk-report.locale` says `en`, or `auto` with an editor that is not in Chinese. */
function chinese(): boolean {
  const locale = vscode.workspace.getConfiguration(LANGUAGE).get<string>('locale', 'zh-cn');
  return locale === 'en' ? false : locale === 'auto' ? vscode.env.language.toLowerCase().startsWith('zh') : true;
}
const t = (zhText: string, enText: string): string => (chinese() ? zhText : enText);

/** The globs of `xxgk-report.files` that add files (the ones without `!`). */
function includedGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration(LANGUAGE).get<unknown>('files', []);
  return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '' && !g.startsWith('!')) : [];
}

function selector(): DocumentSelector {
  // Plain text and Markdown keep their language (preview, highlighting); the server checks them only when their
  // content is a report (shared/src/features/recognise.ts).
  const plain = vscode.workspace.getConfiguration(LANGUAGE).get<boolean>('checkPlainText', true);
  const languages = plain ? [LANGUAGE, 'plaintext', 'markdown'] : [LANGUAGE];
  return [
    ...languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    // `xxgk-report.files`: files named there are checked whatever their language.
    ...includedGlobs().map((glob) => ({ scheme: 'file', pattern: glob.startsWith('**/') || glob.startsWith('/') ? glob : `**/${glob}` })),
    // Web pages, Word files and PDFs, shown as the text they are checked as (converted.ts).
    { scheme: EXTRACT_SCHEME, language: LANGUAGE },
  ];
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    initializationOptions: { ruleDocsBase: `${vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString()}/` },
    middleware: {
      // The server owns these commands; from the palette they arrive without arguments.
      executeCommand: async (command, args, next) => {
        if (command === `${LANGUAGE}.insertTables` && args.length === 0) {
          const editor = vscode.window.activeTextEditor;
          const template = await vscode.window.showQuickPick([
            { label: '2021', description: t('现行格式（国办公开办函〔2021〕30号）', 'current format (2021)'), id: 'gov2021' },
            { label: '2019', description: t('试行格式（国办公开办函〔2019〕60号）', 'trial format (2019)'), id: 'gov2019' },
            { label: '2014', description: t('2014—2018 年统计表', '2014–2018 statistics table'), id: 'gov2014' },
          ], { placeHolder: t('选择报告格式', 'Choose the report format') });
          if (!template) return undefined;
          // A Markdown file gets pipe tables first; a text file tab rows (what Word and WPS paste).
          const layouts = [
            { label: t('制表符分隔', 'Tab-separated'), id: 'tabs' },
            { label: t('Markdown 竖线表格', 'Markdown pipe table'), id: 'pipes' },
          ];
          const markdown = editor && (editor.document.languageId === 'markdown' || /\.md$/i.test(editor.document.uri.path));
          const layout = await vscode.window.showQuickPick(markdown ? layouts.reverse() : layouts, { placeHolder: t('选择表格排版', 'Choose the table layout') });
          if (!layout) return undefined;
          if (editor) {
            const { line, character } = editor.selection.active;
            return next(command, [template.id, layout.id, editor.document.uri.toString(), { line, character }]);
          }
          // No editor: show the tables in a new untitled report.
          const result = (await next(command, [template.id, layout.id])) as { text?: string } | undefined;
          if (result?.text) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: LANGUAGE, content: result.text }));
          return result;
        } else if (command === `${LANGUAGE}.fixAll` && args.length === 0) {
          const editor = vscode.window.activeTextEditor;
          if (!editor) return undefined;
          args = [editor.document.uri.toString()];
        } else if (command === `${LANGUAGE}.showRuleDoc`) {
          return showRuleDoc(context, args);
        }
        return next(command, args);
      },
    },
  };
  client = new LanguageClient(LANGUAGE, t('政府信息公开年报检查', 'GI Annual Report Checker'), serverOptions, clientOptions);
  await client.start();
}

/** Opens a rule's page in the Markdown preview; asks for the rule when called from the palette. */
async function showRuleDoc(context: vscode.ExtensionContext, args: unknown[]): Promise<void> {
  let id = typeof args[0] === 'string' ? args[0] : undefined;
  if (!id) {
    const properties = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, { description?: string }> }> } } })
      .contributes?.configuration?.properties?.[`${LANGUAGE}.rules`]?.properties ?? {};
    const pick = await vscode.window.showQuickPick(Object.entries(properties).map(([label, p]) => ({ label, detail: p.description })), { placeHolder: t('选择规则', 'Choose a rule') });
    id = pick?.label;
  }
  if (!id) return;
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

interface CheckedFile {
  readonly uri: string;
  readonly errors: number;
  readonly warnings: number;
  readonly failed?: string;
  readonly skipped?: boolean;
}

let output: vscode.OutputChannel | undefined;

/**
 * Checks every report in the workspace: .txt/.md files that look like reports, and every web page, Word file and
 * PDF (the server converts them and says which are not reports). Results go to the Problems panel; files that
 * could not be checked are counted in the closing message and listed in the output channel.
 */
async function checkWorkspace(): Promise<void> {
  await runWorkspaceCheck(false);
}

/** Report candidates in the workspace: the formats the checker reads, and whatever `xxgk-report.files` adds. */
async function workspaceFiles(token: vscode.CancellationToken): Promise<string[]> {
  const skip = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
  const lists = await Promise.all([`**/*.{txt,md,${CONVERTED_EXTENSIONS.join(',')}}`, ...includedGlobs()].map((glob) => vscode.workspace.findFiles(glob, skip, 5000, token)));
  return [...new Set(lists.flat().map((uri) => uri.toString()))];
}

/** The files of the last workspace check: checked again, quietly, when a setting changes or the server restarts. */
let lastWorkspaceCheck: readonly string[] | undefined;

/**
 * The workspace check. `quiet` (after a settings change): progress in the status bar and no closing message, so
 * the Problems panel keeps the workspace's results, recomputed with the new settings, rather than losing them.
 */
async function runWorkspaceCheck(quiet: boolean): Promise<void> {
  if (!client) return;
  const c = client;
  const location = quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  await vscode.window.withProgress({ location, title: t('检查工作区中的年度报告', 'Checking annual reports in the workspace'), cancellable: !quiet }, async (progress, token) => {
    const found = quiet && lastWorkspaceCheck
      ? lastWorkspaceCheck
      : await workspaceFiles(token);
    lastWorkspaceCheck = found;
    // The server decides by name and content which are reports, and says why the others are not checked.
    const reports = [...found];
    let done = 0;
    let problems = 0;
    const failed: CheckedFile[] = [];
    for (let i = 0; i < reports.length && !token.isCancellationRequested; i += 10) {
      const batch = reports.slice(i, i + 10);
      const result = await c.sendRequest<{ files: CheckedFile[] }>('xxgk-report/checkFiles', { uris: batch }, token);
      done += batch.length;
      problems += result.files.reduce((n, f) => n + f.errors + f.warnings, 0);
      failed.push(...result.files.filter((f) => f.failed !== undefined));
      progress.report({ increment: (batch.length / reports.length) * 100, message: `${done}/${reports.length}` });
    }
    const unreadable = failed.filter((f) => !f.skipped);
    if (failed.length > 0) {
      output ??= vscode.window.createOutputChannel(t('年报检查', 'Report checker'));
      output.clear();
      for (const f of failed) output.appendLine(`${vscode.Uri.parse(f.uri).fsPath}: ${f.failed}`);
    }
    if (quiet) return;
    const checked = done - failed.length;
    const message = t(`已检查 ${checked} 份报告，发现 ${problems} 个错误和警告。`, `Checked ${checked} reports; ${problems} errors and warnings.`)
      + (unreadable.length ? t(` ${unreadable.length} 个文件无法读取。`, ` ${unreadable.length} files could not be read.`) : '')
      + (failed.length - unreadable.length ? t(` ${failed.length - unreadable.length} 个文件未检查。`, ` ${failed.length - unreadable.length} files not checked.`) : '');
    const show = t('查看原因', 'Show why');
    const shown = unreadable.length ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, ...(failed.length ? [show] : []));
    void shown.then((choice) => {
      if (choice === show) output?.show();
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand(`${LANGUAGE}.checkWorkspace`, checkWorkspace),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(LANGUAGE)) return;
      if (e.affectsConfiguration(`${LANGUAGE}.checkPlainText`) || e.affectsConfiguration(`${LANGUAGE}.files`)) {
        // The documents the client hands to the server change: a new client (which clears what the old one showed).
        await client?.stop();
        client = undefined;
        await start(context);
      }
      // Files that are not open keep the diagnostics of the last workspace check: recompute them with the new
      // settings (listing the workspace again when the files to check changed).
      if (e.affectsConfiguration(`${LANGUAGE}.files`)) lastWorkspaceCheck &&= await workspaceFiles(new vscode.CancellationTokenSource().token);
      if (lastWorkspaceCheck) await runWorkspaceCheck(true);
    }),
  );
  registerConverted(context, () => client, t);
  registerStatusBar(context, (doc) => doc.languageId === LANGUAGE || doc.uri.scheme === EXTRACT_SCHEME, t);
  registerTableView(context, () => client, t);
  registerNextDraft(context, () => client, t);
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
