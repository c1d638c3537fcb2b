/**
 * The movement of a phone, an advert network or any records over time: an identifier (a phone, an
 * e-mail…) finds the reader's records carrying it, or records come by link (`/map?seed=…`); the
 * server returns the places those records name, in time order, and a slider walks through them on
 * the map. The server locates the places (see places.ts); others are listed as off
 * the map.
 */
import { Alert, Button, Group, List, Select, Slider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import type { Movement, PlacedStop } from './types.ts';

/** The identifiers the network API finds records by (image hashes are not typed by hand). */
const KINDS = ['phone', 'email', 'document', 'iban', 'account', 'handle'] as const;
/** The most records one movement request follows (the API's limit). */
const MOST_SEEDS = 50;

export type MovementState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'done'; readonly movement: Movement; readonly records: number; readonly capped: boolean };

/** Asks the server for the records carrying an identifier, then where they were over time. */
export async function movementOfIdentifier(kind: string, value: string): Promise<MovementState> {
  const found = await api<{ carriers: string[] }>('/network/identifier', {
    query: { kind, value, hops: 1, limit: MOST_SEEDS },
  });
  if (found.carriers.length === 0) {
    return { status: 'done', movement: { itinerary: [], undated: 0 }, records: 0, capped: false };
  }
  return movementOfRecords(found.carriers);
}

/** Where some records were over time. */
export async function movementOfRecords(records: readonly string[]): Promise<MovementState> {
  const seeds = records.slice(0, MOST_SEEDS);
  const movement = await api<Movement>('/network/movement', { query: { seed: seeds } });
  return { status: 'done', movement, records: seeds.length, capped: records.length > MOST_SEEDS };
}

function StopList({ stops, upTo }: { readonly stops: readonly PlacedStop[]; readonly upTo: number }) {
  const { t, i18n } = useTranslation('map');
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <List type="ordered" spacing={2} size="sm" data-testid="movement-stops">
      {stops.map((stop, index) => (
        <List.Item
          key={`${stop.place}@${stop.from}`}
          fw={index === upTo ? 700 : undefined}
          data-located={stop.location === null ? 'false' : 'true'}
          aria-current={index === upTo ? 'step' : undefined}
        >
          {stop.place} · {day.format(new Date(stop.from))}
          {stop.to.slice(0, 10) === stop.from.slice(0, 10) ? '' : ` – ${day.format(new Date(stop.to))}`} ·{' '}
          {t('records', { count: stop.count })}
          {stop.location === null ? (
            <Text span size="xs" c="dimmed">
              {' '}
              ({t('offMap')})
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

/** The stops with a slider over time; the chosen stop is `upTo`. */
function Itinerary({
  stops,
  upTo,
  onUpTo,
  state,
}: {
  readonly stops: readonly PlacedStop[];
  readonly upTo: number;
  readonly onUpTo: (index: number) => void;
  readonly state: Extract<MovementState, { status: 'done' }>;
}) {
  const { t, i18n } = useTranslation('map');
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const current = stops[upTo];
  if (stops.length === 0) return <Text size="sm">{t('noMovement', { count: state.records })}</Text>;
  const off = stops.filter((stop) => stop.location === null).length;
  const labelOf = (index: number) => {
    const stop = stops[index];
    return stop === undefined ? '' : `${stop.place}, ${day.format(new Date(stop.from))}`;
  };
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="movement-summary">
        {t('movementSummary', { count: stops.length, records: state.records })}
        {state.movement.undated > 0 ? ` ${t('undated', { count: state.movement.undated })}` : ''}
        {state.capped ? ` ${t('capped', { count: MOST_SEEDS })}` : ''}
      </Text>
      {off > 0 ? (
        <Text size="sm" c="dimmed">
          {t('offMapNote', { count: off })}
        </Text>
      ) : null}
      {stops.length > 1 ? (
        <Slider
          min={0}
          max={stops.length - 1}
          step={1}
          value={upTo}
          onChange={onUpTo}
          label={labelOf}
          thumbLabel={t('timeSlider')}
          aria-valuetext={labelOf(upTo)}
          marks={stops.map((_, index) => ({ value: index }))}
          mb="md"
        />
      ) : null}
      <Text size="sm" role="status" aria-live="polite" data-testid="movement-current">
        {current === undefined
          ? null
          : t('stopOf', {
              index: upTo + 1,
              count: stops.length,
              place: current.place,
              day: day.format(new Date(current.from)),
            })}
      </Text>
      <StopList stops={stops} upTo={upTo} />
    </Stack>
  );
}

export function MovementPanel({
  state,
  stops,
  upTo,
  onUpTo,
  onSearch,
}: {
  readonly state: MovementState;
  readonly stops: readonly PlacedStop[];
  readonly upTo: number;
  readonly onUpTo: (index: number) => void;
  readonly onSearch: (kind: string, value: string) => void;
}) {
  const { t } = useTranslation('map');
  const [kind, setKind] = useState<string>('phone');
  const [value, setValue] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (value.trim() !== '') onSearch(kind, value.trim());
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="movement-title">
      <Title order={3} size="h4" id="movement-title">
        {t('movementTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('movementIntro')}
      </Text>
      <form onSubmit={submit}>
        <Group align="end" gap="xs">
          <Select
            label={t('identifierKind')}
            data={KINDS.map((item) => ({ value: item, label: t(`kinds.${item}`) }))}
            value={kind}
            onChange={(next) => {
              if (next !== null) setKind(next);
            }}
            allowDeselect={false}
            w={160}
          />
          <TextInput
            label={t('identifier')}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
            }}
            required
            w={240}
          />
          <Button type="submit" loading={state.status === 'loading'}>
            {t('follow')}
          </Button>
        </Group>
      </form>
      {state.status === 'error' ? (
        <Alert color="red" role="alert" title={t('app.error')}>
          {state.message}
        </Alert>
      ) : null}
      {state.status === 'done' ? <Itinerary stops={stops} upTo={upTo} onUpTo={onUpTo} state={state} /> : null}
    </Stack>
  );
}

/** The message of a failed movement request. */
export function movementError(error: unknown): MovementState {
  return { status: 'error', message: describeError(error) };
}
