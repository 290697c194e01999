/**
 * Watches the LSP byte stream from the client (headers + bodies) and passes it on unchanged, keeping in step
 * with vscode-jsonrpc's reader. That reader drops a header block without Content-Length and reads on; it
 * only stays in step if a header follows. So the guard reports a broken stream (the server then exits and
 * the editor restarts a clean one) when a Content-Length is not a whole number, or when something other than
 * a header follows a header block that had none.
 */
import { Transform, type TransformCallback } from 'node:stream';

const SEPARATOR = Buffer.from('\r\n\r\n');
const MAX_HEADER = 64 * 1024;

export class FrameGuard extends Transform {
  #pending = Buffer.alloc(0);
  /** Bytes of the current body still to pass before the next header block. */
  #bodyLeft = 0;
  /** The last header block had no Content-Length: what follows must be a header. */
  #mustBeHeader = false;

  constructor(private readonly onBroken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.push(chunk);
    let data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.#bodyLeft > 0) {
        const n = Math.min(this.#bodyLeft, data.length);
        this.#bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      if (this.#mustBeHeader) {
        const probe = data.subarray(0, 40).toString('latin1');
        if (/^[A-Za-z][A-Za-z0-9-]*[ \t]*:/.test(probe)) this.#mustBeHeader = false;
        else if (/^[A-Za-z0-9-]*[ \t]*$/.test(probe) && data.length < 40) {
          this.#pending = Buffer.from(data);
          break;
        } else return this.#broken('a body after a header without Content-Length', done);
      }
      const end = data.indexOf(SEPARATOR);
      if (end < 0) {
        if (data.length > MAX_HEADER) return this.#broken('a header block without an end', done);
        this.#pending = Buffer.from(data);
        break;
      }
      const header = data.subarray(0, end).toString('ascii');
      const m = /(?:^|\r\n)content-length[ \t]*:[ \t]*([^\r\n]*)/i.exec(header);
      if (!m) {
        this.#mustBeHeader = true;
        data = data.subarray(end + SEPARATOR.length);
        continue;
      }
      const value = m[1].trim();
      if (!/^\d+$/.test(value)) return this.#broken(`Content-Length "${value}"`, done);
      this.#bodyLeft = Number(value);
      data = data.subarray(end + SEPARATOR.length);
    }
    done();
  }

  #broken(reason: string, done: TransformCallback): void {
    done();
    this.onBroken(reason);
  }
}
