/** The conversation with the reporter, oldest first, and a reply they read with their receipt code. */
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ComposeForm } from '../../components/compose-form.tsx';
import type { TipMessage } from './types.ts';

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
      <ComposeForm
        formLabel={t('conversation.reply')}
        label={t('conversation.reply')}
        description={t('conversation.replyHelp')}
        submit={t('conversation.send')}
        send={(body) =>
          api<{ sentBySms: boolean }>(`/reports/${encodeURIComponent(reportId)}/replies`, {
            method: 'POST',
            body: { body },
          })
        }
        done={(sent) => t(sent.sentBySms ? 'conversation.sentBySms' : 'conversation.sent')}
        onSent={onChange}
      />
    </Stack>
  );
}
