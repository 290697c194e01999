/**
 * The import layer: a report that arrives as a web page, a Word document or a PDF becomes the text the checker
 * reads, plus a map from that text back to where each line came from in the original. Readers are pure (bytes or
 * a string in, data out): no Node IO, so the CLI, the language server and the tests share them.
 *
 * The text is the form every other layer already reads: paragraphs one per line, and each table row one line with
 * its cells separated by tabs (a merged cell repeated in every grid column it spans for header rows, left
 * empty after its first column for value rows), tables separated from prose by a blank line.
 */
import type { Localized } from '../rules/types';

/** The formats a report arrives in. `text` covers .txt and .md (read as they are). */
export type SourceFormat = 'text' | 'html' | 'docx' | 'pdf';

/** Where a line of the extracted text came from in the original document. All numbers are 1-based. */
export interface SourceLocation {
  /** PDF: the page. */
  readonly page?: number;
  /** Word: the paragraph in document order (body paragraphs, not counting those inside tables). */
  readonly paragraph?: number;
  /** Word, web page, PDF: the table in document order. */
  readonly table?: number;
  /** The row within that table. */
  readonly row?: number;
  /** Web page: the offset (UTF-16 code units, 0-based) of the element's start tag in the decoded source. */
  readonly offset?: number;
}

/** One line of the extracted text and its origin. `start`/`end` are offsets into `ImportedText.text`. */
export interface SourceLine {
  readonly start: number;
  readonly end: number;
  readonly source: SourceLocation;
  /** For a table row: where each cell starts in the text (offsets into `ImportedText.text`), in column order. */
  readonly cells?: readonly number[];
}

export interface ImportedText {
  readonly kind: 'text';
  readonly format: SourceFormat;
  /** The report as the checker reads it, `\n` line ends. */
  readonly text: string;
  /** One entry per non-blank line of `text`, in order. */
  readonly lines: readonly SourceLine[];
  /** What the reader dropped or could not use (tracked deletions, images, a table it could not rebuild…). */
  readonly notes: readonly Localized[];
}

/** A file that cannot be checked, and why, in words a user can act on. Never a clean verdict. */
export interface ImportRefusal {
  readonly kind: 'refused';
  readonly format: SourceFormat | 'doc' | 'wps' | 'unknown';
  readonly reason: Localized;
}

export type ImportResult = ImportedText | ImportRefusal;
