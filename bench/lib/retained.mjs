// Child process (run with --expose-gc): the heap that `count` cached analyses of distinct ~30 KB reports keep alive,
// which is what the language server holds per open document. Prints one JSON line.
import { createRequire } from 'node:module';
import { CORE } from './build.mjs';
import { makeDocument } from './corpus.mjs';
import { KB, MB } from './util.mjs';

const count = Number(process.argv[2] ?? 50);
const core = createRequire(import.meta.url)(CORE);
const texts = Array.from({ length: count }, (_, i) => makeDocument(30 * KB, 1000 + i).text);
core.analyze(texts[0], {}); // load and warm the core before the baseline
const settle = () => {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const before = settle();
const kept = texts.map((t) => core.analyze(t, {}));
const after = settle();
const textBytes = texts.reduce((a, t) => a + t.length * 2, 0); // UTF-16 in the heap (the texts existed before)
process.stdout.write(`${JSON.stringify({ count, kept: kept.length, retainedMB: (after - before) / MB, perReportMB: (after - before) / MB / count, textMB: textBytes / MB })}\n`);
