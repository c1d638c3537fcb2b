/**
 * Deterministic randomness for synthetic worlds: the same seed gives the same world, byte for
 * byte. Each part of a world draws from its own stream (`fork`), so that adding a generator or
 * drawing more in one part never shifts what another part produces.
 */

/** A seeded source of random choices. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One of the items (which must not be empty). */
  pick<T>(items: readonly T[]): T;
  /** One of the items, chosen in proportion to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** An independent stream for a named part of the world. */
  fork(label: string): Random;
}

/** A generator seeded with a 32-bit integer (mulberry32: small, fast, and good enough for data). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('cannot pick from nothing');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items.at(-1);
      if (last === undefined) throw new Error('cannot pick from nothing');
      return last[0];
    },
    chance: (probability) => next() < probability,
    fork: (label) => createRandom(hash32(`${seed}:${label}`)),
  };
  return random;
}

/**
 * A 32-bit hash of a text (FNV-1a over its UTF-16 code units, then MurmurHash3's finaliser so
 * that labels differing in one character give unrelated seeds). Not for security: for seeding.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
