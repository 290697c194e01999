/**
 * The progress line on standard error, drawn over itself (`\r`, erase to end of line) and throttled; shown only
 * when the caller enables it (a terminal). `check` prints `检查中 n/total …`; `review` a bar.
 */
import type { CliIo } from './io';

const PROGRESS_INTERVAL_MS = 100;

export class Progress {
  private shown = false;
  private lastDraw = -Infinity;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    /** The line for `done` of `total`, without line ends. */
    private readonly render: (done: number, total: number) => string,
    readonly enabled: boolean,
  ) {}

  tick(done: number): void {
    if (!this.enabled) return;
    const now = this.io.now();
    if (now - this.lastDraw < PROGRESS_INTERVAL_MS && done !== this.total) return;
    this.lastDraw = now;
    this.io.stderr(`\r\x1b[K${this.render(done, this.total)}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[K');
    this.shown = false;
    this.lastDraw = -Infinity;
  }
}

/** `审阅中 [██████······] 120/300` — a bar of `width` cells and the count. */
export function progressBar(label: string, done: number, total: number, width = 24): string {
  const full = total <= 0 ? width : Math.min(width, Math.floor((done / total) * width));
  return `${label} [${'█'.repeat(full)}${'·'.repeat(width - full)}] ${done}/${total}`;
}
