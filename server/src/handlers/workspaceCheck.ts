/**
 * `xxgk-report/checkFiles` {uris}: checks files that are not open (read from disk) and pushes
 * their diagnostics, so a workspace check fills the Problems panel. Open documents are left to
 * the normal diagnostics flow. Honours cancellation between files.
 */
import { fileURLToPath } from 'node:url';
import { RequestType, type CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isNotAReport, type Localized } from '../../../shared/src/index';
import { isReportDocument, type ServerContext } from '../context';
import { DocumentCache } from '../documentCache';
import { toCheckOptions } from '../settings';
import { diagnosticsFor, type DiagnosticsHandle } from './diagnostics';
import { readReportFile, type LoadedReport } from '../import/load';
import { EXTRACT_SCHEME, extractedUri } from '../import/virtual';
import { M } from '../cli/messages';
import { fileVerdict } from '../files';

/** File names the report language is given to (package.json `languages`): reports by the user's naming. */
const REPORT_NAME = /年度报告[^/]*\.(?:txt|md)$|年报[^/]*\.(?:txt|md)$|\.xxgk\.md$/;

export interface CheckFilesParams {
  readonly uris: readonly string[];
}

export interface CheckedFile {
  readonly uri: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  /** Set when the file was not checked: why (could not be read, or skipped as empty, too large, not a report…). */
  readonly failed?: string;
  /** The file was skipped on purpose (empty, too large, not a regular file, not a report) rather than unreadable. */
  readonly skipped?: boolean;
}

export interface CheckFilesResult {
  readonly files: readonly CheckedFile[];
  readonly cancelled: boolean;
}

export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('xxgk-report/checkFiles');

export function registerWorkspaceCheck(ctx: ServerContext, diagnostics: DiagnosticsHandle): void {
  ctx.connection.onRequest(CheckFilesRequest, ctx.guard('xxgk-report/checkFiles', { files: [], cancelled: false } as CheckFilesResult, async (params: CheckFilesParams, token: CancellationToken) => {
    const uris = Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : [];
    const files: CheckedFile[] = [];
    const notChecked = async (uri: string, reason: Localized, skipped: boolean): Promise<CheckedFile> => ({
      uri, errors: 0, warnings: 0, infos: 0, hints: 0, failed: reason[ctx.settings.localeOf(await ctx.settings.get(uri))], ...(skipped ? { skipped: true } : {}),
    });
    // A private cache: these analyses are used once.
    const cache = new DocumentCache((e) => ctx.log('checkFiles analysis', e), ctx.maxLength);
    for (let uri of uris) {
      if (token.isCancellationRequested) return { files, cancelled: true };
      const open = ctx.documents.get(uri);
      let doc: TextDocument;
      if (open) {
        doc = open;
      } else {
        // The CLI's rules: regular files only, a size limit, UTF-8/UTF-16/GB18030 detected, web pages, Word
        // and PDF converted, other formats refused with the reason.
        let read: LoadedReport;
        try {
          read = await readReportFile(fileURLToPath(uri));
        } catch (e) {
          read = { kind: 'unreadable', reason: { zh: String(e), en: String(e) } };
        }
        if (read.kind === 'imported') {
          // A converted file's diagnostics belong to its read-only extracted text, which the client shows.
          uri = extractedUri(uri);
          doc = TextDocument.create(uri, 'xxgk-report', 0, read.text);
        } else if (read.kind !== 'text') {
          files.push(await notChecked(uri, read.reason, read.kind === 'skipped'));
          continue;
        } else doc = TextDocument.create(uri, REPORT_NAME.test(decodeURIComponent(uri)) ? 'xxgk-report' : 'plaintext', 0, read.text);
      }
      const settings = await ctx.settings.get(uri);
      // A text file is a report by its name (the report language) or by its content; anything else is listed as
      // not checked, with the reason.
      const verdict = fileVerdict(uri, settings.files, ctx.roots);
      if (verdict === 'exclude') {
        files.push(await notChecked(uri, M.excludedByFiles, true));
        continue;
      }
      if (verdict !== 'include' && !uri.startsWith(`${EXTRACT_SCHEME}:`) && !isReportDocument(doc)) {
        files.push(await notChecked(uri, M.notAReport, true));
        continue;
      }
      const options = toCheckOptions(settings);
      const plain = cache.get(uri, doc.version, doc.getText(), options);
      // A converted page or document found by its extension alone may be anything: one with neither a report
      // title nor a statistics table is listed as not checked, never as clean.
      if (verdict !== 'include' && uri.startsWith(`${EXTRACT_SCHEME}:`) && isNotAReport(plain.report, plain.findings)) {
        files.push(await notChecked(uri, M.notAReport, true));
        continue;
      }
      // Compared with last year's report of the same body, as an open document is.
      const { analysis, previous } = await ctx.withPrevious(plain, options);
      const items = diagnosticsFor(ctx, { doc, isReport: true, analysis, settings, locale: ctx.settings.localeOf(settings), ...(previous ? { previous } : {}) });
      const count = (s: number): number => items.filter((d) => d.severity === s).length;
      files.push({ uri, errors: count(1), warnings: count(2), infos: count(3), hints: count(4) });
      if (!open) {
        diagnostics.notePushedForClosed(uri);
        await ctx.connection.sendDiagnostics({ uri, diagnostics: items });
      }
      // Let other messages (cancellation, edits) through between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { files, cancelled: false };
  }));
}
