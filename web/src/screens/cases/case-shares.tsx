/**
 * The organisations a case is shared with. The owner's people share it with another organisation,
 * chosen from the member directory. The server decides whether the case's markings reach it and
 * says why when they do not.
 */
import { ActionIcon, Button, Group, List, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OrganisationField } from '../../components/organisation-field.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { CaseShare } from './types.ts';

function AddShare({ caseId, onShared }: { readonly caseId: string; readonly onShared: () => void }) {
  const { t } = useTranslation('cases');
  const [organisation, setOrganisation] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('shares.add')}
      onSubmit={(event) => {
        event.preventDefault();
        const organisationId = organisation.trim();
        void run(
          () => api(`/cases/${encodeURIComponent(caseId)}/shares`, { method: 'POST', body: { organisationId } }),
          t('shares.shared', { organisation: organisationId }),
        ).then((shared) => {
          if (!shared) return;
          setOrganisation('');
          onShared();
        });
      }}
    >
      <Group align="end" wrap="wrap">
        <OrganisationField label={t('shares.organisation')} value={organisation} onChange={setOrganisation} />
        <Button type="submit" loading={busy} disabled={organisation.trim() === ''}>
          {t('shares.add')}
        </Button>
      </Group>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

function Share({
  caseId,
  share,
  editable,
  onChange,
}: {
  readonly caseId: string;
  readonly share: CaseShare;
  readonly editable: boolean;
  readonly onChange: () => void;
}) {
  const { t, i18n } = useTranslation('cases');
  const { outcome, run } = useOutcome();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(share.sharedAt));
  const label = t('shares.remove', { organisation: share.organisationId });
  return (
    <List.Item data-testid="case-share">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {share.organisationId}
        </Text>
        <Text size="xs" c="dimmed">
          {t('shares.by', { who: share.sharedBy, date })}
        </Text>
        {editable ? (
          <Tooltip label={label}>
            <ActionIcon
              variant="subtle"
              color="red.9"
              aria-label={label}
              onClick={() => {
                void run(
                  () =>
                    api(`/cases/${encodeURIComponent(caseId)}/shares/${encodeURIComponent(share.organisationId)}`, {
                      method: 'DELETE',
                    }),
                  t('shares.removed', { organisation: share.organisationId }),
                ).then(onChange);
              }}
            >
              ×
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
      <OutcomeLine outcome={outcome} />
    </List.Item>
  );
}

export function CaseShares({
  caseId,
  shares,
  editable,
  onChange,
}: {
  readonly caseId: string;
  readonly shares: readonly CaseShare[];
  readonly editable: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('cases');
  return (
    <Stack gap="sm">
      <Title order={3}>{t('shares.title')}</Title>
      {shares.length === 0 ? (
        <Text c="dimmed">{t('shares.none')}</Text>
      ) : (
        <List spacing="xs">
          {shares.map((share) => (
            <Share key={share.organisationId} caseId={caseId} share={share} editable={editable} onChange={onChange} />
          ))}
        </List>
      )}
      {editable ? <AddShare caseId={caseId} onShared={onChange} /> : null}
    </Stack>
  );
}
