/**
 * The analysis shown over the graph and its legend: record types (colours), communities (colours,
 * Louvain), brokers (sizes, betweenness) or risk from notices (rings); protected victims are
 * always ringed. Each list names records and selects them on click.
 */
import { Alert, Badge, Box, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Caption } from '../../components/markings.tsx';
import { describeError } from '../../api.ts';
import type { BrokersAnswer, CommunitiesAnswer, NetworkEdge, RiskAnswer } from './network-api.ts';
import {
  COLOURED_COMMUNITIES,
  COLOURED_KINDS,
  communityColour,
  EDGE_COLOURS,
  kindColour,
  OTHER_COMMUNITY,
  RING,
  riskBand,
} from './network-model.ts';

export const ANALYSES = ['none', 'communities', 'brokers', 'risk'] as const;
export type Analysis = (typeof ANALYSES)[number];

export type AnalysisAnswer =
  | { readonly analysis: 'communities'; readonly answer: CommunitiesAnswer }
  | { readonly analysis: 'brokers'; readonly answer: BrokersAnswer }
  | { readonly analysis: 'risk'; readonly answer: RiskAnswer };

function Swatch({ colour, ring = false }: { readonly colour: string; readonly ring?: boolean }) {
  return (
    <Box
      component="span"
      aria-hidden
      w={12}
      h={12}
      display="inline-block"
      style={{
        borderRadius: '50%',
        background: ring ? 'transparent' : colour,
        border: ring ? `3px solid ${colour}` : undefined,
        flex: 'none',
      }}
    />
  );
}

function Key({
  colour,
  ring,
  children,
}: {
  readonly colour: string;
  readonly ring?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <Group gap={6} wrap="nowrap">
      <Swatch colour={colour} ring={ring ?? false} />
      <Text size="xs">{children}</Text>
    </Group>
  );
}

function KindsLegend({ kinds }: { readonly kinds: readonly string[] }) {
  const { t } = useTranslation('network');
  const shown = COLOURED_KINDS.filter((kind) => kinds.includes(kind));
  return (
    <Stack gap={4} data-testid="legend-kinds">
      <Text size="sm" fw={600}>
        {t('legend.kinds')}
      </Text>
      {shown.map((kind) => (
        <Key key={kind} colour={kindColour(kind)}>
          {t(`kinds.${kind}`, { defaultValue: kind })}
        </Key>
      ))}
      {(['stated', 'identifier', 'resolved'] as const satisfies readonly NetworkEdge['basis'][]).map((basis) => (
        <Group key={basis} gap={6} wrap="nowrap">
          <Box component="span" aria-hidden w={16} h={3} display="inline-block" bg={EDGE_COLOURS[basis]} />
          <Text size="xs">{t(`basis.${basis}`)}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function CommunitiesLegend({ answer }: { readonly answer: CommunitiesAnswer }) {
  const { t } = useTranslation('network');
  const ranked = [...answer.communities].sort((a, b) => b.size - a.size);
  return (
    <Stack gap={4} data-testid="legend-communities" data-count={ranked.length}>
      <Text size="sm" fw={600}>
        {t('legend.communities', { modularity: answer.modularity.toFixed(2) })}
      </Text>
      {ranked.length === 0 ? <Text size="xs">{t('legend.none')}</Text> : null}
      {ranked.slice(0, COLOURED_COMMUNITIES).map((community, rank) => (
        <Key key={community.id} colour={communityColour(rank)}>
          {t('legend.community', { number: rank + 1, count: community.size })}
        </Key>
      ))}
      {ranked.length > COLOURED_COMMUNITIES ? <Key colour={OTHER_COMMUNITY}>{t('legend.otherCommunities')}</Key> : null}
    </Stack>
  );
}

function NodeButton({
  id,
  caption,
  onSelect,
  children,
}: {
  readonly id: string;
  readonly caption: string | null;
  readonly onSelect: (id: string) => void;
  readonly children: ReactNode;
}) {
  return (
    <Button
      variant="subtle"
      size="compact-xs"
      justify="start"
      h="auto"
      py={2}
      styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
      onClick={() => {
        onSelect(id);
      }}
    >
      <Stack gap={0} align="start">
        <Text size="xs" fw={600}>
          <Caption caption={caption} />
        </Text>
        <Text size="xs" c="dimmed">
          {children}
        </Text>
      </Stack>
    </Button>
  );
}

function BrokersLegend({
  answer,
  onSelect,
}: {
  readonly answer: BrokersAnswer;
  readonly onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('network');
  return (
    <Stack gap={4} data-testid="legend-brokers" data-count={answer.brokers.length}>
      <Text size="sm" fw={600}>
        {t('legend.brokers')}
      </Text>
      {answer.note === undefined ? null : (
        <Text size="xs" c="dimmed">
          {answer.note}
        </Text>
      )}
      {answer.brokers.length === 0 ? <Text size="xs">{t('legend.none')}</Text> : null}
      {answer.brokers.map((broker) => (
        <NodeButton key={broker.node.id} id={broker.node.id} caption={broker.node.caption} onSelect={onSelect}>
          {t('legend.broker', { value: (broker.betweenness ?? 0).toFixed(3), degree: broker.degree })}
        </NodeButton>
      ))}
    </Stack>
  );
}

function RiskLegend({ answer, onSelect }: { readonly answer: RiskAnswer; readonly onSelect: (id: string) => void }) {
  const { t } = useTranslation('network');
  const scores = [...answer.scores].sort((a, b) => b.risk - a.risk).slice(0, 15);
  return (
    <Stack gap={4} data-testid="legend-risk" data-count={answer.scores.length}>
      <Text size="sm" fw={600}>
        {t('legend.risk')}
      </Text>
      <Group gap="sm">
        <Key colour={RING.high} ring>
          {t('legend.riskHigh')}
        </Key>
        <Key colour={RING.medium} ring>
          {t('legend.riskMedium')}
        </Key>
        <Key colour={RING.low} ring>
          {t('legend.riskLow')}
        </Key>
      </Group>
      {scores.length === 0 ? <Text size="xs">{t('legend.none')}</Text> : null}
      {scores.map((score) => (
        <NodeButton key={score.node.id} id={score.node.id} caption={score.node.caption} onSelect={onSelect}>
          <Badge component="span" size="xs" variant="dot" color={riskBand(score.risk) === 'high' ? 'red' : 'orange'}>
            {t(
              `legend.risk${riskBand(score.risk) === 'high' ? 'High' : riskBand(score.risk) === 'medium' ? 'Medium' : 'Low'}`,
            )}
          </Badge>{' '}
          {t('legend.riskScore', { value: score.risk.toFixed(2), hops: score.hops })}
        </NodeButton>
      ))}
    </Stack>
  );
}

/** The analysis chooser and what it found. */
export function AnalysesPanel({
  analysis,
  onAnalysis,
  answer,
  loading,
  error,
  kinds,
  onSelect,
}: {
  readonly analysis: Analysis;
  readonly onAnalysis: (analysis: Analysis) => void;
  readonly answer: AnalysisAnswer | null;
  readonly loading: boolean;
  readonly error: unknown;
  /** The record types in the graph. */
  readonly kinds: readonly string[];
  readonly onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('network');
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="network-analysis-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="network-analysis-title">
          {t('analysis.label')}
        </Title>
        <SegmentedControl
          aria-labelledby="network-analysis-title"
          size="xs"
          fullWidth
          orientation="vertical"
          value={analysis}
          onChange={(value) => {
            onAnalysis(value);
          }}
          data={ANALYSES.map((value) => ({ value, label: t(`analysis.${value}`) }))}
        />
        <Text size="xs" role="status" aria-live="polite" data-loading={loading}>
          {loading ? t('app.loading') : ''}
        </Text>
        {error === undefined ? null : (
          <Alert color="red" role="alert" p="xs">
            {describeError(error)}
          </Alert>
        )}
        {analysis === 'none' || answer === null ? <KindsLegend kinds={kinds} /> : null}
        {answer?.analysis === 'communities' && analysis === 'communities' ? (
          <CommunitiesLegend answer={answer.answer} />
        ) : null}
        {answer?.analysis === 'brokers' && analysis === 'brokers' ? (
          <BrokersLegend answer={answer.answer} onSelect={onSelect} />
        ) : null}
        {answer?.analysis === 'risk' && analysis === 'risk' ? (
          <RiskLegend answer={answer.answer} onSelect={onSelect} />
        ) : null}
        <Key colour={RING.protected} ring>
          {t('legend.protected')}
        </Key>
      </Stack>
    </Card>
  );
}
