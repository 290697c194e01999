/**
 * The server's only memory: (uri, version, options) → {report, findings}. A request for a
 * version that is no longer current recomputes; closing a document drops its entry.
 */
import { analyze, type CheckOptions, type Finding, type Report } from '../../shared/src/index';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly report: Report;
  readonly findings: readonly Finding[];
  /** Set when the document was too large to analyse; the report is then empty. */
  readonly skipped?: { readonly size: number };
}

/** Documents larger than this (UTF-16 code units, about 5 MB of text) are not analysed. */
export const MAX_ANALYSED_LENGTH = 5 * 1024 * 1024;

interface Entry {
  readonly version: number;
  readonly key: string;
  readonly analysis: Analysis;
}

export class DocumentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxLength: number;
  /** Called when the core throws (it should not); the cache then stores an empty analysis. */
  readonly #onError: (e: unknown) => void;

  constructor(onError: (e: unknown) => void, maxLength = MAX_ANALYSED_LENGTH) {
    this.#onError = onError;
    this.#maxLength = maxLength;
  }

  get(uri: string, version: number, text: string, options: CheckOptions): Analysis {
    const key = JSON.stringify(options);
    const hit = this.#entries.get(uri);
    if (hit && hit.version === version && hit.key === key) return hit.analysis;
    const analysis = this.#compute(uri, version, text, options);
    this.#entries.set(uri, { version, key, analysis });
    return analysis;
  }

  /** The cached analysis of exactly this version, if any (never computes). */
  peek(uri: string, version: number): Analysis | undefined {
    const hit = this.#entries.get(uri);
    return hit && hit.version === version ? hit.analysis : undefined;
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }

  clear(): void {
    this.#entries.clear();
  }

  #compute(uri: string, version: number, text: string, options: CheckOptions): Analysis {
    // The limit counts a line break as one character whatever its style, so a CRLF file is checked exactly when
    // the same text with LF is (and the CLI, which reads both the same way, agrees).
    if (text.length > this.#maxLength && lengthWithoutCr(text) > this.#maxLength) {
      return { uri, version, report: emptyReport(''), findings: [], skipped: { size: text.length } };
    }
    try {
      const { report, findings } = analyze(text, options);
      return { uri, version, report, findings };
    } catch (e) {
      this.#onError(e);
      return { uri, version, report: emptyReport(text), findings: [] };
    }
  }
}

/** The length of `text` with each `\r\n` counted as one character. */
function lengthWithoutCr(text: string): number {
  let n = text.length;
  for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) n--;
  return n;
}

export function emptyReport(text: string): Report {
  return { text, sections: [], tables: [], figures: [], templateEvidence: [], tableRegions: [], suppressions: [] };
}
