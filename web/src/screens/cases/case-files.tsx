/**
 * A case's files: listed with their size, downloaded through the API (the session's cookie and
 * purpose go with it), and attached by the owner's people as multipart/form-data.
 */
import { Anchor, Button, FileInput, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { CaseFile } from './types.ts';

function Upload({ caseId, onAdded }: { readonly caseId: string; readonly onAdded: () => void }) {
  const { t } = useTranslation('cases');
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('files.upload')}
      onSubmit={(event) => {
        event.preventDefault();
        if (file === null) return;
        const form = new FormData();
        // The server reads the optional name before the file.
        if (name.trim() !== '') form.append('name', name.trim());
        form.append('file', file);
        void run(
          () => api(`/cases/${encodeURIComponent(caseId)}/files`, { method: 'POST', body: form }),
          t('files.uploaded'),
        ).then((added) => {
          if (!added) return;
          setFile(null);
          setName('');
          onAdded();
        });
      }}
    >
      <Group align="end" wrap="wrap">
        <FileInput
          label={t('files.file')}
          description={t('files.fileHelp')}
          required
          miw={260}
          value={file}
          onChange={setFile}
          clearable
        />
        <TextInput
          label={t('files.name')}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
        />
        <Button type="submit" loading={busy} disabled={file === null}>
          {t('files.upload')}
        </Button>
      </Group>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

export function CaseFiles({
  caseId,
  files,
  editable,
  onChange,
}: {
  readonly caseId: string;
  readonly files: readonly CaseFile[];
  readonly editable: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('cases');
  const { purpose } = useSession();
  return (
    <Stack gap="sm">
      <Title order={3}>{t('files.title')}</Title>
      {files.length === 0 ? (
        <Text c="dimmed">{t('files.none')}</Text>
      ) : (
        <List spacing="xs">
          {files.map((file) => (
            <List.Item key={file.id} data-testid="case-file">
              <Anchor
                href={withQuery(
                  `/api/v1/cases/${encodeURIComponent(caseId)}/files/${encodeURIComponent(file.id)}`,
                  // A plain link carries no header: the purpose goes in the query, as the API allows.
                  { purpose: purpose ?? undefined },
                )}
                download={file.name}
                aria-label={t('files.download', { name: file.name })}
              >
                {file.name}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                ({file.mediaType}, {t('files.size', { size: Math.max(1, Math.round(file.byteLength / 1024)) })})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {editable ? <Upload caseId={caseId} onAdded={onChange} /> : null}
    </Stack>
  );
}
