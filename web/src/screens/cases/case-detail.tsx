/**
 * One case as the reader may see it: its title, reference, status, markings and HTCDS categories;
 * its items, notes, files, the organisations it is shared with, and its message thread. Only the
 * owner's analysts, reporters and administrators see the forms that change it.
 */
import { Anchor, Badge, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Provenance } from '../../components/markings.tsx';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import { CaseFiles } from './case-files.tsx';
import { CaseItems } from './case-items.tsx';
import { CaseNotes } from './case-notes.tsx';
import { CaseShares } from './case-shares.tsx';
import { MessageThread } from './thread.tsx';
import { TlpBadge } from '../../components/markings.tsx';
import { listOf, textOf, type CaseView } from './types.ts';

const EDITORS = ['admin', 'analyst', 'reporter'];

const CATEGORIES = [
  { property: 'exploitationType', label: 'create.exploitation', values: 'exploitation' },
  { property: 'recruitmentMethod', label: 'create.recruitment', values: 'recruitment' },
  { property: 'controlMethod', label: 'create.control', values: 'control' },
  { property: 'transportMethod', label: 'create.transport', values: 'transport' },
] as const;

function Categories({ properties }: { readonly properties: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation('cases');
  const rows = [
    ...CATEGORIES.map((category) => ({
      label: t(category.label),
      values: listOf(properties[category.property]).map((value) =>
        t(`${category.values}.${value}`, { defaultValue: value }),
      ),
    })),
    { label: t('detail.countryOfExploitation'), values: listOf(properties['countryOfExploitation']) },
    { label: t('detail.countryOfOrigin'), values: listOf(properties['countryOfOrigin']) },
  ].filter((row) => row.values.length > 0);
  if (rows.length === 0) return null;
  return (
    <Stack gap={4}>
      {rows.map((row) => (
        <Group key={row.label} gap="xs">
          <Text size="sm" fw={600}>
            {row.label}:
          </Text>
          {row.values.map((value) => (
            <Badge key={value} variant="outline" color="gray.8">
              {value}
            </Badge>
          ))}
        </Group>
      ))}
    </Stack>
  );
}

function CaseBody({ view, reload }: { readonly view: CaseView; readonly reload: () => void }) {
  const { t } = useTranslation('cases');
  const me = useMe();
  const record = view.case;
  const title = textOf(record.properties['title']) || t('untitled');
  useTitle(title);
  const editable = view.standing === 'owner' && me.roles.some((role) => EDITORS.includes(role));
  const status = textOf(record.properties['status']);
  const description = textOf(record.properties['description']);
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2}>{title}</Title>
        <Group gap="xs">
          {textOf(record.properties['reference']) === '' ? null : (
            <Text size="sm">
              {t('columns.reference')}: {textOf(record.properties['reference'])}
            </Text>
          )}
          {status === '' ? null : <Badge variant="light">{t(`status.${status}`, { defaultValue: status })}</Badge>}
          <Badge variant="outline" color="gray.8">
            {t(`standing.${view.standing}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          <Provenance ownerOrganisation={record.envelope.ownerOrganisation} />
          <TlpBadge tlp={record.envelope.tlp} />
        </Group>
      </Stack>
      {description === '' ? null : <Text style={{ whiteSpace: 'pre-wrap' }}>{description}</Text>}
      <Categories properties={record.properties} />
      {editable ? null : (
        <Text size="sm" c="dimmed">
          {t('detail.readOnly')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <CaseItems caseId={record.id} items={view.items} editable={editable} onChange={reload} />
        </Paper>
        <Paper withBorder p="md">
          <CaseShares caseId={record.id} shares={view.shares} editable={editable} onChange={reload} />
        </Paper>
        <Paper withBorder p="md">
          <CaseNotes caseId={record.id} notes={view.notes} editable={editable} onChange={reload} />
        </Paper>
        <Paper withBorder p="md">
          <CaseFiles caseId={record.id} files={view.files} editable={editable} onChange={reload} />
        </Paper>
      </SimpleGrid>
      <Divider />
      <MessageThread about={{ kind: 'case', id: record.id }} threadId={view.threadId} />
    </Stack>
  );
}

export function CaseDetail({ id }: { readonly id: string }) {
  const { t } = useTranslation('cases');
  const loaded = useLoad((signal) => api<CaseView>(`/cases/${encodeURIComponent(id)}`, { signal }), [id]);
  return (
    <Stack>
      <Anchor component={Link} to="/cases" size="sm">
        {t('detail.back')}
      </Anchor>
      <Loading loaded={loaded}>{(view) => <CaseBody view={view} reload={loaded.reload} />}</Loading>
    </Stack>
  );
}
