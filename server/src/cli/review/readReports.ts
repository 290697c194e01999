/**
 * `review`'s work on one file, on a worker thread or the main one: read and convert it as `check` does
 * (`readEntry`), split a consolidated file into its reports (`reportStarts`) and check each one on its own. The
 * cross-year rules need last year's report, which may be in any other file: they run afterwards on the main
 * thread (`crossYearFindings`), on the reports sent back here. Everything returned is plain, cloneable data.
 */
import {
  analyze, isNotAReport, reportCoverage, reportStarts, type Finding, type Report, type SourceLine,
} from '../../../../shared/src/index';
import { readEntry, type FileEnv, type FileJob } from '../checkFile';
import { M } from '../messages';
import { normalizeEol } from '../text';
import type { WalkEntry } from '../walk';

export interface ReviewPart {
  /** 1-based place in the file. */
  readonly part: number;
  /** Offset of the report in the file's text (line ends normalised to LF, which keeps lines and columns). */
  readonly offset: number;
  /** 0-based line of its first line. */
  readonly lineOffset: number;
  readonly report: Report;
  readonly findings: readonly Finding[];
  /** Not a report (no title, no table): not checked. */
  readonly note?: string;
}

export interface ReviewFileOutcome {
  readonly file: string;
  readonly format?: 'html' | 'docx' | 'pdf';
  /** Could not be read, decoded or converted (a row all the same, and exit 2). */
  readonly error?: string;
  /** Not checked at all: empty, too large, not a regular file. */
  readonly note?: string;
  readonly parts: readonly ReviewPart[];
  /** A converted file's source map (its text has LF line ends already, so offsets are the parts' ones). */
  readonly sourceLines?: readonly SourceLine[];
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export async function readReviewFile(entry: WalkEntry, job: FileJob, env: FileEnv): Promise<ReviewFileOutcome> {
  const { lang } = job;
  const read = await readEntry(entry, env, lang);
  if (read.kind === 'done') {
    const r = read.outcome.result;
    return { file: entry.path, ...(r.error !== undefined ? { error: r.error } : { note: r.note ?? '' }), parts: [] };
  }
  const { decoded } = read;
  const imported = decoded.kind === 'imported' ? decoded.imported : undefined;
  const format = imported ? (imported.format as 'html' | 'docx' | 'pdf') : undefined;
  try {
    const text = normalizeEol(decoded.text).text;
    const starts = reportStarts(text);
    const parts: ReviewPart[] = [];
    for (let i = 0; i < starts.length; i++) {
      const offset = starts[i];
      const partText = starts.length === 1 ? text : text.slice(offset, starts[i + 1] ?? text.length);
      const { report, findings } = analyze(partText, { ...job.options, reuse: false });
      const notAReport = isNotAReport(report, findings, reportCoverage(report));
      parts.push({
        part: i + 1,
        offset,
        lineOffset: countLines(text, offset),
        report,
        findings,
        ...(notAReport ? { note: M.notAReport[lang] } : {}),
      });
    }
    return { file: entry.path, ...(format ? { format } : {}), parts, ...(imported ? { sourceLines: imported.lines } : {}) };
  } catch (e) {
    return { file: entry.path, ...(format ? { format } : {}), error: M.internal(entry.path, e instanceof Error ? e.message : String(e))[lang], parts: [] };
  }
}
