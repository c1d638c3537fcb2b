/**
 * The organisation's message threads, latest first, with how many messages each has and how many
 * the organisation has not read; a thread opens in place, a case's links to the case.
 */
import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link } from '../../router.tsx';
import { MessageThread } from './thread.tsx';
import type { ThreadSummary } from './types.ts';

function About({ thread }: { readonly thread: ThreadSummary }) {
  const { t } = useTranslation('cases');
  if (thread.about.kind === 'case') {
    return (
      <Link to={`/cases/${encodeURIComponent(thread.about.id)}`}>
        {t('messages.aboutCase')} {thread.about.id.slice(0, 8)}
      </Link>
    );
  }
  return (
    <Text size="sm">
      {t('messages.aboutAlert')} {thread.about.id.slice(0, 8)}
    </Text>
  );
}

export function Messages() {
  const { t, i18n } = useTranslation('cases');
  const [open, setOpen] = useState<string | null>(null);
  const loaded = useLoad((signal) => api<{ threads: ThreadSummary[] }>('/messages/threads', { signal }), []);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack>
      <Text c="dimmed">{t('messages.intro')}</Text>
      <Loading loaded={loaded}>
        {({ threads }) =>
          threads.length === 0 ? (
            <Text>{t('messages.none')}</Text>
          ) : (
            <Stack>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('messages.about')}</Table.Th>
                    <Table.Th>{t('messages.count')}</Table.Th>
                    <Table.Th>{t('messages.unread')}</Table.Th>
                    <Table.Th>{t('messages.last')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('messages.open')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {threads.map((thread) => (
                    <Table.Tr key={thread.id} data-testid="thread-row">
                      <Table.Td>
                        <About thread={thread} />
                      </Table.Td>
                      <Table.Td>{thread.messages}</Table.Td>
                      <Table.Td>
                        <Badge color={thread.unread > 0 ? 'red.9' : 'gray.7'}>{thread.unread}</Badge>
                      </Table.Td>
                      <Table.Td>
                        {thread.lastMessageAt === null ? '' : date.format(new Date(thread.lastMessageAt))}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          aria-expanded={open === thread.id}
                          onClick={() => {
                            setOpen(open === thread.id ? null : thread.id);
                          }}
                        >
                          {open === thread.id ? t('messages.close') : t('messages.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {open === null ? null : (
                <MessageThread
                  key={open}
                  about={threads.find((thread) => thread.id === open)?.about ?? { kind: 'case', id: '' }}
                  threadId={open}
                  onChange={loaded.reload}
                />
              )}
            </Stack>
          )
        }
      </Loading>
    </Stack>
  );
}
