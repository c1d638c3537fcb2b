/**
 * The alerts inbox: the organisation's alerts newest first, filtered by state and by who works on
 * them; each opens to its evidence and explanation, links to the entity of its record, is assigned
 * (to oneself) or unassigned, and moves between triage states.
 */
import { Accordion, Badge, Button, Code, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';

const STATES = ['new', 'acknowledged', 'in_progress', 'closed'] as const;
type State = (typeof STATES)[number];

interface Alert {
  readonly id: string;
  readonly kind: string;
  readonly urgency: 'routine' | 'urgent';
  readonly reference: string;
  readonly record: string | null;
  readonly raisedBy: string;
  readonly details: Record<string, unknown>;
  readonly state: State;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly assignee: { readonly id: string; readonly displayName: string } | null;
}

type Whose = 'all' | 'me' | 'nobody';

function Details({ details }: { readonly details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm">
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w="30%" scope="row">
              {name}
            </Table.Th>
            <Table.Td>
              {typeof value === 'object' && value !== null ? (
                <Code block>{JSON.stringify(value, null, 2)}</Code>
              ) : (
                String(value)
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function AlertsScreen() {
  const { t, i18n } = useTranslation('alerts');
  useTitle(t('title'));
  const me = useMe();
  const [state, setState] = useState<State | 'all'>('new');
  const [whose, setWhose] = useState<Whose>('all');
  const { outcome, run } = useOutcome();
  const loaded = useLoad(
    (signal) =>
      api<{ alerts: Alert[] }>('/alerts', {
        query: { state: state === 'all' ? undefined : state, limit: 200 },
        signal,
      }),
    [state],
  );
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const move = async (alert: Alert, next: State) => {
    const moved = await run(
      () => api(`/alerts/${encodeURIComponent(alert.id)}/state`, { method: 'POST', body: { state: next } }),
      t('moved', { state: t(`states.${next}`) }),
    );
    if (moved) loaded.reload();
  };

  const assign = async (alert: Alert, assignee: 'me' | null) => {
    const assigned = await run(
      () => api<Alert>(`/alerts/${encodeURIComponent(alert.id)}/assignment`, { method: 'POST', body: { assignee } }),
      (changed) =>
        changed.assignee === null ? t('unassigned') : t('assigned', { name: changed.assignee.displayName }),
    );
    if (assigned) loaded.reload();
  };

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <SegmentedControl
        aria-label={t('state')}
        w="fit-content"
        value={state}
        onChange={(value) => {
          setState(value);
        }}
        data={[...STATES.map((value) => ({ value, label: t(`states.${value}`) })), { value: 'all', label: t('all') }]}
      />
      <SegmentedControl
        aria-label={t('whose')}
        w="fit-content"
        value={whose}
        onChange={setWhose}
        data={[
          { value: 'all', label: t('whoseAll') },
          { value: 'me', label: t('whoseMine') },
          { value: 'nobody', label: t('whoseNobody') },
        ]}
      />
      <OutcomeLine outcome={outcome} />
      <Loading loaded={loaded}>
        {({ alerts }) =>
          alerts.length === 0 ? (
            <Text>{t('none')}</Text>
          ) : (
            <Accordion variant="separated" chevronPosition="left">
              {alerts.map((alert) => (
                <Accordion.Item key={alert.id} value={alert.id} data-testid="alert">
                  <Accordion.Control>
                    <Group justify="space-between" wrap="nowrap">
                      <Group gap="xs">
                        {alert.urgency === 'urgent' ? <Badge color="red">{t('urgency.urgent')}</Badge> : null}
                        <Text fw={600}>{t(`kinds.${alert.kind}`, { defaultValue: alert.kind })}</Text>
                        <Text size="sm" c="dimmed">
                          {alert.reference}
                        </Text>
                      </Group>
                      <Group gap="xs" wrap="nowrap">
                        <Badge variant="light">{t(`states.${alert.state}`)}</Badge>
                        <Text size="xs" c="dimmed">
                          {date.format(new Date(alert.createdAt))}
                        </Text>
                      </Group>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="sm">
                      <Text size="sm">
                        {t('raisedBy')}: {alert.raisedBy}
                      </Text>
                      <Group gap="xs">
                        <Text size="sm" data-testid="assignee">
                          {t('assignee')}: {alert.assignee?.displayName ?? t('nobody')}
                        </Text>
                        {alert.assignee?.id === me.user?.id ? null : (
                          <Button size="xs" variant="default" onClick={() => void assign(alert, 'me')}>
                            {t('assignToMe')}
                          </Button>
                        )}
                        {alert.assignee === null ? null : (
                          <Button size="xs" variant="subtle" onClick={() => void assign(alert, null)}>
                            {t('unassign')}
                          </Button>
                        )}
                      </Group>
                      {alert.record === null ? null : (
                        <Text size="sm">
                          {t('record')}:{' '}
                          <Link to={`/entities/${encodeURIComponent(alert.record)}`}>{t('openEntity')}</Link>
                        </Text>
                      )}
                      <Text size="sm" fw={600}>
                        {t('evidence')}
                      </Text>
                      <Details details={alert.details} />
                      <Group gap="xs">
                        <Text size="sm">{t('moveTo')}:</Text>
                        {STATES.filter((next) => next !== alert.state).map((next) => (
                          <Button key={next} size="xs" variant="light" onClick={() => void move(alert, next)}>
                            {t(`states.${next}`)}
                          </Button>
                        ))}
                      </Group>
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )
        }
      </Loading>
    </Stack>
  );
}
