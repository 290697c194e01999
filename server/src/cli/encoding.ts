/**
 * Detecting a report file's encoding, decoding it exactly, and encoding text back to the same bytes.
 *
 * Order of detection:
 *  1. a byte-order mark: UTF-8 (EF BB BF), UTF-16 LE (FF FE), UTF-16 BE (FE FF);
 *  2. a NUL byte in the first 8 KiB without a UTF-16 BOM: a binary file, skipped;
 *  3. valid UTF-8 (decoded with `fatal: true`);
 *  4. valid GB18030 (which includes GBK and GB2312), decoded with `fatal: true`;
 *  5. otherwise the file is undecodable and is not checked.
 */
import * as iconv from 'iconv-lite';

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const ENCODINGS: readonly EncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'];

export type DecodeResult =
  | { readonly kind: 'text'; readonly encoding: EncodingName; readonly text: string }
  | { readonly kind: 'binary' }
  | { readonly kind: 'undecodable' };

/** How many leading bytes are searched for a NUL byte to call a file binary. */
export const BINARY_SNIFF_BYTES = 8192;

function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: true keeps a (second) BOM in the text instead of silently dropping it, so that
    // decoding and encoding back stay exact; the leading BOM has already been cut off by the caller.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length >= 3 && b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    return text === undefined ? { kind: 'undecodable' } : { kind: 'text', encoding: 'utf-8-bom', text };
  }
  if (bytes.length >= 2 && b0 === 0xff && b1 === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2));
    return text === undefined ? { kind: 'undecodable' } : { kind: 'text', encoding: 'utf-16le', text };
  }
  if (bytes.length >= 2 && b0 === 0xfe && b1 === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2));
    return text === undefined ? { kind: 'undecodable' } : { kind: 'text', encoding: 'utf-16be', text };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { kind: 'binary' };
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== undefined) return { kind: 'text', encoding: 'utf-8', text: utf8 };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== undefined) return { kind: 'text', encoding: 'gb18030', text: gb };
  return { kind: 'undecodable' };
}

/** Encodes text (without its BOM) back into the file's encoding, adding the BOM the encoding implies. */
export function encodeText(text: string, encoding: EncodingName): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      le.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

/**
 * True when encoding `text` back gives exactly `original`: the only condition under which the CLI
 * rewrites a file. UTF-8 and UTF-16 decoded with `fatal` always round-trip; GB18030 usually does,
 * but the WHATWG decoder and iconv-lite's encoder disagree on a few code points (e.g. the single
 * byte 0x80, decoded as €), so it is checked byte for byte.
 */
export function roundTrips(original: Uint8Array, text: string, encoding: EncodingName): boolean {
  const again = encodeText(text, encoding);
  return Buffer.compare(again, Buffer.from(original.buffer, original.byteOffset, original.byteLength)) === 0;
}
