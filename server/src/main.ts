/**
 * The language server's Node entry point. `createConnection(ProposedFeatures.all)` picks the
 * transport from the command line: `--stdio`, `--node-ipc` or `--socket=<port>`.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FrameGuard } from './frameGuard';
import { bounded } from './backpressure';

/**
 * Over stdio, a frame the reader cannot parse (a header without Content-Length, a negative length) leaves the
 * byte stream out of step for good: every later message would be eaten. Exiting lets the editor restart a
 * clean server instead of talking to a deaf one.
 */
function stdioConnection() {
  const guard = new FrameGuard((reason) => {
    process.stderr.write(`xxgk-report: unreadable message header from the client (${reason}); exiting so the client can restart the server\n`);
    process.exit(1);
  });
  process.stdin.pipe(guard);
  // A client that stops reading makes the server stop reading too, instead of queueing answers without bound.
  const { reader, writer } = bounded(new StreamMessageReader(guard), new StreamMessageWriter(process.stdout), guard);
  return createConnection(ProposedFeatures.all, reader, writer);
}

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

// Last line of defence: log and keep serving instead of dying on a stray exception.
process.on('uncaughtException', (e) => {
  try {
    connection.console.error(`xxgk-report: uncaught exception: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  } catch {
    // Nothing left to report to.
  }
});
process.on('unhandledRejection', (e) => {
  try {
    connection.console.error(`xxgk-report: unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  } catch {
    // Nothing left to report to.
  }
});

startServer(connection);
