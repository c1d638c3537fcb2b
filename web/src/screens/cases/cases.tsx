/**
 * Cases: the list (ours and shared with us) with opening a new one, and the organisation's message
 * threads as a second tab (/cases/messages); a case by id (/cases/:id) opens its detail.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate, useTitle } from '../../router.tsx';
import { CaseDetail } from './case-detail.tsx';
import { CaseList } from './case-list.tsx';
import { Messages } from './messages.tsx';

/** The path of the messages tab; case ids are UUIDs, so it never names a case. */
const MESSAGES = 'messages';

function CasesHome({ tab }: { readonly tab: 'cases' | 'messages' }) {
  const { t } = useTranslation('cases');
  useTitle(tab === 'cases' ? t('title') : t('messages.title'));
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Tabs
        value={tab}
        onChange={(value) => {
          navigate(value === MESSAGES ? '/cases/messages' : '/cases');
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="cases">{t('tabs.cases')}</Tabs.Tab>
          <Tabs.Tab value="messages">{t('tabs.messages')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cases" pt="md">
          {tab === 'cases' ? <CaseList /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="md">
          {tab === 'messages' ? <Messages /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export default function CasesScreen({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'];
  if (id === undefined) return <CasesHome tab="cases" />;
  if (id === MESSAGES) return <CasesHome tab="messages" />;
  return <CaseDetail id={id} />;
}
