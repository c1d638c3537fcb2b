/**
 * Administration: member organisations, an organisation's users, sharing groups, the
 * organisation's API keys and its records due for review, one tab each (the tab is in the path,
 * so a link opens it). The server decides what each administrator may do; refusals are shown as
 * it words them.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useLoad } from '../../load.tsx';
import { navigate, useTitle } from '../../router.tsx';
import { GroupsTab } from './groups-tab.tsx';
import { KeysTab } from './keys-tab.tsx';
import type { Organisation } from './model.ts';
import { OrganisationsTab } from './organisations-tab.tsx';
import { RetentionTab } from './retention-tab.tsx';
import { UsersTab } from './users-tab.tsx';

const TABS = ['organisations', 'users', 'groups', 'keys', 'retention'] as const;
type Tab = (typeof TABS)[number];

const isTab = (value: string | undefined): value is Tab => TABS.some((tab) => tab === value);

export default function AdminScreen({ params }: { readonly params: Record<string, string> }) {
  const { t } = useTranslation('admin');
  useTitle(t('title'));
  const tab: Tab = isTab(params['tab']) ? params['tab'] : 'organisations';
  // Every tab names organisations: loaded once for all of them.
  const organisations = useLoad(
    (signal) => api<{ organisations: Organisation[] }>('/admin/organisations', { signal }),
    [],
  );
  const known = organisations.data?.organisations;

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) => {
          if (value !== null) navigate(`/admin/${value}`, { replace: true });
        }}
      >
        <Tabs.List aria-label={t('title')}>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="organisations" pt="md">
          <OrganisationsTab loaded={organisations} />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersTab organisations={known} />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsTab organisations={known} />
        </Tabs.Panel>
        <Tabs.Panel value="keys" pt="md">
          <KeysTab />
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          <RetentionTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
