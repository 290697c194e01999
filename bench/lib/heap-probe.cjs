// Preloaded into the language server by the editing benchmark (`node --expose-gc --require heap-probe.cjs
// dist/server.js --stdio`, with a Node IPC channel): on the message "heap" it forces full GCs and answers with
// the heap in use. The server itself knows nothing of it, and it is not part of the product.
'use strict';
if (typeof process.send === 'function' && typeof globalThis.gc === 'function') {
  process.on('message', (m) => {
    if (m !== 'heap') return;
    for (let i = 0; i < 4; i++) globalThis.gc();
    const u = process.memoryUsage();
    process.send({ heapUsed: u.heapUsed, rss: u.rss, external: u.external });
  });
  // The IPC channel must not keep the server alive after `exit`.
  process.channel?.unref();
}
