/** The conversation with the reporter, oldest first, and a reply they read with their receipt code. */
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { TipMessage } from './types.ts';

function Reply({ reportId, onSent }: { readonly reportId: string; readonly onSent: () => void }) {
  const { t } = useTranslation('tips');
  const [body, setBody] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('conversation.reply')}
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          () =>
            api<{ sentBySms: boolean }>(`/reports/${encodeURIComponent(reportId)}/replies`, {
              method: 'POST',
              body: { body },
            }),
          (sent) => t(sent.sentBySms ? 'conversation.sentBySms' : 'conversation.sent'),
        ).then((sent) => {
          if (!sent) return;
          setBody('');
          onSent();
        });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('conversation.reply')}
          description={t('conversation.replyHelp')}
          required
          autosize
          minRows={2}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy} disabled={body.trim() === ''}>
            {t('conversation.send')}
          </Button>
          <OutcomeLine outcome={outcome} />
        </Group>
      </Stack>
    </form>
  );
}

export function Conversation({
  reportId,
  messages,
  onChange,
}: {
  readonly reportId: string;
  readonly messages: readonly TipMessage[];
  readonly onChange: () => void;
}) {
  const { t, i18n } = useTranslation('tips');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack gap="sm">
      <Title order={3}>{t('conversation.title')}</Title>
      {messages.length === 0 ? <Text c="dimmed">{t('conversation.none')}</Text> : null}
      {messages.map((message) => (
        <Paper
          key={message.id}
          withBorder
          p="xs"
          bg={message.author === 'reporter' ? undefined : 'gray.0'}
          data-testid="tip-message"
        >
          <Text size="xs" c="dimmed">
            {t(`conversation.${message.author}`)} · {date.format(new Date(message.createdAt))}
          </Text>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {message.body}
          </Text>
        </Paper>
      ))}
      <Reply reportId={reportId} onSent={onChange} />
    </Stack>
  );
}
