/**
 * The graph's records as a table, for the keyboard and screen readers (the drawing is neither):
 * the same selection and expansion as the graph, filtered by text, a page at a time so that
 * thousands of records cost one page of rows.
 */
import { Badge, Button, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Caption } from '../../components/markings.tsx';
import type { NetworkGraph, NodeAttributes } from './network-model.ts';

const PAGE = 25;

interface Row extends NodeAttributes {
  readonly id: string;
}

export function NodeList({
  graph,
  version,
  selected,
  onPath,
  onSelect,
  onExpand,
  busy,
}: {
  readonly graph: NetworkGraph;
  /** Changes whenever the graph does. */
  readonly version: number;
  readonly selected: string | null;
  readonly onPath: ReadonlySet<string>;
  readonly onSelect: (id: string) => void;
  readonly onExpand: (id: string) => void;
  readonly busy: boolean;
}) {
  const { t } = useTranslation('network');
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const rows = useMemo(() => {
    const wanted = filter.trim().toLocaleLowerCase();
    const all: Row[] = [];
    graph.forEachNode((id, attributes) => {
      const text = `${attributes.caption ?? ''} ${attributes.kind} ${t(`kinds.${attributes.kind}`, { defaultValue: attributes.kind })} ${attributes.ownerOrganisation}`;
      if (wanted === '' || text.toLocaleLowerCase().includes(wanted)) all.push({ id, ...attributes });
    });
    return all;
    // version: the graph is updated in place.
  }, [graph, version, filter, t]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));

  // A record selected in the graph shows on its page of the list.
  useEffect(() => {
    if (selected === null) return;
    const index = rows.findIndex((row) => row.id === selected);
    if (index >= 0) setPage(Math.floor(index / PAGE) + 1);
  }, [selected, rows]);

  const shown = rows.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  // How many records of each type the whole graph holds, most first.
  const byKind = useMemo(() => {
    const counts = new Map<string, number>();
    graph.forEachNode((_id, attributes) => counts.set(attributes.kind, (counts.get(attributes.kind) ?? 0) + 1));
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // version: the graph is updated in place.
  }, [graph, version]);
  return (
    <Stack gap="xs" component="section" aria-labelledby="network-list-title">
      <Group justify="space-between" align="end">
        <Title order={3} size="h4" id="network-list-title">
          {t('list.title')}
        </Title>
        <TextInput
          label={t('list.filter')}
          size="xs"
          value={filter}
          onChange={(event) => {
            setFilter(event.currentTarget.value);
            setPage(1);
          }}
        />
      </Group>
      {byKind.length === 0 ? null : (
        <Text size="sm" data-testid="network-kinds" data-kinds={JSON.stringify(Object.fromEntries(byKind))}>
          {byKind
            .map(([kind, count]) => `${t(`kinds.${kind}`, { defaultValue: kind })}: ${count.toLocaleString()}`)
            .join(' · ')}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm">{t('list.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover fz="sm" data-testid="network-list" data-count={rows.length}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.caption')}</Table.Th>
                <Table.Th>{t('list.kind')}</Table.Th>
                <Table.Th>{t('list.owner')}</Table.Th>
                <Table.Th>{t('list.marks')}</Table.Th>
                <Table.Th>{t('list.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <NodeRow
                  key={row.id}
                  row={row}
                  selected={row.id === selected}
                  onPath={onPath.has(row.id)}
                  onSelect={onSelect}
                  onExpand={onExpand}
                  busy={busy}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={setPage}
          size="sm"
          getControlProps={(control) => ({ 'aria-label': `${t('list.pages')}: ${control}` })}
          aria-label={t('list.pages')}
        />
      ) : null}
    </Stack>
  );
}

function NodeRow({
  row,
  selected,
  onPath,
  onSelect,
  onExpand,
  busy,
}: {
  readonly row: Row;
  readonly selected: boolean;
  readonly onPath: boolean;
  readonly onSelect: (id: string) => void;
  readonly onExpand: (id: string) => void;
  readonly busy: boolean;
}) {
  const { t } = useTranslation('network');
  return (
    <Table.Tr data-testid="network-node" data-kind={row.kind} data-id={row.id} data-selected={selected}>
      <Table.Td>
        <Caption caption={row.caption} />
      </Table.Td>
      <Table.Td>{t(`kinds.${row.kind}`, { defaultValue: row.kind })}</Table.Td>
      <Table.Td>
        {row.ownerOrganisation}
        {row.sector === null ? null : (
          <Text span size="xs" c="dimmed">
            {' '}
            · {t(`sectors.${row.sector}`, { defaultValue: row.sector })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {row.protected ? (
            <Badge size="xs" color="blue" variant="light">
              {t('markings.protected')}
            </Badge>
          ) : null}
          {onPath ? (
            <Badge size="xs" color="indigo">
              {t('list.onPath')}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant={selected ? 'filled' : 'default'}
            aria-pressed={selected}
            onClick={() => {
              onSelect(row.id);
            }}
          >
            {selected ? t('list.selected') : t('list.select')}
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            disabled={busy}
            onClick={() => {
              onExpand(row.id);
            }}
          >
            {t('list.expand')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
