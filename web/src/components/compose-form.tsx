/**
 * Writing a text and sending it (a case note, a reply to a reporter, a message between
 * organisations): the box, the button, and what became of it; the box empties once it is sent.
 */
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { OutcomeLine, useOutcome } from './outcome.tsx';

export function ComposeForm<T>({
  label,
  description,
  submit,
  formLabel,
  send,
  done,
  onSent,
}: {
  readonly label: string;
  readonly description?: string;
  /** The button's label. */
  readonly submit: string;
  /** The form's accessible name, when the page holds several forms. */
  readonly formLabel?: string;
  readonly send: (body: string) => Promise<T>;
  /** What is said once sent: a sentence, or one made from the server's answer. */
  readonly done: string | ((result: T) => string);
  readonly onSent?: () => void;
}) {
  const [body, setBody] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={formLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => send(body), done).then((sent) => {
          if (!sent) return;
          setBody('');
          onSent?.();
        });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={label}
          description={description}
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
            {submit}
          </Button>
          <OutcomeLine outcome={outcome} />
        </Group>
      </Stack>
    </form>
  );
}
