/**
 * Oversight: the ledger's entries page by page (who, what, when, for what purpose, on which
 * objects, with what outcome, and the chain's hashes; never content), filtered as the API allows,
 * and, for auditors, a verification of the whole chain. Auditors read every organisation's
 * entries; an administrator reads their own organisation's. Every reading is itself recorded.
 */
import { Alert, Button, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import { LedgerTable } from './ledger-table.tsx';
import { LEDGER_ACTIONS, NO_FILTERS, type LedgerFilters, type LedgerPage } from './model.ts';
import { READABLE_TITLE, VerifyChain } from './verification.tsx';

const PAGE_SIZE = 50;

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

function Filters({
  auditor,
  applied,
  onApply,
}: {
  readonly auditor: boolean;
  readonly applied: LedgerFilters;
  readonly onApply: (filters: LedgerFilters) => void;
}) {
  const { t } = useTranslation('oversight');
  const [draft, setDraft] = useState(applied);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} aria-label={t('filters.title')}>
      <Group align="end" gap="sm">
        {auditor ? (
          <TextInput
            label={t('filters.organisation')}
            placeholder="gb-police-mst"
            value={draft.organisation}
            onChange={(event) => {
              setDraft({ ...draft, organisation: event.currentTarget.value });
            }}
            dir="ltr"
          />
        ) : null}
        <TextInput
          label={t('filters.actor')}
          description={t('filters.actorHelp')}
          value={draft.actor}
          onChange={(event) => {
            setDraft({ ...draft, actor: event.currentTarget.value });
          }}
          dir="ltr"
        />
        <Select
          label={t('filters.action')}
          clearable
          placeholder={t('filters.anyAction')}
          data={LEDGER_ACTIONS.map((value) => ({ value, label: t(`actions.${value}`) }))}
          value={draft.action}
          onChange={(value) => {
            setDraft({ ...draft, action: value });
          }}
        />
        <TextInput
          label={t('filters.objectId')}
          description={t('filters.objectIdHelp')}
          value={draft.objectId}
          onChange={(event) => {
            setDraft({ ...draft, objectId: event.currentTarget.value });
          }}
          dir="ltr"
        />
        <NumberInput
          label={t('filters.after')}
          description={t('filters.afterHelp')}
          min={0}
          w={160}
          allowDecimal={false}
          allowNegative={false}
          value={draft.after}
          onChange={(value) => {
            setDraft({ ...draft, after: typeof value === 'number' ? value : 0 });
          }}
        />
        <Button type="submit">{t('filters.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          {t('filters.clear')}
        </Button>
      </Group>
    </form>
  );
}

export default function OversightScreen() {
  const { t } = useTranslation('oversight');
  useTitle(t('title'));
  const me = useMe();
  const auditor = me.permissions.includes('audit:read');
  const [filters, setFilters] = useState<LedgerFilters>(NO_FILTERS);
  // The `after` of each page before this one, for "previous page".
  const [history, setHistory] = useState<readonly number[]>([]);
  // A new set of filters (or a jump) remounts the form with its values.
  const [round, setRound] = useState(0);
  const loaded = useLoad(
    (signal) =>
      api<LedgerPage>('/ledger', {
        query: {
          after: filters.after,
          limit: PAGE_SIZE,
          organisation: auditor ? optional(filters.organisation) : undefined,
          actor: optional(filters.actor),
          action: filters.action ?? undefined,
          objectId: optional(filters.objectId),
        },
        signal,
      }),
    [filters],
  );

  const apply = (next: LedgerFilters) => {
    setHistory([]);
    setFilters(next);
  };
  const jump = (after: number) => {
    apply({ ...filters, after });
    setRound((value) => value + 1);
  };

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{auditor ? t('introAuditor') : t('introAdmin', { organisation: me.organisation.name })}</Text>
      <Text size="sm">{t('noContent')}</Text>
      <Title order={3} size="h4">
        {t('verification.title')}
      </Title>
      {auditor ? (
        <VerifyChain onJump={jump} />
      ) : (
        <Alert color="gray" title={t('app.restricted')} styles={READABLE_TITLE}>
          {t('verification.auditorsOnly')}
        </Alert>
      )}
      <Title order={3} size="h4">
        {t('entries')}
      </Title>
      <Filters key={round} auditor={auditor} applied={filters} onApply={apply} />
      <Loading loaded={loaded}>
        {({ entries, next }) => (
          <Stack gap="xs">
            <Text size="sm" role="status" data-testid="ledger-range">
              {entries.length === 0
                ? t('noEntries')
                : t('range', { first: entries[0]?.seq ?? 0, last: entries.at(-1)?.seq ?? 0 })}
            </Text>
            {entries.length === 0 ? null : <LedgerTable entries={entries} />}
            <Group gap="xs">
              <Button
                variant="default"
                disabled={history.length === 0}
                onClick={() => {
                  setFilters({ ...filters, after: history.at(-1) ?? 0 });
                  setHistory(history.slice(0, -1));
                }}
              >
                {t('previous')}
              </Button>
              <Button
                variant="default"
                disabled={next === null}
                onClick={() => {
                  if (next === null) return;
                  setHistory([...history, filters.after]);
                  setFilters({ ...filters, after: next });
                }}
              >
                {t('next')}
              </Button>
            </Group>
          </Stack>
        )}
      </Loading>
    </Stack>
  );
}
