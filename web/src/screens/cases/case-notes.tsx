/** A case's notes, oldest first, and (for the owner's people) a new one. */
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ComposeForm } from '../../components/compose-form.tsx';
import type { CaseNote } from './types.ts';

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
      {editable ? (
        <ComposeForm
          formLabel={t('notes.add')}
          label={t('notes.body')}
          submit={t('notes.add')}
          send={(body) => api(`/cases/${encodeURIComponent(caseId)}/notes`, { method: 'POST', body: { body } })}
          done={t('notes.added')}
          onSent={onChange}
        />
      ) : null}
    </Stack>
  );
}
