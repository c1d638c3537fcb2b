import { describe, expect, it } from 'vitest';
import { buildGraph, type NetworkEdge, type NetworkNode } from './graph.ts';
import { sharedIdentifiers } from './shared-identifiers.ts';

/** A hotel phone shared by 1,000 guests, a phone on 12 adverts, a passport held by two people, a phone of one person. */
function world() {
  const nodes: NetworkNode[] = [
    { id: 'hotel-phone', kind: 'Phone' },
    { id: 'ads-phone', kind: 'Phone' },
    { id: 'passport', kind: 'IdentityDocument' },
    { id: 'own-phone', kind: 'Phone' },
    { id: 'hotel', kind: 'Address' },
  ];
  const edges: NetworkEdge[] = [];
  for (let guest = 0; guest < 1_000; guest += 1) {
    nodes.push({ id: `guest-${guest}`, kind: 'Person' });
    edges.push({ source: `guest-${guest}`, target: 'hotel-phone', kind: 'uses_phone' });
  }
  for (let advert = 0; advert < 12; advert += 1) {
    nodes.push({ id: `ad-${advert}`, kind: 'Advert' });
    edges.push({ source: `ad-${advert}`, target: 'ads-phone', kind: 'advertised_by' });
    // The same advert reposted: a parallel link, still one holder.
    edges.push({ source: `ad-${advert}`, target: 'ads-phone', kind: 'advertised_by' });
  }
  edges.push({ source: 'guest-1', target: 'passport', kind: 'same_identifier' });
  edges.push({ source: 'guest-2', target: 'passport', kind: 'same_identifier' });
  edges.push({ source: 'guest-3', target: 'own-phone', kind: 'uses_phone' });
  edges.push({ source: 'hotel', target: 'hotel-phone', kind: 'listed_at' });
  return buildGraph(nodes, edges);
}

describe('shared identifiers', () => {
  it('reports a front-desk phone as a hub, apart from small clusters', () => {
    const result = sharedIdentifiers(world());
    expect(result.hubs.map((item) => [item.identifier.id, item.count])).toEqual([['hotel-phone', 1_000]]);
    expect(result.hubs[0]?.byKind).toEqual({ Person: 1_000 });
    expect(result.hubs[0]?.holders).toEqual([]);
    expect(result.clusters.map((item) => [item.identifier.id, item.count])).toEqual([
      ['ads-phone', 12],
      ['passport', 2],
    ]);
    expect(result.clusters[0]?.byKind).toEqual({ Advert: 12 });
    expect(result.clusters[1]?.holders).toEqual(['guest-1', 'guest-2']);
  });

  it('takes the smallest cluster and the hub threshold asked for, per identifier kind', () => {
    const result = sharedIdentifiers(world(), { minHolders: 3, hubAbove: { Phone: 10 } });
    expect(result.clusters).toEqual([]);
    expect(result.hubs.map((item) => item.identifier.id)).toEqual(['hotel-phone', 'ads-phone']);
    const loose = sharedIdentifiers(world(), { hubAbove: 5_000 });
    expect(loose.hubs).toEqual([]);
    expect(loose.clusters[0]?.identifier.id).toBe('hotel-phone');
    expect(loose.clusters[0]?.holders).toHaveLength(1_000);
  });

  it('counts only the holder kinds and links asked for', () => {
    const onlyAdverts = sharedIdentifiers(world(), { holderKinds: ['Advert'] });
    expect(onlyAdverts.clusters.map((item) => item.identifier.id)).toEqual(['ads-phone']);
    expect(onlyAdverts.hubs).toEqual([]);
    const onlyDocuments = sharedIdentifiers(world(), { edgeKinds: ['same_identifier'] });
    expect(onlyDocuments.clusters.map((item) => item.identifier.id)).toEqual(['passport']);
  });
});
