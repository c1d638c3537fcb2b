/**
 * Drafting a notice: the type chosen first, then the fields it asks for, the distribution, the
 * expiry and the marking. The server validates; its problems show under the fields they name.
 * Once saved, the draft opens, to be amended and submitted for review.
 */
import { Alert, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import { Link, navigate, useTitle } from '../../router.tsx';
import {
  blankForm,
  fieldErrorsOf,
  propertiesOf,
  TLP_LABELS,
  withoutEmpty,
  type NoticeForm,
  type NoticeWithHistory,
} from './notice-model.ts';
import { NoticeFields } from './notice-fields.tsx';

export function NoticeCreate() {
  const { t } = useTranslation('notices');
  useTitle(t('create.title'));
  const [form, setForm] = useState<NoticeForm>(() => blankForm());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const saved = await api<NoticeWithHistory>('/notices', {
        method: 'POST',
        body: {
          properties: withoutEmpty(propertiesOf(form)),
          ...(form.tlp === '' ? {} : { envelope: { tlp: form.tlp } }),
        },
      });
      navigate(`/notices/${encodeURIComponent(saved.notice.id)}?saved=1`);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setProblem(describeError(error));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack>
        <Link to="/notices">{t('detail.back')}</Link>
        <Title order={2}>{t('create.title')}</Title>
        <Text c="dimmed">{t('create.intro')}</Text>
        <NoticeFields form={form} onChange={setForm} errors={errors} />
        <Select
          label={t('fields.tlp')}
          description={t('help.tlp')}
          w={{ base: '100%', md: 360 }}
          allowDeselect={false}
          data={[
            { value: '', label: t('tlpDefault') },
            ...TLP_LABELS.map((value) => ({ value, label: `TLP:${value}` })),
          ]}
          value={form.tlp}
          error={errors['tlp']}
          onChange={(value) => {
            setForm({ ...form, tlp: value ?? '' });
          }}
        />
        {problem === null ? null : (
          <Alert color="red" role="alert" title={t('app.error')}>
            {problem}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            {t('create.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
