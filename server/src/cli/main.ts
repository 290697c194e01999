/** The `xxgk-report` executable: the CLI on the real process, or a worker thread of it. */
import { nodeIo } from './io';
import { isCliWorker, workerMain } from './pool';
import { run } from './run';

if (isCliWorker()) {
  workerMain();
} else {
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
