/**
 * The analysis asked of the API for the records the graph started from (and those expanded):
 * communities, brokers or risk, over the same reach and filters; and what the drawing makes of it.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import type { Analysis, AnalysisAnswer } from './analyses.tsx';
import {
  walkQuery,
  type BrokersAnswer,
  type CommunitiesAnswer,
  type RiskAnswer,
  type WalkOptions,
} from './network-api.ts';

const BROKERS_SHOWN = 15;

async function ask(
  analysis: Exclude<Analysis, 'none'>,
  seeds: readonly string[],
  walk: WalkOptions,
  signal: AbortSignal,
) {
  const query = { ...walkQuery(walk), seed: seeds };
  switch (analysis) {
    case 'communities':
      return {
        analysis,
        answer: await api<CommunitiesAnswer>('/network/communities', { query, signal }),
      } satisfies AnalysisAnswer;
    case 'brokers':
      return {
        analysis,
        answer: await api<BrokersAnswer>('/network/brokers', { query: { ...query, top: BROKERS_SHOWN }, signal }),
      } satisfies AnalysisAnswer;
    case 'risk':
      return { analysis, answer: await api<RiskAnswer>('/network/risk', { query, signal }) } satisfies AnalysisAnswer;
  }
}

export function useAnalysis(analysis: Analysis, seeds: readonly string[], walk: WalkOptions) {
  const [state, setState] = useState<{ answer: AnalysisAnswer | null; loading: boolean; error: unknown }>({
    answer: null,
    loading: false,
    error: undefined,
  });
  const seedsKey = seeds.join(',');
  const walkKey = JSON.stringify(walk);
  useEffect(() => {
    if (analysis === 'none' || seeds.length === 0) {
      setState({ answer: null, loading: false, error: undefined });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    ask(analysis, seeds, walk, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setState({ answer, loading: false, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ answer: null, loading: false, error });
      },
    );
    return () => {
      controller.abort();
    };
    // seedsKey and walkKey stand for seeds and walk.
  }, [analysis, seedsKey, walkKey]);

  /** What the drawing needs: communities by rank, brokers scaled 0…1, risk by record. */
  const drawn = useMemo(() => {
    const communities = new Map<string, number>();
    let brokers: Map<string, number> | null = null;
    let risk: Map<string, number> | null = null;
    const answer = state.answer;
    if (answer?.analysis === 'communities') {
      const ranked = [...answer.answer.communities].sort((a, b) => b.size - a.size);
      ranked.forEach((community, rank) => {
        for (const member of community.members) communities.set(member, rank);
      });
    } else if (answer?.analysis === 'brokers') {
      const values = answer.answer.brokers.map((broker) => broker.betweenness ?? broker.scopeDegree);
      const top = Math.max(...values, Number.MIN_VALUE);
      brokers = new Map(answer.answer.brokers.map((broker, index) => [broker.node.id, (values[index] ?? 0) / top]));
    } else if (answer?.analysis === 'risk') {
      risk = new Map(answer.answer.scores.map((score) => [score.node.id, score.risk]));
    }
    return { communities, brokers, risk };
  }, [state.answer]);

  return { ...state, ...drawn };
}
