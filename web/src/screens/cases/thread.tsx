/**
 * A message thread between organisations (a case's or an alert's): its messages oldest first, the
 * count of those the reader's organisation has not read, marking them read, and writing a new one.
 * A case without a thread gets one with its first message.
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { ComposeForm } from '../../components/compose-form.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { Message, Thread } from './types.ts';

interface Posted {
  readonly thread: Thread;
  readonly message: Message;
}

function MessageList({ messages }: { readonly messages: readonly Message[] }) {
  const { t, i18n } = useTranslation('cases');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (messages.length === 0) return <Text c="dimmed">{t('thread.none')}</Text>;
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      {messages.map((message) => (
        <Paper key={message.id} component="li" withBorder p="xs" data-testid="message">
          <Text size="xs" c="dimmed">
            {t('thread.from', {
              who: message.author,
              organisation: message.organisationId,
              date: date.format(new Date(message.createdAt)),
            })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {message.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** A new message on the thread. */
function Compose({
  send,
  onSent,
}: {
  readonly send: (body: string) => Promise<unknown>;
  readonly onSent?: () => void;
}) {
  const { t } = useTranslation('cases');
  return (
    <ComposeForm
      label={t('thread.body')}
      submit={t('thread.send')}
      send={send}
      done={t('thread.sent')}
      onSent={onSent}
    />
  );
}

function Unread({ thread, onRead }: { readonly thread: Thread; readonly onRead: () => void }) {
  const { t } = useTranslation('cases');
  const { outcome, busy, run } = useOutcome();
  return (
    <Group gap="xs">
      <Badge color={thread.unread > 0 ? 'red.9' : 'gray.7'} data-testid="unread">
        {t('thread.unread', { count: thread.unread })}
      </Badge>
      {thread.unread > 0 ? (
        <Button
          size="xs"
          variant="light"
          loading={busy}
          onClick={() => {
            void run(
              () => api(`/messages/threads/${encodeURIComponent(thread.id)}/read`, { method: 'POST', body: {} }),
              t('thread.markedRead'),
            ).then(onRead);
          }}
        >
          {t('thread.markRead')}
        </Button>
      ) : null}
      <OutcomeLine outcome={outcome} />
    </Group>
  );
}

/** A thread by id, with its unread count and the compose box. */
function ExistingThread({ id, onChange }: { readonly id: string; readonly onChange?: () => void }) {
  const { t } = useTranslation('cases');
  const loaded = useLoad(
    (signal) => api<{ thread: Thread; messages: Message[] }>(`/messages/threads/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const changed = () => {
    loaded.reload();
    onChange?.();
  };
  return (
    <Loading loaded={loaded}>
      {({ thread, messages }) => (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm">
              {t('thread.parties')}: {thread.parties.join(', ')}
            </Text>
            <Unread thread={thread} onRead={changed} />
          </Group>
          <MessageList messages={messages} />
          <Compose
            send={(body) =>
              api<Posted>(`/messages/threads/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { body } })
            }
            onSent={changed}
          />
        </Stack>
      )}
    </Loading>
  );
}

/** The thread on a case or an alert: the existing one, or the first message opens it. */
export function MessageThread({
  about,
  threadId,
  heading = true,
  onChange,
}: {
  readonly about: { readonly kind: 'case' | 'alert'; readonly id: string };
  readonly threadId: string | null;
  readonly heading?: boolean;
  readonly onChange?: () => void;
}) {
  const { t } = useTranslation('cases');
  const [opened, setOpened] = useState<string | null>(threadId);
  const id = threadId ?? opened;
  return (
    <Stack gap="sm" data-testid="thread">
      {heading ? <Title order={3}>{t('thread.title')}</Title> : null}
      {id === null ? (
        <>
          <Text c="dimmed">{t('thread.none')}</Text>
          <Compose
            send={async (body) => {
              const posted = await api<Posted>('/messages', { method: 'POST', body: { about, body } });
              setOpened(posted.thread.id);
            }}
            onSent={onChange}
          />
        </>
      ) : (
        <ExistingThread id={id} {...(onChange === undefined ? {} : { onChange })} />
      )}
    </Stack>
  );
}
