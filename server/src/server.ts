/**
 * startServer(connection): negotiates capabilities with the client and registers one handler
 * module per concern. The server's only state is the per-version analysis cache and the
 * per-document settings cache.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPORT_EXTENSIONS, RULE_DOCS_BASE } from '../../shared/src/index';
import { ServerContext, type ClientCaps } from './context';
import { FIX_ALL_KIND } from './convert';
import { DocumentCache, MAX_ANALYSED_LENGTH } from './documentCache';
import { registerCodeActions } from './handlers/codeActions';
import { COMMANDS, registerCommands } from './handlers/commands';
import { registerCompletion } from './handlers/completion';
import { registerDiagnostics, type DiagnosticsHandle } from './handlers/diagnostics';
import { registerDocumentSymbols } from './handlers/documentSymbols';
import { registerFoldingRanges } from './handlers/foldingRanges';
import { registerHover } from './handlers/hover';
import { registerInlayHints } from './handlers/inlayHints';
import { registerWorkspaceCheck } from './handlers/workspaceCheck';
import { registerExtract } from './handlers/extract';
import { ON_TYPE_TRIGGERS, registerFormatting } from './handlers/formatting';
import { registerTableView } from './handlers/tableView';
import { registerPreviousReport } from './handlers/previousReport';
import { registerNextDraft } from './handlers/nextDraft';
import { SettingsStore } from './settings';

/** Options a client may pass in `initializationOptions`. */
interface InitOptions {
  /** Base URL of the rule documentation pages (default: the installed `docs/rules/`, else the public site). */
  ruleDocsBase?: string;
  /** Documents longer than this many UTF-16 code units are not analysed (default about 5 MB). */
  maxDocumentLength?: number;
  /** Include the findings under the mouse in the hover (default: not for VS Code and its kin, which show them). */
  hoverFindings?: boolean;
}

/** The `docs/rules/` folder next to the bundle (`dist/../docs/rules/`) as a `file:` URL, if it exists. */
function installedDocsBase(): string | undefined {
  for (const dir of [resolve(__dirname, '..', 'docs', 'rules'), resolve(__dirname, '..', '..', 'docs', 'rules'), resolve(__dirname, '..', '..', '..', 'docs', 'rules')]) {
    if (existsSync(dir)) return `${pathToFileURL(dir).href}/`;
  }
  return undefined;
}

/** The local folders of the workspace (where last year's reports are looked for). */
function workspaceRoots(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const out: string[] = [];
  for (const uri of uris) {
    try {
      if (uri.startsWith('file:')) out.push(fileURLToPath(uri));
    } catch {
      // Not a local folder: nothing to index there.
    }
  }
  return out;
}

/** Clients that render diagnostics in the hover (clientInfo.name). */
const VSCODE_FAMILY = /visual studio code|code - oss|vscodium|code-server|cursor|windsurf|theia/i;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  let diagnostics: DiagnosticsHandle | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    const caps: { -readonly [K in keyof ClientCaps]: ClientCaps[K] } = {
      pullDiagnostics: c.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
      inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
      hierarchicalSymbols: c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
      documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
      showDocument: c.window?.showDocument?.support === true,
      configuration: c.workspace?.configuration === true,
      configurationChangeDynamic: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchedFilesDynamic: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      diagnosticsInHover: false,
    };
    const init = (typeof params.initializationOptions === 'object' && params.initializationOptions !== null ? params.initializationOptions : {}) as InitOptions;
    // VS Code and its kin show the diagnostics under the mouse in the hover, above the extension's own part: the
    // hover then leaves them out rather than saying everything twice. `hoverFindings` decides for any client.
    caps.diagnosticsInHover = typeof init.hoverFindings === 'boolean' ? !init.hoverFindings : VSCODE_FAMILY.test(params.clientInfo?.name ?? '');
    const maxLength = typeof init.maxDocumentLength === 'number' && init.maxDocumentLength > 0 ? init.maxDocumentLength : MAX_ANALYSED_LENGTH;
    const docsBase = typeof init.ruleDocsBase === 'string' && init.ruleDocsBase ? init.ruleDocsBase : installedDocsBase() ?? RULE_DOCS_BASE;
    const settings = new SettingsStore(connection, caps.configuration, params.locale);
    const cache = new DocumentCache((e) => ctx?.log('analysis', e), maxLength);
    const roots = workspaceRoots(params);
    ctx = new ServerContext({ connection, documents, cache, settings, caps, docsBase, maxLength, roots: () => roots });

    diagnostics = registerDiagnostics(ctx);
    registerDocumentSymbols(ctx);
    registerHover(ctx);
    registerCodeActions(ctx);
    registerFoldingRanges(ctx);
    registerInlayHints(ctx);
    registerCompletion(ctx);
    registerCommands(ctx);
    registerWorkspaceCheck(ctx, diagnostics);
    registerExtract(ctx);
    registerFormatting(ctx);
    registerTableView(ctx);
    registerPreviousReport(ctx);
    registerNextDraft(ctx);
    ctx.onPreviousChanged = () => diagnostics?.refreshAll();

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'xxgk-report' },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        foldingRangeProvider: true,
        inlayHintProvider: { resolveProvider: false },
        completionProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: ON_TYPE_TRIGGERS,
        executeCommandProvider: { commands: COMMANDS },
        ...(caps.pullDiagnostics ? { diagnosticProvider: { identifier: 'xxgk-report', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'xxgk-report-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (ctx?.caps.configuration && ctx.caps.configurationChangeDynamic) {
      // Ask to be told about settings changes (the client then re-sends workspace/configuration answers on demand).
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk-report' }).catch(() => undefined);
    }
    if (ctx?.caps.watchedFilesDynamic) {
      // Report files created, changed or deleted in the workspace: last year's report may be among them.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/*.{${REPORT_EXTENSIONS.map((e) => e.slice(1)).join(',')}}` }] }).catch(() => undefined);
    }
  });

  connection.onDidChangeWatchedFiles(() => {
    ctx?.guard('workspace/didChangeWatchedFiles', undefined, () => ctx?.previous.changed())();
  });

  connection.onDidChangeConfiguration((params) => {
    if (!ctx) return;
    const c = ctx;
    c.guard('workspace/didChangeConfiguration', undefined, () => {
      c.settings.changed((params.settings as Record<string, unknown> | null | undefined) ?? undefined);
      c.cache.clear();
      diagnostics?.refreshAll();
      if (c.caps.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    })();
  });

  documents.onDidClose((e) => {
    ctx?.cache.delete(e.document.uri);
    ctx?.forget(e.document.uri);
    ctx?.settings.forget(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
