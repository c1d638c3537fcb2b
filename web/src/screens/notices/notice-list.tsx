/**
 * The organisation's notices, newest first, filtered by status (a reviewer's queue is "in review")
 * and by type; each opens to its detail. Drafting a new one is offered to those who may write.
 */
import { Box, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link, navigate, useLocation, useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import {
  mayAuthorNotices,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  type NoticeRecord,
  type NoticeStatus,
} from './notice-model.ts';
import { NoticeTitle, StatusBadge, TlpLabel } from './notice-parts.tsx';

interface Listed {
  readonly notice: NoticeRecord;
  readonly status: NoticeStatus;
}

/** The most notices the API lists at once; the type filter applies to these. */
const LIMIT = 500;

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

/** The list's filters live in the address, so a reviewer's queue can be shared as a link. */
function useFilters() {
  const { query } = useLocation();
  const status = pick(NOTICE_STATUSES, query.get('status'));
  const type = pick(NOTICE_TYPES, query.get('type'));
  const set = (next: { status?: string | undefined; type?: string | undefined }) => {
    const params = new URLSearchParams();
    const nextStatus = 'status' in next ? next.status : status;
    const nextType = 'type' in next ? next.type : type;
    if (nextStatus !== undefined) params.set('status', nextStatus);
    if (nextType !== undefined) params.set('type', nextType);
    const search = params.toString();
    navigate(search === '' ? '/notices' : `/notices?${search}`, { replace: true });
  };
  return { status, type, set };
}

export function NoticeList() {
  const { t, i18n } = useTranslation('notices');
  useTitle(t('title'));
  const me = useMe();
  const { status, type, set } = useFilters();
  const loaded = useLoad(
    (signal) => api<{ notices: Listed[] }>('/notices', { query: { status, limit: LIMIT }, signal }),
    [status],
  );
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const mayWrite = mayAuthorNotices(me);

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Stack gap={4}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        {mayWrite ? (
          <Button component={Link} to="/notices/new">
            {t('newNotice')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed" maw={360}>
            {t('noWrite')}
          </Text>
        )}
      </Group>
      <Group align="end" role="group" aria-label={t('filters')}>
        <Select
          label={t('status')}
          w={200}
          data={[
            { value: '', label: t('all') },
            ...NOTICE_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) })),
          ]}
          value={status ?? ''}
          allowDeselect={false}
          onChange={(value) => {
            set({ status: value === null || value === '' ? undefined : value });
          }}
        />
        <Select
          label={t('type')}
          w={240}
          data={[
            { value: '', label: t('all') },
            ...NOTICE_TYPES.map((value) => ({ value, label: t(`types.${value}`) })),
          ]}
          value={type ?? ''}
          allowDeselect={false}
          onChange={(value) => {
            set({ type: value === null || value === '' ? undefined : value });
          }}
        />
        {me.roles.includes('reviewer') ? (
          <Button
            variant={status === 'in_review' ? 'filled' : 'light'}
            onClick={() => {
              set({ status: 'in_review' });
            }}
          >
            {t('reviewQueue')}
          </Button>
        ) : null}
      </Group>
      <Loading loaded={loaded}>
        {({ notices }) => {
          const shown = notices.filter((each) => type === undefined || each.notice.properties['noticeType'] === type);
          if (shown.length === 0) return <Text>{t('none')}</Text>;
          return (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" role="status">
                {t('count', { count: shown.length })}
              </Text>
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover>
                  <Table.Caption>{t('listCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('columns.title')}</Table.Th>
                      <Table.Th>{t('columns.type')}</Table.Th>
                      <Table.Th>{t('columns.reference')}</Table.Th>
                      <Table.Th>{t('columns.status')}</Table.Th>
                      <Table.Th>{t('columns.marking')}</Table.Th>
                      <Table.Th>{t('columns.updated')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map(({ notice, status: noticeStatus }) => {
                      const noticeType = notice.properties['noticeType'];
                      const reference = notice.properties['reference'];
                      return (
                        <Table.Tr key={notice.id} data-testid="notice-row" data-status={noticeStatus}>
                          <Table.Td>
                            <Link to={`/notices/${encodeURIComponent(notice.id)}`}>
                              <NoticeTitle notice={notice} />
                            </Link>
                          </Table.Td>
                          <Table.Td>
                            {typeof noticeType === 'string'
                              ? t(`types.${noticeType}`, { defaultValue: noticeType })
                              : null}
                          </Table.Td>
                          <Table.Td>{typeof reference === 'string' ? reference : null}</Table.Td>
                          <Table.Td>
                            <Box miw="max-content">
                              <StatusBadge status={noticeStatus} />
                            </Box>
                          </Table.Td>
                          <Table.Td>
                            <Box miw="max-content">
                              <TlpLabel tlp={notice.envelope.tlp} />
                            </Box>
                          </Table.Td>
                          <Table.Td>{date.format(new Date(notice.updatedAt))}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          );
        }}
      </Loading>
    </Stack>
  );
}
