/**
 * The network explorer: the records linked to a starting point (records in the address, or an
 * identifier typed here), drawn with sigma and listed for the keyboard; expand a record, find the
 * shortest path between two, colour communities, size brokers, ring risk and protected victims;
 * identifiers shared too widely are listed apart, never drawn as links.
 */
import { Alert, Badge, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, describeError, withQuery } from '../../api.ts';
import { LoadError } from '../../load.tsx';
import { navigate, useLocation, useTitle } from '../../router.tsx';
import { AnalysesPanel, type Analysis } from './analyses.tsx';
import { GraphView, type Overlay } from './graph-view.tsx';
import { HubsPanel } from './hubs-panel.tsx';
import {
  DEFAULT_WALK,
  IDENTIFIER_KINDS,
  type IdentifierKind,
  type NetworkNode,
  type PathAnswer,
  type WalkOptions,
} from './network-api.ts';
import { COLOURED_KINDS, edgeKey } from './network-model.ts';
import { NodeList } from './node-list.tsx';
import { PathPanel, type PathEnds } from './path-panel.tsx';
import { SelectedPanel } from './selected-panel.tsx';
import { StartForm, type StartChoice } from './start-form.tsx';
import { useAnalysis } from './use-analysis.ts';
import { useNetwork, type Start } from './use-network.ts';

const SAME_KINDS = IDENTIFIER_KINDS.map((kind) => `same_${kind}`);

function listOf(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function startOf(query: URLSearchParams): Start | null {
  const seeds = listOf(query, 'seed');
  if (seeds.length > 0) return { type: 'records', seeds };
  const kind = query.get('kind');
  const value = query.get('value')?.trim() ?? '';
  const known = IDENTIFIER_KINDS.find((candidate) => candidate === kind);
  return known === undefined || value === '' ? null : { type: 'identifier', kind: known, value };
}

function walkOf(query: URLSearchParams): WalkOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(query.get(name));
    return query.get(name) === null || !Number.isFinite(value) ? fallback : value;
  };
  return {
    hops: number('hops', DEFAULT_WALK.hops),
    limit: number('limit', DEFAULT_WALK.limit),
    nodeKinds: listOf(query, 'nodeKinds'),
    edgeKinds: listOf(query, 'edgeKinds'),
    sectors: listOf(query, 'sectors'),
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
}

function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((problem) => [problem.field, problem.message]));
}

export default function NetworkScreen() {
  const { t } = useTranslation('network');
  useTitle(t('title'));
  const { query } = useLocation();
  const search = query.toString();
  const start = useMemo(() => startOf(new URLSearchParams(search)), [search]);
  const walk = useMemo(() => walkOf(new URLSearchParams(search)), [search]);
  const network = useNetwork(start, walk);
  const { graph, version } = network;

  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; round: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [analysis, setAnalysis] = useState<Analysis>('none');
  const analysed = useAnalysis(analysis, network.seeds, walk);
  const [ends, setEnds] = useState<PathEnds>({ from: null, to: null });
  const [maxHops, setMaxHops] = useState(4);
  const [path, setPath] = useState<{ answer: PathAnswer | null; busy: boolean; error: unknown }>({
    answer: null,
    busy: false,
    error: undefined,
  });

  const choose = useCallback((id: string | null) => {
    setSelected(id);
  }, []);
  const chooseAndShow = useCallback((id: string) => {
    setSelected(id);
    setFocus((previous) => ({ id, round: (previous?.round ?? 0) + 1 }));
  }, []);
  const expand = useCallback(
    (id: string) => {
      setBusy(true);
      setActionError(undefined);
      setSelected(id);
      network.expand(id).then(
        (added) => {
          setMessage(t('panel.expanded', { count: added }));
          setBusy(false);
        },
        (error: unknown) => {
          setActionError(error);
          setBusy(false);
        },
      );
    },
    [network, t],
  );

  const findPath = () => {
    if (ends.from === null || ends.to === null) return;
    setPath({ answer: null, busy: true, error: undefined });
    api<PathAnswer>('/network/path', { query: { from: ends.from, to: ends.to, maxHops } }).then(
      (answer) => {
        network.merge({ nodes: answer.nodes, edges: answer.paths.flatMap((found) => found.edges) });
        setPath({ answer, busy: false, error: undefined });
      },
      (error: unknown) => {
        setPath({ answer: null, busy: false, error });
      },
    );
  };

  // The graph changes in place; `version` says when.
  const kinds = useMemo(() => {
    const found = new Set<string>();
    graph.forEachNode((_id, attributes) => found.add(attributes.kind));
    return [...found].sort();
  }, [graph, version]);
  const edgeKinds = useMemo(() => {
    const found = new Set<string>(SAME_KINDS);
    graph.forEachEdge((_key, attributes) => found.add(attributes.kind));
    return [...found].sort();
  }, [graph, version]);
  const nodeOf = useCallback(
    (id: string): NetworkNode | undefined => {
      if (!graph.hasNode(id)) return undefined;
      const node = graph.getNodeAttributes(id);
      return { id, kind: node.kind, ownerOrganisation: node.ownerOrganisation, caption: node.caption };
    },
    [graph],
  );

  const highlighted = useMemo(() => {
    const first = path.answer?.paths[0];
    return first === undefined ? null : { nodes: new Set(first.nodes), edges: new Set(first.edges.map(edgeKey)) };
  }, [path.answer]);
  const overlay = useMemo<Overlay>(
    () => ({
      colourBy: analysis === 'communities' ? 'community' : 'kind',
      communities: analysed.communities,
      brokers: analysed.brokers,
      risk: analysed.risk,
      selected,
      path: highlighted,
    }),
    [analysis, analysed.communities, analysed.brokers, analysed.risk, selected, highlighted],
  );

  const submit = ({ identifier, walk: chosen }: StartChoice) => {
    const seeds = start?.type === 'records' && identifier === null ? start.seeds : undefined;
    const from = identifier ?? (start?.type === 'identifier' ? start : null);
    navigate(
      withQuery('/network', {
        seed: seeds,
        kind: seeds === undefined ? from?.kind : undefined,
        value: seeds === undefined ? from?.value : undefined,
        hops: chosen.hops,
        limit: chosen.limit,
        nodeKinds: chosen.nodeKinds.length === 0 ? undefined : chosen.nodeKinds.join(','),
        edgeKinds: chosen.edgeKinds.length === 0 ? undefined : chosen.edgeKinds.join(','),
        sectors: chosen.sectors.length === 0 ? undefined : chosen.sectors.join(','),
        from: chosen.from === '' ? undefined : chosen.from,
        to: chosen.to === '' ? undefined : chosen.to,
      }),
    );
  };

  const facts =
    selected === null
      ? {}
      : {
          risk: analysed.risk?.get(selected),
          community: analysed.communities.get(selected),
          betweenness:
            analysed.answer?.analysis === 'brokers'
              ? (analysed.answer.answer.brokers.find((broker) => broker.node.id === selected)?.betweenness ?? undefined)
              : undefined,
        };
  const startKind: IdentifierKind = start?.type === 'identifier' ? start.kind : 'phone';

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <StartForm
        key={search}
        initialKind={startKind}
        initialValue={start?.type === 'identifier' ? start.value : ''}
        walk={walk}
        nodeKinds={[...new Set([...COLOURED_KINDS, ...kinds])].sort()}
        edgeKinds={edgeKinds}
        fieldErrors={fieldErrorsOf(network.status.error)}
        onSubmit={submit}
      />
      {start === null ? <Text>{t('start.none')}</Text> : null}
      {network.status.error === undefined ? null : <LoadError error={network.status.error} onRetry={network.retry} />}
      {actionError === undefined ? null : (
        <Alert color="red" role="alert" title={t('app.error')}>
          {describeError(actionError)}
        </Alert>
      )}
      {start === null ? null : (
        <>
          <Group gap="sm" role="status" aria-live="polite">
            <Text size="sm" data-testid="network-counts">
              {start.type === 'records'
                ? t('start.fromRecords', { count: start.seeds.length })
                : network.carriers === null
                  ? null
                  : t('start.fromIdentifier', {
                      kind: t(`identifierKinds.${start.kind}`),
                      value: start.value,
                      count: network.carriers,
                    })}{' '}
              {t('graph.counts', { nodes: graph.order, edges: graph.size })}
            </Text>
            {network.truncated ? (
              <Badge color="orange" variant="light" data-testid="network-truncated">
                {t('graph.truncated')}
              </Badge>
            ) : null}
            {network.status.loading ? <Text size="sm">{t('app.loading')}</Text> : null}
            {message === null ? null : <Text size="sm">{message}</Text>}
          </Group>
          {!network.status.loading && network.status.error === undefined && graph.order === 0 ? (
            <Text>{t('graph.empty')}</Text>
          ) : null}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <GraphView
                graph={graph}
                overlay={overlay}
                layout={network.layout}
                focus={focus}
                onSelect={choose}
                onExpand={expand}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="sm">
                <SelectedPanel
                  graph={graph}
                  selected={selected}
                  facts={facts}
                  busy={busy}
                  onExpand={expand}
                  onPathEnd={(end, id) => {
                    setEnds((previous) => ({ ...previous, [end]: id }));
                  }}
                />
                <AnalysesPanel
                  analysis={analysis}
                  onAnalysis={setAnalysis}
                  answer={analysed.answer}
                  loading={analysed.loading}
                  error={analysed.error}
                  kinds={kinds}
                  onSelect={chooseAndShow}
                />
              </Stack>
            </Grid.Col>
          </Grid>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <NodeList
                graph={graph}
                version={version}
                selected={selected}
                onPath={highlighted?.nodes ?? new Set()}
                onSelect={chooseAndShow}
                onExpand={expand}
                busy={busy}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="sm">
                <PathPanel
                  ends={ends}
                  nodeOf={nodeOf}
                  maxHops={maxHops}
                  onMaxHops={setMaxHops}
                  answer={path.answer}
                  busy={path.busy}
                  error={path.error}
                  onFind={findPath}
                  onClear={() => {
                    setEnds({ from: null, to: null });
                    setPath({ answer: null, busy: false, error: undefined });
                  }}
                />
                <HubsPanel hubs={network.hubs} inGraph={(id) => graph.hasNode(id)} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
