/**
 * `xxgk-report/tables` {uri, compareWith?}: the report's statistical tables as the table view draws them (the core's
 * `tableView`, locations as LSP ranges), from the analysis the diagnostics use when the document is open. A file
 * that is not open (last year's report, say) is read from disk with the CLI's rules: text and Markdown as they are,
 * web pages, Word and PDF converted (its ranges are then in the converted text, whose `xxgk-report-extract:` URI
 * the answer names), unless `openOnly`. With `compareWith`, the same for that file, and what differs between the two.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RequestType, type Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze, compareTableViews, mapTableView, tableView, type Finding, type Report, type TableComparison, type TableViewData,
} from '../../../shared/src/index';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { toCheckOptions } from '../settings';
import { readReportFile } from '../import/load';
import { extractedUri, originalUri } from '../import/virtual';
import type { UiLocale } from '../messages';

export interface TablesParams {
  readonly uri: string;
  /** Last year's report, to compare with. */
  readonly compareWith?: string;
  /** Only a document the editor has open (for CodeLenses): never read a file from disk. */
  readonly openOnly?: boolean;
}

export interface ReportTables {
  /** The document the ranges are in: the URI asked for, or the converted text of a web page, Word file or PDF. */
  readonly uri: string;
  /** The open document's version the tables are of (absent for a file read from disk). */
  readonly version?: number;
  readonly data: TableViewData<Range>;
}

export type TablesResult =
  | (ReportTables & { readonly previous?: ReportTables | { readonly error: string }; readonly comparison?: TableComparison })
  | { readonly error: string };

export const TablesRequest = new RequestType<TablesParams, TablesResult, void>('xxgk-report/tables');

interface Loaded {
  readonly uri: string;
  readonly version?: number;
  readonly doc: TextDocument;
  readonly report: Report;
  readonly findings: readonly Finding[];
}

/** Files read from disk keep their analysis while they are unchanged (by size and time); the last few only. */
const KEEP = 4;

export function registerTableView(ctx: ServerContext): void {
  const fromDisk = new Map<string, { stamp: string; key: string; loaded: Loaded }>();

  const load = async (uri: string, locale: UiLocale, openOnly = false): Promise<Loaded | { error: string }> => {
    // An open document (a draft, or a converted one already shown): the analysis the diagnostics use.
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = ctx.documents.get(uri) ?? (uri.startsWith('file:') ? ctx.documents.get(extractedUri(uri)) : undefined);
      if (!open) break;
      const checked = await ctx.check(open.uri);
      if (checked) return { uri: open.uri, version: open.version, doc: checked.doc, report: checked.analysis.report, findings: checked.analysis.findings };
      // The document changed while its settings were fetched: ask again for the newer version.
    }
    if (openOnly) return { error: locale === 'zh' ? '文档未打开' : 'the document is not open' };
    const file = originalUri(uri) ?? uri;
    if (!file.startsWith('file:')) return { error: locale === 'zh' ? '只能读取本地文件' : 'only local files can be read' };
    const path = fileURLToPath(file);
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error) return { error: locale === 'zh' ? `无法读取：${info.message}` : `cannot read: ${info.message}` };
    const options = toCheckOptions(await ctx.settings.get(file));
    const stamp = `${info.size}:${info.mtimeMs}`;
    const key = JSON.stringify(options);
    const hit = fromDisk.get(file);
    if (hit && hit.stamp === stamp && hit.key === key) return hit.loaded;
    const read = await readReportFile(path);
    if (read.kind === 'unreadable' || read.kind === 'skipped') return { error: read.reason[locale] };
    const docUri = read.kind === 'imported' ? extractedUri(file) : file;
    const doc = TextDocument.create(docUri, 'xxgk-report', 0, read.text);
    const { report, findings } = analyze(read.text, { ...options, reuse: false });
    const loaded: Loaded = { uri: docUri, doc, report, findings };
    fromDisk.delete(file);
    fromDisk.set(file, { stamp, key, loaded });
    for (const k of fromDisk.keys()) if (fromDisk.size > KEEP) fromDisk.delete(k);
    return loaded;
  };

  const shaped = (loaded: Loaded, locale: UiLocale): ReportTables => ({
    uri: loaded.uri,
    ...(loaded.version !== undefined ? { version: loaded.version } : {}),
    data: mapTableView(tableView(loaded.report, loaded.findings, locale), (span) => toRange(loaded.doc, span)),
  });

  ctx.connection.onRequest(TablesRequest, ctx.guard('xxgk-report/tables', { error: 'internal error' } as TablesResult, async (params: TablesParams) => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    if (!uri) return { error: 'expected {uri}' };
    const locale = ctx.settings.localeOf(await ctx.settings.get(uri));
    const now = await load(uri, locale, params.openOnly === true);
    if ('error' in now) return now;
    const current = shaped(now, locale);
    if (typeof params.compareWith !== 'string' || !params.compareWith) return current;
    const before = await load(params.compareWith, locale);
    if ('error' in before) return { ...current, previous: before };
    const previous = shaped(before, locale);
    return { ...current, previous, comparison: compareTableViews(current.data, previous.data) };
  }));
}
