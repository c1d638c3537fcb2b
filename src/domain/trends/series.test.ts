import { describe, expect, it } from 'vitest';
import { factsOf, groupsOf, UNKNOWN, WITHHELD } from './measures.ts';
import { dayOf, periodOf, periodsBetween, trendSeries, wholePeriods } from './series.ts';
import { cityLookup } from './places.ts';
import { flowMap } from './flows.ts';

describe('periods', () => {
  it('are calendar months, or ISO weeks named by their Monday', () => {
    expect(periodOf('2026-03-31', 'month')).toBe('2026-03');
    expect(periodOf('2026-03-01', 'week')).toBe('2026-02-23'); // a Sunday belongs to the week before
    expect(periodOf('2026-03-02', 'week')).toBe('2026-03-02');
    expect(periodsBetween('2025-11-15', '2026-02-01', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-03-01', '2026-03-10', 'week')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
  });

  it('widen a range to whole periods', () => {
    expect(wholePeriods({ from: '2026-02-11', to: '2026-02-12' }, 'month')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(wholePeriods({ from: '2026-03-04', to: '2026-03-04' }, 'week')).toEqual({
      from: '2026-03-02',
      to: '2026-03-08',
    });
  });

  it('read whole days from dates and instants, never from partial dates', () => {
    expect(dayOf('2026-03-01T23:30:00-02:00')).toBe('2026-03-02');
    expect(dayOf('2026-03-01')).toBe('2026-03-01');
    expect(dayOf('2026-03')).toBeUndefined();
    expect(dayOf(null)).toBeUndefined();
  });
});

describe('series', () => {
  it('count each thing in each of its groups, withheld fields apart', () => {
    expect(groupsOf(['forced_labour', 'sexual_exploitation'], false)).toEqual(['forced_labour', 'sexual_exploitation']);
    expect(groupsOf(undefined, false)).toEqual([UNKNOWN]);
    expect(groupsOf('GB', true)).toEqual([WITHHELD]);
  });

  it('give a point per period and group, zero where nothing happened, small counts withheld', () => {
    const facts = factsOf(
      [
        { day: '2026-01-10', count: 30, groups: ['GB'] },
        { day: '2026-02-10', count: 25, groups: ['GB'] },
        { day: '2026-02-11', count: 4, groups: ['FR'] },
        { day: '2026-02-12', count: 50, groups: ['FR'] },
        { day: '2026-03-12', count: 50, groups: ['FR'] },
        { day: '2025-12-31', count: 99, groups: ['GB'] }, // before the range
      ],
      'month',
      { from: '2026-01-01', to: '2026-03-31' },
    );
    const trends = trendSeries(facts, periodsBetween('2026-01-01', '2026-03-31', 'month'));
    expect(trends.series.map((series) => series.group)).toEqual(['FR', 'GB']);
    const gb = trends.series[1];
    expect(gb?.points).toEqual([
      { period: '2026-01', count: 30, suppressed: false },
      { period: '2026-02', count: 25, suppressed: false },
      { period: '2026-03', count: 0, suppressed: false },
    ]);
    expect(gb?.total).toEqual({ count: 55, suppressed: false });
    // FR January is 0 and February 54: nothing small, all shown.
    expect(trends.totals.total).toEqual({ count: 159, suppressed: false });
  });

  it('withhold a small cell with a partner, so that no total gives it away', () => {
    const facts = [
      { group: 'GB', period: '2026-01', count: 3 },
      { group: 'GB', period: '2026-02', count: 40 },
      { group: 'FR', period: '2026-01', count: 30 },
      { group: 'FR', period: '2026-02', count: 60 },
    ];
    const trends = trendSeries(facts, ['2026-01', '2026-02']);
    const suppressed = trends.series.flatMap((series) => series.points).filter((point) => point.suppressed);
    expect(suppressed.length).toBeGreaterThanOrEqual(2);
    for (const series of trends.series) {
      for (const point of series.points)
        if (!point.suppressed) expect(point.count === 0 || (point.count ?? 0) >= 11).toBe(true);
    }
  });
});

describe('flows', () => {
  const lookup = cityLookup();

  it('locate cities by name, with or without diacritics, and places within them', () => {
    expect(lookup.locate({ name: 'iasi', country: null, kind: 'city' })?.name).toBe('Iași');
    expect(lookup.locate({ name: 'Leeds station', country: 'GB', kind: 'city' })?.name).toBe('Leeds');
    expect(lookup.locate({ name: 'Leeds', country: 'FR', kind: 'city' })).toBeUndefined();
    expect(lookup.locate({ name: 'RO', country: 'RO', kind: 'country' })?.kind).toBe('country');
    expect(lookup.locate({ name: 'Atlantis', country: null, kind: 'city' })).toBeUndefined();
  });

  it('count flows by pair of places with their stage, and list the unlocated apart', () => {
    const map = flowMap(
      [
        {
          from: { name: 'Bucharest', country: 'RO', kind: 'city' },
          to: { name: 'Istanbul', country: 'TR', kind: 'city' },
          count: 20,
        },
        {
          from: { name: 'Istanbul', country: 'TR', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 15,
        },
        {
          from: { name: 'Bucharest', country: 'RO', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 30,
        },
        {
          from: { name: 'Atlantis', country: null, kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 12,
        },
      ],
      lookup,
    );
    expect(map.flows.map((flow) => [flow.from.name, flow.to.name, flow.stage, flow.count])).toEqual([
      ['Bucharest', 'London', 'origin-destination', 30],
      ['Bucharest', 'Istanbul', 'origin-transit', 20],
      ['Istanbul', 'London', 'transit-destination', 15],
    ]);
    expect(map.flows[0]?.from).toEqual({ name: 'Bucharest', country: 'RO', lat: 44.43, lon: 26.1 });
    expect(map.unlocated).toEqual([
      {
        from: { name: 'Atlantis', country: null, lat: null, lon: null },
        to: { name: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
        stage: 'other',
        count: 12,
        suppressed: false,
      },
    ]);
    expect(map.total).toEqual({ count: 77, suppressed: false });
  });

  it('name a place not located only when it has enough movements', () => {
    const map = flowMap(
      [
        {
          from: { name: '12 Acacia Road', country: 'GB', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 3,
        },
        {
          from: { name: 'Atlantis', country: null, kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 11,
        },
        {
          from: { name: 'Paris', country: 'FR', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 50,
        },
      ],
      lookup,
    );
    expect(JSON.stringify(map)).not.toContain('Acacia');
    expect(map.unlocated.map((flow) => flow.from.name).sort()).toEqual(['(elsewhere)', 'Atlantis']);
  });

  it('withhold a small flow and another with it, so that the total does not give it away', () => {
    const map = flowMap(
      [
        {
          from: { name: 'Bucharest', country: 'RO', kind: 'city' },
          to: { name: 'Istanbul', country: 'TR', kind: 'city' },
          count: 4,
        },
        {
          from: { name: 'Istanbul', country: 'TR', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 15,
        },
        {
          from: { name: 'Bucharest', country: 'RO', kind: 'city' },
          to: { name: 'London', country: 'GB', kind: 'city' },
          count: 30,
        },
      ],
      lookup,
    );
    expect(map.flows.filter((flow) => flow.suppressed).length).toBe(2);
    expect(map.flows.find((flow) => flow.to.name === 'Istanbul')).toMatchObject({ count: null, suppressed: true });
    expect(map.total).toEqual({ count: 49, suppressed: false });
  });
});
