import { describe, expect, it } from 'vitest';
import { buildGraph, type NetworkEdge } from './graph.ts';
import { movement } from './movement.ts';

describe('movement', () => {
  const edges: NetworkEdge[] = [
    { source: 'ad1', target: 'phone', kind: 'advertised_by', place: 'Leeds', at: '2025-03-02' },
    { source: 'ad2', target: 'phone', kind: 'advertised_by', place: 'London', at: '2025-03-10T09:00:00Z' },
    { source: 'ad3', target: 'phone', kind: 'advertised_by', place: 'Leeds', at: '2025-03-01' },
    { source: 'ad4', target: 'phone', kind: 'advertised_by', place: 'London', at: '2025-03-12' },
    { source: 'ad5', target: 'phone', kind: 'advertised_by', place: 'Leeds', at: '2025-04-01' },
    { source: 'ad6', target: 'phone', kind: 'advertised_by', place: 'Lyon' },
    { source: 'ad1', target: 'phone', kind: 'uses_phone', at: '2025-05-01' },
    { source: 'ad1', target: 'hotel', kind: 'stayed_at', place: 'Madrid', at: '2025-02-01' },
  ];
  const graph = buildGraph(
    [
      { id: 'phone', kind: 'Phone' },
      { id: 'hotel', kind: 'Address' },
      ...['ad1', 'ad2', 'ad3', 'ad4', 'ad5', 'ad6'].map((id) => ({ id, kind: 'Advert' })),
    ],
    edges,
  );

  it('orders stays by time, collapsing consecutive links in the same place', () => {
    const result = movement(graph, 'phone');
    expect(result.itinerary).toEqual([
      { place: 'Leeds', from: '2025-03-01', to: '2025-03-02', count: 2 },
      { place: 'London', from: '2025-03-10T09:00:00Z', to: '2025-03-12', count: 2 },
      { place: 'Leeds', from: '2025-04-01', to: '2025-04-01', count: 1 },
    ]);
    expect(result.undated).toBe(1);
  });

  it('follows a set of nodes, counting a link between two members once', () => {
    const result = movement(graph, ['phone', 'ad1', 'nobody']);
    expect(result.itinerary.map((stay) => [stay.place, stay.count])).toEqual([
      ['Madrid', 1],
      ['Leeds', 2],
      ['London', 2],
      ['Leeds', 1],
    ]);
    expect(result.missing).toEqual(['nobody']);
  });

  it('keeps to the window and link kinds asked for', () => {
    const march = movement(graph, 'phone', { from: '2025-03-02', to: '2025-03-10' });
    expect(march.itinerary).toEqual([
      { place: 'Leeds', from: '2025-03-02', to: '2025-03-02', count: 1 },
      { place: 'London', from: '2025-03-10T09:00:00Z', to: '2025-03-10T09:00:00Z', count: 1 },
    ]);
    expect(movement(graph, 'ad1', { edgeKinds: ['stayed_at'] }).itinerary.map((stay) => stay.place)).toEqual([
      'Madrid',
    ]);
  });
});
