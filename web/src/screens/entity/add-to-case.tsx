/**
 * "Add to case": one of the cases the reader's organisation owns, and the entity added to it as
 * an item (by the record it was opened from). A case shared with the organisation is not offered:
 * only its owner changes it.
 */
import { Button, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import { useLoad } from '../../load.tsx';

interface CaseEntry {
  readonly case: {
    readonly id: string;
    readonly caption: string | null;
    readonly properties: Readonly<Record<string, unknown>>;
  };
  readonly standing: 'owner' | 'shared';
}

export function AddToCase({ recordId }: { readonly recordId: string }) {
  const { t } = useTranslation('entity');
  const cases = useLoad((signal) => api<{ cases: CaseEntry[] }>('/cases', { signal }), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleOf = (entry: CaseEntry) => {
    const title = entry.case.properties['title'];
    return typeof title === 'string' && title !== '' ? title : (entry.case.caption ?? t('untitled'));
  };
  const owned = (cases.data?.cases ?? []).filter((entry) => entry.standing === 'owner');
  if (cases.error !== undefined) return null;
  if (cases.data !== undefined && owned.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noCases')}
      </Text>
    );
  }
  const add = async () => {
    const entry = owned.find((each) => each.case.id === chosen);
    if (entry === undefined) return;
    setBusy(true);
    try {
      await api(`/cases/${encodeURIComponent(entry.case.id)}/items`, {
        method: 'POST',
        body: { kind: 'entity', ref: recordId },
      });
      setMessage(t('added', { title: titleOf(entry) }));
    } catch (error) {
      setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="end" gap="xs" wrap="wrap">
      <Select
        label={t('addToCase')}
        placeholder={t('case')}
        data={owned.map((entry) => ({ value: entry.case.id, label: titleOf(entry) }))}
        value={chosen}
        onChange={setChosen}
        searchable
        w={260}
        data-testid="case-choice"
      />
      <Button variant="light" onClick={() => void add()} disabled={chosen === null} loading={busy}>
        {t('add')}
      </Button>
      <Text size="sm" role="status" aria-live="polite">
        {message}
      </Text>
    </Group>
  );
}
