/**
 * A client that stops reading the server's answers: the server stops reading too (so neither the requests nor
 * the answers pile up in its memory), loses nothing, and answers everything once the client reads again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { ROOT, SERVER } from './harness';

const REQUESTS = 20_000;

function frame(msg: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test('a client that stops reading: the server stops reading, then answers every request once the client reads again', async () => {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt'), 'utf8');
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    proc.stdout.pause();
    proc.stdin.write(frame({ id: 'init', method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    proc.stdin.write(frame({ method: 'initialized', params: {} }));
    proc.stdin.write(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///flood.txt', languageId: 'xxgk-report', version: 1, text } } }));
    for (let i = 0; i < REQUESTS; i++) {
      proc.stdin.write(frame({ id: i, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///flood.txt' } } }));
    }
    // Without backpressure the server reads all ~3 MB of requests at once and queues ~100 MB of answers.
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(proc.stdin.writableLength > 0, 'the server stopped reading while its answers were not read');
    assert.equal(proc.exitCode, null);

    const answered = new Set<unknown>();
    const reader = new StreamMessageReader(proc.stdout);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${answered.size} of ${REQUESTS + 1} answers arrived`)), 30_000);
      reader.listen((msg) => {
        const m = msg as { id?: unknown; result?: unknown; error?: unknown };
        if (m.id !== undefined && !('method' in msg)) {
          assert.equal(m.error, undefined);
          answered.add(m.id);
        }
        if (answered.size === REQUESTS + 1) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stdout.resume();
    });
    assert.equal(proc.stdin.writableLength, 0, 'the server read every request');
    for (let i = 0; i < REQUESTS; i++) assert.ok(answered.has(i), `answer ${i}`);
    reader.dispose();
  } finally {
    proc.stdin.on('error', () => undefined);
    proc.kill();
  }
});
