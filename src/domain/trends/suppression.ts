/**
 * Small-cell suppression of a two-way table of counts with its margins (row totals, column totals,
 * the grand total), so that no victim can be re-identified from an aggregate.
 *
 * Primary suppression: every cell and every published margin counting 1 to 10 is withheld (the same
 * threshold as worker voice's small groups). Zero is shown: it says no record, of no one.
 *
 * Complementary suppression: a withheld cell must not be recomputable from what is published. The
 * table with its margins has the linear relations "each row sums to its total, each column to its
 * total, the totals to the grand total". Signing the margins, every row and column of the table
 * extended by its margins sums to zero, so the withheld cells are the edges of a bipartite graph
 * (rows on one side, columns on the other) and the solutions of those relations over the withheld
 * cells are its cycles. A withheld cell is therefore exactly recomputable if and only if it is a
 * bridge of that graph (on no cycle). Each bridge is put on a cycle by withholding the cheapest
 * path of further cells between its ends (the smallest non-zero counts first; margins only if they
 * are cheapest); adding cells never turns another edge into a bridge, so this ends with no bridge.
 * Margins that are not published at all (a map shows flows, not the totals per place) are unknowns
 * of the same relations: edges of the graph from the start, never shown.
 */
import { DEFAULT_MINIMUM_GROUP } from '../reporting/index.ts';

/** The smallest count shown: 1 to 10 are withheld, as worker voice withholds groups under 11. */
export const SMALLEST_SHOWN = DEFAULT_MINIMUM_GROUP;

/** A count as published: the number, or null and `suppressed` when it is withheld. */
export interface ShownCount {
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** Which margins the table is published with; those not published are withheld too. */
export interface PublishedMargins {
  readonly rows: boolean;
  readonly columns: boolean;
  readonly grand: boolean;
}

/** The table as published. */
export interface SuppressedTable {
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly ShownCount[])[];
  readonly rowTotals: readonly ShownCount[];
  readonly columnTotals: readonly ShownCount[];
  readonly grand: ShownCount;
}

/** How a table is suppressed. */
export interface SuppressionOptions {
  readonly margins: PublishedMargins;
  /** The smallest count shown; SMALLEST_SHOWN unless told. */
  readonly smallestShown?: number;
}

/** What withholding a zero costs: only when nothing else closes a cycle (a zero pins its partners). */
const ZERO_COST = 1e12;

/**
 * Suppresses a table of counts (`counts[row][column]`, whole numbers ≥ 0, every row `columns` long).
 * No published count is between 1 and `smallestShown − 1`, and no withheld count can be recomputed
 * from the published counts and margins.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  columns: number,
  options: SuppressionOptions,
): SuppressedTable {
  const smallest = options.smallestShown ?? SMALLEST_SHOWN;
  const rows = counts.length;
  // The extended table: row `rows` holds the column totals, column `columns` the row totals.
  const value: number[][] = [];
  for (let row = 0; row <= rows; row += 1) value.push(new Array<number>(columns + 1).fill(0));
  for (let row = 0; row < rows; row += 1) {
    const given = counts[row] ?? [];
    for (let column = 0; column < columns; column += 1) {
      const count = given[column] ?? 0;
      if (!Number.isInteger(count) || count < 0) throw new RangeError('counts must be whole numbers ≥ 0');
      at(value, row, column, count);
      add(value, row, columns, count);
      add(value, rows, column, count);
      add(value, rows, columns, count);
    }
  }
  // Unpublished margins are unknowns, never shown; the rest is withheld when small.
  const unpublished = (row: number, column: number): boolean =>
    row === rows && column === columns
      ? !options.margins.grand
      : row === rows
        ? !options.margins.columns
        : column === columns && !options.margins.rows;
  const hidden: boolean[][] = value.map((line, row) =>
    line.map((count, column) => unpublished(row, column) || (count >= 1 && count < smallest)),
  );
  for (;;) {
    const bridge = bridges(hidden, rows + 1, columns + 1).find(([row, column]) => !unpublished(row, column));
    if (bridge === undefined) break;
    const path = cheapestPath(hidden, value, bridge);
    if (path === undefined) {
      // Only a table of one row or one column has no other path; withhold it all.
      for (const line of hidden) line.fill(true);
      break;
    }
    for (const [row, column] of path) setHidden(hidden, row, column);
  }
  const shown = (row: number, column: number): ShownCount =>
    (hidden[row]?.[column] ?? true)
      ? { count: null, suppressed: true }
      : { count: value[row]?.[column] ?? 0, suppressed: false };
  const cells: ShownCount[][] = [];
  for (let row = 0; row < rows; row += 1) {
    const line: ShownCount[] = [];
    for (let column = 0; column < columns; column += 1) line.push(shown(row, column));
    cells.push(line);
  }
  return {
    cells,
    rowTotals: Array.from({ length: rows }, (_, row) => shown(row, columns)),
    columnTotals: Array.from({ length: columns }, (_, column) => shown(rows, column)),
    grand: shown(rows, columns),
  };
}

function at(table: number[][], row: number, column: number, count: number): void {
  const line = table[row];
  if (line !== undefined) line[column] = count;
}

function add(table: number[][], row: number, column: number, count: number): void {
  const line = table[row];
  if (line !== undefined) line[column] = (line[column] ?? 0) + count;
}

function setHidden(hidden: boolean[][], row: number, column: number): void {
  const line = hidden[row];
  if (line !== undefined) line[column] = true;
}

const isHidden = (hidden: readonly (readonly boolean[])[], row: number, column: number): boolean =>
  hidden[row]?.[column] === true;

/**
 * The bridges of the bipartite graph whose edges are the withheld cells: node `r` is row r, node
 * `rows + c` is column c (Tarjan's low-link, iteratively).
 */
export function bridges(hidden: readonly (readonly boolean[])[], rows: number, columns: number): [number, number][] {
  const nodes = rows + columns;
  const neighbours: number[][] = Array.from({ length: nodes }, () => []);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      if (!isHidden(hidden, row, column)) continue;
      neighbours[row]?.push(rows + column);
      neighbours[rows + column]?.push(row);
    }
  }
  const order = new Array<number>(nodes).fill(-1);
  const low = new Array<number>(nodes).fill(0);
  const found: [number, number][] = [];
  let counter = 0;
  for (let start = 0; start < nodes; start += 1) {
    if (order[start] !== -1) continue;
    // Each frame: node, its parent, the next neighbour to look at.
    const stack: [number, number, number][] = [[start, -1, 0]];
    order[start] = low[start] = counter++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [number, number, number];
      const [node, parent] = frame;
      const next = neighbours[node]?.[frame[2]];
      if (next !== undefined) {
        frame[2] += 1;
        if (next === parent) continue; // a simple graph: the edge back to the parent is the one we came by
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push([next, node, 0]);
        } else {
          low[node] = Math.min(low[node] ?? 0, order[next] ?? 0);
        }
        continue;
      }
      stack.pop();
      if (parent >= 0) {
        low[parent] = Math.min(low[parent] ?? 0, low[node] ?? 0);
        if ((low[node] ?? 0) > (order[parent] ?? 0)) {
          const [row, column] = parent < rows ? [parent, node - rows] : [node, parent - rows];
          found.push([row, column]);
        }
      }
    }
  }
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * The cells to withhold so that the bridge lies on a cycle: the cheapest path between its row and
 * its column not using it (Dijkstra over the complete bipartite graph; withheld cells cost nothing).
 */
function cheapestPath(
  hidden: readonly (readonly boolean[])[],
  value: readonly (readonly number[])[],
  [bridgeRow, bridgeColumn]: [number, number],
): [number, number][] | undefined {
  const rows = value.length;
  const columns = value[0]?.length ?? 0;
  const nodes = rows + columns;
  const distance = new Array<number>(nodes).fill(Infinity);
  const previous = new Array<number>(nodes).fill(-1);
  const done = new Array<boolean>(nodes).fill(false);
  const target = rows + bridgeColumn;
  distance[bridgeRow] = 0;
  const cost = (row: number, column: number): number => {
    if (row === bridgeRow && column === bridgeColumn) return Infinity;
    if (isHidden(hidden, row, column)) return 0;
    const count = value[row]?.[column] ?? 0;
    return count > 0 ? count : ZERO_COST;
  };
  for (;;) {
    let node = -1;
    for (let candidate = 0; candidate < nodes; candidate += 1) {
      if (!done[candidate] && (distance[candidate] ?? Infinity) < Infinity) {
        if (node === -1 || (distance[candidate] ?? Infinity) < (distance[node] ?? Infinity)) node = candidate;
      }
    }
    if (node === -1) return undefined;
    if (node === target) break;
    done[node] = true;
    const isRow = node < rows;
    const others = isRow ? columns : rows;
    for (let other = 0; other < others; other += 1) {
      const neighbour = isRow ? rows + other : other;
      if (done[neighbour]) continue;
      const step = isRow ? cost(node, other) : cost(other, node - rows);
      const through = (distance[node] ?? Infinity) + step;
      if (through < (distance[neighbour] ?? Infinity)) {
        distance[neighbour] = through;
        previous[neighbour] = node;
      }
    }
  }
  const path: [number, number][] = [];
  for (let node = target; node !== bridgeRow;) {
    const before = previous[node] ?? -1;
    if (before < 0) return undefined;
    path.push(node < rows ? [node, before - rows] : [before, node - rows]);
    node = before;
  }
  return path;
}
