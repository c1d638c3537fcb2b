/**
 * The selected record: its type, caption (or "restricted"), owner and sector, its marks and what the
 * analyses say of it, its links with their reasons (and resolution's features and weights), and
 * what to do next: expand it, find a path from or to it, open its entity.
 */
import { Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption, Provenance } from '../../components/markings.tsx';
import { Link } from '../../router.tsx';
import type { LinkFeature } from './network-api.ts';
import type { EdgeAttributes, NetworkGraph } from './network-model.ts';

const LINKS_SHOWN = 30;

export interface NodeFacts {
  readonly risk?: number | undefined;
  readonly community?: number | undefined;
  readonly betweenness?: number | undefined;
}

function Features({ features }: { readonly features: readonly LinkFeature[] }) {
  const { t } = useTranslation('network');
  return (
    <Table fz="xs" withRowBorders={false} verticalSpacing={1} aria-label={t('panel.features')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('panel.feature')}</Table.Th>
          <Table.Th>{t('panel.level')}</Table.Th>
          <Table.Th>{t('panel.weight')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {features.map((feature) => (
          <Table.Tr key={`${feature.feature}-${feature.level}`}>
            <Table.Td>{feature.feature}</Table.Td>
            <Table.Td>{feature.level}</Table.Td>
            <Table.Td>{feature.weight.toFixed(2)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LinkItem({
  edge,
  other,
  graph,
}: {
  readonly edge: EdgeAttributes;
  readonly other: string;
  readonly graph: NetworkGraph;
}) {
  const { t } = useTranslation('network');
  const attributes = graph.getNodeAttributes(other);
  return (
    <List.Item>
      <Stack gap={2}>
        <Text size="sm">
          <Text span fw={600}>
            {t(`edgeKinds.${edge.kind}`, { defaultValue: edge.kind })}
          </Text>{' '}
          → <Caption caption={attributes.caption} /> ({t(`kinds.${attributes.kind}`, { defaultValue: attributes.kind })}
          )
        </Text>
        <Text size="xs" c="dimmed">
          {t(`basis.${edge.basis}`)}
          {edge.reason === undefined ? '' : `: ${edge.reason}`}
          {edge.probability === undefined ? '' : ` · ${t('panel.probability', { value: edge.probability.toFixed(3) })}`}
          {edge.at === undefined ? '' : ` · ${t('panel.at', { value: edge.at })}`}
          {edge.place === undefined ? '' : ` · ${t('panel.place', { value: edge.place })}`}
        </Text>
        {edge.features === undefined || edge.features.length === 0 ? null : <Features features={edge.features} />}
      </Stack>
    </List.Item>
  );
}

export function SelectedPanel({
  graph,
  selected,
  facts,
  busy,
  onExpand,
  onPathEnd,
}: {
  readonly graph: NetworkGraph;
  readonly selected: string | null;
  readonly facts: NodeFacts;
  readonly busy: boolean;
  readonly onExpand: (id: string) => void;
  readonly onPathEnd: (end: 'from' | 'to', id: string) => void;
}) {
  const { t } = useTranslation('network');
  if (selected === null || !graph.hasNode(selected)) {
    return (
      <Card withBorder padding="sm" component="section" aria-labelledby="network-selected-title">
        <Title order={3} size="h4" id="network-selected-title">
          {t('panel.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('panel.none')}
        </Text>
      </Card>
    );
  }
  const node = graph.getNodeAttributes(selected);
  const links: { key: string; edge: EdgeAttributes; other: string }[] = [];
  graph.forEachEdge(selected, (key, edge, source, target) => {
    links.push({ key, edge, other: source === selected ? target : source });
  });
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-labelledby="network-selected-title"
      data-testid="network-selected"
    >
      <Stack gap="xs">
        <Title order={3} size="h4" id="network-selected-title">
          {t('panel.title')}
        </Title>
        <Text fw={600}>
          <Caption caption={node.caption} />
        </Text>
        <Group gap={6}>
          <Badge variant="light">{t(`kinds.${node.kind}`, { defaultValue: node.kind })}</Badge>
          {node.protected ? <Badge color="blue">{t('markings.protected')}</Badge> : null}
          {facts.risk === undefined ? null : (
            <Badge color="red" variant="light">
              {t('panel.risk', { value: facts.risk.toFixed(2) })}
            </Badge>
          )}
          {facts.community === undefined ? null : (
            <Badge color="grape" variant="light">
              {t('panel.community', { number: facts.community + 1 })}
            </Badge>
          )}
          {facts.betweenness === undefined ? null : (
            <Badge color="teal" variant="light">
              {t('panel.betweenness', { value: facts.betweenness.toFixed(3) })}
            </Badge>
          )}
        </Group>
        <Provenance
          ownerOrganisation={node.ownerOrganisation}
          sector={node.sector === null ? undefined : t(`sectors.${node.sector}`, { defaultValue: node.sector })}
        />
        <Group gap="xs">
          <Button
            size="xs"
            loading={busy}
            onClick={() => {
              onExpand(selected);
            }}
          >
            {t('panel.expand')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              onPathEnd('from', selected);
            }}
          >
            {t('panel.pathFrom')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              onPathEnd('to', selected);
            }}
          >
            {t('panel.pathTo')}
          </Button>
        </Group>
        <Anchor component={Link} to={`/entities/${encodeURIComponent(selected)}`} size="sm">
          {t('panel.openEntity')}
        </Anchor>
        <Title order={4} size="h5">
          {t('panel.links', { count: links.length })}
        </Title>
        <List size="sm" spacing={6} listStyleType="none" ps={0}>
          {links.slice(0, LINKS_SHOWN).map((link) => (
            <LinkItem key={link.key} edge={link.edge} other={link.other} graph={graph} />
          ))}
        </List>
        {links.length > LINKS_SHOWN ? (
          <Text size="xs" c="dimmed">
            {t('panel.moreLinks', { count: links.length - LINKS_SHOWN })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
