/**
 * Retention for the organisation's administrators: notices of records coming up for review
 * (acknowledged here), the records due or overdue (captions withheld above the reader's
 * clearance), and a decision to keep one until a new date, for a reason.
 */
import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Caption } from '../../components/markings.tsx';
import { Loading, useLoad } from '../../load.tsx';
import type { DueRecord, RetentionNotice } from './model.ts';
import { FormError, RowButton, Status, fieldErrors } from './parts.tsx';

function KeepRecord({
  record,
  onClose,
  onKept,
}: {
  readonly record: DueRecord;
  readonly onClose: () => void;
  readonly onKept: (until: string) => void;
}) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api(`/retention/${encodeURIComponent(record.id)}/keep`, { method: 'POST', body: { reason, until } });
      onKept(until);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('retention.keepTitle')}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Textarea
            label={t('retention.reason')}
            description={t('retention.reasonHelp')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
            }}
            error={fields['reason']}
          />
          <TextInput
            label={t('retention.until')}
            description={t('retention.untilHelp')}
            type="date"
            required
            value={until}
            onChange={(event) => {
              setUntil(event.currentTarget.value);
            }}
            error={fields['until']}
          />
          <FormError error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit">{t('retention.keep')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Notices({ onMessage }: { readonly onMessage: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const loaded = useLoad((signal) => api<{ notices: RetentionNotice[] }>('/retention/notices', { signal }), []);
  const acknowledge = async (notice: RetentionNotice) => {
    try {
      await api(`/retention/notices/${encodeURIComponent(notice.id)}/acknowledge`, { method: 'POST' });
      onMessage(t('retention.acknowledged', { month: notice.reviewMonth }));
      loaded.reload();
    } catch (error) {
      onMessage(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Loading loaded={loaded}>
      {({ notices }) =>
        notices.length === 0 ? (
          <Text size="sm">{t('retention.noNotices')}</Text>
        ) : (
          <Stack gap="xs">
            {notices.map((notice) => (
              <Group key={notice.id} gap="sm">
                <Text size="sm">
                  {t('retention.notice', {
                    count: notice.records,
                    month: notice.reviewMonth,
                    first: notice.firstReviewAt,
                  })}
                </Text>
                <Button size="xs" variant="light" onClick={() => void acknowledge(notice)}>
                  {t('retention.acknowledge')}
                </Button>
              </Group>
            ))}
          </Stack>
        )
      }
    </Loading>
  );
}

/** The retention tab. */
export function RetentionTab() {
  const { t } = useTranslation('admin');
  const [message, setMessage] = useState<string | null>(null);
  const [keeping, setKeeping] = useState<DueRecord | null>(null);
  const [after, setAfter] = useState<string | undefined>(undefined);
  const loaded = useLoad(
    (signal) =>
      api<{ records: DueRecord[]; reviewWindowEnd: string; next: string | null }>('/retention/due', {
        query: { limit: 50, after },
        signal,
      }),
    [after],
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('retention.intro')}
      </Text>
      <Status message={message} />
      <Title order={3} size="h4">
        {t('retention.notices')}
      </Title>
      <Notices onMessage={setMessage} />
      <Title order={3} size="h4">
        {t('retention.due')}
      </Title>
      <Loading loaded={loaded}>
        {({ records, reviewWindowEnd, next }) => (
          <Stack gap="xs">
            <Text size="sm">{t('retention.window', { date: reviewWindowEnd })}</Text>
            {records.length === 0 ? (
              <Text>{t('retention.noneDue')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('retention.record')}</Table.Th>
                      <Table.Th>{t('retention.type')}</Table.Th>
                      <Table.Th>{t('retention.reviewAt')}</Table.Th>
                      <Table.Th>{t('retention.status')}</Table.Th>
                      <Table.Th>{t('actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {records.map((record) => (
                      <Table.Tr key={record.id}>
                        <Table.Td>
                          <Caption caption={record.caption} />
                        </Table.Td>
                        <Table.Td>{record.type}</Table.Td>
                        <Table.Td>{record.reviewAt}</Table.Td>
                        <Table.Td>
                          <Badge variant="dot" color={record.status === 'overdue' ? 'red' : 'orange'}>
                            {t(`retention.statuses.${record.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <RowButton
                            label={t('retention.keep')}
                            subject={record.caption ?? record.id}
                            onClick={() => {
                              setKeeping(record);
                            }}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Group gap="xs">
              {after === undefined ? null : (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setAfter(undefined);
                  }}
                >
                  {t('retention.first')}
                </Button>
              )}
              {next === null ? null : (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setAfter(next);
                  }}
                >
                  {t('retention.more')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Loading>
      {keeping === null ? null : (
        <KeepRecord
          record={keeping}
          onClose={() => {
            setKeeping(null);
          }}
          onKept={(until) => {
            setKeeping(null);
            setMessage(t('retention.kept', { date: until }));
            loaded.reload();
          }}
        />
      )}
    </Stack>
  );
}
