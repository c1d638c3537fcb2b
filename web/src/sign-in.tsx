/**
 * Sign-in: e-mail and password, then the code of the authenticator app (enrolled here on the
 * first sign-in, from the key the server shows once), then the purpose of the session.
 */
import {
  Alert,
  Anchor,
  Button,
  Code,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from './api.ts';
import { LanguagePicker } from './language-picker.tsx';
import { useSession } from './session.tsx';

type Stage = { readonly step: 'password' } | { readonly step: 'code'; readonly enrolment?: Enrolment };

interface Enrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

export function SignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [stage, setStage] = useState<Stage>({ step: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submitPassword = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { next } = await api<{ next: 'totp' | 'totp_enrolment' }>('/auth/sign-in', {
        method: 'POST',
        body: { email, password },
      });
      if (next === 'totp_enrolment') {
        const enrolment = await api<Enrolment>('/auth/totp/enrol', { method: 'POST' });
        setStage({ step: 'code', enrolment });
      } else setStage({ step: 'code' });
      setPassword('');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/auth/totp', { method: 'POST', body: { code } });
      await refresh();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Container size={460} py="xl" component="main">
      <Stack>
        <LanguagePicker />
        <Paper withBorder p="lg" radius="md">
          <Title order={1} size="h2" mb="md">
            {t('signIn.title')}
          </Title>
          {error === null ? null : (
            <Alert color="red" mb="md" role="alert">
              {error}
            </Alert>
          )}
          {stage.step === 'password' ? (
            <form onSubmit={(event) => void submitPassword(event)}>
              <Stack>
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(event) => {
                    setEmail(event.currentTarget.value);
                  }}
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => {
                    setPassword(event.currentTarget.value);
                  }}
                />
                <Button type="submit" loading={busy}>
                  {t('signIn.next')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('signIn.demoHint')}
                </Text>
              </Stack>
            </form>
          ) : (
            <form onSubmit={(event) => void submitCode(event)}>
              <Stack>
                {stage.enrolment === undefined ? null : (
                  <Stack gap="xs">
                    <Title order={2} size="h4">
                      {t('signIn.enrolTitle')}
                    </Title>
                    <Text size="sm">{t('signIn.enrolHelp')}</Text>
                    <Text size="sm">
                      {t('signIn.secret')}: <Code data-testid="totp-secret">{stage.enrolment.secret}</Code>
                    </Text>
                    <Anchor href={stage.enrolment.otpauthUri} size="sm">
                      {t('signIn.openInApp')}
                    </Anchor>
                  </Stack>
                )}
                <TextInput
                  label={t('signIn.code')}
                  description={t('signIn.codeHelp')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  value={code}
                  onChange={(event) => {
                    setCode(event.currentTarget.value);
                  }}
                />
                <Button type="submit" loading={busy}>
                  {t('signIn.verify')}
                </Button>
                <Button
                  variant="subtle"
                  onClick={() => {
                    setStage({ step: 'password' });
                    setCode('');
                    setError(null);
                  }}
                >
                  {t('signIn.back')}
                </Button>
              </Stack>
            </form>
          )}
        </Paper>
      </Stack>
    </Container>
  );
}
