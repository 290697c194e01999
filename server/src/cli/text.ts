/**
 * Line endings and positions.
 *
 * The core is given text with every line ending as `\n`; findings are mapped back to offsets in the
 * file's own text (CRLF and lone CR kept) so that fixes touch only what they fix and positions match
 * what an editor shows. Positions follow LSP: lines split at `\r\n`, `\n` and `\r`; a character is a
 * UTF-16 code unit.
 */

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly character: number;
}

export type EolStyle = 'lf' | 'crlf' | 'cr';

export interface NormalizedText {
  /** The text with `\r\n` and lone `\r` replaced by `\n`. */
  readonly text: string;
  /** Maps an offset in `text` to the offset in the original text. */
  toOriginal(offset: number): number;
}

/** The number of entries in the sorted array `a` that are less than `x`. */
function countBelow(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function normalizeEol(original: string): NormalizedText {
  if (!original.includes('\r')) return { text: original, toOriginal: (n) => n };
  // For each removed `\r` (of a `\r\n`), the index of its `\n` in the normalized text.
  const removed: number[] = [];
  const parts: string[] = [];
  let last = 0;
  let shift = 0;
  for (let i = original.indexOf('\r'); i !== -1; i = original.indexOf('\r', i + 1)) {
    parts.push(original.slice(last, i));
    if (original.charCodeAt(i + 1) === 10) {
      removed.push(i - shift);
      shift++;
      last = i + 1; // keep the `\n`
    } else {
      parts.push('\n');
      last = i + 1;
    }
  }
  parts.push(original.slice(last));
  const text = parts.join('');
  return { text, toOriginal: (n) => n + countBelow(removed, n) };
}

/** The line ending most used in the text (`lf` when there is none). */
export function dominantEol(text: string): EolStyle {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return 'crlf';
  if (cr > lf && cr > crlf) return 'cr';
  return 'lf';
}

/** Rewrites the `\n` of text produced for normalized text into the file's line ending. */
export function withEol(text: string, eol: EolStyle): string {
  if (eol === 'lf' || !text.includes('\n')) return text;
  return text.replace(/\r?\n/g, eol === 'crlf' ? '\r\n' : '\r');
}

/** Converts UTF-16 offsets into LSP positions for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = countBelow(this.starts, o + 1) - 1;
    return { line, character: o - this.starts[line] };
  }
}
