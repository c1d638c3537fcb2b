/**
 * An entity: the records resolution joined as one person (or phone, account…), as the reader may
 * see them. Its name, every contributing record with its owner and markings, why the records are
 * one (features and weights) with judgements to confirm or reject a link or split records off, a
 * timeline, the places, the alerts and notices about it, "add to case", and the way to the network.
 */
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Caption } from '../../components/markings.tsx';
import { Loading, useLoad } from '../../load.tsx';
import { Link, navigate, useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import { AddToCase } from './add-to-case.tsx';
import { EntityAlerts } from './entity-alerts.tsx';
import {
  bestCaption,
  placesOf,
  timelineOf,
  type AlertSummary,
  type Entity,
  type EntityLink,
  type RecordDetail,
} from './entity-data.ts';
import { EntityLinks, Judgements, type Verdict } from './entity-links.tsx';
import { EntityRecords } from './entity-records.tsx';
import { EntityPlaces, EntityTimeline } from './entity-when-where.tsx';

// The map (MapLibre) loads only when an entity page shows places.
const EntityMap = lazy(() => import('./entity-map.tsx'));
import { ReasonDialog } from './reason-dialog.tsx';

/** Most records whose markings and dates are read one by one. */
const MOST_DETAILS = 60;

type Dialog =
  { readonly kind: 'judge'; readonly link: EntityLink; readonly verdict: Verdict } | { readonly kind: 'split' };

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The records the reader may open, read one by one for their markings and dates. */
async function detailsOf(entity: Entity | undefined, signal: AbortSignal): Promise<Map<string, RecordDetail>> {
  const ids = (entity?.records ?? []).slice(0, MOST_DETAILS).map((record) => record.id);
  const read = await Promise.all(
    ids.map((id) => api<RecordDetail>(`/records/${encodeURIComponent(id)}`, { signal }).catch(() => undefined)),
  );
  return new Map(read.flatMap((detail) => (detail === undefined ? [] : [[detail.id, detail] as const])));
}

function EntityView({ entity, reload }: { readonly entity: Entity; readonly reload: () => void }) {
  const { t } = useTranslation('entity');
  const me = useMe();
  const canJudge = me.roles.includes('analyst') || me.roles.includes('reviewer');
  const details = useLoad((signal) => detailsOf(entity, signal), [entity]);
  const alerts = useLoad(
    (signal) => api<{ alerts: AlertSummary[] }>('/alerts', { query: { limit: 500 }, signal }),
    [entity.recordId],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const name = bestCaption(entity);
  const recordDetails = details.data ?? new Map<string, RecordDetail>();
  const ids = new Set(entity.records.map((record) => record.id));
  const ownAlerts = (alerts.data?.alerts ?? []).filter((alert) => alert.record !== null && ids.has(alert.record));
  const captionOf = (id: string) => entity.records.find((record) => record.id === id)?.caption ?? t('app.restricted');
  useTitle(name ?? t('title'));

  const judge = async (link: EntityLink, verdict: Verdict, reason: string) => {
    await api('/entities/judgements', {
      method: 'POST',
      body: { recordA: link.source, recordB: link.target, verdict, reason },
    });
    setDialog(null);
    setMessage(t('judged'));
    reload();
  };
  const split = async (reason: string) => {
    const apart = [...selected];
    await api(`/entities/${encodeURIComponent(entity.recordId)}/split`, {
      method: 'POST',
      body: { records: apart, reason },
    });
    setDialog(null);
    setSelected(new Set());
    setMessage(t('splitDone'));
    // The record opened left with the others: the entity that stays is shown instead.
    const staying = entity.records.find((record) => !apart.includes(record.id));
    if (apart.includes(entity.recordId) && staying !== undefined) navigate(`/entities/${staying.id}`);
    else reload();
  };
  const splitsAll = selected.size >= entity.records.length;

  return (
    <Stack>
      <div>
        <Text size="sm" c="dimmed">
          {t('resolvedAs')}
        </Text>
        <Title order={2} data-testid="entity-name">
          <Caption caption={name} />
        </Title>
        <Text size="sm">{t('summary', { count: entity.records.length })}</Text>
      </div>
      {entity.records.some((record) => record.protected === true) ? (
        <Alert color="grape" title={t('protected')} data-testid="protected-warning">
          {t('protectedWarning')}
        </Alert>
      ) : null}
      {entity.truncated ? <Alert color="yellow">{t('truncated')}</Alert> : null}
      <Group align="end" gap="md" wrap="wrap">
        <Button component={Link} to={`/network?seed=${encodeURIComponent(entity.recordId)}`} variant="filled">
          {t('explore')}
        </Button>
        <AddToCase recordId={entity.recordId} />
      </Group>
      <Text role="status" aria-live="polite" size="sm" data-testid="entity-message">
        {message}
      </Text>

      <Section title={t('records')}>
        <EntityRecords
          seed={entity.recordId}
          records={entity.records}
          details={recordDetails}
          selected={canJudge && entity.records.length > 1 ? selected : undefined}
          onSelect={(id, chosen) => {
            const next = new Set(selected);
            if (chosen) next.add(id);
            else next.delete(id);
            setSelected(next);
          }}
        />
        {canJudge && selected.size > 0 ? (
          <Group mt="sm" gap="sm">
            <Button
              color="red.9"
              variant="outline"
              disabled={splitsAll}
              onClick={() => {
                setDialog({ kind: 'split' });
              }}
            >
              {t('split')}
            </Button>
            {splitsAll ? (
              <Text size="sm" c="red.9">
                {t('splitAll')}
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Section>

      <Section title={t('links')}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('linksIntro')}
        </Text>
        <EntityLinks
          entity={entity}
          onJudge={
            canJudge
              ? (link, verdict) => {
                  setDialog({ kind: 'judge', link, verdict });
                }
              : undefined
          }
        />
      </Section>

      <Section title={t('judgements')}>
        <Judgements entity={entity} />
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('timeline')}>
          <EntityTimeline entity={entity} events={timelineOf(entity, recordDetails)} />
        </Section>
        <Section title={t('places')}>
          <Suspense fallback={null}>
            <EntityMap recordIds={entity.records.map((record) => record.id)} />
          </Suspense>
          <EntityPlaces places={placesOf(entity, recordDetails)} />
        </Section>
      </SimpleGrid>

      <Section title={t('alerts')}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('alertsIntro')}
        </Text>
        <EntityAlerts entity={entity} alerts={ownAlerts} />
      </Section>

      {dialog?.kind === 'judge' ? (
        <ReasonDialog
          title={dialog.verdict === 'same' ? t('confirmTitle') : t('rejectTitle')}
          help={t('judgeHelp', { a: captionOf(dialog.link.source), b: captionOf(dialog.link.target) })}
          confirmLabel={t('record')}
          danger={dialog.verdict === 'different'}
          onClose={() => {
            setDialog(null);
          }}
          onSubmit={(reason) => judge(dialog.link, dialog.verdict, reason)}
        />
      ) : null}
      {dialog?.kind === 'split' ? (
        <ReasonDialog
          title={t('splitTitle')}
          help={t('splitHelp', { count: selected.size })}
          confirmLabel={t('split')}
          danger
          onClose={() => {
            setDialog(null);
          }}
          onSubmit={split}
        />
      ) : null}
    </Stack>
  );
}

export default function EntityScreen({ params }: { readonly params: Record<string, string> }) {
  const { t } = useTranslation('entity');
  const id = params['id'] ?? '';
  const entity = useLoad((signal) => api<Entity>(`/entities/${encodeURIComponent(id)}`, { signal }), [id]);
  return (
    <Stack>
      <Anchor component={Link} to="/search" size="sm">
        {t('nav.search')}
      </Anchor>
      <Loading loaded={entity}>{(data) => <EntityView entity={data} reload={entity.reload} />}</Loading>
    </Stack>
  );
}
