/**
 * The shortest path between two chosen records: the ends (chosen from the selected record), how
 * far to look, and the path found, step by step with each link's reason; the graph highlights it.
 */
import { Alert, Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api.ts';
import { Caption } from '../../components/markings.tsx';
import type { NetworkNode, PathAnswer } from './network-api.ts';

export interface PathEnds {
  readonly from: string | null;
  readonly to: string | null;
}

function End({
  id,
  nodeOf,
  unset,
}: {
  readonly id: string | null;
  readonly nodeOf: (id: string) => NetworkNode | undefined;
  readonly unset: string;
}) {
  if (id === null) {
    return (
      <Text span size="sm" c="dimmed">
        {unset}
      </Text>
    );
  }
  return (
    <Text span size="sm" fw={600}>
      <Caption caption={nodeOf(id)?.caption ?? null} />
    </Text>
  );
}

export function PathPanel({
  ends,
  nodeOf,
  maxHops,
  onMaxHops,
  answer,
  busy,
  error,
  onFind,
  onClear,
}: {
  readonly ends: PathEnds;
  /** What is known of the records (from the graph), to name the path's steps. */
  readonly nodeOf: (id: string) => NetworkNode | undefined;
  readonly maxHops: number;
  readonly onMaxHops: (hops: number) => void;
  readonly answer: PathAnswer | null;
  readonly busy: boolean;
  readonly error: unknown;
  readonly onFind: () => void;
  readonly onClear: () => void;
}) {
  const { t } = useTranslation('network');
  const path = answer?.paths[0];
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="network-path-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="network-path-title">
          {t('path.title')}
        </Title>
        <Text size="sm">
          {t('path.from')}: <End id={ends.from} nodeOf={nodeOf} unset={t('path.unset')} />
        </Text>
        <Text size="sm">
          {t('path.to')}: <End id={ends.to} nodeOf={nodeOf} unset={t('path.unsetTo')} />
        </Text>
        <NumberInput
          label={t('path.maxHops')}
          size="xs"
          min={1}
          max={6}
          value={maxHops}
          onChange={(next) => {
            onMaxHops(typeof next === 'number' ? next : 4);
          }}
        />
        <Group gap="xs">
          <Button size="xs" disabled={ends.from === null || ends.to === null} loading={busy} onClick={onFind}>
            {t('path.find')}
          </Button>
          <Button size="xs" variant="default" onClick={onClear}>
            {t('path.clear')}
          </Button>
        </Group>
        {error === undefined ? null : (
          <Alert color="red" role="alert" p="xs">
            {describeError(error)}
          </Alert>
        )}
        <div role="status" aria-live="polite">
          {answer === null ? null : path === undefined ? (
            <Text size="sm" data-testid="path-none">
              {t('path.none', { count: maxHops })}
            </Text>
          ) : (
            <Stack gap={4} data-testid="path-result" data-hops={path.hops}>
              <Text size="sm" fw={600}>
                {t('path.found', { count: path.hops })}
              </Text>
              {answer.paths.length > 1 ? (
                <Text size="xs" c="dimmed">
                  {t('path.others', { count: answer.paths.length })}
                </Text>
              ) : null}
              <List type="ordered" size="sm" spacing={4}>
                {path.nodes.map((id, index) => {
                  const node = nodeOf(id);
                  const edge = path.edges[index];
                  return (
                    <List.Item key={id} data-testid="path-step">
                      <Caption caption={node?.caption ?? null} />{' '}
                      <Text span size="xs" c="dimmed">
                        ({t(`kinds.${node?.kind ?? ''}`, { defaultValue: node?.kind ?? '' })})
                      </Text>
                      {edge === undefined || index === path.nodes.length - 1 ? null : (
                        <Text size="xs" c="dimmed">
                          ↓ {t(`edgeKinds.${edge.kind}`, { defaultValue: edge.kind })}
                          {edge.reason === undefined ? '' : `: ${edge.reason}`}
                        </Text>
                      )}
                    </List.Item>
                  );
                })}
              </List>
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
