/**
 * "Alert me when anything links to this": the organisation's subscription to a notice, started or
 * ended here; the alerts arrive in the organisation's inbox.
 */
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import type { Subscription } from './notice-model.ts';

export function NoticeSubscription({ record }: { readonly record: string }) {
  const { t, i18n } = useTranslation('notices');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useLoad((signal) => api<{ subscriptions: Subscription[] }>('/subscriptions', { signal }), [record]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      setMessage(done);
      loaded.reload();
    } catch (error) {
      setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Title order={3}>{t('subscription.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('subscription.help')}
      </Text>
      <Loading loaded={loaded}>
        {({ subscriptions }) => {
          const mine = subscriptions.find((subscription) => subscription.record === record);
          return mine === undefined ? (
            <Group>
              <Button
                variant="light"
                loading={busy}
                onClick={() =>
                  void act(() => api('/subscriptions', { method: 'POST', body: { record } }), t('subscription.started'))
                }
              >
                {t('subscription.subscribe')}
              </Button>
            </Group>
          ) : (
            <Group>
              <Text size="sm" data-testid="subscribed">
                {t('subscription.subscribed', { date: date.format(new Date(mine.createdAt)) })}
              </Text>
              <Button
                variant="default"
                size="xs"
                loading={busy}
                onClick={() =>
                  void act(
                    () => api(`/subscriptions/${encodeURIComponent(mine.id)}`, { method: 'DELETE' }),
                    t('subscription.ended'),
                  )
                }
              >
                {t('subscription.unsubscribe')}
              </Button>
            </Group>
          );
        }}
      </Loading>
      <Text size="sm" role="status" aria-live="polite">
        {message}
      </Text>
    </Stack>
  );
}
