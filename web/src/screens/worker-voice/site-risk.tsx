/**
 * A site's dashboard: its risk level, the overall risk and each ILO indicator's share of workers
 * this period against the last, with the trend; figures over too few workers say they are withheld.
 */
import { Badge, Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import type { Campaign, Figure, Level, Overall, Site, SiteRisk, Trend } from './types.ts';

/** Mantine's darkest green and orange are too light for small text on white (about 4.2:1): darker ones. */
const DARK_GREEN = '#1f6f32';
const DARK_ORANGE = '#a63d00';
const LEVEL_COLOURS: Readonly<Record<Level, string>> = { low: DARK_GREEN, medium: DARK_ORANGE, high: 'red.9' };
/** Rising is worse: more workers report the indicator. */
const TREND_ARROWS: Readonly<Record<Trend, string>> = { up: '↑', down: '↓', flat: '↔', unknown: '·' };
const TREND_COLOURS: Readonly<Record<Trend, string>> = {
  up: 'red.9',
  down: DARK_GREEN,
  flat: 'gray.7',
  unknown: 'gray.7',
};

function TrendMark({ trend }: { readonly trend: Trend }) {
  const { t } = useTranslation('worker-voice');
  return (
    <Text span size="sm" c={TREND_COLOURS[trend]} data-trend={trend}>
      <span aria-hidden="true">{TREND_ARROWS[trend]}</span> {t(`risk.trends.${trend}`)}
    </Text>
  );
}

function Withheld({ minimum }: { readonly minimum: number }) {
  const { t } = useTranslation('worker-voice');
  return (
    <Tooltip label={t('risk.withheldHelp', { count: minimum })}>
      <Text span size="sm" fs="italic" c="dimmed" data-withheld="true">
        {t('risk.withheld', { count: minimum })}
      </Text>
    </Tooltip>
  );
}

function Share({ figure, minimum }: { readonly figure: Figure; readonly minimum: number }) {
  const { t, i18n } = useTranslation('worker-voice');
  if (figure.suppressed) return <Withheld minimum={minimum} />;
  const share = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(
    figure.share,
  );
  return <>{t('risk.share', { share, count: figure.respondents })}</>;
}

function OverallFigure({ figure, minimum }: { readonly figure: Overall; readonly minimum: number }) {
  const { t, i18n } = useTranslation('worker-voice');
  if (figure.suppressed) return <Withheld minimum={minimum} />;
  const risk = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(figure.risk);
  return (
    <Text span size="sm">
      {risk} · {t('risk.respondents', { count: figure.respondents })}
    </Text>
  );
}

function RiskTable({ risk }: { readonly risk: SiteRisk }) {
  const { t } = useTranslation('worker-voice');
  const minimum = risk.minimumGroup;
  return (
    <Table striped data-testid="indicator-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('risk.indicator')}</Table.Th>
          <Table.Th>{t('risk.current', { days: risk.periodDays })}</Table.Th>
          <Table.Th>{t('risk.previous', { days: risk.periodDays })}</Table.Th>
          <Table.Th>{t('risk.trend')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr fw={600}>
          <Table.Th scope="row">{t('risk.overall')}</Table.Th>
          <Table.Td>
            <OverallFigure figure={risk.current} minimum={minimum} />
          </Table.Td>
          <Table.Td>
            <OverallFigure figure={risk.previous} minimum={minimum} />
          </Table.Td>
          <Table.Td>
            <TrendMark trend={risk.trend} />
          </Table.Td>
        </Table.Tr>
        {risk.indicators.map((indicator) => (
          <Table.Tr key={indicator.id} data-testid="indicator-row">
            <Table.Th scope="row" fw={400}>
              {t(`indicators.${indicator.id}`, { defaultValue: indicator.name })}
            </Table.Th>
            <Table.Td>
              <Share figure={indicator.current} minimum={minimum} />
            </Table.Td>
            <Table.Td>
              <Share figure={indicator.previous} minimum={minimum} />
            </Table.Td>
            <Table.Td>
              <TrendMark trend={indicator.trend} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LevelBadge({ overall }: { readonly overall: Overall }) {
  const { t } = useTranslation('worker-voice');
  if (overall.suppressed) return null;
  return (
    <Badge size="lg" color={LEVEL_COLOURS[overall.level]} data-testid="risk-level" data-level={overall.level}>
      {t(`risk.levels.${overall.level}`)}
    </Badge>
  );
}

export function SiteRiskPanel({ site, campaigns }: { readonly site: Site; readonly campaigns: readonly Campaign[] }) {
  const { t } = useTranslation('worker-voice');
  const [campaign, setCampaign] = useState<string>('');
  const loaded = useLoad(
    (signal) =>
      api<SiteRisk>(`/worker-voice/sites/${encodeURIComponent(site.code)}/risk`, {
        query: { campaign: campaign === '' ? undefined : campaign },
        signal,
      }),
    [site.code, campaign],
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end">
        <Title order={3}>{t('risk.title', { name: site.name })}</Title>
        <Select
          label={t('risk.scope')}
          w={280}
          allowDeselect={false}
          value={campaign}
          onChange={(value) => {
            setCampaign(value ?? '');
          }}
          data={[
            { value: '', label: t('risk.periods') },
            ...campaigns.map((one) => ({ value: one.id, label: t('risk.campaign', { name: one.name }) })),
          ]}
        />
      </Group>
      <Loading loaded={loaded}>
        {(risk) => (
          <Stack gap="sm">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t('risk.level')}:
              </Text>
              <LevelBadge overall={risk.current} />
              {risk.current.suppressed ? <Withheld minimum={risk.minimumGroup} /> : null}
            </Group>
            <RiskTable risk={risk} />
            <Text size="xs" c="dimmed">
              {t('risk.withheldHelp', { count: risk.minimumGroup })}
            </Text>
          </Stack>
        )}
      </Loading>
    </Stack>
  );
}
