/**
 * The screen's graph and what changes it: the start (records or an identifier, with the walk's
 * reach and filters), expansions and paths merged in place, the hubs and truncation reported,
 * and the records the analyses start from.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { LayoutRound } from './graph-view.tsx';
import {
  walkQuery,
  type Hub,
  type IdentifierKind,
  type IdentifierNetwork,
  type Network,
  type WalkOptions,
} from './network-api.ts';
import { createNetworkGraph, mergeHubs, mergeNetwork } from './network-model.ts';

/** Where the graph starts: records named in the address, or an identifier. */
export type Start =
  | { readonly type: 'records'; readonly seeds: readonly string[] }
  | { readonly type: 'identifier'; readonly kind: IdentifierKind; readonly value: string };

/** The API takes at most this many records to start an analysis from. */
const MAX_SEEDS = 50;

function addSeeds(known: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...known, ...added])].slice(0, MAX_SEEDS);
}

export function useNetwork(start: Start | null, walk: WalkOptions) {
  const { purpose } = useSession();
  const [graph] = useState(createNetworkGraph);
  const [version, setVersion] = useState(0);
  const [layout, setLayout] = useState<LayoutRound>({ round: 0, startedAt: 0 });
  const [hubs, setHubs] = useState<Hub[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [carriers, setCarriers] = useState<number | null>(null);
  const [seeds, setSeeds] = useState<string[]>([]);
  const [status, setStatus] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: undefined });
  const [retries, setRetries] = useState(0);

  /** Merges an answer into the graph; lays it out again when records came. */
  const merge = useCallback(
    (answer: Pick<Network, 'nodes' | 'edges'>): number => {
      const startedAt = performance.now();
      const added = mergeNetwork(graph, answer);
      setVersion((value) => value + 1);
      if (added > 0) setLayout((previous) => ({ round: previous.round + 1, startedAt }));
      return added;
    },
    [graph],
  );

  const startKey = JSON.stringify(start);
  const walkKey = JSON.stringify(walk);
  useEffect(() => {
    graph.clear();
    setVersion((value) => value + 1);
    setHubs([]);
    setTruncated(false);
    setCarriers(null);
    setSeeds([]);
    if (start === null) {
      setStatus({ loading: false, error: undefined });
      return;
    }
    const controller = new AbortController();
    setStatus({ loading: true, error: undefined });
    const query = walkQuery(walk);
    const answer =
      start.type === 'records'
        ? api<Network>('/network/expand', { query: { ...query, seed: start.seeds }, signal: controller.signal }).then(
            (network) => ({ network, seeds: start.seeds, carriers: null }),
          )
        : api<IdentifierNetwork>('/network/identifier', {
            query: { ...query, kind: start.kind, value: start.value },
            signal: controller.signal,
          }).then((network) => ({ network, seeds: network.carriers, carriers: network.carriers.length }));
    answer.then(
      ({ network, seeds: from, carriers: carried }) => {
        if (controller.signal.aborted) return;
        merge(network);
        setHubs(mergeHubs([], network.hubs));
        setTruncated(network.truncated);
        setCarriers(carried);
        setSeeds(addSeeds([], from));
        setStatus({ loading: false, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStatus({ loading: false, error });
      },
    );
    return () => {
      controller.abort();
    };
    // startKey and walkKey stand for start and walk (new objects on every render).
  }, [graph, merge, startKey, walkKey, purpose, retries]);

  /** Adds the records one link from `id` (within the filters); resolves to how many came. */
  const expand = useCallback(
    async (id: string): Promise<number> => {
      const network = await api<Network>('/network/expand', {
        query: { ...walkQuery(walk), hops: 1, seed: id },
      });
      const added = merge(network);
      setHubs((known) => mergeHubs(known, network.hubs));
      if (network.truncated) setTruncated(true);
      setSeeds((known) => addSeeds(known, [id]));
      return added;
    },
    // walkKey stands for walk.
    [merge, walkKey],
  );

  return {
    graph,
    version,
    layout,
    hubs,
    truncated,
    carriers,
    seeds,
    status,
    merge,
    expand,
    retry: () => {
      setRetries((value) => value + 1);
    },
  };
}
