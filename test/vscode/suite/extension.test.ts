/**
 * The extension as a user's editor sees it: a real extension host, the installed (or developed)
 * extension, its language server, and the `vscode` API's own views of diagnostics, symbols,
 * hovers, code actions and commands. Launched by @vscode/test-electron or by the code-server driver.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, LANGUAGE, codeOf, describe as describeDiagnostics, flattenSymbols, hoverText, openCopy, ours,
  FIXTURES, annotatedFixture, expectedRange, seedPath, waitForConfiguration, waitForDiagnostics, workDir,
} from './helpers';

/** What the table view commands return: the message posted to the webview (client/webview/protocol.ts), in part. */
interface ViewedTables {
  readonly uri: string;
  readonly data: { readonly tables: readonly { readonly index: number; readonly kind: string; readonly rows: readonly {
    readonly label: string; readonly indicator?: string;
    readonly cells: readonly { readonly status: string; readonly versus?: string; readonly range: { readonly start: { readonly line: number } } }[];
  }[] }[] };
}
type TableViewMessage = {
  readonly type: 'data'; readonly mode: 'single' | 'compare'; readonly current: ViewedTables;
  readonly previous?: ViewedTables | { readonly error: string };
  readonly comparison?: { readonly changedNow: readonly string[]; readonly carryOver: readonly { column: string; nowValue?: number; beforeValue?: number; equal: boolean }[] };
} | undefined;

const hasCode = (id: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === id);
const withCode = (ds: readonly vscode.Diagnostic[], id: string): vscode.Diagnostic[] => ds.filter((d) => codeOf(d) === id);
async function setLocale(value: string | undefined): Promise<void> {
  const changed = waitForConfiguration(`${LANGUAGE}.locale`);
  try {
    await vscode.workspace.getConfiguration(LANGUAGE).update('locale', value, vscode.ConfigurationTarget.Global);
    await changed.done;
  } finally {
    changed.dispose();
  }
}
const serious = (ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] =>
  ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);

describe('xxgk-report in a real VS Code extension host', function () {
  this.timeout(90_000);

  // Messages follow `xxgk-report.locale`, else the display language. An editor without the Chinese
  // language pack (code-server offline, a stock test-electron download) reports `en`, so the suite
  // pins the Chinese messages and restores the user's value afterwards.
  let savedLocale: string | undefined;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this editor`);
    const config = vscode.workspace.getConfiguration(LANGUAGE);
    savedLocale = config.inspect<string>('locale')?.globalValue;
    if (savedLocale !== 'zh-cn') await setLocale('zh-cn');
  });

  after(async () => {
    if (vscode.workspace.getConfiguration(LANGUAGE).inspect<string>('locale')?.globalValue !== savedLocale) await setLocale(savedLocale);
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (!process.env.XXGK_E2E_KEEP) fs.rmSync(workDir(), { recursive: true, force: true });
  });

  it('gives a file named like a report the xxgk-report language and activates the extension', async () => {
    const editor = await openCopy(seedPath('003'), '003_山东省工信厅2018年政府信息公开工作年度报告.txt');
    assert.equal(editor.document.languageId, LANGUAGE);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('seed 004: sum-mismatch on the total "17" at line 248, and subset-exceeds-total', async () => {
    const { document } = await openCopy(seedPath('004'), '004_湖南省质监局2017年政府信息公开工作年度报告.txt');
    const ds = await waitForDiagnostics(document.uri, (d) => hasCode('sum-mismatch')(d) && hasCode('subset-exceeds-total')(d), 'sum-mismatch and subset-exceeds-total');
    const [sum] = withCode(ds, 'sum-mismatch');
    assert.equal(sum.range.start.line + 1, 248, 'sum-mismatch line (1-based)');
    assert.equal(document.getText(sum.range), '17');
    assert.equal(sum.severity, vscode.DiagnosticSeverity.Error);
    assert.match(sum.message, /29/);
    const [subset] = withCode(ds, 'subset-exceeds-total');
    assert.equal(subset.range.start.line + 1, 284);
    assert.equal(document.getText(subset.range), '2');
    // The rule's documentation link travels with the code.
    assert.equal(typeof sum.code, 'object');
    assert.match(String((sum.code as { target: vscode.Uri }).target), /sum-mismatch/);
  });

  it('seed 001: two figure-table-mismatch warnings, on "33" and "1"', async () => {
    const { document } = await openCopy(seedPath('001'), '001_高青县质监局2018年政府信息公开工作年度报告.txt');
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'figure-table-mismatch').length >= 2, 'two figure-table-mismatch');
    const figures = withCode(ds, 'figure-table-mismatch');
    assert.equal(figures.length, 2, describeDiagnostics(ds));
    assert.deepEqual(figures.map((d) => [d.range.start.line + 1, document.getText(d.range)]), [[21, '33'], [33, '1']]);
    assert.ok(figures.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('seed 003: no errors or warnings; breaking a total shows one, undoing it clears it', async () => {
    const editor = await openCopy(seedPath('003'), '003_山东省工信厅2018年政府信息公开工作年度报告.txt');
    const { document } = editor;
    // Make the server prove it has checked this document: break the replies total, see the error…
    const label = document.getText().split('\n').findIndex((l) => l.includes('申请答复数'));
    assert.ok(label > 0);
    let line = label + 1;
    while (!/^\s*\d+\s*$/.test(document.lineAt(line).text)) line++;
    const cell = document.lineAt(line).range;
    const old = document.getText(cell);
    assert.ok(await editor.edit((b) => b.replace(cell, old.replace(/\d+/, (n) => String(Number(n) + 1)))));
    const broken = await waitForDiagnostics(document.uri, hasCode('sum-mismatch'), 'sum-mismatch after breaking the total');
    assert.equal(withCode(broken, 'sum-mismatch')[0].range.start.line, line);
    // …then put it back: the error goes away and nothing serious is left.
    assert.ok(await editor.edit((b) => b.replace(document.lineAt(line).range, old)));
    const clean = await waitForDiagnostics(document.uri, (d) => !hasCode('sum-mismatch')(d), 'no sum-mismatch after the undo');
    assert.deepEqual(serious(clean).map((d) => codeOf(d)), [], describeDiagnostics(clean));
    assert.equal(document.getText(), fs.readFileSync(seedPath('003'), 'utf8'));
  });

  it('outline of seed 004: the eight parts and the statistics table with its rows', async () => {
    const { document } = await openCopy(seedPath('004'), '004_湖南省质监局2017年政府信息公开工作年度报告.txt');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(symbols && symbols.length > 0, 'no document symbols');
    const parts = symbols.map((s) => s.name).filter((n) => /^[一二三四五六七八九十]+、/.test(n));
    assert.deepEqual(parts.map((n) => n[0]), ['一', '二', '三', '四', '五', '六', '七', '八']);
    assert.ok(parts[0].includes('信息公开工作概况'), parts[0]);
    const table = flattenSymbols(symbols).find((s) => s.name.includes('政府信息公开情况统计表'));
    assert.ok(table, `no table symbol among ${symbols.map((s) => s.name).join(' | ')}`);
    const rows = flattenSymbols(table.children).map((s) => s.name);
    assert.ok(rows.some((n) => n.includes('申请答复数')), `table rows: ${rows.slice(0, 20).join(' | ')}`);
    assert.ok(table.range.contains(new vscode.Position(247, 0)), 'the table spans the replies total');
  });

  it('hover on the total "17" explains the parts and their sum', async () => {
    const { document } = await openCopy(seedPath('004'), '004_湖南省质监局2017年政府信息公开工作年度报告.txt');
    await waitForDiagnostics(document.uri, hasCode('sum-mismatch'), 'sum-mismatch');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(247, 1));
    const text = hoverText(hovers ?? []);
    assert.match(text, /申请答复数/);
    assert.match(text, /5 \+ 17 \+ 0 \+ 0 \+ 4 \+ 0 \+ 0 \+ 3 = \*\*29\*\*/);
    // VS Code shows the diagnostic itself at the top of the hover: the extension's part does not repeat it.
    assert.doesNotMatch(text, /此处为 17/, 'the message is not repeated in the extension\'s hover');
    assert.doesNotMatch(text, /`C3`|gov2014/, 'no internal ids in the hover');
  });

  it('quick fix "若分项正确：将合计改为 29" (a choice, not preferred) corrects the total and the error disappears', async () => {
    const editor = await openCopy(seedPath('004'), '004_湖南省质监局2017年政府信息公开工作年度报告.txt');
    const { document } = editor;
    const [sum] = withCode(await waitForDiagnostics(document.uri, hasCode('sum-mismatch'), 'sum-mismatch'), 'sum-mismatch');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, sum.range);
    assert.ok(actions && actions.length > 0, 'no code actions');
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === '若分项正确：将合计改为 29');
    assert.ok(fix, `no totals fix among: ${titles.join(' | ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    // 29 would break 收到 = 办结 = 答复 = 17, so it is never applied unasked.
    assert.ok(!actions.some((a) => a.isPreferred), 'no preferred fix');
    assert.ok(titles.some((t) => t.includes('sum-mismatch')), 'rule documentation / suppression actions are offered too');
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.lineAt(247).text, '29');
    const after = await waitForDiagnostics(document.uri, (d) => !hasCode('sum-mismatch')(d), 'sum-mismatch to disappear after the fix');
    assert.ok(hasCode('subset-exceeds-total')(after), 'the other error stays');
    const original = fs.readFileSync(seedPath('004'), 'utf8').split('\n');
    original[247] = '29';
    assert.equal(document.getText(), original.join('\n'));
  });

  it('xxgk-report.locale = en switches the messages to English, and back', async () => {
    const { document } = await openCopy(seedPath('001'), '001_高青县质监局2018年政府信息公开工作年度报告.txt');
    const isZh = (ds: vscode.Diagnostic[]): boolean => withCode(ds, 'figure-table-mismatch').length === 2 && withCode(ds, 'figure-table-mismatch').every((x) => x.message.startsWith('正文写'));
    const isEn = (ds: vscode.Diagnostic[]): boolean => withCode(ds, 'figure-table-mismatch').length === 2 && withCode(ds, 'figure-table-mismatch').every((x) => x.message.startsWith('The text gives'));
    await waitForDiagnostics(document.uri, isZh, 'Chinese figure-table-mismatch messages');
    await setLocale('en');
    const en = await waitForDiagnostics(document.uri, isEn, 'English messages');
    assert.match(withCode(en, 'figure-table-mismatch')[0].message, /^The text gives .* but the table cell says 17\.$/);
    // "auto" follows the editor's display language (vscode.env.language).
    await setLocale('auto');
    const english = vscode.env.language.toLowerCase().startsWith('en');
    await waitForDiagnostics(document.uri, english ? isEn : isZh, `messages in the display language ${vscode.env.language}`);
    await setLocale('zh-cn');
    await waitForDiagnostics(document.uri, isZh, 'Chinese messages again');
  });

  it('the xxgk-report.insertTables command inserts the official 2021 tables', async () => {
    const file = path.join(workDir(), '某县2023年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file, '某县2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, LANGUAGE);
    const result = await vscode.commands.executeCommand<{ text: string; applied?: boolean }>(
      'xxgk-report.insertTables', 'gov2021', 'tabs', doc.uri.toString(), { line: 4, character: 0 },
    );
    assert.ok(result && result.applied === true, `command result: ${JSON.stringify(result)?.slice(0, 200)}`);
    const text = doc.getText();
    assert.ok(text.startsWith('某县2023年政府信息公开工作年度报告\n\n一、总体情况\n\n'));
    assert.ok(text.endsWith('正文。\n'));
    for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) {
      assert.ok(text.includes(heading), `missing ${heading}`);
    }
    assert.ok(text.includes(result.text.trimEnd()), 'the inserted text is the command result');
    // The server checks the new tables: the outline now has the 2021 tables.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(flattenSymbols(symbols ?? []).some((s) => s.kind === vscode.SymbolKind.Struct || /表|情况/.test(s.name)), 'tables in the outline');
  });

  it('a Word report opens as read-only converted text with its findings, and saves as an editable draft', async () => {
    const file = path.join(workDir(), '澜州市生态环境局2022年政府信息公开工作年度报告.docx');
    fs.copyFileSync(path.join(FIXTURES, 'import', 'docx', 'broken-outcome-total-mismatch-2.docx'), file);
    await vscode.commands.executeCommand(`${LANGUAGE}.openConverted`, vscode.Uri.file(file));
    const converted = vscode.window.activeTextEditor?.document;
    assert.ok(converted, 'the converted text is shown');
    assert.equal(converted.uri.scheme, 'xxgk-report-extract');
    assert.equal(converted.languageId, LANGUAGE);
    assert.match(converted.getText(), /三、收到和处理政府信息公开申请情况/);
    const ds = await waitForDiagnostics(converted.uri, (d) => withCode(d, 'outcome-total-mismatch').length === 2, 'two outcome-total-mismatch errors');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', converted.uri);
    assert.ok(flattenSymbols(symbols ?? []).some((s) => /^一、/.test(s.name)), 'the outline of the converted report');
    // Saved as a Markdown draft: an ordinary editable document with the same findings.
    const draft = vscode.Uri.file(path.join(workDir(), '澜州市生态环境局2022年政府信息公开工作年度报告.md'));
    await vscode.commands.executeCommand(`${LANGUAGE}.saveDraft`, draft);
    assert.ok(fs.readFileSync(draft.fsPath, 'utf8').includes('| 三、本年度办理结果'));
    const again = await waitForDiagnostics(draft, (d) => withCode(d, 'outcome-total-mismatch').length === 2, 'the draft has the same two errors');
    assert.deepEqual(again.map((d) => d.message).sort(), ds.filter((d) => codeOf(d) === 'outcome-total-mismatch').map((d) => d.message).sort());
  });

  it("this year's draft from last year's report: an untitled Markdown document under the new title, checked with only blanks to fill", async () => {
    const file = path.join(workDir(), '澜州市生态环境局2022年政府信息公开工作年度报告-上年.md');
    fs.copyFileSync(path.join(FIXTURES, 'synthetic', 'gov2021-pipes.md'), file);
    fs.chmodSync(file, 0o644);
    const filesBefore = fs.readdirSync(workDir()).sort();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(`${LANGUAGE}.draftFromPrevious`, vscode.Uri.file(file), 2023);
    try {
      assert.ok(doc, 'the draft is returned');
      assert.equal(doc.uri.scheme, 'untitled');
      assert.equal(doc.languageId, 'markdown');
      assert.equal(vscode.window.activeTextEditor?.document, doc);
      assert.ok(doc.getText().startsWith('# 澜州市生态环境局2023年政府信息公开工作年度报告\n'), doc.getText().slice(0, 80));
      assert.ok(doc.getText().includes('〔上年原文〕'));
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'cell-missing').length === 3, 'the three tables to fill');
      // Besides the blanks, only repeated-text: last year's report is in the workspace and the fresh draft is its text.
      assert.deepEqual([...new Set(ds.map(codeOf))].filter((c) => c !== 'cell-missing' && c !== 'repeated-text'), []);
      assert.deepEqual(fs.readdirSync(workDir()).sort(), filesBefore, 'nothing written to disk');
    } finally {
      // An unsaved untitled editor would make closing all editors ask to save it (and the suite wait forever).
      if (doc && vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('2021 format: a broken draft shows exactly its annotated errors; fixed into a consistent draft, nothing is left', async () => {
    // Broken: two 总计 cells mistyped (test/fixtures/synthetic/README.md). Consistent: gov2021-tabs.txt.
    const broken = annotatedFixture('broken-applicant-total-mismatch-1.txt');
    const consistent = annotatedFixture('gov2021-tabs.txt');
    assert.ok(broken.expected.length > 0 && consistent.expected.length === 0);
    const file = path.join(workDir(), '云岭市2025年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file, broken.text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
    const { document } = editor;
    const want = broken.expected.map((e) => `${e.rule} ${rangeText(expectedRange(document, e))}`).sort();
    const got = (ds: vscode.Diagnostic[]): string[] => ds.map((d) => `${codeOf(d)} ${rangeText(d.range)}`).sort();
    const ds = await waitForDiagnostics(document.uri, (d) => got(d).join('\n') === want.join('\n'), `exactly ${want.join(', ')}`);
    assert.ok(ds.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    // The whole text replaced by a consistent 2021 draft: every problem goes away.
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    assert.ok(await editor.edit((b) => b.replace(all, consistent.text)));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no problems at all in the consistent 2021 draft');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(flattenSymbols(symbols ?? []).filter((s) => s.kind !== vscode.SymbolKind.String).length > 5, 'the consistent draft has an outline');
  });

  it('table view: a CodeLens on the table, the command opens a webview panel with the wrong total marked', async () => {
    const { document } = await openCopy(seedPath('004'), '004_湖南省质监局2017年政府信息公开工作年度报告.txt');
    await waitForDiagnostics(document.uri, hasCode('sum-mismatch'), 'sum-mismatch');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const lens = (lenses ?? []).find((l) => l.command?.command === 'xxgk-report.showTableView');
    assert.ok(lens?.command, `no table view lens among ${(lenses ?? []).map((l) => l.command?.title).join(' | ')}`);
    assert.equal(lens.command.title, '查看表格视图 · 统计表：已读取 · 2 处错误');
    const shown = await vscode.commands.executeCommand<TableViewMessage>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.equal(shown?.type, 'data');
    const replies = shown.current.data.tables[0].rows.find((r) => r.label.includes('申请答复数'));
    assert.ok(replies, 'the replies row');
    assert.equal(replies.cells[0].status, 'wrong');
    assert.equal(replies.cells[0].versus, '写 17 / 算 29');
    assert.equal(replies.cells[0].range.start.line, 247);
    // The workbench's tabs reach the extension host a moment after the panel is made.
    const panels = await tableViewTabs((n) => n === 1);
    assert.equal(panels.length, 1, 'one table view panel');
    assert.ok(panels[0].label.includes('004_'), panels[0].label);
    // Asked again for the same document: the panel is reused.
    await vscode.commands.executeCommand('xxgk-report.showTableView', document.uri);
    assert.equal((await tableViewTabs((n) => n === 1)).length, 1);
  });

  it('last year\'s report in the workspace (not open): the carry-over is compared, related information opens last year\'s cell', async () => {
    const now = annotatedFixture('gov2021-tabs.txt').text.replaceAll('青川市市场监督管理局', '临江县市场监督管理局');
    assert.ok(now.includes('二、上年结转政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4'));
    // Last year (2022) carried 2 … 3 over, not the 3 … 4 this year says it carried in: 自然人 and 总计 differ.
    const last = now.replaceAll('2023', '2022');
    const dir = fs.mkdtempSync(path.join(workDir(), 'years-'));
    const lastFile = path.join(dir, '临江县市场监督管理局2022年政府信息公开工作年度报告.txt');
    fs.writeFileSync(lastFile, last);
    const file = path.join(dir, '临江县市场监督管理局2023年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file, now);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'carryover-mismatch').length === 2, 'two carry-over errors against last year\'s file');
    const carry = withCode(ds, 'carryover-mismatch');
    assert.ok(carry.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    for (const d of carry) {
      const rel = d.relatedInformation?.[0];
      assert.ok(rel, 'related information');
      assert.equal(rel.location.uri.fsPath, lastFile);
      assert.ok(last.split('\n')[rel.location.range.start.line].startsWith('四、结转下年度继续办理'));
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the workspace check\'s results for files that are not open survive a settings change that restarts the checker', async () => {
    const file = path.join(fs.mkdtempSync(path.join(workDir(), 'ws-check-')), '云岭市2024年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file, annotatedFixture('broken-applicant-total-mismatch-1.txt').text);
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand(`${LANGUAGE}.checkWorkspace`);
    await waitForDiagnostics(uri, hasCode('applicant-total-mismatch'), 'the workspace check\'s findings on the closed file');
    const config = vscode.workspace.getConfiguration(LANGUAGE);
    // How many of our diagnostics the file had after each change: the restart clears them (0), the quiet re-check
    // of the last workspace check brings them back.
    const counts: number[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) counts.push(withCode(ours(uri), 'applicant-total-mismatch').length);
    });
    try {
      // checkPlainText changes the documents the client hands to the server: a new client, which clears what the old
      // one showed; the last workspace check is then run again quietly.
      await config.update('checkPlainText', false, vscode.ConfigurationTarget.Global);
      const deadline = Date.now() + 30_000;
      while (!(counts.includes(0) && counts[counts.length - 1] > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(counts.includes(0), `the restart clears the old client's diagnostics: ${counts.join(' → ')}`);
      assert.ok(counts[counts.length - 1] > 0, `the closed file's findings come back without running the command again: ${counts.join(' → ')}`);
    } finally {
      sub.dispose();
      await config.update('checkPlainText', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, hasCode('applicant-total-mismatch'), 'the findings still there after restoring the setting');
  });

  it('compare with last year: two reports side by side, the carry-over pair compared', async () => {
    const now = annotatedFixture('gov2021-tabs.txt').text;
    const carried = '四、结转下年度继续办理\t2\t1\t0\t0\t0\t0\t3';
    assert.ok(now.includes(carried));
    // Last year carried over what this year says it carried in (二、上年结转: 3 1 0 0 0 0 4).
    const before = now.replace(carried, '四、结转下年度继续办理\t3\t1\t0\t0\t0\t0\t4');
    const dir = fs.mkdtempSync(path.join(workDir(), 'compare-'));
    fs.writeFileSync(path.join(dir, '青川市市场监督管理局2022年政府信息公开工作年度报告.txt'), before);
    const file = path.join(dir, '青川市市场监督管理局2023年政府信息公开工作年度报告.txt');
    fs.writeFileSync(file, now);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const last = vscode.Uri.file(path.join(dir, '青川市市场监督管理局2022年政府信息公开工作年度报告.txt'));
    const shown = await vscode.commands.executeCommand<TableViewMessage>('xxgk-report.compareWithPrevious', doc.uri, last);
    assert.equal(shown?.type, 'data');
    assert.equal(shown.mode, 'compare');
    assert.ok(shown.previous && 'data' in shown.previous, JSON.stringify(shown.previous));
    assert.equal(shown.previous.uri, last.toString());
    const pairs = shown.comparison?.carryOver ?? [];
    assert.deepEqual(pairs.filter((p) => ['np', 'tot'].includes(p.column)).map((p) => [p.column, p.nowValue, p.beforeValue, p.equal]), [['np', 3, 3, true], ['tot', 4, 4, true]]);
    // This year's 结转下年度继续办理 differs from last year's in 自然人 and 总计.
    const requests = shown.current.data.tables.find((t) => t.kind === 'requests');
    assert.ok(requests);
    const r4 = requests.rows.findIndex((r) => r.indicator === 'R4');
    assert.deepEqual(shown.comparison?.changedNow, [`${requests.index}/${r4}/np`, `${requests.index}/${r4}/tot`]);
  });
});

/** The table view's tabs, once `ready` holds for their number (or after the time-out). */
async function tableViewTabs(ready: (n: number) => boolean): Promise<vscode.Tab[]> {
  const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('xxgk-report.tableView'));
  const deadline = Date.now() + 10_000;
  while (!ready(tabs().length) && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => { sub.dispose(); resolve(); });
      setTimeout(() => { sub.dispose(); resolve(); }, 200);
    });
  }
  return tabs();
}

function rangeText(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
