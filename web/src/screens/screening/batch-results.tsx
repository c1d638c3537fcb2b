/**
 * A batch's progress while it runs, then each row's answer in a paged table (a manifest can hold
 * thousands of rows), the rows to check first on request, and the rows the server passed over.
 */
import { Group, Pagination, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';
import { OutcomeBadge } from './screen-result.tsx';
import type { Batch, BatchRowError, ScreenResult } from './screening-api.ts';

/** Rows a page of the results shows. */
const PAGE_SIZE = 50;

/** How far the batch has come, said and drawn. */
export function BatchProgress({ batch }: { readonly batch: Batch }) {
  const { t } = useTranslation('screening');
  const percent = batch.total === 0 ? 100 : Math.floor((batch.done / batch.total) * 100);
  const label = t('batch.progressText', { done: batch.done, total: batch.total, percent });
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('batch.progress')}: {t(`batch.states.${batch.state}`)}
        </Text>
        <Text size="sm" data-testid="batch-progress" data-percent={percent} role="status">
          {label}
        </Text>
      </Group>
      <Progress
        value={percent}
        aria-label={t('batch.progress')}
        color={batch.state === 'failed' ? 'red' : undefined}
        animated={batch.state === 'running'}
      />
    </Stack>
  );
}

function RowDetail({ row }: { readonly row: ScreenResult }) {
  const { t, i18n } = useTranslation('screening');
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  if (row.hits.length === 0) return null;
  return (
    <Stack gap={2}>
      {row.hits.map((hit) => (
        <Text size="sm" key={hit.notice}>
          {hit.list === null ? (
            <Link to={`/notices/${encodeURIComponent(hit.notice)}`}>
              {t(`notices:types.${hit.noticeType}`, { defaultValue: hit.noticeType })}
            </Link>
          ) : (
            `${t('result.list')}: ${hit.list}`
          )}{' '}
          · {t('result.score')} {percent.format(hit.score)}
        </Text>
      ))}
    </Stack>
  );
}

function ErrorsTable({ errors }: { readonly errors: readonly BatchRowError[] }) {
  const { t } = useTranslation('screening');
  return (
    <Stack gap="xs">
      <Title order={4}>{t('batch.errors')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" data-testid="batch-errors">
          <Table.Caption>{t('batch.errorsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('batch.errorRow')}</Table.Th>
              <Table.Th>{t('batch.errorId')}</Table.Th>
              <Table.Th>{t('batch.errorField')}</Table.Th>
              <Table.Th>{t('batch.errorMessage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((error) => (
              <Table.Tr key={`${String(error.row)}-${error.field}`}>
                <Table.Td>{error.row}</Table.Td>
                <Table.Td>{error.id ?? ''}</Table.Td>
                <Table.Td>{error.field}</Table.Td>
                <Table.Td>{error.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Each row's answer once the batch is done. */
export function BatchResults({ batch }: { readonly batch: Batch }) {
  const { t } = useTranslation('screening');
  const [filter, setFilter] = useState<'all' | 'flagged'>('all');
  const [page, setPage] = useState(1);
  const results = batch.results ?? [];
  const count = (result: ScreenResult['result']) => results.filter((row) => row.result === result).length;
  const shown = filter === 'all' ? results : results.filter((row) => row.result !== 'no_hit');
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="batch-summary">
        {t('batch.summary', {
          total: results.length,
          advised: count('secondary_check_advised'),
          hits: count('hits'),
          clear: count('no_hit'),
        })}
      </Text>
      <SegmentedControl
        aria-label={t('batch.show')}
        w="fit-content"
        value={filter}
        onChange={(value) => {
          setFilter(value === 'flagged' ? 'flagged' : 'all');
          setPage(1);
        }}
        data={[
          { value: 'all', label: t('batch.showAll') },
          { value: 'flagged', label: t('batch.showFlagged') },
        ]}
      />
      {rows.length === 0 ? (
        <Text size="sm">{t('batch.noRows')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" striped data-testid="batch-results">
            <Table.Caption>{t('batch.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('batch.row')}</Table.Th>
                <Table.Th>{t('batch.resultCol')}</Table.Th>
                <Table.Th>{t('batch.referenceCol')}</Table.Th>
                <Table.Th>{t('batch.detailCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="batch-row" data-row-id={row.id} data-result={row.result}>
                  <Table.Td>{row.id}</Table.Td>
                  <Table.Td>
                    <OutcomeBadge result={row.result} />
                  </Table.Td>
                  <Table.Td ff="monospace">{row.reference ?? ''}</Table.Td>
                  <Table.Td>
                    <RowDetail row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 ? (
        <nav aria-label={t('batch.pages')}>
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`batch.controls.${control}`) })}
            getItemProps={(item) => ({ 'aria-label': t('batch.pageOf', { page: item, pages }) })}
          />
        </nav>
      ) : null}
      {batch.errors.length > 0 ? <ErrorsTable errors={batch.errors} /> : null}
    </Stack>
  );
}
