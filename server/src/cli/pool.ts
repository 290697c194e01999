/**
 * Checking many files on several threads. Each worker thread runs `checkFile` on the files it is
 * sent (reading and, with `--fix`, writing them itself); the main thread hands out files a few at a
 * time and passes the outcomes on strictly in input order, so output is the same as one thread's.
 *
 * The worker is the CLI's own entry script (`dist/cli.js`, or `main.js` when compiled), started with
 * `workerData`; `main.ts` sees it is not the main thread and calls `workerMain`.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileEnv, type FileJob, type FileOutcome } from './checkFile';
import { nodeFsImpl } from './io';
import { readReviewFile } from './review/readReports';
import type { WalkEntry } from './walk';

/** Files in flight per worker: enough to keep it busy while the main thread prints. */
const IN_FLIGHT_PER_WORKER = 4;

export const WORKER_MARK = 'xxgk-report-cli-worker';

/** What a worker does with each file: `check` (checkFile) or `review` (readReviewFile: the reports in it, analysed). */
export type WorkerTask = 'check' | 'review';

const TASKS: Record<WorkerTask, (entry: WalkEntry, job: FileJob, env: FileEnv) => Promise<unknown>> = {
  check: checkFile,
  review: readReviewFile,
};

interface WorkerInit {
  readonly mark: typeof WORKER_MARK;
  readonly job: FileJob;
  readonly task?: WorkerTask;
}
interface Request {
  readonly id: number;
  readonly entry: { readonly path: string; readonly abs: string };
}
interface Reply<O = FileOutcome> {
  readonly id: number;
  readonly outcome: O;
}

/** True in a thread started by `checkInWorkers`. */
export function isCliWorker(): boolean {
  return parentPort !== null && (workerData as WorkerInit | undefined)?.mark === WORKER_MARK;
}

export function workerMain(): void {
  const { job, task } = workerData as WorkerInit;
  const env = { fs: nodeFsImpl, readStdin: (_limit: number) => Buffer.alloc(0) };
  const work = TASKS[task ?? 'check'];
  parentPort!.on('message', (req: Request) => {
    void work(req.entry, job, env).then((outcome) => {
      const reply: Reply<unknown> = { id: req.id, outcome };
      parentPort!.postMessage(reply);
    });
  });
}

/**
 * Checks `entries` on `threads` workers started from `script`, calling `emit` for each outcome in
 * input order. Entries the workers cannot take (with a walk error, or standard input) are checked
 * by `local` on this thread. If a worker dies, the files it had not finished are checked locally.
 */
export async function checkInWorkers<O = FileOutcome>(
  entries: readonly WalkEntry[],
  job: FileJob,
  script: string,
  threads: number,
  local: (entry: WalkEntry) => Promise<O>,
  emit: (index: number, outcome: O) => void,
  /** What the workers do with each file (default `check`); `local` must do the same. */
  task: WorkerTask = 'check',
): Promise<void> {
  const done = new Map<number, O>();
  let nextToEmit = 0;
  let nextToSend = 0;
  const flush = () => {
    while (done.has(nextToEmit)) {
      const outcome = done.get(nextToEmit)!;
      done.delete(nextToEmit);
      emit(nextToEmit, outcome);
      nextToEmit++;
    }
  };

  await new Promise<void>((resolve) => {
    const workers = new Set<Worker>();
    const inFlight = new Map<Worker, Set<number>>();
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      resolve();
    };

    // Checked here, its outcome waits in `done` like a worker's: output stays in input order.
    const checkLocally = (i: number) => {
      void local(entries[i]).then((outcome) => {
        done.set(i, outcome);
        flush();
        if (nextToEmit >= entries.length) finish();
      });
    };

    const feed = (w: Worker) => {
      const mine = inFlight.get(w)!;
      while (mine.size < IN_FLIGHT_PER_WORKER && nextToSend < entries.length) {
        const i = nextToSend++;
        const e = entries[i];
        if (e.error || e.abs === '') {
          checkLocally(i);
          continue;
        }
        mine.add(i);
        const req: Request = { id: i, entry: { path: e.path, abs: e.abs } };
        w.postMessage(req);
      }
      flush();
      if (nextToEmit >= entries.length) finish();
    };

    const lose = (w: Worker) => {
      if (!workers.has(w)) return;
      workers.delete(w);
      const orphans = [...(inFlight.get(w) ?? [])].sort((a, b) => a - b);
      inFlight.delete(w);
      void w.terminate();
      for (const i of orphans) if (!done.has(i) && i >= nextToEmit) checkLocally(i);
      if (workers.size === 0) {
        while (nextToSend < entries.length) checkLocally(nextToSend++);
      }
      flush();
      if (nextToEmit >= entries.length) finish();
    };

    for (let t = 0; t < threads; t++) {
      const init: WorkerInit = { mark: WORKER_MARK, job, ...(task !== 'check' ? { task } : {}) };
      const w = new Worker(script, { workerData: init, stdout: false, stderr: false });
      workers.add(w);
      inFlight.set(w, new Set());
      w.on('message', (reply: Reply<O>) => {
        inFlight.get(w)?.delete(reply.id);
        done.set(reply.id, reply.outcome);
        feed(w);
      });
      w.on('error', () => lose(w));
      w.on('exit', () => lose(w));
      feed(w);
    }
    if (entries.length === 0) finish();
  });
  flush();
}
