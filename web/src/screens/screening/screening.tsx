/**
 * The screening screen: one person checked with a form, or a whole file (a manifest, a guest
 * list) screened in the background with its progress and each row's answer. What the answers show
 * is what the API gives the reader: hits with scores for law enforcement, a blind answer otherwise.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation, useTitle } from '../../router.tsx';
import { BatchScreening } from './batch-screening.tsx';
import { SingleCheck } from './single-check.tsx';

export default function ScreeningScreen() {
  const { t } = useTranslation('screening');
  useTitle(t('title'));
  const { query } = useLocation();
  const tab = query.get('tab') === 'batch' ? 'batch' : 'single';
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Tabs
        value={tab}
        onChange={(value) => {
          navigate(value === 'batch' ? '/screening?tab=batch' : '/screening', { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="single">{t('tabs.single')}</Tabs.Tab>
          <Tabs.Tab value="batch">{t('tabs.batch')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="single" pt="md">
          <SingleCheck />
        </Tabs.Panel>
        <Tabs.Panel value="batch" pt="md">
          <BatchScreening />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
