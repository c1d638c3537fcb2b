/**
 * One tip: what the reporter wrote, why it has its priority, a near-duplicate's original, what was
 * found in the text, the records resolution links it to, the photos, the conversation with the
 * reporter, and its triage and routing.
 */
import { Anchor, Badge, Blockquote, Group, Image, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api.ts';
import { Caption } from '../../components/markings.tsx';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useTitle } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { Conversation } from './tip-conversation.tsx';
import { ExtractedEntities } from './tip-extracted.tsx';
import { Triage } from './tip-triage.tsx';
import { priorityColour, type ReportDetail } from './types.ts';

function Linked({ linked }: { readonly linked: ReportDetail['linked'] }) {
  const { t } = useTranslation('tips');
  if (linked.length === 0) return <Text c="dimmed">{t('detail.noLinks')}</Text>;
  return (
    <List spacing={4}>
      {linked.map((record) => (
        <List.Item key={record.recordId} data-testid="linked-record">
          <Link to={`/entities/${encodeURIComponent(record.recordId)}`}>
            <Caption caption={record.label} />
          </Link>{' '}
          <Text span size="xs" c="dimmed">
            ({record.type}, {t('detail.via', { reason: record.via })})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function Photos({ reportId, files }: { readonly reportId: string; readonly files: ReportDetail['files'] }) {
  const { t } = useTranslation('tips');
  const { purpose } = useSession();
  if (files.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3}>{t('detail.photos')}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {files.map((file, index) => (
          <Stack key={file.id} gap={4}>
            <Image
              radius="sm"
              // An <img> sends no header: the purpose goes in the query, as the API allows.
              src={withQuery(`/api/v1/reports/${encodeURIComponent(reportId)}/files/${encodeURIComponent(file.id)}`, {
                purpose: purpose ?? undefined,
              })}
              alt={t('detail.photo', { number: index + 1 })}
            />
            {file.removed.length === 0 ? null : (
              <Text size="xs" c="dimmed">
                {t('detail.removed', { what: file.removed.join(', ') })}
              </Text>
            )}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function TipBody({ detail, reload }: { readonly detail: ReportDetail; readonly reload: () => void }) {
  const { t, i18n } = useTranslation('tips');
  const { report } = detail;
  const received = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(report.receivedAt),
  );
  const heading = t('detail.heading', { date: received });
  useTitle(heading);
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2}>{heading}</Title>
        <Group gap="xs">
          <Badge color={priorityColour(report.priority)}>
            {t(`priorities.${report.priority}`, { defaultValue: report.priority })}
          </Badge>
          <Badge variant="light" data-testid="tip-state">
            {t(`states.${report.state}`)}
          </Badge>
          <Text size="sm">{t(`channels.${report.channel}`, { defaultValue: report.channel })}</Text>
          <Text size="sm">
            · {t('detail.language')}: {report.language}
          </Text>
        </Group>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>{t('detail.text')}</Title>
        {detail.text === null ? (
          <Text c="dimmed">{t('detail.noText')}</Text>
        ) : (
          <Blockquote
            p="sm"
            dir="auto"
            lang={report.language}
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="tip-text"
          >
            {detail.text}
          </Blockquote>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3}>{t('detail.reasons')}</Title>
        {/* The reasons are the server's, in English: an analyst can check each against the text. */}
        <List spacing={2} lang="en">
          {report.priorityReasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        {report.duplicateOf === null ? null : (
          <Text size="sm">
            {t('detail.duplicateOf')}:{' '}
            <Anchor component={Link} to={`/tips/${encodeURIComponent(report.duplicateOf)}`}>
              {t('detail.openDuplicate')}
            </Anchor>
          </Text>
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={3}>{t('detail.extracted')}</Title>
            <ExtractedEntities extracted={report.extracted} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={3}>{t('detail.linked')}</Title>
            <Linked linked={detail.linked} />
          </Stack>
        </Paper>
      </SimpleGrid>
      <Photos reportId={report.id} files={detail.files} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Conversation reportId={report.id} messages={detail.messages} onChange={reload} />
        </Paper>
        <Paper withBorder p="md">
          <Triage detail={detail} onChange={reload} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

export function TipDetail({ id }: { readonly id: string }) {
  const { t } = useTranslation('tips');
  const loaded = useLoad((signal) => api<ReportDetail>(`/reports/${encodeURIComponent(id)}`, { signal }), [id]);
  return (
    <Stack>
      <Anchor component={Link} to="/tips" size="sm">
        {t('detail.back')}
      </Anchor>
      <Loading loaded={loaded}>{(detail) => <TipBody detail={detail} reload={loaded.reload} />}</Loading>
    </Stack>
  );
}
