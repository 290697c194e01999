// Section 2, editing: the real language server over stdio. Single-character edits in the middle of a 30 KB and a
// 1 MB consolidated document, a table-cell digit edited back and forth in the real 30 KB seed report 000 and in one
// 1 MB report grown from it (didChange -> publishDiagnostics of that version), hover / documentSymbol / codeAction
// latency, and the server's memory with 1 and with 50 open ~30 KB reports.
import { loadCore } from './lib/build.mjs';
import { makeDocument, makeSingleReport, seedReports } from './lib/corpus.mjs';
import { positionAt, startServer, uriFor } from './lib/lsp.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KB, MB, fmt, fmtBytes, fmtMs, log, mdTable, nowMs, procCpuMs, procMemory, sleep, summarize, target } from './lib/util.mjs';

const TYPING = '进一步做好政府信息公开工作，提升公开质量和实效';

/** Where a person would type: the middle of a prose line near the middle of the document. */
function typingSpot(text) {
  const lines = text.split('\n');
  let offset = 0;
  const starts = lines.map((l) => {
    const s = offset;
    offset += l.length + 1;
    return s;
  });
  const mid = lines.findIndex((_, i) => starts[i] + lines[i].length >= text.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      const l = lines[i];
      if (l && l.length >= 40 && !/[\t|<>]/.test(l) && !/^\s*[#\d（一二三四五六七八九十]/.test(l)) {
        return starts[i] + Math.floor(l.length / 2);
      }
    }
  }
  return Math.floor(text.length / 2);
}

/** `count` offsets spread evenly over the numbers in the text (table cells and prose figures). */
function numberOffsets(text, count) {
  const all = [];
  for (const m of text.matchAll(/\d+/g)) all.push(m.index + Math.floor(m[0].length / 2));
  if (all.length === 0) return Array.from({ length: count }, (_, i) => Math.floor((text.length * i) / count));
  return Array.from({ length: count }, (_, i) => all[Math.floor((all.length * i) / count)]);
}

/**
 * A digit inside a statistical-table cell, near the middle of the table: among the lines cut into cells by tabs or
 * `|` that hold several numbers, the middle one; its last field of digits only (2 or more, so the edited value
 * keeps its length and stays a count); the offset of that field's last digit. undefined when there is none.
 */
export function tableCellDigit(text) {
  const found = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (/[\t|]/.test(line) && (line.match(/\d+/g)?.length ?? 0) >= 2) {
      const m = /(?:^|[\t|])[ \u3000]*(\d{2,})[ \u3000]*[\t|]*[ \u3000]*$/.exec(line);
      if (m) found.push(lineStart + m.index + m[0].indexOf(m[1]) + m[1].length - 1);
    }
    lineStart += line.length + 1;
  }
  return found[Math.floor(found.length / 2)];
}

/** `line:column`, both from 1, of a UTF-16 offset. */
function lineColumn(text, offset) {
  const p = positionAt(text, offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/**
 * One edit series on `name`: `type` types TYPING one character at a time in the middle of a prose line near the middle
 * of the document; `cell` replaces the table-cell digit at `cellAt` with the next digit and back again, alternately,
 * so the document keeps its size. Then `requests` hover, documentSymbol and codeAction requests (none when 0).
 */
async function editSession(server, { name, text: initial, edits, maxMs, requests, mode = 'type', cellAt }) {
  const uri = uriFor(name);
  let text = initial;
  log(`editing: open ${name} (${fmtBytes(Buffer.byteLength(text))}), ${mode === 'cell' ? 'table-cell digit edits' : 'typing in prose'} ...`);
  const openMs = await server.open(uri, text);
  let offset = mode === 'cell' ? cellAt : typingSpot(text);
  const digits = mode === 'cell' ? [text[offset], text[offset] === '9' ? '8' : String(Number(text[offset]) + 1)] : undefined;
  const latencies = [];
  const cpuBefore = procCpuMs(server.proc.pid);
  const started = nowMs();
  let version = 1;
  for (let i = 0; i < edits && nowMs() - started < maxMs; i++) {
    const ch = digits ? digits[(i + 1) % 2] : TYPING[i % TYPING.length];
    const replaced = digits ? 1 : 0;
    const range = { start: positionAt(text, offset), end: positionAt(text, offset + replaced) };
    version++;
    latencies.push(await server.change(uri, version, [{ range, text: ch }]));
    text = text.slice(0, offset) + ch + text.slice(offset + replaced);
    if (!digits) offset += ch.length;
  }
  const cpuPerEditMs = (procCpuMs(server.proc.pid) - cpuBefore) / Math.max(1, latencies.length);
  const truncated = latencies.length < edits;
  if (truncated) log(`editing: ${name}: stopped after ${latencies.length} edits (time cap ${maxMs / 1000} s)`);

  const textDocument = { uri };
  const hoverAt = numberOffsets(text, requests).map((o) => positionAt(text, o));
  const hover = [];
  let hoverHits = 0;
  for (const position of hoverAt) {
    const r = await server.timedRequest('textDocument/hover', { textDocument, position });
    hover.push(r.ms);
    if (r.result) hoverHits++;
  }
  const symbols = [];
  let symbolCount = 0;
  let symbolBytes = 0;
  for (let i = 0; i < requests; i++) {
    const r = await server.timedRequest('textDocument/documentSymbol', { textDocument });
    symbols.push(r.ms);
    symbolCount = r.result?.length ?? 0;
    if (i === 0) symbolBytes = JSON.stringify(r.result ?? null).length;
  }
  const diagnostics = server.lastDiagnostics(uri);
  const actions = [];
  let actionCount = 0;
  for (let i = 0; i < requests; i++) {
    let range;
    let context;
    if (diagnostics.length > 0) {
      const d = diagnostics[Math.floor((diagnostics.length * i) / requests)];
      range = d.range;
      context = { diagnostics: [d], triggerKind: 1 };
    } else {
      const p = hoverAt[i % hoverAt.length];
      range = { start: p, end: p };
      context = { diagnostics: [], triggerKind: 1 };
    }
    const r = await server.timedRequest('textDocument/codeAction', { textDocument, range, context });
    actions.push(r.ms);
    actionCount += r.result?.length ?? 0;
  }
  const memory = procMemory(server.proc.pid);
  await server.close(uri);
  return {
    name,
    mode,
    ...(digits ? { cellEdit: `${digits[0]} ↔ ${digits[1]} at ${lineColumn(initial, cellAt)}` } : {}),
    bytes: Buffer.byteLength(initial),
    diagnostics: diagnostics.length,
    openMs,
    edits: summarize(latencies),
    serverCpuPerEditMs: cpuPerEditMs,
    editsTruncated: truncated,
    hover: { ...summarize(hover), nonEmpty: hoverHits },
    documentSymbol: { ...summarize(symbols), topLevelSymbols: symbolCount, responseChars: symbolBytes },
    codeAction: { ...summarize(actions), actionsReturned: actionCount },
    rssAfterMB: memory.rssMB,
    samples: { edits: latencies.map((x) => Number(x.toFixed(3))) },
  };
}

/** RSS of a Node process that loads nothing, for scale. */
async function bareNodeMB() {
  const proc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(500);
  const m = procMemory(proc.pid);
  proc.kill();
  return m.rssMB;
}

/** The heap that `count` cached analyses keep alive after forced GCs, measured in a child process (bench/lib/retained.mjs). */
function retainedHeap(count) {
  const script = fileURLToPath(new URL('./lib/retained.mjs', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', script, String(count)], { encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: (r.stderr || r.stdout || '').slice(0, 300) };
  }
}

async function memorySession({ quick }) {
  const many = quick ? 20 : 50;
  const docs = Array.from({ length: many }, (_, i) => makeDocument(30 * KB, 1000 + i).text);
  const { idle, one, all, problems } = await withServer(async (server) => {
    await sleep(200);
    const idleMem = procMemory(server.proc.pid);
    log(`editing: memory, opening 1 then ${many} reports of ~30 KB ...`);
    await server.open(uriFor('mem-0.txt'), docs[0]);
    await sleep(300);
    const oneMem = procMemory(server.proc.pid);
    for (let i = 1; i < many; i++) await server.open(uriFor(`mem-${i}.txt`), docs[i]);
    await sleep(300);
    return {
      idle: idleMem, one: oneMem, all: procMemory(server.proc.pid),
      problems: server.logs.filter((l) => l.type === 1).map((l) => l.message),
    };
  });
  return {
    retained: retainedHeap(many),
    bareNodeMB: await bareNodeMB(),
    idleMB: idle.rssMB,
    oneOpenMB: one.rssMB,
    manyOpen: many,
    manyOpenMB: all.rssMB,
    peakMB: all.peakMB,
    totalOpenBytes: docs.reduce((a, t) => a + Buffer.byteLength(t), 0),
    serverErrors: problems,
  };
}

const HEAP_PROBE = fileURLToPath(new URL('./lib/heap-probe.cjs', import.meta.url));

/** The server's heap after forced full GCs (bench/lib/heap-probe.cjs answers over the IPC channel). */
function serverHeap(server) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the heap probe did not answer within 30 s')), 30_000);
    server.proc.once('message', (m) => {
      clearTimeout(timer);
      resolve({ heapMB: m.heapUsed / MB, rssMB: m.rss / MB });
    });
    server.proc.send('heap');
  });
}

/**
 * Typing into the 1 MB document on a fresh server with the heap probe: the heap after forced GCs every `every`
 * keystrokes. Steady state = the growth per keystroke over the second half of the series (the first edits
 * legitimately fill the cache of recent report versions).
 */
async function heapSession({ quick }) {
  const edits = quick ? 40 : 200;
  const every = quick ? 10 : 25;
  const text0 = makeDocument(1 * MB, 201).text;
  return withServer(async (server) => {
    const uri = uriFor('heap-1m.txt');
    log(`editing: heap growth while typing ${edits} characters into a 1 MB document ...`);
    await server.open(uri, text0);
    let text = text0;
    let offset = typingSpot(text);
    const samples = [{ edits: 0, ...(await serverHeap(server)) }];
    for (let i = 0, version = 1; i < edits; i++) {
      const ch = TYPING[i % TYPING.length];
      const pos = positionAt(text, offset);
      await server.change(uri, ++version, [{ range: { start: pos, end: pos }, text: ch }]);
      text = text.slice(0, offset) + ch + text.slice(offset);
      offset += ch.length;
      if ((i + 1) % every === 0) samples.push({ edits: i + 1, ...(await serverHeap(server)) });
    }
    const half = samples.filter((x) => x.edits >= edits / 2);
    const first = half[0];
    const last = samples[samples.length - 1];
    await server.close(uri);
    return {
      document: 'heap-1m.txt',
      bytes: Buffer.byteLength(text0),
      edits,
      samples,
      steadyFrom: first.edits,
      perKeystrokeMB: (last.heapMB - first.heapMB) / (last.edits - first.edits),
      rssAfterMB: procMemory(server.proc.pid).rssMB,
    };
  }, { nodeArgs: ['--expose-gc', '--require', HEAP_PROBE], ipc: true });
}

/** Runs `fn` with an initialized server and always stops the server afterwards. */
async function withServer(fn, options = {}) {
  const server = startServer(options);
  try {
    await server.initialize();
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/**
 * What the core makes of a document that is meant to be ONE report: how many reports `reportStarts` finds, the title,
 * the tables, the findings, and whether `cellAt` lies in a cell of a table (the cell's row and text).
 */
function singleReportCheck(core, name, text, cellAt) {
  const { report, findings } = core.analyze(text, { reuse: false });
  const cells = report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => ({ row: r.label, cell: c }))));
  const hit = cells.find(({ cell }) => cell.span.start <= cellAt && cellAt < cell.span.end);
  const check = {
    name,
    reports: core.reportStarts(text).length,
    title: report.title?.text,
    tables: report.tables.map((t) => `${t.kind} (${t.rows.length} rows)`),
    findings: findings.length,
    cell: hit ? `${hit.row.trim()}: ${hit.cell.raw}` : undefined,
  };
  log(`editing: ${name}: ${check.reports} report(s) by reportStarts, title ${check.title}, tables ${check.tables.join(', ')}, `
    + `${check.findings} findings; edited cell: ${check.cell ?? 'NOT IN A TABLE CELL'}`);
  if (check.reports !== 1) throw new Error(`${name} is meant to be one report but reportStarts finds ${check.reports}`);
  if (!hit) throw new Error(`${name}: the edited digit (offset ${cellAt}) is not inside a table cell`);
  return check;
}

export async function runEditing({ quick }) {
  const edits = quick ? { small: 40, big: 10 } : { small: 200, big: 200 };
  const requests = quick ? 15 : 50;
  const core = await loadCore();
  const seed = seedReports()[0];
  const single = makeSingleReport(1 * MB);
  const seedCell = tableCellDigit(seed.text);
  const singleCell = tableCellDigit(single.text);
  const checks = [
    singleReportCheck(core, `seed ${seed.name}`, seed.text, seedCell),
    singleReportCheck(core, 'single-1m.txt', single.text, singleCell),
  ];
  const { sessions, serverErrors } = await withServer(async (server) => {
    const list = [];
    // Each session says how many reports the core finds in its document (a consolidated one is checked report by report).
    const run = async (session) => list.push({ ...(await editSession(server, session)), reports: core.reportStarts(session.text).length });
    const short = { edits: edits.small, maxMs: quick ? 20_000 : 120_000, requests };
    const long = { edits: edits.big, maxMs: quick ? 20_000 : 150_000, requests };
    await run({ ...short, name: 'edit-30k.txt', text: makeDocument(30 * KB, 200).text });
    await run({ ...long, name: 'edit-1m.txt', text: makeDocument(1 * MB, 201).text });
    await run({ ...short, name: 'seed-000.txt', text: seed.text, mode: 'cell', cellAt: seedCell });
    await run({ ...long, name: 'single-1m.txt', text: single.text, mode: 'cell', cellAt: singleCell });
    await run({ ...long, name: 'single-1m.txt', text: single.text, requests: 0 });
    return { sessions: list, serverErrors: server.logs.filter((l) => l.type === 1).map((l) => l.message) };
  });
  const memory = await memorySession({ quick });
  const heap = await heapSession({ quick });

  const [small, big, seedCellRun, singleCellRun, singleTyping] = sessions;
  const singleWorst = Math.max(singleCellRun.edits.p90, singleTyping.edits.p90);
  const targets = [
    target('Editing', 'edit → diagnostics p90 ≤ 10 ms on 30 KB', small.edits.p90, fmtMs(small.edits.p90), small.edits.p90 <= 10),
    target('Editing', 'edit → diagnostics p90 ≤ 60 ms on 1 MB', big.edits.p90, fmtMs(big.edits.p90), big.edits.p90 <= 60),
    target('Editing', 'edit → diagnostics p90, 30 KB, table-cell edit (seed 000, one real report) ≤ 5 ms', seedCellRun.edits.p90,
      `${fmtMs(seedCellRun.edits.p90)} (p50 ${fmtMs(seedCellRun.edits.median)})`, seedCellRun.edits.p90 <= 5),
    target('Editing', `edit → diagnostics, one real 1 MB report (not ${big.reports} small ones) ≤ 60 ms (p90, worse of cell edit and typing)`, singleWorst,
      `cell edit p90 ${fmtMs(singleCellRun.edits.p90)} (p50 ${fmtMs(singleCellRun.edits.median)}); typing p90 ${fmtMs(singleTyping.edits.p90)} (p50 ${fmtMs(singleTyping.edits.median)})`,
      singleWorst <= 60),
    target('Editing', `server RSS ≤ 80 MB with ${memory.manyOpen} open reports`, memory.manyOpenMB, `${fmt(memory.manyOpenMB, 1)} MB`, memory.manyOpenMB <= 80),
    target('Editing', 'heap growth per keystroke after GC, steady state, 1 MB document ≤ 0.1 MB', heap.perKeystrokeMB,
      `${fmt(heap.perKeystrokeMB * 1000, 1)} KB`, heap.perKeystrokeMB <= 0.1),
  ];
  return { sessions, singleReports: checks, memory, heap, serverErrors: [...serverErrors, ...memory.serverErrors], targets };
}

export function editingMarkdown(res) {
  const latency = mdTable(
    ['document', 'reports in it', 'edit', 'diagnostics', 'didOpen → diagnostics', 'edits', 'edit → diagnostics p50', 'p90', 'max', 'server CPU per edit'],
    res.sessions.map((s) => [
      `${s.name} (${fmtBytes(s.bytes)})`, s.reports, s.mode === 'cell' ? `table-cell digit ${s.cellEdit}, back and forth` : 'typing in prose',
      s.diagnostics, fmtMs(s.openMs), `${s.edits.n}${s.editsTruncated ? ' (time cap)' : ''}`,
      fmtMs(s.edits.median), fmtMs(s.edits.p90), fmtMs(s.edits.max), fmtMs(s.serverCpuPerEditMs),
    ]),
  );
  const single = (res.singleReports ?? []).map((c) => `${c.name}: ${c.reports} report (\`reportStarts\`), title ${c.title}, `
    + `${c.tables.join(', ')}, ${c.findings} findings; edited cell ${c.cell}`).join('; ');
  const reqs = mdTable(
    ['document', 'request', 'n', 'p50', 'p90', 'max', 'note'],
    res.sessions.filter((s) => s.hover.n > 0).flatMap((s) => [
      [s.name, 'hover', s.hover.n, fmtMs(s.hover.median), fmtMs(s.hover.p90), fmtMs(s.hover.max), `${s.hover.nonEmpty} non-empty`],
      [s.name, 'documentSymbol', s.documentSymbol.n, fmtMs(s.documentSymbol.median), fmtMs(s.documentSymbol.p90), fmtMs(s.documentSymbol.max), `${s.documentSymbol.topLevelSymbols} top-level symbols, ${fmtBytes(s.documentSymbol.responseChars)} of JSON`],
      [s.name, 'codeAction', s.codeAction.n, fmtMs(s.codeAction.median), fmtMs(s.codeAction.p90), fmtMs(s.codeAction.max), `${s.codeAction.actionsReturned} actions in all`],
    ]),
  );
  const m = res.memory;
  const mem = mdTable(
    ['server state', 'RSS'],
    [
      ['for scale: a bare `node -e` process', `${fmt(m.bareNodeMB, 1)} MB`],
      ['initialized, no document', `${fmt(m.idleMB, 1)} MB`],
      ['1 open report (~30 KB)', `${fmt(m.oneOpenMB, 1)} MB`],
      [`${m.manyOpen} open reports (~30 KB each, ${fmtBytes(m.totalOpenBytes)} in all)`, `${fmt(m.manyOpenMB, 1)} MB (peak ${fmt(m.peakMB, 1)} MB)`],
      ...res.sessions.map((s) => [`editing server after the ${s.name} session`, `${fmt(s.rssAfterMB, 1)} MB`]),
      ...(m.retained && !m.retained.error
        ? [[`for comparison: heap kept alive by ${m.retained.count} cached analyses of the same reports (core in a plain Node process, after forced GC)`,
          `${fmt(m.retained.retainedMB, 1)} MB (${fmt(m.retained.perReportMB * 1000, 0)} KB per report)`]]
        : []),
    ],
  );
  const h = res.heap;
  const heap = h
    ? [
      `Heap growth while typing: a fresh server started as \`node --expose-gc --require bench/lib/heap-probe.cjs dist/server.js --stdio\` `
        + `(the probe answers a message on a Node IPC channel with the heap after forced full GCs; the server does not know it). `
        + `${h.edits} characters typed into ${h.document} (${fmtBytes(h.bytes)}), one at a time, each waiting for its diagnostics. `
        + `Steady state: from ${h.steadyFrom} edits on. Growth per keystroke there: **${fmt(h.perKeystrokeMB * 1000, 1)} KB**; `
        + `server RSS after the session: **${fmt(h.rssAfterMB, 1)} MB**.`,
      '',
      mdTable(['edits', 'heap after GC', 'RSS'], h.samples.map((x) => [x.edits, `${fmt(x.heapMB, 1)} MB`, `${fmt(x.rssMB, 1)} MB`])),
    ].join('\n')
    : '';
  const errors = res.serverErrors.length ? `\n\nThe server logged ${res.serverErrors.length} error(s); first: \`${res.serverErrors[0].slice(0, 200)}\`` : '';
  const singleNote = `\n\n"Reports in it": the reports the core's \`reportStarts\` finds (each is checked on its own, and an edit re-checks only its own).`
    + (single
      ? ` seed-000.txt is seed report 000 as it is; single-1m.txt is ONE report grown from it (bench/lib/corpus.mjs, makeSingleReport: `
        + `its title, sections and table, with 90 more subsections of its own prose in section 二). Checked with the core before the run: ${single}.`
      : '');
  return `${latency}${singleNote}\n\n${reqs}\n\n${mem}${heap ? `\n\n${heap}` : ''}${errors}`;
}
