/**
 * The alerts the reader's organisation holds about the entity's records (GET /alerts, matched on
 * their record), with the notice each hit, and the entity's own notice records. The API has no
 * query of alerts by record, so the organisation's latest alerts are read and matched here.
 */
import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption } from '../../components/markings.tsx';
import { Link } from '../../router.tsx';
import type { AlertSummary, Entity } from './entity-data.ts';

const noticeOf = (alert: AlertSummary): { id: string; type: string | undefined } | undefined => {
  const { notice, noticeType } = alert.details;
  if (typeof notice !== 'string') return undefined;
  return { id: notice, type: typeof noticeType === 'string' ? noticeType : undefined };
};

export function EntityAlerts({
  entity,
  alerts,
}: {
  readonly entity: Entity;
  readonly alerts: readonly AlertSummary[];
}) {
  const { t, i18n } = useTranslation('entity');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const notices = entity.records.filter((record) => record.kind === 'Notice');
  if (alerts.length === 0 && notices.length === 0) return <Text c="dimmed">{t('noAlerts')}</Text>;
  return (
    <List spacing="xs" data-testid="entity-alerts">
      {notices.map((notice) => (
        <List.Item key={notice.id}>
          <Group gap="xs" wrap="wrap">
            <Badge variant="light">{t('notice')}</Badge>
            <Anchor component={Link} to={`/notices/${encodeURIComponent(notice.id)}`}>
              <Caption caption={notice.caption} />
            </Anchor>
            <Text size="xs" c="dimmed">
              {notice.ownerOrganisation}
            </Text>
          </Group>
        </List.Item>
      ))}
      {alerts.map((alert) => {
        const notice = noticeOf(alert);
        return (
          <List.Item key={alert.id} data-testid="entity-alert">
            <Group gap="xs" wrap="wrap">
              {alert.urgency === 'urgent' ? (
                <Badge color="red.9">{t('urgency.urgent', { ns: 'alerts', defaultValue: 'Urgent' })}</Badge>
              ) : null}
              <Text fw={600} size="sm">
                {t(`kinds.${alert.kind}`, { ns: 'alerts', defaultValue: alert.kind })}
              </Text>
              <Text size="sm" c="dimmed">
                {alert.reference}
              </Text>
              <Badge variant="outline">{t(`states.${alert.state}`, { ns: 'alerts', defaultValue: alert.state })}</Badge>
              <Text size="xs" c="dimmed">
                {date.format(new Date(alert.createdAt))}
              </Text>
              {notice === undefined ? null : (
                <Anchor component={Link} to={`/notices/${encodeURIComponent(notice.id)}`} size="sm">
                  {t('notice')}
                  {notice.type === undefined
                    ? ''
                    : `: ${t(`noticeTypes.${notice.type}`, { defaultValue: notice.type })}`}
                </Anchor>
              )}
            </Group>
          </List.Item>
        );
      })}
      {alerts.length === 0 ? null : (
        <List.Item>
          <Anchor component={Link} to="/alerts" size="sm">
            {t('openAlerts')}
          </Anchor>
        </List.Item>
      )}
    </List>
  );
}
