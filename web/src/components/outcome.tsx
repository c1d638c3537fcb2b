/**
 * What became of the last thing the user did on a screen: a line read out politely by screen
 * readers, the server's own message (naming the fields) when it refused.
 */
import { Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { describeError } from '../api.ts';

export interface Outcome {
  readonly text: string;
  readonly failed: boolean;
}

/** Runs an action and keeps its outcome: `done` (or what it says of the result) on success, the server's message on refusal. */
export function useOutcome(): {
  readonly outcome: Outcome | null;
  readonly busy: boolean;
  readonly run: <T>(action: () => Promise<T>, done: string | ((result: T) => string)) => Promise<boolean>;
} {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(action: () => Promise<T>, done: string | ((result: T) => string)) => {
    setBusy(true);
    try {
      const result = await action();
      setOutcome({ text: typeof done === 'string' ? done : done(result), failed: false });
      return true;
    } catch (error) {
      setOutcome({ text: describeError(error), failed: true });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { outcome, busy, run };
}

/** The outcome, as a live status line. */
export function OutcomeLine({ outcome }: { readonly outcome: Outcome | null }) {
  return (
    <Text role="status" aria-live="polite" size="sm" c={outcome?.failed === true ? 'red.9' : undefined}>
      {outcome?.text}
    </Text>
  );
}
