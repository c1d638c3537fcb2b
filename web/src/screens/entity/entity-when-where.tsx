/**
 * When and where: the entity's records and links with a date, oldest first, and the places they
 * name, each with how many records name it. Only what the reader may open is placed.
 */
import { List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption } from '../../components/markings.tsx';
import type { Entity, Place, TimelineEvent } from './entity-data.ts';

function when(value: string, language: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  // A day alone (2026-03-01) is shown as a day, an instant with its time.
  const options: Intl.DateTimeFormatOptions =
    value.length <= 10 ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language, options).format(new Date(time));
}

export function EntityTimeline({
  entity,
  events,
}: {
  readonly entity: Entity;
  readonly events: readonly TimelineEvent[];
}) {
  const { t, i18n } = useTranslation('entity');
  if (events.length === 0) return <Text c="dimmed">{t('noTimeline')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} data-testid="entity-timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('date')}</Table.Th>
            <Table.Th>{t('event')}</Table.Th>
            <Table.Th>{t('caption')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const record = entity.records.find((each) => each.id === event.recordId);
            return (
              <Table.Tr key={`${event.recordId}-${event.what}-${event.at}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(event.at, i18n.language)}</Table.Td>
                <Table.Td>
                  {event.link === undefined
                    ? t(`dateOf.${event.what}`, { defaultValue: event.what })
                    : t(`kinds.${event.what}`, { defaultValue: event.what })}
                </Table.Td>
                <Table.Td>
                  {record === undefined ? (
                    <Caption caption={null} />
                  ) : (
                    <>
                      {t(`kinds.${record.kind}`, { defaultValue: record.kind })}: <Caption caption={record.caption} />
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function EntityPlaces({ places }: { readonly places: readonly Place[] }) {
  const { t } = useTranslation('entity');
  if (places.length === 0) return <Text c="dimmed">{t('noPlaces')}</Text>;
  return (
    <List spacing={2} data-testid="entity-places">
      {places.map((place) => (
        <List.Item key={`${place.name}-${place.country ?? ''}`}>
          {place.name}
          {place.country === undefined ? '' : ` (${place.country})`} —{' '}
          <Text span size="sm" c="dimmed">
            {t('placeRecords', { count: place.records.length })}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
