/**
 * Screening a file: a CSV (a passenger manifest, tonight's guest list) chosen, its columns mapped
 * to what they hold (guessed from their names), sent to the API, its progress polled until done,
 * then each row's answer.
 */
import { Alert, Button, FileInput, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { BatchProgress, BatchResults } from './batch-results.tsx';
import {
  COLUMN_ROLES,
  columnMapOf,
  guessUses,
  headerOf,
  postCsv,
  type Batch,
  type ColumnUse,
} from './screening-api.ts';

/** How often a running batch is asked for its progress. */
const POLL_MS = 700;

/** The batch, asked again until it is done or failed. */
function useBatch(id: string | null): { batch: Batch | null; problem: unknown } {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    setBatch(null);
    setProblem(null);
    if (id === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const found = await api<Batch>(`/screen/batches/${encodeURIComponent(id)}`, { signal: controller.signal });
        setBatch(found);
        if (found.state === 'queued' || found.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (!controller.signal.aborted) setProblem(error);
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return { batch, problem };
}

const useOf = (value: string | null): ColumnUse =>
  value === 'id' ? 'id' : (COLUMN_ROLES.find((role) => role === value) ?? '');

function ColumnMapping({
  header,
  uses,
  onChange,
}: {
  readonly header: readonly string[];
  readonly uses: readonly ColumnUse[];
  readonly onChange: (uses: ColumnUse[]) => void;
}) {
  const { t } = useTranslation('screening');
  const options = [
    { value: 'id', label: t('batch.uses.id') },
    ...COLUMN_ROLES.map((role) => ({ value: role, label: t(`batch.uses.${role}`) })),
    { value: '', label: t('batch.uses.none') },
  ];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('batch.columns')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('batch.columnsHelp')}
      </Text>
      <Table fz="sm" maw={560} data-testid="column-map">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('batch.column')}</Table.Th>
            <Table.Th>{t('batch.use')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {header.map((column, index) => (
            <Table.Tr key={`${column}-${String(index)}`}>
              <Table.Td ff="monospace">{column}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('batch.useOf', { column })}
                  size="xs"
                  data={options}
                  allowDeselect={false}
                  value={uses[index] ?? ''}
                  onChange={(value) => {
                    const next = [...uses];
                    next[index] = useOf(value);
                    onChange(next);
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function BatchScreening() {
  const { t } = useTranslation('screening');
  const { purpose } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [header, setHeader] = useState<string[]>([]);
  const [uses, setUses] = useState<ColumnUse[]>([]);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const { batch, problem: pollProblem } = useBatch(batchId);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setProblem(null);
    setBatchId(null);
    const content = chosen === null ? '' : await chosen.text();
    const columns = content === '' ? [] : headerOf(content);
    setText(content);
    setHeader(columns);
    setUses(guessUses(columns));
  };

  const start = async () => {
    setSending(true);
    setProblem(null);
    try {
      const started = await postCsv<Batch>('/screen/batches', text, { map: columnMapOf(header, uses) }, purpose);
      setBatchId(started.id);
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  const failure = problem ?? pollProblem;
  return (
    <Stack>
      <FileInput
        label={t('batch.file')}
        description={t('batch.fileHelp')}
        placeholder={t('batch.choose')}
        accept=".csv,text/csv"
        maw={480}
        value={file}
        onChange={(chosen) => void choose(chosen)}
      />
      {header.length > 0 && batchId === null ? (
        <>
          <ColumnMapping header={header} uses={uses} onChange={setUses} />
          <Group>
            <Button loading={sending} onClick={() => void start()}>
              {t('batch.start')}
            </Button>
          </Group>
        </>
      ) : null}
      {failure === null ? null : (
        <Alert color="red" role="alert" title={t('app.error')}>
          {describeError(failure)}
        </Alert>
      )}
      {batch === null ? null : (
        <Stack>
          <BatchProgress batch={batch} />
          {batch.state === 'done' || batch.state === 'failed' ? <BatchResults batch={batch} /> : null}
          <Group>
            <Button
              variant="default"
              onClick={() => {
                void choose(null);
              }}
            >
              {t('batch.again')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
