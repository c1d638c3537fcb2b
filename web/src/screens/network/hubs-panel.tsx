/**
 * Identifiers shared too widely to follow (a front desk's phone, a call centre's): listed apart,
 * never drawn as links, since they would join people who have nothing to do with each other.
 */
import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Hub } from './network-api.ts';

export function HubsPanel({
  hubs,
  inGraph,
}: {
  readonly hubs: readonly Hub[];
  readonly inGraph: (id: string) => boolean;
}) {
  const { t } = useTranslation('network');
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="network-hubs-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="network-hubs-title">
          {t('hubs.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('hubs.help')}
        </Text>
        {hubs.length === 0 ? (
          <Text size="sm">{t('hubs.none')}</Text>
        ) : (
          <List size="sm" spacing={4} data-testid="network-hubs">
            {hubs.map((hub) => (
              <List.Item key={`${hub.kind}-${hub.carriers}-${hub.records.join(',')}`}>
                {t('hubs.item', {
                  kind: t(`identifierKinds.${hub.kind}`, { defaultValue: hub.kind }),
                  carriers: hub.carriers,
                })}
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {t('hubs.here', { count: hub.records.filter(inGraph).length })}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
