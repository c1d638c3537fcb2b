/**
 * Resolution in the background of a running server: records written are resolved shortly after
 * (a write schedules a run; writes during a run schedule one more), and a slow sweep catches what
 * no write announced (records whose references a purge cleared).
 */
import type { Store } from '../../adapters/store/index.ts';
import { Resolver, type ResolutionRun } from './resolver.ts';

/** How long after a write resolution starts, so that a burst of batches is resolved together. */
const SETTLE_MS = 250;
/** The sweep for anything pending that no write announced. */
const SWEEP_MS = 60_000;

export interface BackgroundResolution {
  readonly resolver: Resolver;
  /** Resolves what is pending now (and whatever a run under way misses). */
  settle(): Promise<ResolutionRun>;
  stop(): Promise<void>;
}

export function startBackgroundResolution(
  store: Store,
  report: { done(run: ResolutionRun): void; failed(error: unknown): void },
): BackgroundResolution {
  const resolver = new Resolver(store);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();

  const run = () => {
    timer = undefined;
    if (stopped) return;
    // After the run under way, never joining it: it may have looked for pending records already.
    current = current
      .then(() => resolver.resolvePending())
      .then(
        (outcome) => {
          if (outcome.records > 0) report.done(outcome);
        },
        (error: unknown) => {
          report.failed(error);
        },
      );
  };
  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(run, SETTLE_MS);
    timer.unref();
  };
  const unsubscribe = store.records.onWritten(schedule);
  const sweep = setInterval(schedule, SWEEP_MS);
  sweep.unref();
  schedule();

  return {
    resolver,
    async settle() {
      await current;
      return resolver.resolvePending();
    },
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(sweep);
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
