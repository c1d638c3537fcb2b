/**
 * "Verify the chain": the server recomputes every entry's keyed hash from the genesis and names
 * the first entry that does not fit, if any. Auditors only; the verdict is itself recorded.
 */
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LoadError } from '../../load.tsx';
import type { CheckpointResult, Verification } from './model.ts';

/** An alert's title in the body's text colour: a tinted title on a tinted ground is too faint (WCAG AA). */
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } } as const;

function Checkpoint({ checkpoint }: { readonly checkpoint: CheckpointResult }) {
  const { t } = useTranslation('oversight');
  return (
    <Text size="sm">
      {t('verification.checkpoint', { seq: checkpoint.seq ?? '?', at: checkpoint.at ?? '?' })}
      {checkpoint.valid === undefined
        ? null
        : ` ${checkpoint.valid ? t('verification.signatureValid') : t('verification.signatureInvalid')}`}
    </Text>
  );
}

function Verdict({ result, onJump }: { readonly result: Verification; readonly onJump: (after: number) => void }) {
  const { t, i18n } = useTranslation('oversight');
  const number = new Intl.NumberFormat(i18n.language);
  const seconds = result.seconds === undefined ? null : t('verification.seconds', { seconds: result.seconds });
  if (result.ok) {
    return (
      <Alert
        color="green"
        title={t('verification.valid')}
        data-testid="verification"
        data-ok="true"
        styles={READABLE_TITLE}
      >
        <Stack gap={4}>
          <Text size="sm" data-testid="verified-entries">
            {t('verification.checked', { entries: number.format(result.entries) })}
          </Text>
          <Text size="sm">
            {t('verification.head', { seq: result.head.seq })} <Code dir="ltr">{result.head.hash}</Code>
          </Text>
          {seconds === null ? null : <Text size="xs">{seconds}</Text>}
          {result.checkpoint === undefined ? (
            <Text size="xs">{t('verification.noCheckpoint')}</Text>
          ) : (
            <Checkpoint checkpoint={result.checkpoint} />
          )}
          <Button
            size="xs"
            variant="light"
            w="fit-content"
            onClick={() => {
              onJump(Math.max(0, result.head.seq - 50));
            }}
          >
            {t('verification.newest')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      title={t('verification.broken', { seq: result.firstBadSeq })}
      data-testid="verification"
      data-ok="false"
      role="alert"
      styles={READABLE_TITLE}
    >
      <Stack gap={4}>
        <Text size="sm">{t(`verification.problems.${result.problem}`)}</Text>
        <Text size="sm">{t('verification.before', { entries: number.format(result.entries) })}</Text>
        {seconds === null ? null : <Text size="xs">{seconds}</Text>}
        {result.checkpoint === undefined ? null : <Checkpoint checkpoint={result.checkpoint} />}
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          onClick={() => {
            onJump(Math.max(0, result.firstBadSeq - 1));
          }}
        >
          {t('verification.goToBad')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** The verification panel; `onJump` shows the entries from a sequence number on. */
export function VerifyChain({ onJump }: { readonly onJump: (after: number) => void }) {
  const { t } = useTranslation('oversight');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      setResult(await api<Verification>('/ledger/verification'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" aria-live="polite">
      <Group gap="sm">
        <Button onClick={() => void verify()} loading={busy}>
          {t('verification.verify')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('verification.help')}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('verification.how')}
      </Text>
      {error === undefined ? null : <LoadError error={error} />}
      {result === null ? null : <Verdict result={result} onJump={onJump} />}
    </Stack>
  );
}
