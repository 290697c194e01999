/**
 * What may be read as a report, and how its bytes become text: one set of decisions for the CLI and for the
 * editor's workspace check. Only regular files (a FIFO blocks, /dev/zero never ends), at most MAX_FILE_MIB,
 * decoded as UTF-8 (with or without BOM), UTF-16 with BOM or GB18030; empty files are skipped, binary ones
 * (of no format the import layer reads) cannot be read.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeBytes, type EncodingName } from './encoding';
import type { Localized } from '../../../shared/src/index';
import { M } from './messages';

/** Files larger than this are skipped (a report is tens of kilobytes). */
export const MAX_FILE_MIB = 32;
export const MAX_FILE_BYTES = MAX_FILE_MIB * 1024 * 1024;

export type ReadDecision =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: EncodingName }
  /** Not checked, and not an error: empty, too large, not a regular file. */
  | { readonly kind: 'skipped'; readonly reason: Localized; readonly encoding: EncodingName | null }
  /** Could not be made into text: an error the user must hear of. */
  | { readonly kind: 'unreadable'; readonly reason: Localized };

/** Why a file with these stats is not read at all, if it is not. */
export function statRefusal(st: Stats): Localized | undefined {
  if (!st.isFile()) return M.notRegular;
  if (st.size > MAX_FILE_BYTES) return M.tooLarge(MAX_FILE_MIB);
  return undefined;
}

/** The text of a report file's bytes, or why there is none. */
export function decodeForCheck(bytes: Uint8Array): ReadDecision {
  if (bytes.length > MAX_FILE_BYTES) return { kind: 'skipped', reason: M.tooLarge(MAX_FILE_MIB), encoding: null };
  const decoded = decodeBytes(bytes);
  if (decoded.kind === 'binary') return { kind: 'unreadable', reason: M.binary };
  if (decoded.kind === 'undecodable') return { kind: 'unreadable', reason: M.undecodable };
  if (decoded.text.trim() === '') return { kind: 'skipped', reason: M.empty, encoding: decoded.encoding };
  return { kind: 'text', text: decoded.text, encoding: decoded.encoding };
}

/**
 * Reads a report file's bytes asynchronously with the same rules (for the language server), or why not.
 * The file is opened once and checked through that handle, so a file swapped for a FIFO between the check
 * and the read cannot block.
 */
export async function readReportBytes(path: string): Promise<Uint8Array | Exclude<ReadDecision, { kind: 'text' }>> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => e);
  if (handle instanceof Error) return { kind: 'unreadable', reason: { zh: `无法读取：${handle.message}`, en: `cannot read: ${handle.message}` } };
  try {
    const refusal = statRefusal(await handle.stat());
    if (refusal) return { kind: 'skipped', reason: refusal, encoding: null };
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
