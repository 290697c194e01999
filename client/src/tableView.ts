/**
 * The table view: a webview that draws a report's statistical tables as the checker read them (cells coloured ok,
 * wrong, blank, inferred, invalid; the computed value beside a wrong one; the hover's words on each cell), kept up to
 * date while the user types, and a click on a cell selects it in the text. One panel per document, reused.
 *
 * - `xxgk-report.showTableView` [uri?, tableIndex?]: the view of the active report (a CodeLens above each table
 *   opens it at that table: "查看表格视图 · 表三（收到和处理申请）：已读取 · 2 处错误").
 * - `xxgk-report.compareWithPrevious` [uri?, previousUri?]: the same view in two columns, this year's tables beside
 *   last year's, the cells that differ marked and the carry-over pair (上年结转 / 结转下年度继续办理) highlighted. Last
 *   year's report is the one the server finds (`xxgk-report/previousReport`), else the one the user picks.
 *
 * The data comes from the server (`xxgk-report/tables`, from the analysis the diagnostics use); the page is drawn by
 * dist/tableView.js (client/webview/) under a strict content security policy: no network, one nonce.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromWebview, Range, ReportTables, ToWebview, ViewStrings } from '../webview/protocol';
import { CONVERTED_EXTENSIONS, EXTRACT_SCHEME } from './converted';

const LANGUAGE = 'xxgk-report';
export const SHOW_TABLE_VIEW = `${LANGUAGE}.showTableView`;
export const COMPARE_WITH_PREVIOUS = `${LANGUAGE}.compareWithPrevious`;
/** Set while the active editor's document has statistical tables the checker read (menus use it). */
const HAS_TABLES = `${LANGUAGE}.hasTables`;

type T = (zh: string, en: string) => string;
type TablesAnswer = (ReportTables & Pick<Extract<ToWebview, { type: 'data' }>, 'previous' | 'comparison'>) | { error: string };

function strings(t: T): ViewStrings {
  return {
    lang: t('zh-CN', 'en'),
    title: t('统计表视图', 'Table view'),
    compareTitle: t('与上年报告对比', 'Compared with last year'),
    legend: t('图例', 'Legend'),
    ok: t('正确', 'ok'),
    wrong: t('有误', 'wrong'),
    empty: t('未填写', 'blank'),
    inferred: t('推算（原文数字连写）', 'inferred (figures run together)'),
    invalid: t('不是有效数字', 'not a number'),
    changed: t('与上年不同', 'differs from last year'),
    carry: t('结转衔接（本年“上年结转” / 上年“结转下年度继续办理”）', 'Carry-over (this year\'s carried in / last year\'s carried over)'),
    carryEqual: t('与上年报告的结转下年度继续办理一致', 'agrees with last year\'s carried over'),
    carryDiffers: t('与上年报告的结转下年度继续办理不一致', 'differs from last year\'s carried over'),
    carryNone: t('两份报告中未都读到申请情况表', 'the requests table was not read in both reports'),
    thisYear: t('本年', 'This year'),
    lastYear: t('上年', 'Last year'),
    noTables: t('未读到统计表。', 'No statistics table was read.'),
    notInLastYear: t('上年报告中没有这张表。', 'Last year\'s report has no such table.'),
    clickHint: t('点击单元格可在原文中选中它；悬停可看说明。', 'Click a cell to select it in the text; hover for its explanation.'),
    indicator: t('指标', 'Indicator'),
    previousError: t('无法读取上年报告', 'Cannot read last year\'s report'),
  };
}

function nonce(): string {
  return randomBytes(16).toString('hex');
}

const CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 12px 16px 32px; }
h1 { font-size: 1.25em; font-weight: 600; margin: 0 0 8px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 20px 0 4px; cursor: pointer; }
h2 .caption { font-weight: normal; opacity: .75; margin-left: .75em; }
.legend, .carry-summary { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 4px 0 8px; font-size: .92em; }
.legend-title { font-weight: 600; }
.legend-item { display: inline-flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid var(--vscode-panel-border, #8884); }
.hint { opacity: .7; }
.summary, .unread, .missing, .note { margin: 2px 0; }
.state-partial, .state-unreadable, .severity-warning { color: var(--vscode-editorWarning-foreground); }
.severity-error { color: var(--vscode-errorForeground); }
table.grid { border-collapse: collapse; margin: 6px 0 4px; font-variant-numeric: tabular-nums; }
.grid th, .grid td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; vertical-align: top; }
.grid thead th { background: var(--vscode-editorWidget-background, transparent); font-weight: 600; text-align: center; }
.grid th.label { text-align: left; font-weight: normal; min-width: 14em; max-width: 28em; cursor: pointer; }
.grid tr.role-title th.label, .grid tr.role-group th.label { font-weight: 600; }
.grid tr.role-unmatched th.label { font-style: italic; opacity: .8; }
.grid th.label.flagged { text-decoration: underline wavy var(--vscode-editorWarning-foreground); }
td.cell { text-align: right; min-width: 3.5em; cursor: pointer; white-space: nowrap; }
td.cell.none { background: repeating-linear-gradient(45deg, transparent 0 4px, var(--vscode-panel-border, #8883) 4px 5px); cursor: default; }
.cell .versus { display: block; font-size: .85em; color: var(--vscode-errorForeground); }
.status-ok { background: var(--vscode-diffEditor-insertedTextBackground, rgba(0, 160, 0, .12)); }
.status-wrong { background: var(--vscode-inputValidation-errorBackground, rgba(220, 0, 0, .2)); outline: 2px solid var(--vscode-errorForeground); outline-offset: -2px; font-weight: 600; }
.status-empty { background: transparent; color: var(--vscode-disabledForeground, #888); }
.status-inferred, .cell.inferred { background: var(--vscode-inputValidation-infoBackground, rgba(0, 120, 220, .18)); border-style: dashed; }
.status-invalid { background: var(--vscode-inputValidation-warningBackground, rgba(220, 160, 0, .25)); }
.cell.changed { box-shadow: inset 0 -3px 0 var(--vscode-editorWarning-foreground); }
.carry { outline: 2px dashed var(--vscode-charts-blue, #3794ff); outline-offset: -3px; }
.carry-differs { outline-color: var(--vscode-errorForeground); }
.carry-summary .carry { padding: 1px 6px; }
[tabindex]:focus { outline: 1px solid var(--vscode-focusBorder); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
.side { overflow-x: auto; }
.side-title { cursor: default; margin-top: 8px; }
.empty-view { opacity: .75; }
`;

interface View {
  readonly panel: vscode.WebviewPanel;
  readonly uri: string;
  readonly mode: 'single' | 'compare';
  previous?: string;
  ready: boolean;
  focus?: number;
  last?: ToWebview;
  timer?: ReturnType<typeof setTimeout>;
}

export function registerTableView(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, t: T): void {
  const views = new Map<string, View>();
  /** Last year's report the user picked for a document, kept for the session. */
  const picked = new Map<string, string>();
  const lensesChanged = new vscode.EventEmitter<void>();

  /** `openOnly`: a document the server has open (a lens or a menu never makes it read a file from disk). */
  const request = async (uri: string, compareWith?: string, openOnly = false): Promise<TablesAnswer> => {
    const c = client();
    if (!c) return { error: t('检查服务尚未启动', 'the checker is not running') };
    return c.sendRequest<TablesAnswer>('xxgk-report/tables', { uri, ...(compareWith ? { compareWith } : {}), ...(openOnly ? { openOnly } : {}) });
  };

  /** Asks for the data and posts it; returns what was posted (the commands return it, for scripts and tests). */
  const refresh = async (view: View): Promise<ToWebview> => {
    let message: ToWebview;
    try {
      const r = await request(view.uri, view.mode === 'compare' ? view.previous : undefined);
      message = 'error' in r
        ? { type: 'error', strings: strings(t), message: r.error }
        : {
          type: 'data', mode: view.mode, strings: strings(t), current: { uri: r.uri, ...(r.version !== undefined ? { version: r.version } : {}), data: r.data },
          ...(r.previous ? { previous: r.previous } : {}), ...(r.comparison ? { comparison: r.comparison } : {}),
          ...(view.focus !== undefined ? { focus: view.focus } : {}),
        };
    } catch (e) {
      message = { type: 'error', strings: strings(t), message: String(e instanceof Error ? e.message : e) };
    }
    // The focus is for the first drawing after the command only; the next updates keep the user's scroll.
    view.focus = undefined;
    view.last = message;
    if (view.ready) void view.panel.webview.postMessage(message);
    return message;
  };

  const schedule = (view: View, ms: number): void => {
    if (view.timer) clearTimeout(view.timer);
    view.timer = setTimeout(() => {
      view.timer = undefined;
      void refresh(view);
    }, ms);
  };

  const html = (webview: vscode.Webview): string => {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'tableView.js'));
    const csp = [
      "default-src 'none'",
      `style-src 'nonce-${n}'`,
      `script-src 'nonce-${n}'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html><html lang="${t('zh-CN', 'en')}"><head><meta charset="UTF-8">`
      + `<meta http-equiv="Content-Security-Policy" content="${csp}">`
      + '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
      + `<style nonce="${n}">${CSS}</style></head>`
      + `<body><div id="root">${t('正在读取表格……', 'Reading the tables…')}</div><script nonce="${n}" src="${script.toString()}"></script></body></html>`;
  };

  /** Selects `range` of `uri` in a text editor: the one that shows it, else a new one beside the view. */
  const reveal = async (view: View, uri: string, range: Range): Promise<void> => {
    const target = vscode.Uri.parse(uri);
    const doc = await vscode.workspace.openTextDocument(target);
    if (target.scheme === EXTRACT_SCHEME && doc.languageId !== LANGUAGE) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const column = shown?.viewColumn ?? (view.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const open = async (uri: string, mode: View['mode'], previous?: string, focus?: number): Promise<ToWebview> => {
    const key = `${mode}:${uri}`;
    const existing = views.get(key);
    if (existing) {
      existing.previous = previous ?? existing.previous;
      existing.focus = focus;
      existing.panel.reveal(undefined, true);
      return refresh(existing);
    }
    const name = decodeURIComponent(uri.replace(/^.*\//, ''));
    const title = mode === 'compare' ? t(`与上年对比：${name}`, `Compared with last year: ${name}`) : t(`表格：${name}`, `Tables: ${name}`);
    const panel = vscode.window.createWebviewPanel(`${LANGUAGE}.tableView`, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    });
    const view: View = { panel, uri, mode, ready: false, ...(previous ? { previous } : {}), ...(focus !== undefined ? { focus } : {}) };
    views.set(key, view);
    panel.webview.html = html(panel.webview);
    panel.webview.onDidReceiveMessage((m: FromWebview) => {
      if (m.type === 'ready') {
        // A hidden webview is torn down and made anew when shown again: it asks for the data each time.
        view.ready = true;
        if (view.last) void panel.webview.postMessage(view.last);
        if (view.last?.type === 'data') view.last = { ...view.last, focus: undefined };
        else void refresh(view);
      } else if (m.type === 'reveal') {
        void reveal(view, m.uri, m.range).catch((e: unknown) => vscode.window.showErrorMessage(String(e instanceof Error ? e.message : e)));
      }
    }, undefined, context.subscriptions);
    panel.onDidChangeViewState(() => {
      if (!panel.visible) view.ready = false;
    }, undefined, context.subscriptions);
    panel.onDidDispose(() => {
      if (view.timer) clearTimeout(view.timer);
      views.delete(key);
    }, undefined, context.subscriptions);
    return refresh(view);
  };

  const targetUri = (arg: unknown): string | undefined => {
    if (arg instanceof vscode.Uri) return arg.toString();
    if (typeof arg === 'string' && arg) return arg;
    return vscode.window.activeTextEditor?.document.uri.toString();
  };

  const showTableView = async (arg?: unknown, table?: unknown): Promise<ToWebview | undefined> => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(t('请先打开一份年度报告', 'Open an annual report first'));
      return undefined;
    }
    return open(uri, 'single', undefined, typeof table === 'number' ? table : undefined);
  };

  /** Last year's report: the one the server knows of, else the one the user picks (remembered for the session). */
  const previousOf = async (uri: string): Promise<string | undefined> => {
    const c = client();
    if (c) {
      const found = await c.sendRequest<{ uri?: unknown } | null>('xxgk-report/previousReport', { uri }).catch(() => null);
      if (found && typeof found.uri === 'string' && found.uri !== uri) return found.uri;
    }
    const remembered = picked.get(uri);
    if (remembered) return remembered;
    const here = vscode.Uri.parse(uri);
    const files = await vscode.window.showOpenDialog({
      canSelectMany: false,
      ...(here.scheme === 'file' ? { defaultUri: vscode.Uri.joinPath(here, '..') } : {}),
      filters: { [t('年度报告', 'Annual reports')]: ['txt', 'md', ...CONVERTED_EXTENSIONS] },
      openLabel: t('与此报告对比', 'Compare with this report'),
      title: t('选择上年的年度报告', 'Choose last year\'s annual report'),
    });
    const chosen = files?.[0]?.toString();
    if (chosen) picked.set(uri, chosen);
    return chosen;
  };

  const compareWithPrevious = async (arg?: unknown, previous?: unknown): Promise<ToWebview | undefined> => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(t('请先打开一份年度报告', 'Open an annual report first'));
      return undefined;
    }
    const before = previous instanceof vscode.Uri ? previous.toString() : typeof previous === 'string' && previous ? previous : await previousOf(uri);
    if (!before) return undefined;
    if (previous !== undefined) picked.set(uri, before);
    return open(uri, 'compare', before);
  };

  // Live: a document edit re-asks after the checker's delay; new diagnostics (the analysis is done) at once.
  const touched = (uri: string, ms: number): void => {
    for (const v of views.values()) if (v.uri === uri || v.previous === uri) schedule(v, ms);
  };

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensesChanged.event,
    async provideCodeLenses(doc, token) {
      const r = await request(doc.uri.toString(), undefined, true).catch(() => undefined);
      if (!r || 'error' in r || token.isCancellationRequested || r.uri !== doc.uri.toString()) return [];
      return r.data.tables.map((table) => {
        const line = Math.min(table.range.start.line, doc.lineCount - 1);
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: `${t('查看表格视图', 'Show table view')} · ${table.summary}`,
          command: SHOW_TABLE_VIEW,
          arguments: [doc.uri, table.index],
        });
      });
    },
  };

  let contextFor: string | undefined;
  const updateContext = async (): Promise<void> => {
    const doc = vscode.window.activeTextEditor?.document;
    const uri = doc?.uri.toString();
    contextFor = uri;
    const checked = doc && (doc.languageId === LANGUAGE || doc.uri.scheme === EXTRACT_SCHEME || doc.languageId === 'plaintext' || doc.languageId === 'markdown');
    const r = checked && uri ? await request(uri, undefined, true).catch(() => undefined) : undefined;
    if (contextFor !== uri) return;
    await vscode.commands.executeCommand('setContext', HAS_TABLES, !!r && !('error' in r) && r.data.tables.length > 0);
  };

  const debounceMs = (): number => vscode.workspace.getConfiguration(LANGUAGE).get<number>('debounceMs', 300);
  context.subscriptions.push(
    lensesChanged,
    vscode.commands.registerCommand(`${LANGUAGE}.showTableView`, showTableView),
    vscode.commands.registerCommand(`${LANGUAGE}.compareWithPrevious`, compareWithPrevious),
    vscode.languages.registerCodeLensProvider(
      [{ language: LANGUAGE }, { scheme: EXTRACT_SCHEME }, { scheme: 'file', language: 'plaintext' }, { scheme: 'file', language: 'markdown' }],
      lenses,
    ),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) touched(e.document.uri.toString(), debounceMs() + 100);
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      for (const u of e.uris) touched(u.toString(), 50);
      lensesChanged.fire();
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) void updateContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void updateContext()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${LANGUAGE}.locale`)) for (const v of views.values()) schedule(v, 0);
    }),
  );
  void updateContext();
}
