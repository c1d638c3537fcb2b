/**
 * A growable column of numbers over a typed array: the builder the search and screening indexes
 * and blocking share; and rows of integers of varying length built on two of them. `values` is the storage (its first `length` are the column's), read
 * directly in hot loops.
 */
export class TypedColumn<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0;

  constructor(
    public values: A,
    private readonly make: (size: number) => A,
  ) {}

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(this.values.length * 2);
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

/** An empty column of 32-bit integers. */
export const int32Column = (): TypedColumn<Int32Array> =>
  new TypedColumn(new Int32Array(1024), (size) => new Int32Array(size));
/** An empty column of 64-bit floats. */
export const float64Column = (): TypedColumn<Float64Array> =>
  new TypedColumn(new Float64Array(1024), (size) => new Float64Array(size));
/** An empty column of bytes. */
export const uint8Column = (): TypedColumn<Uint8Array> =>
  new TypedColumn(new Uint8Array(1024), (size) => new Uint8Array(size));

/** Variable-length rows of integers: one column of values, one of row starts. */
export class RaggedColumn {
  private readonly values = int32Column();
  private readonly starts = int32Column();

  constructor() {
    this.starts.push(0);
  }

  /** Appends a row; rows are numbered from 0 in the order they are appended. */
  append(row: readonly number[]): void {
    for (const value of row) this.values.push(value);
    this.starts.push(this.values.length);
  }

  /** Where a row starts in the column of values (and the row before it ends); see {@link value}. */
  start(index: number): number {
    return this.starts.at(index);
  }

  /** The value at a position of the column of values. */
  value(position: number): number {
    return this.values.at(position);
  }

  /** The bytes held. */
  get bytes(): number {
    return this.values.bytes + this.starts.bytes;
  }
}
