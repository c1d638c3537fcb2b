/**
 * The chart's numbers as a table: a row per period, a column per group and the period's total, the
 * groups' totals in the last row; a withheld cell says "suppressed".
 */
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ShownCount, Trends } from './types.ts';

function Cell({ shown, format }: { readonly shown: ShownCount | undefined; readonly format: Intl.NumberFormat }) {
  const { t } = useTranslation('trends');
  if (shown === undefined) return <Table.Td />;
  if (shown.suppressed || shown.count === null) {
    return (
      <Table.Td data-suppressed="true">
        <Text span size="sm" fs="italic">
          {t('suppressed')}
        </Text>
      </Table.Td>
    );
  }
  return <Table.Td data-count={shown.count}>{format.format(shown.count)}</Table.Td>;
}

export function TrendTable({
  trends,
  labels,
  period,
  caption,
}: {
  readonly trends: Trends;
  readonly labels: readonly string[];
  readonly period: (period: string) => string;
  readonly caption: string;
}) {
  const { t, i18n } = useTranslation('trends');
  const format = new Intl.NumberFormat(i18n.language);
  const single = trends.series.length === 1;
  return (
    <Table.ScrollContainer minWidth={Math.min(1600, 200 + 140 * (trends.series.length + 1))}>
      <Table striped withTableBorder fz="sm" data-testid="trend-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('period')}</Table.Th>
            {trends.series.map((series, index) => (
              <Table.Th scope="col" key={series.group}>
                {labels[index]}
              </Table.Th>
            ))}
            {single ? null : <Table.Th scope="col">{t('total')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trends.periods.map((name, row) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" fw={400}>
                {period(name)}
              </Table.Th>
              {trends.series.map((series) => (
                <Cell key={series.group} shown={series.points[row]} format={format} />
              ))}
              {single ? null : <Cell shown={trends.totals.points[row]} format={format} />}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('total')}</Table.Th>
            {trends.series.map((series) => (
              <Cell key={series.group} shown={series.total} format={format} />
            ))}
            {single ? null : <Cell shown={trends.totals.total} format={format} />}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
