/**
 * Loading data for a screen: the answer, the error (with the server's message and the fields it
 * names), and a way to load again; a newer request replaces an older one still in flight.
 */
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from './api.ts';
import { useSession } from './session.tsx';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs `load` now and whenever `keys` or the session's purpose change. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const { purpose } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
      },
    );
    return () => {
      controller.abort();
    };
  }, [...keys, purpose, round]);
  const reload = useCallback(() => {
    setRound((value) => value + 1);
  }, []);
  return { ...state, reload };
}

/** The error of a load, said plainly; "restricted" when the server refuses to show it. */
export function LoadError({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useTranslation();
  const restricted = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <Alert color={restricted ? 'gray' : 'red'} title={restricted ? t('app.restricted') : t('app.error')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{restricted ? t('app.restrictedHelp') : describeError(error)}</Text>
        {onRetry === undefined || restricted ? null : (
          <Button size="xs" variant="light" onClick={onRetry} w="fit-content">
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** The data once loaded; a loader before, the error instead. */
export function Loading<T>({
  loaded,
  children,
}: {
  readonly loaded: Loaded<T>;
  readonly children: (data: T) => ReactNode;
}) {
  if (loaded.error !== undefined) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Busy />;
  return <>{children(loaded.data)}</>;
}

/**
 * Something still loading: a spinner announced as a status (a label alone on the spinner's element,
 * which has no role, is not allowed by ARIA and not read out).
 */
export function Busy({ fill = false }: { readonly fill?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center {...(fill ? { h: '100vh' } : { p: 'xl' })}>
      <Loader role="status" aria-label={t('app.loading')} />
    </Center>
  );
}
