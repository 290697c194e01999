/**
 * Resilience of the real bundled language server (`node dist/server.js --stdio`, built on demand by
 * the harness): malformed JSON-RPC, out-of-order document messages, a 20 MB document, 500 rapid
 * edits, and cancellation. After every scenario the server must still answer documentSymbol and
 * hover correctly (`assertHealthy`), and the final diagnostics must be those of the final text.
 *
 * Complements test/server/lsp.test.ts ("LSP: robustness"), which covers wrong parameter types,
 * unknown methods, a change to a never-opened document and a document over the size limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, DocumentSymbol, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, outline } from '../../shared/src/index';
import { LspClient, ROOT } from '../server/harness';
import { RawServer, frame } from './rawServer';

/** These tests compare every published diagnostic with the core's findings: no cap on their number. */
const UNCAPPED = { debounceMs: 0, maxProblems: 100_000 };
const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', '004_74e3e29789819dcb.txt'), 'utf8');
const DRAFT = readFileSync(join(ROOT, 'test', 'fixtures', 'synthetic', 'gov2021-tabs.txt'), 'utf8');
let counter = 0;
const uri = (name: string): string => `file:///xxgk-robustness/${++counter}-${encodeURIComponent(name)}`;

/** Line starts on `\r\n`, `\n` and `\r`, as LSP (and TextDocument) count lines. */
function positions(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** The diagnostics the core gives for `text`, as sorted `rule@line:char-line:char` keys. */
function expectedKeys(text: string): string[] {
  const pos = positions(text);
  return analyze(text).findings.map((f) => {
    const s = pos(f.span.start);
    const e = pos(f.span.end);
    return `${f.ruleId}@${s.line}:${s.character}-${e.line}:${e.character}`;
  }).sort();
}

function keys(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

/** documentSymbol and hover still answer correctly on a freshly opened seed report. */
async function assertHealthy(client: LspClient): Promise<void> {
  assert.equal(client.proc.exitCode, null, `the server exited\n${client.stderr}`);
  const u = uri('health.txt');
  await client.open(u, SEED);
  const pull = client.initializeResult?.capabilities.diagnosticProvider !== undefined;
  const diagnostics = pull
    ? (await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } })).items
    : (await client.diagnostics(u)).diagnostics;
  assert.deepEqual(keys(diagnostics), expectedKeys(SEED));
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
  assert.deepEqual(symbols.map((s) => s.name), outline(analyze(SEED).report).map((n) => n.name));
  const sum = analyze(SEED).findings.find((f) => f.ruleId === 'sum-mismatch');
  assert.ok(sum);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: positions(SEED)(sum.span.start) });
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents && h.contents.value.includes(sum.message.zh), 'hover on the wrong total');
  await client.close(u);
}

/** The last publication for `uri` once `version` has been published and the server has gone quiet. */
async function settled(client: LspClient, u: string, version: number, quietMs = 400): Promise<PublishDiagnosticsParams> {
  await client.diagnostics(u, (p) => p.version === version, 60_000);
  let count = -1;
  while (count !== client.published.length) {
    count = client.published.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  const mine = client.published.filter((p) => p.uri === u);
  return mine[mine.length - 1];
}

describe('server: malformed JSON-RPC on the wire', () => {
  const recoverable: [string, Buffer][] = [
    ['garbage bytes without a header', Buffer.from('\u0000\u00ff\u0001 garbage\r\n\r\n', 'latin1')],
    ['invalid JSON in a well-framed message', frame('{"jsonrpc":"2.0","id":7,"method":')],
    ['a JSON array body', frame('[1,2,3]')],
    ['a JSON number body', frame('42')],
    ['a JSON null body', frame('null')],
    ['invalid UTF-8 in the body', Buffer.concat([Buffer.from('Content-Length: 4\r\n\r\n'), Buffer.from([0xff, 0xfe, 0xfd, 0xfc])])],
    ['an unknown charset in Content-Type', Buffer.from('Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{}')],
    ['a message with an id and no method', frame({ jsonrpc: '2.0', id: 8 })],
    ['a request with jsonrpc 1.0 and no params', frame({ jsonrpc: '1.0', id: 9, method: 'textDocument/hover' })],
    ['a response to a request never sent', frame({ jsonrpc: '2.0', id: 12345, result: { x: 1 } })],
    ['a notification with params of the wrong type', frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: 'not an object' })],
    ['didOpen without text', frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.txt', version: 1 } } })],
    ['didChange with a range of NaN and negative positions', frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///x.txt', version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 'a' }, end: { line: null, character: -9 } }, text: 'x' }] } })],
    ['a message split into one-byte chunks', frame({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: null } })],
  ];

  // One server takes every recoverable case in turn: each is followed by a fresh document and a
  // request that must be answered (a case that broke the stream would fail there, by name).
  test('recoverable garbage: after each, a new document is checked and answered', async () => {
    const server = new RawServer();
    const expected = outline(analyze(SEED).report).map((n) => n.name);
    try {
      await server.initialize();
      let id = 100;
      for (const [name, bytes] of recoverable) {
        if (name.includes('one-byte')) {
          for (const b of bytes) server.send(Buffer.from([b]));
        } else server.send(bytes);
        // Let the bad bytes arrive on their own (see the todo test below for why).
        await new Promise((r) => setTimeout(r, 50));
        const docUri = `file:///ok-${id}.txt`;
        server.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'xxgk-report', version: 1, text: SEED } });
        const r = await server.request(++id, 'textDocument/documentSymbol', { textDocument: { uri: docUri } }, 20_000);
        assert.ok(r, `no answer after: ${name}\n${server.stderr}`);
        assert.deepEqual((r.result as DocumentSymbol[]).map((s) => s.name), expected, name);
        const pushed = await server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === docUri, 20_000);
        assert.ok(pushed, `diagnostics for the document opened after: ${name}`);
        assert.ok(server.alive, name);
      }
      // Requests that were answered carry either a result or a JSON-RPC error, never both.
      for (const m of server.messages) if (m.id !== undefined && m.method === undefined) assert.ok(('result' in m) !== ('error' in m), JSON.stringify(m));
    } finally {
      await server.kill();
    }
  });

  // vscode-jsonrpc's reader returns after a bad header without reading the rest of the chunk, so a
  // valid request written together with the bad bytes waits until the client sends something else.
  test('a bad header and a valid request in one write: the request is answered without more input', { todo: 'upstream: vscode-jsonrpc reader stops at a bad header until more bytes arrive' }, async () => {
    const server = new RawServer();
    try {
      await server.initialize();
      server.send(Buffer.concat([Buffer.from('garbage\r\n\r\n'), frame({ jsonrpc: '2.0', id: 100, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///none.txt' } } })]));
      const r = await server.waitFor((m) => m.id === 100, 2000);
      assert.ok(r, 'the request is stuck in the reader until more data arrives');
    } finally {
      await server.kill();
    }
  });

  // A header without Content-Length (or with a negative one) desynchronises the byte stream for
  // good: every later message is eaten as a header. The server then neither answers nor exits,
  // so an editor would see a frozen server; the server now exits instead (server/src/frameGuard.ts).
  for (const [name, bytes] of [
    ['a header without Content-Length', Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n{}')],
    ['a negative Content-Length', Buffer.from('Content-Length: -5\r\n\r\n')],
  ] as const) {
    test(`${name}: the server answers again or exits (so the client can restart it)`, async () => {
      const server = new RawServer();
      try {
        await server.initialize();
        server.send(bytes);
        await new Promise((r) => setTimeout(r, 100));
        const r = await server.request(100, 'textDocument/documentSymbol', { textDocument: { uri: 'file:///none.txt' } }, 1500);
        const exited = await Promise.race([server.exited.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 500))]);
        assert.ok(r !== undefined || exited, 'the server neither answers nor exits');
      } finally {
        await server.kill();
      }
    });
  }

  test('exit without shutdown ends the process promptly', async () => {
    const server = new RawServer();
    try {
      await server.initialize();
      server.notify('exit', null);
      const code = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5000))]);
      assert.notEqual(code, 'still running');
    } finally {
      await server.kill();
    }
  });
});

describe('server: out-of-order and inconsistent document messages', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: UNCAPPED });
  });
  after(async () => {
    await client.stop();
  });

  test('didChange before didOpen is ignored; the opened text is what gets checked', async () => {
    const u = uri('early.txt');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 5 }, contentChanges: [{ text: 'garbage that must not be checked' }] });
    await client.open(u, DRAFT);
    const p = await client.diagnostics(u, (x) => x.version === 1);
    assert.deepEqual(keys(p.diagnostics), expectedKeys(DRAFT));
    await client.close(u);
    await assertHealthy(client);
  });

  test('requests for a closed document answer empty; its diagnostics are cleared', async () => {
    const u = uri('closed.txt');
    await client.open(u, SEED);
    await client.diagnostics(u, (x) => x.version === 1);
    await client.close(u);
    const cleared = await client.diagnostics(u, (x) => x.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: { uri: u } }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    // A change and a close for the closed document are ignored.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 9 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri('never-opened.txt') } });
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: uri('never-opened.txt') } });
    await assertHealthy(client);
  });

  test('a version that goes backwards: the diagnostics follow the text, not the number', async () => {
    const u = uri('backwards.txt');
    await client.open(u, SEED, 'xxgk-report', 10);
    await client.diagnostics(u, (x) => x.version === 10);
    const changed = DRAFT;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 3 }, contentChanges: [{ text: changed }] });
    const last = await settled(client, u, 3);
    assert.equal(last.version, 3);
    assert.deepEqual(keys(last.diagnostics), expectedKeys(changed));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(symbols.map((s) => s.name), outline(analyze(changed).report).map((n) => n.name));
    await client.close(u);
    await assertHealthy(client);
  });

  for (const [version, what] of [[2, ': the second text wins'], [1, ' with the same version: the second text is checked, not the cached first']] as const) {
    test(`didOpen twice for one document${what}`, async () => {
      const u = uri(`twice-v${version}.txt`);
      await client.open(u, SEED);
      await client.diagnostics(u, (x) => x.version === 1);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'xxgk-report', version, text: DRAFT } });
      const last = await settled(client, u, version);
      assert.deepEqual(keys(last.diagnostics), expectedKeys(DRAFT));
      await client.close(u);
      await assertHealthy(client);
    });
  }

  test('ranges past the end, reversed ranges and surrogate-splitting edits are applied as TextDocument does', async () => {
    const u = uri('ranges.txt');
    const start = `𠀀${DRAFT}`;
    await client.open(u, start);
    await client.diagnostics(u, (x) => x.version === 1);
    let mirror = TextDocument.create(u, 'xxgk-report', 1, start);
    const changes = [
      { range: { start: { line: 99_999, character: 0 }, end: { line: 99_999, character: 5 } }, text: '\n末尾追加 12 件。' },
      { range: { start: { line: 3, character: 50 }, end: { line: 2, character: 1 } }, text: '（倒序）' },
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\ud800' },
      { range: { start: { line: 5, character: 10_000 }, end: { line: 6, character: 0 } }, text: '' },
    ];
    let version = 1;
    for (const change of changes) {
      version++;
      mirror = TextDocument.update(mirror, [change], version);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [change] });
    }
    const last = await settled(client, u, version);
    assert.deepEqual(keys(last.diagnostics), expectedKeys(mirror.getText()));
    await client.close(u);
    await assertHealthy(client);
  });
});

describe('server: a 20 MB document', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: UNCAPPED });
  });
  after(async () => {
    await client.stop();
  });

  test('answers at once with one clear diagnostic, and keeps serving other documents', async (t) => {
    const u = uri('twenty-mb.txt');
    const huge = SEED.repeat(Math.ceil((20 * 1024 * 1024) / SEED.length)).slice(0, 20 * 1024 * 1024);
    const t0 = Date.now();
    await client.open(u, huge);
    const p = await client.diagnostics(u, (x) => x.version === 1, 30_000);
    const openMs = Date.now() - t0;
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].code, 'document-too-large');
    assert.match(String(p.diagnostics[0].message), /20\.0/);
    const t1 = Date.now();
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
    const h = await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 100, character: 3 } });
    assert.equal(h, null);
    const requestMs = Date.now() - t1;
    // An edit of the huge document is applied and answered just as fast.
    const t2 = Date.now();
    await client.change(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '前言\n');
    const again = await client.diagnostics(u, (x) => x.version === 2, 30_000);
    const editMs = Date.now() - t2;
    assert.equal(again.diagnostics.length, 1);
    t.diagnostic(`20 MB: open → diagnostic ${openMs} ms (incl. sending 40 MB of JSON), symbol+hover ${requestMs} ms, one edit → diagnostic ${editMs} ms`);
    assert.ok(openMs < 15_000 && requestMs < 5_000 && editMs < 15_000, 'the server did not freeze');
    await assertHealthy(client);
    await client.close(u);
  });

  // Slow (a full check of 4.5 MB): run with XXGK_SLOW_TESTS=1; its measurement is in docs/robustness.md.
  test('a document just under the limit (4.5 MB of real report text) is checked; the server answers meanwhile-queued requests afterwards', { skip: process.env.XXGK_SLOW_TESTS ? false : 'set XXGK_SLOW_TESTS=1' }, async (t) => {
    const u = uri('four-mb.txt');
    const big = SEED.repeat(Math.ceil((4.5 * 1024 * 1024) / SEED.length)).slice(0, Math.floor(4.5 * 1024 * 1024));
    const t0 = Date.now();
    await client.open(u, big);
    const p = await client.diagnostics(u, (x) => x.version === 1, 120_000);
    const ms = Date.now() - t0;
    assert.ok(!p.diagnostics.some((d) => d.code === 'document-too-large'), 'a full check');
    const t1 = Date.now();
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    const symbolMs = Date.now() - t1;
    assert.ok(symbols.length > 0);
    t.diagnostic(`4.5 MB: open → ${p.diagnostics.length} diagnostics in ${ms} ms (${(ms / 4608).toFixed(2)} ms/KiB), documentSymbol (cached) ${symbolMs} ms`);
    await client.close(u);
    await assertHealthy(client);
  });
});

describe('server: 500 rapid edits', () => {
  /** 500 incremental edits (digits changed in the tables, lines inserted and deleted) sent without waiting. */
  async function hammer(client: LspClient, u: string): Promise<string> {
    let rng = 12345;
    const rand = (n: number): number => {
      rng = (rng * 1103515245 + 12345) & 0x7fffffff;
      return rng % n;
    };
    for (let k = 0; k < 500; k++) {
      const doc = client.docs.get(u);
      assert.ok(doc);
      const text = doc.text;
      const pos = positions(text);
      const kind = rand(4);
      if (kind < 2) {
        const digits = [...text.matchAll(/\d+/g)];
        const m = digits[rand(digits.length)];
        const at = m.index ?? 0;
        await client.change(u, { start: pos(at), end: pos(at + m[0].length) }, String(rand(60)));
      } else if (kind === 2) {
        const at = rand(text.length);
        await client.change(u, { start: pos(at), end: pos(at) }, ['\n', '一、', '（一）', '12件', '\t3', '。'][rand(6)]);
      } else {
        const at = rand(Math.max(1, text.length - 20));
        await client.change(u, { start: pos(at), end: pos(at + rand(20)) }, '');
      }
    }
    return client.docs.get(u)!.text;
  }

  for (const debounceMs of [0, 300]) {
    test(`push diagnostics (debounce ${debounceMs} ms): the last publication is the final text's; the server stays up`, async (t) => {
      const client = await LspClient.start({ settings: { ...UNCAPPED, debounceMs } });
      try {
        const u = uri(`rapid-${debounceMs}.txt`);
        await client.open(u, DRAFT);
        await client.diagnostics(u, (x) => x.version === 1);
        const before = client.published.length;
        const t0 = Date.now();
        const finalText = await hammer(client, u);
        const last = await settled(client, u, 501);
        t.diagnostic(`${client.published.length - before} publications for 500 edits; final one ${Date.now() - t0} ms after the first edit`);
        assert.equal(last.version, 501);
        assert.deepEqual(keys(last.diagnostics), expectedKeys(finalText));
        // Never an older version after a newer one.
        const versions = client.published.filter((p) => p.uri === u && p.version !== undefined).map((p) => p.version as number);
        for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
        assert.deepEqual(symbols.map((s) => s.name), outline(analyze(finalText).report).map((n) => n.name));
        await client.close(u);
        await assertHealthy(client);
      } finally {
        await client.stop();
      }
    });
  }

  test('pull diagnostics: a pull after the edits reports the final text', async () => {
    const client = await LspClient.start({ pull: true, settings: UNCAPPED });
    try {
      const u = uri('rapid-pull.txt');
      await client.open(u, DRAFT);
      const finalText = await hammer(client, u);
      const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.equal(report.kind, 'full');
      assert.deepEqual(keys(report.items), expectedKeys(finalText));
    } finally {
      await client.stop();
    }
  });
});

describe('server: cancellation of superseded work', () => {
  test('cancelled pulls settle (result or RequestCancelled); the pull for the final version is right', async () => {
    const client = await LspClient.start({ pull: true, settings: UNCAPPED });
    try {
      const u = uri('cancel.txt');
      const big = SEED.repeat(25); // about 190 K characters: each check takes a noticeable time
      await client.open(u, big);
      const pending: Promise<unknown>[] = [];
      const outcomes: string[] = [];
      for (let k = 0; k < 10; k++) {
        const source = new CancellationTokenSource();
        pending.push(client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } }, source.token).then(
          () => outcomes.push('result'),
          (e: { code?: number }) => outcomes.push(`error ${e.code}`),
        ));
        await client.change(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `${k}`);
        source.cancel();
      }
      await Promise.all(pending);
      assert.equal(outcomes.length, 10);
      for (const o of outcomes) assert.ok(o === 'result' || o === 'error -32800' || o === 'error -32801', o);
      const finalText = client.docs.get(u)!.text;
      const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.deepEqual(keys(report.items), expectedKeys(finalText));
      // Requests cancelled before they run are not a problem either.
      const many = Array.from({ length: 50 }, () => {
        const source = new CancellationTokenSource();
        const p = client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }, source.token).then(() => 'result', (e: { code?: number }) => `error ${e.code}`);
        source.cancel();
        return p;
      });
      for (const o of await Promise.all(many)) assert.ok(o === 'result' || o === 'error -32800', o);
      await client.close(u);
      await assertHealthy(client);
    } finally {
      await client.stop();
    }
  });

  test('push: edits during a long check publish only the final version last', async () => {
    const client = await LspClient.start({ settings: UNCAPPED });
    try {
      const u = uri('cancel-push.txt');
      const big = SEED.repeat(25);
      await client.open(u, big);
      for (let k = 0; k < 10; k++) {
        await client.change(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `${k}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const last = await settled(client, u, 11, 600);
      assert.equal(last.version, 11);
      assert.deepEqual(keys(last.diagnostics), expectedKeys(client.docs.get(u)!.text));
      await client.close(u);
      await assertHealthy(client);
    } finally {
      await client.stop();
    }
  });
});
