/**
 * The bundled language server (`node dist/server.js --stdio`) driven byte by byte, for framing
 * errors a real JSON-RPC library would never send: garbage between messages, bad headers,
 * invalid JSON. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureServerBuilt, ROOT, SERVER } from '../server/harness';

export interface RpcMessage {
  readonly jsonrpc?: string;
  readonly id?: number | string | null;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

/** One framed message: `Content-Length: n\r\n\r\n` and the body (an object, or raw text as given). */
export function frame(body: unknown): Buffer {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

export class RawServer {
  readonly proc: ChildProcess;
  readonly messages: RpcMessage[] = [];
  stderr = '';
  #buffer = Buffer.alloc(0);
  #waiters: { match: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor() {
    ensureServerBuilt();
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (d: Buffer) => this.#onData(d));
    this.proc.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.proc.stdin?.on('error', () => undefined); // the server may be gone
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  #onData(d: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, d]);
    for (;;) {
      const head = this.#buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, head).toString('ascii'));
      if (!m) throw new Error(`bad header from the server: ${this.#buffer.subarray(0, head).toString()}`);
      const length = Number(m[1]);
      if (this.#buffer.length < head + 4 + length) return;
      const body = this.#buffer.subarray(head + 4, head + 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(head + 4 + length);
      const msg = JSON.parse(body) as RpcMessage;
      this.messages.push(msg);
      this.#waiters = this.#waiters.filter((w) => (w.match(msg) ? (w.resolve(msg), false) : true));
    }
  }

  send(bytes: Buffer | string): void {
    this.proc.stdin?.write(bytes);
  }

  /** The first message (received already or later) that matches, or undefined after `timeoutMs`. */
  waitFor(match: (m: RpcMessage) => boolean, timeoutMs = 10_000): Promise<RpcMessage | undefined> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.#waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Sends a request and waits for its response (undefined after `timeoutMs`). */
  request(id: number, method: string, params: unknown, timeoutMs = 10_000): Promise<RpcMessage | undefined> {
    this.send(frame({ jsonrpc: '2.0', id, method, params }));
    return this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
  }

  notify(method: string, params: unknown): void {
    this.send(frame({ jsonrpc: '2.0', method, params }));
  }

  async initialize(): Promise<void> {
    const r = await this.request(0, 'initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
    if (!r || !r.result) throw new Error(`initialize failed: ${JSON.stringify(r)}\n${this.stderr}`);
    this.notify('initialized', {});
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async kill(): Promise<void> {
    if (this.alive) {
      this.proc.kill();
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
    }
  }
}
