/**
 * Map and routes: the flows between places the reader may count (origin → transit → destination),
 * drawn on a map of the world's countries and listed in a table, small flows withheld; and the
 * movement of a phone or an advert network over time, walked through with a slider.
 */
import { Button, Grid, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { useLocation, useTitle } from '../../router.tsx';
import { FlowMap } from './flow-map.tsx';
import { FlowCount, FlowTable } from './flow-table.tsx';
import { Legend } from './legend.tsx';
import {
  movementError,
  movementOfIdentifier,
  movementOfRecords,
  MovementPanel,
  type MovementState,
} from './movement.tsx';
import { placeStops } from './places.ts';
import type { RouteFlow, Routes } from './types.ts';

/** The forms of exploitation a map can be limited to (the taxonomy's). */
const EXPLOITATION_TYPES = [
  'sexual_exploitation',
  'forced_labour',
  'domestic_servitude',
  'forced_criminality',
  'forced_begging',
  'forced_marriage',
  'organ_removal',
  'child_soldiering',
  'other',
] as const;

interface Filter {
  readonly from: string;
  readonly to: string;
  readonly types: readonly string[];
}

function FilterForm({ onApply }: { readonly onApply: (filter: Filter) => void }) {
  const { t } = useTranslation('map');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({ from, to, types });
  };
  return (
    <form onSubmit={submit} aria-label={t('filters')}>
      <Group align="end" gap="sm">
        <TextInput
          type="date"
          label={t('fromDate')}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
          }}
        />
        <TextInput
          type="date"
          label={t('toDate')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
          }}
        />
        <MultiSelect
          label={t('exploitationType')}
          description={t('exploitationTypeHelp')}
          data={EXPLOITATION_TYPES.map((value) => ({ value, label: t(`exploitation.${value}`) }))}
          value={types}
          onChange={setTypes}
          clearable
          w={320}
        />
        <Button type="submit">{t('apply')}</Button>
      </Group>
    </form>
  );
}

export default function MapScreen() {
  const { t, i18n } = useTranslation('map');
  useTitle(t('title'));
  const { query } = useLocation();
  const seeds = query.get('seed');
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', types: [] });
  const [movement, setMovement] = useState<MovementState>({ status: 'idle' });
  const [upTo, setUpTo] = useState(0);

  const loaded = useLoad(
    (signal) =>
      api<Routes>('/routes', {
        query: {
          from: filter.from === '' ? undefined : filter.from,
          to: filter.to === '' ? undefined : filter.to,
          exploitationType: filter.types.length === 0 ? undefined : filter.types.join(','),
        },
        signal,
      }),
    [filter],
  );

  const follow = useCallback((run: () => Promise<MovementState>) => {
    setMovement({ status: 'loading' });
    run().then(
      (state) => {
        setMovement(state);
        setUpTo(0);
      },
      (error: unknown) => {
        setMovement(movementError(error));
      },
    );
  }, []);

  useEffect(() => {
    if (seeds !== null && seeds !== '') follow(() => movementOfRecords(seeds.split(',')));
  }, [seeds, follow]);

  const stops = useMemo(() => (movement.status === 'done' ? placeStops(movement.movement.itinerary) : []), [movement]);
  const count = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const describe = useCallback(
    (flow: RouteFlow) =>
      `${flow.from.name} → ${flow.to.name} · ${t(`stages.${flow.stage}`)} · ${
        flow.suppressed || flow.count === null ? t('fewerThan11') : count.format(flow.count)
      }`,
    [t, count],
  );

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <FilterForm onApply={setFilter} />
      <Loading loaded={loaded}>
        {(routes) => (
          <Stack>
            <Text size="sm" data-testid="routes-total">
              {t('total')}: <FlowCount shown={routes.total} /> · {t('range', { from: routes.from, to: routes.to })}
            </Text>
            <Grid>
              <Grid.Col span={{ base: 12, md: 9 }}>
                <FlowMap key={i18n.language} flows={routes.flows} stops={stops} upTo={upTo} describe={describe} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <Legend />
              </Grid.Col>
            </Grid>
            {routes.flows.length === 0 ? (
              <Text>{t('noFlows')}</Text>
            ) : (
              <FlowTable
                flows={routes.flows}
                caption={t('flowsCaption', { count: routes.flows.length })}
                testId="flows"
              />
            )}
            {routes.unlocated.length === 0 ? null : (
              <FlowTable
                flows={routes.unlocated}
                caption={t('unlocatedCaption', { count: routes.unlocated.length })}
                testId="unlocated"
              />
            )}
          </Stack>
        )}
      </Loading>
      <MovementPanel
        state={movement}
        stops={stops}
        upTo={upTo}
        onUpTo={setUpTo}
        onSearch={(kind, value) => {
          follow(() => movementOfIdentifier(kind, value));
        }}
      />
    </Stack>
  );
}
