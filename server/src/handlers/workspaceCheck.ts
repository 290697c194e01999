/**
 * `xxgk-report/checkFiles` {uris}: checks files that are not open (read from disk) and pushes
 * their diagnostics, so a workspace check fills the Problems panel. Open documents are left to
 * the normal diagnostics flow. Honours cancellation between files.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RequestType, type CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { DocumentCache } from '../documentCache';
import { toCheckOptions } from '../settings';
import { diagnosticsFor, type DiagnosticsHandle } from './diagnostics';

export interface CheckFilesParams {
  readonly uris: readonly string[];
}

export interface CheckedFile {
  readonly uri: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  /** Set when the file could not be read. */
  readonly failed?: string;
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
    // A private cache: these analyses are used once.
    const cache = new DocumentCache((e) => ctx.log('checkFiles analysis', e), ctx.maxLength);
    for (const uri of uris) {
      if (token.isCancellationRequested) return { files, cancelled: true };
      const open = ctx.documents.get(uri);
      let doc: TextDocument;
      if (open) {
        doc = open;
      } else {
        try {
          const raw = await readFile(fileURLToPath(uri), 'utf8');
          doc = TextDocument.create(uri, 'xxgk-report', 0, raw.replace(/^\uFEFF/, ''));
        } catch (e) {
          files.push({ uri, errors: 0, warnings: 0, infos: 0, hints: 0, failed: e instanceof Error ? e.message : String(e) });
          continue;
        }
      }
      const settings = await ctx.settings.get(uri);
      const analysis = cache.get(uri, doc.version, doc.getText(), toCheckOptions(settings));
      const items = diagnosticsFor(ctx, { doc, analysis, settings, locale: ctx.settings.localeOf(settings) });
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
