/**
 * The language server's Node entry point. `createConnection(ProposedFeatures.all)` picks the
 * transport from the command line: `--stdio`, `--node-ipc` or `--socket=<port>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

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
