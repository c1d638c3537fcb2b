import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type PolicyMarking, type Subject } from '../policy/index.ts';
import { parseSearchQuery } from './search-query.ts';
import { searchEntryOf, type SearchEntry } from './search-entry.ts';
import { oneEditApart, SearchIndex, type SearchFilters, type SearchOutcome } from './search-index.ts';
import type { StoredRecord } from '../model/record.ts';
import type { RecordId } from '../model/ids.ts';

const POLICE: Subject = {
  organisationId: 'police',
  organisationType: 'law_enforcement',
  sector: 'law_enforcement',
  roles: ['analyst'],
  clearance: 'secret',
  groups: [],
  userId: null,
};
const BANK: Subject = { ...POLICE, organisationId: 'bank', organisationType: 'company', sector: 'finance' };

const GREEN: PolicyMarking = {
  ownerOrganisation: 'hotel',
  subjectCategory: 'suspect',
  purposes: ['investigation', 'screening', 'crime_analysis', 'victim_support', 'oversight'],
  tlp: 'GREEN',
  confidentiality: 'restricted',
  sharingGroups: [],
  fieldRestrictions: {},
  recipients: [],
};

let serial = 0;
/** A record as the store holds it, made into its search entry. */
function entry(
  type: string,
  properties: Record<string, unknown>,
  marking: Partial<PolicyMarking> = {},
  more: { id?: string; collectedAt?: string; sector?: string; caption?: string | null } = {},
): SearchEntry {
  serial += 1;
  const envelope = {
    ...GREEN,
    ...marking,
    sector: more.sector ?? 'accommodation',
    sourceSystem: 'test',
    sourceRecordId: `r${serial}`,
    collectedAt: more.collectedAt ?? '2026-01-15T10:00:00Z',
    legalBasis: null,
    handling: [],
    retentionReviewAt: '2031-01-15',
  };
  const first = Object.values(properties)[0];
  const record = {
    id: (more.id ?? `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`) as RecordId,
    type,
    properties,
    caption: more.caption === undefined ? (typeof first === 'string' ? first : null) : more.caption,
    envelope,
  } as unknown as StoredRecord;
  return searchEntryOf(record, 'GB');
}

function indexOf(...entries: SearchEntry[]): SearchIndex {
  const index = new SearchIndex();
  for (const each of entries) index.add(each);
  return index;
}

function search(
  index: SearchIndex,
  text: string,
  subject: Subject = POLICE,
  filters: SearchFilters = {},
  limit = 20,
): SearchOutcome {
  return index.search(parseSearchQuery(text, 'GB'), { subject, purpose: 'investigation', filters, limit });
}

const ids = (outcome: SearchOutcome) => outcome.hits.map((hit) => hit.id);

describe('the search index', () => {
  const mohammed = entry('Person', { name: 'Mohammed Ali Hassan', phone: '+44 7911 123456' });
  const cyrillic = entry('Person', { name: 'Мохаммед Петров' });
  const arabic = entry('Person', { name: 'محمد العزاوي' });
  const chinese = entry('Person', { name: '王伟' });
  const ion = entry('Person', { name: 'Ion Popescu', idNumber: 'RO1234567', email: 'ion.popescu@example.com' });
  const account = entry('BankAccount', { iban: 'GB82 WEST 1234 5698 7654 32', holderName: ['Ion Popescu'] });
  const advert = entry(
    'Advert',
    {
      title: 'New girls in Leeds',
      site: 'classifieds',
      body: 'call zero seven nine one one one two three four five six',
    },
    {},
    { sector: 'communications' },
  );
  const index = indexOf(mohammed, cyrillic, arabic, chinese, ion, account, advert);

  it('finds a name exactly, and says which word matched where', () => {
    const found = search(index, 'Ion Popescu');
    expect(ids(found)).toEqual(expect.arrayContaining([ion.id, account.id]));
    expect(found.hits[0]?.reasons).toEqual(
      expect.arrayContaining([{ kind: 'word', how: 'exact', query: 'popescu', matched: 'popescu', field: 'name' }]),
    );
    expect(found.total).toBe(2);
  });

  it('finds a name across scripts: Cyrillic, Arabic and Chinese against Latin, both ways', () => {
    expect(ids(search(index, 'Мохаммед'))).toContain(mohammed.id);
    expect(ids(search(index, 'Mohammed Petrov'))).toContain(cyrillic.id);
    expect(ids(search(index, 'محمد'))).toContain(mohammed.id);
    expect(ids(search(index, 'Mohammed'))).toEqual(expect.arrayContaining([arabic.id, cyrillic.id]));
    expect(ids(search(index, 'Wang Wei'))).toEqual([chinese.id]);
    const reason = search(index, 'محمد').hits.find((hit) => hit.id === mohammed.id)?.reasons[0];
    expect(reason).toMatchObject({ kind: 'word', how: 'transliteration', matched: 'mohammed' });
  });

  it('finds a name by the start of a word as it is typed', () => {
    const found = search(index, 'moha');
    expect(ids(found)).toContain(mohammed.id);
    expect(found.hits.find((hit) => hit.id === mohammed.id)?.reasons[0]).toMatchObject({ how: 'prefix' });
    expect(ids(search(index, 'Ion Pop'))).toContain(ion.id);
  });

  it('finds a name typed with a letter wrong, missing or swapped', () => {
    for (const typo of ['Popesku', 'Popscu', 'Poepscu', 'Popesscu']) expect(ids(search(index, typo))).toContain(ion.id);
  });

  it('ranks the exact name above its spelling variants and prefixes', () => {
    const found = search(index, 'Mohammed Hassan');
    expect(found.hits[0]?.id).toBe(mohammed.id);
    expect(found.hits[0]?.score).toBeGreaterThan(0.9);
  });

  it('finds a phone however it is written, also inside an advert written in words', () => {
    for (const written of [
      '+44 7911 123456',
      '07911 123456',
      'o7911-l23456',
      'zero seven nine one one one two three four five six',
    ]) {
      const found = search(index, written);
      expect(ids(found).sort()).toEqual([mohammed.id, advert.id].sort());
      expect(found.hits[0]?.reasons[0]).toMatchObject({ kind: 'identifier', how: 'phone', query: '+447911123456' });
    }
  });

  it('finds an e-mail, a document number and an IBAN', () => {
    expect(ids(search(index, 'Ion.Popescu@Example.com'))).toEqual([ion.id]);
    expect(ids(search(index, 'RO1234567'))).toEqual([ion.id]);
    expect(ids(search(index, 'GB82 WEST 1234 5698 7654 32'))).toEqual([account.id]);
    expect(search(index, 'GB82WEST12345698765432').hits[0]?.reasons[0]).toMatchObject({ how: 'iban', field: 'iban' });
  });

  it('narrows by type, sector, country, time and TLP', () => {
    const guest = entry('Person', { name: 'Ana Lupu', nationality: 'RO' }, {}, { collectedAt: '2025-06-01T00:00:00Z' });
    const stay = entry(
      'Booking',
      { accommodationName: 'Ana Lupu Guesthouse', checkIn: '2026-03-05', country: 'GB' },
      { tlp: 'CLEAR' },
      { sector: 'accommodation' },
    );
    const narrow = indexOf(guest, stay);
    expect(ids(search(narrow, 'Ana Lupu', POLICE, { kinds: ['Booking'] }))).toEqual([stay.id]);
    expect(ids(search(narrow, 'Ana Lupu', POLICE, { countries: ['RO'] }))).toEqual([guest.id]);
    expect(ids(search(narrow, 'Ana Lupu', POLICE, { sectors: ['finance'] }))).toEqual([]);
    expect(ids(search(narrow, 'Ana Lupu', POLICE, { tlp: ['CLEAR'] }))).toEqual([stay.id]);
    const march = { from: Date.parse('2026-03-01'), to: Date.parse('2026-03-31') };
    expect(ids(search(narrow, 'Ana Lupu', POLICE, march))).toEqual([stay.id]);
    expect(search(narrow, 'Ana Lupu', POLICE, {}, 1)).toMatchObject({ total: 2 });
  });

  it('neither returns nor counts a record the reader may not see', () => {
    const shared = entry('Person', { name: 'Vera Marin' });
    const red = entry('Person', { name: 'Vera Marin' }, { tlp: 'RED' });
    const unmarked = entry('Person', { name: 'Vera Marin' }, { tlp: null });
    const own = entry('Person', { name: 'Vera Marin' }, { tlp: null, ownerOrganisation: 'police' });
    const victim = entry('Person', { name: 'Vera Marin' }, { subjectCategory: 'victim' });
    const draft = entry('Notice', { title: 'Vera Marin', status: 'draft' }, { ownerOrganisation: 'police' });
    const guarded = indexOf(shared, red, unmarked, own, victim, draft);
    const police = search(guarded, 'Vera Marin');
    expect(ids(police).sort()).toEqual([shared.id, own.id, victim.id, draft.id].sort());
    expect(police.total).toBe(4);
    const bank = search(guarded, 'Vera Marin', BANK);
    expect(ids(bank)).toEqual([shared.id]);
    expect(bank.total).toBe(1);
  });

  it('matches a reader only on the fields shown to them, and shows no caption when a field is hidden', () => {
    const restricted = entry(
      'Person',
      { name: 'Petra Novak', alias: ['Zorka'], phone: '+44 7700 900123' },
      { fieldRestrictions: { name: ['law_enforcement'], phone: ['law_enforcement'] } },
    );
    const guarded = indexOf(restricted);
    expect(search(guarded, 'Petra Novak').hits[0]).toMatchObject({ id: restricted.id, caption: 'Petra Novak' });
    expect(search(guarded, 'Petra Novak', BANK)).toEqual({ hits: [], total: 0 });
    expect(search(guarded, '+44 7700 900123', BANK)).toEqual({ hits: [], total: 0 });
    const byAlias = search(guarded, 'Zorka', BANK);
    expect(byAlias.hits[0]).toMatchObject({ id: restricted.id, caption: null });
    expect(byAlias.hits[0]?.reasons).toEqual([
      { kind: 'word', how: 'exact', query: 'zorka', matched: 'zorka', field: 'alias' },
    ]);
  });

  it('forgets a removed record, and finds a replaced one by its new words only', () => {
    const first = entry('Person', { name: 'Dan Cole' }, {}, { id: '00000000-0000-4000-8000-00000000dead' });
    const changing = indexOf(first);
    changing.add(entry('Person', { name: 'Daniel Coleman' }, {}, { id: first.id }));
    expect(ids(search(changing, 'Cole'))).toEqual([first.id]);
    expect(search(changing, 'Cole').hits[0]?.reasons[0]).toMatchObject({ how: 'prefix', matched: 'coleman' });
    expect(ids(search(changing, 'Dan Cole'))).toEqual([first.id]);
    changing.remove(first.id);
    expect(search(changing, 'Daniel')).toEqual({ hits: [], total: 0 });
    expect(changing.size).toBe(0);
  });
});

describe('the search index, property by property', () => {
  const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ra', 'den', 'sor', 'vel', 'tu', 'ni', 'bex', 'qua', 'zor');
  const word = fc.array(syllable, { minLength: 3, maxLength: 4 }).map((parts) => parts.join(''));
  const name = fc.tuple(word, word).filter(([a, b]) => a !== b);
  const crowd = fc.array(name, { minLength: 5, maxLength: 30 });
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  it('finds every record by its exact name, best first', () => {
    fc.assert(
      fc.property(crowd, name, ([...others], [given, family]) => {
        const target = entry('Person', { name: `${capital(given)} ${capital(family)}` });
        const index = indexOf(...others.map(([a, b]) => entry('Person', { name: `${a} ${b}` })), target);
        const found = search(index, `${given} ${family}`, POLICE, {}, 100);
        expect(ids(found)).toContain(target.id);
        expect(found.hits[0]?.score).toBe(found.hits.find((hit) => hit.id === target.id)?.score);
      }),
      { numRuns: 60 },
    );
  });

  it('finds a record by any start of two letters or more of its family name', () => {
    fc.assert(
      fc.property(name, fc.integer({ min: 2, max: 12 }), ([given, family], length) => {
        const target = entry('Person', { name: `${given} ${family}` });
        const index = indexOf(target, entry('Person', { name: 'Someone Else' }));
        expect(ids(search(index, family.slice(0, length)))).toContain(target.id);
      }),
      { numRuns: 100 },
    );
  });

  it('finds a record by its name with one letter changed, dropped, added or two swapped', () => {
    const edit = fc.tuple(
      fc.constantFrom('change', 'drop', 'add', 'swap'),
      fc.nat(),
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
    );
    fc.assert(
      fc.property(name, edit, ([given, family], [how, at, letter]) => {
        const place = 1 + (at % (family.length - 2));
        const typed =
          how === 'change'
            ? `${family.slice(0, place)}${letter}${family.slice(place + 1)}`
            : how === 'drop'
              ? `${family.slice(0, place)}${family.slice(place + 1)}`
              : how === 'add'
                ? `${family.slice(0, place)}${letter}${family.slice(place)}`
                : `${family.slice(0, place)}${family[place + 1] ?? ''}${family[place] ?? ''}${family.slice(place + 2)}`;
        expect(oneEditApart(typed, family)).toBe(true);
        const target = entry('Person', { name: `${given} ${family}` });
        expect(ids(search(indexOf(target), `${given} ${typed}`))).toContain(target.id);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a British mobile however it is written: spaced, dashed, national, with letters for digits, in words', () => {
    const digitWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        fc.constantFrom('e164', 'spaced', 'dashed', 'letters', 'words'),
        (digits, style) => {
          const national = `07${digits.join('')}`;
          const target = entry('Person', { name: 'Phone Holder', phone: `+44${national.slice(1)}` });
          const written =
            style === 'e164'
              ? `+44${national.slice(1)}`
              : style === 'spaced'
                ? `${national.slice(0, 5)} ${national.slice(5)}`
                : style === 'dashed'
                  ? `${national.slice(0, 5)}-${national.slice(5, 8)}-${national.slice(8)}`
                  : style === 'letters'
                    ? national.replaceAll('0', 'o').replaceAll('1', 'l')
                    : national
                        .split('')
                        .map((digit) => digitWords[Number(digit)])
                        .join(' ');
          expect(ids(search(indexOf(target), written))).toEqual([target.id]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns and counts exactly the matching records the policy engine lets the reader see', () => {
    const marking = fc.record({
      ownerOrganisation: fc.constantFrom('police', 'hotel', 'bank'),
      subjectCategory: fc.constantFrom('suspect', 'victim', 'other'),
      tlp: fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED', null),
      confidentiality: fc.constantFrom('restricted', 'confidential', 'secret'),
      sharingGroups: fc.constantFrom([], ['hotels'], ['finance-group']),
      purposes: fc.constantFrom(GREEN.purposes, ['victim_support'] as const),
    });
    const reader = fc.record({
      organisationId: fc.constantFrom('police', 'hotel', 'bank'),
      organisationType: fc.constantFrom('law_enforcement', 'company', 'coordinator'),
      sector: fc.constantFrom('law_enforcement', 'finance', 'accommodation'),
      roles: fc.constantFrom(['analyst'], ['reporter'], ['caseworker'], ['admin']),
      clearance: fc.constantFrom('restricted', 'confidential', 'secret'),
      groups: fc.constantFrom([], ['hotels']),
      userId: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(marking, { minLength: 1, maxLength: 25 }), reader, (markings, subject) => {
        const entries = markings.map((each) =>
          entry('Person', { name: 'Ilse Brandt' }, each as unknown as Partial<PolicyMarking>),
        );
        const found = search(indexOf(...entries), 'Ilse Brandt', subject, {}, 100);
        const visible = entries.filter((each) => decide(subject, 'investigation', each.marking).visible);
        expect(ids(found).sort()).toEqual(visible.map((each) => each.id).sort());
        expect(found.total).toBe(visible.length);
      }),
      { numRuns: 200 },
    );
  });
});
