/**
 * The status bar item for the active report: `年报 ✗2 ⚠5` (its errors and warnings from this checker), with a
 * warning icon when a table could not be read (`table-unread`: some figures were not checked). A click opens the
 * Problems view. Hidden when the active editor is not a report the checker looks at.
 */
import * as vscode from 'vscode';

const SOURCE = 'xxgk-report';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

export interface ReportCounts {
  readonly errors: number;
  readonly warnings: number;
  /** Tables that could not be read, or only in part. */
  readonly unread: number;
}

export function countsOf(diagnostics: readonly vscode.Diagnostic[]): ReportCounts {
  const ours = diagnostics.filter((d) => d.source === SOURCE);
  return {
    errors: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
    warnings: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
    unread: ours.filter((d) => codeOf(d) === 'table-unread').length,
  };
}

export function registerStatusBar(context: vscode.ExtensionContext, isReport: (doc: vscode.TextDocument) => boolean, t: (zh: string, en: string) => string): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('xxgk-report.status', vscode.StatusBarAlignment.Left, 50);
  item.name = t('年报检查', 'Report checker');
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isReport(doc)) {
      item.hide();
      return;
    }
    const c = countsOf(vscode.languages.getDiagnostics(doc.uri));
    item.text = `${c.unread ? '$(warning) ' : ''}${t('年报', 'Report')} $(error) ${c.errors} $(warning) ${c.warnings}`;
    item.tooltip = t(
      `本报告：${c.errors} 个错误，${c.warnings} 个警告` + (c.unread ? `；${c.unread} 个表格未能完整读取，其数字未全部核对` : '') + '。点击打开“问题”面板。',
      `This report: ${c.errors} errors, ${c.warnings} warnings` + (c.unread ? `; ${c.unread} tables not fully read, their figures not all checked` : '') + '. Click to open the Problems view.',
    );
    item.backgroundColor = c.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : c.unread || c.warnings ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
    vscode.workspace.onDidOpenTextDocument(update),
  );
  update();
  return item;
}
