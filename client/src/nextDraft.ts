/**
 * "从上年报告生成本年草稿" (`xxgk-report.draftFromPrevious`): this year's draft from last year's report — the active
 * report, the file chosen in the Explorer, or one picked in a dialog. The year is asked for (last year's + 1 by
 * default); the server makes the draft (`xxgk-report/nextDraft`, as `xxgk-report draft` does) and it opens as a new
 * untitled Markdown document, checked at once: nothing is written to disk until the user saves it.
 *
 * Programmatic use (tests): `executeCommand('xxgk-report.draftFromPrevious', uri, year)` asks nothing and
 * returns the new document.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONVERTED_EXTENSIONS, EXTRACT_SCHEME } from './converted';

type T = (zh: string, en: string) => string;

type NextDraftResult =
  | { markdown: string; year: number; fromYear?: number; message: string }
  | { error: string; needYear?: true; fromYear?: number };

const LANGUAGE = 'xxgk-report';
const REPORT_EXTENSIONS = ['txt', 'md', ...CONVERTED_EXTENSIONS];
const MIN_YEAR = 2008;
const MAX_YEAR = 2100;

/** The report the command works on when none is given: the active editor's, if it is a local or converted file. */
function activeReport(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return undefined;
  if (doc.uri.scheme === EXTRACT_SCHEME) return doc.uri;
  if (doc.uri.scheme === 'file' && (doc.languageId === LANGUAGE || doc.languageId === 'markdown' || doc.languageId === 'plaintext')) return doc.uri;
  return undefined;
}

export function registerNextDraft(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, t: T): void {
  const ask = async (uri: vscode.Uri, year?: number): Promise<NextDraftResult> => {
    const c = client();
    if (!c) return { error: t('检查服务尚未启动', 'the checker is not running') };
    return c.sendRequest<NextDraftResult>('xxgk-report/nextDraft', { uri: uri.toString(), ...(year !== undefined ? { year } : {}) });
  };

  const askYear = (fromYear: number | undefined, suggested: number | undefined): Thenable<string | undefined> =>
    vscode.window.showInputBox({
      title: t('从上年报告生成本年草稿', "Start this year's draft from last year's report"),
      prompt: fromYear !== undefined
        ? t(`上年报告为 ${fromYear} 年度；本年草稿的年度：`, `Last year's report is for ${fromYear}; the year of this draft:`)
        : t('本年草稿的年度：', 'The year of this draft:'),
      value: suggested !== undefined ? String(suggested) : '',
      validateInput: (v) => {
        const s = v.trim();
        if (!/^\d{4}$/.test(s) || Number(s) < MIN_YEAR || Number(s) > MAX_YEAR) return t(`请输入 ${MIN_YEAR}—${MAX_YEAR} 之间的四位年份`, `Enter a four-digit year from ${MIN_YEAR} to ${MAX_YEAR}`);
        if (fromYear !== undefined && Number(s) <= fromYear) return t(`应在上年报告的年度 ${fromYear} 之后`, `Must be after last year's report year (${fromYear})`);
        return undefined;
      },
    });

  const draftFromPrevious = async (arg?: unknown, givenYear?: unknown): Promise<vscode.TextDocument | undefined> => {
    let source = arg instanceof vscode.Uri ? arg : activeReport();
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: t('选择上年报告', "Choose last year's report"),
        filters: { [t('年度报告', 'Reports')]: REPORT_EXTENSIONS },
      });
      source = picked?.[0];
      if (!source) return undefined;
    }
    const year = typeof givenYear === 'number' && Number.isInteger(givenYear) ? givenYear : undefined;
    let result = await ask(source, year);
    if (year === undefined) {
      // Ask for the year, suggesting last year's + 1 (the draft already made for it is kept if that is the answer).
      const fromYear = result.fromYear;
      const suggested = 'markdown' in result ? result.year : fromYear !== undefined ? fromYear + 1 : undefined;
      if ('error' in result && !result.needYear) {
        void vscode.window.showErrorMessage(t(`无法生成草稿：${result.error}`, `Cannot make the draft: ${result.error}`));
        return undefined;
      }
      const answer = await askYear(fromYear, suggested);
      if (answer === undefined) return undefined;
      const chosen = Number(answer.trim());
      if (!('markdown' in result) || chosen !== result.year) result = await ask(source, chosen);
    }
    if ('error' in result) {
      void vscode.window.showErrorMessage(t(`无法生成草稿：${result.error}`, `Cannot make the draft: ${result.error}`));
      return undefined;
    }
    // An untitled Markdown document: checked by its content at once, saved where and when the user wants.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.showInformationMessage(result.message);
    return doc;
  };

  context.subscriptions.push(vscode.commands.registerCommand(`${LANGUAGE}.draftFromPrevious`, draftFromPrevious));
}
