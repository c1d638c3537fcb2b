/** A site's survey campaigns, newest first, and (for those who may write) starting a new one. */
import { Button, Group, List, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useMe } from '../../session.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { Campaign, Site } from './types.ts';

const LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;

function StartCampaign({ site, onStarted }: { readonly site: Site; readonly onStarted: () => void }) {
  const { t } = useTranslation('worker-voice');
  const [name, setName] = useState('');
  const [languages, setLanguages] = useState<string[]>(['en']);
  const [startsOn, setStartsOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [endsOn, setEndsOn] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('campaigns.start')}
      onSubmit={(event) => {
        event.preventDefault();
        const body = { name, languages, startsOn, ...(endsOn === '' ? {} : { endsOn }) };
        void run(
          () => api(`/worker-voice/sites/${encodeURIComponent(site.code)}/campaigns`, { method: 'POST', body }),
          t('campaigns.started'),
        ).then((started) => {
          if (!started) return;
          setName('');
          onStarted();
        });
      }}
    >
      <Stack gap="xs">
        <Title order={4}>{t('campaigns.start')}</Title>
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('campaigns.name')}
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
          />
          <MultiSelect
            label={t('campaigns.languages')}
            required
            miw={220}
            value={languages}
            onChange={setLanguages}
            data={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
          />
          <TextInput
            type="date"
            label={t('campaigns.startsOn')}
            required
            value={startsOn}
            onChange={(event) => {
              setStartsOn(event.currentTarget.value);
            }}
          />
          <TextInput
            type="date"
            label={t('campaigns.endsOn')}
            value={endsOn}
            onChange={(event) => {
              setEndsOn(event.currentTarget.value);
            }}
          />
          <Button type="submit" loading={busy}>
            {t('campaigns.start')}
          </Button>
        </Group>
        <OutcomeLine outcome={outcome} />
      </Stack>
    </form>
  );
}

export function Campaigns({
  site,
  campaigns,
  onChange,
}: {
  readonly site: Site;
  readonly campaigns: readonly Campaign[];
  readonly onChange: () => void;
}) {
  const { t, i18n } = useTranslation('worker-voice');
  const me = useMe();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <Stack gap="sm">
      <Title order={3}>{t('campaigns.title')}</Title>
      {campaigns.length === 0 ? (
        <Text c="dimmed">{t('campaigns.none')}</Text>
      ) : (
        <List spacing="xs">
          {campaigns.map((campaign) => (
            <List.Item key={campaign.id} data-testid="campaign">
              <Text size="sm" fw={600} span>
                {campaign.name}
              </Text>{' '}
              <Text size="sm" span c="dimmed">
                {t('campaigns.runs', {
                  from: date.format(new Date(campaign.startsOn)),
                  to: campaign.endsOn === null ? t('campaigns.open') : date.format(new Date(campaign.endsOn)),
                })}{' '}
                ·{' '}
                {campaign.languages
                  .map((language) => t(`languages.${language}`, { defaultValue: language }))
                  .join(', ')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {me.permissions.includes('records:write') ? <StartCampaign site={site} onStarted={onChange} /> : null}
    </Stack>
  );
}
