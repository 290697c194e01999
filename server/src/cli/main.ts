/** The `xxgk-report` executable: the CLI on the real process, or a worker thread of it. */
import { nodeIo } from './io';
import { isCliWorker, workerMain } from './pool';
import { run } from './run';

if (isCliWorker()) {
  workerMain();
} else {
  // `xxgk-report check … | head`: stop quietly when the reader goes away.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(2);
      throw e;
    });
  }
  run(process.argv.slice(2), nodeIo(__filename)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`xxgk-report: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
