/**
 * Reports that arrive as web pages, Word files or PDFs, shown as the text the checker reads: a read-only document
 * under the `xxgk-report-extract` scheme (the original's path plus `.txt`), whose content the server converts.
 * It gets the report language, so diagnostics, outline, hover and inlay hints work as on a draft. From there
 * "另存为可编辑草稿" writes the text, tables as aligned pipe tables, to a Markdown file next to the original.
 *
 * Entry points: the Explorer context menu and the palette ("用年报检查打开"), and an "Open With…" editor for
 * .pdf and .docx that opens the converted text and closes itself.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const EXTRACT_SCHEME = 'xxgk-report-extract';
const LANGUAGE = 'xxgk-report';
export const CONVERTED_EXTENSIONS = ['pdf', 'docx', 'html', 'htm', 'shtml', 'xhtml'];

type Extracted = { format: string; text: string; draft: string } | { error: string };
type T = (zh: string, en: string) => string;

/** `file:///r/2022.pdf` → `xxgk-report-extract:/r/2022.pdf.txt`; the server maps it back the same way. */
export function extractedUri(original: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EXTRACT_SCHEME, authority: original.authority, path: `${original.path}.txt` });
}

function originalOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: 'file', authority: uri.authority, path: uri.path.replace(/\.txt$/, '') });
}

export function registerConverted(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, t: T): void {
  const extract = async (uri: vscode.Uri): Promise<Extracted> => {
    const c = client();
    if (!c) return { error: t('检查服务尚未启动', 'the checker is not running') };
    return c.sendRequest<Extracted>('xxgk-report/extract', { uri: uri.toString() });
  };

  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const r = await extract(originalOf(uri));
      if ('error' in r) {
        void vscode.window.showErrorMessage(t(`无法检查 ${originalOf(uri).fsPath}：${r.error}`, `Cannot check ${originalOf(uri).fsPath}: ${r.error}`));
        return `${t('无法检查此文件', 'This file cannot be checked')}: ${r.error}\n`;
      }
      return r.text;
    },
  };

  const open = async (arg?: unknown): Promise<void> => {
    let target = arg instanceof vscode.Uri ? arg : undefined;
    if (!target) {
      // The file in the active tab: a web page in a text editor, or a PDF/Word file VS Code shows as binary.
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
      const active = input?.uri instanceof vscode.Uri ? input.uri : vscode.window.activeTextEditor?.document.uri;
      if (active?.scheme === 'file' && CONVERTED_EXTENSIONS.some((e) => active.path.toLowerCase().endsWith(`.${e}`))) target = active;
    }
    if (!target) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [t('年度报告（网页、Word、PDF）', 'Reports (web page, Word, PDF)')]: CONVERTED_EXTENSIONS },
        openLabel: t('检查', 'Check'),
      });
      target = picked?.[0];
    }
    if (!target) return;
    const uri = extractedUri(target);
    changed.fire(uri); // a file converted before may have changed on disk
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    await vscode.window.showTextDocument(doc, { preview: false });
  };

  /** `target`: where to write without asking (for scripts and tests); else a save dialog. */
  const saveDraft = async (target?: unknown): Promise<void> => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== EXTRACT_SCHEME) {
      void vscode.window.showInformationMessage(t('请先用“用年报检查打开”打开一个网页、Word 或 PDF 报告', 'Open a web page, Word or PDF report with "Open with the report checker" first'));
      return;
    }
    const original = originalOf(doc.uri);
    const r = await extract(original);
    if ('error' in r) {
      void vscode.window.showErrorMessage(r.error);
      return;
    }
    const to = target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
        defaultUri: original.with({ path: original.path.replace(/\.[^./]+$/, '') + '.md' }),
        filters: { Markdown: ['md'] },
        saveLabel: t('另存为草稿', 'Save draft'),
      });
    if (!to) return;
    await vscode.workspace.fs.writeFile(to, new TextEncoder().encode(r.draft));
    const draft = await vscode.workspace.openTextDocument(to);
    await vscode.languages.setTextDocumentLanguage(draft, LANGUAGE);
    await vscode.window.showTextDocument(draft);
  };

  // "Open With…" on a .pdf/.docx: open the converted text instead, and close this (empty) editor.
  const redirect: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    async resolveCustomEditor(document, panel) {
      panel.webview.html = `<p>${t('正在转换……', 'Converting…')}</p>`;
      await open(document.uri);
      panel.dispose();
    },
  };

  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(EXTRACT_SCHEME, provider),
    vscode.commands.registerCommand(`${LANGUAGE}.openConverted`, open),
    vscode.commands.registerCommand(`${LANGUAGE}.saveDraft`, saveDraft),
    vscode.window.registerCustomEditorProvider(`${LANGUAGE}.converted`, redirect, { supportsMultipleEditorsPerDocument: true }),
  );
}
