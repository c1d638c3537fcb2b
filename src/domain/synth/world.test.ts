import { describe, expect, it } from 'vitest';
import { ingestContext, prepareRecord } from '../ingest/prepare.ts';
import { worldOrganisation } from './organisations.ts';
import { generateWorld, type WorldItem, type WorldOptions } from './world.ts';

const OPTIONS: WorldOptions = { seed: 7, people: 400, rings: 2 };

function serialise(items: Iterable<WorldItem>): string {
  let text = '';
  for (const item of items) text += `${JSON.stringify(item)}\n`;
  return text;
}

describe('a synthetic world', () => {
  const items = [...generateWorld(OPTIONS)];
  const records = items.filter((item) => item.kind === 'record');
  const keys = new Set(records.map((item) => `${item.owner}/${item.record.sourceRecordId}`));

  it('is the same, item for item, for the same seed, and another for another seed', () => {
    expect(serialise(generateWorld(OPTIONS))).toBe(serialise(items));
    expect(serialise(generateWorld({ ...OPTIONS, seed: 8 }))).not.toBe(serialise(items));
  });

  it('keeps the background population when networks are added', () => {
    const without = [...generateWorld({ ...OPTIONS, rings: 0 })];
    expect(serialise(items.slice(0, without.length))).toBe(serialise(without));
  });

  it('holds only records that ingest accepts, each id once per owner', () => {
    const seen = new Set<string>();
    for (const item of records) {
      const owner = worldOrganisation(item.owner);
      const prepared = prepareRecord(
        item.record,
        0,
        ingestContext(owner, owner.sourceSystem, owner.markings, '2026-04-01T00:00:00Z'),
      );
      expect(
        prepared.ok,
        `${item.owner}/${item.record.sourceRecordId}: ${JSON.stringify(prepared.ok ? '' : prepared.errors)}`,
      ).toBe(true);
      const key = `${item.owner}/${item.record.sourceRecordId}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('spreads the same people over several sectors, written differently', () => {
    const owners = new Map<string, Set<string>>();
    for (const item of items) {
      if (item.kind !== 'mention') continue;
      const set = owners.get(item.person) ?? new Set<string>();
      set.add(item.key.owner);
      owners.set(item.person, set);
    }
    const multiSector = [...owners.values()].filter((set) => set.size >= 2).length;
    expect(multiSector).toBeGreaterThan(OPTIONS.people / 10);
    const types = new Set(records.map((item) => item.record.type));
    expect(types).toEqual(
      new Set([
        'Person',
        'BankAccount',
        'PaymentInstrument',
        'Payment',
        'IdentityDocument',
        'Trip',
        'TravelledOn',
        'Booking',
        'StayedAt',
        'Advert',
        'OnlineAccount',
      ]),
    );
  });

  it('plants each ring with its members, and its truth names only records that exist', () => {
    const networks = items.filter((item) => item.kind === 'network').map((item) => item.network);
    expect(networks).toHaveLength(OPTIONS.rings);
    for (const network of networks) {
      expect(network.members.filter((member) => member.role === 'victim').length).toBeGreaterThanOrEqual(3);
      expect(network.cities.length).toBeGreaterThanOrEqual(3);
      // The numbers a ring advertises are fictional (Ofcom's drama range), never possibly real.
      for (const phone of network.phones) expect(phone).toMatch(/^\+447700900\d{3}$/);
      for (const key of network.records) expect(keys.has(`${key.owner}/${key.sourceRecordId}`)).toBe(true);
      const kinds = new Set(
        network.records.map(
          (key) =>
            records.find((item) => item.owner === key.owner && item.record.sourceRecordId === key.sourceRecordId)
              ?.record.type,
        ),
      );
      expect([...kinds]).toEqual(expect.arrayContaining(['Advert', 'Booking', 'Payment', 'Trip']));
      // After-hours payments at nail salons or massage businesses, between midnight and four.
      const afterHours = network.records
        .map(
          (key) =>
            records.find((item) => item.owner === key.owner && item.record.sourceRecordId === key.sourceRecordId)
              ?.record,
        )
        .filter(
          (record) =>
            record?.type === 'Payment' && ['7230', '7297'].includes(String(record.properties['merchantCategory'])),
        )
        .map((record) => new Date(String(record?.properties['occurredAt'])).getUTCHours());
      expect(afterHours.length).toBeGreaterThan(0);
      expect(afterHours.every((hour) => hour < 4)).toBe(true);
    }
  });

  it('names, in its truth, a true person for every record about a person, and only records that exist', () => {
    const mentioned = new Set<string>();
    for (const item of items) {
      if (item.kind !== 'mention') continue;
      expect(keys.has(`${item.key.owner}/${item.key.sourceRecordId}`)).toBe(true);
      mentioned.add(`${item.key.owner}/${item.key.sourceRecordId}`);
    }
    for (const item of records) {
      if (item.record.type === 'Person')
        expect(mentioned.has(`${item.owner}/${item.record.sourceRecordId}`)).toBe(true);
    }
  });
});
