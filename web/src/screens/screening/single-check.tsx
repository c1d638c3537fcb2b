/**
 * The single check: who to screen (names, date of birth, nationality, a document, a phone, an
 * e-mail, the caller's own reference), and the answer as the API gives it. The server says when
 * there is nothing to screen by, naming the field.
 */
import { Alert, Button, Fieldset, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, describeError } from '../../api.ts';
import { countryOptions } from '../../components/countries.ts';
import { ScreenResultView } from './screen-result.tsx';
import type { ScreenResult } from './screening-api.ts';

const FIELDS = [
  'name',
  'otherName',
  'birthDate',
  'nationality',
  'documentNumber',
  'documentCountry',
  'phone',
  'email',
  'reference',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const EMPTY: Values = Object.fromEntries(FIELDS.map((field) => [field, ''])) as Values;

/** The API's field (names, documents[0].number…) as the form's. */
const FORM_FIELD: Readonly<Record<string, Field>> = {
  names: 'name',
  birthDates: 'birthDate',
  nationalities: 'nationality',
  documents: 'documentNumber',
  phones: 'phone',
  emails: 'email',
  reference: 'reference',
};

const some = (...values: string[]) => {
  const kept = values.map((value) => value.trim()).filter((value) => value !== '');
  return kept.length === 0 ? undefined : kept;
};

/** The query the API takes: only what was given. */
function queryOf(values: Values): Record<string, unknown> {
  const document = values.documentNumber.trim();
  const query: Record<string, unknown> = {
    names: some(values.name, values.otherName),
    birthDates: some(values.birthDate),
    nationalities: some(values.nationality),
    documents:
      document === ''
        ? undefined
        : [{ number: document, ...(values.documentCountry === '' ? {} : { country: values.documentCountry }) }],
    phones: some(values.phone),
    emails: some(values.email),
    reference: values.reference.trim() === '' ? undefined : values.reference.trim(),
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

function errorsOf(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError)) return {};
  const found: Partial<Record<Field, string>> = {};
  for (const problem of error.details) {
    const field = FORM_FIELD[/^[A-Za-z]+/.exec(problem.field)?.[0] ?? ''];
    if (field !== undefined) found[field] = problem.message;
  }
  return found;
}

export function SingleCheck() {
  const { t, i18n } = useTranslation('screening');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const [values, setValues] = useState<Values>(EMPTY);
  const [result, setResult] = useState<ScreenResult | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = errorsOf(problem);

  const set = (field: Field) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
  };
  const text = (field: Field, extra: { description?: string; type?: string } = {}) => (
    <TextInput
      label={t(`form.${field}`)}
      name={field}
      value={values[field]}
      error={errors[field]}
      onChange={(event) => {
        set(field)(event.currentTarget.value);
      }}
      {...extra}
    />
  );
  const country = (field: 'nationality' | 'documentCountry') => (
    <Select
      label={t(`form.${field}`)}
      placeholder={t('form.searchCountry')}
      data={countries}
      searchable
      clearable
      value={values[field] === '' ? null : values[field]}
      error={errors[field]}
      onChange={(value) => {
        set(field)(value ?? '');
      }}
    />
  );

  const check = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      setResult(await api<ScreenResult>('/screen', { method: 'POST', body: queryOf(values) }));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <form onSubmit={(event) => void check(event)} noValidate>
        <Stack>
          <Fieldset legend={t('form.legend')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {text('name')}
              {text('otherName')}
              {text('birthDate', { description: t('form.birthDateHelp') })}
              {country('nationality')}
              {text('documentNumber')}
              {country('documentCountry')}
              {text('phone', { type: 'tel' })}
              {text('email', { type: 'email' })}
              {text('reference', { description: t('form.referenceHelp') })}
            </SimpleGrid>
          </Fieldset>
          <Group>
            <Button type="submit" loading={busy}>
              {t('form.submit')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setValues(EMPTY);
                setResult(null);
                setProblem(null);
              }}
            >
              {t('form.clear')}
            </Button>
          </Group>
        </Stack>
      </form>
      {problem === null ? null : (
        <Alert color="red" role="alert" title={t('app.error')}>
          {describeError(problem)}
        </Alert>
      )}
      <div aria-live="polite">
        {result === null ? null : (
          <Stack gap="xs">
            <Title order={3}>{t('result.title')}</Title>
            <ScreenResultView result={result} />
          </Stack>
        )}
      </div>
    </Stack>
  );
}
