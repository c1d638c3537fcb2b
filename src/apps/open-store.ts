/**
 * The store as the applications open it: the configured database, with the ledger keyed and
 * victims' records sealed by the key ring kept outside it. Every command and the server open the
 * store this way, so that every ledger entry is chained, and every record sealed, under the same key.
 */
import { openKeyRing, type KeyRing } from '../adapters/keys/key-ring.ts';
import { openStore, type Store } from '../adapters/store/index.ts';
import { readConfig, type Config } from './config.ts';

/** Opens the configured store and the key ring. */
export async function openConfiguredStore(config: Config): Promise<{ store: Store; keys: KeyRing }> {
  const keys = openKeyRing(config.keysDir);
  const store = await openStore(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    { ledgerKey: keys.ledgerKey, fieldKey: keys.fieldKey },
  );
  return { store, keys };
}

/** Runs work with the configured store open, and closes it after, whatever happens. */
export async function withConfiguredStore<T>(
  work: (store: Store, keys: KeyRing, config: Config) => Promise<T>,
  config: Config = readConfig(),
): Promise<T> {
  const { store, keys } = await openConfiguredStore(config);
  try {
    return await work(store, keys, config);
  } finally {
    await store.close();
  }
}
