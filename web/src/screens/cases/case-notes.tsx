/** A case's notes, oldest first, and (for the owner's people) a new one. */
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { CaseNote } from './types.ts';

function AddNote({ caseId, onAdded }: { readonly caseId: string; readonly onAdded: () => void }) {
  const { t } = useTranslation('cases');
  const [body, setBody] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('notes.add')}
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          () => api(`/cases/${encodeURIComponent(caseId)}/notes`, { method: 'POST', body: { body } }),
          t('notes.added'),
        ).then((added) => {
          if (!added) return;
          setBody('');
          onAdded();
        });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('notes.body')}
          required
          autosize
          minRows={2}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy} disabled={body.trim() === ''}>
            {t('notes.add')}
          </Button>
          <OutcomeLine outcome={outcome} />
        </Group>
      </Stack>
    </form>
  );
}

export function CaseNotes({
  caseId,
  notes,
  editable,
  onChange,
}: {
  readonly caseId: string;
  readonly notes: readonly CaseNote[];
  readonly editable: boolean;
  readonly onChange: () => void;
}) {
  const { t, i18n } = useTranslation('cases');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack gap="sm">
      <Title order={3}>{t('notes.title')}</Title>
      {notes.length === 0 ? <Text c="dimmed">{t('notes.none')}</Text> : null}
      {notes.map((note) => (
        <Paper key={note.id} withBorder p="xs" data-testid="case-note">
          <Text size="xs" c="dimmed">
            {t('notes.by', {
              who: note.author,
              organisation: note.organisationId,
              date: date.format(new Date(note.createdAt)),
            })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </Text>
        </Paper>
      ))}
      {editable ? <AddNote caseId={caseId} onAdded={onChange} /> : null}
    </Stack>
  );
}
