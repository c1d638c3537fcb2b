import { describe, expect, it } from 'vitest';
import { ingestContext, prepareRecord } from '../ingest/prepare.ts';
import { digitsOf } from './noise.ts';
import { worldOrganisation } from './organisations.ts';
import {
  generateWorld,
  plantedCounts,
  type PlantedNetwork,
  type SubmittedRecord,
  type WorldItem,
  type WorldOptions,
} from './world.ts';

const OPTIONS: WorldOptions = { seed: 7, people: 600, rings: 2, labour: 2, routes: 2, crews: 2 };

function serialise(items: Iterable<WorldItem>): string {
  let text = '';
  for (const item of items) text += `${JSON.stringify(item)}\n`;
  return text;
}

/** The items of the background population: everything before the first planted network or notice. */
function background(items: readonly WorldItem[]): WorldItem[] {
  const end = items.findIndex(
    (item) =>
      item.kind === 'network' ||
      item.kind === 'reference' ||
      (item.kind === 'record' && ['Notice', 'Tip'].includes(item.record.type)) ||
      (item.kind === 'record' && /-(ring|labour|route|crew)-\d/u.test(item.record.sourceRecordId)),
  );
  return end === -1 ? [...items] : items.slice(0, end);
}

describe('a synthetic world', () => {
  const items = [...generateWorld(OPTIONS)];
  const records = items.filter((item) => item.kind === 'record');
  const byKey = new Map(records.map((item) => [`${item.owner}/${item.record.sourceRecordId}`, item.record]));
  const recordOf = (key: { owner: string; sourceRecordId: string }): SubmittedRecord => {
    const record = byKey.get(`${key.owner}/${key.sourceRecordId}`);
    if (record === undefined) throw new Error(`no record ${key.owner}/${key.sourceRecordId}`);
    return record;
  };
  const networks = items.filter((item) => item.kind === 'network').map((item) => item.network);
  const ofKind = (kind: PlantedNetwork['exploitation']) => networks.filter((network) => network.exploitation === kind);
  const references = items.filter((item) => item.kind === 'reference');

  it('is the same, item for item, for the same seed, and another for another seed', () => {
    expect(serialise(generateWorld(OPTIONS))).toBe(serialise(items));
    expect(serialise(generateWorld({ ...OPTIONS, seed: 8 }))).not.toBe(serialise(items));
  });

  it('keeps the background population when networks are added', () => {
    const without = [...generateWorld({ ...OPTIONS, rings: 0, labour: 0, routes: 0, crews: 0 })];
    const people = background(without);
    expect(people.length).toBeGreaterThan(OPTIONS.people);
    expect(serialise(background(items))).toBe(serialise(people));
  });

  it('holds only records that ingest accepts, each id once per owner', () => {
    const seen = new Set<string>();
    for (const item of records) {
      const owner = worldOrganisation(item.owner);
      const prepared = prepareRecord(
        item.record,
        0,
        // The world's notices arrive as reviewed, as the demo loads them.
        ingestContext(owner, owner.sourceSystem, owner.markings, '2026-04-01T00:00:00Z', {
          actor: 'system:test',
          noticesReviewed: true,
        }),
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

  it('spreads the same people over several sectors, written differently, in every kind of record', () => {
    const owners = new Map<string, Set<string>>();
    for (const item of items) {
      if (item.kind !== 'mention') continue;
      const set = owners.get(item.person) ?? new Set<string>();
      set.add(item.key.owner);
      owners.set(item.person, set);
    }
    const multiSector = [...owners.values()].filter((set) => set.size >= 2).length;
    expect(multiSector).toBeGreaterThan(OPTIONS.people / 5);
    const types = new Set(records.map((item) => item.record.type));
    for (const type of [
      'Person',
      'Organization',
      'Address',
      'Site',
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
      'Employment',
      'LivesAt',
      'SurveyResponse',
      'Notice',
      'Tip',
      'Case',
    ])
      expect(types, type).toContain(type);
    // Every organisation of the world submits something.
    const submitters = new Set(records.map((item) => item.owner));
    for (const id of [
      'gb-police-mst',
      'fr-police-ocrteh',
      'ro-police-diicot',
      'weft-hub',
      'skyways',
      'eurobus',
      'ridenow',
      'harbour-hotels',
      'stayshare',
      'classifieds-market',
      'connectly',
      'northbank',
      'swiftsend',
      'fairwear',
      'freedom-line',
      'safe-harbour',
    ])
      expect(submitters, id).toContain(id);
  });

  it('lets some innocent people share a phone', () => {
    const phones = new Map<string, Set<string>>();
    for (const item of items) {
      if (item.kind !== 'mention' || !item.person.startsWith('P')) continue;
      const phone = recordOf(item.key).properties['phone'];
      const first: unknown = Array.isArray(phone) ? (phone as unknown[])[0] : phone;
      if (typeof first !== 'string') continue;
      const digits = digitsOf(first).slice(-9);
      const people = phones.get(digits) ?? new Set<string>();
      people.add(item.person);
      phones.set(digits, people);
    }
    expect([...phones.values()].some((people) => people.size >= 2)).toBe(true);
  });

  it('plants each kind of network as many times as asked, its truth naming records of the right kinds', () => {
    const counts = plantedCounts(OPTIONS);
    expect(ofKind('sexual_exploitation')).toHaveLength(counts.rings);
    expect(ofKind('forced_labour')).toHaveLength(counts.labour);
    expect(ofKind('migrant_smuggling')).toHaveLength(counts.routes);
    expect(ofKind('forced_criminality')).toHaveLength(counts.crews);
    for (const network of networks) {
      expect(network.members.length, network.id).toBeGreaterThanOrEqual(4);
      // The numbers a network uses are fictional (Ofcom's drama range), never possibly real.
      for (const phone of network.phones) expect(phone).toMatch(/^\+447700900\d{3}$/);
      for (const key of network.records) recordOf(key);
      for (const key of network.accounts)
        expect(['BankAccount', 'PaymentInstrument', 'OnlineAccount']).toContain(recordOf(key).type);
      for (const key of network.adverts) expect(recordOf(key).type).toBe('Advert');
      for (const key of network.trips) expect(recordOf(key).type).toBe('Trip');
      for (const transaction of network.transactions) {
        expect(recordOf(transaction).type).toBe('Payment');
        expect(network.typologies).toContain(transaction.typology);
      }
    }
  });

  it('gives each sexual-exploitation ring shared advert phones, after-hours payments and a funnel account', () => {
    for (const network of ofKind('sexual_exploitation')) {
      const controllerPhone = digitsOf(network.phones[0] ?? '').slice(-9);
      const adverts = network.adverts.map(recordOf).filter((advert) => advert.properties['category'] === 'escort');
      const cities = new Set(adverts.map((advert) => JSON.stringify(advert.properties['city'])));
      expect(cities.size).toBeGreaterThanOrEqual(2);
      // An advert carries the phone as a field or hides it in its text; either way it is the controller's.
      for (const advert of adverts) {
        const phone = advert.properties['phone'];
        if (Array.isArray(phone)) expect(digitsOf(String(phone[0])).endsWith(controllerPhone)).toBe(true);
        else expect(String(advert.properties['body'])).toMatch(/Call /u);
      }
      const afterHours = network.transactions.filter((key) => key.typology === 'after_hours_payments').map(recordOf);
      expect(afterHours.length).toBeGreaterThan(0);
      for (const payment of afterHours) {
        expect(['7230', '7297']).toContain(payment.properties['merchantCategory']);
        expect(new Date(String(payment.properties['occurredAt'])).getUTCHours()).toBeLessThan(4);
      }
      const deposits = network.transactions.filter((key) => key.typology === 'funnel_account').map(recordOf);
      const paidIn = deposits.filter((payment) => payment.properties['description'] === 'cash deposit');
      const into = new Set(paidIn.map((p) => p.properties['payeeAccount']));
      expect(into.size).toBe(1);
      // Drawn out in cash the evening after the deposits, from the same account.
      const drawn = deposits.filter((payment) => payment.properties['description'] === 'cash withdrawal');
      expect(drawn.length).toBeGreaterThan(0);
      expect(new Set(drawn.map((p) => p.properties['payerAccount']))).toEqual(into);
      expect(new Set(deposits.map((payment) => payment.properties['city'])).size).toBeGreaterThanOrEqual(3);
    }
  });

  it('houses exploited workers together and lets them say so in worker-voice surveys', () => {
    for (const network of ofKind('forced_labour')) {
      const own = network.records.map(recordOf);
      const addresses = own
        .filter((record) => record.type === 'Person' && Array.isArray(record.properties['address']))
        .map((record) => String((record.properties['address'] as string[])[0]).toLowerCase());
      expect(addresses.length).toBeGreaterThanOrEqual(6);
      expect(new Set(addresses).size).toBe(1);
      const surveys = own.filter((record) => record.type === 'SurveyResponse');
      expect(surveys.length).toBeGreaterThan(0);
      for (const survey of surveys) expect((survey.properties['indicators'] as string[]).length).toBeGreaterThan(0);
      expect(network.transactions.some((key) => key.typology === 'recruitment_fee')).toBe(true);
      expect(network.transactions.some((key) => key.typology === 'wage_skimming')).toBe(true);
    }
  });

  it('moves smuggled migrants on multi-leg trips under passports in other names, which notices say are stolen', () => {
    const stolen = new Set(
      records
        .filter((item) => item.record.type === 'Notice' && item.record.properties['noticeType'] === 'stolen_document')
        .flatMap((item) => item.record.properties['documentNumber'] as string[]),
    );
    for (const network of ofKind('migrant_smuggling')) {
      expect(network.trips.length).toBeGreaterThanOrEqual(3);
      expect(new Set(network.trips.map(recordOf).map((trip) => trip.properties['mode'])).size).toBeGreaterThanOrEqual(
        2,
      );
      expect(network.documents.length).toBe(network.members.filter((member) => member.role === 'migrant').length);
      expect(network.documents.filter((number) => stolen.has(number)).length).toBeGreaterThan(0);
      expect(network.transactions.some((key) => key.typology === 'payments_to_facilitator')).toBe(true);
    }
  });

  it('puts children among the forced-criminality crews, arrested under changing names', () => {
    const names = new Map<string, Set<string>>();
    for (const network of ofKind('forced_criminality')) {
      expect(network.cities.length).toBeGreaterThanOrEqual(3);
      const victims = new Set(
        network.members.filter((member) => member.role === 'victim').map((member) => member.person),
      );
      for (const item of items) {
        if (item.kind !== 'mention' || !victims.has(item.person)) continue;
        const set = names.get(item.person) ?? new Set<string>();
        set.add(String(recordOf(item.key).properties['name']));
        names.set(item.person, set);
      }
    }
    const arrests = records.filter((item) => item.record.sourceRecordId.startsWith('arrest-crew-'));
    expect(arrests.length).toBeGreaterThan(0);
    expect([...names.values()].some((set) => set.size >= 2)).toBe(true);
    const birthYears = [...names.keys()].flatMap((person) =>
      items
        .filter((item) => item.kind === 'mention' && item.person === person)
        .map((item) => (item.kind === 'mention' ? recordOf(item.key).properties['birthDate'] : undefined)),
    );
    expect(birthYears.some((date) => typeof date === 'string' && Number(date.slice(0, 4)) > 2008)).toBe(true);
  });

  it('says whom each notice and tip is about, and keeps some about no one in the world', () => {
    const members = new Map(
      networks.flatMap((network) => network.members.map((member) => [member.person, member.role])),
    );
    for (const reference of references) {
      const record = recordOf(reference.key);
      expect(['Notice', 'Tip']).toContain(record.type);
      if (record.properties['noticeType'] === 'wanted' && reference.person !== undefined)
        expect(['controller', 'facilitator', 'agent']).toContain(members.get(reference.person));
      if (reference.network !== undefined) expect(networks.map((network) => network.id)).toContain(reference.network);
    }
    const notices = records.filter((item) => item.record.type === 'Notice');
    const noticeTypes = new Set(notices.map((item) => item.record.properties['noticeType']));
    expect(noticeTypes).toEqual(new Set(['wanted', 'missing_person', 'stolen_document', 'modus_operandi']));
    expect(notices.some((item) => item.record.properties['child'] === true)).toBe(true);
    const tips = records.filter((item) => item.record.type === 'Tip');
    const referred = new Set(references.map((reference) => reference.key.sourceRecordId));
    expect(tips.some((item) => referred.has(item.record.sourceRecordId))).toBe(true);
    expect(tips.some((item) => !referred.has(item.record.sourceRecordId))).toBe(true);
    for (const network of networks)
      expect(
        references.some((reference) => reference.network === network.id),
        network.id,
      ).toBe(true);
  });

  it('has the NGO support some victims of the networks, as protected victims', () => {
    const victims = new Set(
      networks.flatMap((network) =>
        network.members.filter((member) => member.role === 'victim').map((member) => member.person),
      ),
    );
    const clients = items.filter((item) => item.kind === 'mention' && item.key.owner === 'safe-harbour');
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) {
      if (client.kind !== 'mention') continue;
      expect(victims.has(client.person)).toBe(true);
      expect(recordOf(client.key).properties['protectedVictim']).toBe(true);
    }
    expect(worldOrganisation('safe-harbour').markings.subjectCategory).toBe('victim');
  });

  it('names, in its truth, a true person for every record about a person, and only records that exist', () => {
    const mentioned = new Set<string>();
    for (const item of items) {
      if (item.kind !== 'mention') continue;
      recordOf(item.key);
      mentioned.add(`${item.key.owner}/${item.key.sourceRecordId}`);
    }
    for (const item of records) {
      if (item.record.type === 'Person')
        expect(mentioned.has(`${item.owner}/${item.record.sourceRecordId}`)).toBe(true);
    }
  });
});
