/** Values a memoised function remembers, at most, by default: past this it starts afresh. */
const REMEMBERED = 250_000;

/**
 * A pure function of one text, remembering its result per text it was given (names, dates and
 * phones repeat across records). Bounded: the memory is emptied when it is full.
 */
export function memoised<T>(compute: (text: string) => T, remembered = REMEMBERED): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let result = known.get(text);
    if (result === undefined && !known.has(text)) {
      result = compute(text);
      if (known.size >= remembered) known.clear();
      known.set(text, result);
    }
    return result as T;
  };
}
