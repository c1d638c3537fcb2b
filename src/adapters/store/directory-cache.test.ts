import { describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { DirectoryCache } from './directory-cache.ts';

/** A database that only listens (and hears nothing). */
const quiet = { listen: () => Promise.resolve() } as unknown as Database;

describe('the directory cache', () => {
  it('keeps an answer for its time, then loads it again; a miss is never kept', async () => {
    let clock = 0;
    const cache = new DirectoryCache(quiet, 5_000, () => clock);
    let loads = 0;
    const load = () => Promise.resolve(`answer ${(loads += 1)}`);
    expect(await cache.remember('k', load)).toBe('answer 1');
    clock = 4_999;
    expect(await cache.remember('k', load)).toBe('answer 1');
    clock = 5_000;
    expect(await cache.remember('k', load)).toBe('answer 2');
    let misses = 0;
    const miss = () => Promise.resolve((misses += 1) > 0 ? undefined : 'never');
    expect(await cache.remember('m', miss)).toBeUndefined();
    expect(await cache.remember('m', miss)).toBeUndefined();
    expect(misses).toBe(2);
  });

  it('forgets everything on a change, and keeps nothing loaded while the change committed', async () => {
    const cache = new DirectoryCache(quiet);
    expect(await cache.remember('k', () => Promise.resolve('before'))).toBe('before');
    cache.forget();
    expect(await cache.remember('k', () => Promise.resolve('after'))).toBe('after');

    // A load under way when a change commits may have read the old state: answered, not kept.
    let finish: (value: string) => void = () => undefined;
    const loading = cache.remember('j', () => new Promise<string>((resolve) => (finish = resolve)));
    await Promise.resolve();
    cache.forget();
    finish('stale');
    expect(await loading).toBe('stale');
    expect(await cache.remember('j', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('keeps nothing until it hears of changes elsewhere (a change made meanwhile would go unheard)', async () => {
    let listening: () => void = () => undefined;
    const slow = { listen: () => new Promise<void>((resolve) => (listening = resolve)) } as unknown as Database;
    const cache = new DirectoryCache(slow);
    let loads = 0;
    const load = () => Promise.resolve(`answer ${(loads += 1)}`);
    expect(await cache.remember('k', load)).toBe('answer 1');
    expect(await cache.remember('k', load)).toBe('answer 2');
    listening();
    await Promise.resolve();
    expect(await cache.remember('k', load)).toBe('answer 3');
    expect(await cache.remember('k', load)).toBe('answer 3');
  });
});
