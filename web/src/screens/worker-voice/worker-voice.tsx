/**
 * Worker voice for a brand: its supply sites, and the chosen site's dashboard (/worker-voice?site=CODE):
 * risk level, ILO indicator shares with trends (small groups withheld), and its survey campaigns.
 */
import { Divider, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useLocation, useTitle } from '../../router.tsx';
import { Campaigns } from './campaigns.tsx';
import { SiteRiskPanel } from './site-risk.tsx';
import type { Campaign, Site } from './types.ts';

function SiteList({ sites, chosen }: { readonly sites: readonly Site[]; readonly chosen: string | null }) {
  const { t } = useTranslation('worker-voice');
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sites.name')}</Table.Th>
          <Table.Th>{t('sites.code')}</Table.Th>
          <Table.Th>{t('sites.country')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sites.map((site) => (
          <Table.Tr key={site.code} data-testid="site" fw={site.code === chosen ? 700 : undefined}>
            <Table.Td>
              <Link
                to={`/worker-voice?site=${encodeURIComponent(site.code)}`}
                aria-current={site.code === chosen ? 'page' : undefined}
              >
                {site.name}
              </Link>
            </Table.Td>
            <Table.Td>{site.code}</Table.Td>
            <Table.Td>{site.country ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SiteDashboard({ site }: { readonly site: Site }) {
  const loaded = useLoad(
    (signal) =>
      api<{ campaigns: Campaign[] }>(`/worker-voice/sites/${encodeURIComponent(site.code)}/campaigns`, { signal }),
    [site.code],
  );
  return (
    <Loading loaded={loaded}>
      {({ campaigns }) => (
        <Stack gap="lg">
          <SiteRiskPanel site={site} campaigns={campaigns} />
          <Divider />
          <Campaigns site={site} campaigns={campaigns} onChange={loaded.reload} />
        </Stack>
      )}
    </Loading>
  );
}

export default function WorkerVoiceScreen() {
  const { t } = useTranslation('worker-voice');
  useTitle(t('title'));
  const { query } = useLocation();
  const chosen = query.get('site');
  const loaded = useLoad((signal) => api<{ sites: Site[] }>('/worker-voice/sites', { signal }), []);
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <Loading loaded={loaded}>
        {({ sites }) => {
          if (sites.length === 0) return <Text>{t('sites.none')}</Text>;
          const site =
            sites.find((candidate) => candidate.code === chosen?.toUpperCase()) ??
            (sites.length === 1 ? sites[0] : undefined);
          return (
            <Stack>
              <Paper withBorder p="xs" maw={420}>
                <Title order={3} size="h5" mb="xs">
                  {t('sites.title')}
                </Title>
                <SiteList sites={sites} chosen={site?.code ?? null} />
              </Paper>
              {site === undefined ? <Text>{t('sites.choose')}</Text> : <SiteDashboard key={site.code} site={site} />}
            </Stack>
          );
        }}
      </Loading>
    </Stack>
  );
}
