/** The cases the organisation owns or that are shared with it, newest change first, and opening a new one. */
import { Badge, Button, Collapse, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import { CreateCase } from './case-create.tsx';
import { TlpBadge } from '../../components/markings.tsx';
import { textOf, type CaseRecord, type Standing } from './types.ts';

/** Who may open a case: the roles that alter their organisation's records. */
const OPENERS = ['admin', 'analyst', 'reporter'];

function CaseRows({ cases }: { readonly cases: readonly { case: CaseRecord; standing: Standing }[] }) {
  const { t, i18n } = useTranslation('cases');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('columns.title')}</Table.Th>
          <Table.Th>{t('columns.reference')}</Table.Th>
          <Table.Th>{t('columns.status')}</Table.Th>
          <Table.Th>{t('columns.standing')}</Table.Th>
          <Table.Th>{t('columns.updated')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cases.map(({ case: record, standing }) => {
          const status = textOf(record.properties['status']);
          return (
            <Table.Tr key={record.id} data-testid="case-row">
              <Table.Td>
                <Link to={`/cases/${encodeURIComponent(record.id)}`}>
                  {textOf(record.properties['title']) || t('untitled')}
                </Link>{' '}
                <TlpBadge tlp={record.envelope.tlp} />
              </Table.Td>
              <Table.Td>{textOf(record.properties['reference'])}</Table.Td>
              <Table.Td>{status === '' ? '' : t(`status.${status}`, { defaultValue: status })}</Table.Td>
              <Table.Td>
                <Badge
                  variant={standing === 'owner' ? 'light' : 'outline'}
                  color={standing === 'owner' ? undefined : 'gray.8'}
                >
                  {t(`standing.${standing}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{date.format(new Date(record.updatedAt))}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function CaseList() {
  const { t } = useTranslation('cases');
  const me = useMe();
  const [creating, { toggle }] = useDisclosure(false);
  const loaded = useLoad(
    (signal) => api<{ cases: { case: CaseRecord; standing: Standing }[] }>('/cases', { query: { limit: 200 }, signal }),
    [],
  );
  return (
    <Stack>
      {me.roles.some((role) => OPENERS.includes(role)) ? (
        <Stack gap="xs">
          <Button w="fit-content" variant={creating ? 'default' : 'filled'} onClick={toggle} aria-expanded={creating}>
            {t('create.show')}
          </Button>
          <Collapse expanded={creating}>
            <Paper withBorder p="md">
              <Title order={3} mb="sm">
                {t('create.title')}
              </Title>
              {creating ? <CreateCase /> : null}
            </Paper>
          </Collapse>
        </Stack>
      ) : null}
      <Loading loaded={loaded}>
        {({ cases }) => (cases.length === 0 ? <Text>{t('none')}</Text> : <CaseRows cases={cases} />)}
      </Loading>
    </Stack>
  );
}
