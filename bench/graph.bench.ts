/**
 * Network analysis on a deterministic random world of 100,000 nodes and 400,000 links (ten kinds
 * of node, eleven of link; most links inside neighbourhoods of about 200 nodes, a fifth towards a
 * few hubs, so degrees are heavy-tailed): building the graph, Louvain communities, 2-hop
 * expansions from 100 random seeds, shortest paths between 100 random pairs, brokers of a bounded
 * neighbourhood, shared identifiers and risk spread.
 *
 *   npm run bench graph [-- --nodes 100000 --links 400000 --seed 1]
 * Goal: Louvain ≤ 2 s, and a 2-hop expansion ≤ 2 s, on 100,000 nodes / 400,000 links.
 */
import {
  brokers,
  buildGraph,
  communities,
  expand,
  type NetworkEdge,
  type NetworkNode,
  sharedIdentifiers,
  shortestPaths,
  spreadRisk,
} from '../src/domain/network/index.ts';
import { createRandom } from '../src/domain/synth/index.ts';
import { machineLine, median } from './support/machine.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const NODES = option('nodes', 100_000);
const LINKS = option('links', 400_000);
const SEED = option('seed', 1);
const GOAL_SECONDS = 2;

const NODE_KINDS: readonly (readonly [string, number])[] = [
  ['Person', 30],
  ['Phone', 15],
  ['Advert', 10],
  ['Booking', 10],
  ['Trip', 8],
  ['Payment', 12],
  ['BankAccount', 5],
  ['IdentityDocument', 5],
  ['Address', 3],
  ['OnlineAccount', 2],
];
/** Link kind, source kind, target kind, share, whether it carries a place. */
const LINK_KINDS: readonly (readonly [string, string, string, number, boolean])[] = [
  ['uses_phone', 'Person', 'Phone', 20, false],
  ['advertised_by', 'Advert', 'Phone', 12, true],
  ['stayed_at', 'Booking', 'Address', 10, true],
  ['booked', 'Person', 'Booking', 10, true],
  ['travelled_on', 'Person', 'Trip', 10, true],
  ['paid', 'Payment', 'BankAccount', 12, true],
  ['holds', 'Person', 'BankAccount', 6, false],
  ['same_identifier', 'Person', 'IdentityDocument', 6, false],
  ['associate', 'Person', 'Person', 8, false],
  ['uses_account', 'Person', 'OnlineAccount', 3, false],
  ['listed_on', 'Advert', 'OnlineAccount', 3, true],
];
const CITIES = ['London', 'Leeds', 'Bucharest', 'Lagos', 'Madrid', 'Lyon', 'Doha', 'Hanoi', 'Milan', 'Sofia'];
const SECTORS = ['finance', 'hospitality', 'travel', 'online', 'police'];
const NEIGHBOURHOODS = Math.max(1, Math.round(NODES / 200));

function world(nodeCount: number, linkCount: number, seed: number): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const random = createRandom(seed);
  const nodes: NetworkNode[] = [];
  const byKind = new Map<string, number[]>();
  for (let index = 0; index < nodeCount; index += 1) {
    const kind = random.weighted(NODE_KINDS);
    const flagged = random.chance(0.001);
    nodes.push({
      id: `n${index}`,
      kind,
      sector: random.pick(SECTORS),
      ...(flagged ? { risk: 1 } : {}),
      ...(kind === 'Person' && random.chance(0.02) ? { protected: true } : {}),
    });
    const list = byKind.get(kind);
    if (list === undefined) byKind.set(kind, [index]);
    else list.push(index);
  }
  const kinds = LINK_KINDS.map((link) => [link, link[3]] as const);
  const edges: NetworkEdge[] = [];
  while (edges.length < linkCount) {
    const [kind, sourceKind, targetKind, , placed] = random.weighted(kinds);
    const sources = byKind.get(sourceKind) ?? [];
    const targets = byKind.get(targetKind) ?? [];
    const from = Math.floor(random.next() * sources.length);
    // Four links in five stay in the source's neighbourhood; the fifth goes to a few hubs (cubed: heavy-tailed).
    const share = random.chance(0.8)
      ? (Math.floor((from / sources.length) * NEIGHBOURHOODS) + random.next()) / NEIGHBOURHOODS
      : random.next() ** 3;
    const source = sources[from];
    const target = targets[Math.min(Math.floor(share * targets.length), targets.length - 1)];
    if (source === undefined || target === undefined || source === target) continue;
    const month = String(1 + Math.floor(random.next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random.next() * 28)).padStart(2, '0');
    edges.push({
      source: `n${source}`,
      target: `n${target}`,
      kind,
      at: `2025-${month}-${day}`,
      ...(placed ? { place: random.pick(CITIES) } : {}),
      weight: 1 + Math.floor(random.next() * 3),
    });
  }
  return { nodes, edges };
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
function line(label: string, figure: string): void {
  console.log(`${label.padEnd(70)} ${figure}`);
}

console.log(machineLine());
const [{ nodes, edges }, generation] = timed(() => world(NODES, LINKS, SEED));
console.log(
  `a world of ${NODES.toLocaleString('en')} nodes and ${LINKS.toLocaleString('en')} links, seed ${SEED} (generated in ${ms(generation)})`,
);

const [graph, building] = timed(() => buildGraph(nodes, edges));
line('build the graph', ms(building));

const [found, louvain] = timed(() => communities(graph, { seed: SEED }));
line(
  'Louvain communities',
  `${ms(louvain)}  (${found.count.toLocaleString('en')} communities, largest ${found.sizes[0] ?? 0}, modularity ${found.modularity.toFixed(3)}, ${found.levels} levels)`,
);

const random = createRandom(SEED + 1);
const pick = () => `n${random.int(0, NODES - 1)}`;
for (const limit of [1_000, NODES]) {
  const times: number[] = [];
  const sizes: number[] = [];
  let truncated = 0;
  for (let run = 0; run < 100; run += 1) {
    const [expansion, time] = timed(() => expand(graph, [pick()], { hops: 2, limit }));
    times.push(time);
    sizes.push(expansion.nodes.length);
    if (expansion.truncated) truncated += 1;
  }
  line(
    `2-hop expansion, 100 random seeds, limit ${limit.toLocaleString('en')}`,
    `median ${ms(median(times))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(Math.max(...times))}  (median ${median(sizes)} nodes, p95 ${percentile(sizes, 0.95)}; ${truncated} truncated)`,
  );
}

for (const weighted of [false, true]) {
  const times: number[] = [];
  const hops: number[] = [];
  for (let run = 0; run < 100; run += 1) {
    const [result, time] = timed(() => shortestPaths(graph, pick(), pick(), { maxDepth: 6, weighted }));
    times.push(time);
    if (result.found) hops.push(result.paths[0]?.hops ?? 0);
  }
  line(
    `shortest path${weighted ? ', weighted (1 / strength)' : ' (fewest hops)'}, 100 random pairs, depth ≤ 6`,
    `median ${ms(median(times))}, p95 ${ms(percentile(times, 0.95))}  (${hops.length} found, median ${median(hops)} hops)`,
  );
}

// The node with most links, a hub: its neighbourhood is the worst case for expansion and brokers.
let hub = 0;
for (let index = 1; index < NODES; index += 1)
  if (
    (graph.offsets[index + 1] ?? 0) - (graph.offsets[index] ?? 0) >
    (graph.offsets[hub + 1] ?? 0) - (graph.offsets[hub] ?? 0)
  )
    hub = index;
const hubId = graph.nodes[hub]?.id ?? '';
const [hubExpansion, hubTime] = timed(() => expand(graph, [hubId], { hops: 2, limit: NODES }));
line(
  `2-hop expansion from the biggest hub (${graph.nodes[hub]?.kind ?? '-'}), no limit`,
  `${ms(hubTime)}  (${hubExpansion.nodes.length.toLocaleString('en')} nodes, ${hubExpansion.edges.length.toLocaleString('en')} links)`,
);

const largest = [...found.communityOf].filter(([, community]) => community === 0).map(([id]) => id);
const scopes: [string, Parameters<typeof brokers>[1]][] = [
  ["brokers of a random node's 2-hop neighbourhood", { seeds: [pick()], hops: 2 }],
  ['brokers of the largest community', { members: largest }],
  ["brokers of the biggest hub's 2-hop neighbourhood", { seeds: [hubId], hops: 2 }],
  ['  the same, exact up to 20,000 nodes', { seeds: [hubId], hops: 2, maxExactNodes: 20_000 }],
];
for (const [label, scope] of scopes) {
  const [result, time] = timed(() => brokers(graph, { ...scope, top: 10 }));
  const first = result.brokers[0];
  line(
    label,
    `${ms(time)}  (${result.scopeSize.toLocaleString('en')} nodes, ${result.method}; top ${first?.node.kind ?? '-'} ${(first?.betweenness ?? 0).toFixed(3)})`,
  );
}

const [shared, sharing] = timed(() => sharedIdentifiers(graph));
line(
  'shared identifiers, whole graph',
  `${ms(sharing)}  (${shared.clusters.length.toLocaleString('en')} clusters, ${shared.hubs.length.toLocaleString('en')} hubs)`,
);
const [risk, spreading] = timed(() => spreadRisk(graph));
line(
  'risk spread from flagged nodes, 3 hops, whole graph',
  `${ms(spreading)}  (${risk.scores.length.toLocaleString('en')} nodes with risk, ${risk.targets.length.toLocaleString('en')} targets, ${risk.protectedNodes.length} protected kept apart)`,
);
console.log(
  `goal Louvain ≤ ${GOAL_SECONDS} s: ${(louvain / 1000).toFixed(2)} s (${louvain <= GOAL_SECONDS * 1000 ? 'met' : 'not met'}); ` +
    `goal 2-hop expansion ≤ ${GOAL_SECONDS} s: worst case (biggest hub, no limit) ${(hubTime / 1000).toFixed(3)} s (${hubTime <= GOAL_SECONDS * 1000 ? 'met' : 'not met'})`,
);
