import { ingestContext } from '../../domain/ingest/prepare.ts';
import type { Store } from '../../adapters/store/index.ts';
import {
  addReports,
  EMPTY_REPORT,
  ingestRecords,
  type BatchReport,
  type PositionedItem,
} from '../../domain/ingest/ingest.service.ts';
import { generateWorld, WORLD_ORGANISATIONS, worldOrganisation, type WorldOptions } from '../../domain/synth/index.ts';

/** The world `npm start` loads into an empty database: a few tens of thousands of records. */
export const DEMO_WORLD: WorldOptions = { seed: 7, people: 5_000, rings: 2 };

const BATCH = 2_000;

/**
 * Loads a synthetic world as its organisations would submit it: saves the organisations, ingests
 * each one's records under its own source system and markings, and issues each an API key
 * (returned once, never stored in clear).
 */
export async function loadDemoWorld(
  store: Store,
  options: WorldOptions = DEMO_WORLD,
): Promise<{ keys: Record<string, string>; report: BatchReport }> {
  for (const organisation of WORLD_ORGANISATIONS) {
    await store.organisations.save({
      id: organisation.id,
      name: organisation.name,
      organisationType: organisation.organisationType,
      sector: organisation.sector,
      ...(organisation.country === undefined ? {} : { country: organisation.country }),
    });
  }
  const pending = new Map<string, PositionedItem[]>();
  let report = EMPTY_REPORT;
  const write = async (owner: string) => {
    const items = pending.get(owner) ?? [];
    if (items.length === 0) return;
    pending.set(owner, []);
    const organisation = worldOrganisation(owner);
    report = addReports(
      report,
      await ingestRecords(
        items,
        ingestContext(organisation, organisation.sourceSystem, organisation.markings),
        store.records,
      ),
    );
  };
  for (const item of generateWorld(options)) {
    if (item.kind !== 'record') continue;
    const items = pending.get(item.owner) ?? [];
    items.push({ position: items.length, value: item.record });
    pending.set(item.owner, items);
    if (items.length >= BATCH) await write(item.owner);
  }
  for (const owner of pending.keys()) await write(owner);
  const keys: Record<string, string> = {};
  for (const organisation of WORLD_ORGANISATIONS) {
    keys[organisation.id] = await store.organisations.issueApiKey(organisation.id, 'demo', [
      'records:write',
      'records:read',
      'records:export',
    ]);
  }
  return { keys, report };
}
