/**
 * Work a server does in the background, one task at a time: a write announced schedules the
 * write's task shortly after (once for a burst of writes), other tasks queue behind it, and
 * `settle` waits until everything announced or queued is done. Continuous screening and
 * transaction monitoring both run on it.
 */
export class BackgroundTasks {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    /** What a write announced calls for. */
    private readonly onWrite: () => Promise<void>,
    /** Told of a queued task's failure (the queue goes on). */
    private readonly failed: (error: unknown) => void,
    /** How long after a write its task starts, so that a burst of batches is handled together. */
    private readonly settleMs = 250,
  ) {}

  /** A write was announced: its task runs shortly. */
  announce(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(this.onWrite);
    }, this.settleMs);
    this.timer.unref();
  }

  /** Runs `task` after those queued; its failure is reported, not thrown. */
  enqueue(task: () => Promise<void>): void {
    if (this.stopped) return;
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.failed(error);
    });
  }

  /** Runs `task` after those queued; its failure is its caller's. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const done = this.queue.then(task);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Waits until everything announced or queued so far is done. */
  async settle(): Promise<void> {
    for (;;) {
      const pending = this.timer;
      if (pending !== undefined) {
        clearTimeout(pending);
        this.timer = undefined;
        this.enqueue(this.onWrite);
      }
      await this.queue;
      // Done unless a write was announced while the queue drained.
      if (this.timer === undefined) return;
    }
  }

  /** Stops taking tasks; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.queue;
  }
}
