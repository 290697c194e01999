/**
 * The read-only documents that show a converted file (web page, Word, PDF) as the text the checker reads. Their
 * URI is the original's path under the scheme `xxgk-report-extract` with `.txt` appended, so the editor gives them
 * the report language and the original is found again by dropping the suffix.
 */
export const EXTRACT_SCHEME = 'xxgk-report-extract';
const SUFFIX = '.txt';

/** `file:///r/2022.pdf` → `xxgk-report-extract:///r/2022.pdf.txt`. */
export function extractedUri(fileUri: string): string {
  const u = new URL(fileUri);
  return `${EXTRACT_SCHEME}://${u.host}${u.pathname}${SUFFIX}`;
}

/** The original `file:` URI of an extracted document, or undefined for any other URI. */
export function originalUri(uri: string): string | undefined {
  if (!uri.startsWith(`${EXTRACT_SCHEME}:`)) return undefined;
  const u = new URL(uri);
  if (!u.pathname.endsWith(SUFFIX)) return undefined;
  return `file://${u.host}${u.pathname.slice(0, -SUFFIX.length)}`;
}
