import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressTable, type PublishedMargins, type SuppressedTable } from './suppression.ts';

/**
 * An independent check of what can be recomputed: the withheld values (cells, and margins not
 * published) are the unknowns of the table's relations (each row sums to its total, each column to
 * its total, the totals to the grand total). A withheld cell is determined exactly when removing its
 * column from the relations' matrix lowers the matrix's rank. Ranks are taken modulo a prime: the
 * matrix is a signed incidence matrix, totally unimodular, so its rank is the same over any field.
 */
const PRIME = 1_000_003;

function rank(matrix: number[][]): number {
  const rows = matrix.map((row) => row.map((value) => ((value % PRIME) + PRIME) % PRIME));
  let found = 0;
  const width = rows[0]?.length ?? 0;
  for (let column = 0; column < width && found < rows.length; column += 1) {
    const pivot = rows.findIndex((row, index) => index >= found && (row[column] ?? 0) !== 0);
    if (pivot === -1) continue;
    [rows[found], rows[pivot]] = [rows[pivot] as number[], rows[found] as number[]];
    const top = rows[found] as number[];
    const inverse = power(top[column] ?? 1, PRIME - 2);
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] as number[];
      if (index === found || (row[column] ?? 0) === 0) continue;
      const factor = ((row[column] ?? 0) * inverse) % PRIME;
      for (let k = 0; k < width; k += 1) row[k] = ((((row[k] ?? 0) - factor * (top[k] ?? 0)) % PRIME) + PRIME) % PRIME;
    }
    found += 1;
  }
  return found;
}

function power(base: number, exponent: number): number {
  let result = 1;
  let b = base % PRIME;
  let e = exponent;
  while (e > 0) {
    if (e % 2 === 1) result = (result * b) % PRIME;
    b = (b * b) % PRIME;
    e = Math.floor(e / 2);
  }
  return result;
}

/** The withheld cells (interior or published margins) that the published values determine. */
function recomputable(shown: SuppressedTable, rows: number, columns: number): string[] {
  // The extended table's entries, `null` when unknown to the reader.
  const known = (row: number, column: number): boolean => {
    if (row < rows && column < columns) return !(shown.cells[row]?.[column]?.suppressed ?? true);
    if (row < rows) return !(shown.rowTotals[row]?.suppressed ?? true);
    if (column < columns) return !(shown.columnTotals[column]?.suppressed ?? true);
    return !shown.grand.suppressed;
  };
  const unknowns: [number, number][] = [];
  for (let row = 0; row <= rows; row += 1) {
    for (let column = 0; column <= columns; column += 1) if (!known(row, column)) unknowns.push([row, column]);
  }
  const index = new Map(unknowns.map(([row, column], position) => [`${row},${column}`, position]));
  const equations: number[][] = [];
  // Row r (the totals row included): its cells minus its total.
  for (let row = 0; row <= rows; row += 1) {
    const equation = new Array<number>(unknowns.length).fill(0);
    for (let column = 0; column <= columns; column += 1) {
      const position = index.get(`${row},${column}`);
      if (position !== undefined) equation[position] = column === columns ? -1 : 1;
    }
    equations.push(equation);
  }
  for (let column = 0; column <= columns; column += 1) {
    const equation = new Array<number>(unknowns.length).fill(0);
    for (let row = 0; row <= rows; row += 1) {
      const position = index.get(`${row},${column}`);
      if (position !== undefined) equation[position] = row === rows ? -1 : 1;
    }
    equations.push(equation);
  }
  const whole = rank(equations);
  const determined: string[] = [];
  unknowns.forEach(([row, column], position) => {
    const without = equations.map((equation) => equation.filter((_, k) => k !== position));
    if (rank(without) < whole) determined.push(`${row},${column}`);
  });
  return determined;
}

/** Counts as small groups make them: many zeros, many small cells, some large. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 10 }) },
  { weight: 3, arbitrary: fc.integer({ min: 11, max: 200 }) },
);
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 7 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );
const ALL_MARGINS: PublishedMargins = { rows: true, columns: true, grand: true };
const GRAND_ONLY: PublishedMargins = { rows: false, columns: false, grand: true };

function shownValues(shown: SuppressedTable): (number | null)[] {
  return [
    ...shown.cells.flat().map((cell) => cell.count),
    ...shown.rowTotals.map((cell) => cell.count),
    ...shown.columnTotals.map((cell) => cell.count),
    shown.grand.count,
  ];
}

describe('small-cell suppression', () => {
  for (const [name, margins] of [
    ['with every margin published', ALL_MARGINS],
    ['with only the grand total published', GRAND_ONLY],
  ] as const) {
    describe(name, () => {
      it('publishes no count between 1 and 10', () => {
        fc.assert(
          fc.property(table, (counts) => {
            const shown = suppressTable(counts, counts[0]?.length ?? 0, { margins });
            for (const value of shownValues(shown)) expect(value === null || value === 0 || value >= 11).toBe(true);
          }),
          { numRuns: 400 },
        );
      });

      it('leaves no withheld count that the totals and the published counts determine', () => {
        fc.assert(
          fc.property(table, (counts) => {
            const columns = counts[0]?.length ?? 0;
            const shown = suppressTable(counts, columns, { margins });
            // Unpublished margins may be determined (they are sums of what is shown); withheld cells may not.
            const withheld = recomputable(shown, counts.length, columns).filter((key) => {
              const [row, column] = key.split(',').map(Number) as [number, number];
              if (row < counts.length && column < columns) return true;
              if (row === counts.length && column === columns) return margins.grand;
              return row === counts.length ? margins.columns : margins.rows;
            });
            expect(withheld).toEqual([]);
          }),
          { numRuns: 400 },
        );
      });

      it('publishes the true counts where it publishes any', () => {
        fc.assert(
          fc.property(table, (counts) => {
            const columns = counts[0]?.length ?? 0;
            const shown = suppressTable(counts, columns, { margins });
            counts.forEach((line, row) => {
              line.forEach((value, column) => {
                const cell = shown.cells[row]?.[column];
                if (cell?.suppressed === false) expect(cell.count).toBe(value);
              });
            });
            const grand = counts.flat().reduce((sum, value) => sum + value, 0);
            if (!shown.grand.suppressed) expect(shown.grand.count).toBe(grand);
          }),
          { numRuns: 200 },
        );
      });
    });
  }

  it('withholds a second cell of the row when one is small, so that the total does not give it away', () => {
    const shown = suppressTable([[3, 40, 50, 60]], 4, { margins: ALL_MARGINS });
    const withheld = shown.cells[0]?.filter((cell) => cell.suppressed).length;
    expect(withheld).toBeGreaterThanOrEqual(2);
    // The smallest other count is the one withheld with it.
    expect(shown.cells[0]?.[1]).toEqual({ count: null, suppressed: true });
  });

  it('shows a table of large counts whole', () => {
    const shown = suppressTable(
      [
        [20, 30],
        [40, 0],
      ],
      2,
      { margins: ALL_MARGINS },
    );
    expect(shown.cells.flat().every((cell) => !cell.suppressed)).toBe(true);
    expect(shown.grand).toEqual({ count: 90, suppressed: false });
  });

  it('withholds unpublished margins always', () => {
    const shown = suppressTable([[20, 30]], 2, { margins: GRAND_ONLY });
    expect(shown.rowTotals).toEqual([{ count: null, suppressed: true }]);
    expect(shown.columnTotals.every((cell) => cell.suppressed)).toBe(true);
    expect(shown.grand).toEqual({ count: 50, suppressed: false });
  });
});
