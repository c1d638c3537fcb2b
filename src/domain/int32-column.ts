/** A growable column of 32-bit integers: the typed-array builder the indexes and blocking share. */
export class Int32Column {
  /** The storage; the column's values are its first `length`. */
  values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  at(index: number): number {
    return this.values[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /** The bytes held. */
  get bytes(): number {
    return this.values.byteLength;
  }
}
