/**
 * What nearly every request reads and almost nothing changes: the grants of API keys and the list
 * of member organisations. Each answer is kept for at most a few seconds, and forgotten at once
 * when a key, an organisation or a sharing group changes:
 *
 * - in this process, by the repository that made the change, once its transaction has committed;
 * - in other processes over the same PostgreSQL database (a second server, `weft org revoke-key`),
 *   by a notification on `weft_directory` sent in the changing transaction (so delivered when it
 *   commits) and heard on a connection of its own. Should that connection fail, the few seconds
 *   bound how long another process's change goes unseen.
 *
 * An answer loaded while a change commits is not kept: each load remembers the generation it
 * started in, and every change starts a new one.
 */
import type { Database, Sql } from './database.ts';

/** The notification channel of directory changes. */
export const DIRECTORY_CHANNEL = 'weft_directory';

/** How long an answer is kept, at most. */
const KEPT_FOR_MS = 5_000;
/** Answers kept, at most: past this, all are forgotten (each is cheap to load again). */
const MOST_KEPT = 10_000;

interface Kept {
  readonly value: unknown;
  readonly at: number;
}

export class DirectoryCache {
  readonly #kept = new Map<string, Kept>();
  #generation = 0;
  #listening = false;
  /** Whether changes elsewhere are heard (or cannot be: then the time bound is all there is). */
  #hearing = false;

  constructor(
    private readonly database: Database,
    private readonly keptForMs: number = KEPT_FOR_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The answer kept under `key`, or `load`'s (kept unless undefined: a miss is asked again). */
  async remember<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.#listening) {
      this.#listening = true;
      // Not awaited: until it listens, nothing is kept (a change elsewhere would go unheard); should
      // listening fail, the time an answer is kept bounds what is missed.
      const hearing = () => {
        this.#hearing = true;
      };
      this.database
        .listen(DIRECTORY_CHANNEL, () => {
          this.forget();
        })
        .then(hearing, hearing);
    }
    const kept = this.#kept.get(key);
    if (kept !== undefined && this.now() - kept.at < this.keptForMs) return kept.value as T;
    const generation = this.#generation;
    const value = await load();
    if (value !== undefined && generation === this.#generation && this.#hearing) {
      if (this.#kept.size >= MOST_KEPT) this.#kept.clear();
      this.#kept.set(key, { value, at: this.now() });
    }
    return value;
  }

  /** Within a changing transaction: tells the other processes, once it commits. */
  async announce(sql: Sql): Promise<void> {
    await sql.query('SELECT pg_notify($1, $2)', [DIRECTORY_CHANNEL, '']);
  }

  /** After a change has committed: every answer kept is forgotten, and loads under way are not kept. */
  forget(): void {
    this.#generation += 1;
    this.#kept.clear();
  }
}
