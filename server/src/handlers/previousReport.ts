/**
 * `xxgk-report/previousReport` {uri} → {uri, year} | null: last year's report of the same body for an open report
 * (for "与上年报告对比"). Waits for the workspace index, so a report the background index has not reached yet is
 * still found.
 */
import { RequestType } from 'vscode-languageserver/node';
import { z } from 'zod';
import type { ServerContext } from '../context';

const Params = z.object({ uri: z.string() });

export interface PreviousReportResult {
  readonly uri: string;
  readonly year?: number;
}

export const PreviousReportRequest = new RequestType<{ uri: string }, PreviousReportResult | null, void>('xxgk-report/previousReport');

export function registerPreviousReport(ctx: ServerContext): void {
  ctx.connection.onRequest(PreviousReportRequest, ctx.guard('xxgk-report/previousReport', null as PreviousReportResult | null, async (raw) => {
    const params = Params.safeParse(raw);
    if (!params.success) return null;
    const doc = ctx.documents.get(params.data.uri);
    if (!doc) return null;
    await ctx.previous.settled();
    const previous = await ctx.previous.find(doc.uri, ctx.reportOf(doc));
    return previous ? { uri: previous.uri, ...(previous.report.year !== undefined ? { year: previous.report.year } : {}) } : null;
  }));
}
