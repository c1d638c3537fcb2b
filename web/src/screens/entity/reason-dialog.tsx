/**
 * The confirmation of a judgement or a split: what will happen, a reason (kept with it), and the
 * server's refusal, naming the field, when it refuses.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api.ts';

export function ReasonDialog({
  title,
  help,
  confirmLabel,
  danger = false,
  onClose,
  onSubmit,
}: {
  readonly title: string;
  readonly help: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly onClose: () => void;
  readonly onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation('entity');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason);
    } catch (problem) {
      setError(describeError(problem));
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">{help}</Text>
          <Textarea
            label={t('reason')}
            description={t('reasonHelp')}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
            }}
            autosize
            minRows={2}
            required
            data-autofocus
            error={error !== null}
          />
          {error === null ? null : (
            <Alert color="red" role="alert" title={t('app.error')}>
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={danger ? 'red.9' : undefined}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
