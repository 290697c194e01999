/**
 * Runs the robustness checks on a worker thread with a wall-clock limit, so that a hang or a
 * super-linear blow-up becomes a failure instead of a frozen test run. The worker loads the
 * compiled invariants (out/test/robustness/invariants.js); a worker that times out is killed
 * and a fresh one started for the next job.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

export interface Job {
  readonly text: string;
  /** `analysis`: parse, check and assert the invariants; `all`: also the fixes (see invariants.checkAll). */
  readonly mode: 'analysis' | 'all';
  readonly pick?: number;
  readonly maxFixes?: number;
  /** Assert the time bound inside the worker (default true). */
  readonly timing?: boolean;
}

export type JobResult =
  | { readonly kind: 'ok'; readonly ms: number; readonly wallMs: number; readonly findings: number }
  | { readonly kind: 'violation'; readonly property: string; readonly message: string; readonly wallMs: number }
  | { readonly kind: 'timeout'; readonly wallMs: number };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const inv = require(workerData.invariants);
parentPort.on('message', (job) => {
  try {
    const o = { timing: job.timing !== false, pick: job.pick || 0, maxFixes: job.maxFixes ?? 4 };
    const a = job.mode === 'all' ? inv.checkAll(job.text, o) : inv.checkAnalysis(job.text, o);
    parentPort.postMessage({ kind: 'ok', ms: a.ms, findings: a.findings.length });
  } catch (e) {
    parentPort.postMessage({ kind: 'violation', property: (e && e.property) || 'no-throw', message: e && e.stack ? String(e.message) : String(e) });
  }
});
`;

export class CheckWorker {
  #worker: Worker | undefined;
  readonly #invariants: string;

  /** `dir`: the folder holding the compiled invariants.js (default: this file's folder). */
  constructor(dir: string = __dirname) {
    this.#invariants = join(dir, 'invariants.js');
  }

  #get(): Worker {
    if (!this.#worker) {
      this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { invariants: this.#invariants } });
      this.#worker.unref();
    }
    return this.#worker;
  }

  run(job: Job, timeoutMs: number): Promise<JobResult> {
    const worker = this.#get();
    const t0 = Date.now();
    return new Promise<JobResult>((resolve) => {
      const done = (r: JobResult): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(r);
      };
      const onMessage = (m: { kind: 'ok'; ms: number; findings: number } | { kind: 'violation'; property: string; message: string }): void => {
        done({ ...m, wallMs: Date.now() - t0 });
      };
      const onError = (e: Error): void => {
        this.#worker = undefined;
        done({ kind: 'violation', property: 'no-throw', message: `worker died: ${e.message}`, wallMs: Date.now() - t0 });
      };
      const timer = setTimeout(() => {
        this.#worker = undefined;
        void worker.terminate();
        done({ kind: 'timeout', wallMs: Date.now() - t0 });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.terminate();
  }
}
