/**
 * The flows as a table: the map's accessible alternative, every flow with its places, their
 * coordinates, its stage and its count ("fewer than 11" where withheld), a page at a time.
 */
import { Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteFlow, RoutePlace, ShownCount } from './types.ts';

const PAGE = 25;

/** A count, or "fewer than 11" where the server withheld it. */
export function FlowCount({ shown }: { readonly shown: ShownCount }) {
  const { t, i18n } = useTranslation('map');
  if (shown.suppressed || shown.count === null) {
    return (
      <Text span size="sm" fs="italic" data-suppressed="true">
        {t('fewerThan11')}
      </Text>
    );
  }
  return <>{new Intl.NumberFormat(i18n.language).format(shown.count)}</>;
}

function Place({ place }: { readonly place: RoutePlace }) {
  const { i18n } = useTranslation();
  const regions = new Intl.DisplayNames(i18n.language, { type: 'region' });
  let country = place.country;
  try {
    country = place.country === null ? null : (regions.of(place.country) ?? place.country);
  } catch {
    // Not a region code Intl knows: shown as given.
  }
  return (
    <>
      {place.name}
      {country === null || country === place.name ? null : (
        <Text span size="xs" c="dimmed">
          {' '}
          ({country})
        </Text>
      )}
    </>
  );
}

function Coordinates({ place }: { readonly place: RoutePlace }) {
  const { t, i18n } = useTranslation('map');
  if (place.lat === null || place.lon === null) return <>{t('notLocated')}</>;
  const degrees = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  return (
    <span dir="ltr">
      {degrees.format(place.lat)}, {degrees.format(place.lon)}
    </span>
  );
}

export function FlowTable({
  flows,
  caption,
  testId,
}: {
  readonly flows: readonly RouteFlow[];
  readonly caption: string;
  readonly testId: string;
}) {
  const { t } = useTranslation('map');
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(flows.length / PAGE));
  const current = Math.min(page, pages);
  const shown = flows.slice((current - 1) * PAGE, current * PAGE);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={720}>
        <Table striped fz="sm" data-testid={testId}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('from')}</Table.Th>
              <Table.Th scope="col">{t('to')}</Table.Th>
              <Table.Th scope="col">{t('stage')}</Table.Th>
              <Table.Th scope="col">{t('movements')}</Table.Th>
              <Table.Th scope="col">{t('fromCoordinates')}</Table.Th>
              <Table.Th scope="col">{t('toCoordinates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((flow, index) => (
              <Table.Tr key={`${flow.from.name}→${flow.to.name}:${String(index)}`} data-testid="flow-row">
                <Table.Td>
                  <Place place={flow.from} />
                </Table.Td>
                <Table.Td>
                  <Place place={flow.to} />
                </Table.Td>
                <Table.Td>{t(`stages.${flow.stage}`)}</Table.Td>
                <Table.Td data-testid="flow-count">
                  <FlowCount shown={flow} />
                </Table.Td>
                <Table.Td data-testid="flow-from-coordinates">
                  <Coordinates place={flow.from} />
                </Table.Td>
                <Table.Td data-testid="flow-to-coordinates">
                  <Coordinates place={flow.to} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={current}
          onChange={setPage}
          size="sm"
          withEdges
          aria-label={t('pages')}
          getControlProps={(control) => ({ 'aria-label': t(`pageControl.${control}`) })}
          getItemProps={(item) => ({ 'aria-label': t('pageNumber', { page: item }) })}
        />
      ) : null}
    </Stack>
  );
}
