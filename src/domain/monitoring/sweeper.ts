/**
 * Forgets what windows no longer need a few entries at a time, round and round a map, as
 * transactions are observed: a detector never stops to sweep all its subjects at once (a stall of
 * milliseconds every ten thousand transactions, for every typology together).
 */
export class Sweeper<V> {
  private iterator: Iterator<[string, V]> | undefined;

  /** `keep` trims an entry's value and says whether anything is left of it (else it goes). */
  constructor(
    private readonly map: Map<string, V>,
    private readonly keep: (key: string, value: V) => boolean,
  ) {}

  /** Trims the next `count` entries. */
  step(count: number): void {
    for (let done = 0; done < count; done += 1) {
      this.iterator ??= this.map.entries();
      const next = this.iterator.next();
      if (next.done === true) {
        this.iterator = undefined;
        return;
      }
      const [key, value] = next.value;
      if (!this.keep(key, value)) this.map.delete(key);
    }
  }
}

/** Entries trimmed per transaction observed: a round of N subjects takes N transactions. */
export const SWEEP_STEP = 1;
