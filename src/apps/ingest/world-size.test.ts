import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../domain/synth/index.ts';
import { peopleForRecords } from './world-size.ts';

function recordsOf(options: Parameters<typeof generateWorld>[0]): number {
  let records = 0;
  for (const item of generateWorld(options)) if (item.kind === 'record') records += 1;
  return records;
}

describe('peopleForRecords', () => {
  it('chooses a population that gives about the records asked for', () => {
    const planting = { seed: 7, rings: 1 };
    const people = peopleForRecords(30_000, planting);
    expect(recordsOf({ ...planting, people }) / 30_000).toBeCloseTo(1, 1);
  });

  it('chooses no population when the planted networks alone give more records', () => {
    expect(peopleForRecords(10, { seed: 7, rings: 2 })).toBe(0);
  });
});
