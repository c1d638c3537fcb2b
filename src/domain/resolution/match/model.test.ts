import { describe, expect, it } from 'vitest';
import { linkRecords } from './linker.ts';
import { levelWeightsOf } from './model.ts';
import { seededRandom } from './random.ts';
import type { LinkRecord } from './roles.ts';
import { syntheticPeople } from './synthetic.test-support.ts';

describe('scoring', () => {
  const records = syntheticPeople(300, 11);
  const result = linkRecords(records, { mode: 'dedupe' });

  it('explains every pair: the prior and the features sum to the match weight', () => {
    expect(result.candidates.count).toBeGreaterThan(100);
    for (let pair = 0; pair < result.candidates.count; pair += 1) {
      const left = result.candidates.left[pair] ?? 0;
      const right = result.candidates.right[pair] ?? 0;
      const explanation = result.scorer.explain(left, right);
      const sum = explanation.priorWeight + explanation.features.reduce((total, feature) => total + feature.weight, 0);
      expect(sum).toBeCloseTo(explanation.weight, 9);
      expect(explanation.weight).toBeCloseTo(result.scorer.weight(left, right, new Uint8Array(32)), 9);
      expect(explanation.probability).toBeCloseTo(2 ** sum / (1 + 2 ** sum), 9);
      // Every comparison, then the qualifiers and the household alternative where they weigh.
      const features = explanation.features.map((feature) => feature.feature);
      const qualifiers = ['generation', 'genders of the given names', 'household'];
      expect(features.filter((feature) => !qualifiers.includes(feature))).toEqual(
        result.model.parameters.map((parameters) => parameters.comparison.name),
      );
      expect(features.filter((feature) => feature === 'household').length).toBeLessThanOrEqual(1);
      if (features.includes('household')) expect(features.at(-1)).toBe('household');
    }
  });

  it('gives a missing value no weight', () => {
    const withNull = result.model.parameters.find((parameters) => parameters.comparison.name === 'phone');
    expect(withNull?.m[0]).toBe(1);
    expect(withNull?.u[0]).toBe(1);
  });

  it('weighs an exact match on a widely shared phone number much less than on a rare one', () => {
    // Forty guests give the hotel's front-desk number; two records of one person share a private one.
    const random = seededRandom(3);
    const syllable = () =>
      `${'bdfgklmnprstvz'[Math.floor(random() * 14)] ?? ''}${'aeiou'[Math.floor(random() * 5)] ?? ''}`;
    const word = () => syllable() + syllable() + syllable();
    const hotel: LinkRecord[] = Array.from({ length: 40 }, (_, index) => ({
      id: `guest-${index}`,
      source: 0,
      fields: { full_name: `${word()} ${word()}`, phone: '+44 20 7946 0000' },
    }));
    const linked = linkRecords([...records, ...hotel], { mode: 'dedupe' });
    const index = (id: string) => linked.records.ids.indexOf(id);
    const shared = linked.scorer.explain(index('guest-1'), index('guest-2'));
    const phoneOf = (explanation: typeof shared) => explanation.features.find((feature) => feature.feature === 'phone');
    expect(phoneOf(shared)?.level).toBe('exact');
    // A rare number: the first person's two records, which share their own phone.
    const [first, second] = records.filter((record) => record.id.startsWith('p0-'));
    const rare = linked.scorer.explain(index(first?.id ?? ''), index(second?.id ?? ''));
    expect(phoneOf(rare)?.level).toBe('exact');
    expect((phoneOf(rare)?.weight ?? 0) - (phoneOf(shared)?.weight ?? 0)).toBeGreaterThan(4);
    expect(shared.probability).toBeLessThan(0.5);
  });

  it('weighs a Jr against a Sr as a conflict, and an area once however many of its fields agree', () => {
    const family: LinkRecord[] = [
      {
        id: 'sr',
        source: 0,
        fields: { full_name: 'David Dobbins Sr', city: 'Arlington', region: 'VA', postcode: '23208' },
      },
      {
        id: 'jr',
        source: 0,
        fields: { full_name: 'David Dobbins Jr', city: 'Arlington', region: 'VA', postcode: '23208' },
      },
      {
        id: 'none',
        source: 0,
        fields: { full_name: 'David Dobbins', city: 'Arlington', region: 'VA', postcode: '23208' },
      },
    ];
    const linked = linkRecords([...records, ...family], { mode: 'dedupe' });
    const index = (id: string) => linked.records.ids.indexOf(id);
    const conflict = linked.scorer.explain(index('sr'), index('jr'));
    const plain = linked.scorer.explain(index('sr'), index('none'));
    expect(conflict.features.find((feature) => feature.feature === 'generation')).toEqual({
      feature: 'generation',
      level: 'conflict (sr / jr)',
      weight: -10,
    });
    expect(plain.features.some((feature) => feature.feature === 'generation')).toBe(false);
    expect(plain.weight - conflict.weight).toBeCloseTo(10, 9);
    // Postcode, city and region all agree: only the strongest of them counts.
    const area = plain.features.filter((feature) => ['postcode', 'city', 'region'].includes(feature.feature));
    expect(area.map((feature) => feature.level)).toEqual(['exact', 'exact', 'exact']);
    expect(area.filter((feature) => feature.weight > 0)).toHaveLength(1);
  });

  it('weighs given names of different genders as a conflict where a gender is not recorded on both records', () => {
    const twins = (gender: (index: number) => string | undefined): LinkRecord[] =>
      ['Mark', 'Marsha', 'Mark'].map((given, index) => {
        const told = gender(index);
        return {
          id: `twin-${index}`,
          source: 0,
          fields: {
            given_name: given,
            surname: 'Kusha',
            date_of_birth: '1980-04-02',
            address: '12 Birch Lane',
            city: 'Springfield',
            ...(told === undefined ? {} : { gender: told }),
          },
        };
      });
    const explainPair = (people: LinkRecord[], a: string, b: string) => {
      const linked = linkRecords([...records, ...people], { mode: 'dedupe' });
      const index = (id: string) => linked.records.ids.indexOf(id);
      return linked.scorer.explain(index(a), index(b));
    };
    const genderOf = (explanation: ReturnType<typeof explainPair>) =>
      explanation.features.find((feature) => feature.feature === 'genders of the given names');
    // No gender recorded: the given names tell them.
    const told = explainPair(
      twins(() => undefined),
      'twin-0',
      'twin-1',
    );
    expect(genderOf(told)).toEqual({
      feature: 'genders of the given names',
      level: 'conflict (m by the given name / f by the given name)',
      weight: -5,
    });
    expect(
      genderOf(
        explainPair(
          twins(() => undefined),
          'twin-0',
          'twin-2',
        ),
      ),
    ).toBeUndefined();
    // One recorded, the other told by the name: still a conflict.
    const oneRecorded = explainPair(
      twins((index) => (index === 0 ? 'M' : undefined)),
      'twin-0',
      'twin-1',
    );
    expect(genderOf(oneRecorded)?.level).toBe('conflict (m / f by the given name)');
    // Both recorded: the gender comparison weighs them, not the names (a recorded gender wins).
    const recorded = explainPair(
      twins(() => 'M'),
      'twin-0',
      'twin-1',
    );
    expect(genderOf(recorded)).toBeUndefined();
    expect(recorded.features.find((feature) => feature.feature === 'gender')?.level).toBe('exact');
  });

  it('tells relatives at one address from one person: the household class, and no level above exact', () => {
    // Eighty families: two people each (their own given names and dates of birth) sharing a
    // surname, an address and a home phone; every person has two records.
    const random = seededRandom(5);
    const syllable = () =>
      `${'bdfgklmnprstvz'[Math.floor(random() * 14)] ?? ''}${'aeiou'[Math.floor(random() * 5)] ?? ''}`;
    const word = () => syllable() + syllable() + syllable();
    const family: LinkRecord[] = [];
    for (let household = 0; household < 80; household += 1) {
      const surname = word();
      const address = `${1 + Math.floor(random() * 400)} ${word()} street`;
      const phone = `0${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      for (let person = 0; person < 2; person += 1) {
        const given = word();
        const date = `${1940 + Math.floor(random() * 60)}-${1 + Math.floor(random() * 12)}-${1 + Math.floor(random() * 28)}`;
        for (let copy = 0; copy < 2; copy += 1) {
          family.push({
            id: `${household}-${person}-${copy}`,
            source: 0,
            fields: { given_name: given, surname, date_of_birth: date, address, phone },
          });
        }
      }
    }
    const linked = linkRecords(family, { mode: 'dedupe' });
    expect(linked.model.household).toBeGreaterThan(0.5);
    const index = (id: string) => linked.records.ids.indexOf(id);
    let together = 0;
    let relativesApart = 0;
    for (let household = 0; household < 80; household += 1) {
      for (let person = 0; person < 2; person += 1) {
        if (linked.clusterOf[index(`${household}-${person}-0`)] === linked.clusterOf[index(`${household}-${person}-1`)])
          together += 1;
      }
      if (linked.clusterOf[index(`${household}-0-0`)] !== linked.clusterOf[index(`${household}-1-0`)])
        relativesApart += 1;
    }
    expect(together).toBe(160);
    expect(relativesApart).toBe(80);
    const siblings = linked.scorer.explain(index('0-0-0'), index('0-1-0'));
    expect(siblings.probability).toBeLessThan(0.5);
    expect(siblings.features.at(-1)?.feature).toBe('household');
    expect(siblings.features.at(-1)?.weight).toBeLessThan(0);
    // No level weighs more than the exact agreement of its comparison.
    for (const { m, u } of linked.model.parameters) {
      const weights = levelWeightsOf(m, u);
      for (let level = 2; level < weights.length; level += 1)
        expect(weights[level]).toBeLessThanOrEqual(weights[1] ?? 0);
    }
  });

  it('scores a pair the same either way round', () => {
    const scratch = new Uint8Array(32);
    for (let pair = 0; pair < result.candidates.count; pair += 1) {
      const left = result.candidates.left[pair] ?? 0;
      const right = result.candidates.right[pair] ?? 0;
      expect(result.scorer.weight(right, left, scratch)).toBeCloseTo(result.scorer.weight(left, right, scratch), 9);
    }
  });

  it('counts a full swap of the name parts on both, and one name word in common on the given name only', () => {
    const people: LinkRecord[] = [
      { id: 'isaac', source: 0, fields: { given_name: 'Isaac', surname: 'James' } },
      { id: 'james', source: 0, fields: { given_name: 'James', surname: 'Dixon' } },
      { id: 'swapped', source: 0, fields: { given_name: 'James', surname: 'Isaac' } },
    ];
    const linked = linkRecords([...records, ...people], { mode: 'dedupe' });
    const index = (id: string) => linked.records.ids.indexOf(id);
    const levels = (a: string, b: string) =>
      linked.scorer
        .explain(index(a), index(b))
        .features.filter((feature) => feature.feature === 'given_name' || feature.feature === 'surname')
        .map((feature) => feature.level);
    expect(levels('isaac', 'swapped')).toEqual(['swapped with surname', 'swapped with given_name']);
    expect(levels('isaac', 'james')).toEqual(['swapped with surname', 'else']);
    expect(levels('james', 'isaac')).toEqual(['swapped with surname', 'else']);
  });

  it('takes a given name like the other surname for no swap when the surnames already agree', () => {
    const people: LinkRecord[] = [
      { id: 'mark', source: 0, fields: { given_name: 'Mark', surname: 'Miller' } },
      { id: 'millie', source: 0, fields: { given_name: 'Millie', surname: 'Miller' } },
    ];
    const linked = linkRecords([...records, ...people], { mode: 'dedupe' });
    const index = (id: string) => linked.records.ids.indexOf(id);
    const levels = (a: string, b: string) =>
      linked.scorer
        .explain(index(a), index(b))
        .features.filter((feature) => feature.feature === 'given_name' || feature.feature === 'surname')
        .map((feature) => feature.level);
    expect(levels('mark', 'millie')).toEqual(['else', 'exact']);
    expect(levels('millie', 'mark')).toEqual(['else', 'exact']);
  });
});
