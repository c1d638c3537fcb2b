import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type NetworkNode } from './graph.ts';
import { spreadRisk } from './risk.ts';
import { arbitraryGraph, people } from './test-graphs.ts';

describe('risk spread', () => {
  // flagged boss – phone – worker – victim (protected) – sister
  const nodes: NetworkNode[] = [
    { id: 'boss', kind: 'Person', risk: 1 },
    { id: 'phone', kind: 'Phone' },
    { id: 'worker', kind: 'Person' },
    { id: 'victim', kind: 'Person', protected: true },
    { id: 'sister', kind: 'Person' },
  ];
  const graph = buildGraph(nodes, [
    { source: 'boss', target: 'phone', kind: 'uses_phone' },
    { source: 'worker', target: 'phone', kind: 'uses_phone' },
    { source: 'boss', target: 'victim', kind: 'associate' },
    { source: 'victim', target: 'sister', kind: 'associate' },
  ]);
  const riskOf = (result: ReturnType<typeof spreadRisk>, id: string) =>
    result.scores.find((item) => item.node.id === id)?.risk ?? 0;

  it('decays with each hop by the attenuation of the link kind', () => {
    const result = spreadRisk(graph);
    expect(riskOf(result, 'boss')).toBe(1);
    expect(riskOf(result, 'phone')).toBeCloseTo(0.8);
    expect(riskOf(result, 'worker')).toBeCloseTo(0.64);
    expect(result.scores.find((item) => item.node.id === 'worker')).toMatchObject({ source: 'boss', hops: 2 });
    expect(riskOf(spreadRisk(graph, { attenuation: { uses_phone: 0.5 } }), 'worker')).toBeCloseTo(0.25);
    expect(riskOf(spreadRisk(graph, { maxHops: 1 }), 'worker')).toBe(0);
  });

  it('shows a protected victim their risk but never targets them, nor spreads through them', () => {
    const result = spreadRisk(graph);
    expect(riskOf(result, 'victim')).toBeCloseTo(0.6);
    expect(result.protectedNodes.map((item) => item.node.id)).toEqual(['victim']);
    expect(result.targets.map((item) => item.node.id)).toEqual(['phone', 'worker']);
    expect(riskOf(result, 'sister')).toBe(0);
    const through = spreadRisk(graph, { throughProtected: true });
    expect(riskOf(through, 'sister')).toBeCloseTo(0.36);
    expect(through.targets.map((item) => item.node.id)).toEqual(['phone', 'worker', 'sister']);
    // Even flagged, a protected node is never a target.
    const flagged = spreadRisk(graph, { flags: [{ id: 'victim', score: 1 }] });
    expect(flagged.targets.map((item) => item.node.id)).not.toContain('victim');
    expect(flagged.protectedNodes.map((item) => item.node.id)).toEqual(['victim']);
  });

  it('passes little through a hub', () => {
    const guests = Array.from({ length: 100 }, (_, index) => `g${index}`);
    const hub = buildGraph(
      [...people('flagged', ...guests), { id: 'front-desk', kind: 'Phone' }],
      ['flagged', ...guests].map((person) => ({ source: person, target: 'front-desk', kind: 'uses_phone' })),
    );
    const result = spreadRisk(hub, { flags: [{ id: 'flagged', score: 1 }], hubDegree: 10 });
    // 0.8 into the desk, which has 101 neighbours: it passes on 10/101 of it, times 0.8.
    expect(riskOf(result, 'g0')).toBeCloseTo(0.8 * (10 / 101) * 0.8);
    expect(result.targets.map((item) => item.node.id)).toEqual(['front-desk']);
  });

  it('stays in [0, 1], never grows away from the flags, and never targets a protected node', () => {
    fc.assert(
      fc.property(
        arbitraryGraph,
        fc.array(fc.tuple(fc.nat(29), fc.double({ min: -1, max: 3, noNaN: true })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (base, flagged, maxHops) => {
          const graph = buildGraph(
            base.nodes.map((node, index) => ({ ...node, protected: index % 4 === 1 })),
            base.edges,
          );
          const flags = flagged.map(([index, score]) => ({ id: `n${index % graph.nodes.length}`, score }));
          const result = spreadRisk(graph, { flags, maxHops });
          const top = Math.max(0, ...flags.map((flag) => Math.min(1, flag.score)));
          for (const item of result.scores) {
            expect(item.risk).toBeGreaterThan(0);
            expect(item.risk).toBeLessThanOrEqual(1);
            expect(item.hops).toBeLessThanOrEqual(maxHops);
            // The strongest attenuation by default (uses_phone) is 0.8.
            if (!item.flagged) expect(item.risk).toBeLessThanOrEqual(top * 0.8 ** item.hops + 1e-12);
          }
          expect(result.targets.some((item) => item.node.protected === true)).toBe(false);
          expect(result.protectedNodes.every((item) => item.protected)).toBe(true);
        },
      ),
    );
  });
});
