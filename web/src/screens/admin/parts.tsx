/**
 * Pieces the administration tabs share: the server's error said plainly (with the fields it names
 * put on their inputs), a confirmation before a change that cannot simply be undone, and a secret
 * shown once with a copy button.
 */
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../api.ts';

/** The server's message for each field it named, for the inputs' `error`. */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((problem) => [problem.field, problem.message]));
}

/** An alert's title in the body's text colour: a tinted title on a tinted ground is too faint (WCAG AA). */
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } } as const;

/**
 * A button in a row, named for what it acts on: the visible text starts the accessible name (so
 * speech input can say it), and the row's subject follows for screen readers.
 */
export function RowButton({
  label,
  subject,
  danger = false,
  onClick,
}: {
  readonly label: string;
  readonly subject: string;
  readonly danger?: boolean;
  readonly onClick: () => void;
}) {
  return (
    <Button size="xs" variant="light" color={danger ? 'red' : undefined} onClick={onClick}>
      {label}
      <VisuallyHidden component="span"> ({subject})</VisuallyHidden>
    </Button>
  );
}

/** What went wrong, as the server said it; nothing when nothing did. */
export function FormError({ error }: { readonly error: unknown }) {
  const { t } = useTranslation('admin');
  if (error === undefined) return null;
  return (
    <Alert color="red" title={t('refused')} role="alert" styles={READABLE_TITLE}>
      {describeError(error)}
    </Alert>
  );
}

/** A short message after a change, read out by screen readers. */
export function Status({ message }: { readonly message: string | null }) {
  return (
    <Text role="status" aria-live="polite" size="sm">
      {message}
    </Text>
  );
}

/** A date and time in the reader's language. */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}

/** Asks before `onConfirm`; the server's refusal stays in the dialog. */
export function Confirm({
  opened,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  readonly opened: boolean;
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      close();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <Stack>
        <Text size="sm">{message}</Text>
        <FormError error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('app.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A secret shown this once, with a copy button, until the administrator dismisses it. */
export function ShownOnce({
  label,
  help,
  value,
  onDismiss,
}: {
  readonly label: string;
  readonly help: string;
  readonly value: string;
  readonly onDismiss: () => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <Alert color="yellow" title={label} data-testid="shown-once" styles={READABLE_TITLE}>
      <Stack gap="xs">
        <Text size="sm">{help}</Text>
        <Code block data-testid="secret" dir="ltr">
          {value}
        </Code>
        <Group gap="xs">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? t('copied') : t('copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDismiss}>
            {t('dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
