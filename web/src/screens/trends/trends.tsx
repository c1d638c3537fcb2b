/**
 * The trends dashboard: counts over time of records, alerts, notices, tips, cases or red-flag
 * typologies, by month or week, in a series per group; small counts withheld by the server (shown
 * as gaps, marked, and "suppressed" in the table under the chart).
 */
import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { useTitle } from '../../router.tsx';
import { groupLabel, periodFormatter } from './labels.ts';
import { TrendChart, type ChartKind } from './trend-chart.tsx';
import { TrendTable } from './trend-table.tsx';
import { GROUPINGS_OF, INTERVALS, MEASURES, type Grouping, type Interval, type Measure, type Trends } from './types.ts';

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

function DateRange({ onApply }: { readonly onApply: (range: { from: string; to: string }) => void }) {
  const { t } = useTranslation('trends');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({ from, to });
  };
  return (
    <form onSubmit={submit} aria-label={t('dates')}>
      <Group align="end" gap="sm">
        <TextInput
          type="date"
          label={t('from')}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
          }}
        />
        <TextInput
          type="date"
          label={t('to')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
          }}
        />
        <Button type="submit" variant="light">
          {t('apply')}
        </Button>
      </Group>
    </form>
  );
}

function Dashboard({ trends, kind }: { readonly trends: Trends; readonly kind: ChartKind }) {
  const { t, i18n } = useTranslation('trends');
  const labels = useMemo(
    () => trends.series.map((series) => groupLabel(t, i18n.language, trends.by, series.group)),
    [trends, t, i18n.language],
  );
  const period = useMemo(() => periodFormatter(i18n.language, trends.interval), [i18n.language, trends.interval]);
  const withheld = [...trends.series.flatMap((series) => series.points), ...trends.series.map((s) => s.total)].filter(
    (cell) => cell.suppressed,
  ).length;
  const range = { from: trends.from, to: trends.to, measure: t(`measures.${trends.measure}`) };
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="trend-range">
        {t('range', range)}
      </Text>
      {trends.series.length === 0 ? (
        <Text>{t('nothing')}</Text>
      ) : (
        <TrendChart trends={trends} labels={labels} period={period} kind={kind} summary={t('chartSummary', range)} />
      )}
      <Text size="sm" c="dimmed" data-testid="suppressed-note">
        {t('suppressedNote')} {withheld > 0 ? t('suppressedCount', { count: withheld }) : ''}
      </Text>
      <TrendTable trends={trends} labels={labels} period={period} caption={t('tableCaption', range)} />
    </Stack>
  );
}

export default function TrendsScreen() {
  const { t } = useTranslation('trends');
  useTitle(t('title'));
  const [measure, setMeasure] = useState<Measure>('records');
  const [interval, setPeriodLength] = useState<Interval>('month');
  const [by, setBy] = useState<Grouping>(GROUPINGS_OF.records[0] ?? 'none');
  const [range, setRange] = useState({ from: '', to: '' });
  const [kind, setKind] = useState<ChartKind>('line');
  const loaded = useLoad(
    (signal) =>
      api<Trends>('/trends', {
        query: {
          measure,
          interval,
          by,
          from: range.from === '' ? undefined : range.from,
          to: range.to === '' ? undefined : range.to,
        },
        signal,
      }),
    [measure, interval, by, range],
  );
  const groupings = GROUPINGS_OF[measure];

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Group align="end" gap="sm">
        <Select
          label={t('measure')}
          data={MEASURES.map((value) => ({ value, label: t(`measures.${value}`) }))}
          value={measure}
          allowDeselect={false}
          onChange={(value) => {
            if (!isOneOf(MEASURES, value)) return;
            setMeasure(value);
            // Only the groupings the measure allows: keep the one chosen if it still applies.
            if (!GROUPINGS_OF[value].includes(by)) setBy(GROUPINGS_OF[value][0] ?? 'none');
          }}
          w={200}
        />
        <Select
          label={t('groupBy')}
          data={groupings.map((value) => ({ value, label: t(`groupings.${value}`) }))}
          value={by}
          allowDeselect={false}
          onChange={(value) => {
            if (isOneOf(groupings, value)) setBy(value);
          }}
          w={200}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="trends-interval">
            {t('interval')}
          </Text>
          <SegmentedControl
            aria-labelledby="trends-interval"
            value={interval}
            onChange={(value) => {
              if (isOneOf(INTERVALS, value)) setPeriodLength(value);
            }}
            data={INTERVALS.map((value) => ({ value, label: t(`intervals.${value}`) }))}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="trends-kind">
            {t('chartKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="trends-kind"
            value={kind}
            onChange={(value) => {
              setKind(value === 'bar' ? 'bar' : 'line');
            }}
            data={[
              { value: 'line', label: t('lines') },
              { value: 'bar', label: t('bars') },
            ]}
          />
        </Stack>
      </Group>
      <DateRange onApply={setRange} />
      <Loading loaded={loaded}>{(trends) => <Dashboard trends={trends} kind={kind} />}</Loading>
    </Stack>
  );
}
