/**
 * The tip line's queue, newest first: filtered by state on the server and by priority here, each
 * tip with its priority, state, channel, what was found in its text and where it was routed.
 */
import { Badge, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useTitle } from '../../router.tsx';
import { PRIORITIES, STATES, priorityColour, type Report, type TipState } from './types.ts';

function TipRow({ report }: { readonly report: Report }) {
  const { t, i18n } = useTranslation('tips');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(report.receivedAt),
  );
  const found = report.extracted ?? {};
  return (
    <Table.Tr data-testid="tip-row">
      <Table.Td>
        <Link to={`/tips/${encodeURIComponent(report.id)}`} aria-label={t('openTip', { date })}>
          {date}
        </Link>
      </Table.Td>
      <Table.Td>
        <Badge color={priorityColour(report.priority)}>
          {t(`priorities.${report.priority}`, { defaultValue: report.priority })}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge variant="light">{t(`states.${report.state}`)}</Badge>
          {report.duplicateOf === null ? null : (
            <Badge variant="outline" color="gray.8">
              {t('duplicate')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{t(`channels.${report.channel}`, { defaultValue: report.channel })}</Table.Td>
      <Table.Td>
        {t('found', {
          phones: found.phones?.length ?? 0,
          links: found.links?.length ?? 0,
          places: found.places?.length ?? 0,
        })}
      </Table.Td>
      <Table.Td>{report.routedTo.join(', ')}</Table.Td>
    </Table.Tr>
  );
}

export function TipQueue() {
  const { t } = useTranslation('tips');
  useTitle(t('title'));
  const [state, setState] = useState<TipState | 'all'>('new');
  const [priority, setPriority] = useState<string>('all');
  const loaded = useLoad(
    (signal) =>
      api<{ reports: Report[] }>('/reports', {
        query: { state: state === 'all' ? undefined : state, limit: 500 },
        signal,
      }),
    [state],
  );
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Group align="end" wrap="wrap">
        <SegmentedControl
          aria-label={t('state')}
          value={state}
          onChange={(value) => {
            setState(STATES.find((candidate) => candidate === value) ?? 'all');
          }}
          data={[...STATES.map((value) => ({ value, label: t(`states.${value}`) })), { value: 'all', label: t('all') }]}
        />
        <Select
          label={t('priority')}
          w={200}
          allowDeselect={false}
          value={priority}
          onChange={(value) => {
            setPriority(value ?? 'all');
          }}
          data={[
            { value: 'all', label: t('anyPriority') },
            ...PRIORITIES.map((value) => ({ value, label: t(`priorities.${value}`) })),
          ]}
        />
      </Group>
      <Loading loaded={loaded}>
        {({ reports }) => {
          const shown = reports.filter((report) => priority === 'all' || report.priority === priority);
          if (shown.length === 0) return <Text>{t('none')}</Text>;
          return (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" role="status">
                {t('shown', { count: shown.length })}
              </Text>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.received')}</Table.Th>
                    <Table.Th>{t('columns.priority')}</Table.Th>
                    <Table.Th>{t('columns.state')}</Table.Th>
                    <Table.Th>{t('columns.channel')}</Table.Th>
                    <Table.Th>{t('columns.found')}</Table.Th>
                    <Table.Th>{t('columns.routedTo')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((report) => (
                    <TipRow key={report.id} report={report} />
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        }}
      </Loading>
    </Stack>
  );
}
