/**
 * Interned strings, numbered from 0 in the order they are first seen: a string compares as its
 * number (the search index's words and facets, the sounds of names in record linkage).
 */
export class InternedStrings {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The string's number, given it now when it is new. */
  number(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.values.push(value);
      this.numbers.set(value, number);
    }
    return number;
  }

  /** The string's number, if it has one. */
  find(value: string): number | undefined {
    return this.numbers.get(value);
  }
}
